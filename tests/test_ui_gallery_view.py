"""GalleryView layout on a real X server (run under xvfb-run): a plain model stands in."""

from __future__ import annotations

import io
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from lemon_desktop.library import Library
from lemon_desktop.library.metadata import Provenance
from lemon_desktop.ui.gallery import GalleryPanel, GalleryView
from tests.gallery_fixtures import MakePanel

pytest_plugins = ["tests.gallery_fixtures"]

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
    # The grid places cells by arithmetic: a layout no longer asks once per row
    # (QListView did: 1.25 s at a million rows).
    assert model.row_counts < 1000
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
    # Justified rows: the first row's last cell (not the columns-th) ends on the edge.
    row = [view.visualRect(model.index(i)) for i in range(model.rows)]
    last = max((r for r in row if r.top() == first.top()), key=lambda r: r.right())
    assert view.viewport().width() - (last.right() + 1) < cell.width()
    assert last.right() + 1 == view.viewport().width()


def test_a_million_rows_open_scroll_and_jump_without_a_layout(
    view: GalleryView, qtbot: QtBot
) -> None:
    model = CountingModel(1_000_000)
    started = time.perf_counter()
    view.setModel(model)
    view.doItemsLayout()
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    view.viewport().repaint()
    bar.setValue(bar.maximum())
    view.viewport().repaint()
    assert time.perf_counter() - started < 0.5  # QListView: 1.25 s for the layout alone
    assert model.row_counts < 5000
    last = view.indexAt(QPoint(5, view.viewport().height() - 5))
    assert last.isValid() and last.row() > 999_000


def test_keys_move_by_cell_row_and_page(view: GalleryView, qtbot: QtBot) -> None:
    model = CountingModel(500)
    view.setModel(model)
    view.setFocus()
    view.setCurrentIndex(model.index(0))
    per_row = sum(1 for i in range(50) if view.visualRect(model.index(i)).top() == 0)
    QTest.keyClick(view, Qt.Key.Key_Right)
    assert view.currentIndex().row() == 1
    QTest.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 1 + per_row
    QTest.keyClick(view, Qt.Key.Key_Up)
    assert view.currentIndex().row() == 1
    QTest.keyClick(view, Qt.Key.Key_End)
    assert view.currentIndex().row() == 499
    assert view.viewport().rect().intersects(view.visualRect(view.currentIndex()))
    QTest.keyClick(view, Qt.Key.Key_PageUp)
    assert view.currentIndex().row() < 499 - per_row
    QTest.keyClick(view, Qt.Key.Key_Home)
    assert view.currentIndex().row() == 0
    QTest.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert sorted(i.row() for i in view.selectionModel().selectedIndexes()) == [0, 1, 2]


def test_rubber_band_selects_the_cells_it_touches(view: GalleryView, qtbot: QtBot) -> None:
    model = CountingModel(100)
    view.setModel(model)
    first, third = view.visualRect(model.index(0)), view.visualRect(model.index(2))
    view.setSelection(
        QRect(first.center(), third.center()), view.selectionModel().SelectionFlag.ClearAndSelect
    )
    assert sorted(i.row() for i in view.selectionModel().selectedIndexes()) == [0, 1, 2]


def _png(width: int, height: int, shade: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (shade, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def panel(make_panel: MakePanel, library: Library) -> GalleryPanel:
    for i in range(230):  # newest first: the top rows are wide, then tall
        size = (320, 180) if i >= 115 else (180, 320)
        library.add_bytes(_png(*size, i), Provenance(prompt=f"lemon {i}"))
    return make_panel(size=(900, 600))


def test_cells_follow_each_images_aspect(panel: GalleryPanel) -> None:
    view, model = panel.view, panel.model
    wide, tall = view.visualRect(model.index(0)), view.visualRect(model.index(199))
    assert wide.width() - 12 == pytest.approx((wide.height() - 12) * 16 / 9, rel=0.05)
    assert tall.width() - 12 == pytest.approx((tall.height() - 12) * 9 / 16, rel=0.05)


def test_the_count_runs_in_a_worker_when_the_view_nears_the_end(
    panel: GalleryPanel, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    model, library = panel.model, panel.model.library
    threads: list[threading.Thread] = []
    real_count = library.count

    def count(query: str = "", *, cap: int | None = None) -> int:
        if cap is None:
            threads.append(threading.current_thread())
        return real_count(query, cap=cap)

    monkeypatch.setattr(library, "count", count)
    assert model.rowCount() == 200 and model.canFetchMore(QModelIndex())
    bar = panel.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: model.rowCount() == 230, timeout=5000)
    assert threads and all(t is not threading.main_thread() for t in threads)
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: panel.view.indexAt(QPoint(5, bar.pageStep() - 5)).row() > 200)


def test_the_first_scroll_asks_for_the_count(panel: GalleryPanel, qtbot: QtBot) -> None:
    # At a million images the count takes longer than scrolling through the first page;
    # asked only near its end, the bar stopped there until the count came.
    model = panel.model
    assert model.rowCount() == 200 and model.canFetchMore(QModelIndex())
    bar = panel.view.verticalScrollBar()
    assert bar.maximum() > 2 * bar.pageStep()
    bar.setValue(bar.singleStep())
    qtbot.waitUntil(lambda: model.rowCount() == 230, timeout=5000)


def test_images_another_process_adds_appear_in_the_same_query(
    panel: GalleryPanel, qtbot: QtBot, tmp_path: Path
) -> None:
    model = panel.model
    panel.set_query("lemon")
    qtbot.waitUntil(lambda: not model.loading)
    before = model.rowCount()
    top = model.row_at(0)
    assert top is not None
    first = top.id
    picture = tmp_path / "outside.png"
    picture.write_bytes(_png(400, 300, 7))
    script = (
        "import sys, pathlib\n"
        "from lemon_desktop.library import Library\n"
        "from lemon_desktop.library.metadata import Provenance\n"
        "lib = Library.open(pathlib.Path(sys.argv[1]))\n"
        "print(lib.add_bytes(pathlib.Path(sys.argv[2]).read_bytes(),"
        " Provenance(prompt='lemon from the CLI')).id)\n"
        "lib.close()\n"
    )
    made = subprocess.run(
        [sys.executable, "-c", script, str(model.library.root), str(picture)],
        check=True,
        capture_output=True,
        text=True,
    )
    new_id = int(made.stdout.split()[-1])
    qtbot.waitUntil(lambda: getattr(model.row_at(0), "id", None) == new_id, timeout=10_000)
    assert model.query == "lemon"
    second = model.row_at(1)
    assert second is not None and second.id == first
    assert model.rowCount() == before  # the first page only: still 200 until counted
