"""Python's cycle collector runs on the GUI thread only while the window's loop runs:
a Qt object in a cycle must never be destroyed on a worker (its timers would stay
registered with the GUI thread and crash it when they fire)."""

from __future__ import annotations

import asyncio
import gc
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from lemon_desktop.app import qt_event_loop
from lemon_desktop.ui import collector


class Cycle:
    """Garbage only the cycle collector frees; says on which thread it was freed."""

    def __init__(self, freed_on: list[str]) -> None:
        self.me = self
        self.freed_on = freed_on

    def __del__(self) -> None:
        self.freed_on.append(threading.current_thread().name)


@pytest.fixture
def window_loop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    loop = qt_event_loop(qapp)()
    try:
        yield loop
    finally:
        loop.close()
        collector.uninstall()


def test_cycles_a_worker_leaves_are_freed_on_the_gui_thread(
    window_loop: asyncio.AbstractEventLoop,
) -> None:
    freed_on: list[str] = []
    kept: list[object] = []

    def worker() -> None:
        Cycle(freed_on)
        # Far past the first threshold: an automatic collector would run here, on the
        # worker (objects that live count; ones freed at once do not).
        kept.append([[] for _ in range(5000)])

    async def scenario() -> None:
        await asyncio.to_thread(worker)
        assert freed_on == []
        for _ in range(100):
            if freed_on:
                return
            await asyncio.sleep(collector.CHECK_INTERVAL_MS / 1000)

    window_loop.run_until_complete(scenario())
    assert freed_on == [threading.main_thread().name]
    assert not gc.isenabled()


def test_automatic_collection_comes_back_when_the_loop_is_gone(qapp: QApplication) -> None:
    loop = qt_event_loop(qapp)()
    assert not gc.isenabled()
    loop.close()
    collector.uninstall()
    assert gc.isenabled()


def test_held_start_up_collects_nothing_until_released(
    window_loop: asyncio.AbstractEventLoop,
) -> None:
    collector.hold()
    try:
        kept = [[] for _ in range(5000)]
        assert collector.collect_if_due() == -1
    finally:
        collector.release()
    assert collector.collect_if_due() >= 0
    assert kept
