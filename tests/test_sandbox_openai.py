"""The sandbox driven by the official openai-python client (the ``bench`` extra), over
real loopback HTTP: if the SDK that most callers use reads the sandbox the way it reads
the documented gateway, the sandbox's shapes are right."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from typing import Any

import openai
import pytest
from PIL import Image, ImageDraw

from lemon_desktop.sandbox import SandboxOptions, SandboxServer
from lemon_desktop.sandbox.editing import repaint_colour

RED, BLUE = (220, 30, 30), (20, 40, 210)


@pytest.fixture(scope="module")
def sb() -> Iterator[SandboxServer]:
    with SandboxServer(task_seconds=0.2, options=SandboxOptions(mask_leak=0.0)) as server:
        yield server


@pytest.fixture
def client(sb: SandboxServer) -> Iterator[Any]:
    with openai.OpenAI(base_url=sb.base_url + "/v1", api_key=sb.api_key, max_retries=0) as oa:
        yield oa


def png(colour: tuple[int, ...], size: tuple[int, int] = (64, 64), mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def mask_png() -> bytes:
    mask = Image.new("RGBA", (64, 64), (255, 255, 255, 255))
    ImageDraw.Draw(mask).rectangle((0, 0, 31, 63), (0, 0, 0, 0))  # left half: edit here
    buffer = io.BytesIO()
    mask.save(buffer, "PNG")
    return buffer.getvalue()


def decoded(b64: str | None) -> Image.Image:
    assert b64
    image = Image.open(io.BytesIO(base64.b64decode(b64)))
    image.load()
    return image.convert("RGB")


def test_images_edit_with_several_images_and_a_mask(client: Any) -> None:
    result = client.images.edit(
        model="gpt-image-2",
        image=[("a.png", png(RED), "image/png"), ("b.png", png(BLUE), "image/png")],
        mask=("m.png", mask_png(), "image/png"),
        prompt="left half",
        response_format="b64_json",
    )
    assert result.data is not None and len(result.data) == 1
    out = decoded(result.data[0].b64_json)
    # Masked half: the repaint colour blended with the second image; the rest: the first.
    assert out.getpixel((50, 32)) == RED
    expected = tuple(
        (a + b) // 2 for a, b in zip(repaint_colour("left half", 0), BLUE, strict=True)
    )
    got = out.getpixel((10, 32))
    assert isinstance(got, tuple)
    assert all(abs(a - b) <= 1 for a, b in zip(got, expected, strict=True))
    assert result.usage is not None and result.usage.input_tokens > 0


def test_images_edit_errors_are_typed_by_the_sdk(client: Any) -> None:
    too_many = [(f"{n}.png", png(RED, (8, 8)), "image/png") for n in range(4)]
    with pytest.raises(openai.BadRequestError) as caught:
        client.images.edit(model="grok-imagine-image", image=too_many, prompt="x")
    assert caught.value.code == "too_many_images"
    with pytest.raises(openai.BadRequestError) as caught:
        client.images.edit(
            model="gpt-image-2", image=("a.png", png(RED), "image/png"), prompt="x", stream=True
        )
    assert caught.value.code == "stream_not_supported" and caught.value.param == "stream"


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # the SDK marks variations legacy
def test_create_variation(client: Any) -> None:
    result = client.images.create_variation(
        model="dall-e-2",
        image=("a.png", png(RED, (256, 256)), "image/png"),
        n=2,
        size="256x256",
        response_format="b64_json",
    )
    assert result.data is not None and len(result.data) == 2
    assert decoded(result.data[0].b64_json).getpixel((128, 128)) == RED


def test_files_create_retrieve_use_and_delete(client: Any) -> None:
    uploaded = client.files.create(file=("ref.png", png(BLUE), "image/png"), purpose="vision")
    assert uploaded.id.startswith("file-") and uploaded.bytes == len(png(BLUE))
    assert uploaded.expires_at is not None and uploaded.expires_at > uploaded.created_at
    assert client.files.retrieve(uploaded.id).filename == "ref.png"
    assert uploaded.id in [f.id for f in client.files.list(purpose="vision")]
    # The JSON edit form with a file id: openai-python has no method for it, so post it.
    result = client.post(
        "/images/edits",
        body={"model": "gpt-image-2", "prompt": "f", "images": [{"file_id": uploaded.id}],
              "response_format": "b64_json"},
        cast_to=openai.types.ImagesResponse,
    )  # fmt: skip
    assert result.data is not None
    assert decoded(result.data[0].b64_json).getpixel((32, 32)) == BLUE
    assert client.files.delete(uploaded.id).deleted is True
    with pytest.raises(openai.NotFoundError):
        client.files.retrieve(uploaded.id)


def test_stream_on_a_model_that_does_not_stream_is_an_error_not_silence(
    client: Any,
) -> None:
    # Before: the sandbox ignored stream, the SDK found no events and the image was lost.
    with pytest.raises(openai.BadRequestError) as caught:
        list(client.images.generate(model="dall-e-2", prompt="x", size="256x256", stream=True))
    assert caught.value.code == "stream_not_supported"
    events = list(
        client.images.generate(
            model="gpt-image-1.5", prompt="x", size="1024x1024", stream=True, partial_images=1
        )
    )
    assert [e.type for e in events] == [
        "image_generation.partial_image",
        "image_generation.completed",
    ]


def test_documented_error_types_reach_the_sdk(sb: SandboxServer) -> None:
    bad = openai.OpenAI(base_url=sb.base_url + "/v1", api_key="sk-wrong", max_retries=0)
    with bad, pytest.raises(openai.AuthenticationError) as caught:
        bad.models.list()
    assert caught.value.type == "invalid_api_key"
    with openai.OpenAI(base_url=sb.base_url + "/v1", api_key=sb.api_key, max_retries=0) as oa:
        sb.set_faults("429=2@models*1")
        with pytest.raises(openai.RateLimitError) as limited:
            oa.models.list()
        assert limited.value.type == "rate_limit_exceeded"
        assert limited.value.response.headers["x-ratelimit-limit"] == "60"
        sb.set_faults("402@create*1")
        with pytest.raises(openai.APIStatusError) as broke:
            oa.images.generate(model="midjourney", prompt="x")
        assert broke.value.status_code == 402 and broke.value.type == "insufficient_balance"
        assert isinstance(broke.value.body, dict) and broke.value.body["suggestions"]
    sb.set_faults(None)
