"""Undo and redo for favourites and ratings, shared by the gallery, the viewer and the
window's Edit menu: a stray "3" typed at the grid must never cost a five-star rating.

Each change is a QUndoCommand. Its writes (and the read of the values it replaces) run
off the GUI thread one after another, in the order they were asked for: an undo
pressed before its change reached the database still runs after it, and restores
exactly what each image had before (images rated differently each get theirs back).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from .tasks import run_in_thread

if TYPE_CHECKING:
    from ..library import Library

Column = Literal["favourite", "rating"]


def _values(library: Library, ids: Sequence[int], column: Column) -> dict[int, int]:
    """The column's current value for each of `ids` (blocking: call in a worker)."""
    found: dict[int, int] = {}
    with library.database.read("read the marks to undo") as conn:
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = conn.execute(f"SELECT id, {column} FROM images WHERE id IN ({marks})", chunk)
            found.update((int(i), int(v or 0)) for i, v in rows)
    return found


def _write(library: Library, column: Column, ids: Sequence[int], value: int) -> None:
    if column == "favourite":
        library.set_favourite(ids, bool(value))
    else:
        library.set_rating(ids, value)


class _SerialWriter(QObject):
    """Runs blocking writes on the window's thread pool strictly one after another."""

    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._waiting: deque[Callable[[], object]] = deque()
        self._busy = False

    @property
    def idle(self) -> bool:
        return not self._busy and not self._waiting

    def run(self, work: Callable[[], object]) -> None:
        self._waiting.append(work)
        self._next()

    def _next(self) -> None:
        if self._busy or not self._waiting:
            return
        self._busy = True
        run_in_thread(self._waiting.popleft(), self._done, self._failed, owner=self)

    def _done(self, _result: object) -> None:
        self._busy = False
        self._next()

    def _failed(self, error: Exception) -> None:
        self.failed.emit(str(error))
        self._done(None)


class MarkChange(QUndoCommand):
    """Set `column` to `value` on `ids`; undo gives every image its own old value back."""

    def __init__(
        self,
        writer: _SerialWriter,
        library: Library,
        column: Column,
        ids: Sequence[int],
        value: int,
        text: str,
    ) -> None:
        super().__init__(text)
        self._writer = writer
        self._library = library
        self._column: Column = column
        self._ids = sorted(set(ids))
        self._value = value
        self._before: dict[int, int] | None = None  # read in the worker, before the write

    def redo(self) -> None:
        library, column, ids, value = self._library, self._column, self._ids, self._value

        def apply() -> None:
            if self._before is None:
                self._before = _values(library, ids, column)
            _write(library, column, ids, value)

        self._writer.run(apply)

    def undo(self) -> None:
        library, column = self._library, self._column

        def restore() -> None:
            groups: dict[int, list[int]] = {}
            for image_id, old in (self._before or {}).items():
                groups.setdefault(old, []).append(image_id)
            for old, ids in sorted(groups.items()):
                _write(library, column, ids, old)

        self._writer.run(restore)


def _images(n: int, one: str, many: str) -> str:
    return one if n == 1 else many.replace("%n", str(n))


class MarkHistory(QObject):
    """The undo stack of favourites and ratings; `changed` whenever what undo or redo
    would do changes (the Edit menu's texts follow it)."""

    changed = Signal(int)  # the stack's new index
    failed = Signal(str)  # a write failed (the library's message)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = QUndoStack(self)
        self.stack.setUndoLimit(200)
        self._writer = _SerialWriter(self)
        self._writer.failed.connect(self.failed)
        # Signal to signal (no Python slot): the stack emits while it is being destroyed.
        self.stack.indexChanged.connect(self.changed)

    @property
    def idle(self) -> bool:
        """No write is running or waiting (tests wait for it)."""
        return self._writer.idle

    def rate(self, library: Library, ids: Sequence[int], stars: int) -> str:
        """Rate `ids` (0 clears); returns the status text that says how to undo it."""
        n = len(set(ids))
        what = _images(
            n,
            QCoreApplication.translate("MarkHistory", "rating (1 image)"),
            QCoreApplication.translate("MarkHistory", "rating (%n images)", None, n),
        )
        self.stack.push(MarkChange(self._writer, library, "rating", ids, stars, what))
        if stars == 0:
            done = _images(
                n,
                QCoreApplication.translate("MarkHistory", "Rating cleared on 1 image."),
                QCoreApplication.translate("MarkHistory", "Rating cleared on %n images.", None, n),
            )
        else:
            done = _images(
                n,
                QCoreApplication.translate("MarkHistory", "Rated 1 image %1."),
                QCoreApplication.translate("MarkHistory", "Rated %n images %1.", None, n),
            ).replace("%1", "★" * stars)
        return done + " " + self._undo_hint()

    def set_favourite(self, library: Library, ids: Sequence[int], value: bool) -> str:
        n = len(set(ids))
        if value:
            what = _images(
                n,
                QCoreApplication.translate("MarkHistory", "favourite (1 image)"),
                QCoreApplication.translate("MarkHistory", "favourite (%n images)", None, n),
            )
            done = _images(
                n,
                QCoreApplication.translate("MarkHistory", "1 image marked as favourite."),
                QCoreApplication.translate(
                    "MarkHistory", "%n images marked as favourites.", None, n
                ),
            )
        else:
            what = _images(
                n,
                QCoreApplication.translate("MarkHistory", "unfavourite (1 image)"),
                QCoreApplication.translate("MarkHistory", "unfavourite (%n images)", None, n),
            )
            done = _images(
                n,
                QCoreApplication.translate("MarkHistory", "1 image no longer a favourite."),
                QCoreApplication.translate(
                    "MarkHistory", "%n images no longer favourites.", None, n
                ),
            )
        self.stack.push(MarkChange(self._writer, library, "favourite", ids, int(value), what))
        return done + " " + self._undo_hint()

    @staticmethod
    def _undo_hint() -> str:
        return QCoreApplication.translate("MarkHistory", "Ctrl+Z undoes it.")

    # -- what the Edit menu and the keys drive ------------------------------------------

    def undo(self) -> str | None:
        """Undo the last change; returns what was undone ("Undid rating (3 images)")."""
        if not self.stack.canUndo():
            return None
        text = self.stack.undoText()
        self.stack.undo()
        return QCoreApplication.translate("MarkHistory", "Undid %1.").replace("%1", text)

    def redo(self) -> str | None:
        if not self.stack.canRedo():
            return None
        text = self.stack.redoText()
        self.stack.redo()
        return QCoreApplication.translate("MarkHistory", "Redid %1.").replace("%1", text)

    def undo_label(self) -> str:
        """ "Undo rating (3 images)", or plain "Undo" when there is nothing to undo."""
        if not self.stack.canUndo():
            return QCoreApplication.translate("MarkHistory", "Undo")
        return QCoreApplication.translate("MarkHistory", "Undo %1").replace(
            "%1", self.stack.undoText()
        )

    def redo_label(self) -> str:
        if not self.stack.canRedo():
            return QCoreApplication.translate("MarkHistory", "Redo")
        return QCoreApplication.translate("MarkHistory", "Redo %1").replace(
            "%1", self.stack.redoText()
        )
