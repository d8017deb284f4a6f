"""The gateway client against the sandbox over real loopback HTTP."""

from __future__ import annotations

import base64
import io
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from lemon_desktop.api.client import LemonClient, Timeouts
from lemon_desktop.api.download import save_image
from lemon_desktop.api.errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    DownloadError,
    GatewayTimeoutError,
    InsufficientBalanceError,
    InternalServerError,
    MalformedResponseError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServiceUnavailableError,
    TaskFailedError,
    TaskLostError,
    TaskTimeoutError,
    UpstreamError,
)
from lemon_desktop.api.polling import wait_for_task
from lemon_desktop.api.request import ImageRequest, Params
from lemon_desktop.api.retry import RetryPolicy
from lemon_desktop.api.types import ImagesResult, TaskRef, TaskStatus
from lemon_desktop.sandbox import SandboxServer

from .conftest import FAST_RETRY
from .hostile_server import HostileServer, Reply, Request, json_reply

pytestmark = pytest.mark.asyncio

POLL = {"interval": 0.05, "max_interval": 0.1}


def body(model: str = "dall-e-2", **params: object) -> ImageRequest:
    # Made directly, not through the profiles: these tests send exactly these settings.
    return ImageRequest(model, "a lemon on a blue table", Params(params))


async def test_recommended_models_come_in_gateway_order(client: LemonClient) -> None:
    models = await client.list_models(recommended_for="image")
    ids = [m.id for m in models]
    assert "gpt-image-2" in ids and "dall-e-3" in ids
    assert all(m.category == "image" for m in models)
    scored = [m for m in models if m.preference_status != "insufficient_samples"]
    unscored = [m for m in models if m.preference_status == "insufficient_samples"]
    assert models == scored + unscored
    rates = [m.success_rate_24h or 0 for m in scored]
    assert rates == sorted(rates, reverse=True)


async def test_single_model_and_unknown_model(client: LemonClient) -> None:
    model = await client.get_model("gpt-image-2")
    assert model.id == "gpt-image-2"
    with pytest.raises(NotFoundError) as caught:
        await client.get_model("gpt-image-3")
    assert caught.value.code == "model_not_found"


async def test_pricing_is_decimal_and_knows_token_pricing(client: LemonClient) -> None:
    [gpt] = await client.get_pricing("gpt-image-2")
    assert gpt.token_priced and gpt.per_request is None
    assert isinstance(gpt.input_per_1m, Decimal)
    [dalle] = await client.get_pricing("dall-e-3")
    assert dalle.per_request is not None and not dalle.token_priced


async def test_inline_url_is_downloaded_from_the_cdn_without_the_key(
    client: LemonClient, sandbox: SandboxServer, tmp_path: Path
) -> None:
    result = await client.create_image(body("dall-e-3", size="1024x1792"))
    assert isinstance(result, ImagesResult)
    [image] = result.images
    assert image.url and image.url.startswith(sandbox.cdn_url)
    assert image.revised_prompt
    saved = await save_image(client, image, tmp_path)
    assert saved.format == "png" and saved.path.suffix == ".png"
    with Image.open(saved.path) as picture:
        assert picture.size == (1024, 1792)
    assert sandbox.stats.snapshot()["cdn_requests_with_authorization"] == 0
    assert sandbox.stats.snapshot()["download_requests"] == 1
    assert not list(tmp_path.glob(".partial-*"))


async def test_b64_json_is_decoded_and_checked(client: LemonClient, tmp_path: Path) -> None:
    result = await client.create_image(
        body("gpt-image-2", response_format="b64_json", output_format="webp", size="1024x1024")
    )
    assert isinstance(result, ImagesResult)
    assert result.usage is not None and result.usage.total_tokens
    [image] = result.images
    assert image.b64_json and image.url is None
    saved = await save_image(client, image, tmp_path)
    assert saved.format == "webp"
    raw = base64.b64decode(image.b64_json)
    assert saved.path.read_bytes() == raw


async def test_transparent_background_has_alpha(client: LemonClient, tmp_path: Path) -> None:
    result = await client.create_image(
        body("gpt-image-2", background="transparent", output_format="png", size="1024x1024")
    )
    assert isinstance(result, ImagesResult)
    saved = await save_image(client, result.images[0], tmp_path / "out")
    with Image.open(saved.path) as picture:
        assert picture.mode in ("RGBA", "LA", "PA")


async def test_task_flow_follows_poll_url_to_completion(
    client: LemonClient, tmp_path: Path
) -> None:
    created = await client.create_image(body("flux-pro"))
    assert isinstance(created, TaskRef)
    assert created.poll_url.startswith("/v1/")
    updates: list[TaskStatus] = []
    result = await wait_for_task(client, created, timeout=20, on_update=updates.append, **POLL)
    assert result.task_id == created.task_id
    assert updates[-1].status == "completed"
    assert any(u.status in ("pending", "processing") for u in updates)
    saved = await save_image(client, result.images[0], tmp_path / "out")
    assert saved.size > 0


async def test_async_flag_turns_an_inline_model_into_a_task(client: LemonClient) -> None:
    inline = await client.create_image(body("gpt-image-2", size="1024x1024"))
    task = await client.create_image(body("gpt-image-2", size="1024x1024", **{"async": True}))
    assert isinstance(inline, ImagesResult)
    assert isinstance(task, TaskRef)


async def test_cancelled_task_reads_failed_and_cancelled(client: LemonClient) -> None:
    created = await client.create_image(body("midjourney"))
    assert isinstance(created, TaskRef)
    await client.cancel_task(created.task_id)
    with pytest.raises(TaskFailedError) as caught:
        await wait_for_task(client, created, timeout=5, **POLL)
    assert caught.value.cancelled


async def test_wrong_key_is_an_authentication_error(sandbox: SandboxServer) -> None:
    async with LemonClient(sandbox.base_url, "sk-wrong", retry=FAST_RETRY) as api:
        with pytest.raises(AuthenticationError) as caught:
            await api.list_models()
    assert "API key" in caught.value.user_message
    assert "sk-wrong" not in caught.value.user_message


async def test_gateway_validation_errors_are_listed(client: LemonClient) -> None:
    with pytest.raises(BadRequestError) as caught:
        await client.create_image(body("gpt-image-2", size="1000x1000"))
    error = caught.value
    assert error.param == "size" or any(v.field == "size" for v in error.validation_errors)
    assert "size" in error.user_message


# ----- faults ---------------------------------------------------------------------


async def test_create_retries_429_honouring_retry_after(
    client: LemonClient, sandbox: SandboxServer
) -> None:
    sandbox.set_faults("429=0.1@create*1")
    result = await client.create_image(body())
    assert isinstance(result, ImagesResult)
    assert sandbox.stats.snapshot()["create_requests"] == 1


async def test_persistent_429_ends_as_rate_limit_error(
    client: LemonClient, sandbox: SandboxServer
) -> None:
    sandbox.set_faults("429=0.05@create")
    with pytest.raises(RateLimitError) as caught:
        await client.create_image(body())
    assert caught.value.retry_after == pytest.approx(0.05)
    assert "wait" in caught.value.user_message


async def test_long_retry_after_is_not_waited_out_silently(
    client: LemonClient, sandbox: SandboxServer
) -> None:
    sandbox.set_faults("429=120@models")
    with pytest.raises(RateLimitError) as caught:
        await client.list_models()
    assert caught.value.retry_after == 120
    assert sandbox.stats.snapshot()["requests_by_path"].get("/v1/models") == 1


async def test_retryable_503_on_create_is_retried(
    client: LemonClient, sandbox: SandboxServer
) -> None:
    sandbox.set_faults("503@create*1")
    assert isinstance(await client.create_image(body()), ImagesResult)


@pytest.mark.parametrize(
    ("kind", "error_type"),
    [("500", InternalServerError), ("502", UpstreamError), ("504", GatewayTimeoutError)],
)
async def test_create_is_never_retried_when_the_gateway_may_have_run_it(
    client: LemonClient, sandbox: SandboxServer, kind: str, error_type: type[Exception]
) -> None:
    sandbox.set_faults(f"{kind}@create*1")
    with pytest.raises(error_type):
        await client.create_image(body())
    assert sandbox.stats.snapshot()["create_requests"] == 1


@pytest.mark.parametrize("kind", ["500", "502", "503", "504", "429=0.01"])
async def test_reads_retry_server_errors(
    client: LemonClient, sandbox: SandboxServer, kind: str
) -> None:
    sandbox.set_faults(f"{kind}@models*2")
    assert await client.list_models()


async def test_reads_give_up_after_the_retry_budget(
    client: LemonClient, sandbox: SandboxServer
) -> None:
    sandbox.set_faults("503@models")
    with pytest.raises(ServiceUnavailableError) as caught:
        await client.list_models()
    assert "retry later" in caught.value.user_message
    assert sandbox.stats.snapshot()["requests_by_path"].get("/v1/models") == 3


async def test_insufficient_balance_names_the_numbers(
    client: LemonClient, sandbox: SandboxServer
) -> None:
    sandbox.set_faults("402@create")
    with pytest.raises(InsufficientBalanceError) as caught:
        await client.create_image(body())
    message = caught.value.user_message
    assert message.startswith("Balance $") and "below the estimated $" in message


async def test_dropped_create_is_not_repeated(client: LemonClient, sandbox: SandboxServer) -> None:
    sandbox.set_faults("drop@create*1")
    with pytest.raises(APIConnectionError) as caught:
        await client.create_image(body())
    assert caught.value.sent
    assert sandbox.stats.snapshot()["create_requests"] == 1


async def test_reset_before_the_request_is_read_is_retried(
    client: LemonClient, sandbox: SandboxServer
) -> None:
    sandbox.set_faults("reset@models*1")
    assert await client.list_models()


async def test_malformed_json_is_a_clear_error(client: LemonClient, sandbox: SandboxServer) -> None:
    sandbox.set_faults("badjson@create")
    with pytest.raises(MalformedResponseError) as caught:
        await client.create_image(body())
    assert "not valid JSON" in caught.value.user_message


async def test_slow_gateway_hits_the_read_timeout(sandbox: SandboxServer) -> None:
    sandbox.set_faults("latency=1.0@models")
    timeouts = Timeouts(connect=2, read=0.2, write=2, pool=2, call_deadline=10)
    async with LemonClient(
        sandbox.base_url, sandbox.api_key, timeouts=timeouts, retry=FAST_RETRY
    ) as api:
        with pytest.raises(APITimeoutError):
            await api.list_models()


async def test_call_deadline_bounds_retries(sandbox: SandboxServer) -> None:
    sandbox.set_faults("latency=0.5@models")
    timeouts = Timeouts(connect=2, read=5, write=2, pool=2, call_deadline=0.2)
    async with LemonClient(sandbox.base_url, sandbox.api_key, timeouts=timeouts) as api:
        with pytest.raises(APITimeoutError):
            await api.list_models()


async def test_truncated_download_is_retried_then_saved(
    client: LemonClient, sandbox: SandboxServer, tmp_path: Path
) -> None:
    result = await client.create_image(body())
    assert isinstance(result, ImagesResult)
    sandbox.set_faults("truncate@download*1")
    saved = await save_image(client, result.images[0], tmp_path / "out")
    Image.open(io.BytesIO(saved.path.read_bytes())).verify()


async def test_always_truncated_download_fails_and_leaves_nothing(
    client: LemonClient, sandbox: SandboxServer, tmp_path: Path
) -> None:
    result = await client.create_image(body())
    assert isinstance(result, ImagesResult)
    sandbox.set_faults("truncate@download")
    with pytest.raises(DownloadError):
        await save_image(client, result.images[0], tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []


async def test_non_image_download_is_refused(
    client: LemonClient, sandbox: SandboxServer, tmp_path: Path
) -> None:
    result = await client.create_image(body())
    assert isinstance(result, ImagesResult)
    sandbox.set_faults("notimage@download")
    with pytest.raises(DownloadError) as caught:
        await save_image(client, result.images[0], tmp_path / "out")
    assert "not a PNG, JPEG or WebP" in caught.value.user_message
    assert list((tmp_path / "out").iterdir()) == []


async def test_download_size_cap(client: LemonClient, tmp_path: Path) -> None:
    result = await client.create_image(body())
    assert isinstance(result, ImagesResult)
    with pytest.raises(DownloadError) as caught:
        await save_image(client, result.images[0], tmp_path / "out", max_bytes=100)
    assert "limit" in caught.value.user_message
    assert list((tmp_path / "out").iterdir()) == []


async def test_failed_task_carries_the_gateway_reason(
    client: LemonClient, sandbox: SandboxServer
) -> None:
    sandbox.set_faults("taskfail")
    created = await client.create_image(body("flux-pro"))
    assert isinstance(created, TaskRef)
    with pytest.raises(TaskFailedError) as caught:
        await wait_for_task(client, created, timeout=10, **POLL)
    assert caught.value.reason and not caught.value.cancelled


async def test_task_that_never_finishes_times_out(
    client: LemonClient, sandbox: SandboxServer
) -> None:
    sandbox.set_faults("tasknever")
    created = await client.create_image(body("flux-pro"))
    assert isinstance(created, TaskRef)
    with pytest.raises(TaskTimeoutError) as caught:
        await wait_for_task(client, created, timeout=0.5, **POLL)
    assert "did not finish" in caught.value.user_message


async def test_vanished_task_is_lost_not_pending_forever(
    client: LemonClient, sandbox: SandboxServer
) -> None:
    sandbox.set_faults("taskvanish")
    created = await client.create_image(body("flux-pro"))
    assert isinstance(created, TaskRef)
    with pytest.raises(TaskLostError):
        await wait_for_task(client, created, timeout=10, **POLL)


async def test_polling_survives_passing_faults(client: LemonClient, sandbox: SandboxServer) -> None:
    created = await client.create_image(body("flux-pro"))
    assert isinstance(created, TaskRef)
    sandbox.set_faults("502@poll*4,badjson@poll*1")
    result = await wait_for_task(client, created, timeout=20, **POLL)
    assert result.images


async def test_a_system_proxy_never_sees_loopback_traffic(
    sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_PROXY", raising=False)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "all_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")  # nothing listens there
    async with LemonClient(sandbox.base_url, sandbox.api_key, retry=FAST_RETRY) as api:
        assert await api.list_models()


# ----- polling: one error rule with the retry policy -------------------------------------

TASK_URL = "/v1/tasks/t1"
DONE_TASK = {
    "id": "t1",
    "status": "completed",
    "data": [{"url": "https://cdn.example.com/t1.png"}],
}


def _gateway_error(status: int, message: str, **headers: str) -> Reply:
    return json_reply({"error": {"message": message, "code": f"code_{status}"}}, status, **headers)


def _scripted(replies: list[Reply]) -> Iterator[Reply]:
    """Each poll gets the next reply; the last one repeats."""
    yield from replies
    while True:
        yield replies[-1]


def _poll_route(replies: list[Reply]) -> Callable[[Request], Reply]:
    script = _scripted(replies)

    def answer(_request: Request) -> Reply:
        return next(script)

    return answer


def _client_for(gateway: HostileServer) -> LemonClient:
    return LemonClient(
        gateway.base_url,
        "sk-polling-test",
        timeouts=Timeouts(connect=5, read=10, write=5, pool=5, call_deadline=30),
        retry=FAST_RETRY,
    )


@pytest.mark.parametrize(
    ("status", "error_type"),
    [
        (400, BadRequestError),
        (402, InsufficientBalanceError),
        (403, PermissionDeniedError),
        (409, APIStatusError),
        (422, APIStatusError),
    ],
)
async def test_a_final_4xx_while_polling_ends_the_wait_with_the_gateways_message(
    status: int, error_type: type[APIStatusError]
) -> None:
    answer = _gateway_error(status, f"the gateway says no ({status})")
    with HostileServer({TASK_URL: answer}) as gateway:
        async with _client_for(gateway) as api:
            started = time.monotonic()
            with pytest.raises(error_type) as caught:
                await wait_for_task(api, TaskRef("t1", TASK_URL), timeout=60, **POLL)
            elapsed = time.monotonic() - started
        polls = [r for r in gateway.requests if r.path == TASK_URL]
    assert caught.value.status == status
    assert f"the gateway says no ({status})" in caught.value.user_message
    assert elapsed < 5, "a final answer must not be polled again until the deadline"
    assert len(polls) == 1, "a final answer is not retried either"


async def test_a_401_while_polling_stays_an_authentication_error() -> None:
    rejected = _gateway_error(401, "key revoked")
    with HostileServer({TASK_URL: rejected}) as gateway:
        async with _client_for(gateway) as api:
            with pytest.raises(AuthenticationError) as caught:
                await wait_for_task(api, TaskRef("t1", TASK_URL), timeout=60, **POLL)
    assert "key revoked" in caught.value.user_message


async def test_a_404_while_polling_is_a_lost_task() -> None:
    with HostileServer({TASK_URL: _gateway_error(404, "no such task")}) as gateway:
        async with _client_for(gateway) as api:
            with pytest.raises(TaskLostError):
                await wait_for_task(api, TaskRef("t1", TASK_URL), timeout=60, **POLL)


async def test_transient_answers_keep_polling_until_the_task_completes() -> None:
    replies = [
        _gateway_error(408, "request timeout"),
        _gateway_error(429, "slow down", **{"Retry-After": "0"}),
        _gateway_error(500, "internal"),
        _gateway_error(503, "overloaded"),
        json_reply({"id": "t1", "status": "processing"}),
        Reply(200, b"{not json", {"Content-Type": "application/json"}),
        json_reply(DONE_TASK),
    ]
    with HostileServer({TASK_URL: _poll_route(replies)}) as gateway:
        async with _client_for(gateway) as api:
            result = await wait_for_task(api, TaskRef("t1", TASK_URL), timeout=30, **POLL)
    assert [image.url for image in result.images] == ["https://cdn.example.com/t1.png"]


async def test_a_malformed_answer_keeps_polling_until_the_deadline() -> None:
    garbled = Reply(200, b"{not json", {"Content-Type": "application/json"})
    with HostileServer({TASK_URL: garbled}) as gateway:
        async with _client_for(gateway) as api:
            with pytest.raises(TaskTimeoutError) as caught:
                await wait_for_task(api, TaskRef("t1", TASK_URL), timeout=0.6, **POLL)
    assert "Last problem while polling" in "\n".join(getattr(caught.value, "__notes__", []))


async def test_the_retry_policy_and_polling_share_one_rule() -> None:
    policy = RetryPolicy()

    def error(status: int) -> APIStatusError:
        return APIStatusError("x", status=status)

    retried_reads = {s for s in range(400, 600) if policy.retries_error(error(s), idempotent=True)}
    assert retried_reads == {408, 429} | set(range(500, 600))
