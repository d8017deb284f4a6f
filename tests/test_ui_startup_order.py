"""Start-up order: the user's images come first. The gallery takes its place and paints
its first page with every thumbnail in view before the panels (generate, queue, first
run), the stage and the gateway's connection are made; once start() has returned the
window is whole, as before. A real library on disk, a real window on the X server."""

from __future__ import annotations

import asyncio
import importlib.util
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QEvent, QObject

from lemon_desktop.app import _main, hold_collections
from lemon_desktop.library import Library
from lemon_desktop.sandbox import SandboxServer
from lemon_desktop.ui import collector, main_window
from lemon_desktop.ui.first_page import first_page_shown
from lemon_desktop.ui.gallery.panel import GalleryPanel
from lemon_desktop.ui.later_modules import LATER_MODULES
from lemon_desktop.ui.main_window import MainWindow
from tests.ui_helpers import Loop

pytest_plugins = ["tests.ui_fixtures"]
pytestmark = pytest.mark.gui


def png(colour: tuple[int, int, int], size: tuple[int, int] = (96, 64)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def fill_library(home: Path, count: int) -> None:
    library = Library.open(home / "library")
    try:
        for i in range(count):
            library.add_bytes(png((40 * i % 256, 90, 160)))
    finally:
        library.close()


class StartWatch(QObject):
    """What the window had made when the gallery took its slot, and what the gallery had
    painted when the panels were made."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window = window
        self.panels_at_gallery: bool | None = None
        self.events: list[str] = []  # "paint", "thumbnail" and "panels", in order
        self.in_view_at_panels: list[bool] = []  # a thumbnail for each row in view?
        window.gallery_slot.currentChanged.connect(self._gallery_shown)
        build = window._build_panels

        def build_panels() -> None:
            if not window.has_panels:
                self.events.append("panels")
                self.in_view_at_panels = self._thumbnails_in_view()
            build()

        window._build_panels = build_panels  # type: ignore[method-assign]

    def _gallery_shown(self, _index: int) -> None:
        # Before the gallery's first paint: it takes its slot as soon as it is made.
        self.panels_at_gallery = self.window.has_panels
        gallery, thumbnails = self.gallery(), self.window.services.thumbnails
        assert thumbnails is not None
        gallery.view.viewport().installEventFilter(self)
        thumbnails.ready.connect(lambda *_: self.events.append("thumbnail"))

    def gallery(self) -> GalleryPanel:
        gallery = self.window.gallery_slot.currentWidget()
        assert isinstance(gallery, GalleryPanel)
        return gallery

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.events.append("paint")
        return False

    def _thumbnails_in_view(self) -> list[bool]:
        view, model = self.gallery().view, self.gallery().model
        shown = view.viewport().rect()
        rows = [
            i for i in range(model.rowCount()) if view.visualRect(model.index(i)).intersects(shown)
        ]
        return [
            (row := model.loaded_row(i)) is not None and model.cached_thumbnail(row) is not None
            for i in rows
        ]


def test_the_gallery_paints_its_first_page_before_the_panels_are_made(
    make_window: Callable[..., MainWindow], qloop: Loop, home: Path, sandbox: SandboxServer
) -> None:
    fill_library(home, 5)
    window = make_window(sandbox.base_url)
    watch = StartWatch(window)
    qloop.run(window.start(sandbox=True))
    assert watch.panels_at_gallery is False
    # When the panels were made, every row in view had its thumbnail, and the grid had
    # painted since the last one arrived.
    assert watch.in_view_at_panels and all(watch.in_view_at_panels)
    before = watch.events[: watch.events.index("panels")]
    assert "thumbnail" in before
    last_thumbnail = len(before) - 1 - before[::-1].index("thumbnail")
    assert "paint" in before[last_thumbnail:]
    gallery = window.gallery
    assert gallery is not None and gallery.model.rowCount() == 5
    # Once started the window is whole: the panels, the stage beside the gallery, and
    # the gallery's image actions and compare boards wired as before.
    assert window.has_panels
    assert window.stage is not None
    assert gallery.image_actions is window.image_actions
    assert window.jobs.boards.gallery is gallery
    assert window.services.connected and window.services.in_sandbox


def test_an_empty_library_does_not_hold_the_panels_back(
    make_window: Callable[..., MainWindow], qloop: Loop, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Were start() to wait for a first page that is never coming, it would wait this
    # long and the run below would time out: no clock is read on a busy machine.
    monkeypatch.setattr(main_window, "GALLERY_FIRST_SECONDS", 600.0)
    window = make_window()
    qloop.run(window.start(), timeout=60)  # no key: the first-run page
    assert window.pages.currentWidget() is window.first_run
    gallery, thumbnails = window.gallery, window.services.thumbnails
    assert gallery is not None and thumbnails is not None

    async def again() -> bool:
        return await first_page_shown(gallery, thumbnails, 600)

    assert qloop.run(again(), timeout=60)


def test_a_hidden_window_does_not_wait_for_a_paint(
    make_window: Callable[..., MainWindow], qloop: Loop, home: Path
) -> None:
    fill_library(home, 3)
    window = make_window()
    window.hide()

    async def scenario() -> bool:
        await window.start()
        gallery, thumbnails = window.gallery, window.services.thumbnails
        assert gallery is not None and thumbnails is not None
        # A paint that never comes would hold this for 600 s and time the run out.
        return await first_page_shown(gallery, thumbnails, 600)

    assert qloop.run(scenario(), timeout=60)


def test_collections_come_back_once_the_panels_are_built(
    make_window: Callable[..., MainWindow], qloop: Loop, home: Path, sandbox: SandboxServer
) -> None:
    # Start-up holds the garbage collector off; it must not stay off while start()
    # still waits on the keyring or the gateway, which can take minutes.
    window = make_window(sandbox.base_url)
    seen: list[bool] = []

    async def script(started: MainWindow) -> int:
        return 0

    async def scenario() -> int:
        hold_collections()
        # After app's own handler, which _main connects first.
        asyncio.get_running_loop().call_soon(
            lambda: window.panels_built.connect(lambda: seen.append(not collector.held()))
        )
        return await _main(window, sandbox=True, script=script)

    try:
        assert qloop.run(scenario()) == 0
    finally:
        collector.release()
    assert seen == [True]


def test_every_module_imported_after_the_gallery_exists() -> None:
    missing = [name for name in LATER_MODULES if importlib.util.find_spec(name) is None]
    assert not missing
