"""Running blocking library calls (file moves, imports, decodes) off the GUI thread.

The library is thread-safe; only its results must come back to the GUI thread,
which a queued signal on a relay object created here (on the GUI thread) does.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

log = logging.getLogger(__name__)

# Relays waiting for their task; kept here so Python does not collect them mid-flight.
_LIVE: set[_Relay] = set()


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # handed to the GUI thread, which words it for the user
            with contextlib.suppress(RuntimeError):
                self._relay.failed.emit(exc)
            return
        with contextlib.suppress(RuntimeError):
            self._relay.done.emit(result)


def run_in_thread(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    pool: QThreadPool | None = None,
) -> None:
    """Call `fn()` in `pool` (the global pool by default); callbacks run on the GUI thread.

    Callbacks that are bound methods of a QObject are dropped by Qt if that
    object is destroyed first, so a closed widget is never called back.
    """
    relay = _Relay()
    _LIVE.add(relay)

    def finish() -> None:
        _LIVE.discard(relay)
        relay.deleteLater()

    queued = Qt.ConnectionType.QueuedConnection
    if on_done is not None:
        relay.done.connect(on_done, queued)
    if on_error is not None:
        relay.failed.connect(on_error, queued)
    else:
        relay.failed.connect(lambda exc: log.error("background task failed: %s", exc), queued)
    relay.done.connect(finish, queued)
    relay.failed.connect(finish, queued)
    (pool or QThreadPool.globalInstance()).start(_Task(fn, relay))
