"""The gallery's list model: a bounded window of slim rows, thumbnails on demand.

Nothing here reads SQLite on the GUI thread: every read runs in a worker and its
answer is applied when it arrives, unless something newer has overtaken it (a
query generation and a position epoch tell).

A query costs one page (200 rows) whatever the library size, and no count (a
free-text count scans every match); the rows shown stay until that page arrives.
When the view nears the end of the page it asks for the count in a worker
(count_in_background; fetchMore does the same) and the row count becomes the
total, fixed from then on; rows are read a page at a time when data() asks for
one (see window.py), so memory stays bounded however large the library is.
data() and the delegate's cell() only read memory: a row whose page is not
there yet paints empty, its page is read in a worker, and the rows repaint when
it arrives, so scrolling never waits on SQLite.
Thumbnails are requested only when the delegate asks for one (so only for
painted cells) and the row repaints when it arrives.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QImage, QPixmap

from lemon_desktop.library import GalleryRow, Library, Page, QueryError
from lemon_desktop.library.query import parse
from lemon_desktop.ui.thumbnail_loader import ThumbnailLoader

from ..tasks import run_in_thread
from .dragdrop import mime_for_files
from .pixmaps import PixmapLru
from .window import RowWindow

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 200
# Pages held at once (10,000 rows): several screens either way at the smallest size.
MAX_PAGES = 50
# How far locate() reads through the query for a row not in memory.
FIND_PAGES = 25
# A lookup overtaken by a live update (an import moving rows) asks again this often,
# for this long at most, before it says so (StillUpdating).
_LOOKUP_RETRY_MS = 40
QUIET_WAIT_S = 2.0
# Stepping through the gallery (the viewer's next/previous) asks for the page this many
# rows ahead, so the rows are in memory by the time the steps get there.
_READ_AHEAD = 20
DEFAULT_THUMB = 192
# Library events arrive in bursts (an import emits one per batch): handle them together.
_EVENT_DELAY_MS = 60
# Another process (the CLI) writing the library sends no event: look at the newest rows
# this often (one indexed row read in a worker) and merge what is new.
OUTSIDE_POLL_MS = 2000


class StillUpdating(Exception):
    """The rows kept moving (an import, say) for as long as a lookup waited for them."""


class GalleryModel(QAbstractListModel):
    RowRole = Qt.ItemDataRole.UserRole + 1  # the GalleryRow
    IdRole = Qt.ItemDataRole.UserRole + 2
    PathRole = Qt.ItemDataRole.UserRole + 3  # absolute file path as str

    # Emitted after rows were inserted above existing ones (new images), with how many.
    rows_merged = Signal(int)
    # The first page of this query is shown (the rows were reset to it).
    query_shown = Signal(str)
    # Reading a query failed: the message, and whether the query itself is at fault.
    query_failed = Signal(str, bool)
    # Rows arrived in memory (a page read, new rows merged): neighbour() may know more.
    pages_arrived = Signal()
    _library_event = Signal(str, list)

    def __init__(
        self,
        library: Library,
        thumbnails: ThumbnailLoader,
        parent: QObject | None = None,
        *,
        query: str = "",
        page_size: int = PAGE_SIZE,
        thumb_size: int = DEFAULT_THUMB,
        pixmap_budget: int = 32 * 2**20,
        max_pages: int = MAX_PAGES,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._loader = thumbnails
        self._page_size = page_size
        self._max_pages = max_pages
        self._window = RowWindow(library, "", page_size, max_pages)
        # Pages being read in a worker. A read answered after rows moved (inserted or
        # removed above it, or a query replacing them) is for other rows: dropped.
        self._reading: set[int] = set()
        self._version = 0  # bumped whenever rows move: answers read before are stale
        self._total = 0
        self._counted = True  # False while only the first page is known to exist
        self._generation = 0  # bumped when a query's rows replace the ones shown
        self._asked = 0  # bumped by every set_query: only the newest one's answer is shown
        self._answered = 0
        self._query = ""
        self._trash = False
        self._request_px = thumb_size
        self._fallback_px: int | None = None
        self._pixmaps = PixmapLru(pixmap_budget)
        self._requested: set[tuple[str, int]] = set()
        self._waiting: dict[str, set[int]] = {}  # sha -> ids of rows painted without it
        self._events: list[tuple[str, list[int]]] = []
        self._event_timer = QTimer(self, singleShot=True, interval=_EVENT_DELAY_MS)
        self._event_timer.timeout.connect(self._flush_events)
        self._outside_timer = QTimer(self, interval=OUTSIDE_POLL_MS)
        self._outside_timer.timeout.connect(self._look_outside)
        self._looking = False
        # The one read that may move rows (page 0 and the count; see _refresh) in flight,
        # another asked for meanwhile, and whether the next one counts.
        self._refreshing = False
        self._refresh_again = False
        self._count_asked = False
        # The image a lookup searches for, and in which query generation.
        self._locating: tuple[int, int] | None = None

        thumbnails.ready.connect(self._on_thumbnail)
        self._library_event.connect(self._queue_event, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = library.add_listener(self._from_any_thread)
        self.destroyed.connect(self._unsubscribe)
        self.set_query(query)
        self._outside_timer.start()

    # -- library ---------------------------------------------------------------

    @property
    def library(self) -> Library:
        return self._library

    @property
    def query(self) -> str:
        return self._query

    def close(self) -> None:
        """Stop listening to the library (also happens when the model is destroyed)."""
        self._outside_timer.stop()
        self._unsubscribe()

    def _from_any_thread(self, event: str, ids: list[int]) -> None:
        # Library callbacks run on whatever thread changed it; a queued signal hops.
        with contextlib.suppress(RuntimeError):  # the model is already gone
            self._library_event.emit(event, list(ids))

    def set_query(self, query: str) -> None:
        """Show `query`'s first page once a worker has read it (query_shown); the rows
        shown stay until then. Raises QueryError at once on bad syntax (parsing is pure
        Python); a failed read arrives as query_failed and keeps the rows."""
        trash = parse(query).trash
        self._asked += 1
        asked = self._asked
        window = RowWindow(self._library, query, self._page_size, self._max_pages)

        def done(page: Page) -> None:
            if asked == self._asked:
                self._answered = asked
                self._show_first(window, page, trash)
                self.query_shown.emit(query)

        def failed(exc: Exception) -> None:
            if asked == self._asked:
                self._answered = asked
                self.query_failed.emit(str(exc), isinstance(exc, QueryError))

        run_in_thread(window.reader(0), done, failed, owner=self)

    @property
    def loading(self) -> bool:
        """A query's first page is on its way."""
        return self._answered != self._asked

    def reload(self) -> None:
        self.set_query(self._query)

    def _show_first(self, window: RowWindow, page: Page, trash: bool) -> None:
        """Replace the rows shown by `page`, the first page of `window`'s query."""
        window.store(0, page)
        self.beginResetModel()
        self._window = window
        self._forget_reads()
        self._generation += 1
        self._count_asked = False
        self._total = len(page.rows)
        self._counted = page.next is None
        self._query = window.query
        self._trash = trash
        self._waiting.clear()
        self.endResetModel()

    # -- Qt model API --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else self._total

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._counted

    def fetchMore(self, parent: Index) -> None:
        """Grow from the first page to the query's full count, once (counted in a worker)."""
        if not parent.isValid():
            self.count_in_background()

    def count_in_background(self) -> None:
        """Grow to the query's full count once a worker has counted it (a count reads
        every match: tens of ms at a million rows). The count is read with page 0 by
        the one refresh in flight (_refresh), so no answer read before it can shrink
        the total back to the first page."""
        if self._counted or self._count_asked:
            return
        self._count_asked = True
        self._refresh()

    def _resize(self, total: int) -> None:
        """Insert or remove rows at the end so the row count is `total`."""
        if total > self._total:
            self.beginInsertRows(QModelIndex(), self._total, total - 1)
            self._total = total
            self.endInsertRows()
        elif total < self._total:
            self.beginRemoveRows(QModelIndex(), total, self._total - 1)
            self._total = total
            self.endRemoveRows()

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.loaded_row(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            return self.thumbnail(row)
        if role == self.RowRole:
            return row
        if role == self.IdRole:
            return row.id
        if role == self.PathRole:
            return str(row.path)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{row.width}×{row.height} · {row.created[:16].replace('T', ' ')}"
        return None

    def mimeTypes(self) -> list[str]:
        return ["text/uri-list", "application/x-qt-image"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        # All the rows or none: part of them would be a wrong drag. GalleryView's drags go
        # through GalleryActions.drag_mime, which reads rows not in memory first.
        rows = self.rows_in_memory(i.row() for i in indexes if i.isValid())
        return mime_for_files([r.path for r in rows] if rows is not None else [])

    def supportedDragActions(self) -> Qt.DropAction:
        # A copy, so a file manager never moves a file out of the library.
        return Qt.DropAction.CopyAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    # -- rows ---------------------------------------------------------------------

    def cell(self, position: int) -> tuple[GalleryRow | None, QPixmap | None]:
        """Row and thumbnail for the delegate in one call (paint is the hot path)."""
        row = self.loaded_row(position)
        return (None, None) if row is None else (row, self.thumbnail(row))

    def loaded_row(self, position: int) -> GalleryRow | None:
        """The row at `position` if it is in memory; else None, and its page is read in a
        worker (the rows repaint when it arrives). Never touches SQLite on this thread."""
        if not 0 <= position < self._total:
            return None
        row = self._window.row(position)
        if row is None:
            self._read_page(position // self._page_size)
        return row

    def aspects(self, first: int, count: int) -> list[float] | None:
        """Width / height of rows first.. first+count (within the total) if all are in
        memory, for the view's layout; else None. Never reads the library."""
        end = min(first + count, self._total)
        found: list[float] = []
        for position in range(first, end):
            row = self._window.row(position)
            if row is None:
                return None
            found.append(row.width / row.height if row.width > 0 and row.height > 0 else 1.0)
        return found

    def row_at(self, position: int) -> GalleryRow | None:
        """The row at `position` if it is in memory, else None (its page is then read in a
        worker, like loaded_row). Rows that must all be known: resolve_rows()."""
        return self.loaded_row(position)

    def _read_page(self, number: int) -> None:
        if number in self._reading:
            return
        self._reading.add(number)
        version = self._version
        run_in_thread(
            self._window.reader(number),
            lambda page: self._page_read(version, number, page),
            lambda exc: self._page_failed(version, number, exc),
            owner=self,
        )

    def _page_read(self, version: int, number: int, page: Page) -> None:
        if version != self._version:
            return  # read for rows that have moved since
        self._reading.discard(number)
        held = self._window.cached(number)
        # A lookup may have read it meanwhile; page 0 is short after a removal.
        if held is None or len(held) < len(page.rows):
            self._window.store(number, page)
        first = number * self._page_size
        last = min(first + len(page.rows), self._total) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first), self.index(last))
        self.pages_arrived.emit()

    def _page_failed(self, version: int, number: int, exc: Exception) -> None:
        if version == self._version:
            self._reading.discard(number)  # painting the rows again asks again
        log.warning("could not load gallery rows at %d: %s", number * self._page_size, exc)

    def _forget_reads(self) -> None:
        """Rows moved: pages in flight are for positions that no longer hold."""
        self._version += 1
        self._reading.clear()

    def rows_for(self, indexes: Iterable[Index]) -> list[GalleryRow]:
        """Rows of `indexes` in gallery order, each once: those in memory (a menu)."""
        positions = sorted({i.row() for i in indexes if i.isValid()})
        return [r for p in positions if (r := self._window.row(p)) is not None]

    def rows_in_memory(self, positions: Iterable[int]) -> list[GalleryRow] | None:
        """The rows at `positions` in gallery order if every one is in memory, else None."""
        rows = [self._window.row(p) for p in sorted(set(positions)) if 0 <= p < self._total]
        return None if any(r is None for r in rows) else [r for r in rows if r is not None]

    def resolve_rows(
        self,
        positions: Callable[[], Iterable[int]],
        then: Callable[[list[GalleryRow]], object],
        failed: Callable[[Exception], object],
    ) -> None:
        """Call `then` with the rows at `positions()` in gallery order: at once when all
        are in memory, else once a worker has read their pages (a selection of more rows
        than memory holds). `positions` is asked again on every try, since a live update
        moves rows (and the selection with them). While rows keep moving it tries again
        for up to QUIET_WAIT_S, then calls `failed(StillUpdating())`; a failed read calls
        `failed(exc)`. Exactly one of the two is called."""
        self._resolve(positions, then, failed, time.monotonic() + QUIET_WAIT_S)

    def _resolve(
        self,
        positions: Callable[[], Iterable[int]],
        then: Callable[[list[GalleryRow]], object],
        failed: Callable[[Exception], object],
        deadline: float,
    ) -> None:
        wanted = sorted({p for p in positions() if 0 <= p < self._total})
        rows = self.rows_in_memory(wanted)
        if rows is not None:
            then(rows)
            return

        def again() -> None:
            if time.monotonic() >= deadline:
                failed(StillUpdating())
            else:
                QTimer.singleShot(
                    _LOOKUP_RETRY_MS, self, lambda: self._resolve(positions, then, failed, deadline)
                )

        if self._updating:  # the library is ahead of the rows shown: wait for them
            again()
            return
        missing = sorted({p // self._page_size for p in wanted if self._window.row(p) is None})
        version, size = self._version, self._page_size

        def done(pages: dict[int, Page]) -> None:
            if version != self._version or self._updating:
                again()  # rows moved meanwhile: the positions mean other rows now
                return
            found: list[GalleryRow] = []
            for p in wanted:
                row = self._window.row(p)
                if row is None:
                    page = pages.get(p // size)
                    at = p % size
                    row = page.rows[at] if page is not None and at < len(page.rows) else None
                if row is not None:
                    found.append(row)
            then(found)

        def read_failed(exc: Exception) -> None:
            log.warning("could not read the selected rows: %s", exc)
            failed(exc)

        run_in_thread(self._window.pages_reader(missing), done, read_failed, owner=self)

    def position(self, image_id: int) -> int | None:
        """Where `image_id` is among the rows in memory (locate() searches further)."""
        found = self._window.loaded_position(image_id)
        return found if found is not None and found < self._total else None

    def locate(
        self, image_id: int, then: Callable[[int], None], *, max_pages: int = FIND_PAGES
    ) -> None:
        """Call `then(position)` once `image_id` is found among the rows in memory or, in
        a worker, in the first `max_pages` pages; not at all if it is not there. A search
        overtaken by a live update (new or removed rows) searches again, for up to
        QUIET_WAIT_S; one overtaken by a new query gives up (a new one may start)."""
        position = self.position(image_id)
        if position is not None:
            then(position)
            return
        key = (image_id, self._generation)
        if self._locating == key:
            return  # already searching for it; the newest `then` is not needed twice
        self._locating = key
        self._locate(key, then, max_pages, time.monotonic() + QUIET_WAIT_S)

    def _locate(
        self, key: tuple[int, int], then: Callable[[int], None], max_pages: int, deadline: float
    ) -> None:
        image_id, generation = key
        version = self._version

        def done(scan: tuple[dict[int, Page], int | None]) -> None:
            if self._locating != key:
                return  # a newer lookup took over
            if generation != self._generation:
                self._locating = None  # a new query: its rows are other rows
                return
            if version != self._version or self._updating:
                if time.monotonic() < deadline:  # rows came or went meanwhile
                    QTimer.singleShot(
                        _LOOKUP_RETRY_MS,
                        self,
                        lambda: self._locate(key, then, max_pages, deadline),
                    )
                else:
                    self._locating = None
                    log.warning("gave up finding image %d: the gallery kept moving", image_id)
                return
            self._locating = None
            pages, found = scan
            for number, page in pages.items():
                held = self._window.cached(number)
                if held is None or len(held) < len(page.rows):
                    self._window.store(number, page)
            self.pages_arrived.emit()
            if found is None:
                return
            if found >= self._total and not self._counted:
                self.count_in_background()
            if found < self._total:
                then(found)

        def failed(exc: Exception) -> None:
            if self._locating == key:
                self._locating = None
            log.warning("could not find image %d in the gallery: %s", image_id, exc)

        run_in_thread(self._window.scanner(image_id, max_pages), done, failed, owner=self)

    def index_of(self, image_id: int) -> QModelIndex:
        """The index of `image_id` if it is in memory, else an invalid one."""
        position = self.position(image_id)
        return QModelIndex() if position is None else self.index(position)

    def neighbour(self, image_id: int, step: int) -> int | None:
        """The id `step` places after `image_id` in gallery order, from memory. A row not
        in memory yet answers None and its page is read in a worker, as is the page
        after it, so stepping on finds the rows there."""
        position = self.position(image_id)
        if position is None:
            return None
        target = position + step
        if target >= self._total and not self._counted:
            self.count_in_background()
        row = self.loaded_row(target) if target >= 0 else None
        self.loaded_row(target + step * _READ_AHEAD)
        return None if row is None else row.id

    @property
    def rows_version(self) -> int:
        """Changes whenever rows move (inserted, removed, replaced by a query)."""
        return self._version

    @property
    def pages_in_memory(self) -> int:
        return len(self._window)

    # -- thumbnails ------------------------------------------------------------------

    @property
    def thumb_pixels(self) -> int:
        """Edge in device pixels of the thumbnails requested now."""
        return self._request_px

    def set_thumb_pixels(self, pixels: int) -> None:
        """Request thumbnails of this size from now on; the old size stays as a stand-in."""
        if pixels == self._request_px:
            return
        if self._fallback_px is not None:
            self._pixmaps.drop_size(self._fallback_px, keep=pixels)
        self._fallback_px = self._request_px
        self._request_px = pixels
        self._requested = {k for k in self._requested if k[1] == pixels}

    def thumbnail(self, row: GalleryRow) -> QPixmap | None:
        """The cached pixmap, else None or a stand-in of another size; asks the loader once."""
        key = (row.sha256, self._request_px)
        pixmap = self._pixmaps.get(key)
        if pixmap is not None:
            return pixmap
        self._waiting.setdefault(row.sha256, set()).add(row.id)
        if key not in self._requested:
            self._requested.add(key)
            self._loader.request(row.path, row.sha256, self._request_px)
        if self._fallback_px is not None:
            return self._pixmaps.peek((row.sha256, self._fallback_px))
        return None

    def cached_thumbnail(self, row: GalleryRow) -> QPixmap | None:
        """A thumbnail already in memory, of any size; never asks the loader."""
        for size in (self._request_px, self._fallback_px):
            if size is not None and (pixmap := self._pixmaps.peek((row.sha256, size))):
                return pixmap
        return None

    def forget_requests(self) -> None:
        """Call after the loader's queue was cancelled: visible rows will ask again."""
        self._requested.clear()
        self._waiting.clear()  # painting again re-registers the rows still on screen

    @Slot(str, int, QImage)
    def _on_thumbnail(self, sha256: str, size: int, image: QImage) -> None:
        self._requested.discard((sha256, size))
        if size != self._request_px or image.isNull():
            return
        # QPixmap only here, on the GUI thread: the loader hands over QImage.
        self._pixmaps.put((sha256, size), QPixmap.fromImage(image))
        ids = self._waiting.pop(sha256, ())
        roles = [Qt.ItemDataRole.DecorationRole]
        for image_id in ids:
            position = self._window.loaded_position(image_id)
            if position is not None:
                index = self.index(position)
                self.dataChanged.emit(index, index, roles)

    @property
    def pixmap_cache(self) -> PixmapLru:
        return self._pixmaps

    # -- live updates -------------------------------------------------------------------

    @Slot(str, list)
    def _queue_event(self, event: str, ids: list[int]) -> None:
        self._events.append((event, ids))
        self._event_timer.start()

    def flush_events(self) -> None:
        """Apply queued library events now (tests; normally a short timer does it)."""
        self._event_timer.stop()
        self._flush_events()

    def _flush_events(self) -> None:
        events, self._events = self._events, []
        merge = False
        for event, ids in events:
            appear = {"added", "restored"} if not self._trash else {"trashed"}
            vanish = {"trashed", "removed"} if not self._trash else {"restored", "removed"}
            if event in appear:
                merge = True
            elif event in vanish:
                self.remove_ids(ids)
            elif event == "changed":
                self.refresh_rows(ids)
        if merge:
            self.merge_top()

    def _look_outside(self) -> None:
        """Merge images another process added: its writes reach no listener here."""
        if self._looking or self._updating:
            return  # a refresh on its way reads the newest rows anyway
        self._looking = True
        version = self._version
        library, query = self._library, self._query

        def newest() -> list[int]:
            return [row.id for row in library.page(query, 8).rows]

        def seen(ids: list[int]) -> None:
            self._looking = False
            top = self._window.cached(0)
            if version != self._version or top is None:
                return  # rows moved meanwhile: whatever moved them refreshes
            shown = {row.id for row in top[: len(ids) + 8]}
            if any(i not in shown for i in ids):
                self.merge_top()

        def failed(exc: Exception) -> None:
            self._looking = False
            log.debug("could not look for new images: %s", exc)

        run_in_thread(newest, seen, failed, owner=self)

    def merge_top(self) -> None:
        """Re-read the first page in a worker and insert the rows not shown yet.

        Existing rows, selection and scroll position stay (inserts, not a reset).
        New rows further down (an import of old pictures) only change the count.
        """
        self._refresh()

    def remove_ids(self, ids: Iterable[int]) -> None:
        """Remove the rows of `ids` in memory now; page 0 (what is left of it) and the
        count follow from a worker (rows not in memory leave the count off till then)."""
        gone = set(ids)
        found = (self._window.loaded_position(i) for i in gone)
        doomed = sorted((p for p in found if p is not None and p < self._total), reverse=True)
        # Positions below a removed row moved; page 0 minus the rows gone still holds.
        self._window.clear_below_top(gone)
        self._forget_reads()
        # Contiguous runs from the bottom up: one remove per run, positions stay valid.
        while doomed:
            last = first = doomed.pop(0)
            while doomed and doomed[0] == first - 1:
                first = doomed.pop(0)
            self.beginRemoveRows(QModelIndex(), first, last)
            self._total -= last - first + 1
            self.endRemoveRows()
        self._refresh()

    @property
    def _updating(self) -> bool:
        """A live update has not finished: the library is ahead of the rows shown."""
        return bool(
            self._refreshing or self._refresh_again or self._events or self._event_timer.isActive()
        )

    def _refresh(self) -> None:
        """Read page 0 and (once counted, or asked to count) the count in a worker, then
        insert the rows new at the top and fix the count (_apply_refresh).

        Every change of position after rows came or went goes through here, one read
        at a time: one asked for while another is in flight runs once after it. An
        answer read before rows moved here (a trash) or before the count was asked for
        is stale, so it is read again rather than applied: a diff against rows that
        moved would insert rows that are not new, and a page without the count would
        shrink a counted total back to the first page.
        """
        if self._refreshing:
            self._refresh_again = True
            return
        self._refreshing, self._refresh_again = True, False
        version, generation = self._version, self._generation
        counts = self._counted or self._count_asked
        library, query, size = self._library, self._query, self._page_size

        def read() -> tuple[Page, int | None]:
            page = library.page(query, size)
            return page, library.count(query) if counts else None

        def done(answer: tuple[Page, int | None]) -> None:
            self._refreshing = False
            if generation != self._generation:
                pass  # a new query's rows replaced these: nothing to refresh
            elif version == self._version and counts == (self._counted or self._count_asked):
                self._apply_refresh(*answer)
            else:
                self._refresh_again = True
            if self._refresh_again:
                self._refresh()

        def failed(exc: Exception) -> None:
            self._refreshing = False
            if counts and not self._counted:
                self._count_asked = False  # the view nearing the end asks again
            log.warning("could not refresh the gallery: %s", exc)
            if self._refresh_again:
                self._refresh()

        run_in_thread(read, done, failed, owner=self)

    def _apply_refresh(self, page: Page, total: int | None) -> None:
        """Insert the rows of `page` (the first page, read now) that page 0 in memory
        lacks, then make the row count `total` (or the first page's, uncounted)."""
        old = self._window.cached(0)
        if old is None:
            groups: list[tuple[int, int]] = []  # nothing to diff against: take it as read
        else:
            positions = {row.id: i for i, row in enumerate(old)}
            if old and not any(r.id in positions for r in page.rows):
                # A whole page of new images: nothing to anchor them to, start over.
                window = RowWindow(self._library, self._query, self._page_size, self._max_pages)
                self._show_first(window, page, self._trash)
                if total is not None:
                    self._counted = True
                    self._resize(total)
                self.rows_merged.emit(len(page.rows))
                self.pages_arrived.emit()
                return
            # Rows after the last one page 0 holds are new only if it held every row;
            # after a removal it is short, and the rows after it are the next ones.
            groups = _new_row_groups(positions, page.rows, tail=len(old) >= self._total)
        # Every cached position below the first insert is stale: read again on demand.
        self._window.clear()
        self._forget_reads()
        inserted = 0
        for at, n in reversed(groups):  # from the bottom, so earlier positions hold
            self.beginInsertRows(QModelIndex(), at, at + n - 1)
            self._total += n
            self.endInsertRows()
            inserted += n
        self._window.store(0, page)
        # Rows that changed outside the window (not in memory, so not removed or
        # inserted above) leave the count off: fix it at the end.
        if total is not None:
            self._counted = True
            self._resize(total)
        elif page.next is None:
            self._counted = True
            self._resize(len(page.rows))
        else:  # uncounted from start to end (see _refresh): the first page is what shows
            self._resize(len(page.rows))
        self._count_asked = False
        if page.rows:
            self.dataChanged.emit(self.index(0), self.index(min(len(page.rows), self._total) - 1))
        if inserted:
            self.rows_merged.emit(inserted)
        self.pages_arrived.emit()

    def refresh_rows(self, ids: Iterable[int]) -> None:
        """Re-read (in a worker) rows whose favourite, rating or tags changed; they stay
        where they are."""
        wanted = sorted({i for i in ids if self._window.loaded_position(i) is not None})
        if not wanted:
            return
        scope = "is:trash " if self._trash else ""
        library, generation = self._library, self._generation
        query = f"{scope}id:{','.join(map(str, wanted))}"

        def done(page: Page) -> None:
            if generation != self._generation:
                return
            for row in page.rows:
                position = self._window.loaded_position(row.id)
                shown = self._window.row(position) if position is not None else None
                if position is not None and shown is not None and shown.id == row.id:
                    self._window.replace(position, row)
                    index = self.index(position)
                    self.dataChanged.emit(index, index)

        run_in_thread(
            lambda: library.page(query, limit=len(wanted)),
            done,
            lambda exc: log.warning("could not refresh gallery rows: %s", exc),
            owner=self,
        )


def _new_row_groups(
    positions: dict[int, int], rows: Sequence[GalleryRow], *, tail: bool
) -> list[tuple[int, int]]:
    """(position, how many) of the runs of `rows` not in `positions` (id -> position of
    the rows shown): each run goes after the last known row before it; the run after
    the last known row only with `tail`."""
    groups: list[tuple[int, int]] = []
    pending = 0
    anchor = 0  # where the next unknown rows go: after the last known row seen
    for row in rows:
        known = positions.get(row.id)
        if known is None:
            pending += 1
            continue
        if pending:
            groups.append((anchor, pending))
            pending = 0
        anchor = known + 1
    if pending and tail:
        groups.append((anchor, pending))
    return groups
