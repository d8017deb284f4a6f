"""A hostile gateway on 127.0.0.1 (or .2) against the real client, over real HTTP.

Each test is one answer a broken or malicious gateway can give; each must end as a
typed error with a sentence a person can act on (or a harmless value), never as a
RecursionError, TypeError, MemoryError, a leaked key or a request somewhere it must
not go.
"""

from __future__ import annotations

import base64
import io
import json
import logging
import zlib
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from lemon_desktop.api.client import LemonClient, Timeouts
from lemon_desktop.api.decoding import MAX_READ_BYTES, ResponseTooLargeError
from lemon_desktop.api.download import decode_base64_image, save_image
from lemon_desktop.api.errors import (
    AuthenticationError,
    BadRequestError,
    DownloadError,
    MalformedResponseError,
    PermissionDeniedError,
    RedirectError,
    TaskFailedError,
)
from lemon_desktop.api.polling import wait_for_task
from lemon_desktop.api.request import ImageRequest
from lemon_desktop.api.types import GeneratedImage, ImagesResult, TaskRef

from .conftest import FAST_RETRY
from .hostile_server import HostileServer, Reply, json_reply, raw_json_reply

pytestmark = pytest.mark.asyncio

KEY = "sk-hostile-" + "0123456789abcdef" * 2
POLL = {"interval": 0.02, "max_interval": 0.05}
TASK = {"task_id": "t1", "status": "pending", "poll_url": "/v1/tasks/t1"}


def client_for(server: HostileServer, base_url: str | None = None) -> LemonClient:
    return LemonClient(
        base_url or server.base_url,
        KEY,
        timeouts=Timeouts(connect=5, read=10, write=5, pool=5, call_deadline=30),
        retry=FAST_RETRY,
    )


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 180, 0)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    """A valid JSON task state padded to 4x the read limit, gzip'd to ~100 KB."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [packer.compress(b'{"id": "t1", "status": "pending", "pad": "')]
    block = b" " * (1024 * 1024)
    parts += [packer.compress(block) for _ in range(4 * MAX_READ_BYTES // len(block))]
    parts += [packer.compress(b'"}'), packer.flush()]
    return b"".join(parts)


# ----- item 1: a proxy never sees plain http to any loopback address -----------------


async def test_a_proxy_never_sees_plain_http_to_any_loopback_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    models = json_reply({"object": "list", "data": [{"id": "m1", "object": "model"}]})
    with (
        HostileServer({"*": Reply(502)}) as proxy,
        HostileServer({"/v1/models": models}, host="127.0.0.2") as gateway,
    ):
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "HTTPS_PROXY"):
            monkeypatch.setenv(name, proxy.base_url)
        async with client_for(gateway) as api:
            assert [m.id for m in await api.list_models()] == ["m1"]
    assert proxy.requests == []
    assert gateway.requests[0].headers["authorization"] == f"Bearer {KEY}"


# ----- item 2: malformed answers become typed errors ----------------------------------


async def test_deeply_nested_json_is_a_malformed_response() -> None:
    nested = '{"object": "list", "data": ' + "[" * 100_000 + "]" * 100_000 + "}"
    with HostileServer({"/v1/models": raw_json_reply(nested)}) as gateway:
        async with client_for(gateway) as api:
            with pytest.raises(MalformedResponseError) as caught:
                await api.list_models()
    assert "nested" in caught.value.user_message


async def test_nesting_below_the_recursion_limit_is_refused_too() -> None:
    # Parses, but would break whatever walks it later (json.dumps into library.db).
    usage = '{"a": ' * 500 + "1" + "}" * 500
    task = '{"id": "t1", "status": "pending", "usage": ' + usage + "}"
    with HostileServer({"/v1/tasks/t1": raw_json_reply(task)}) as gateway:
        async with client_for(gateway) as api:
            with pytest.raises(MalformedResponseError, match="nested more than"):
                await api.get_task("t1")


@pytest.mark.parametrize(
    ("route", "payload", "call"),
    [
        ("/v1/models", {"object": "list", "data": 5}, "models"),
        ("/v1/tasks/t1", {"id": "t1", "status": "completed", "data": 5}, "task"),
        ("/v1/images/generations", {"created": 1, "data": 5}, "create"),
        ("/v1/images/generations", {"created": 1, "data": [{"url": 5}]}, "create"),
        ("/v1/pricing", {"object": "list", "data": 5}, "pricing"),
    ],
)
async def test_data_of_the_wrong_type_is_a_malformed_response(
    route: str, payload: dict[str, object], call: str
) -> None:
    with HostileServer({route: json_reply(payload)}) as gateway:
        async with client_for(gateway) as api:
            with pytest.raises(MalformedResponseError) as caught:
                if call == "models":
                    await api.list_models()
                elif call == "task":
                    await api.get_task("t1")
                elif call == "pricing":
                    await api.get_pricing()
                else:
                    await api.create_image(ImageRequest("m", "p"))
    assert caught.value.user_message.endswith(".")


async def test_a_403_while_polling_is_a_typed_status_error() -> None:
    denied = json_reply({"error": {"message": "forbidden", "code": "forbidden"}}, 403)
    with HostileServer({"/v1/tasks/t1": denied}) as gateway:
        async with client_for(gateway) as api:
            with pytest.raises(PermissionDeniedError) as caught:
                await wait_for_task(api, TaskRef("t1", "/v1/tasks/t1"), timeout=5, **POLL)
    assert caught.value.status == 403
    assert "forbidden" in caught.value.user_message


async def test_a_401_while_polling_is_an_authentication_error() -> None:
    rejected = json_reply({"error": {"message": "key revoked", "code": "invalid_api_key"}}, 401)
    with HostileServer({"/v1/tasks/t1": rejected}) as gateway:
        async with client_for(gateway) as api:
            with pytest.raises(AuthenticationError):
                await wait_for_task(api, TaskRef("t1", "/v1/tasks/t1"), timeout=5, **POLL)


@pytest.mark.parametrize("route", ["/v1/tasks/t1", "/v1/models"])
async def test_a_gzip_bomb_is_stopped_by_the_size_limit(route: str, gzip_bomb: bytes) -> None:
    bomb = Reply(200, gzip_bomb, {"Content-Type": "application/json", "Content-Encoding": "gzip"})
    with HostileServer({route: bomb}) as gateway:
        async with client_for(gateway) as api:
            with pytest.raises(ResponseTooLargeError) as caught:
                if route == "/v1/models":
                    await api.list_models()
                else:
                    await api.get_task("t1")
    assert "larger than 32 MiB" in caught.value.user_message


async def test_nan_and_infinity_literals_read_as_unknown() -> None:
    task = '{"id": "t1", "status": "processing", "progress": NaN, "usage": {"output_tokens": -5}}'
    with HostileServer({"/v1/tasks/t1": raw_json_reply(task)}) as gateway:
        async with client_for(gateway) as api:
            status = await api.get_task("t1")
    assert status.progress is None
    assert status.usage is not None and status.usage.output_tokens is None


# ----- item 3: b64_json is held to the download cap -----------------------------------


async def test_b64_json_over_the_cap_is_refused_before_decoding(tmp_path: Path) -> None:
    image = png_bytes()
    big = base64.b64encode(image + b"\0" * (2 * 1024 * 1024)).decode()
    answer = json_reply({"created": 1, "data": [{"b64_json": big}]})
    with HostileServer({"/v1/images/generations": answer}) as gateway:
        async with client_for(gateway) as api:
            result = await api.create_image(ImageRequest("m", "p"))
            assert isinstance(result, ImagesResult)
            with pytest.raises(DownloadError, match="larger than the 1 MB limit"):
                await save_image(api, result.images[0], tmp_path / "out", max_bytes=1024 * 1024)
    assert list((tmp_path / "out").iterdir()) == []
    # The length alone decides: text that is not even base64 is refused for its size.
    with pytest.raises(DownloadError, match="larger than"):
        decode_base64_image("!" * (4 * 1024 * 1024), 1024 * 1024)
    assert decode_base64_image(base64.b64encode(image).decode(), 1024 * 1024) == image


# ----- item 4: the key is removed from everything the gateway echoes ------------------


async def test_an_echoed_key_is_redacted_from_every_field_of_an_error() -> None:
    envelope = {
        "error": {
            "message": f"bad request for {KEY}",
            "hint": f"your key {KEY} is wrong",
            "did_you_mean": KEY,
            "code": KEY,
            "type": f"t-{KEY}",
            "param": KEY,
            "validation_errors": [{"field": KEY, "message": f"m {KEY}", "code": KEY}],
            "nested": {"deep": [KEY]},
        }
    }
    with HostileServer({"/v1/images/generations": json_reply(envelope, 400)}) as gateway:
        async with client_for(gateway) as api:
            with pytest.raises(BadRequestError) as caught:
                await api.create_image(ImageRequest("m", "p"))
    error = caught.value
    assert KEY not in error.user_message
    assert KEY not in str(error)
    assert KEY not in json.dumps(error.body)
    assert KEY not in repr(vars(error))
    assert "sk-…" in error.user_message


@pytest.mark.parametrize(
    "task_error", [f"upstream said: invalid key {KEY}", {"code": "x", "message": f"echo {KEY}"}]
)
async def test_an_echoed_key_is_redacted_from_a_task_failure(task_error: object) -> None:
    failed = json_reply({"id": "t1", "status": "failed", "error": task_error})
    with HostileServer({"/v1/tasks/t1": failed}) as gateway:
        async with client_for(gateway) as api:
            status = await api.get_task("t1")
            assert status.error and KEY not in status.error
            assert KEY not in json.dumps(status.raw)
            with pytest.raises(TaskFailedError) as caught:
                await wait_for_task(api, TaskRef("t1", "/v1/tasks/t1"), timeout=5, **POLL)
    assert KEY not in caught.value.user_message
    assert "sk-…" in caught.value.user_message


# ----- item 6: result URLs --------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "data:image/png;base64,iVBORw0KGgo=", "javascript:alert(1)"],
)
async def test_file_and_data_urls_are_refused_not_sent_to_the_api(url: str, tmp_path: Path) -> None:
    with HostileServer({"*": Reply(200, png_bytes(), {"Content-Type": "image/png"})}) as gateway:
        async with client_for(gateway) as api:
            with pytest.raises(DownloadError, match="refused") as caught:
                await save_image(api, GeneratedImage(url=url), tmp_path)
    assert gateway.requests == []
    assert url.split(":")[0] + ":" in caught.value.user_message


@pytest.mark.parametrize(
    "template",
    [
        "http://{loopback}/x.png",  # plain http, and loopback
        "https://{loopback}/x.png",  # loopback
        "https://localhost:{port}/x.png",  # a name that resolves to loopback
        "https://169.254.169.254/latest/meta-data",  # link-local (cloud metadata)
        "https://10.1.2.3/x.png",  # private
        "https://[fe80::1]/x.png",  # IPv6 link-local
        "https://[::ffff:192.168.1.1]/x.png",  # private, IPv4-mapped
        "http://cdn.example.com/x.png",  # plain http to a public host
    ],
)
async def test_results_from_private_addresses_are_refused_for_a_remote_api(
    template: str, tmp_path: Path
) -> None:
    with HostileServer({"*": Reply(200, png_bytes(), {"Content-Type": "image/png"})}) as target:
        host_port = target.base_url.removeprefix("http://")
        url = template.format(loopback=host_port, port=host_port.rsplit(":", 1)[1])
        async with client_for(target, base_url="https://api.lemondata.cc") as api:
            with pytest.raises(DownloadError, match="refused"):
                await save_image(api, GeneratedImage(url=url), tmp_path)
    assert target.requests == []


async def test_loopback_results_are_fine_when_the_api_is_on_loopback(tmp_path: Path) -> None:
    with (
        HostileServer({"*": Reply(200, png_bytes(), {"Content-Type": "image/png"})}) as cdn,
        HostileServer({}) as gateway,
    ):
        async with client_for(gateway) as api:
            saved = await save_image(api, GeneratedImage(url=cdn.base_url + "/x.png"), tmp_path)
    assert saved.format == "png"
    assert "authorization" not in cdn.requests[0].headers


# ----- item 7: catalogue, redirects -------------------------------------------------------


async def test_bad_catalogue_entries_are_skipped_not_fatal() -> None:
    catalogue = {
        "object": "list",
        "data": [
            {"id": 5},
            "not an object",
            {"id": "odd", "owned_by": {"x": 1}, "lemondata": {"supported_operations": 7}},
            {"id": "good", "lemondata": {"category": "image"}},
        ],
    }
    with HostileServer({"/v1/models": json_reply(catalogue)}) as gateway:
        async with client_for(gateway) as api:
            models = await api.list_models()
    assert [m.id for m in models] == ["odd", "good"]
    assert models[0].owned_by is None and models[0].supported_operations == ()


async def test_a_redirect_says_where_and_which_base_url_to_use() -> None:
    moved = Reply(307, b"", {"Location": "https://api2.example.com/v1/models?x=1"})
    with HostileServer({"/v1/models": moved}) as gateway:
        async with client_for(gateway) as api:
            with pytest.raises(RedirectError) as caught:
                await api.list_models()
    text = caught.value.user_message
    assert "redirected" in text and "https://api2.example.com/v1/models" in text
    assert "base URL should probably be changed to https://api2.example.com" in text
    assert "Change the request" not in text
    assert len(gateway.requests) == 1  # not followed


# ----- item 8: money at the edge ------------------------------------------------------------


async def test_nan_infinite_and_negative_prices_are_unknown(
    caplog: pytest.LogCaptureFixture,
) -> None:
    pricing = (
        '{"object": "list", "data": ['
        '{"model": "a", "pricing": {"per_request": NaN}},'
        '{"model": "b", "pricing": {"per_request": "Infinity"}},'
        '{"model": "c", "pricing": {"per_request": "-0.04"}},'
        '{"model": "d", "pricing": {"input_per_1m": "nan", "output_per_1m": "1e999999"}},'
        '{"model": "e", "pricing": {"per_request": "0.04"}},'
        '{"model": "f", "pricing": {"input_per_1m": "-5", "output_per_1m": "40.00"}}'
        "]}"
    )
    with HostileServer({"/v1/pricing": raw_json_reply(pricing)}) as gateway:
        async with client_for(gateway) as api:
            with caplog.at_level(logging.WARNING):
                prices = {p.model: p for p in await api.get_pricing()}
    # a-d have no readable price: unknown, left out (never counted as free)
    assert set(prices) == {"e", "f"}
    assert prices["e"].per_request == Decimal("0.04")
    assert prices["f"].input_per_1m is None and prices["f"].output_per_1m == Decimal("40.00")
    for price in prices.values():
        for amount in (price.per_request, price.input_per_1m, price.output_per_1m):
            assert amount is None or (amount.is_finite() and amount >= 0)
    assert "ignoring the gateway's" in caplog.text


async def test_the_flat_pricing_shape_is_read() -> None:
    flat = {
        "object": "pricing",
        "model": "gpt-image-2",
        "input_per_1m_tokens": "5.00",
        "output_per_1m_tokens": "40.00",
        "lock_price_per_request": None,
    }
    locked = {"object": "pricing", "model": "flux-pro", "lock_price_per_request": "0.05"}
    with HostileServer(
        {"/v1/pricing": lambda r: json_reply(locked if "flux" in r.target else flat)}
    ) as gateway:
        async with client_for(gateway) as api:
            [gpt] = await api.get_pricing("gpt-image-2")
            [flux] = await api.get_pricing("flux-pro")
    assert gpt.token_priced and gpt.output_per_1m == Decimal("40.00")
    assert flux.per_request == Decimal("0.05") and flux.is_lock_price


async def test_a_402_with_nonsense_amounts_says_nothing_false() -> None:
    short = json_reply(
        {
            "error": {
                "message": "Insufficient balance",
                "code": "insufficient_balance",
                "balance_usd": "NaN",
                "estimated_cost_usd": -3,
            }
        },
        402,
    )
    with HostileServer({"/v1/images/generations": short}) as gateway:
        async with client_for(gateway) as api:
            with pytest.raises(Exception) as caught:
                await api.create_image(ImageRequest("m", "p"))
    error = caught.value
    assert getattr(error, "balance_usd", 0) is None
    assert getattr(error, "estimated_cost_usd", 0) is None
    assert "Insufficient balance" in str(getattr(error, "user_message", ""))


async def test_a_redirected_download_is_not_followed_and_blames_no_base_url(
    tmp_path: Path,
) -> None:
    moved = Reply(302, b"", {"Location": "https://images.example.org/x.png"})
    with HostileServer({"*": moved}) as cdn, HostileServer({}) as gateway:
        async with client_for(gateway) as api:
            with pytest.raises(DownloadError) as caught:
                await save_image(api, GeneratedImage(url=cdn.base_url + "/x.png"), tmp_path)
    text = caught.value.user_message
    assert "redirected the download (HTTP 302) to https://images.example.org/x.png" in text
    assert "base URL" not in text


async def test_an_event_stream_is_bounded_too() -> None:
    from lemon_desktop.api.streaming import iter_events

    stream = Reply(200, b"data: " + b"x" * (2 * 1024 * 1024), {"Content-Type": "text/event-stream"})
    with HostileServer({"/v1/images/generations": stream}) as gateway:
        async with client_for(gateway) as api:
            url = api.endpoint.url("/v1/images/generations")
            async with api.stream(url, method="POST", json={}) as response:
                with pytest.raises(ResponseTooLargeError):
                    async for _ in iter_events(response, limit=1024 * 1024):
                        pass
