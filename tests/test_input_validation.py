"""Every input rule is checked before anything is sent: each refusal names the input and
the rule, and the loopback gateway behind the client receives no POST at all."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio
from PIL import Image, ImageDraw

from lemon_desktop.api.client import LemonClient, Timeouts
from lemon_desktop.api.profiles.schema import InvalidRequest
from lemon_desktop.api.request import ImageRequest, InputImage, Operation, Params
from lemon_desktop.api.routing import send_request

from .conftest import FAST_RETRY
from .hostile_server import HostileServer, json_reply

pytestmark = pytest.mark.asyncio

RED = (220, 30, 30)


@pytest.fixture
def gateway() -> Iterator[HostileServer]:
    """Answers every request with an error: a test passes only if nothing is POSTed."""
    refusal = json_reply({"error": {"message": "should not be asked", "code": "x"}}, 500)
    with HostileServer({"*": refusal}) as server:
        yield server


@pytest_asyncio.fixture
async def api(gateway: HostileServer) -> AsyncIterator[LemonClient]:
    async with LemonClient(
        gateway.base_url,
        "sk-test",
        timeouts=Timeouts(connect=5, read=10, write=10, pool=5, call_deadline=20),
        retry=FAST_RETRY,
    ) as client:
        yield client


def image(path: Path, size: tuple[int, int] = (64, 64), fmt: str = "PNG",
          mode: str = "RGB", colour: tuple[int, ...] | int = RED) -> InputImage:  # fmt: skip
    Image.new(mode, size, colour).save(path, fmt)
    return InputImage(hashlib.sha256(path.read_bytes()).hexdigest(), path=str(path))


def mask(path: Path, size: tuple[int, int] = (64, 64), hole: bool = True,
         alpha: int = 255) -> InputImage:  # fmt: skip
    picture = Image.new("RGBA", size, (0, 0, 0, alpha))
    if hole:
        ImageDraw.Draw(picture).rectangle((8, 8, 20, 20), fill=(0, 0, 0, 0))
    picture.save(path, "PNG")
    return InputImage(hashlib.sha256(path.read_bytes()).hexdigest(), path=str(path))


async def refused(
    api: LemonClient,
    gateway: HostileServer,
    model: str,
    *inputs: InputImage,
    operation: Operation = "edit",
    prompt: str = "change it",
    the_mask: InputImage | None = None,
    **params: object,
) -> str:
    request = ImageRequest(
        model, prompt, Params(params), inputs=inputs, mask=the_mask, operation=operation
    )
    with pytest.raises(InvalidRequest) as caught:
        await send_request(api, request)
    assert not [r for r in gateway.requests if r.method == "POST"]
    return str(caught.value)


async def test_too_many_images_is_refused_before_sending(
    api: LemonClient, gateway: HostileServer, tmp_path: Path
) -> None:
    one = image(tmp_path / "a.png")
    text = await refused(api, gateway, "gpt-image-2", *([one] * 17))
    assert "at most 16" in text and "17 were given" in text and "too_many_images" in text
    text = await refused(api, gateway, "grok-imagine-image", *([one] * 4))
    assert "at most 3" in text and "too_many_images" in text


async def test_too_few_images(api: LemonClient, gateway: HostileServer, tmp_path: Path) -> None:
    one = image(tmp_path / "a.png")
    text = await refused(api, gateway, "mj-blend", one, operation="blend")
    assert "at least 2" in text
    text = await refused(api, gateway, "nano-banana-edit")
    assert "at least 1 input image" in text


async def test_unreadable_and_missing_files(
    api: LemonClient, gateway: HostileServer, tmp_path: Path
) -> None:
    junk = tmp_path / "notes.png"
    junk.write_text("not a picture")
    text = await refused(api, gateway, "gpt-image-2", InputImage("0" * 64, path=str(junk)))
    assert "inputs[0] (notes.png)" in text and "not a readable image" in text
    gone = InputImage("0" * 64, path=str(tmp_path / "gone.png"))
    assert "does not exist" in await refused(api, gateway, "gpt-image-2", gone)


async def test_a_format_the_route_does_not_take_is_converted_and_named(tmp_path: Path) -> None:
    from lemon_desktop.api.input_checks import check_inputs
    from lemon_desktop.api.profiles.inputs import input_profile

    gif = image(tmp_path / "anim.gif", fmt="GIF", mode="P", colour=3)
    profile = input_profile("gpt-image-2", "edit")
    assert profile is not None
    checked = check_inputs(
        ImageRequest("gpt-image-2", "x", inputs=(gif,), operation="edit"), profile
    )
    assert checked.images[0].to_png
    assert "anim.gif" in checked.notes[0] and "lossless" in checked.notes[0]


async def test_byte_size_over_the_limit(
    api: LemonClient, gateway: HostileServer, tmp_path: Path
) -> None:
    path = tmp_path / "huge.png"
    small = image(path)
    with path.open("r+b") as handle:  # a sparse tail: 51 MB on paper, nothing written
        handle.truncate(51 * 1024 * 1024)
    text = await refused(api, gateway, "gpt-image-2", InputImage(small.sha256, path=str(path)))
    assert "huge.png" in text and "at most 50 MB per image" in text


async def test_square_png_only_for_dalle2(
    api: LemonClient, gateway: HostileServer, tmp_path: Path
) -> None:
    wide = image(tmp_path / "wide.png", size=(64, 32))
    text = await refused(api, gateway, "dall-e-2", wide, operation="variation", prompt="")
    assert "64x32" in text and "square" in text


async def test_mask_rules(api: LemonClient, gateway: HostileServer, tmp_path: Path) -> None:
    source = image(tmp_path / "src.png")
    no_alpha = image(tmp_path / "flat.png")
    text = await refused(api, gateway, "gpt-image-2", source, the_mask=no_alpha)
    assert "mask (flat.png)" in text and "no alpha channel" in text
    jpeg = image(tmp_path / "m.jpg", fmt="JPEG")
    assert "no alpha channel" in await refused(api, gateway, "gpt-image-2", source, the_mask=jpeg)
    small = mask(tmp_path / "small.png", size=(32, 32))
    text = await refused(api, gateway, "gpt-image-2", source, the_mask=small)
    assert "32x32" in text and "64x64" in text and "first image" in text
    opaque = mask(tmp_path / "opaque.png", hole=False)
    assert "masks nothing" in await refused(api, gateway, "gpt-image-2", source, the_mask=opaque)
    clear = mask(tmp_path / "clear.png", hole=False, alpha=0)
    assert "masks everything" in await refused(api, gateway, "gpt-image-2", source, the_mask=clear)
    good = mask(tmp_path / "good.png")
    text = await refused(api, gateway, "grok-imagine-image", source, the_mask=good)
    assert "takes no mask" in text


async def test_dalle2_edit_needs_transparency_or_a_mask(
    api: LemonClient, gateway: HostileServer, tmp_path: Path
) -> None:
    solid = image(tmp_path / "solid.png")
    text = await refused(api, gateway, "dall-e-2", solid, size="256x256")
    assert "no transparent area" in text


async def test_prompt_rules(api: LemonClient, gateway: HostileServer, tmp_path: Path) -> None:
    source = image(tmp_path / "src.png")
    assert "needs a prompt" in await refused(api, gateway, "gpt-image-2", source, prompt=" ")
    text = await refused(api, gateway, "dall-e-2", source, operation="variation", prompt="cats")
    assert "takes no prompt" in text


async def test_parameters_that_do_not_apply(
    api: LemonClient, gateway: HostileServer, tmp_path: Path
) -> None:
    source = image(tmp_path / "src.png")
    text = await refused(api, gateway, "gpt-image-2", source, resolution="2k", background="opaque")
    assert "takes no resolution" in text and "takes no background" in text
    text = await refused(
        api, gateway, "nano-banana", source, operation="image-to-image", resolution="2k"
    )
    assert "nano-banana image-to-image takes no resolution" in text
    assert "not streamed" in await refused(api, gateway, "gpt-image-2", source, partial_images=2)


async def test_routes_that_take_public_urls_for_the_rest(
    api: LemonClient, gateway: HostileServer, tmp_path: Path
) -> None:
    one, two = image(tmp_path / "a.png"), image(tmp_path / "b.png")
    text = await refused(api, gateway, "nano-banana", one, two, operation="image-to-image")
    assert "public URLs" in text and "refuses local and private addresses" in text
    private = InputImage("", url="http://192.168.1.20/cat.png")
    text = await refused(api, gateway, "gpt-image-2", private)
    assert "192.168.1.20 is a local or private address" in text


async def test_models_and_operations_that_do_not_fit(
    api: LemonClient, gateway: HostileServer, tmp_path: Path
) -> None:
    source = image(tmp_path / "src.png")
    text = await refused(api, gateway, "dall-e-3", source)
    assert "dall-e-3 has no input profile" in text
    text = await refused(api, gateway, "dall-e-2", source, operation="upscale")
    assert "does not take upscale" in text and "variation at /v1/images/variations" in text
    text = await refused(api, gateway, "mj-describe", source, operation="describe", prompt="")
    assert "answers with text" in text
