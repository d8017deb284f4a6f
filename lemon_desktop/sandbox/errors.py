"""The gateway's error envelope: ``{"error": {"message", "type", "code", "param", ...}}``.

Handlers raise :class:`GatewayError`; the route wrapper turns it into a response, so a
handler never has to remember the envelope's shape or the ``Retry-After`` header rule.
"""

from __future__ import annotations

import math
import time
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


# Error "type" values are the ones the documentation's tables name (guides/error-handling,
# the OpenAPI ApiError enum): invalid_api_key, insufficient_balance, rate_limit_exceeded,
# upstream_error, all_channels_failed, timeout_error, server_error.


def unauthorized(missing: bool) -> GatewayError:
    if missing:
        return GatewayError(
            401,
            "You didn't provide an API key. Send it as 'Authorization: Bearer sk-...'.",
            "invalid_api_key",
            "invalid_api_key",
        )
    return GatewayError(401, "Invalid API key provided.", "invalid_api_key", "invalid_api_key")


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
    extras["hint"] = f"{hint.strip()} Use GET /v1/models to list all available models.".strip()
    return GatewayError(
        status,
        f"The model '{model}' does not exist.{hint}",
        "invalid_request_error",
        "model_not_found",
        "model",
        extras,
    )


def unsupported_operation(
    model: str,
    operation: str = "text-to-image",
    supported: Sequence[str] = (),
    endpoints: Mapping[str, str] | None = None,
) -> GatewayError:
    """A contract mismatch: the model exists but does not take this operation here. The
    extras are the ones the spec lists for such errors, so a client can re-route."""
    extras: dict[str, Any] = {"supported_operations": list(supported)}
    hint = f"'{model}' supports: {', '.join(supported) or 'no image operation'}."
    if endpoints:
        extras["request_endpoint_by_operation"] = dict(endpoints)
        routes = "; ".join(f"{op} at {path}" for op, path in endpoints.items())
        hint = f"'{model}' supports {routes}."
        first = next(iter(endpoints.values()))
        extras["request_endpoint"] = first
    extras["hint"] = hint
    return GatewayError(
        400,
        f"The model '{model}' does not support {operation} on this route.",
        "invalid_request_error",
        "unsupported_operation",
        "model",
        extras,
    )


def rate_limited(retry_after: float, limit_per_minute: int = 60) -> GatewayError:
    wait = format_seconds(retry_after)
    return GatewayError(
        429,
        f"Rate limit: {limit_per_minute} rpm exceeded",
        "rate_limit_exceeded",
        "rate_limit_exceeded",
        extras={
            "retry_after": _number(retry_after),
            "retryable": True,
            "hint": f"Rate limited. Retry after {wait}s. Current limit: {limit_per_minute}/min.",
        },
        headers={
            "Retry-After": wait,
            "X-RateLimit-Limit": str(limit_per_minute),
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": str(math.ceil(time.time() + retry_after)),
        },
    )


def channels_failed(retry_after: float, alternatives: Sequence[str]) -> GatewayError:
    return GatewayError(
        503,
        "All upstream channels failed for this model. The request was not run.",
        "all_channels_failed",
        "all_channels_failed",
        extras={
            "retryable": True,
            "retry_after": _number(retry_after),
            "alternatives": [{"id": a, "status": "available", "tags": []} for a in alternatives],
            "hint": f"Retry in {format_seconds(retry_after)}s or switch to an available model.",
        },
        headers={"Retry-After": format_seconds(retry_after)},
    )


def insufficient_balance(
    balance_usd: float, estimated_cost_usd: float, suggestions: Sequence[str] = ()
) -> GatewayError:
    need = (
        f"Insufficient balance: need ~${estimated_cost_usd:.4f}, but balance is ${balance_usd:.4f}."
    )
    return GatewayError(
        402,
        need,
        "insufficient_balance",
        "insufficient_balance",
        extras={
            "balance_usd": balance_usd,
            "estimated_cost_usd": estimated_cost_usd,
            # Cheaper models the caller could switch to (the agent-first guide).
            "suggestions": [{"id": s} for s in suggestions],
            "hint": f"{need} Try a cheaper model, or top up your balance.",
        },
    )


def internal_error() -> GatewayError:
    return GatewayError(500, "Internal server error.", "server_error", "internal_error")


def upstream_error() -> GatewayError:
    return GatewayError(
        502, "The upstream provider returned an error.", "upstream_error", "upstream_error"
    )


def timeout_error() -> GatewayError:
    return GatewayError(504, "The upstream provider timed out.", "timeout_error", "timeout_error")


def missing_parameter(param: str, message: str | None = None) -> GatewayError:
    return validation_failed(
        [Issue(param, message or f"{param} is required", "missing_required_parameter")]
    )


def too_many_images(param: str, count: int, limit: int, model: str) -> GatewayError:
    return GatewayError(
        400,
        f"{count} source images were sent; '{model}' accepts at most {limit}.",
        "invalid_request_error",
        "too_many_images",
        param,
        {"hint": f"Send at most {limit} images to '{model}'."},
    )


def stream_not_supported(model: str, route: str) -> GatewayError:
    return GatewayError(
        400,
        f"stream=true is not supported for '{model}' on {route}.",
        "invalid_request_error",
        "stream_not_supported",
        "stream",
        {"hint": "Send the same request without stream (or with stream=false)."},
    )


def unsupported_parameter(param: str, model: str) -> GatewayError:
    return GatewayError(
        400,
        f"{param} is not supported by '{model}' on this route.",
        "invalid_request_error",
        "unsupported_parameter",
        param,
    )


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
