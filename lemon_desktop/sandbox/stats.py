"""Request counters that tests read from another thread (or over HTTP).

The counters exist to prove client behaviour that is invisible from the client side:
that a paid create was not sent twice, that the API key never travelled to the CDN,
that a parameter the gateway strips did arrive.
"""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

_SCALARS = (
    "create_attempts",
    "create_requests",
    "poll_requests",
    "cancel_requests",
    "download_requests",
    "cdn_requests_with_authorization",
    "unauthorized_requests",
    "edit_requests",
    "variation_requests",
    "image_to_image_requests",
    "file_uploads",
)
_MAPS = (
    "create_requests_by_model",
    "requests_by_path",
    "stripped_params",
    "ignored_params",
    "faults_fired",
)


class SandboxStats:
    """Thread-safe counters.

    ``create_attempts`` counts every authorised POST to the create route;
    ``create_requests`` only those the gateway *ran* (would have billed), which is the
    number a double-submission test must look at.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._scalars: Counter[str] = Counter()
        self._maps: dict[str, Counter[str]] = {name: Counter() for name in _MAPS}

    def incr(self, name: str, amount: int = 1) -> None:
        if name not in _SCALARS:
            raise KeyError(name)
        with self._lock:
            self._scalars[name] += amount

    def incr_key(self, name: str, key: str, amount: int = 1) -> None:
        with self._lock:
            self._maps[name][key] += amount

    def count_create(self, model: str) -> None:
        with self._lock:
            self._scalars["create_requests"] += 1
            self._maps["create_requests_by_model"][model] += 1

    def reset(self) -> None:
        with self._lock:
            self._scalars.clear()
            for counter in self._maps.values():
                counter.clear()

    def _scalar(self, name: str) -> int:
        with self._lock:
            return self._scalars[name]

    def _map(self, name: str) -> dict[str, int]:
        with self._lock:
            return dict(self._maps[name])

    @property
    def create_attempts(self) -> int:
        return self._scalar("create_attempts")

    @property
    def create_requests(self) -> int:
        return self._scalar("create_requests")

    @property
    def poll_requests(self) -> int:
        return self._scalar("poll_requests")

    @property
    def cancel_requests(self) -> int:
        return self._scalar("cancel_requests")

    @property
    def download_requests(self) -> int:
        return self._scalar("download_requests")

    @property
    def cdn_requests_with_authorization(self) -> int:
        return self._scalar("cdn_requests_with_authorization")

    @property
    def unauthorized_requests(self) -> int:
        return self._scalar("unauthorized_requests")

    @property
    def edit_requests(self) -> int:
        return self._scalar("edit_requests")

    @property
    def variation_requests(self) -> int:
        return self._scalar("variation_requests")

    @property
    def image_to_image_requests(self) -> int:
        return self._scalar("image_to_image_requests")

    @property
    def file_uploads(self) -> int:
        return self._scalar("file_uploads")

    @property
    def create_requests_by_model(self) -> dict[str, int]:
        return self._map("create_requests_by_model")

    @property
    def requests_by_path(self) -> dict[str, int]:
        return self._map("requests_by_path")

    @property
    def stripped_params(self) -> dict[str, int]:
        return self._map("stripped_params")

    @property
    def ignored_params(self) -> dict[str, int]:
        return self._map("ignored_params")

    @property
    def faults_fired(self) -> dict[str, int]:
        return self._map("faults_fired")

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            out: dict[str, Any] = {name: self._scalars[name] for name in _SCALARS}
            out.update({name: dict(self._maps[name]) for name in _MAPS})
        return out
