"""A bounded window of gallery rows: pages of one query loaded on demand by position.

The model's row count is the query's total, but only the pages the view
actually paints (plus page 0, pinned, which live updates diff against) are
held, in an LRU of at most `max_pages` pages, so memory does not grow with
the library. Each load remembers the keyset cursor at its end; a later page
starts from the nearest cursor before it plus a small OFFSET, so scrolling
costs a keyset seek per page and only a far jump (the scroll bar dragged to
the end) pays for a long OFFSET once.

Nothing here reads SQLite on the calling thread: `row()` only reads memory, and
`reader()` / `scanner()` hand out blocking reads for a worker, whose results
`store()` takes back on the GUI thread.
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from collections.abc import Callable

from lemon_desktop.library import Cursor, GalleryRow, Library, Page

# Pages a scan found, by number, and the position of the row it looked for (or None).
Scan = tuple[dict[int, Page], int | None]


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

    @property
    def query(self) -> str:
        return self._query

    def row(self, position: int) -> GalleryRow | None:
        """The row at `position` if its page is in memory; never reads the library."""
        if position < 0:
            return None
        number, at = divmod(position, self.page_size)
        rows = self._pages.get(number)
        return rows[at] if rows is not None and at < len(rows) else None

    def reader(self, number: int) -> Callable[[], Page]:
        """The blocking read of page `number`, seeking from the nearest cursor known now."""
        start = number * self.page_size
        i = bisect.bisect_right(self._cursor_at, start - 1) - 1
        after = self._cursors[self._cursor_at[i]] if i >= 0 else None
        skip = start - 1 - self._cursor_at[i] if i >= 0 else start
        library, query, size = self._library, self._query, self.page_size
        return lambda: library.page(query, size, after=after, offset=skip)

    def pages_reader(self, numbers: list[int]) -> Callable[[], dict[int, Page]]:
        """The blocking read of several pages; a page right after one just read follows
        its cursor, the others seek from the cursors known now."""
        readers = {n: self.reader(n) for n in numbers}
        library, query, size = self._library, self._query, self.page_size

        def read() -> dict[int, Page]:
            found: dict[int, Page] = {}
            for number in sorted(readers):
                before = found.get(number - 1)
                if before is not None and before.next is None:
                    found[number] = Page([], None)
                elif before is not None:
                    found[number] = library.page(query, size, after=before.next)
                else:
                    found[number] = readers[number]()
            return found

        return read

    def scanner(self, image_id: int, max_pages: int) -> Callable[[], Scan]:
        """The blocking search for `image_id` from the top, at most `max_pages` pages."""
        library, query, size = self._library, self._query, self.page_size

        def scan() -> Scan:
            found: dict[int, Page] = {}
            after: Cursor | None = None
            for number in range(max_pages):
                page = library.page(query, size, after=after)
                found[number] = page
                for at, row in enumerate(page.rows):
                    if row.id == image_id:
                        return found, number * size + at
                if page.next is None:
                    break
                after = page.next
            return found, None

        return scan

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

    def clear_below_top(self, gone: set[int]) -> None:
        """Forget every page but the first, and the rows `gone` from it (rows were
        removed): what is left of page 0 is still the query's first rows, in order, so
        a merge can diff against it; its cursor no longer follows its last row."""
        top = [row for row in self._pages.get(0, []) if row.id not in gone]
        had_top = 0 in self._pages
        self.clear()
        if had_top:
            self._store(0, top, None)

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
