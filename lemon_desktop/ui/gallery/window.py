"""A bounded window of gallery rows: pages of one query loaded on demand by position.

The model's row count is the query's total, but only the pages the view
actually paints (plus page 0, pinned, which live updates diff against) are
held, in an LRU of at most `max_pages` pages, so memory does not grow with
the library. Each load remembers the keyset cursor at its end; a later page
starts from the nearest cursor before it plus a small OFFSET, so scrolling
costs a keyset seek per page and only a far jump (the scroll bar dragged to
the end) pays for a long OFFSET once.

`row()` only reads memory (painting must never wait on SQLite); `reader()` hands
out the blocking read of one page for a worker, and `store()` takes its result.
"""

from __future__ import annotations

import bisect
import logging
from collections import OrderedDict
from collections.abc import Callable

from lemon_desktop.library import Cursor, GalleryRow, Library, LibraryError, Page, QueryError

log = logging.getLogger(__name__)


class RowWindow:
    def __init__(self, library: Library, query: str, page_size: int, max_pages: int) -> None:
        self._library = library
        self._query = query
        self.page_size = page_size
        self._max_pages = max(2, max_pages)
        self._pages: OrderedDict[int, list[GalleryRow]] = OrderedDict()
        self._ids: dict[int, int] = {}  # image id -> position, loaded rows only
        # Position of the row a cursor follows -> the cursor; kept sorted for bisect.
        self._cursors: dict[int, Cursor] = {}
        self._cursor_at: list[int] = []

    # -- reading ----------------------------------------------------------------------

    def first(self) -> tuple[list[GalleryRow], bool]:
        """Load page 0 (raises QueryError on bad syntax); returns it and whether more follow."""
        page = self._library.page(self._query, self.page_size)
        self._store(0, list(page.rows), page.next)
        return self._pages[0], page.next is not None

    def row(self, position: int) -> GalleryRow | None:
        """The row at `position` if its page is in memory; never reads the library."""
        if position < 0:
            return None
        number, at = divmod(position, self.page_size)
        rows = self._pages.get(number)
        return rows[at] if rows is not None and at < len(rows) else None

    def page(self, number: int) -> list[GalleryRow]:
        """Page `number`, read now if it is not in memory (blocking: a worker's or a lookup's)."""
        rows = self._pages.get(number)
        if rows is not None:
            self._pages.move_to_end(number)
            return rows
        try:
            page = self.reader(number)()
        except (LibraryError, QueryError) as exc:
            log.warning("could not load gallery rows at %d: %s", number * self.page_size, exc)
            return []
        self.store(number, page)
        return self._pages[number]

    def reader(self, number: int) -> Callable[[], Page]:
        """The blocking read of page `number`, seeking from the nearest cursor known now."""
        start = number * self.page_size
        i = bisect.bisect_right(self._cursor_at, start - 1) - 1
        after = self._cursors[self._cursor_at[i]] if i >= 0 else None
        skip = start - 1 - self._cursor_at[i] if i >= 0 else start
        library, query, size = self._library, self._query, self.page_size
        return lambda: library.page(query, size, after=after, offset=skip)

    def store(self, number: int, page: Page) -> None:
        """Keep page `number` as read by `reader(number)`."""
        self._store(number, list(page.rows), page.next)

    def cached(self, number: int) -> list[GalleryRow] | None:
        """Page `number` if it is in memory; never loads or refreshes it."""
        return self._pages.get(number)

    def loaded_position(self, image_id: int) -> int | None:
        return self._ids.get(image_id)

    def replace(self, position: int, row: GalleryRow) -> None:
        number, at = divmod(position, self.page_size)
        rows = self._pages.get(number)
        if rows is not None and at < len(rows):
            rows[at] = row

    def __len__(self) -> int:
        """Pages held (tests and the bench)."""
        return len(self._pages)

    # -- bookkeeping ---------------------------------------------------------------------

    def clear(self) -> None:
        """Forget every page and cursor: positions moved after rows came or went."""
        self._pages.clear()
        self._ids.clear()
        self._cursors.clear()
        self._cursor_at.clear()

    def _store(self, number: int, rows: list[GalleryRow], after: object) -> None:
        start = number * self.page_size
        self._pages[number] = rows
        self._pages.move_to_end(number)
        for offset, row in enumerate(rows):
            self._ids[row.id] = start + offset
        if isinstance(after, Cursor) and rows:
            last = start + len(rows) - 1
            if last not in self._cursors:
                bisect.insort(self._cursor_at, last)
            self._cursors[last] = after
        while len(self._pages) > self._max_pages:
            self._evict()

    def _evict(self) -> None:
        for number in self._pages:
            if number != 0:  # page 0 stays: merging new images diffs against it
                break
        else:
            return
        rows = self._pages.pop(number)
        start = number * self.page_size
        for offset, row in enumerate(rows):
            if self._ids.get(row.id) == start + offset:
                del self._ids[row.id]
