"""The window has one pool of worker threads: asyncio's default executor is Qt's pool."""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QThread, QThreadPool
from PySide6.QtWidgets import QApplication

from lemon_desktop.app import MIN_WORKER_THREADS, qt_event_loop
from lemon_desktop.library import LibraryError
from lemon_desktop.ui.tasks import pool_finished, report_failure
from lemon_desktop.ui.thumbnail_loader import ThumbnailCache, ThumbnailLoader


def _thread_name() -> str:
    return QThread.currentThread().objectName()


def test_the_cores_to_thread_runs_on_the_windows_pool(qapp: QApplication) -> None:
    loop = qt_event_loop(qapp)()
    try:

        async def both() -> tuple[str, str]:
            core_side = await asyncio.to_thread(_thread_name)
            executor_side = await asyncio.get_running_loop().run_in_executor(None, _thread_name)
            return core_side, executor_side

        names = loop.run_until_complete(both())
    finally:
        loop.close()
    # Qt names its pool's threads so; qasync's own executor would have started QThreads
    # of its own (unnamed) instead.
    assert names == ("Thread (pooled)", "Thread (pooled)")
    assert QThreadPool.globalInstance().maxThreadCount() >= MIN_WORKER_THREADS


def test_closing_the_loop_waits_for_work_still_running(qapp: QApplication) -> None:
    loop = qt_event_loop(qapp)()
    finished = threading.Event()

    def slow() -> None:
        time.sleep(0.2)
        finished.set()

    async def start_and_leave() -> None:
        asyncio.get_running_loop().run_in_executor(None, slow)
        await asyncio.sleep(0.01)

    loop.run_until_complete(start_and_leave())
    loop.close()
    assert finished.is_set()


def test_waiting_for_the_pool_from_the_loop_sees_it_finish(qapp: QApplication) -> None:
    # A worker waiting for the global pool would wait for itself (the close of every
    # window took the whole timeout); the loop polls instead.
    loop = qt_event_loop(qapp)()
    release = threading.Event()

    async def scenario() -> tuple[bool, bool]:
        running = asyncio.get_running_loop().run_in_executor(None, release.wait, 10)
        busy = await pool_finished(timeout=0.1)
        release.set()
        await running
        return busy, await pool_finished(timeout=5)

    try:
        busy, idle = loop.run_until_complete(scenario())
    finally:
        loop.close()
    assert (busy, idle) == (False, True)


def test_thumbnail_decoding_keeps_a_core_for_the_gui_thread(
    qapp: QApplication, tmp_path: Path
) -> None:
    qt_event_loop(qapp)  # raises the global pool for waiting work, as the app does
    loader = ThumbnailLoader(ThumbnailCache(tmp_path / "thumbs"))
    assert loader.pool.maxThreadCount() == max(1, QThread.idealThreadCount() - 1)


def test_a_failure_a_person_can_act_on_is_shown_and_a_bug_is_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[str] = []
    hooked: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _t, error, _tb: hooked.append(error))
    report_failure(LibraryError("The library folder is gone: choose it again."), shown.append)
    bug = KeyError("row")
    report_failure(bug, shown.append)
    assert shown == ["The library folder is gone: choose it again."]
    assert hooked == [bug]
