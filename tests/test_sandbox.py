"""The sandbox gateway, over real HTTP on loopback: shapes, validation, tasks, images,
faults, stats and the command line. Every server binds port 0, so tests run in parallel."""

from __future__ import annotations

import base64
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx2
import pytest
from PIL import Image

from lemon_desktop.sandbox import FaultPlan, SandboxServer
from lemon_desktop.sandbox.drawing import RenderSpec, render

TASK_SECONDS = 0.3

# ----- fixtures and helpers -------------------------------------------------------


@pytest.fixture(scope="module")
def shared() -> Iterator[SandboxServer]:
    """One server for tests that neither read stats nor change faults."""
    with SandboxServer(task_seconds=TASK_SECONDS) as server:
        yield server


@pytest.fixture
def sb() -> Iterator[SandboxServer]:
    """A fresh server: clean stats and fault plan."""
    with SandboxServer(task_seconds=TASK_SECONDS) as server:
        yield server


def _client(server: SandboxServer) -> httpx2.Client:
    headers = {"Authorization": f"Bearer {server.api_key}"}
    return httpx2.Client(base_url=server.base_url, headers=headers, timeout=20.0)


@pytest.fixture
def api(shared: SandboxServer) -> Iterator[httpx2.Client]:
    with _client(shared) as client:
        yield client


@pytest.fixture
def fresh(sb: SandboxServer) -> Iterator[httpx2.Client]:
    with _client(sb) as client:
        yield client


def create(client: httpx2.Client, **body: Any) -> httpx2.Response:
    return client.post("/v1/images/generations", json=body)


def download(url: str, **kw: Any) -> httpx2.Response:
    # A separate client with no key, as a correct client downloads from the CDN.
    with httpx2.Client(timeout=20.0) as plain:
        return plain.get(url, **kw)


def open_image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def error_of(response: httpx2.Response) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"error"}, body
    error: dict[str, Any] = body["error"]
    assert {"message", "type", "code", "param"} <= set(error), error
    assert isinstance(error["message"], str) and error["message"]
    return error


def wait_task(client: httpx2.Client, poll_url: str, limit: float = 10.0) -> dict[str, Any]:
    deadline = time.monotonic() + limit
    while True:
        body: dict[str, Any] = client.get(poll_url).json()
        if body["status"] in ("completed", "failed") or time.monotonic() > deadline:
            return body
        time.sleep(0.03)


def parse_sse(text: str) -> list[tuple[str, dict[str, Any]]]:
    events = []
    for block in text.strip().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines())
        events.append((fields["event"], json.loads(fields["data"])))
    return events


# ----- catalog: models and pricing -------------------------------------------------


def test_models_list_shape_and_category_filter(api: httpx2.Client) -> None:
    body = api.get("/v1/models").json()
    assert body["object"] == "list"
    ids = {m["id"] for m in body["data"]}
    assert {"gpt-image-2", "dall-e-3", "flux-pro", "seedream-4", "gpt-4o-mini"} <= ids
    for item in body["data"]:
        assert item["object"] == "model" and isinstance(item["created"], int) and item["owned_by"]
        ld = item["lemondata"]
        assert {"category", "pricing_unit", "capability_flags", "supported_operations"} <= set(ld)
        assert set(ld["public_contract_summary"]) == {"public_operations", "request_endpoint"}
        assert "agent_preferences" not in ld
    images = api.get("/v1/models", params={"category": "image"}).json()["data"]
    assert images and all(m["lemondata"]["category"] == "image" for m in images)
    assert "gpt-4o-mini" not in {m["id"] for m in images}
    chat = api.get("/v1/models", params={"category": "chat"}).json()["data"]
    assert {m["id"] for m in chat} == {"gpt-4o-mini", "claude-sonnet-4-5"}


def test_recommended_for_image_is_ranked_with_unscored_last(api: httpx2.Client) -> None:
    data = api.get("/v1/models", params={"recommended_for": "image"}).json()["data"]
    assert all(m["lemondata"]["category"] == "image" for m in data)
    prefs = [m["lemondata"]["agent_preferences"]["image"] for m in data]
    statuses = [p["status"] for p in prefs]
    first_unscored = statuses.index("insufficient_samples")
    assert all(s == "insufficient_samples" for s in statuses[first_unscored:])
    rates = [p["success_rate_24h"] for p in prefs[:first_unscored]]
    assert rates == sorted(rates, reverse=True)
    assert [p["preferred_rank"] for p in prefs[:first_unscored]] == list(
        range(1, first_unscored + 1)
    )
    assert {"sample_count_24h", "updated_at"} <= set(prefs[0])
    assert "seedream-4" in {m["id"] for m in data[first_unscored:]}


def test_provider_and_tag_filters(api: httpx2.Client) -> None:
    google = api.get("/v1/models", params={"provider": "google"}).json()["data"]
    assert google and all(m["owned_by"] == "google" for m in google)
    fast = api.get("/v1/models", params={"tag": "fast"}).json()["data"]
    assert "flux-schnell" in {m["id"] for m in fast} and "gpt-image-2" not in {
        m["id"] for m in fast
    }


def test_model_detail_and_unknown_model(api: httpx2.Client) -> None:
    body = api.get("/v1/models/gpt-image-2").json()
    ld = body["lemondata"]
    assert body["id"] == "gpt-image-2"
    assert isinstance(ld["capability_flags"], dict) and isinstance(ld["public_contract"], dict)
    assert ld["agent_preferences"]["image"]["preferred_rank"] == 1
    missing = api.get("/v1/models/gpt-image-3")
    assert missing.status_code == 404
    error = error_of(missing)
    assert error["code"] == "model_not_found" and error["did_you_mean"] == "gpt-image-2"


def test_pricing_shapes(api: httpx2.Client) -> None:
    everything = api.get("/v1/pricing").json()
    assert everything["object"] == "list" and len(everything["data"]) > 20
    (gpt,) = api.get("/v1/pricing", params={"model": "gpt-image-2"}).json()["data"]
    assert gpt["model"] == "gpt-image-2" and gpt["provider"] == "openai"
    assert set(gpt["pricing"]) == {
        "input_per_1m",
        "output_per_1m",
        "per_request",
        "is_lock_price",
        "currency",
    }
    assert isinstance(gpt["pricing"]["input_per_1m"], str) and gpt["pricing"]["per_request"] is None
    (dalle,) = api.get("/v1/pricing", params={"model": "dall-e-3"}).json()["data"]
    assert dalle["pricing"]["per_request"] == "0.04" and dalle["pricing"]["input_per_1m"] is None
    assert api.get("/v1/pricing", params={"model": "nope"}).json()["data"] == []


# ----- auth and routing -------------------------------------------------------------

AUTH_ROUTES = [
    ("GET", "/v1/models"),
    ("GET", "/v1/models/dall-e-3"),
    ("GET", "/v1/pricing"),
    ("POST", "/v1/images/generations"),
    ("GET", "/v1/tasks/ldtask_x"),
    ("DELETE", "/v1/tasks/ldtask_x"),
    ("GET", "/v1/images/generations/ldtask_x"),
    ("POST", "/v1/images/edits"),
    ("POST", "/v1/images/variations"),
    ("POST", "/v1/files"),
    ("GET", "/v1/files"),
    ("GET", "/_sandbox/stats"),
    ("POST", "/_sandbox/options"),
    ("POST", "/_sandbox/faults"),
]


@pytest.mark.parametrize(("method", "path"), AUTH_ROUTES)
def test_every_route_needs_the_key(shared: SandboxServer, method: str, path: str) -> None:
    with httpx2.Client(base_url=shared.base_url) as anon:
        missing = anon.request(method, path, json={"prompt": "x"})
        wrong = anon.request(method, path, headers={"Authorization": "Bearer sk-wrong"})
    assert missing.status_code == wrong.status_code == 401
    assert error_of(missing)["code"] == error_of(wrong)["code"] == "invalid_api_key"
    # The documented type for both (guides/error-handling, the OpenAPI ApiError enum).
    assert error_of(missing)["type"] == error_of(wrong)["type"] == "invalid_api_key"


def test_unknown_route_uses_the_envelope(api: httpx2.Client) -> None:
    response = api.get("/v1/nothing-here")
    assert response.status_code == 404 and error_of(response)["code"] == "not_found"


def test_generated_key_format() -> None:
    server = SandboxServer()
    assert server.api_key.startswith("sk-sandbox-") and len(server.api_key) > 20
    assert SandboxServer(api_key="sk-mine").api_key == "sk-mine"


# ----- inline generation and images -------------------------------------------------


def test_gpt_image_inline_url_usage_and_echo(api: httpx2.Client, shared: SandboxServer) -> None:
    response = create(api, model="gpt-image-2", prompt="a lemon", size="1536x1024", quality="low")
    body = response.json()
    assert response.status_code == 200, body
    assert isinstance(body["created"], int)
    assert body["size"] == "1536x1024" and body["quality"] == "low"
    assert body["output_format"] == "png" and body["background"] == "opaque"
    usage = body["usage"]
    assert usage["total_tokens"] == usage["input_tokens"] + usage["output_tokens"]
    assert set(usage["input_tokens_details"]) == {"text_tokens", "image_tokens"}
    url = body["data"][0]["url"]
    assert url.startswith(shared.cdn_url + "/")
    got = download(url)
    assert got.headers["content-type"] == "image/png"
    assert int(got.headers["content-length"]) == len(got.content)
    assert open_image(got.content).size == (1536, 1024)


def test_b64_json_and_dalle3_revised_prompt(api: httpx2.Client) -> None:
    body = create(
        api, model="dall-e-3", prompt="a lemon tree", size="1792x1024", response_format="b64_json"
    ).json()
    (item,) = body["data"]
    assert "url" not in item and "usage" not in body
    assert open_image(base64.b64decode(item["b64_json"])).size == (1792, 1024)
    again = create(api, model="dall-e-3", prompt="a lemon tree", size="1792x1024").json()
    assert item["revised_prompt"] == again["data"][0]["revised_prompt"]
    assert item["revised_prompt"].startswith("a lemon tree")


@pytest.mark.parametrize(
    ("fmt", "background", "mime", "mode"),
    [
        ("png", "transparent", "image/png", "RGBA"),
        ("webp", "transparent", "image/webp", "RGBA"),
        ("jpeg", "opaque", "image/jpeg", "RGB"),
        ("png", "auto", "image/png", "RGB"),
    ],
)
def test_output_formats_and_alpha(
    api: httpx2.Client, fmt: str, background: str, mime: str, mode: str
) -> None:
    body = create(
        api, model="gpt-image-1", prompt="logo", output_format=fmt, background=background
    ).json()
    got = download(body["data"][0]["url"])
    assert got.headers["content-type"] == mime
    image = open_image(got.content)
    assert image.format == {"png": "PNG", "webp": "WEBP", "jpeg": "JPEG"}[fmt]
    assert image.mode == mode and image.size == (1024, 1024)
    if mode == "RGBA":
        low, high = image.getchannel("A").getextrema()
        assert low == 0 and high == 255


def test_same_request_gives_identical_bytes_across_servers(api: httpx2.Client) -> None:
    request = {"model": "flux-schnell", "prompt": "same every time", "size": "640x480", "n": 2}
    first = [download(d["url"]).content for d in create(api, **request).json()["data"]]
    with SandboxServer() as other, _client(other) as client:
        second = [download(d["url"]).content for d in create(client, **request).json()["data"]]
    assert first == second and first[0] != first[1]
    other_prompt = create(api, **{**request, "prompt": "different"}).json()["data"][0]["url"]
    assert download(other_prompt).content != first[0]


def test_render_is_fast_and_deterministic() -> None:
    spec = RenderSpec("gpt-image-2", f"speed {time.time()}", 2048, 2048)
    started = time.perf_counter()
    data = render(spec)
    assert time.perf_counter() - started < 1.0
    assert render(spec) == data and open_image(data).size == (2048, 2048)


def test_rendering_does_not_block_other_requests(api: httpx2.Client, shared: SandboxServer) -> None:
    big = {"model": "gpt-image-2", "prompt": f"big {time.time()}", "size": "3840x2160", "n": 4}
    done: list[int] = []
    worker = threading.Thread(target=lambda: done.append(create(api, **big).status_code))
    worker.start()
    answered_meanwhile = 0
    with _client(shared) as other:
        time.sleep(0.05)
        while worker.is_alive():
            started = time.monotonic()
            assert other.get("/v1/pricing").status_code == 200
            assert time.monotonic() - started < 0.25
            answered_meanwhile += 1
    worker.join()
    assert done == [200] and answered_meanwhile >= 2


def test_google_sizes_from_aspect_ratio_resolution_and_size_alias(api: httpx2.Client) -> None:
    def size_of(**body: Any) -> tuple[int, int]:
        response = create(api, prompt="cat", **body)
        assert response.status_code == 200, response.text
        return open_image(download(response.json()["data"][0]["url"]).content).size

    assert size_of(model="gemini-3-pro-image-preview", aspect_ratio="16:9", resolution="2k") == (
        2048,
        1152,
    )
    assert size_of(model="nano-banana", aspect_ratio="9:16") == (576, 1024)
    assert size_of(model="nano-banana-2") == (1024, 1024)
    assert size_of(model="gemini-2.5-flash-image", size="1500x1000") == (1024, 683)
    assert size_of(model="gemini-2.0-flash-preview-image-generation", aspect_ratio="16:9") == (
        1024,
        1024,
    )


def test_unknown_model_takes_extra_params(fresh: httpx2.Client, sb: SandboxServer) -> None:
    body = create(fresh, model="seedream-4", prompt="x", size="800x600", guidance=7, seed=1).json()
    assert open_image(download(body["data"][0]["url"]).content).size == (800, 600)
    assert sb.stats.ignored_params == {}


def test_stripped_and_ignored_params_are_counted(fresh: httpx2.Client, sb: SandboxServer) -> None:
    ok = create(fresh, model="gpt-image-2", prompt="x", input_fidelity="high", size="1024x1024")
    assert ok.status_code == 200
    assert sb.stats.stripped_params == {"input_fidelity": 1}
    # async is documented for gpt-image-2 and FLUX only; elsewhere it is ignored (inline).
    inline = create(fresh, model="dall-e-3", prompt="x", style="natural", **{"async": True})
    assert inline.status_code == 200 and inline.json()["data"][0]["url"]
    assert sb.stats.ignored_params == {"async": 1}


# ----- validation ---------------------------------------------------------------------

INVALID = [
    ({"model": "dall-e-3"}, "prompt", "missing_required_parameter"),
    ({"model": "dall-e-3", "prompt": "   "}, "prompt", "invalid_value"),
    ({"model": "dall-e-3", "prompt": "x" * 4001}, "prompt", "string_above_max_length"),
    ({"model": "dall-e-2", "prompt": "x" * 1001}, "prompt", "string_above_max_length"),
    ({"model": "gpt-image-2", "prompt": "x" * 32001}, "prompt", "string_above_max_length"),
    ({"model": "dall-e-3", "prompt": "x", "n": 2}, "n", "integer_out_of_range"),
    ({"model": "flux-schnell", "prompt": "x", "n": 11}, "n", "integer_out_of_range"),
    ({"model": "dall-e-2", "prompt": "x", "n": 0}, "n", "integer_out_of_range"),
    ({"model": "dall-e-2", "prompt": "x", "n": "2"}, "n", "invalid_type"),
    ({"model": "gpt-image-2", "prompt": "x", "size": "1000x1000"}, "size", "invalid_size"),
    ({"model": "gpt-image-2", "prompt": "x", "size": "3856x1296"}, "size", "invalid_size"),
    ({"model": "gpt-image-2", "prompt": "x", "size": "3840x1152"}, "size", "invalid_size"),
    ({"model": "gpt-image-2", "prompt": "x", "size": "512x512"}, "size", "invalid_size"),
    ({"model": "gpt-image-2", "prompt": "x", "size": "huge"}, "size", "invalid_size"),
    ({"model": "gpt-image-1", "prompt": "x", "size": "2048x2048"}, "size", "invalid_size"),
    ({"model": "dall-e-3", "prompt": "x", "size": "512x512"}, "size", "invalid_size"),
    ({"model": "dall-e-2", "prompt": "x", "size": "1792x1024"}, "size", "invalid_size"),
    ({"model": "nano-banana", "prompt": "x", "resolution": "2k"}, "resolution", None),
    ({"model": "gemini-3.1-flash-image-preview", "prompt": "x", "resolution": "1k"}, None, None),
    ({"model": "gemini-3-pro-image-preview", "prompt": "x", "resolution": "8k"}, None, None),
    ({"model": "nano-banana-pro", "prompt": "x", "aspect_ratio": "7:1"}, "aspect_ratio", None),
    (
        {
            "model": "gpt-image-2",
            "prompt": "x",
            "background": "transparent",
            "output_format": "jpeg",
        },
        "background",
        None,
    ),
    ({"model": "gpt-image-2", "prompt": "x", "quality": "hd"}, "quality", None),
    ({"model": "dall-e-3", "prompt": "x", "style": "pastel"}, "style", None),
    ({"model": "gpt-image-2", "prompt": "x", "response_format": "jpg"}, "response_format", None),
    ({"model": "gpt-image-2", "prompt": "x", "partial_images": 4}, "partial_images", None),
    ({"model": "gpt-image-2", "prompt": "x", "output_compression": 101}, None, None),
]


@pytest.mark.parametrize(("body", "param", "code"), INVALID)
def test_gateway_refuses_invalid_requests(
    api: httpx2.Client,
    shared: SandboxServer,
    body: dict[str, Any],
    param: str | None,
    code: str | None,
) -> None:
    # Shared server (tests in one process run one at a time), so compare stat deltas.
    before = shared.stats.snapshot()
    response = api.post("/v1/images/generations", json=body)
    assert response.status_code == 400, response.text
    error = error_of(response)
    assert error["type"] == "invalid_request_error"
    issues = error["validation_errors"]
    assert issues and all(set(i) == {"field", "message", "code"} for i in issues)
    assert error["param"] == issues[0]["field"]
    if param is not None:
        assert error["param"] == param
    if code is not None:
        assert error["code"] == code
    after = shared.stats.snapshot()
    assert after["create_requests"] == before["create_requests"]
    assert after["create_attempts"] == before["create_attempts"] + 1


@pytest.mark.parametrize("size", ["3840x1280", "1024x1024", "auto", "2880x2880", "816x816"])
def test_gpt_image_2_accepts_valid_flexible_sizes(api: httpx2.Client, size: str) -> None:
    response = create(api, model="gpt-image-2", prompt="x", size=size, output_format="jpeg")
    assert response.status_code == 200, response.text


def test_unknown_model_and_bad_body(api: httpx2.Client) -> None:
    response = create(api, model="dall-e-4", prompt="x")
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "model_not_found" and error["param"] == "model"
    assert error["did_you_mean"] in ("dall-e-3", "dall-e-2")
    assert {"id": error["did_you_mean"]} in error["suggestions"]
    chat = create(api, model="gpt-4o-mini", prompt="x")
    assert chat.status_code == 400 and error_of(chat)["param"] == "model"
    bad = api.post("/v1/images/generations", content=b"{nope")
    assert bad.status_code == 400 and error_of(bad)["code"] == "invalid_json"


# ----- tasks ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "extra"),
    [("flux-pro", {}), ("midjourney", {}), ("ideogram-v3", {}), ("gpt-image-2", {"async": True})],
)
def test_task_flow_to_completion(
    fresh: httpx2.Client, sb: SandboxServer, model: str, extra: dict[str, Any]
) -> None:
    created = create(fresh, model=model, prompt="task", response_format="b64_json", **extra).json()
    assert created["status"] == "pending" and created["data"] == []
    assert created["id"] == created["task_id"] and created["id"].startswith("ldtask_")
    assert created["poll_url"] == f"/v1/tasks/{created['id']}"
    first = fresh.get(created["poll_url"]).json()
    assert first["status"] in ("pending", "processing") and 0 <= first["progress"] < 100
    if first["status"] == "processing":
        assert first["data"] and all(item["url"] == "" for item in first["data"])
    done = wait_task(fresh, created["poll_url"])
    assert done["status"] == "completed" and done["progress"] == 100
    assert done["billing_transaction_id"] and done["model"] == model
    assert done["updated"] >= done["created"] and "error" not in done
    # Async tasks answer with URLs whatever response_format asked for.
    (item,) = done["data"]
    assert item["url"].startswith(sb.cdn_url) and "b64_json" not in item
    assert open_image(download(item["url"]).content).size == (1024, 1024)
    for alias in (f"/v1/images/generations/{created['id']}", f"/v1/images/{created['id']}"):
        assert fresh.get(alias).json() == done
    assert sb.stats.create_requests == 1 and sb.stats.poll_requests >= 4


def test_unknown_task_404s_on_every_alias(api: httpx2.Client) -> None:
    for path in ("/v1/tasks/ldtask_0", "/v1/images/generations/ldtask_0", "/v1/images/ldtask_0"):
        response = api.get(path)
        assert response.status_code == 404 and error_of(response)["code"] == "async_task_not_found"


def test_cancel_pending_task_then_completed_task_is_not_cancellable(fresh: httpx2.Client) -> None:
    created = create(fresh, model="flux-pro", prompt="cancel me").json()
    cancelled = fresh.delete(created["poll_url"])
    assert cancelled.status_code == 200
    body = fresh.get(created["poll_url"]).json()
    assert body["status"] == "failed" and body["cancelled"] is True
    assert body["cancellation_status"] == "cancelled" and body["error"] == "cancelled by user"
    time.sleep(TASK_SECONDS)
    assert fresh.get(created["poll_url"]).json()["status"] == "failed"
    again = fresh.delete(created["poll_url"])
    assert again.status_code == 409 and error_of(again)["code"] == "task_not_cancellable"

    finished = create(fresh, model="flux-pro", prompt="finish me").json()
    assert wait_task(fresh, finished["poll_url"])["status"] == "completed"
    refused = fresh.delete(finished["poll_url"])
    assert refused.status_code == 409 and error_of(refused)["code"] == "task_not_cancellable"
    missing = fresh.delete("/v1/tasks/ldtask_nope")
    assert missing.status_code == 404 and error_of(missing)["code"] == "async_task_not_found"


# ----- streaming ------------------------------------------------------------------------


def test_stream_partial_images_then_completed(api: httpx2.Client) -> None:
    request = {"model": "gpt-image-1.5", "prompt": "streaming", "size": "1024x1536"}
    response = create(api, stream=True, partial_images=2, **request)
    assert response.headers["content-type"].startswith("text/event-stream")
    events = parse_sse(response.text)
    assert [name for name, _ in events] == [
        "image_generation.partial_image",
        "image_generation.partial_image",
        "image_generation.completed",
    ]
    for index, (name, data) in enumerate(events[:2]):
        assert data["type"] == name and data["partial_image_index"] == index
        assert {"size", "quality", "background", "output_format"} <= set(data)
        assert open_image(base64.b64decode(data["b64_json"])).size == (1024, 1536)
    final = events[-1][1]
    assert final["type"] == "image_generation.completed" and final["usage"]["total_tokens"] > 0
    final_bytes = base64.b64decode(final["b64_json"])
    assert final_bytes != base64.b64decode(events[0][1]["b64_json"])
    plain = create(api, **request).json()
    assert download(plain["data"][0]["url"]).content == final_bytes


def test_stream_is_refused_where_the_family_does_not_stream(
    fresh: httpx2.Client, sb: SandboxServer
) -> None:
    # The newest spec rejects stream: true; ignoring it made openai-python see no events.
    response = create(fresh, model="dall-e-2", prompt="x", size="256x256", stream=True)
    assert response.status_code == 400
    error = error_of(response)
    assert (error["code"], error["param"]) == ("stream_not_supported", "stream") and error["hint"]
    assert sb.stats.create_requests == 0
    sb.set_options(stream_mode="ignore")  # the old behaviour, still available
    assert create(fresh, model="dall-e-2", prompt="x", size="256x256", stream=True).json()["data"]
    sb.set_options(stream_mode="refuse")  # the newest OpenAPI file: no model streams
    refused = create(fresh, model="gpt-image-1.5", prompt="x", stream=True, partial_images=1)
    assert refused.status_code == 400 and error_of(refused)["code"] == "stream_not_supported"


# ----- faults -----------------------------------------------------------------------------


def test_fault_grammar() -> None:
    plan = FaultPlan.parse(" latency=0.25@models*2 , 429=3 , 503@create%50, seed=7, taskfail ")
    assert plan.seed == 7
    assert plan.describe()["rules"] == [
        "latency=0.25@models*2",
        "429=3@api",
        "503@create%50",
        "taskfail@create",
    ]
    assert FaultPlan.parse("").rules == [] and FaultPlan.parse("none").rules == []
    for bad in ("boom", "latency", "500=2", "429@nowhere", "truncate@create", "badjson@download"):
        with pytest.raises(ValueError):
            FaultPlan.parse(bad)


def test_counted_and_percent_rules() -> None:
    plan = FaultPlan.parse("500@models*2,latency=0.5@any")
    hits = [plan.draw("models", "request") for _ in range(3)]
    assert [h.hit.kind if h.hit else None for h in hits] == ["500", "500", None]
    assert all(h.latency == 0.5 for h in hits)
    assert plan.draw("create", "request").hit is None

    def sequence(seed: int) -> list[bool]:
        sampled = FaultPlan.parse("502%30", seed=seed)
        return [sampled.draw("create", "request").hit is not None for _ in range(200)]

    assert sequence(1) == sequence(1) != sequence(2)
    assert 30 < sum(sequence(1)) < 90


def test_429_has_matching_retry_after_and_is_not_run(
    fresh: httpx2.Client, sb: SandboxServer
) -> None:
    sb.set_faults("429=0.25@create*1")
    limited = create(fresh, model="dall-e-2", prompt="x")
    assert limited.status_code == 429
    error = error_of(limited)
    assert error["code"] == "rate_limit_exceeded" and error["retry_after"] == 0.25
    assert limited.headers["retry-after"] == "0.25"
    assert create(fresh, model="dall-e-2", prompt="x").status_code == 200
    sb.set_faults("429")  # default: 1 s, on every API route
    models = fresh.get("/v1/models")
    assert models.status_code == 429 and models.headers["retry-after"] == "1"
    assert error_of(models)["retry_after"] == 1
    assert sb.stats.create_requests == 1 and sb.stats.faults_fired == {"429": 2}


def test_503_402_are_not_run_and_carry_their_extras(
    fresh: httpx2.Client, sb: SandboxServer
) -> None:
    sb.set_faults("503=2*1,402*1")
    unavailable = create(fresh, model="flux-schnell", prompt="x")
    assert unavailable.status_code == 503
    error = error_of(unavailable)
    assert error["code"] == "all_channels_failed" and error["retryable"] is True
    assert error["retry_after"] == 2 and unavailable.headers["retry-after"] == "2"
    assert error["alternatives"] and all("id" in a for a in error["alternatives"])
    broke = create(fresh, model="flux-schnell", prompt="x", n=3)
    assert broke.status_code == 402
    error = error_of(broke)
    assert error["code"] == "insufficient_balance"
    assert error["estimated_cost_usd"] == pytest.approx(0.009)
    assert 0 <= error["balance_usd"] < error["estimated_cost_usd"]
    assert sb.stats.create_requests == 0 and sb.stats.create_attempts == 2


@pytest.mark.parametrize(
    ("kind", "code"),
    [("500", "internal_error"), ("502", "upstream_error"), ("504", "timeout_error")],
)
def test_5xx_on_create_counts_as_run(
    fresh: httpx2.Client, sb: SandboxServer, kind: str, code: str
) -> None:
    sb.set_faults(f"{kind}@create*1")
    response = create(fresh, model="flux-pro", prompt="x")
    assert response.status_code == int(kind) and error_of(response)["code"] == code
    assert sb.stats.create_requests == 1 and sb.stats.create_requests_by_model == {"flux-pro": 1}


def test_500_defaults_to_every_api_route(fresh: httpx2.Client, sb: SandboxServer) -> None:
    sb.set_faults("500")
    for path in ("/v1/models", "/v1/pricing", "/v1/tasks/ldtask_x"):
        assert fresh.get(path).status_code == 500
    assert fresh.get("/_sandbox/stats").status_code == 200  # admin is never faulted


def test_drop_on_create_was_run(fresh: httpx2.Client, sb: SandboxServer) -> None:
    sb.set_faults("drop@create*1")
    with pytest.raises(httpx2.TransportError):
        create(fresh, model="dall-e-2", prompt="x")
    assert sb.stats.create_requests == 1
    assert create(fresh, model="dall-e-2", prompt="x").status_code == 200


def test_reset_closes_before_the_request_is_read(fresh: httpx2.Client, sb: SandboxServer) -> None:
    sb.set_faults("reset@create*1")
    with pytest.raises(httpx2.TransportError):
        create(fresh, model="dall-e-2", prompt="x")
    assert sb.stats.create_attempts == 0 and sb.stats.create_requests == 0
    assert sb.stats.faults_fired == {"reset": 1}
    assert create(fresh, model="dall-e-2", prompt="x").status_code == 200


def test_badjson_is_a_200_that_does_not_parse(fresh: httpx2.Client, sb: SandboxServer) -> None:
    sb.set_faults("badjson@create*1,badjson@models*1")
    for response in (create(fresh, model="dall-e-2", prompt="x"), fresh.get("/v1/models")):
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json"
        with pytest.raises(json.JSONDecodeError):
            json.loads(response.content)
    assert sb.stats.create_requests == 1


def test_latency_fault_and_constructor_latency(fresh: httpx2.Client, sb: SandboxServer) -> None:
    sb.set_faults("latency=0.3@models*1")
    started = time.monotonic()
    assert fresh.get("/v1/models").status_code == 200
    assert time.monotonic() - started >= 0.3
    started = time.monotonic()
    fresh.get("/v1/models")
    assert time.monotonic() - started < 0.3
    with SandboxServer(latency=0.2) as slow, _client(slow) as client:
        started = time.monotonic()
        assert client.get("/v1/pricing").status_code == 200
        assert time.monotonic() - started >= 0.2


def _one_url(client: httpx2.Client) -> str:
    return str(
        create(client, model="dall-e-2", prompt="dl", size="512x512").json()["data"][0]["url"]
    )


def test_download_faults(fresh: httpx2.Client, sb: SandboxServer) -> None:
    url = _one_url(fresh)
    good = download(url).content
    sb.set_faults("truncate*1")
    with pytest.raises(httpx2.TransportError):
        download(url)
    sb.set_faults("drop@download*1")
    with pytest.raises(httpx2.TransportError):
        download(url)
    sb.set_faults("notimage*1")
    fake = download(url)
    assert fake.status_code == 200 and fake.headers["content-type"] == "image/png"
    with pytest.raises(OSError):
        open_image(fake.content)
    sb.set_faults("reset@download*1")
    with pytest.raises(httpx2.TransportError):
        download(url)
    sb.set_faults("503@download*1")
    assert download(url).status_code == 503
    assert download(url).content == good
    assert sb.stats.download_requests == 6  # reset never reaches the CDN app


def test_task_faults(fresh: httpx2.Client, sb: SandboxServer) -> None:
    sb.set_options(task_error_format="string")
    sb.set_faults("taskfail*1,tasknever*1,taskvanish*1")
    create(fresh, model="dall-e-2", prompt="inline models do not consume task faults")
    failed = create(fresh, model="flux-pro", prompt="x").json()
    never = create(fresh, model="flux-pro", prompt="x").json()
    vanish = create(fresh, model="flux-pro", prompt="x").json()
    normal = create(fresh, model="flux-pro", prompt="x").json()
    assert fresh.get(vanish["poll_url"]).status_code == 200
    gone = fresh.get(vanish["poll_url"])
    assert gone.status_code == 404 and error_of(gone)["code"] == "async_task_not_found"
    end = wait_task(fresh, failed["poll_url"])
    assert end["status"] == "failed" and isinstance(end["error"], str) and end["error"]
    assert "cancelled" not in end and end["data"] == []
    assert wait_task(fresh, normal["poll_url"])["status"] == "completed"
    stuck = fresh.get(never["poll_url"]).json()
    assert stuck["status"] == "processing" and stuck["progress"] < 100


# ----- admin, stats, CDN --------------------------------------------------------------------


def test_admin_routes_steer_faults_and_report_stats(
    fresh: httpx2.Client, sb: SandboxServer
) -> None:
    set_plan = fresh.post("/_sandbox/faults", json={"spec": "502@create*1", "seed": 3})
    assert set_plan.status_code == 200 and set_plan.json() == {"seed": 3, "rules": ["502@create*1"]}
    assert create(fresh, model="dall-e-2", prompt="x").status_code == 502
    assert fresh.get("/_sandbox/faults").json()["rules"] == ["502@create*0"]
    bad = fresh.post("/_sandbox/faults", json={"spec": "explode"})
    assert bad.status_code == 400 and error_of(bad)["code"] == "invalid_fault_spec"
    stats = fresh.get("/_sandbox/stats").json()
    assert stats == sb.stats.snapshot()
    assert stats["create_requests"] == 1 and stats["faults_fired"] == {"502": 1}
    assert stats["requests_by_path"] == {"/v1/images/generations": 1}
    assert fresh.post("/_sandbox/faults", json={"spec": ""}).json()["rules"] == []


def test_cdn_counts_requests_carrying_authorization(
    fresh: httpx2.Client, sb: SandboxServer
) -> None:
    url = _one_url(fresh)
    assert download(url).status_code == 200
    assert sb.stats.cdn_requests_with_authorization == 0
    leaked = download(url, headers={"Authorization": f"Bearer {sb.api_key}"})
    assert leaked.status_code == 200  # served anyway: the leak is the client's bug
    assert sb.stats.cdn_requests_with_authorization == 1 and sb.stats.download_requests == 2
    assert download(sb.cdn_url + "/images/unknown.png").status_code == 404
    assert fresh.get("/_sandbox/stats").json()["cdn_requests_with_authorization"] == 1


def test_stats_count_by_model(fresh: httpx2.Client, sb: SandboxServer) -> None:
    create(fresh, model="dall-e-2", prompt="a", size="256x256")
    create(fresh, model="dall-e-2", prompt="b", size="256x256", n=2)
    create(fresh, model="nano-banana", prompt="c")
    assert sb.stats.create_requests == 3
    assert sb.stats.create_requests_by_model == {"dall-e-2": 2, "nano-banana": 1}
    assert sb.stats.snapshot()["create_requests_by_model"] == {"dall-e-2": 2, "nano-banana": 1}


def test_start_stop_are_idempotent() -> None:
    server = SandboxServer()
    server.start()
    server.start()
    with _client(server) as client:
        assert client.get("/v1/models").status_code == 200
    server.stop()
    server.stop()
    with pytest.raises(httpx2.TransportError), _client(server) as client:
        client.get("/v1/models")


# ----- command line -------------------------------------------------------------------------


def test_module_entry_point_serves_until_terminated() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "lemon_desktop.sandbox", "--key", "sk-cli-test", "--faults",
         "latency=0.01", "--task-seconds", "0.2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_PROXY": "127.0.0.1"},
    )  # fmt: skip
    try:
        assert process.stdout is not None
        line = process.stdout.readline().strip()
        fields = dict(part.split("=", 1) for part in line.split())
        assert set(fields) == {"base_url", "cdn_url", "api_key"}
        assert fields["api_key"] == "sk-cli-test"
        headers = {"Authorization": "Bearer sk-cli-test"}
        with httpx2.Client(base_url=fields["base_url"], headers=headers, timeout=10) as client:
            assert client.get("/v1/models").json()["object"] == "list"
            assert client.get("/_sandbox/faults").json()["rules"] == ["latency=0.01@any"]
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_cli_rejects_a_bad_fault_spec() -> None:
    from lemon_desktop.sandbox.cli import run

    assert run(["--faults", "nonsense"]) == 2
