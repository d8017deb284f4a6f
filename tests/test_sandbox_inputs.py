"""The sandbox's image-input routes over real loopback HTTP (raw httpx2): edits in both
forms with masks, file uploads, image-to-image on generations, variations, finishing
models, the input errors, and the fidelity fixes (error types, hints, rate-limit headers,
extension object, task shapes). The result pixels show what the "model" did."""

from __future__ import annotations

import base64
import io
import random
import time
from collections.abc import Iterator
from typing import Any

import httpx2
import pytest
from PIL import Image, ImageDraw

from lemon_desktop.sandbox import SandboxOptions, SandboxServer
from lemon_desktop.sandbox.editing import repaint_colour

TASK_SECONDS = 0.2
RED, GREEN, BLUE = (220, 30, 30), (30, 200, 40), (20, 40, 210)
HOLE = (16, 16, 48, 40)  # the mask's transparent rectangle on a 64x64 image

# ----- fixtures and helpers -------------------------------------------------------------


@pytest.fixture(scope="module")
def shared() -> Iterator[SandboxServer]:
    """Tests that neither change options nor read stats (mask leak off: exact pixels)."""
    with SandboxServer(task_seconds=TASK_SECONDS, options=SandboxOptions(mask_leak=0.0)) as sb:
        yield sb


@pytest.fixture
def sb() -> Iterator[SandboxServer]:
    with SandboxServer(task_seconds=TASK_SECONDS) as server:
        yield server


def client_for(server: SandboxServer) -> httpx2.Client:
    headers = {"Authorization": f"Bearer {server.api_key}"}
    return httpx2.Client(base_url=server.base_url, headers=headers, timeout=20.0)


@pytest.fixture
def api(shared: SandboxServer) -> Iterator[httpx2.Client]:
    with client_for(shared) as client:
        yield client


@pytest.fixture
def fresh(sb: SandboxServer) -> Iterator[httpx2.Client]:
    with client_for(sb) as client:
        yield client


def png(colour: tuple[int, ...], size: tuple[int, int] = (64, 64), mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def noise(size: tuple[int, int] = (64, 64)) -> bytes:
    """A PNG that does not compress: its size is about 3 bytes a pixel."""
    pixels = random.Random(7).randbytes(size[0] * size[1] * 3)
    return encoded(Image.frombytes("RGB", size, pixels))


def pattern(size: tuple[int, int] = (64, 64)) -> Image.Image:
    """An image where neighbouring pixels differ, so any change shows."""
    image = Image.new("RGB", size)
    image.putdata([((x * 7) % 256, (y * 11) % 256, ((x + y) * 5) % 256) for y in range(size[1])
                   for x in range(size[0])])  # fmt: skip
    return image


def encoded(image: Image.Image, fmt: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()


def pixel(image: Image.Image, x: int, y: int) -> tuple[int, ...]:
    value = image.getpixel((x, y))
    assert isinstance(value, tuple)
    return value


def mask_png(size: tuple[int, int] = (64, 64), hole: tuple[int, int, int, int] = HOLE) -> bytes:
    mask = Image.new("RGBA", size, (255, 255, 255, 255))
    ImageDraw.Draw(mask).rectangle((hole[0], hole[1], hole[2] - 1, hole[3] - 1), (0, 0, 0, 0))
    return encoded(mask)


def in_hole(x: int, y: int) -> bool:
    return HOLE[0] <= x < HOLE[2] and HOLE[1] <= y < HOLE[3]


def result_image(client: httpx2.Client, response: httpx2.Response, index: int = 0) -> Image.Image:
    assert response.status_code == 200, response.text
    item = response.json()["data"][index]
    if "b64_json" in item:
        data = base64.b64decode(item["b64_json"])
    else:
        with httpx2.Client(timeout=20.0) as plain:
            data = plain.get(item["url"]).content
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def error_of(response: httpx2.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    error: dict[str, Any] = response.json()["error"]
    assert error["code"] == code, error
    assert {"message", "type", "code", "param"} <= set(error)
    return error


def edit(client: httpx2.Client, files: list[tuple[str, Any]], **fields: Any) -> httpx2.Response:
    data = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in fields.items()}
    return client.post("/v1/images/edits", files=files, data=data)


def cdn_url(client: httpx2.Client, data: bytes) -> str:
    url: str = client.post(
        "/_sandbox/cdn", content=data, headers={"Content-Type": "image/png"}
    ).json()["url"]
    return url


def upload(client: httpx2.Client, data: bytes, **fields: str) -> dict[str, Any]:
    response = client.post(
        "/v1/files",
        files=[("file", ("ref.png", data, "image/png"))],
        data={"purpose": "vision", **fields},
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def wait_task(client: httpx2.Client, poll_url: str) -> dict[str, Any]:
    deadline = time.monotonic() + 10
    while True:
        body: dict[str, Any] = client.get(poll_url).json()
        if body["status"] in ("completed", "failed") or time.monotonic() > deadline:
            return body
        time.sleep(0.03)


# ----- edits: multipart -------------------------------------------------------------------


@pytest.mark.parametrize("field", ["image", "image[]"])
def test_multipart_edit_tiles_every_input_in_a_frame(api: httpx2.Client, field: str) -> None:
    files = [(field, (f"{n}.png", png(c), "image/png")) for n, c in enumerate((RED, GREEN))]
    response = edit(api, files, model="gpt-image-2", prompt="two", response_format="b64_json")
    out = result_image(api, response).convert("RGB")
    assert out.size == (64, 64)  # no size: the first image's size
    assert out.getpixel((16, 32)) == RED and out.getpixel((48, 32)) == GREEN  # side by side
    assert out.getpixel((0, 0)) == repaint_colour("two", 0)  # the frame says "edited"
    usage = response.json()["usage"]
    assert usage["input_tokens_details"]["image_tokens"] > 0


def test_masked_edit_repaints_the_transparent_region_only(api: httpx2.Client) -> None:
    source = pattern()
    files = [("image", ("a.png", encoded(source), "image/png")),
             ("mask", ("m.png", mask_png(), "image/png"))]  # fmt: skip
    out = result_image(api, edit(api, files, model="gpt-image-2", prompt="paint it", n=2), 1)
    out = out.convert("RGB")
    colour = repaint_colour("paint it", 1)
    for y in range(64):
        for x in range(64):
            expected = colour if in_hole(x, y) else source.getpixel((x, y))
            assert out.getpixel((x, y)) == expected, (x, y)


def _changed_outside(out: Image.Image, source: Image.Image) -> float:
    outside = [(x, y) for y in range(64) for x in range(64) if not in_hole(x, y)]
    changed = sum(out.getpixel(p) != source.getpixel(p) for p in outside)
    return changed / len(outside)


def test_mask_leak_switch_changes_that_share_outside_the_mask(
    fresh: httpx2.Client, sb: SandboxServer
) -> None:
    source = pattern()
    files = [("image", ("a.png", encoded(source), "image/png")),
             ("mask", ("m.png", mask_png(), "image/png"))]  # fmt: skip
    shares = {}
    for leak in (0.0, 0.5, 1.0):
        answer = fresh.post("/_sandbox/options", json={"mask_leak": leak})
        assert answer.json()["mask_leak"] == leak
        out = result_image(fresh, edit(fresh, files, model="gpt-image-2", prompt="p"))
        out = out.convert("RGB")
        assert out.getpixel((20, 20)) == repaint_colour("p", 0)  # the hole is still repainted
        shares[leak] = _changed_outside(out, source)
    assert shares[0.0] == 0.0 and shares[1.0] == 1.0
    assert 0.3 < shares[0.5] < 0.7
    refused = fresh.post("/_sandbox/options", json={"mask_leak": 2})
    error_of(refused, 400, "invalid_option")


def test_dalle2_edit_uses_the_images_own_transparency(api: httpx2.Client) -> None:
    image = Image.new("RGBA", (256, 256), (*BLUE, 255))
    ImageDraw.Draw(image).rectangle((0, 0, 99, 99), (0, 0, 0, 0))
    files = [("image", ("a.png", encoded(image), "image/png"))]
    out = result_image(api, edit(api, files, model="dall-e-2", prompt="sun", size="256x256"))
    assert out.size == (256, 256)
    assert out.convert("RGB").getpixel((50, 50)) == repaint_colour("sun", 0)
    assert out.convert("RGB").getpixel((200, 200)) == BLUE
    opaque = [("image", ("a.png", png(BLUE, (256, 256)), "image/png"))]
    error = error_of(edit(api, opaque, model="dall-e-2", prompt="sun"), 400, "invalid_image")
    assert error["param"] == "image"
    jpeg = [("image", ("a.jpg", encoded(pattern((256, 256)), "JPEG"), "image/jpeg"))]
    error_of(edit(api, jpeg, model="dall-e-2", prompt="x"), 400, "invalid_image")


# ----- edits: JSON ------------------------------------------------------------------------


def test_json_edit_with_urls_file_ids_and_a_mask_object(api: httpx2.Client) -> None:
    source = pattern()
    first = upload(api, encoded(source))
    assert first["id"].startswith("file-") and first["object"] == "file"
    mask = upload(api, mask_png())
    body = {
        "model": "gpt-image-2",
        "prompt": "json",
        "images": [{"file_id": first["id"]}, {"image_url": cdn_url(api, png(GREEN))}],
        "mask": {"file_id": mask["id"]},
        "response_format": "b64_json",
    }
    out = result_image(api, api.post("/v1/images/edits", json=body)).convert("RGB")
    # The hole shows the other reference blended half with the repaint colour.
    colour = repaint_colour("json", 0)
    expected = tuple((a + b) // 2 for a, b in zip(colour, GREEN, strict=True))
    assert all(abs(a - b) <= 1 for a, b in zip(pixel(out, 20, 20), expected, strict=True))
    assert out.getpixel((60, 60)) == source.getpixel((60, 60))
    data_url = "data:image/png;base64," + base64.b64encode(mask_png()).decode()
    urls = {"model": "gpt-image-2", "prompt": "u", "image_url": cdn_url(api, encoded(source)),
            "mask": {"image_url": data_url}}  # fmt: skip
    out = result_image(api, api.post("/v1/images/edits", json=urls)).convert("RGB")
    assert out.getpixel((20, 20)) == repaint_colour("u", 0)
    listed = {"model": "gpt-image-2", "prompt": "l",
              "image_urls": [cdn_url(api, png(RED)), cdn_url(api, png(BLUE))]}  # fmt: skip
    out = result_image(api, api.post("/v1/images/edits", json=listed)).convert("RGB")
    assert out.getpixel((16, 32)) == RED and out.getpixel((48, 32)) == BLUE


@pytest.mark.parametrize(
    ("images", "param", "code"),
    [
        ([{"image_url": "http://127.0.0.1:9/a.png"}], "images[0].image_url", "invalid_image_url"),
        ([{"image_url": "http://localhost/a.png"}], "images[0].image_url", "invalid_image_url"),
        ([{"image_url": "http://10.1.2.3/a.png"}], "images[0].image_url", "invalid_image_url"),
        ([{"image_url": "http://[::1]/a.png"}], "images[0].image_url", "invalid_image_url"),
        ([{"image_url": "http://169.254.169.254/x"}], "images[0].image_url", "invalid_image_url"),
        ([{"image_url": "https://u:p@example.com/a.png"}], "images[0].image_url",
         "invalid_image_url"),
        ([{"image_url": "ftp://example.com/a.png"}], "images[0].image_url", "invalid_image_url"),
        ([{"file_id": "file-nope"}], "images[0].file_id", "file_not_found"),
        ([{"file_id": "f", "image_url": "https://example.com/a"}], "images[0]", "invalid_value"),
    ],
)  # fmt: skip
def test_json_inputs_the_gateway_refuses_name_the_input(
    api: httpx2.Client, images: list[dict[str, str]], param: str, code: str
) -> None:
    body = {"model": "gpt-image-2", "prompt": "x", "images": images}
    error = error_of(api.post("/v1/images/edits", json=body), 400, code)
    assert error["param"] == param


def test_private_url_in_image_urls_names_its_index(api: httpx2.Client) -> None:
    body = {"model": "gpt-image-2", "prompt": "x",
            "image_urls": [cdn_url(api, png(RED)), "http://192.168.1.20/cat.png"]}  # fmt: skip
    error = error_of(api.post("/v1/images/edits", json=body), 400, "invalid_image_url")
    assert error["param"] == "image_urls[1]" and "multipart" in error["message"]


def test_bad_multipart_inputs_name_the_input(api: httpx2.Client) -> None:
    gif = encoded(Image.new("RGB", (8, 8)), "GIF")
    files = [("image", ("a.png", png(RED), "image/png")), ("image", ("b.gif", gif, "image/gif"))]
    error = error_of(edit(api, files, model="gpt-image-2", prompt="x"), 400,
                     "unsupported_image_format")  # fmt: skip
    assert error["param"] == "image[1]"
    files = [("image", ("a.png", png(RED), "image/png")), ("image", ("b.png", b"<html>", "x"))]
    assert (
        error_of(edit(api, files, model="gpt-image-2", prompt="x"), 400, "invalid_image")["param"]
        == "image[1]"
    )
    files = [("image", ("a.png", png(RED), "image/png")),
             ("mask", ("m.png", mask_png((32, 32), (0, 0, 8, 8)), "image/png"))]  # fmt: skip
    error = error_of(edit(api, files, model="gpt-image-2", prompt="x"), 400, "invalid_mask")
    assert error["param"] == "mask" and "64x64" in error["message"]
    files = [("image", ("a.png", png(RED), "image/png")),
             ("mask", ("m.png", png(RED), "image/png"))]  # fmt: skip
    error_of(edit(api, files, model="gpt-image-2", prompt="x"), 400, "invalid_mask")
    no_image = api.post("/v1/images/edits", json={"model": "gpt-image-2", "prompt": "x"})
    error = error_of(no_image, 400, "missing_required_parameter")
    assert error["param"] == "image"
    files = [("image", ("a.png", png(RED), "image/png"))]
    error = error_of(edit(api, files, prompt="x"), 400, "missing_required_parameter")
    assert error["param"] == "model"
    error = error_of(edit(api, files, model="gpt-image-2", prompt="x", background="transparent"),
                     400, "invalid_value")  # fmt: skip
    assert error["param"] == "background"


@pytest.mark.parametrize(("model", "limit"), [("gpt-image-2", 16), ("grok-imagine-image", 3)])
def test_too_many_images_is_refused_before_running(
    fresh: httpx2.Client, sb: SandboxServer, model: str, limit: int
) -> None:
    tiny = png(RED, (16, 16))
    files = [("image[]", (f"{n}.png", tiny, "image/png")) for n in range(limit + 1)]
    error = error_of(edit(fresh, files, model=model, prompt="x"), 400, "too_many_images")
    assert error["param"] == "image" and str(limit) in error["message"]
    assert sb.stats.create_requests == 0
    assert edit(fresh, files[:limit], model=model, prompt="x").status_code == 200
    assert sb.stats.edit_requests == 1 and sb.stats.create_requests_by_model == {model: 1}


def test_grok_takes_no_mask(api: httpx2.Client) -> None:
    files = [("image", ("a.png", png(RED), "image/png")),
             ("mask", ("m.png", mask_png(), "image/png"))]  # fmt: skip
    error = error_of(edit(api, files, model="grok-imagine-image", prompt="x"), 400,
                     "unsupported_parameter")  # fmt: skip
    assert error["param"] == "mask"


def test_oversized_inputs_are_413(fresh: httpx2.Client, sb: SandboxServer) -> None:
    sb.set_options(max_image_bytes=2_000)
    big = noise()  # about 12 kB
    files = [("image", ("a.png", png(RED), "image/png")), ("image", ("b.png", big, "image/png"))]
    error = error_of(edit(fresh, files, model="gpt-image-2", prompt="x"), 413, "payload_too_large")
    assert error["param"] == "image[1]"
    body = {"model": "gpt-image-2", "prompt": "x", "image_url": cdn_url(fresh, big)}
    error = error_of(fresh.post("/v1/images/edits", json=body), 413, "payload_too_large")
    assert error["param"] == "image_url"
    sb.set_options(max_request_bytes=5_000)
    error_of(edit(fresh, files, model="gpt-image-2", prompt="x"), 413, "payload_too_large")
    assert sb.stats.create_requests == 0


def test_edits_refuse_stream_and_unsupported_models(api: httpx2.Client) -> None:
    files = [("image", ("a.png", png(RED), "image/png"))]
    error = error_of(edit(api, files, model="gpt-image-2", prompt="x", stream=True), 400,
                     "stream_not_supported")  # fmt: skip
    assert error["param"] == "stream"
    error = error_of(edit(api, files, model="nano-banana", prompt="x"), 400,
                     "unsupported_operation")  # fmt: skip
    assert error["request_endpoint_by_operation"]["image-to-image"] == "/v1/images/generations"
    assert "image-to-image" in error["supported_operations"]
    error_of(edit(api, files, model="gpt-image-1", prompt="x"), 400, "unsupported_operation")


def test_async_edit_is_a_task_with_placeholders_then_urls(api: httpx2.Client) -> None:
    files = [("image", ("a.png", encoded(pattern()), "image/png")),
             ("mask", ("m.png", mask_png(), "image/png"))]  # fmt: skip
    created = edit(api, files, model="gpt-image-2", prompt="later", n=2, response_format="b64_json",
                   **{"async": True})  # fmt: skip
    task = created.json()
    assert task["status"] == "pending" and task["data"] == []
    assert task["poll_url"] == f"/v1/tasks/{task['id']}" and task["id"].startswith("ldtask_")
    first_poll = api.get(task["poll_url"]).json()
    assert first_poll["status"] in ("pending", "processing")
    assert first_poll["data"] == [{"url": ""}, {"url": ""}]
    done = wait_task(api, task["poll_url"])
    assert done["status"] == "completed" and all(item["url"] for item in done["data"])
    out = result_image(api, httpx2.Response(200, json=done))
    assert out.convert("RGB").getpixel((20, 20)) == repaint_colour("later", 0)
    kontext = edit(api, [files[0]], model="flux-kontext-pro", prompt="k").json()
    assert kontext["status"] == "pending"  # the FLUX/BFL edit model always answers a task


# ----- files ------------------------------------------------------------------------------


def test_file_upload_list_get_content_delete_and_expiry(
    fresh: httpx2.Client, sb: SandboxServer
) -> None:
    sb.set_options(file_ttl=600)
    stored = upload(fresh, png(RED), model="gpt-image-2")
    assert stored["bytes"] == len(png(RED)) and stored["purpose"] == "vision"
    assert stored["expires_at"] - stored["created_at"] in (600, 601)
    assert stored["filename"] == "ref.png" and stored["model"] == "gpt-image-2"
    assert fresh.get(f"/v1/files/{stored['id']}").json() == stored
    assert fresh.get(f"/v1/files/{stored['id']}/content").content == png(RED)
    listing = fresh.get("/v1/files", params={"purpose": "vision", "limit": 1}).json()
    assert listing["object"] == "list" and listing["first_id"] == stored["id"]
    assert listing["has_more"] is False
    other = upload(fresh, png(GREEN))
    paged = fresh.get("/v1/files", params={"limit": 1}).json()
    assert paged["data"][0]["id"] == other["id"] and paged["has_more"] is True
    after = fresh.get("/v1/files", params={"limit": 5, "after": other["id"]}).json()
    assert [f["id"] for f in after["data"]] == [stored["id"]]
    fresh.post(f"/_sandbox/files/{other['id']}/expire")
    error_of(fresh.get(f"/v1/files/{other['id']}"), 404, "file_not_found")
    body = {"model": "gpt-image-2", "prompt": "x", "images": [{"file_id": other["id"]}]}
    assert (
        error_of(fresh.post("/v1/images/edits", json=body), 400, "file_not_found")["param"]
        == "images[0].file_id"
    )
    deleted = fresh.delete(f"/v1/files/{stored['id']}").json()
    assert deleted == {"id": stored["id"], "object": "file", "deleted": True}
    error_of(fresh.delete(f"/v1/files/{stored['id']}"), 404, "file_not_found")
    assert sb.stats.file_uploads == 2


def test_file_upload_refusals(api: httpx2.Client) -> None:
    def attempt(data: bytes, **fields: str) -> httpx2.Response:
        return api.post("/v1/files", files=[("file", ("f", data, "image/png"))], data=fields)

    assert error_of(attempt(png(RED)), 400, "invalid_value")["param"] == "purpose"
    assert (
        error_of(attempt(b"not an image", purpose="vision"), 400, "invalid_image")["param"]
        == "file"
    )
    error_of(attempt(png(RED), purpose="vision", model="dall-e-2"), 400, "unsupported_operation")
    error_of(attempt(png(RED), purpose="vision", model="nope-1"), 400, "model_not_found")
    assert attempt(b'{"custom_id": 1}\n', purpose="batch").status_code == 200


# ----- image-to-image on generations ------------------------------------------------------


def test_nano_banana_image_to_image_on_generations(fresh: httpx2.Client, sb: SandboxServer) -> None:
    body = {"model": "nano-banana", "prompt": "mix", "operation": "image-to-image",
            "image_urls": [cdn_url(fresh, png(RED)), cdn_url(fresh, png(BLUE))],
            "aspect_ratio": "16:9", "response_format": "b64_json"}  # fmt: skip
    out = result_image(fresh, fresh.post("/v1/images/generations", json=body)).convert("RGB")
    assert out.size == (1024, 576)
    assert out.getpixel((256, 288)) == RED and out.getpixel((768, 288)) == BLUE
    multipart = fresh.post(
        "/v1/images/generations",
        files=[("image", ("a.png", png(GREEN), "image/png"))],
        data={"model": "nano-banana-pro", "prompt": "one", "operation": "image-to-image",
              "resolution": "1k", "image_urls": cdn_url(fresh, png(RED))},
    )  # fmt: skip
    out = result_image(fresh, multipart).convert("RGB")
    assert out.getpixel((256, 512)) == GREEN and out.getpixel((768, 512)) == RED
    assert sb.stats.image_to_image_requests == 2 and sb.stats.ignored_params == {}


def test_image_to_image_refusals(api: httpx2.Client) -> None:
    url = cdn_url(api, png(RED))
    gpt = {"model": "gpt-image-2", "prompt": "x", "operation": "image-to-image", "image_url": url}
    error = error_of(api.post("/v1/images/generations", json=gpt), 400, "unsupported_operation")
    assert error["request_endpoint_by_operation"]["image-edit"] == "/v1/images/edits"
    ids = {"model": "nano-banana", "prompt": "x", "images": [{"file_id": "file-1"}]}
    error = error_of(api.post("/v1/images/generations", json=ids), 400, "unsupported_parameter")
    assert error["param"] == "images"
    local = {"model": "nano-banana", "prompt": "x", "image_urls": [url, "http://127.0.0.1/x.png"]}
    error = error_of(api.post("/v1/images/generations", json=local), 400, "invalid_image_url")
    assert error["param"] == "image_urls[1]"
    two = api.post(
        "/v1/images/generations",
        files=[("image", ("a.png", png(RED), "image/png"))] * 2,
        data={"model": "nano-banana", "prompt": "x"},
    )
    assert error_of(two, 400, "invalid_value")["param"] == "image"
    text = {"model": "nano-banana", "prompt": "x", "operation": "text-to-image", "image_url": url}
    error_of(api.post("/v1/images/generations", json=text), 400, "invalid_value")
    many = {"model": "nano-banana", "prompt": "x", "image_urls": [url] * 17}
    error_of(api.post("/v1/images/generations", json=many), 400, "too_many_images")
    upscaler = {"model": "image-upscaler", "prompt": "x"}
    error = error_of(api.post("/v1/images/generations", json=upscaler), 400,
                     "unsupported_operation")  # fmt: skip
    assert error["request_endpoint"] == "/v1/images/edits"


# ----- variations and finishing models ----------------------------------------------------


def test_dalle2_variation_mirrors_the_input(api: httpx2.Client) -> None:
    source = Image.new("RGB", (256, 256), RED)
    ImageDraw.Draw(source).rectangle((0, 0, 127, 255), BLUE)
    files = [("image", ("a.png", encoded(source), "image/png"))]
    response = api.post("/v1/images/variations", files=files,
                        data={"model": "dall-e-2", "n": "2", "size": "256x256"})  # fmt: skip
    assert len(response.json()["data"]) == 2
    out = result_image(api, response).convert("RGB")
    assert out.getpixel((60, 128)) == RED and out.getpixel((200, 128)) == BLUE
    square = [("image", ("a.png", png(RED, (64, 32)), "image/png"))]
    error_of(api.post("/v1/images/variations", files=square, data={"model": "dall-e-2"}), 400,
             "invalid_image")  # fmt: skip
    error_of(api.post("/v1/images/variations", files=files, data={"model": "gpt-image-2"}), 400,
             "unsupported_operation")  # fmt: skip
    error_of(api.post("/v1/images/variations", json={"model": "dall-e-2"}), 400, "invalid_json")


@pytest.mark.parametrize("scale", [2, 4])
def test_upscaler_multiplies_the_size(api: httpx2.Client, scale: int) -> None:
    files = [("image", ("a.png", encoded(pattern((40, 30))), "image/png"))]
    out = result_image(api, edit(api, files, model="image-upscaler", scale=scale))
    assert out.size == (40 * scale, 30 * scale)


def test_background_remover_returns_rgba_with_a_transparent_background(
    api: httpx2.Client,
) -> None:
    subject = Image.new("RGB", (64, 64), (255, 255, 255))
    ImageDraw.Draw(subject).ellipse((16, 16, 47, 47), RED)
    files = [("image", ("a.jpg", encoded(subject, "JPEG"), "image/jpeg"))]
    response = edit(api, files, model="image-background-remover", response_format="b64_json")
    out = result_image(api, response)
    assert out.format == "PNG" and out.mode == "RGBA"
    assert pixel(out, 2, 2)[3] == 0 and pixel(out, 32, 32)[3] == 255


def test_midjourney_actions_are_tasks_on_the_edits_route(api: httpx2.Client) -> None:
    files = [("image", ("a.png", png(RED, (32, 32)), "image/png"))]
    task = edit(api, files, model="mj-upscale").json()
    assert task["status"] == "pending"
    done = wait_task(api, task["poll_url"])
    assert result_image(api, httpx2.Response(200, json=done)).size == (64, 64)
    pan = edit(api, files, model="mj-pan", direction="left").json()
    done = wait_task(api, pan["poll_url"])
    assert result_image(api, httpx2.Response(200, json=done)).size == (48, 32)
    blend = edit(api, files, model="mj-blend")
    assert error_of(blend, 400, "invalid_value")["param"] == "image"


# ----- model details ----------------------------------------------------------------------


def test_model_details_name_operations_and_routes(api: httpx2.Client) -> None:
    gpt = api.get("/v1/models/gpt-image-2").json()
    assert set(gpt) >= {"lemondata", "tokenlab"}  # default: both names
    summary = gpt["tokenlab"]["request_format_summary"]
    assert summary["request_endpoint_by_operation"] == {
        "text-to-image": "/v1/images/generations",
        "image-edit": "/v1/images/edits",
    }
    assert gpt["tokenlab"]["supported_operations"] == ["text-to-image", "image-edit"]
    assert gpt["lemondata"]["supported_operations"] == ["text-to-image", "image-edit"]
    edit_rule = next(c for c in summary["operation_constraints"] if c["operation"] == "image-edit")
    assert "images[].file_id" in edit_rule["documented_inputs"]
    assert "resolution" not in edit_rule["supported_parameters"]
    banana = api.get("/v1/models/nano-banana").json()["tokenlab"]["request_format_summary"]
    assert banana["request_endpoint_by_operation"]["image-to-image"] == "/v1/images/generations"
    tool = api.get("/v1/models/image-upscaler").json()["tokenlab"]
    assert tool["supported_operations"] == ["upscale"]
    assert tool["request_format_details"]["request_endpoint"] == "/v1/images/edits"


def test_extension_object_name_is_switchable(fresh: httpx2.Client, sb: SandboxServer) -> None:
    sb.set_options(extension="tokenlab")
    detail = fresh.get("/v1/models/gpt-image-2").json()
    assert "tokenlab" in detail and "lemondata" not in detail
    listed = fresh.get("/v1/models", params={"category": "image"}).json()["data"]
    assert all("tokenlab" in m and "lemondata" not in m for m in listed)
    sb.set_options(extension="lemondata")
    assert "tokenlab" not in fresh.get("/v1/models/gpt-image-2").json()


# ----- fidelity: error shapes, headers, tasks ---------------------------------------------


def test_429_carries_rate_limit_headers_and_documented_type(
    fresh: httpx2.Client, sb: SandboxServer
) -> None:
    sb.set_faults("429=3@create*1")
    before = time.time()
    limited = fresh.post("/v1/images/generations", json={"model": "dall-e-2", "prompt": "x"})
    error = error_of(limited, 429, "rate_limit_exceeded")
    assert error["type"] == "rate_limit_exceeded" and error["hint"]
    assert limited.headers["x-ratelimit-limit"] == "60"
    assert limited.headers["x-ratelimit-remaining"] == "0"
    assert before + 2 <= int(limited.headers["x-ratelimit-reset"]) <= time.time() + 4


def test_402_has_type_hint_and_cheaper_suggestions(fresh: httpx2.Client, sb: SandboxServer) -> None:
    sb.set_faults("402*1")
    broke = fresh.post("/v1/images/generations", json={"model": "midjourney", "prompt": "x"})
    error = error_of(broke, 402, "insufficient_balance")
    assert error["type"] == "insufficient_balance" and "top up" in error["hint"]
    assert error["suggestions"] and all("id" in s for s in error["suggestions"])
    unknown = fresh.post("/v1/images/generations", json={"model": "gpt-image-3", "prompt": "x"})
    assert "GET /v1/models" in error_of(unknown, 400, "model_not_found")["hint"]


def test_failed_task_error_as_string_or_object(fresh: httpx2.Client, sb: SandboxServer) -> None:
    for shape, kind in (("object", dict), ("string", str)):
        sb.set_options(task_error_format=shape)
        sb.set_faults("taskfail*1")
        task = fresh.post("/v1/images/generations", json={"model": "flux-pro", "prompt": "x"})
        end = wait_task(fresh, task.json()["poll_url"])
        assert end["status"] == "failed" and isinstance(end["error"], kind)
        if kind is dict:
            assert set(end["error"]) == {"code", "message"}


def test_options_are_readable_and_checked(fresh: httpx2.Client) -> None:
    options = fresh.get("/_sandbox/options").json()
    assert options["mask_leak"] == 0.5 and options["extension"] == "both"
    error_of(fresh.post("/_sandbox/options", json={"colour": 1}), 400, "invalid_option")
    error_of(fresh.post("/_sandbox/options", json={"stream_mode": "x"}), 400, "invalid_option")


def test_command_line_sets_the_switches() -> None:
    from lemon_desktop.sandbox.cli import _options, build_parser

    args = build_parser().parse_args(
        ["--mask-leak", "0.25", "--extension", "tokenlab", "--stream-mode", "refuse"]
    )
    options = _options(args)
    assert (options.mask_leak, options.extension, options.stream_mode) == (
        0.25,
        "tokenlab",
        "refuse",
    )
    with pytest.raises(ValueError, match="mask_leak"):
        _options(build_parser().parse_args(["--mask-leak", "3"]))


def test_an_edit_names_a_wrong_integer_as_generation_does(api: httpx2.Client) -> None:
    files = [("image", ("a.png", png(RED), "image/png"))]
    out_of_range = edit(api, files, model="gpt-image-2", prompt="x", output_compression=101)
    assert error_of(out_of_range, 400, "integer_out_of_range")["param"] == "output_compression"
    not_a_number = api.post(
        "/v1/images/edits",
        json={"model": "gpt-image-2", "prompt": "x", "image_url": cdn_url(api, png(RED)),
              "output_compression": "high"},
    )  # fmt: skip
    assert error_of(not_a_number, 400, "invalid_type")["param"] == "output_compression"
