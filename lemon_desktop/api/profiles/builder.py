"""The JSON body for POST /v1/images/generations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .schema import InvalidRequest
from .validation import resolve


def build_request(
    model_id: str,
    prompt: str,
    values: Mapping[str, Any],
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The request body: `model`, `prompt`, the profile's non-None defaults overridden by
    `values`, then allowed extras. Raises InvalidRequest listing every problem."""
    body, problems = resolve(model_id, prompt, values, extra)
    if problems:
        raise InvalidRequest(problems)
    return body


def wants_stream(body: Mapping[str, Any]) -> bool:
    """Whether the transport should ask for a streamed answer (`stream: true`).

    The builder never adds `stream` itself: whether the gateway streams is UNCONFIRMED,
    so the HTTP layer owns that choice and its fallback to a plain response.
    """
    partial = body.get("partial_images")
    return isinstance(partial, int) and partial > 0 and body.get("async") is not True
