"""The CDN's memory: rendered images by URL path, least recently used evicted first.

Eviction is a feature: real result URLs expire, and a client that downloads late should
see a 404 in tests too. The store doubles as the render cache, because a path is derived
from the render key.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass


@dataclass(frozen=True)
class StoredImage:
    data: bytes
    content_type: str


class ImageStore:
    def __init__(self, max_items: int = 300, max_bytes: int = 512 * 1024 * 1024) -> None:
        self._items: OrderedDict[str, StoredImage] = OrderedDict()
        self._bytes = 0
        self._max_items = max_items
        self._max_bytes = max_bytes
        self._lock = threading.Lock()

    def get(self, path: str) -> StoredImage | None:
        with self._lock:
            item = self._items.get(path)
            if item is not None:
                self._items.move_to_end(path)
            return item

    def put(self, path: str, data: bytes, content_type: str) -> None:
        with self._lock:
            old = self._items.pop(path, None)
            if old is not None:
                self._bytes -= len(old.data)
            self._items[path] = StoredImage(data, content_type)
            self._bytes += len(data)
            while len(self._items) > 1 and (
                len(self._items) > self._max_items or self._bytes > self._max_bytes
            ):
                _, evicted = self._items.popitem(last=False)
                self._bytes -= len(evicted.data)

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)
