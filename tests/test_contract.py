"""Pure parts of the contract: base URLs, the key's origin, the error envelope, retries."""

from __future__ import annotations

import httpx2
import pytest

from lemon_desktop.api.endpoint import Endpoint
from lemon_desktop.api.errors import (
    APIStatusError,
    ConfigError,
    InsufficientBalanceError,
    RateLimitError,
    ServiceUnavailableError,
    error_from_response,
)
from lemon_desktop.api.retry import RetryPolicy
from lemon_desktop.api.types import ImagesResult, TaskRef, TaskStatus, parse_create_response


@pytest.mark.parametrize(
    "url",
    [
        "https://api.lemondata.cc",
        "http://127.0.0.1:8080",
        "http://127.4.5.6",
        "http://[::1]:9000",
        "http://localhost:1234/",
    ],
)
def test_accepted_base_urls(url: str) -> None:
    Endpoint.parse(url)


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://api.lemondata.cc", "use https"),
        ("http://192.168.1.10:8000", "use https"),
        ("ftp://api.lemondata.cc", "scheme http or https"),
        ("api.lemondata.cc", "scheme http or https"),
        ("https://user:pw@api.lemondata.cc", "user name or password"),
    ],
)
def test_refused_base_urls_say_what_to_change(url: str, words: str) -> None:
    with pytest.raises(ConfigError) as caught:
        Endpoint.parse(url)
    assert words in str(caught.value)


def test_trailing_v1_is_not_doubled_and_prefixes_are_kept() -> None:
    assert str(Endpoint.parse("https://api.lemondata.cc/v1/").url("/v1/models")) == (
        "https://api.lemondata.cc/v1/models"
    )
    proxied = Endpoint.parse("https://proxy.example/lemon")
    assert str(proxied.url("/v1/tasks/t1?x=1")) == "https://proxy.example/lemon/v1/tasks/t1?x=1"


def test_key_goes_only_to_the_same_origin() -> None:
    endpoint = Endpoint.parse("https://api.lemondata.cc")
    assert endpoint.same_origin(httpx2.URL("https://api.lemondata.cc:443/v1/x"))
    assert not endpoint.same_origin(httpx2.URL("https://cdn.lemondata.cc/x.png"))
    assert not endpoint.same_origin(httpx2.URL("http://api.lemondata.cc/x"))
    assert not endpoint.same_origin(httpx2.URL("https://api.lemondata.cc:8443/x"))


def _response(
    status: int, payload: object, headers: dict[str, str] | None = None
) -> httpx2.Response:
    return httpx2.Response(status, json=payload, headers=headers)


def test_envelope_fields_are_typed() -> None:
    error = error_from_response(
        _response(
            400,
            {
                "error": {
                    "message": "Invalid size",
                    "type": "invalid_request_error",
                    "code": "invalid_size",
                    "param": "size",
                    "validation_errors": [{"field": "size", "message": "must be a multiple of 16"}],
                }
            },
        )
    )
    assert error.status == 400 and error.param == "size" and error.code == "invalid_size"
    assert error.validation_errors[0].field == "size"
    assert "size: must be a multiple of 16" in error.user_message


def test_402_message_uses_the_gateway_numbers() -> None:
    error = error_from_response(
        _response(
            402,
            {
                "error": {
                    "message": "x",
                    "code": "insufficient_balance",
                    "balance_usd": 0.12,
                    "estimated_cost_usd": "0.35",
                }
            },
        )
    )
    assert isinstance(error, InsufficientBalanceError)
    assert error.user_message.startswith("Balance $0.12 is below the estimated $0.35 for this job.")


def test_retry_after_header_wins_and_http_dates_work() -> None:
    error = error_from_response(
        _response(429, {"error": {"message": "slow down", "retry_after": 9}}, {"Retry-After": "3"})
    )
    assert isinstance(error, RateLimitError) and error.retry_after == 3
    dated = error_from_response(
        _response(429, {"error": {}}, {"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})
    )
    assert dated.retry_after == 0


def test_non_json_error_bodies_still_give_a_sentence() -> None:
    error = error_from_response(httpx2.Response(502, text="<html>bad gateway</html>"))
    assert "HTTP 502" in error.user_message


def test_503_names_alternatives() -> None:
    error = error_from_response(
        _response(
            503,
            {
                "error": {
                    "message": "No channel",
                    "code": "all_channels_failed",
                    "retryable": True,
                    "alternatives": [{"id": "flux-schnell"}],
                }
            },
        )
    )
    assert isinstance(error, ServiceUnavailableError) and error.retryable
    assert "flux-schnell" in error.user_message


def test_key_is_redacted_from_gateway_messages() -> None:
    error = error_from_response(
        _response(401, {"error": {"message": "Key sk-secret-123 is revoked"}}),
        redact="sk-secret-123",
    )
    assert "sk-secret-123" not in error.user_message


@pytest.mark.parametrize(
    ("status", "retryable", "get", "post"),
    [
        (408, False, True, False),
        (429, False, True, True),
        (500, False, True, False),
        (502, False, True, False),
        (503, True, True, True),
        (503, False, True, False),
        (504, False, True, False),
        (400, False, False, False),
        (401, False, False, False),
        (402, False, False, False),
    ],
)
def test_one_retry_policy(status: int, retryable: bool, get: bool, post: bool) -> None:
    policy = RetryPolicy()
    error = APIStatusError("x", status=status, body={"retryable": retryable})
    assert policy.retries_error(error, idempotent=True) is get
    assert policy.retries_error(error, idempotent=False) is post


def test_transport_failures_retry_posts_only_before_sending() -> None:
    policy = RetryPolicy()
    request = httpx2.Request("POST", "https://x")
    assert policy.retries_transport(
        httpx2.ConnectError("refused", request=request), idempotent=False
    )
    assert not policy.retries_transport(
        httpx2.ReadTimeout("slow", request=request), idempotent=False
    )
    assert not policy.retries_transport(
        httpx2.RemoteProtocolError("dropped", request=request), idempotent=False
    )
    assert policy.retries_transport(httpx2.ReadTimeout("slow", request=request), idempotent=True)


def test_backoff_grows_and_is_capped() -> None:
    policy = RetryPolicy(base_delay=0.5, max_delay=8)
    assert 0.375 <= policy.delay(0) <= 0.5
    assert 6 <= policy.delay(10) <= 8
    assert policy.delay(0, retry_after=2.5) == 2.5


def test_create_response_shapes_are_decided_by_content_not_model() -> None:
    task = parse_create_response({"status": "pending", "task_id": "t1", "poll_url": "/v1/tasks/t1"})
    assert isinstance(task, TaskRef) and task.poll_url == "/v1/tasks/t1"
    bare = parse_create_response({"task_id": "t2", "status": "pending"})
    assert isinstance(bare, TaskRef) and bare.poll_url == "/v1/tasks/t2"
    images = parse_create_response({"created": 1, "data": [{"url": "https://cdn/x.png"}]})
    assert isinstance(images, ImagesResult)


def test_task_status_tolerates_placeholders_and_string_errors() -> None:
    pending = TaskStatus.parse(
        {"id": "t", "status": "processing", "progress": 40, "data": [{"url": ""}]}
    )
    assert pending.progress == 40 and not pending.images[0].ready
    failed = TaskStatus.parse(
        {"id": "t", "status": "failed", "error": "content policy", "cancelled": False}
    )
    assert failed.error == "content policy"
