"""The gallery's list model: keyset pages of slim rows, thumbnails on demand.

Opening costs one page (200 rows) whatever the library size: nothing is
counted or preloaded. The view pulls further pages through canFetchMore /
fetchMore as it scrolls. Thumbnails are requested only when the delegate asks
for one (so only for painted cells) and the row repaints when it arrives.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable, Sequence
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

from lemon_desktop.library import Cursor, GalleryRow, Library, LibraryError, QueryError
from lemon_desktop.library.query import parse
from lemon_desktop.library.thumbnails import ThumbnailLoader

from .dragdrop import mime_for_files
from .pixmaps import PixmapLru

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 200  # the first page, and the smallest
MAX_PAGE = 20_000
DEFAULT_THUMB = 192
# Library events arrive in bursts (an import emits one per batch): handle them together.
_EVENT_DELAY_MS = 60


class GalleryModel(QAbstractListModel):
    RowRole = Qt.ItemDataRole.UserRole + 1  # the GalleryRow
    IdRole = Qt.ItemDataRole.UserRole + 2
    PathRole = Qt.ItemDataRole.UserRole + 3  # absolute file path as str

    # Emitted after rows were inserted above existing ones (new images), with how many.
    rows_merged = Signal(int)
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
        pixmap_budget: int = 64 * 2**20,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._loader = thumbnails
        self._page_size = page_size
        self._rows: list[GalleryRow] = []
        self._positions: dict[int, int] | None = {}
        self._cursor: Cursor | None = None
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

        thumbnails.ready.connect(self._on_thumbnail)
        self._library_event.connect(self._queue_event, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = library.add_listener(self._from_any_thread)
        self.destroyed.connect(self._unsubscribe)
        self.set_query(query)

    # -- library ---------------------------------------------------------------

    @property
    def library(self) -> Library:
        return self._library

    @property
    def query(self) -> str:
        return self._query

    def close(self) -> None:
        """Stop listening to the library (also happens when the model is destroyed)."""
        self._unsubscribe()

    def _from_any_thread(self, event: str, ids: list[int]) -> None:
        # Library callbacks run on whatever thread changed it; a queued signal hops.
        with contextlib.suppress(RuntimeError):  # the model is already gone
            self._library_event.emit(event, list(ids))

    def set_query(self, query: str) -> None:
        """Show the first page of `query`. Raises QueryError and keeps the rows on bad syntax."""
        page = self._library.page(query, self._page_size)
        trash = parse(query).trash
        self.beginResetModel()
        self._rows = list(page.rows)
        self._cursor = page.next
        self._query = query
        self._trash = trash
        self._positions = None
        self._waiting.clear()
        self.endResetModel()

    def reload(self) -> None:
        self.set_query(self._query)

    # -- Qt model API --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._cursor is not None

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._cursor is None:
            return
        try:
            page = self._library.page(self._query, self._next_page_size(), after=self._cursor)
        except (LibraryError, QueryError) as exc:
            log.warning("could not load more gallery rows: %s", exc)
            self._cursor = None
            return
        positions = self._position_map()
        fresh = [r for r in page.rows if r.id not in positions]
        self._cursor = page.next
        if not fresh:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        self._rows.extend(fresh)
        for offset, row in enumerate(fresh):
            positions[row.id] = first + offset
        self.endInsertRows()

    def _next_page_size(self) -> int:
        # QListView lays out every row again on each insert (Qt has no incremental
        # path), so appending 200 at a time costs O(loaded) per page: pages grow
        # with what is loaded to keep the number of relayouts logarithmic.
        return min(MAX_PAGE, max(self._page_size, len(self._rows) // 2))

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
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
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
        rows = self.rows_for(indexes)
        return mime_for_files([r.path for r in rows])

    def supportedDragActions(self) -> Qt.DropAction:
        # A copy, so a file manager never moves a file out of the library.
        return Qt.DropAction.CopyAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    # -- rows ---------------------------------------------------------------------

    def cell(self, position: int) -> tuple[GalleryRow | None, QPixmap | None]:
        """Row and thumbnail for the delegate in one call (paint is the hot path)."""
        if not 0 <= position < len(self._rows):
            return None, None
        row = self._rows[position]
        return row, self.thumbnail(row)

    def row_at(self, position: int) -> GalleryRow | None:
        return self._rows[position] if 0 <= position < len(self._rows) else None

    def rows_for(self, indexes: Iterable[Index]) -> list[GalleryRow]:
        """Rows of `indexes` in gallery order, each once."""
        positions = sorted({i.row() for i in indexes if i.isValid()})
        return [self._rows[p] for p in positions if p < len(self._rows)]

    def position(self, image_id: int) -> int | None:
        return self._position_map().get(image_id)

    def index_of(self, image_id: int) -> QModelIndex:
        position = self.position(image_id)
        return QModelIndex() if position is None else self.index(position)

    def neighbour(self, image_id: int, step: int) -> int | None:
        """The id `step` places after `image_id` in gallery order, loading pages as needed."""
        position = self.position(image_id)
        if position is None:
            return None
        target = position + step
        while target >= len(self._rows) and self._cursor is not None:
            self.fetchMore(QModelIndex())
        row = self.row_at(target) if target >= 0 else None
        return None if row is None else row.id

    def _position_map(self) -> dict[int, int]:
        if self._positions is None:
            self._positions = {row.id: i for i, row in enumerate(self._rows)}
        return self._positions

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
        positions = self._position_map()
        roles = [Qt.ItemDataRole.DecorationRole]
        for image_id in ids:
            position = positions.get(image_id)
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

    def merge_top(self) -> int:
        """Re-read the first page and insert rows not shown yet; returns how many.

        Existing rows, selection and scroll position stay (inserts, not a reset).
        Rows that sort after the last loaded row are left for fetchMore.
        """
        try:
            page = self._library.page(self._query, self._page_size)
        except (LibraryError, QueryError) as exc:
            log.warning("could not refresh the gallery: %s", exc)
            return 0
        positions = self._position_map()
        if self._rows and not any(r.id in positions for r in page.rows):
            # A whole page of new images: nothing to anchor them to, start over.
            self.set_query(self._query)
            self.rows_merged.emit(len(page.rows))
            return len(page.rows)
        groups: list[tuple[int, list[GalleryRow]]] = []
        pending: list[GalleryRow] = []
        anchor = 0  # where the next unknown rows go: after the last known row seen
        for row in page.rows:
            known = positions.get(row.id)
            if known is None:
                pending.append(row)
                continue
            if pending:
                groups.append((anchor, pending))
                pending = []
            anchor = known + 1
        if pending and (anchor < len(self._rows) or self._cursor is None):
            groups.append((anchor, pending))
        if not self._rows and page.next is not None:
            self._cursor = page.next
        inserted = 0
        for at, rows in reversed(groups):  # from the bottom, so earlier positions hold
            self.beginInsertRows(QModelIndex(), at, at + len(rows) - 1)
            self._rows[at:at] = rows
            self._positions = None
            self.endInsertRows()
            inserted += len(rows)
        if inserted:
            self.rows_merged.emit(inserted)
        return inserted

    def remove_ids(self, ids: Iterable[int]) -> None:
        positions = self._position_map()
        doomed = sorted((positions[i] for i in set(ids) if i in positions), reverse=True)
        # Contiguous runs from the bottom up: one remove per run, positions stay valid.
        while doomed:
            last = first = doomed.pop(0)
            while doomed and doomed[0] == first - 1:
                first = doomed.pop(0)
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._rows[first : last + 1]
            self._positions = None
            self.endRemoveRows()

    def refresh_rows(self, ids: Iterable[int]) -> None:
        """Re-read rows whose favourite, rating or tags changed; they stay where they are."""
        positions = self._position_map()
        wanted = sorted({i for i in ids if i in positions})
        if not wanted:
            return
        scope = "is:trash " if self._trash else ""
        try:
            page = self._library.page(f"{scope}id:{','.join(map(str, wanted))}", limit=len(wanted))
        except (LibraryError, QueryError) as exc:
            log.warning("could not refresh gallery rows: %s", exc)
            return
        for row in page.rows:
            position = positions.get(row.id)
            if position is not None:
                self._rows[position] = row
                index = self.index(position)
                self.dataChanged.emit(index, index)
