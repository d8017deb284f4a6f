"""A library made by an older version, opened by the real window on X: while its
one-time upgrade runs, the gallery's place says so (not just "Opening the library…"),
and then the gallery shows its images. A current library never says it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest

from lemon_desktop.sandbox import SandboxServer
from lemon_desktop.ui.main_window import MainWindow
from tests.test_library_upgrade import unpack_v5
from tests.ui_helpers import Loop, connect, until

pytest_plugins = ["tests.ui_fixtures"]
pytestmark = pytest.mark.gui

UPGRADING = "Updating the library for this version (once; large libraries take a few minutes)…"
V5_LIVE_IMAGES = 9  # ten images, the last in the trash


def watch_label(window: MainWindow) -> list[tuple[str, str, bool]]:
    """What the gallery's place showed when the upgrade began and when the library
    was open (the window hears each event first: it subscribed when it was built)."""
    seen: list[tuple[str, str, bool]] = []
    label, slot = window.library_waiting, window.gallery_slot

    def note(moment: str) -> Callable[[object], None]:
        return lambda _value: seen.append((moment, label.text(), slot.currentWidget() is label))

    session = window.services.session
    session.library_upgrade_events.subscribe(note("upgrade"))
    session.library_events.subscribe(note("open"))
    return seen


def test_an_older_library_says_it_is_being_updated(
    home: Path, make_window: Callable[..., MainWindow], qloop: Loop, sandbox: SandboxServer
) -> None:
    unpack_v5(home / "library")
    window = make_window()
    seen = watch_label(window)

    async def scenario() -> None:
        assert window.library_waiting.text() == "Opening the library…"
        await connect(window, sandbox)
        await until(lambda: window.gallery is not None, message="the gallery")
        gallery = window.gallery
        assert gallery is not None
        await until(lambda: gallery.model.rowCount() == V5_LIVE_IMAGES, message="the images")
        assert window.gallery_slot.currentWidget() is gallery

    qloop.run(scenario())
    assert seen == [("upgrade", UPGRADING, True), ("open", UPGRADING, True)]
    label = window.library_waiting
    # Whole at the gallery's narrowest (it wraps).
    label.resize(230, 300)
    assert label.heightForWidth(230) <= 300


def test_a_current_library_only_says_opening(
    home: Path, make_window: Callable[..., MainWindow], qloop: Loop, sandbox: SandboxServer
) -> None:
    window = make_window()
    seen = watch_label(window)

    async def scenario() -> None:
        await connect(window, sandbox)
        await until(lambda: window.gallery is not None, message="the gallery")
        await asyncio.sleep(0)

    qloop.run(scenario())
    assert seen == [("open", "Opening the library…", True)]
