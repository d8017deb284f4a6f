"""Fixtures for the gallery's tests without a window: a real library and thumbnail loader,
closed only after the workers that read them have finished."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

from lemon_desktop.library import Library
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
