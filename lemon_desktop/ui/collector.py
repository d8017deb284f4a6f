"""Python's cycle collector, run on the GUI thread only.

Left automatic, a collection runs on whichever thread happens to allocate when a
threshold is crossed: often a pool worker decoding a thumbnail or reading SQLite. A Qt
object in a collected cycle is then destroyed on that worker; its timers cannot be
stopped from there, stay registered with the GUI thread's event dispatcher and crash it
when they next fire (a segfault in `QTimerInfoList::activateTimers`, seen in the window
tests). So while the window's loop runs, automatic collection is off and a timer on the
GUI thread collects when the counts say a collection is due, as the automatic collector
would have.

Start-up holds collections off altogether (`hold`, `release`): it mostly imports modules
and builds widgets, which leave next to no cycles.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

# Often enough that garbage stays small, rarely enough to cost nothing when idle.
CHECK_INTERVAL_MS = 100

_held = False


def hold() -> None:
    """No collections at all until `release()` (usable before the QApplication exists)."""
    global _held
    _held = True
    gc.disable()


def release() -> None:
    global _held
    _held = False
    if _collector is None:
        gc.enable()  # no GUI-thread collector to take over


def held() -> bool:
    return _held


def collect_if_due() -> int:
    """What the automatic collector would do now: once the youngest generation passed
    its threshold, collect the oldest generation that passed its own. Returns the
    generation collected, or -1."""
    if _held:
        return -1
    counts, thresholds = gc.get_count(), gc.get_threshold()
    if not thresholds[0] or counts[0] <= thresholds[0]:
        return -1
    generation = max(g for g in range(3) if counts[g] > thresholds[g])
    gc.collect(generation)
    return generation


class _Collector(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(collect_if_due)


_collector: _Collector | None = None


def install() -> None:
    """Collect on the GUI thread from now on; call on the GUI thread, with a
    QApplication. Calling again changes nothing."""
    global _collector
    if _collector is None:
        _collector = _Collector()
        _collector.timer.start()
    gc.disable()


def uninstall() -> None:
    """Back to automatic collection (a test's loop is closing)."""
    global _collector
    if _collector is not None:
        _collector.timer.stop()
        _collector.deleteLater()
        _collector = None
    if not _held:
        gc.enable()
