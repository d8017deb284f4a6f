"""Fixtures for the gallery's tests without a window: a real library and thumbnail loader,
closed only after the workers that read them have finished, and gallery panels on them
shown with their first page."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from lemon_desktop.library import Library
from lemon_desktop.ui.gallery import GalleryPanel
from lemon_desktop.ui.thumbnail_loader import ThumbnailCache, ThumbnailLoader


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(tmp_path / "library")
    yield lib
    QThreadPool.globalInstance().waitForDone(10_000)
    lib.close()


@pytest.fixture
def loader(tmp_path: Path, qapp: QApplication) -> Iterator[ThumbnailLoader]:
    thumbnails = ThumbnailLoader(ThumbnailCache(tmp_path / "thumbs"))
    yield thumbnails
    thumbnails.cancel_pending()
    thumbnails.pool.waitForDone(10_000)


def shown(qtbot: QtBot, panel: GalleryPanel) -> None:
    """Wait until the query asked for last shows: a worker reads its first page."""
    qtbot.waitUntil(lambda: not panel.model.loading, timeout=5000)


MakePanel = Callable[..., GalleryPanel]


@pytest.fixture
def make_panel(qtbot: QtBot, library: Library, loader: ThumbnailLoader) -> Iterator[MakePanel]:
    made: list[GalleryPanel] = []

    def make(show: bool = True, size: tuple[int, int] = (900, 640)) -> GalleryPanel:
        panel = GalleryPanel(library, loader)
        qtbot.addWidget(panel)
        panel.resize(*size)
        if show:
            panel.show()
            qtbot.waitExposed(panel)
        made.append(panel)
        shown(qtbot, panel)
        return panel

    yield make
    for panel in made:
        panel.model.close()
    QThreadPool.globalInstance().waitForDone(10_000)
    loader.pool.waitForDone(10_000)
