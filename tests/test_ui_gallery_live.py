"""Live updates of the gallery racing each other, on a real model and a real library.

Every read runs in a worker, so a trash, a merge of new images, the count and a
lookup can answer in any order. The library is real; a read is made slow by
wrapping the library's own method with a sleep, which puts the answers in the
order that once went wrong.
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, QThreadPool
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from lemon_desktop.library import GalleryRow, Library
from lemon_desktop.library.metadata import Provenance
from lemon_desktop.ui.gallery import GalleryModel, GalleryPanel, ImageViewer
from lemon_desktop.ui.gallery.model import StillUpdating
from lemon_desktop.ui.thumbnail_loader import ThumbnailLoader

pytest_plugins = ["tests.gallery_fixtures"]

pytestmark = pytest.mark.gui


def png(i: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (24, 16), (i % 256, i // 256 % 256, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def fill(library: Library, n: int, start: int = 0) -> list[int]:
    return [
        library.add_bytes(png(i), Provenance(prompt=f"lemon {i}")).id
        for i in range(start, start + n)
    ]


@pytest.fixture
def make_model(
    qtbot: QtBot, library: Library, loader: ThumbnailLoader
) -> Iterator[Callable[[], GalleryModel]]:
    made: list[GalleryModel] = []

    def make() -> GalleryModel:
        model = GalleryModel(library, loader)
        made.append(model)
        qtbot.waitUntil(lambda: not model.loading, timeout=5000)
        return model

    yield make
    for model in made:
        model.close()
    QThreadPool.globalInstance().waitForDone(10_000)


def slowed(
    monkeypatch: pytest.MonkeyPatch,
    library: Library,
    name: str,
    seconds: float,
    when: Callable[[dict[str, Any]], bool] = lambda _kw: True,
    times: int = 1,
) -> list[int]:
    """Make the library's `name` read sleep first, the first `times` calls that `when`
    accepts (by their keyword arguments); returns the list of calls slowed."""
    real = getattr(library, name)
    calls: list[int] = []
    lock = threading.Lock()

    def slow(*args: Any, **kwargs: Any) -> Any:
        with lock:
            sleep = len(calls) < times and when(kwargs)
            if sleep:
                calls.append(1)
        if sleep:
            time.sleep(seconds)
        return real(*args, **kwargs)

    monkeypatch.setattr(library, name, slow)
    return calls


def settle(qtbot: QtBot, model: GalleryModel) -> None:
    """Wait until no live update is in flight (reads answered, events applied)."""
    qtbot.waitUntil(lambda: not model._updating, timeout=5000)
    QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(50)
    qtbot.waitUntil(lambda: not model._updating, timeout=5000)


def deliver(qtbot: QtBot, model: GalleryModel, events: int) -> None:
    """Apply the library's last `events` events now, in one flush (as after a burst)."""
    qtbot.waitUntil(lambda: len(model._events) >= events, timeout=5000)
    model.flush_events()


def all_ids(qtbot: QtBot, model: GalleryModel) -> list[int]:
    """Every row's id, the pages not in memory read in workers."""
    for position in range(0, model.rowCount(), 200):
        model.loaded_row(position)
    qtbot.waitUntil(
        lambda: all(model.row_at(p) is not None for p in range(model.rowCount())), timeout=5000
    )
    return [row.id for p in range(model.rowCount()) if (row := model.row_at(p))]


def counted(qtbot: QtBot, model: GalleryModel, total: int) -> None:
    model.count_in_background()
    qtbot.waitUntil(lambda: model.rowCount() == total, timeout=5000)


def test_a_trash_while_a_merge_is_read_inserts_no_rows_and_keeps_the_selection(
    make_model: Callable[[], GalleryModel],
    library: Library,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = fill(library, 230)
    model = make_model()
    counted(qtbot, model, 230)
    selection = QItemSelectionModel(model)
    selection.select(model.index(5), QItemSelectionModel.SelectionFlag.Select)
    chosen = model.row_at(5)
    assert chosen is not None
    merged: list[int] = []
    model.rows_merged.connect(merged.append)

    # The trash's own refresh is slow; a merge (new images, or the outside poll)
    # is asked for while it is read.
    slowed(monkeypatch, library, "count", 0.3)
    victim = ids[-1]  # the newest: row 0
    library.delete([victim])
    deliver(qtbot, model, 1)
    assert model.rowCount() == 229  # the row in memory goes at once
    model.merge_top()
    settle(qtbot, model)

    assert merged == []  # nothing new came, so nothing was inserted
    assert model.rowCount() == 229
    assert [i.row() for i in selection.selectedIndexes()] == [4]
    assert model.row_at(4) is not None and model.row_at(4).id == chosen.id  # type: ignore[union-attr]
    assert all_ids(qtbot, model) == ids[-2::-1]


def test_a_trash_and_a_new_image_in_one_flush_insert_only_the_new_image(
    make_model: Callable[[], GalleryModel],
    library: Library,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = fill(library, 230)
    model = make_model()
    counted(qtbot, model, 230)
    selection = QItemSelectionModel(model)
    selection.select(model.index(20), QItemSelectionModel.SelectionFlag.Select)
    chosen = model.row_at(20)
    assert chosen is not None
    merged: list[int] = []
    model.rows_merged.connect(merged.append)

    slowed(monkeypatch, library, "page", 0.3)  # the first refresh's read
    library.delete([ids[-3]])
    new = fill(library, 1, start=500)
    deliver(qtbot, model, 2)
    settle(qtbot, model)

    assert sum(merged) == 1
    assert model.rowCount() == 230
    assert [model.row_at(i.row()).id for i in selection.selectedIndexes()] == [chosen.id]  # type: ignore[union-attr]
    expected = new + [i for i in reversed(ids) if i != ids[-3]]
    assert all_ids(qtbot, model) == expected


def test_the_count_arriving_while_a_merge_is_read_is_kept(
    make_model: Callable[[], GalleryModel],
    library: Library,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fill(library, 230)
    model = make_model()
    assert model.rowCount() == 200 and model.canFetchMore(QModelIndex())

    slowed(monkeypatch, library, "page", 0.3)  # the merge's read answers last
    fill(library, 1, start=999)
    deliver(qtbot, model, 1)  # a merge, uncounted, is read
    model.count_in_background()  # the view neared the end of the first page
    settle(qtbot, model)

    assert model.rowCount() == 231 == library.count("")
    assert not model.canFetchMore(QModelIndex())


def test_an_image_can_be_found_again_after_a_new_query_overtook_its_lookup(
    make_model: Callable[[], GalleryModel],
    library: Library,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = fill(library, 450)
    model = make_model()
    counted(qtbot, model, 450)
    target = ids[449 - 250]  # at row 250: page 1, not in memory, read by the lookup
    assert model.position(target) is None
    slowed(monkeypatch, library, "page", 0.3, when=lambda kw: kw.get("after") is not None)
    found: list[int] = []
    model.locate(target, found.append)
    qtbot.wait(30)
    model.set_query("")  # the same rows, a new query generation
    settle(qtbot, model)
    qtbot.wait(400)  # the first lookup answered, for rows no longer shown
    assert found == []

    counted(qtbot, model, 450)  # the new query counts again
    model.locate(target, found.append)
    qtbot.waitUntil(lambda: found == [250], timeout=5000)


def test_an_action_while_the_gallery_keeps_moving_says_so(
    qtbot: QtBot,
    library: Library,
    loader: ThumbnailLoader,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fill(library, 450)
    panel = GalleryPanel(library, loader)
    qtbot.addWidget(panel)
    model = panel.model
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    counted(qtbot, model, 450)
    selection = panel.view.selectionModel()
    selection.select(
        QItemSelection(model.index(0), model.index(449)), QItemSelectionModel.SelectionFlag.Select
    )
    # A refresh that takes longer than the actions wait (an import that never stops).
    slowed(monkeypatch, library, "count", 3.0)
    model.merge_top()
    assert model._updating
    messages: list[str] = []
    panel.actions.status_message.connect(messages.append)
    started = time.monotonic()
    panel.actions.rate_selected(3)
    qtbot.waitUntil(lambda: bool(messages), timeout=4000)
    assert messages == ["The gallery is still updating; try again."]
    assert 1.5 < time.monotonic() - started < 3.0
    settle(qtbot, model)
    assert library.count("rating:3") == 0  # nothing happened, and the user was told
    model.close()


def test_an_action_on_rows_that_cannot_be_read_says_why(
    qtbot: QtBot,
    library: Library,
    loader: ThumbnailLoader,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fill(library, 450)
    panel = GalleryPanel(library, loader)
    qtbot.addWidget(panel)
    model = panel.model
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    counted(qtbot, model, 450)
    real = library.page

    def failing(*args: Any, **kwargs: Any) -> Any:
        if kwargs.get("offset") or kwargs.get("after") is not None:
            raise OSError("disk I/O error")
        return real(*args, **kwargs)

    monkeypatch.setattr(library, "page", failing)
    selection = panel.view.selectionModel()
    selection.select(
        QItemSelection(model.index(0), model.index(449)), QItemSelectionModel.SelectionFlag.Select
    )
    rows: list[list[GalleryRow]] = []
    failures: list[Exception] = []
    model.resolve_rows(lambda: range(450), rows.append, failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=4000)
    assert rows == [] and "disk I/O error" in str(failures[0])
    assert not isinstance(failures[0], StillUpdating)

    messages: list[str] = []
    panel.actions.status_message.connect(messages.append)
    panel.actions.toggle_favourite()
    qtbot.waitUntil(lambda: bool(messages), timeout=4000)
    assert messages == ["Could not read the selected images: disk I/O error"]
    model.close()


# -- the viewer -----------------------------------------------------------------------------


def test_keys_in_the_viewer_mark_the_image_stepped_to_before_its_record_arrives(
    qtbot: QtBot, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = fill(library, 2)
    order = {(a, 1): b, (b, -1): a}
    viewer = ImageViewer(library)
    qtbot.addWidget(viewer)
    viewer.show_image(a, lambda image_id, step: order.get((image_id, step)))
    qtbot.waitUntil(lambda: viewer.record is not None, timeout=5000)

    slowed(monkeypatch, library, "get", 0.3)  # B's record takes a while
    viewer.next()
    assert viewer.current_id == b and viewer.record is not None and viewer.record.id == a
    viewer.toggle_favourite()  # F
    viewer.rate(3)  # 3
    qtbot.waitUntil(lambda: library.get(b).favourite and library.get(b).rating == 3, timeout=5000)
    assert not library.get(a).favourite and library.get(a).rating == 0
    # The details end up with what was written, though the first read of B started
    # before the writes.
    qtbot.waitUntil(
        lambda: (
            viewer.record is not None
            and viewer.record.id == b
            and viewer.record.favourite
            and viewer.record.rating == 3
        ),
        timeout=5000,
    )
    assert dict(viewer.details.fields()).get("Marks") == "♥ ★★★"


def test_the_viewers_next_button_wakes_when_the_next_page_arrives(
    make_model: Callable[[], GalleryModel],
    library: Library,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fill(library, 230)
    model = make_model()
    counted(qtbot, model, 230)
    last_of_page = model.row_at(199)
    assert last_of_page is not None and model.row_at(200) is None
    viewer = ImageViewer(library)
    qtbot.addWidget(viewer)
    model.pages_arrived.connect(viewer.refresh_buttons)  # as the main window does
    QThreadPool.globalInstance().waitForDone(5000)  # page 1, asked by row_at(200), is read
    model._window.clear_below_top(set())  # and forgotten again: as after a merge
    model._forget_reads()
    slowed(monkeypatch, library, "page", 0.4, when=lambda kw: bool(kw.get("offset")))

    viewer.show_image(last_of_page.id, model.neighbour)
    qtbot.waitUntil(lambda: viewer.record is not None, timeout=5000)
    assert not viewer.next_button.isEnabled()  # the facts came before the page
    qtbot.waitUntil(viewer.next_button.isEnabled, timeout=5000)
    assert viewer.next()


# -- dragging the selection out ----------------------------------------------------------------


def test_a_drag_carries_the_whole_selection_after_new_images_cleared_the_rows(
    qtbot: QtBot, library: Library, loader: ThumbnailLoader
) -> None:
    fill(library, 630)
    panel = GalleryPanel(library, loader)
    qtbot.addWidget(panel)
    panel.resize(900, 640)
    panel.show()
    qtbot.waitExposed(panel)
    model, view, actions = panel.model, panel.view, panel.actions
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    counted(qtbot, model, 630)
    view.selectAll()
    assert len(view.selectionModel().selection()) == 1
    messages: list[str] = []
    actions.status_message.connect(messages.append)

    fill(library, 1, start=5000)  # a generation finishes: the merge clears the pages
    qtbot.waitUntil(lambda: model.rowCount() == 631, timeout=5000)
    settle(qtbot, model)
    assert model.rows_in_memory(range(1, 631)) is None  # only what is on screen came back

    # A drag now refuses rather than carry part of the selection, and says so.
    assert model.mimeData([model.index(p) for p in range(1, 631)]).urls() == []
    assert actions.drag_mime() is None
    assert messages == ["Reading the selected images; drag them again in a moment."]
    qtbot.waitUntil(lambda: actions.drag_ready, timeout=5000)
    mime = actions.drag_mime()
    assert mime is not None and len(mime.urls()) == 630

    # Pressing the mouse on the selection reads it before the drag starts.
    fill(library, 1, start=5001)
    qtbot.waitUntil(lambda: model.rowCount() == 632, timeout=5000)
    settle(qtbot, model)
    messages.clear()
    cell = view.visualRect(view.selectionModel().selectedIndexes()[0]).center()
    assert not actions.drag_ready
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.waitUntil(lambda: actions.drag_ready, timeout=5000)
    mime = actions.drag_mime()
    assert mime is not None and len(mime.urls()) == 630 and messages == []
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    model.close()
