"""Typed errors for everything the gateway client can meet.

Every error carries `user_message`: one sentence a person can act on. The
status errors are built from the gateway's envelope
`{"error": {"message", "type", "code", "param", ...}}` by `error_from_response`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, ClassVar

import httpx2

from ..money import format_usd
from ._convert import to_price, to_str


class LemonError(Exception):
    """Base of every error this package raises on purpose."""

    @property
    def user_message(self) -> str:
        return str(self)


class ConfigError(LemonError):
    """A setting (base URL, home folder) cannot be used as given."""


class APIConnectionError(LemonError):
    """The gateway could not be reached, or the connection broke."""

    def __init__(self, message: str, *, sent: bool = False) -> None:
        super().__init__(message)
        # True when the request may have reached the gateway: a create must
        # then not be repeated automatically, it may already be billed.
        self.sent = sent


class APITimeoutError(APIConnectionError):
    """No answer within the time allowed."""


class MalformedResponseError(LemonError):
    """The gateway answered with something that is not the documented JSON."""


@dataclass(frozen=True)
class ValidationDetail:
    field: str
    message: str
    code: str | None = None


class APIStatusError(LemonError):
    """The gateway answered with an error status and (usually) an envelope."""

    status_code: ClassVar[int | None] = None
    advice: ClassVar[str] = ""

    def __init__(
        self,
        message: str,
        *,
        status: int,
        body: dict[str, Any] | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        envelope = body if isinstance(body, dict) else {}
        self.body = envelope
        # Every field is the gateway's text: typed here so a number or an object where a
        # string belongs cannot break the message later.
        self.type: str | None = _text(envelope.get("type"))
        self.code: str | None = _text(envelope.get("code"))
        self.param: str | None = _text(envelope.get("param"))
        self.hint: str | None = _text(envelope.get("hint"))
        self.retryable: bool = envelope.get("retryable") is True
        header_or_body = retry_after if retry_after is not None else envelope.get("retry_after")
        self.retry_after: float | None = _seconds(header_or_body)
        self.balance_usd = to_price(envelope.get("balance_usd"), "balance")
        self.estimated_cost_usd = to_price(envelope.get("estimated_cost_usd"), "estimated cost")
        self.did_you_mean: str | None = _text(envelope.get("did_you_mean"))
        # Models to switch to: `[{id}]` as documented, or plain names.
        listed = envelope.get("suggestions")
        self.suggestions: tuple[str, ...] = tuple(
            name
            for name in (
                _text(item.get("id")) if isinstance(item, dict) else _text(item)
                for item in (listed if isinstance(listed, list) else ())[:_MAX_SUGGESTIONS]
            )
            if name
        )
        details = envelope.get("validation_errors")
        self.validation_errors: tuple[ValidationDetail, ...] = tuple(
            ValidationDetail(
                field=_text(item.get("field")) or "",
                message=_text(item.get("message")) or "",
                code=_text(item.get("code")),
            )
            for item in (details if isinstance(details, list) else ())
            if isinstance(item, dict)
        )

    @property
    def user_message(self) -> str:
        parts = [self._summary()]
        if self.validation_errors:
            parts.append("; ".join(f"{v.field}: {v.message}" for v in self.validation_errors))
        if self.did_you_mean:
            parts.append(f"Did you mean {self.did_you_mean}?")
        if self.hint and self.hint.strip() not in self._summary():
            parts.append(self.hint)
        if self.suggestions:
            parts.append(self.suggestions_text())
        if self.advice:
            parts.append(self.advice)
        return " ".join(p.rstrip() for p in parts if p)

    def _summary(self) -> str:
        text = self.message.strip() or f"The gateway answered with HTTP {self.status}."
        return text if text.endswith((".", "!", "?")) else text + "."

    def suggestions_text(self) -> str:
        return f"The gateway suggests: {', '.join(self.suggestions)}."


class BadRequestError(APIStatusError):
    status_code = 400
    advice = "Change the request and try again."


class AuthenticationError(APIStatusError):
    status_code = 401
    advice = "Check the API key in Settings (or LEMONDATA_API_KEY)."


class InsufficientBalanceError(APIStatusError):
    status_code = 402

    def _summary(self) -> str:
        if self.balance_usd is not None and self.estimated_cost_usd is not None:
            return (
                f"Balance {format_usd(self.balance_usd)} is below the estimated "
                f"{format_usd(self.estimated_cost_usd)} for this job."
            )
        if self.code == "quota_exceeded":
            return "This API key has used up its quota."
        return super()._summary()

    advice = "Top up the account or raise the key's quota, then retry the job."

    def suggestions_text(self) -> str:
        return f"Cheaper models: {', '.join(self.suggestions)}."


class PermissionDeniedError(APIStatusError):
    status_code = 403
    advice = "This key is not allowed to use that model; pick another model or key."


class NotFoundError(APIStatusError):
    status_code = 404


class PayloadTooLargeError(APIStatusError):
    status_code = 413
    advice = "Shorten the prompt or send fewer or smaller images."


class RateLimitError(APIStatusError):
    status_code = 429

    @property
    def advice(self) -> str:  # type: ignore[override]
        if self.retry_after:
            return f"Too many requests; wait {self.retry_after:g} s and try again."
        return "Too many requests; wait a moment and try again."


class InternalServerError(APIStatusError):
    status_code = 500
    advice = "The gateway failed; retry the job later."


class UpstreamError(APIStatusError):
    status_code = 502
    advice = "The image provider failed; retry the job or pick another model."


class ServiceUnavailableError(APIStatusError):
    status_code = 503

    @property
    def advice(self) -> str:  # type: ignore[override]
        listed = self.body.get("alternatives")
        alternatives = [
            _text(a.get("id")) if isinstance(a, dict) else _text(a)
            for a in (listed if isinstance(listed, list) else ())
        ]
        names = ", ".join(a for a in alternatives if a)
        text = "No provider is available for this model right now; retry later"
        return f"{text} or try {names}." if names else f"{text}."


class GatewayTimeoutError(APIStatusError):
    status_code = 504
    advice = "The provider took too long; retry the job, perhaps at a lower size or quality."


class RedirectError(APIStatusError):
    """The gateway answered with a redirect, which the client never follows with the key."""

    def __init__(
        self, message: str, *, status: int, location: str | None = None, **kw: Any
    ) -> None:
        super().__init__(message, status=status, **kw)
        self.location = location

    advice = ""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    cls.status_code: cls
    for cls in (
        BadRequestError,
        AuthenticationError,
        InsufficientBalanceError,
        PermissionDeniedError,
        NotFoundError,
        PayloadTooLargeError,
        RateLimitError,
        InternalServerError,
        UpstreamError,
        ServiceUnavailableError,
        GatewayTimeoutError,
    )
    if cls.status_code is not None
}


# The documented error `type` values (and codes) that say what happened whatever the
# status: a gateway that answers a bad key with 400 or 403 still means a bad key.
_BY_TYPE: dict[str, type[APIStatusError]] = {
    "invalid_api_key": AuthenticationError,
    "expired_api_key": AuthenticationError,
    "insufficient_balance": InsufficientBalanceError,
    "quota_exceeded": InsufficientBalanceError,
    "rate_limit_exceeded": RateLimitError,
}
_MAX_SUGGESTIONS = 5


def _class_for(status: int, envelope: dict[str, Any]) -> type[APIStatusError]:
    if 400 <= status < 500:
        for key in ("type", "code"):
            named = envelope.get(key)
            if isinstance(named, str) and named in _BY_TYPE:
                return _BY_TYPE[named]
    cls = _BY_STATUS.get(status)
    if cls is None:
        cls = InternalServerError if status >= 500 else BadRequestError
    return cls


class TaskFailedError(LemonError):
    """A task ended as failed (the gateway's `error`, a string or `{code, message}`)."""

    def __init__(self, task_id: str, reason: str, *, cancelled: bool = False) -> None:
        self.task_id = task_id
        self.reason = reason
        self.cancelled = cancelled
        what = "was cancelled" if cancelled else "failed"
        super().__init__(f"Task {task_id} {what}: {reason}".rstrip(": "))


class TaskTimeoutError(LemonError):
    """A task did not finish before the caller's deadline."""

    def __init__(self, task_id: str, seconds: float) -> None:
        self.task_id = task_id
        self.seconds = seconds
        super().__init__(
            f"Task {task_id} did not finish within {seconds:g} s; "
            "raise the task timeout in Settings or check it again later."
        )


class DownloadError(LemonError):
    """A result image could not be fetched intact."""


_MAX_TEXT = 1000


def _text(value: Any) -> str | None:
    """One of the gateway's strings, bounded so that a huge one cannot flood a terminal."""
    text = to_str(value)
    if text is None:
        return None
    return text if len(text) <= _MAX_TEXT else text[:_MAX_TEXT] + "…"


def _seconds(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        seconds = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    # NaN and infinity are no waiting time at all.
    return seconds if 0 <= seconds < float("inf") else None


def retry_after_from_headers(headers: httpx2.Headers) -> float | None:
    """Seconds from `retry-after-ms` or `retry-after` (seconds or an HTTP date)."""
    millis = _seconds(headers.get("retry-after-ms"))
    if millis is not None:
        return millis / 1000
    raw = headers.get("retry-after")
    if raw is None:
        return None
    seconds = _seconds(raw)
    if seconds is not None:
        return seconds
    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def error_from_response(
    response: httpx2.Response,
    *,
    redact: str | None = None,
    content: bytes | None = None,
    from_api: bool = True,
) -> APIStatusError:
    """Build the typed error for an error response; never raises itself.

    `content` is the body when the caller read it itself (with a size limit); every
    string of the envelope has the key removed before the error keeps it.
    """
    from .decoding import decode_json  # decoding raises the errors defined here

    status = response.status_code
    if 300 <= status < 400:
        return _redirect_error(response, redact, from_api)
    envelope: dict[str, Any] = {}
    try:
        raw = content if content is not None else response.content
        payload = decode_json(raw, redact=redact)
    except (LemonError, httpx2.ResponseNotRead):
        payload = None
    if isinstance(payload, dict):
        inner = payload.get("error")
        if isinstance(inner, dict):
            envelope = inner
        elif isinstance(inner, str):
            envelope = {"message": inner}
    message = _text(envelope.get("message")) or f"The gateway answered with HTTP {status}"
    cls = _class_for(status, envelope)
    return cls(
        message,
        status=status,
        body=envelope,
        retry_after=retry_after_from_headers(response.headers),
    )


def _redirect_error(response: httpx2.Response, redact: str | None, from_api: bool) -> RedirectError:
    from .decoding import redact_tree

    status = response.status_code
    requested = response.request.url
    location = response.headers.get("location")
    if not location:
        return RedirectError(
            f"The gateway at {_origin(requested)} answered with a redirect (HTTP {status}) "
            "without saying where to; check the base URL in Settings (or --base-url).",
            status=status,
        )
    try:
        target = requested.join(location)
    except (httpx2.InvalidURL, ValueError, TypeError):
        target = None
    shown = redact_tree(location if target is None else str(target), redact)[:_MAX_TEXT]
    if not from_api:
        return RedirectError(
            f"{_origin(requested)} redirected the download (HTTP {status}) to {shown}; "
            "redirects are not followed, so the image was not fetched.",
            status=status,
            location=shown,
        )
    suggestion = _suggested_base(requested, target) if target is not None else None
    advice = (
        f"the base URL should probably be changed to {suggestion} "
        "(in Settings, --base-url or LEMONDATA_BASE_URL)"
        if suggestion
        else "check the base URL in Settings (or --base-url)"
    )
    return RedirectError(
        f"The gateway at {_origin(requested)} redirected the request (HTTP {status}) to "
        f"{shown}; the key is never sent after a redirect, so {advice}.",
        status=status,
        location=shown,
    )


def _origin(url: httpx2.URL) -> str:
    port = f":{url.port}" if url.port is not None else ""
    host = f"[{url.host}]" if ":" in url.host else url.host
    return f"{url.scheme}://{host}{port}"


def _suggested_base(requested: httpx2.URL, target: httpx2.URL) -> str | None:
    """The new base URL: the redirect target with the API path it kept taken off again."""
    if target.scheme not in ("http", "https") or not target.host:
        return None
    path = target.path
    for marker in ("/v1/", "/_sandbox/"):
        if marker in requested.path and marker in path:
            path = path[: path.index(marker)]
            break
    else:
        path = ""
    return _origin(target) + path.rstrip("/")


class MissingKeyError(LemonError):
    """No API key is configured for a gateway that needs one."""

    def __init__(self, reason: str | None = None) -> None:
        super().__init__(
            reason
            or "No API key is set: run `lemon-desktop key set`, paste one in Settings, "
            "or set LEMONDATA_API_KEY."
        )


class TaskLostError(TaskFailedError):
    """The gateway no longer knows the task (expired or never existed)."""

    def __init__(self, task_id: str) -> None:
        super().__init__(
            task_id, "the gateway no longer knows this task; it may have expired. Retry the job"
        )
