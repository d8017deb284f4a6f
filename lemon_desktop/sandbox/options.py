"""Behaviour switches of one sandbox instance, settable at start-up, from the command line
and over ``POST /_sandbox/options`` while it runs.

Each switch picks between documented gateway behaviours (or versions of the docs) so a
client can be tested against each of them; the defaults follow the newest documentation.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any, Literal, get_args

# Where GET /v1/models puts its extension object: the newest spec says "tokenlab", older
# pages and today's clients read "lemondata".
Extension = Literal["both", "tokenlab", "lemondata"]
# stream: true on generations. "partial": GPT Image models stream partial images (the
# create-image page), others are refused; "refuse": every stream is refused (the newest
# OpenAPI file); "ignore": the old sandbox behaviour, stream silently dropped.
StreamMode = Literal["partial", "refuse", "ignore"]
# A failed task's "error": a string (api-facts), an object {code, message} (newest
# spec), or either, chosen per task from its id.
TaskErrorFormat = Literal["mixed", "string", "object"]

MB = 1024 * 1024


@dataclass
class SandboxOptions:
    # Share (0..1) of the pixels outside an edit mask that the "model" changes anyway.
    mask_leak: float = 0.5
    extension: Extension = "both"
    stream_mode: StreamMode = "partial"
    task_error_format: TaskErrorFormat = "mixed"
    # Seconds an uploaded file stays usable; its expires_at says so. None: never expires.
    file_ttl: float | None = 3600.0
    # Per input image (edit page: 50MB each) and per request (200MB in total).
    max_image_bytes: int = 50 * MB
    max_request_bytes: int = 200 * MB
    # Requests per minute reported in X-RateLimit-Limit on a 429.
    rate_limit_rpm: int = 60

    def snapshot(self) -> dict[str, Any]:
        return asdict(self)


_CHOICES: dict[str, tuple[str, ...]] = {
    "extension": get_args(Extension),
    "stream_mode": get_args(StreamMode),
    "task_error_format": get_args(TaskErrorFormat),
}


def _checked(name: str, value: Any) -> Any:
    """``value`` if it is valid for option ``name``; ValueError naming the rule if not."""
    if name in _CHOICES:
        if value not in _CHOICES[name]:
            raise ValueError(f"{name} must be one of: {', '.join(_CHOICES[name])}")
        return value
    if name == "mask_leak":
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise ValueError("mask_leak must be a number from 0 to 1")
        return float(value)
    if name == "file_ttl":
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ValueError("file_ttl must be a number of seconds (0 or more) or null")
        return float(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be a positive integer")
    return value


class OptionsHolder:
    """The live options, replaced as a whole so a request never sees half an update."""

    def __init__(self, initial: SandboxOptions | None = None) -> None:
        self._lock = threading.Lock()
        self._current = initial or SandboxOptions()

    @property
    def current(self) -> SandboxOptions:
        return self._current

    def update(self, changes: Mapping[str, Any]) -> SandboxOptions:
        known = {f.name for f in fields(SandboxOptions)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise ValueError(f"unknown option(s) {unknown}; known: {sorted(known)}")
        checked = {name: _checked(name, value) for name, value in changes.items()}
        with self._lock:
            self._current = SandboxOptions(**{**self._current.snapshot(), **checked})
            return self._current
