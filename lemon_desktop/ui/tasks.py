"""The window's one way to do background work, and coroutines that are never lost.

Blocking work (SQLite, files, decodes, the keyring over D-Bus) runs on Qt's global
thread pool through `submit()`, and nothing else starts threads: asyncio's default
executor is `PoolExecutor`, so `asyncio.to_thread` in the Qt-free core lands on the same
pool (the composition root sets it; qasync would otherwise start ten QThreads of its
own). The GUI thread
hears back in one of two spellings of the same thing: a coroutine awaits
`in_thread(fn)`; a widget that must work without a running asyncio loop (the
gallery, the viewer and the import, which tests and the scroll bench drive from
plain Qt event processing) passes callbacks to `run_in_thread()`, which a queued
signal delivers on the GUI thread. Either way, waiting on the global pool
(`QThreadPool.globalInstance().waitForDone()`) waits for all of it.

asyncio keeps only weak references to tasks, so a fire-and-forget task started from a
slot can be garbage-collected mid-flight; every task here is held until it finishes.
Expected failures (LemonError and friends) go to a handler that shows `user_message`;
anything else is a bug and goes to sys.excepthook, which logs it and shows a dialog.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import sys
from collections.abc import Callable, Coroutine
from concurrent.futures import Executor, Future
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot

log = logging.getLogger(__name__)
T = TypeVar("T")


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], future: Future[Any]) -> None:
        super().__init__()
        self._fn = fn
        self._future = future

    def run(self) -> None:
        if not self._future.set_running_or_notify_cancel():
            return  # cancelled while it waited for a thread
        try:
            result = self._fn()
        except BaseException as exc:  # handed to whoever waits on the future
            self._future.set_exception(exc)
        else:
            self._future.set_result(result)


def submit(fn: Callable[[], T], pool: QThreadPool | None = None) -> Future[T]:
    """Run `fn()` on the thread pool (the global one by default)."""
    future: Future[T] = Future()
    (pool or QThreadPool.globalInstance()).start(_Job(fn, future))
    return future


_LONG_WORK: QThreadPool | None = None


def long_work_pool() -> QThreadPool:
    """One thread for work that runs for minutes (folder imports), queued one after
    another: on the global pool, a few of them would take every thread and leave the
    gallery's page reads, the keyring and downloads waiting."""
    global _LONG_WORK
    if _LONG_WORK is None:
        _LONG_WORK = QThreadPool()
        _LONG_WORK.setMaxThreadCount(1)
    return _LONG_WORK


class PoolExecutor(Executor):
    """asyncio's default executor for the window's loop: the global pool, through `submit`."""

    # How long closing the loop waits for work still running (the window's own close
    # already waited for it); a stuck D-Bus call must not keep the process alive.
    SHUTDOWN_WAIT_MS = 5000

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        return submit(functools.partial(fn, *args, **kwargs))

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if wait:
            QThreadPool.globalInstance().waitForDone(self.SHUTDOWN_WAIT_MS)


async def pool_finished(pool: QThreadPool | None = None, timeout: float = 5.0) -> bool:
    """Wait, without blocking the loop, until `pool` (the global one by default) has no
    work left; False when `timeout` seconds came first.

    Polled from the loop rather than `waitForDone` in a worker: `asyncio.to_thread` runs
    on the global pool itself, so a worker waiting for that pool waits for itself."""
    pool = pool or QThreadPool.globalInstance()
    deadline = asyncio.get_running_loop().time() + timeout
    while not pool.waitForDone(0):
        if asyncio.get_running_loop().time() >= deadline:
            return False
        await asyncio.sleep(0.01)
    return True


async def in_thread(fn: Callable[[], T]) -> T:
    """Await `fn()` run on the thread pool; cancelling the caller drops it if not started."""
    return await asyncio.wrap_future(submit(fn))


class _Relay(QObject):
    """Carries one finished Future from the worker to the GUI thread.

    It holds its callbacks, and its slot is its own method, so no reference cycle
    runs through it: a cycle would leave it to Python's cycle collector, which may run
    on a worker thread and destroy a Qt object there.
    """

    settled = Signal(object)  # the finished Future, emitted from the worker thread

    def __init__(
        self,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[Exception], None] | None,
        owner: QObject | None,
    ) -> None:
        super().__init__()
        self._on_done = on_done
        self._on_error = on_error
        self._owner = owner
        self.settled.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def emit_settled(self, future: Future[Any]) -> None:
        with contextlib.suppress(RuntimeError):  # the application is shutting down
            self.settled.emit(future)

    @Slot(object)
    def _deliver(self, future: Future[Any]) -> None:
        _LIVE.discard(self)
        self.deleteLater()  # hands the object to Qt, which deletes it on this thread
        owner = self._owner
        if owner is not None and not shiboken6.isValid(owner):
            return
        error = future.exception()
        if error is None:
            if self._on_done is not None:
                self._on_done(future.result())
        elif self._on_error is not None and isinstance(error, Exception):
            self._on_error(error)
        else:
            log.error("background work failed: %s", error, exc_info=error)


# Relays waiting for their job; kept here so Python does not collect them mid-flight.
_LIVE: set[_Relay] = set()


def run_in_thread(
    fn: Callable[[], T],
    on_done: Callable[[T], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    *,
    owner: QObject | None = None,
    pool: QThreadPool | None = None,
) -> Future[T]:
    """`submit(fn)`, then call `on_done(result)` or `on_error(exc)` on the GUI thread.

    Call from the GUI thread. When `owner` was destroyed meanwhile, neither is called:
    a closed widget is never called back.
    """
    relay = _Relay(on_done, on_error, owner)
    _LIVE.add(relay)
    future = submit(fn, pool)
    future.add_done_callback(relay.emit_settled)
    return future


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


def report_failure(error: Exception, show: Callable[[str], None]) -> None:
    """A failed background read or write: an expected one is shown as its sentence, a
    bug goes to sys.excepthook (logged, with a dialog) rather than into a status line."""
    if expected(error):
        show(user_message(error))
    else:
        sys.excepthook(type(error), error, error.__traceback__)


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
        self._closed = False

    def poke(self) -> None:
        if not self._closed:
            self._timer.start()

    @property
    def pending(self) -> bool:
        """A call is due: its work has not started yet."""
        return self._timer.isActive()

    def flush(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self._timer.timeout.emit()

    def close(self) -> None:
        """Run a due call now, then take no more: a closing window does no debounced
        work after its event loop has gone."""
        self.flush()
        self._closed = True
