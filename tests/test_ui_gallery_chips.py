"""The gallery's filter chips in the real window on X: at the smallest supported size
(1024x700, where the gallery beside the stage is about 230 px wide) and at 1920x1080
every chip and the size slider are whole, on screen, apart from each other and
clickable; they wrap onto more rows instead of hiding behind a scroll bar. The search box
keeps the gallery's width when images are selected (the counts sit under the grid)."""

from __future__ import annotations

import asyncio
import io
from itertools import combinations

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from lemon_desktop.sandbox import SandboxServer
from lemon_desktop.ui.main_window import MainWindow
from tests.ui_helpers import Loop, connect, until

pytest_plugins = ["tests.ui_fixtures"]
pytestmark = pytest.mark.gui

LONG_MODEL = "stable-diffusion-3.5-large-turbo-preview"


def placed(widget: QWidget, within: QWidget) -> QRect:
    return QRect(widget.mapTo(within, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("size", [(1024, 700), (1920, 1080)])
def test_every_chip_is_whole_and_clickable(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer, size: tuple[int, int]
) -> None:
    async def scenario() -> None:
        window.resize(*size)
        await connect(window, sandbox)
        await until(lambda: window.gallery is not None and window.stage is not None)
        gallery = window.gallery
        assert gallery is not None
        chips = gallery.chips
        # A chosen model with a long name: its chip must not push the others away.
        chips.model.choose(f"model:{LONG_MODEL}", LONG_MODEL)
        await until(lambda: window.width() == size[0], message="the window's size")
        await asyncio.sleep(0.2)  # layouts settle in the next event turns
        controls: list[QWidget] = [
            chips.model,
            chips.favourites,
            chips.rating,
            chips.date,
            chips.album,
            chips.trash,
            gallery.size_slider,
        ]
        area = gallery.rect()
        rects = []
        for control in controls:
            name = control.accessibleName() or getattr(control, "text", lambda: "")()
            rect = placed(control, gallery)
            assert control.isVisible(), name
            assert area.contains(rect), f"{name} {rect} is outside the gallery {area}"
            # Nothing clips it (no scroll area, no neighbour over it).
            assert control.visibleRegion().boundingRect() == control.rect(), name
            assert control.width() >= control.sizeHint().width(), f"{name} is squeezed"
            rects.append(rect)
        for a, b in combinations(rects, 2):
            assert not a.intersects(b), f"{a} overlaps {b}"
        # Every chip sits above the grid, none over it.
        grid_top = placed(gallery.view, gallery).top()
        assert all(rect.bottom() < grid_top for rect in rects)
        # The long name is cut on the chip and whole in its tooltip.
        assert "…" in chips.model.text()
        assert LONG_MODEL in chips.model.toolTip()
        # A click reaches the last chip.
        QTest.mouseClick(chips.trash, Qt.MouseButton.LeftButton)
        assert chips.trash.isChecked()
        assert "is:trash" in chips.tokens()

    qloop.run(scenario(), timeout=90)


def png(shade: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (shade, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def test_the_search_box_keeps_its_width_when_images_are_selected(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        window.resize(1024, 700)
        await connect(window, sandbox)
        await until(lambda: window.gallery is not None and window.stage is not None)
        gallery, library = window.gallery, window.services.library
        assert gallery is not None and library is not None
        for shade in (10, 120, 240):
            await asyncio.to_thread(library.add_bytes, png(shade))
        await until(lambda: gallery.model.rowCount() == 3, message="three images")
        await until(lambda: window.width() == 1024, message="the window's size")
        await asyncio.sleep(0.2)
        grid_top = placed(gallery.view, gallery).top()
        gallery.view.selectAll()
        await until(lambda: "3 selected" in gallery.selection_label.text(), message="selection")
        await asyncio.sleep(0.1)
        # The search box spans the gallery (its margins aside), selection or not.
        assert gallery.search.width() >= gallery.width() - 20
        assert placed(gallery.view, gallery).top() == grid_top  # nothing above it moved
        for label in (gallery.count_label, gallery.selection_label):
            assert label.visibleRegion().boundingRect() == label.rect(), label.text()
            assert label.width() >= label.sizeHint().width(), label.text()
            assert gallery.rect().contains(placed(label, gallery))
        assert gallery.count_label.text() == "3 images"

    qloop.run(scenario(), timeout=90)
