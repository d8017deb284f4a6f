"""Reading the gateway's answers safely: bounded in size, depth and content.

A hostile or broken gateway can send a gzip bomb, JSON nested deeper than Python's
recursion limit, NaN where a price belongs, or echo the API key back in any string.
Everything the client keeps of an answer passes through here first, so each of those
becomes a MalformedResponseError (or a harmless value) instead of a MemoryError,
RecursionError or a leaked key.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx2

from .errors import MalformedResponseError

log = logging.getLogger(__name__)

MIB = 1024 * 1024
# Model lists, prices and task states are kilobytes; 32 MiB leaves room for any growth.
MAX_READ_BYTES = 32 * MIB
# An inline create may hold several images as base64 (4/3 of their size each).
MAX_CREATE_BYTES = 256 * MIB
# An error body only needs its envelope.
MAX_ERROR_BYTES = 1 * MIB
# The documented answers nest a handful of levels; far below the recursion limit.
MAX_DEPTH = 64
REDACTED = "sk-…"
# Shorter "keys" are no real key, and replacing them would garble every text.
_MIN_SECRET = 8


class ResponseTooLargeError(MalformedResponseError):
    """The answer is larger than the client accepts for its kind."""


async def read_limited(response: httpx2.Response, limit: int) -> bytes:
    """The (decompressed) body, refusing it once either the wire or the decoded size passes
    `limit`; a gzip bomb is stopped after one chunk instead of filling memory."""
    parts: list[bytes] = []
    total = 0
    async for chunk in response.aiter_bytes():
        total += len(chunk)
        if total > limit or response.num_bytes_downloaded > limit:
            await response.aclose()
            raise ResponseTooLargeError(
                f"The gateway's answer is larger than {limit // MIB} MiB "
                f"(HTTP {response.status_code}); it was not read. Check the base URL, "
                "or try again later."
            )
        parts.append(chunk)
    return b"".join(parts)


def _no_constant(name: str) -> None:
    # Python's json reads NaN and Infinity; they are no number a price or size may be.
    log.warning("the gateway sent %s in a JSON answer; read as null", name)
    return None


def decode_json(raw: bytes | str, *, redact: str | None = None, status: int = 200) -> Any:
    """Parse JSON with depth and content checks; the key is removed from every string."""
    try:
        value = json.loads(raw, parse_constant=_no_constant)
    except RecursionError as exc:
        raise MalformedResponseError(
            f"The gateway sent JSON nested too deeply to read (HTTP {status})."
        ) from exc
    except ValueError as exc:  # also UnicodeDecodeError
        raise MalformedResponseError(
            f"The gateway sent a response that is not valid JSON (HTTP {status})."
        ) from exc
    if _depth_exceeds(value, MAX_DEPTH):
        raise MalformedResponseError(
            f"The gateway sent JSON nested more than {MAX_DEPTH} levels deep (HTTP {status})."
        )
    return redact_tree(value, redact)


def _depth_exceeds(value: Any, limit: int) -> bool:
    # Iterative, so that checking deep data cannot itself hit the recursion limit.
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def redact_text(text: str, secret: str | None) -> str:
    if not secret or len(secret) < _MIN_SECRET or secret not in text:
        return text
    return text.replace(secret, REDACTED)


def redact_tree(value: Any, secret: str | None) -> Any:
    """`value` with `secret` replaced in every string, keys included (iteratively)."""
    if not secret or len(secret) < _MIN_SECRET:
        return value
    if isinstance(value, str):
        return redact_text(value, secret)
    if not isinstance(value, dict | list):
        return value
    root: list[Any] = [value]
    stack: list[Any] = [root]
    while stack:
        container = stack.pop()
        items = container.items() if isinstance(container, dict) else enumerate(container)
        changes: list[tuple[Any, Any]] = []
        for key, item in items:
            if isinstance(item, str):
                if secret in item:
                    changes.append((key, item.replace(secret, REDACTED)))
            elif isinstance(item, dict | list):
                stack.append(item)
        for key, item in changes:
            container[key] = item
        if isinstance(container, dict) and any(
            isinstance(k, str) and secret in k for k in container
        ):
            renamed = {redact_text(k, secret): v for k, v in container.items()}
            container.clear()
            container.update(renamed)
    return root[0]
