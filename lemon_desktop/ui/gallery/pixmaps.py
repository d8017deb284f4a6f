"""A byte-bounded LRU of thumbnail pixmaps, used on the GUI thread only.

QPixmapCache would do, but its 10 MB default is global and shared with the
style; a private cache keeps the gallery's memory use predictable and lets
the model drop every thumbnail of one size when the slider moves.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtGui import QPixmap

Key = tuple[str, int]  # (sha256, pixel size)


def pixmap_bytes(pixmap: QPixmap) -> int:
    return max(1, pixmap.width() * pixmap.height() * max(1, pixmap.depth() // 8))


class PixmapLru:
    def __init__(self, max_bytes: int = 64 * 2**20) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[Key, QPixmap] = OrderedDict()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._items)

    @property
    def used_bytes(self) -> int:
        return self._bytes

    def get(self, key: Key) -> QPixmap | None:
        pixmap = self._items.get(key)
        if pixmap is not None:
            self._items.move_to_end(key)
        return pixmap

    def peek(self, key: Key) -> QPixmap | None:
        """Like get() without refreshing: fallbacks must not keep stale sizes alive."""
        return self._items.get(key)

    def put(self, key: Key, pixmap: QPixmap) -> None:
        old = self._items.pop(key, None)
        if old is not None:
            self._bytes -= pixmap_bytes(old)
        self._items[key] = pixmap
        self._bytes += pixmap_bytes(pixmap)
        while self._bytes > self.max_bytes and len(self._items) > 1:
            _, evicted = self._items.popitem(last=False)
            self._bytes -= pixmap_bytes(evicted)

    def drop_size(self, size: int, keep: int | None = None) -> None:
        """Forget every pixmap of `size` (except when it equals `keep`)."""
        if size == keep:
            return
        for key in [k for k in self._items if k[1] == size]:
            self._bytes -= pixmap_bytes(self._items.pop(key))

    def clear(self) -> None:
        self._items.clear()
        self._bytes = 0
