"""Fixtures for the window tests: a qasync loop per test, and a window on it.

Tests are plain functions that run one scenario coroutine with
`qloop.run_until_complete(...)`; inside it, wait with `until()` (never the blocking
qtbot.waitUntil/waitSignal, which would re-enter the loop inside a coroutine).
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from lemon_desktop.app import create_window, make_application, qt_event_loop
from lemon_desktop.ui import collector
from lemon_desktop.ui.main_window import MainWindow
from tests.ui_helpers import Loop


@pytest.fixture
def qloop(qapp: QApplication) -> Iterator[Loop]:
    make_application()
    loop = qt_event_loop(qapp)()
    asyncio.set_event_loop(loop)
    try:
        yield Loop(loop)
    finally:
        loop.close()
        asyncio.set_event_loop(None)
        collector.uninstall()  # other tests in this process collect as usual


@pytest.fixture
def make_window(home: Path, qloop: Loop) -> Iterator[Callable[..., MainWindow]]:
    windows: list[MainWindow] = []

    def make(base_url: str | None = None) -> MainWindow:
        window = create_window(home, base_url)
        window.show()
        windows.append(window)
        qloop.watched.append(window)
        return window

    yield make
    qloop.watched.clear()
    for window in windows:
        window.close()
        qloop.run(window.aclose(), timeout=30)
        window.deleteLater()
    # Deferred deletes run now, while this test's loop and library still exist.
    qloop.run(asyncio.sleep(0.05))
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    windows.clear()
    # Collect the windows' reference cycles here, on the GUI thread: a later collection
    # could run on a worker thread and destroy Qt objects there.
    gc.collect()


@pytest.fixture
def window(make_window: Callable[..., MainWindow]) -> MainWindow:
    return make_window()
