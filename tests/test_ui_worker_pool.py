"""The window has one pool of worker threads: asyncio's default executor is Qt's pool."""

from __future__ import annotations

import asyncio
import threading
import time

from PySide6.QtCore import QThread, QThreadPool
from PySide6.QtWidgets import QApplication

from lemon_desktop.app import MIN_WORKER_THREADS, qt_event_loop


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
