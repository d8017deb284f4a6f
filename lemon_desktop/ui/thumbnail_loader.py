"""Thumbnails decoded scaled by Qt, cached on disk by content hash, loaded off the GUI thread.

Only QImage is produced here; the gallery turns it into a QPixmap on the GUI
thread (QPixmap is not thread-safe). The cache files and their layout belong to
the library (`lemon_desktop.library.thumbnails`), which stays free of Qt; a cached
thumbnail is read without touching the source file.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import math
import stat
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Qt, QThread, QThreadPool, Signal, Slot
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter, QPen

from ..library.thumbnails import MAX_SIZE, ThumbnailFiles

log = logging.getLogger(__name__)

# Formats a library image can really be; anything else (SVG, TGA, ICO, ...) is refused
# because it only widens the attack surface of files whose name lies.
_DECODABLE = {b"png", b"jpeg", b"jpg", b"webp", b"gif", b"bmp"}
_JPEG_QUALITY = 85


class ThumbnailCache(ThumbnailFiles):
    """Scaled decode of a source image, persisted so the next time decodes nothing."""

    def __init__(self, cache_dir: Path, *, max_decode_pixels: int = 100_000_000) -> None:
        super().__init__(cache_dir)
        self.max_decode_pixels = max_decode_pixels
        # QImageReader counts in MiB; 4 bytes per decoded pixel plus slack for the scaled copy.
        self._allocation_limit_mb = math.ceil(max_decode_pixels * 4 * 1.25 / 2**20)
        self._placeholders: dict[int, QImage] = {}
        self._placeholder_lock = threading.Lock()

    def load_cached(self, sha256: str, size: int) -> QImage | None:
        """The cached thumbnail, or None. Never opens the source image."""
        for alpha in (False, True):
            path = self.path(sha256, size, alpha)
            image = QImage(str(path))
            if not image.isNull():
                return image
            if path.exists():
                # A torn write (crash mid-save) or a damaged disk: render again next time.
                log.warning("discarding unreadable thumbnail cache file %s", path)
                path.unlink(missing_ok=True)
        return None

    def render(self, source: Path, sha256: str, size: int) -> QImage:
        """Decode ``source`` scaled to ``size`` (longest edge), cache it, return it.

        Any failure gives the placeholder and one warning line; nothing raises.
        """
        image, problem = self._decode(Path(source), size)
        if image is None:
            log.warning("thumbnail placeholder for %s: %s", source, problem)
            return self.placeholder(size)
        try:
            self._write(image, self.path(sha256, size, image.hasAlphaChannel()))
        except (OSError, ValueError) as error:
            # The thumbnail itself is good; only the next run pays for the failed write.
            log.warning("cannot cache thumbnail of %s: %s", source, error)
        return image

    def _decode(self, source: Path, size: int) -> tuple[QImage | None, str]:
        try:
            # A FIFO or device named .png would block the reader forever.
            if not stat.S_ISREG(source.stat().st_mode):
                return None, "not a regular file"
        except OSError as error:
            return None, f"cannot open ({error.strerror})"
        reader = QImageReader(str(source))
        reader.setDecideFormatFromContent(True)  # the extension may lie
        reader.setAutoTransform(True)
        reader.setAllocationLimit(self._allocation_limit_mb)
        if bytes(reader.format().data()) not in _DECODABLE:
            return None, "not a supported image format"
        full = reader.size()
        if not full.isValid() or full.isEmpty():
            return None, f"unreadable image header ({reader.errorString()})"
        if full.width() * full.height() > self.max_decode_pixels:
            return None, f"refusing to decode {full.width()}x{full.height()} pixels"
        reader.setScaledSize(_fit(full, size))
        image = reader.read()
        if image.isNull():
            return None, f"decode failed ({reader.errorString()})"
        return image, ""

    def _write(self, image: QImage, path: Path) -> None:
        fmt = "PNG" if path.suffix == ".png" else "JPEG"

        def save(temp: str) -> None:
            quality = _JPEG_QUALITY if fmt == "JPEG" else -1
            # The stubs say bytes, but PySide6 accepts only str for the format here.
            if not image.save(temp, fmt, quality):  # type: ignore[call-overload]
                raise OSError(f"Qt could not write {fmt} to {temp}")

        self.publish(path, save)

    def placeholder(self, size: int) -> QImage:
        """A neutral grey tile with a cross, shared between callers (QImage is copy-on-write)."""
        with self._placeholder_lock:
            image = self._placeholders.get(size)
            if image is None:
                image = _draw_placeholder(size)
                self._placeholders[size] = image
            return image


def _fit(full: QSize, size: int) -> QSize:
    """``full`` scaled so its longest edge is ``size``, never enlarged, at least 1x1."""
    longest = max(full.width(), full.height())
    if longest <= size:
        return full
    scale = size / longest
    return QSize(max(1, round(full.width() * scale)), max(1, round(full.height() * scale)))


def _draw_placeholder(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(128, 128, 128, 96))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(90, 90, 90, 200), max(1, size // 32)))
        margin = size // 4
        painter.drawLine(margin, margin, size - margin, size - margin)
        painter.drawLine(size - margin, margin, margin, size - margin)
    finally:
        painter.end()
    return image


class _Relay(QObject):
    """Lives on the loader's thread; workers emit on it, Qt queues the call across."""

    done = Signal(str, int, QImage)


@dataclass(frozen=True)
class _Ticket:
    """One request: plain Python state, no Qt object kept alive per request."""

    source: Path
    sha: str
    size: int


class _TicketQueue:
    """Requests not started yet, newest first, drained by a few pool workers.

    The pool never holds one runnable per request: QThreadPool keeps a cancelled
    runnable queued until a thread reaches it, and gives each distinct priority its
    own 256-slot queue page (about 2.3 KB per runnable when every one differs), so
    scrolling through 100,000 rows piled up over 30,000 dead requests, about 90 MB.
    Here a cancel frees them at once, and a dict keeps the newest first.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tickets: dict[tuple[str, int], _Ticket] = {}
        self._workers = 0

    def push(self, ticket: _Ticket, max_workers: int) -> bool:
        """Queue `ticket`; True when the caller must start one more worker."""
        with self._lock:
            self._tickets[(ticket.sha, ticket.size)] = ticket
            if self._workers >= max_workers:
                return False
            self._workers += 1
            return True

    def pop(self) -> _Ticket | None:
        """The newest ticket (the rows just scrolled into view), or None: the worker ends."""
        with self._lock:
            if self._tickets:
                return self._tickets.popitem()[1]
            # Decided under the lock, so a push either sees this worker or starts another.
            self._workers -= 1
            return None

    def clear(self) -> list[_Ticket]:
        with self._lock:
            dropped = list(self._tickets.values())
            self._tickets.clear()
            return dropped


def _work(cache: ThumbnailCache, relay: _Relay, ticket: _Ticket) -> None:
    try:
        image = cache.load_cached(ticket.sha, ticket.size)
        if image is None:
            image = cache.render(ticket.source, ticket.sha, ticket.size)
    except ValueError as error:  # a malformed key: a caller bug, but not worth a crash
        log.warning("thumbnail request rejected: %s", error)
        image = cache.placeholder(max(1, min(ticket.size, MAX_SIZE)))
    with contextlib.suppress(RuntimeError):  # the loader was destroyed meanwhile
        relay.done.emit(ticket.sha, ticket.size, image)


def _drain(cache: ThumbnailCache, relay: _Relay, queue: _TicketQueue) -> None:
    # Holds no reference to the loader itself: it may be destroyed while we decode.
    while (ticket := queue.pop()) is not None:
        _work(cache, relay, ticket)


class ThumbnailLoader(QObject):
    """Serves thumbnail requests from a thread pool; results arrive as ``ready`` on our thread.

    Newer requests run first (the rows just scrolled into view), and a request
    already queued or running for the same hash and size is not repeated.
    """

    ready = Signal(str, int, QImage)

    def __init__(
        self,
        cache: ThumbnailCache,
        pool: QThreadPool | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.cache = cache
        if pool is None:
            pool = QThreadPool(self)
            # Decoding is CPU work: one thread per core but one, so the GUI thread keeps a
            # core and scrolling stays smooth (the global pool is sized for waiting work).
            pool.setMaxThreadCount(max(1, QThread.idealThreadCount() - 1))
        self.pool = pool
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self._jobs: set[tuple[str, int]] = set()  # queued or running, not delivered yet
        self._queue = _TicketQueue()

    def request(self, source: Path, sha256: str, size: int) -> None:
        key = (sha256, size)
        if key in self._jobs:
            return
        self._jobs.add(key)
        if self._queue.push(_Ticket(Path(source), sha256, size), self.pool.maxThreadCount()):
            self.pool.start(functools.partial(_drain, self.cache, self._relay, self._queue))

    def pending_count(self) -> int:
        """Requests queued or running whose result has not been delivered yet."""
        return len(self._jobs)

    def cancel_pending(self) -> None:
        """Drop queued work that has not started; running jobs still deliver."""
        for ticket in self._queue.clear():
            self._jobs.discard((ticket.sha, ticket.size))

    @Slot(str, int, QImage)
    def _on_done(self, sha256: str, size: int, image: QImage) -> None:
        self._jobs.discard((sha256, size))
        self.ready.emit(sha256, size, image)
