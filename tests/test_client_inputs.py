"""The client's image-input routes over real loopback HTTP: edits in both forms (multipart
streamed from disk, JSON with file ids and URLs), uploads remembered per sha256, model and
gateway with their expiry, image-to-image on generations, variations, finishing tools, the
gateway's model details overriding the built-in profile, and the fidelity fixes (refused
streams, typed errors, hints and suggestions)."""

from __future__ import annotations

import base64
import hashlib
import io
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import httpx2
import pytest
from PIL import Image, ImageDraw

from lemon_desktop.api.client import LemonClient, Timeouts
from lemon_desktop.api.errors import (
    AuthenticationError,
    InsufficientBalanceError,
    RateLimitError,
)
from lemon_desktop.api.multipart import InputChangedError
from lemon_desktop.api.polling import wait_for_task
from lemon_desktop.api.profiles.contract import ModelContract
from lemon_desktop.api.profiles.inputs import EDITS, GENERATIONS, input_profile
from lemon_desktop.api.request import ImageRequest, InputImage, Operation, Params
from lemon_desktop.api.routing import plan_request, send_request
from lemon_desktop.api.streaming import create_image_streamed
from lemon_desktop.api.types import ImagesResult, TaskRef, TaskStatus
from lemon_desktop.api.uploads import (
    FileKey,
    MemoryFileIdCache,
    RememberedFile,
    delete_file,
    get_file,
    list_files,
    upload_file,
)
from lemon_desktop.sandbox import SandboxOptions, SandboxServer

from .conftest import FAST_RETRY
from .hostile_server import HostileServer, Reply, Request, json_reply

pytestmark = pytest.mark.asyncio

RED, GREEN, BLUE = (220, 30, 30), (30, 200, 40), (20, 40, 210)


# ----- helpers ------------------------------------------------------------------------------


def write_image(path: Path, colour: tuple[int, ...], size: tuple[int, int] = (64, 64),
                fmt: str = "PNG", mode: str = "RGB") -> InputImage:  # fmt: skip
    Image.new(mode, size, colour).save(path, fmt)
    return InputImage(sha256=hashlib.sha256(path.read_bytes()).hexdigest(), path=str(path))


def write_mask(path: Path, size: tuple[int, int] = (64, 64)) -> InputImage:
    mask = Image.new("RGBA", size, (0, 0, 0, 255))
    ImageDraw.Draw(mask).rectangle((16, 16, 47, 39), fill=(0, 0, 0, 0))
    mask.save(path, "PNG")
    return InputImage(sha256=hashlib.sha256(path.read_bytes()).hexdigest(), path=str(path))


def edit(
    model: str,
    *inputs: InputImage,
    mask: InputImage | None = None,
    operation: Operation = "edit",
    prompt: str = "paint it",
    **params: object,
) -> ImageRequest:
    return ImageRequest(
        model=model,
        prompt=prompt,
        params=Params(params),
        inputs=inputs,
        mask=mask,
        operation=operation,
    )


def first_image(result: ImagesResult | TaskRef) -> Image.Image:
    assert isinstance(result, ImagesResult)
    data = result.images[0].b64_json
    assert data is not None
    return Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB")


@asynccontextmanager
async def client_for(base_url: str, key: str = "sk-test") -> AsyncIterator[LemonClient]:
    async with LemonClient(
        base_url,
        key,
        timeouts=Timeouts(connect=5, read=30, write=10, pool=5, call_deadline=60),
        retry=FAST_RETRY,
    ) as api:
        yield api


async def put_on_cdn(sandbox: SandboxServer, path: Path) -> str:
    async with httpx2.AsyncClient() as http:
        answer = await http.post(
            f"{sandbox.base_url}/_sandbox/cdn",
            content=path.read_bytes(),
            headers={"Authorization": f"Bearer {sandbox.api_key}", "Content-Type": "image/png"},
        )
    url: str = answer.json()["url"]
    return url


# ----- edits ---------------------------------------------------------------------------------


async def test_multipart_edit_with_mask_streams_the_files(
    client: LemonClient, sandbox: SandboxServer, tmp_path: Path
) -> None:
    sandbox.set_options(mask_leak=0.0)
    source = write_image(tmp_path / "red.png", RED)
    mask = write_mask(tmp_path / "mask.png")
    sent = await send_request(
        client, edit("gpt-image-2", source, mask=mask, response_format="b64_json")
    )
    assert (sent.route, sent.form, sent.uploaded) == (EDITS, "multipart", ())
    assert sandbox.stats.edit_requests == 1 and sandbox.stats.file_uploads == 0
    result = first_image(sent.result)
    # Outside the mask's hole the red source shows; inside it the sandbox repainted.
    assert result.getpixel((2, 2)) == RED
    assert result.getpixel((30, 28)) != RED


async def test_sixteen_sources_go_as_repeated_image_fields(
    client: LemonClient, sandbox: SandboxServer, tmp_path: Path
) -> None:
    sources = [write_image(tmp_path / f"{i}.png", (i * 15, 0, 0)) for i in range(16)]
    sent = await send_request(client, edit("gpt-image-2", *sources))
    assert sent.form == "multipart" and isinstance(sent.result, ImagesResult)


async def test_upload_once_then_reuse_the_file_id(
    client: LemonClient, sandbox: SandboxServer, tmp_path: Path
) -> None:
    cache = MemoryFileIdCache()
    source = write_image(tmp_path / "red.png", RED)
    mask = write_mask(tmp_path / "mask.png")
    request = edit("gpt-image-2", source, mask=mask)
    first = await send_request(client, request, file_ids=cache, form="upload")
    assert first.form == "json" and len(first.uploaded) == 2
    assert sandbox.stats.file_uploads == 2
    key = FileKey(source.sha256, "gpt-image-2", client.base_url)
    remembered = cache.get(key)
    assert remembered is not None and remembered.file_id in first.file_ids.values()
    assert remembered.expires_at is not None and remembered.expires_at > time.time()
    # Same bytes, same model, same gateway: no upload, ids reused ("auto" sees them).
    second = await send_request(client, request, file_ids=cache)
    assert second.form == "json" and second.uploaded == ()
    assert second.file_ids == first.file_ids
    assert sandbox.stats.file_uploads == 2 and sandbox.stats.edit_requests == 2


async def test_an_expired_id_is_uploaded_again(
    client: LemonClient, sandbox: SandboxServer, tmp_path: Path
) -> None:
    cache = MemoryFileIdCache()
    source = write_image(tmp_path / "red.png", RED)
    key = FileKey(source.sha256, "gpt-image-2", client.base_url)
    # An id the cache knows has expired: uploaded anew before sending.
    cache.put(key, RememberedFile("file-old", expires_at=time.time() - 5))
    sent = await send_request(client, edit("gpt-image-2", source), file_ids=cache, form="upload")
    assert sent.uploaded == (sent.uploaded[0],) and sandbox.stats.file_uploads == 1
    fresh = cache.get(key)
    assert fresh is not None and fresh.file_id != "file-old"
    # An id the gateway expired early (the cache still thinks it good): refused with a
    # 400 before anything ran, uploaded again, sent once more.
    async with httpx2.AsyncClient() as http:
        await http.post(
            f"{sandbox.base_url}/_sandbox/files/{fresh.file_id}/expire",
            headers={"Authorization": f"Bearer {sandbox.api_key}"},
        )
    again = await send_request(client, edit("gpt-image-2", source), file_ids=cache)
    assert again.form == "json" and len(again.uploaded) == 1
    assert sandbox.stats.file_uploads == 2 and sandbox.stats.edit_requests == 2


async def test_ids_are_per_model_and_gateway(
    client: LemonClient, sandbox: SandboxServer, tmp_path: Path
) -> None:
    cache = MemoryFileIdCache()
    source = write_image(tmp_path / "red.png", RED)
    await send_request(client, edit("gpt-image-2", source), file_ids=cache, form="upload")
    with SandboxServer() as other:
        async with client_for(other.base_url, other.api_key) as elsewhere:
            sent = await send_request(
                elsewhere, edit("gpt-image-2", source), file_ids=cache, form="upload"
            )
        assert len(sent.uploaded) == 1 and other.stats.file_uploads == 1


async def test_json_edit_with_public_urls(
    client: LemonClient, sandbox: SandboxServer, tmp_path: Path
) -> None:
    path = tmp_path / "red.png"
    write_image(path, RED)
    url = await put_on_cdn(sandbox, path)
    sent = await send_request(client, edit("gpt-image-2", InputImage(sha256="", url=url)))
    assert (sent.form, sent.route) == ("json", EDITS)
    assert isinstance(sent.result, ImagesResult)


async def test_local_and_url_inputs_mix_through_uploads(
    client: LemonClient, sandbox: SandboxServer, tmp_path: Path
) -> None:
    local = write_image(tmp_path / "red.png", RED)
    write_image(tmp_path / "green.png", GREEN)
    url = await put_on_cdn(sandbox, tmp_path / "green.png")
    request = edit("gpt-image-2", local, InputImage(sha256="", url=url))
    sent = await send_request(client, request, file_ids=MemoryFileIdCache())
    assert sent.form == "json" and len(sent.uploaded) == 1


async def test_async_edit_is_a_task(client: LemonClient, tmp_path: Path) -> None:
    source = write_image(tmp_path / "red.png", RED)
    request = ImageRequest("gpt-image-2", "paint it", Params({"async": True}), inputs=(source,))
    sent = await send_request(client, request, form="multipart")
    assert isinstance(sent.result, TaskRef)
    done = await wait_for_task(client, sent.result, interval=0.05, max_interval=0.1)
    assert done.images


async def test_grok_edit_takes_three(client: LemonClient, tmp_path: Path) -> None:
    sources = [write_image(tmp_path / f"{i}.png", GREEN) for i in range(3)]
    sent = await send_request(client, edit("grok-imagine-image", *sources))
    assert sent.form == "multipart" and isinstance(sent.result, ImagesResult)


async def test_a_file_changed_after_checking_is_never_sent_whole(
    client: LemonClient, sandbox: SandboxServer, tmp_path: Path
) -> None:
    source = write_image(tmp_path / "red.png", RED)
    request = edit("gpt-image-2", source)
    plan = await plan_request(client, request)
    write_image(tmp_path / "red.png", BLUE)  # another picture under the same name
    with pytest.raises(InputChangedError, match="changed on disk"):
        await send_request(client, request, plan=plan)
    assert sandbox.stats.edit_requests == 0


async def test_a_file_sent_before_and_changed_since_is_caught(
    client: LemonClient, sandbox: SandboxServer, tmp_path: Path
) -> None:
    source = write_image(tmp_path / "red.png", RED)
    await send_request(client, edit("gpt-image-2", source))  # hashed once, then trusted
    path = tmp_path / "red.png"
    data = bytearray(path.read_bytes())
    data[-20] ^= 0xFF  # same size, other bytes
    path.write_bytes(bytes(data))
    with pytest.raises(InputChangedError):
        await send_request(client, edit("gpt-image-2", source), discover=False)
    assert sandbox.stats.edit_requests == 1


# ----- image-to-image, variations, finishing -----------------------------------------------


async def test_nano_banana_image_to_image_goes_to_generations(
    client: LemonClient, sandbox: SandboxServer, tmp_path: Path
) -> None:
    source = write_image(tmp_path / "red.png", RED)
    # An "edit" of Nano Banana never goes to the edits route.
    for operation in ("image-to-image", "edit"):
        request = edit("nano-banana", source, operation=operation, aspect_ratio="1:1")
        sent = await send_request(client, request)
        assert (sent.route, sent.form) == (GENERATIONS, "multipart")
    assert sandbox.stats.image_to_image_requests == 2 and sandbox.stats.edit_requests == 0


async def test_generate_with_references_is_image_to_image(
    client: LemonClient, sandbox: SandboxServer, tmp_path: Path
) -> None:
    local = write_image(tmp_path / "red.png", RED)
    write_image(tmp_path / "green.png", GREEN)
    url = await put_on_cdn(sandbox, tmp_path / "green.png")
    request = ImageRequest(
        model="nano-banana",
        prompt="a lemon",
        references=(local, InputImage(sha256="", url=url)),
    )
    assert request.effective_operation == "image-to-image"
    sent = await send_request(client, request)
    assert sent.route == GENERATIONS and sent.form == "multipart"
    only_urls = ImageRequest(
        model="nano-banana", prompt="a lemon", references=(InputImage(sha256="", url=url),)
    )
    assert (await send_request(client, only_urls)).form == "json"
    assert sandbox.stats.image_to_image_requests == 2


async def test_nano_banana_edit_takes_an_image(client: LemonClient, tmp_path: Path) -> None:
    source = write_image(tmp_path / "red.png", RED)
    sent = await send_request(client, edit("nano-banana-edit", source))
    assert sent.route == GENERATIONS and isinstance(sent.result, ImagesResult)
    assert any("unverified" in note for note in sent.notes)


async def test_dalle2_variation(
    client: LemonClient, sandbox: SandboxServer, tmp_path: Path
) -> None:
    source = write_image(tmp_path / "red.png", RED)
    request = edit("dall-e-2", source, operation="variation", prompt="", size="256x256")
    sent = await send_request(client, request)
    assert (sent.route, sent.form) == ("/v1/images/variations", "multipart")
    assert sandbox.stats.variation_requests == 1


async def test_dalle2_edit_converts_a_jpeg_to_png_and_says_so(
    client: LemonClient, tmp_path: Path
) -> None:
    source = write_image(tmp_path / "red.jpg", RED, fmt="JPEG")
    mask = write_mask(tmp_path / "mask.png")
    sent = await send_request(client, edit("dall-e-2", source, mask=mask, size="256x256"))
    assert isinstance(sent.result, ImagesResult)
    assert any("lossless" in note and "red.jpg" in note for note in sent.notes)


@pytest.mark.parametrize(
    ("model", "operation"),
    [
        ("image-upscaler", "upscale"),
        ("image-background-remover", "remove-background"),
        ("ideogram-upscale", "upscale"),
        ("mj-zoom", "zoom"),
    ],
)
async def test_finishing_tools_follow_the_models_details(
    client: LemonClient, tmp_path: Path, model: str, operation: Operation
) -> None:
    source = write_image(tmp_path / "red.png", RED)
    plan = await plan_request(client, edit(model, source, operation=operation, prompt=""))
    assert plan.profile is not None and plan.profile.source == "gateway"
    assert not plan.profile.verified
    sent = await send_request(client, plan.request, plan=plan)
    result = sent.result
    if isinstance(result, TaskRef):
        result = await wait_for_task(client, result, interval=0.05, max_interval=0.1)
    assert result.images


async def test_gateway_details_override_the_route(tmp_path: Path) -> None:
    """A model whose details name another route for an operation is sent there."""
    seen: list[Request] = []

    def edits(request: Request) -> Reply:
        seen.append(request)
        return json_reply({"created": 1, "data": [{"url": "https://cdn.example/x.png"}]})

    details = {
        "id": "image-upscaler",
        "tokenlab": {
            "supported_operations": ["upscale"],
            "request_format_summary": {
                "request_endpoint_by_operation": {"upscale": "/v1/images/generations"},
                "operation_constraints": [
                    {"operation": "upscale", "request_endpoint": "/v1/images/generations",
                     "supported_parameters": ["model", "scale"], "documented_inputs": ["image"]}
                ],
            },
        },
    }  # fmt: skip
    routes = {
        "GET /v1/models/image-upscaler": json_reply(details),
        "POST /v1/images/generations": edits,
    }
    with HostileServer(routes) as server:  # type: ignore[arg-type]
        async with client_for(server.base_url) as api:
            source = write_image(tmp_path / "red.png", RED)
            request = edit("image-upscaler", source, operation="upscale", prompt="", scale=2)
            sent = await send_request(api, request)
    assert sent.route == GENERATIONS and len(seen) == 1
    body = seen[0].body
    assert b'name="operation"' in body and b"upscale" in body and b'name="scale"' in body


async def test_contract_reads_either_extension_name() -> None:
    summary = {"request_endpoint_by_operation": {"image-edit": "/v1/images/edits"}}
    for name, key in (("tokenlab", "request_format_summary"), ("lemondata", "public_contract")):
        contract = ModelContract.parse({"id": "m", name: {key: summary}})
        assert contract.endpoint_for(("image-edit",)) == EDITS
    listed = ModelContract.parse(
        {"id": "m", "tokenlab": {"supported_operations": ["text-to-image"]}}
    )
    assert input_profile("gpt-image-2", "edit", listed) is None


# ----- /v1/files ------------------------------------------------------------------------------


async def test_files_upload_get_list_delete(client: LemonClient, tmp_path: Path) -> None:
    path = tmp_path / "red.png"
    write_image(path, RED)
    uploaded = await upload_file(client, path, purpose="vision")
    assert uploaded.id and uploaded.bytes == path.stat().st_size
    assert (await get_file(client, uploaded.id)).id == uploaded.id
    listing = await list_files(client, purpose="vision")
    assert [f.id for f in listing.files] == [uploaded.id]
    assert await delete_file(client, uploaded.id) is True
    assert await delete_file(client, uploaded.id) is False


# ----- fidelity fixes -------------------------------------------------------------------------


async def test_a_refused_stream_falls_back_to_a_plain_request(
    client: LemonClient, sandbox: SandboxServer
) -> None:
    sandbox.set_options(stream_mode="refuse")
    request = ImageRequest("gpt-image-2", "a lemon", Params({"partial_images": 1}))
    result = await create_image_streamed(client, request, lambda _: None)
    assert isinstance(result, ImagesResult) and result.images[0].ready
    assert sandbox.stats.create_requests == 1


async def test_a_refused_stream_on_a_model_that_does_not_stream(client: LemonClient) -> None:
    partials: list[object] = []
    request = ImageRequest("dall-e-2", "a lemon", Params({"partial_images": 2}))
    result = await create_image_streamed(client, request, partials.append)
    assert isinstance(result, ImagesResult) and result.images and not partials


def envelope(status: int, **error: object) -> Callable[[Request], Reply]:
    return lambda _: json_reply({"error": error}, status)


@pytest.mark.parametrize(
    ("status", "kind", "cls"),
    [
        (400, "invalid_api_key", AuthenticationError),
        (403, "insufficient_balance", InsufficientBalanceError),
        (400, "rate_limit_exceeded", RateLimitError),
    ],
)
async def test_documented_error_types_map_to_typed_errors(
    status: int, kind: str, cls: type[Exception]
) -> None:
    routes = {"*": envelope(status, message="no", type=kind, code=kind)}
    with HostileServer(routes) as server:  # type: ignore[arg-type]
        async with client_for(server.base_url) as api:
            with pytest.raises(cls):
                await api.list_models()


async def test_hint_and_suggestions_reach_the_user(
    client: LemonClient, sandbox: SandboxServer
) -> None:
    sandbox.set_faults("402@create*1")
    with pytest.raises(InsufficientBalanceError) as caught:
        await client.create_image(ImageRequest("gpt-image-2", "a lemon"))
    error = caught.value
    assert error.hint and error.hint in error.user_message
    if error.suggestions:
        assert "Cheaper models: " + error.suggestions[0] in error.user_message


async def test_402_suggestions_in_the_message() -> None:
    suggestions = [{"id": "dall-e-2"}, {"id": "flux-schnell"}]
    error = envelope(
        402, message="Insufficient balance", type="insufficient_balance", hint="Top up.",
        suggestions=suggestions,
    )  # fmt: skip
    routes = {"*": error}
    with HostileServer(routes) as server:  # type: ignore[arg-type]
        async with client_for(server.base_url) as api:
            with pytest.raises(InsufficientBalanceError) as caught:
                await api.list_models()
    message = caught.value.user_message
    assert "Top up." in message and "Cheaper models: dall-e-2, flux-schnell." in message


async def test_task_error_as_string_or_object() -> None:
    text = TaskStatus.parse({"id": "t", "status": "failed", "error": "boom"})
    shaped = TaskStatus.parse(
        {"id": "t", "status": "failed", "error": {"code": "content_policy", "message": "no"}}
    )
    assert text.error == "boom" and shaped.error == "no (content_policy)"


async def test_pending_placeholders_are_not_images(client: LemonClient, tmp_path: Path) -> None:
    pending = TaskStatus.parse({"id": "t", "status": "pending", "data": [{"url": ""}]})
    assert pending.images and not any(image.ready for image in pending.images)


async def test_details_under_tokenlab_only(tmp_path: Path) -> None:
    with SandboxServer(options=SandboxOptions(extension="tokenlab")) as sandbox:
        async with client_for(sandbox.base_url, sandbox.api_key) as api:
            info = await api.get_model("gpt-image-2")
            assert "image-edit" in info.supported_operations
            plan = await plan_request(
                api, edit("gpt-image-2", write_image(tmp_path / "r.png", RED))
            )
            assert plan.profile is not None and plan.profile.source == "gateway"
