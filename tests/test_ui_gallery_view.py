"""GalleryView layout on a real X server (run under xvfb-run): a plain model stands in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from lemon_desktop.ui.gallery import GalleryView

pytestmark = pytest.mark.gui
Index = QModelIndex | QPersistentModelIndex


class CountingModel(QAbstractListModel):
    """`rows` empty rows; counts rowCount calls, which a full layout makes once per row."""

    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows = rows
        self.row_counts = 0

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        self.row_counts += 1
        return 0 if parent.isValid() else self.rows

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return None


@pytest.fixture
def view(qtbot: QtBot, qapp: QApplication) -> Iterator[GalleryView]:
    view = GalleryView(thumb_size=96)
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    yield view


def test_changed_data_repaints_without_a_layout(view: GalleryView, qtbot: QtBot) -> None:
    model = CountingModel(5000)
    view.setModel(model)
    qtbot.wait(50)
    view.doItemsLayout()
    assert model.row_counts >= 5000  # the layout really asks once per row
    model.row_counts = 0
    for row in range(20):  # twenty thumbnails arriving
        model.dataChanged.emit(model.index(row), model.index(row), [Qt.ItemDataRole.DecorationRole])
    qtbot.wait(50)
    assert model.row_counts < 1000


def test_grid_fills_the_width(view: GalleryView, qtbot: QtBot) -> None:
    model = CountingModel(100)
    view.setModel(model)
    qtbot.wait(50)
    # The tight case: the viewport exactly as wide as six cells.
    view.resize(view.width() + 6 * (96 + 12) - view.viewport().width(), view.height())
    qtbot.wait(50)
    cell = view.gridSize()
    columns = (view.viewport().width() - 1) // (96 + 12)
    first, last = view.visualRect(model.index(0)), view.visualRect(model.index(columns - 1))
    assert last.top() == first.top()  # one row: no ragged gap where a column fits
    assert view.viewport().width() - (last.right() + 1) < cell.width()
