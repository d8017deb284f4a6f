"""Running coroutines from Qt code without losing them or their errors.

asyncio keeps only weak references to tasks, so a fire-and-forget task started from a
slot can be garbage-collected mid-flight; every task here is held until it finishes.
Expected failures (LemonError and friends) go to a handler that shows `user_message`;
anything else is a bug and goes to sys.excepthook, which logs it and shows a dialog.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)
T = TypeVar("T")


def expected(error: BaseException) -> bool:
    """A failure a person can act on: shown as its message, never as a traceback."""
    # Imported here: these modules pull in httpx and keyring, which the first paint
    # of the window does not need.
    from ..api.errors import LemonError
    from ..keys import KeyStoreError
    from ..library.errors import LibraryError

    return isinstance(error, LemonError | LibraryError | KeyStoreError | OSError)


def user_message(error: BaseException) -> str:
    message = getattr(error, "user_message", None)
    if isinstance(message, str) and message:
        return message
    return str(error) or type(error).__name__


class TaskRunner:
    """Owns the tasks a window starts; cancels them on close."""

    def __init__(self, on_error: Callable[[str], None] | None = None) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self.on_error = on_error

    def spawn(self, coro: Coroutine[Any, Any, T], *, name: str | None = None) -> asyncio.Task[T]:
        task = asyncio.ensure_future(coro)
        if name:
            task.set_name(name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        error = task.exception()
        if error is None:
            return
        if self.on_error is not None and expected(error):
            log.info("task %s failed: %s", task.get_name(), error)
            self.on_error(user_message(error))
            return
        sys.excepthook(type(error), error, error.__traceback__)

    @property
    def pending(self) -> int:
        return len(self._tasks)

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    async def aclose(self) -> None:
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(BaseException):
                await task


class Debouncer(QObject):
    """Calls `action` once, `delay_ms` after the last `poke()` (cost estimates, saves)."""

    def __init__(self, delay_ms: int, action: Callable[[], None], parent: QObject | None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(action)

    def poke(self) -> None:
        self._timer.start()

    def flush(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self._timer.timeout.emit()
