"""The gateway's error envelope: ``{"error": {"message", "type", "code", "param", ...}}``.

Handlers raise :class:`GatewayError`; the route wrapper turns it into a response, so a
handler never has to remember the envelope's shape or the ``Retry-After`` header rule.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from starlette.responses import JSONResponse


def format_seconds(seconds: float) -> str:
    """Render a delay the way both the header and the body carry it.

    Whole seconds stay integers (what HTTP's delta-seconds expects); fractions are kept
    so tests can use sub-second retry delays without sleeping for a full second.
    """
    if float(seconds).is_integer():
        return str(int(seconds))
    return f"{seconds:.3f}".rstrip("0").rstrip(".")


def _number(seconds: float) -> int | float:
    return int(seconds) if float(seconds).is_integer() else seconds


@dataclass(frozen=True)
class Issue:
    """One entry of ``validation_errors``."""

    field: str
    message: str
    code: str = "invalid_value"

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message, "code": self.code}


@dataclass
class GatewayError(Exception):
    status: int
    message: str
    type: str = "invalid_request_error"
    code: str | None = None
    param: str | None = None
    extras: Mapping[str, Any] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def body(self) -> dict[str, Any]:
        inner: dict[str, Any] = {
            "message": self.message,
            "type": self.type,
            "code": self.code,
            "param": self.param,
        }
        inner.update(self.extras)
        return {"error": inner}

    def response(self) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status, headers=dict(self.headers))


def unauthorized(missing: bool) -> GatewayError:
    if missing:
        return GatewayError(
            401,
            "You didn't provide an API key. Send it as 'Authorization: Bearer sk-...'.",
            "invalid_request_error",
            "invalid_api_key",
        )
    return GatewayError(401, "Invalid API key provided.", "authentication_error", "invalid_api_key")


def validation_failed(issues: Sequence[Issue]) -> GatewayError:
    first = issues[0]
    return GatewayError(
        400,
        first.message,
        "invalid_request_error",
        first.code,
        first.field,
        {"validation_errors": [issue.as_dict() for issue in issues]},
    )


def bad_body(message: str) -> GatewayError:
    return GatewayError(400, message, "invalid_request_error", "invalid_json", None)


def model_not_found(
    model: str, status: int, did_you_mean: str | None, suggestions: Sequence[str]
) -> GatewayError:
    extras: dict[str, Any] = {"suggestions": [{"id": s} for s in suggestions]}
    hint = ""
    if did_you_mean:
        extras["did_you_mean"] = did_you_mean
        hint = f" Did you mean '{did_you_mean}'?"
    return GatewayError(
        status,
        f"The model '{model}' does not exist.{hint}",
        "invalid_request_error",
        "model_not_found",
        "model",
        extras,
    )


def unsupported_operation(model: str) -> GatewayError:
    return GatewayError(
        400,
        f"The model '{model}' does not support image generation.",
        "invalid_request_error",
        "unsupported_operation",
        "model",
    )


def rate_limited(retry_after: float) -> GatewayError:
    return GatewayError(
        429,
        "Rate limit exceeded. Please retry after the indicated delay.",
        "rate_limit_error",
        "rate_limit_exceeded",
        extras={"retry_after": _number(retry_after), "retryable": True},
        headers={"Retry-After": format_seconds(retry_after)},
    )


def channels_failed(retry_after: float, alternatives: Sequence[str]) -> GatewayError:
    return GatewayError(
        503,
        "All upstream channels failed for this model. The request was not run.",
        "service_unavailable_error",
        "all_channels_failed",
        extras={
            "retryable": True,
            "retry_after": _number(retry_after),
            "alternatives": [{"id": a} for a in alternatives],
        },
        headers={"Retry-After": format_seconds(retry_after)},
    )


def insufficient_balance(balance_usd: float, estimated_cost_usd: float) -> GatewayError:
    return GatewayError(
        402,
        "Insufficient balance for this request.",
        "billing_error",
        "insufficient_balance",
        extras={"balance_usd": balance_usd, "estimated_cost_usd": estimated_cost_usd},
    )


def internal_error() -> GatewayError:
    return GatewayError(500, "Internal server error.", "server_error", "internal_error")


def upstream_error() -> GatewayError:
    return GatewayError(
        502, "The upstream provider returned an error.", "api_error", "upstream_error"
    )


def timeout_error() -> GatewayError:
    return GatewayError(504, "The upstream provider timed out.", "api_error", "timeout_error")


def task_not_found(task_id: str) -> GatewayError:
    return GatewayError(
        404,
        f"Task '{task_id}' was not found or has expired.",
        "invalid_request_error",
        "async_task_not_found",
        "task_id",
    )


def task_not_cancellable(task_id: str, status: str) -> GatewayError:
    return GatewayError(
        409,
        f"Task '{task_id}' is already {status} and cannot be cancelled.",
        "invalid_request_error",
        "task_not_cancellable",
        "task_id",
    )


def route_not_found(path: str) -> GatewayError:
    return GatewayError(404, f"No route for '{path}'.", "invalid_request_error", "not_found")


def method_not_allowed(method: str, path: str) -> GatewayError:
    return GatewayError(
        405,
        f"Method {method} is not allowed on '{path}'.",
        "invalid_request_error",
        "method_not_allowed",
    )
