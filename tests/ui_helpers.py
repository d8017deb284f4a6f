"""Helpers for window tests that run a scenario coroutine on a qasync loop."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, Protocol

import qasync

if TYPE_CHECKING:
    from lemon_desktop.sandbox import SandboxServer
    from lemon_desktop.ui.main_window import MainWindow


class HasTasks(Protocol):
    def pending_tasks(self) -> int: ...


class Loop:
    """Runs scenarios; afterwards waits until the watched windows have no task in
    flight, because between scenarios the loop is not running and a task stepped by a
    stray Qt event would find no running loop."""

    def __init__(self, loop: qasync.QEventLoop) -> None:
        self.loop = loop
        self.watched: list[HasTasks] = []

    def run(self, coro: Coroutine[Any, Any, Any], timeout: float = 60.0) -> Any:
        async def scenario() -> Any:
            result = await coro
            await until(
                lambda: all(w.pending_tasks() == 0 for w in self.watched),
                timeout=20,
                message="background tasks to finish",
            )
            return result

        return self.loop.run_until_complete(asyncio.wait_for(scenario(), timeout))


async def until(
    predicate: Callable[[], object], timeout: float = 15.0, message: str = "condition"
) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {message}")
        await asyncio.sleep(0.02)


async def connect(window: MainWindow, sandbox: SandboxServer) -> None:
    """Start `window` against the test's sandbox with its key and wait for the connection."""
    await window.start(base_url=sandbox.base_url, api_key=sandbox.api_key)
    await until(lambda: window.services.connected, message="connection")
