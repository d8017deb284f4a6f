"""Shortcuts and safety, on real widgets and a real library: ratings and favourites are
undone with Ctrl+Z (and redone with Ctrl+Shift+Z) in the window and in the viewer,
the viewer's digits rate as the grid's do, nothing in the window moves when messages
come and go, the gallery counts its selection, tag names complete, Export asks for
the template and metadata, and an imported file's original record is summarised."""

from __future__ import annotations

import asyncio
import io
import json
import re
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from lemon_desktop.library import Library
from lemon_desktop.library import metadata as md
from lemon_desktop.library.metadata import Provenance
from lemon_desktop.sandbox import SandboxServer
from lemon_desktop.ui.gallery import GalleryPanel, ImageViewer
from lemon_desktop.ui.gallery.export_dialog import ExportDialog
from lemon_desktop.ui.gallery.name_dialog import NameDialog
from lemon_desktop.ui.main_window import MainWindow
from lemon_desktop.ui.mark_history import MarkHistory
from tests.gallery_fixtures import MakePanel
from tests.ui_helpers import Loop, connect, until

pytest_plugins = ["tests.ui_fixtures", "tests.gallery_fixtures"]
pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def png(seed: int, size: tuple[int, int] = (64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (seed * 40 % 256, 180, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def fill(library: Library, n: int) -> list[int]:
    return [
        library.add_bytes(png(i), Provenance(prompt=f"lemon {i}", model="gpt-image-2")).id
        for i in range(n)
    ]


def select(panel: GalleryPanel, ids: list[int]) -> None:
    view, model = panel.view, panel.model
    view.clearSelection()
    flags = QItemSelectionModel.SelectionFlag
    for image_id in ids:
        position = model.position(image_id)
        assert position is not None
        view.selectionModel().select(model.index(position), flags.Select)
    first = model.position(ids[0])
    assert first is not None
    view.selectionModel().setCurrentIndex(model.index(first), flags.NoUpdate)


def ratings(library: Library, ids: list[int]) -> list[int]:
    return [library.get(i).rating for i in ids]


@pytest.fixture
def panel(make_panel: MakePanel) -> GalleryPanel:
    return make_panel(size=(800, 500))


# -- undo -----------------------------------------------------------------------------------


def test_ctrl_z_undoes_a_stray_rating_and_a_favourite_in_the_window(
    window: MainWindow, sandbox: SandboxServer, qloop: Loop
) -> None:
    async def scenario() -> None:
        await connect(window, sandbox)
        gallery, library = window.gallery, window.services.library
        assert gallery is not None and library is not None
        ids = fill(library, 3)
        library.set_rating(ids[:1], 5)
        library.set_rating(ids[1:2], 2)
        await until(lambda: gallery.model.rowCount() == 3, message="rows")
        await until(lambda: gallery.model.row_at(0) is not None, message="first page")
        chosen = ids[:2]
        select(gallery, chosen)
        # Window shortcuts (Edit → Undo) answer in the active window, as they would for a user.
        window.activateWindow()
        await until(window.isActiveWindow, message="the window active")
        gallery.view.setFocus()
        undo = window.actions_by_name["undo"]
        assert not undo.isEnabled() and undo.text() == "Undo"

        QTest.keyClick(gallery.view, Qt.Key.Key_3)  # the stray key
        await until(lambda: ratings(library, chosen) == [3, 3], message="rated 3")
        assert undo.isEnabled() and undo.text() == "Undo rating (2 images)"
        assert "Ctrl+Z" in window.statusBar().currentMessage()

        QTest.keyClick(gallery.view, Qt.Key.Key_Z, CTRL)
        # Each image gets its own rating back: 5 and 2, not one value for both.
        await until(lambda: ratings(library, chosen) == [5, 2], message="undone")
        assert "rating (2 images)" in window.statusBar().currentMessage()
        redo = window.actions_by_name["redo"]
        assert redo.text() == "Redo rating (2 images)"
        QTest.keyClick(gallery.view, Qt.Key.Key_Z, CTRL_SHIFT)
        await until(lambda: ratings(library, chosen) == [3, 3], message="redone")
        QTest.keyClick(gallery.view, Qt.Key.Key_Z, CTRL)
        await until(lambda: ratings(library, chosen) == [5, 2], message="undone again")

        QTest.keyClick(gallery.view, Qt.Key.Key_F)
        await until(lambda: all(library.get(i).favourite for i in chosen), message="favourite")
        assert undo.text() == "Undo favourite (2 images)"
        undo.trigger()  # Edit → Undo does what Ctrl+Z does
        await until(lambda: not any(library.get(i).favourite for i in chosen), message="unfav")
        await until(lambda: window.marks.idle, message="writes done")
        assert ratings(library, ids) == [5, 2, 0]  # the third image was never touched

    qloop.run(scenario())


def test_viewer_rates_with_the_grids_keys_and_zooms_with_its_own(
    library: Library, qtbot: QtBot
) -> None:
    ids = fill(library, 2)
    library.set_rating(ids, 5)
    history = MarkHistory()
    viewer = ImageViewer(library, history=history)
    qtbot.addWidget(viewer)
    viewer.show_image(ids[0])
    viewer.show()
    qtbot.waitExposed(viewer)
    qtbot.waitUntil(lambda: viewer.canvas.is_full, timeout=5000)

    viewer.actual_size()
    QTest.keyClick(viewer, Qt.Key.Key_Plus)
    assert viewer.canvas.effective_scale() == pytest.approx(1.25)
    QTest.keyClick(viewer, Qt.Key.Key_0, CTRL)  # fit: not a rating
    assert viewer.canvas.fitted
    qtbot.wait(100)
    assert ratings(library, ids) == [5, 5]

    QTest.keyClick(viewer, Qt.Key.Key_1)  # rates, as in the grid; never zooms
    qtbot.waitUntil(lambda: ratings(library, ids) == [1, 5], timeout=3000)
    assert viewer.canvas.fitted
    QTest.keyClick(viewer, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: ratings(library, ids) == [5, 5], timeout=3000)
    QTest.keyClick(viewer, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: library.get(ids[0]).favourite, timeout=3000)
    QTest.keyClick(viewer, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: not library.get(ids[0]).favourite, timeout=3000)
    qtbot.waitUntil(lambda: history.idle, timeout=3000)


# -- nothing moves --------------------------------------------------------------------------


def test_nothing_moves_when_messages_come_and_go(
    window: MainWindow, sandbox: SandboxServer, qloop: Loop
) -> None:
    async def scenario() -> None:
        window.resize(1024, 700)
        await connect(window, sandbox)
        await until(lambda: window.gallery is not None, message="gallery")
        generate = window.generate
        central = window.centralWidget()
        assert central is not None

        async def places() -> tuple[object, ...]:
            await asyncio.sleep(0.1)  # layouts settle on the loop (never processEvents here)
            return (
                central.geometry(),
                generate.splitter.geometry(),
                generate.generate.geometry(),
            )

        generate.prompt.edit.setPlainText("a lemon grove at dusk")
        await until(lambda: not generate.reason.isVisible(), message="ready")
        calm = await places()
        window.statusBar().showMessage("Queued 1 job", 8000)
        assert await places() == calm
        window.statusBar().clearMessage()
        generate.prompt.edit.setPlainText("")  # the reason line says why Generate is off
        await until(lambda: generate.reason.isVisible(), message="reason shown")
        assert generate.reason.text()
        assert await places() == calm
        window.statusBar().showMessage("A much longer message " * 8)
        assert await places() == calm

    qloop.run(scenario())


# -- the gallery's header, dialogs and details ------------------------------------------------


def test_the_gallery_counts_its_selection(
    panel: GalleryPanel, library: Library, qtbot: QtBot
) -> None:
    ids = fill(library, 5)
    panel.model.flush_events()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 5, timeout=3000)
    assert panel.selection_label.text() == ""
    select(panel, ids[:3])
    assert panel.selection_label.text() == "· 3 selected"
    panel.view.clearSelection()
    assert panel.selection_label.text() == ""


def test_tag_and_album_names_complete(panel: GalleryPanel, library: Library, qtbot: QtBot) -> None:
    ids = fill(library, 2)
    library.add_tags(ids[:1], ["sunset", "keeper", "lemon grove"])
    library.add_to_album(ids[:1], "Best of 2026")
    panel.model.flush_events()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=3000)
    select(panel, ids[1:])

    panel.actions.ask_tags()
    dialog = panel.actions.dialog
    assert isinstance(dialog, NameDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=3000)  # read in a worker
    completer = dialog.completer
    dialog.edit.setFocus()
    QTest.keyClicks(dialog.edit, "set")  # anywhere in the name, any case
    assert completer.completionCount() == 1 and completer.currentCompletion() == "sunset"
    dialog.edit.clear()
    QTest.keyClicks(dialog.edit, "keeper, gro")  # the name after the comma
    assert completer.currentCompletion() == "keeper, lemon grove"  # the first name kept
    dialog.edit.setText(completer.currentCompletion())
    dialog.ok.click()
    qtbot.waitUntil(
        lambda: set(library.get(ids[1]).tags) == {"keeper", "lemon grove"}, timeout=3000
    )

    panel.actions.ask_album()
    album = panel.actions.dialog
    assert isinstance(album, NameDialog)
    qtbot.waitUntil(lambda: album.loaded, timeout=3000)
    QTest.keyClicks(album.edit, "best")
    assert album.completer.currentCompletion() == "Best of 2026"
    album.edit.setText("Best of 2026")
    album.ok.click()
    qtbot.waitUntil(lambda: library.get(ids[1]).albums == ("Best of 2026",), timeout=3000)


def test_export_asks_for_the_template_and_the_metadata(
    panel: GalleryPanel, library: Library, qtbot: QtBot, tmp_path: Path
) -> None:
    ids = fill(library, 2)
    panel.model.flush_events()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=3000)
    panel.export_template = "{date}_{model}"
    select(panel, ids)

    panel.actions.ask_export()
    dialog = panel.actions.dialog
    assert isinstance(dialog, ExportDialog) and dialog.isVisible()
    assert dialog.template.text() == "{date}_{model}"  # the settings' template first
    assert dialog.keep.isChecked() and not dialog.export.isEnabled()  # no folder yet
    out = tmp_path / "out"
    dialog.folder.setText(str(out))
    dialog.template.setText("{nope}")
    assert not dialog.export.isEnabled() and "{nope}" in dialog.problem.text()
    dialog.template.setText("lemon_{id}")
    assert dialog.export.isEnabled()
    dialog.strip.setChecked(True)
    dialog.export.click()
    qtbot.waitUntil(lambda: out.exists() and len(list(out.iterdir())) == 2, timeout=5000)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"lemon_{i}.png" for i in ids)
    assert all(md.read(p) is None for p in out.iterdir())  # stripped

    panel.actions.ask_export()  # offered the last folder and choice again
    again = panel.actions.dialog
    assert isinstance(again, ExportDialog)
    assert again.folder.text() == str(out) and again.strip.isChecked()
    again.keep.setChecked(True)
    again.template.setText("kept_{id}")
    again.export.click()
    qtbot.waitUntil(lambda: len(list(out.iterdir())) == 4, timeout=5000)
    kept = [p for p in out.iterdir() if p.name.startswith("kept_")]
    assert all((r := md.read(p)) is not None and r.prompt for p in kept)


def test_details_sum_up_an_imported_files_original_metadata(library: Library, qtbot: QtBot) -> None:
    graph = {str(n): {"class_type": "KSampler", "inputs": {"seed": n}} for n in range(400)}
    record = library.add_bytes(
        png(1),
        Provenance(
            prompt="a comfy lemon",
            model="sdxl.safetensors",
            params={"seed": 7, "source_metadata": {"prompt": graph}},
            app="ComfyUI",
        ),
    )
    viewer = ImageViewer(library)
    qtbot.addWidget(viewer)
    viewer.show_image(record.id)
    qtbot.waitUntil(lambda: viewer.record is not None)  # read in a worker
    fields = dict(viewer.details.fields())
    assert "source_metadata" not in fields
    assert fields["seed"] == "7"
    summary = fields["Original metadata"]
    assert re.fullmatch(r"[\d.]+ KiB \(ComfyUI\)", summary), summary
    copy = next(
        b
        for b in viewer.details.findChildren(QToolButton)
        if b.toolTip() == "Copy Original metadata"
    )
    copy.click()
    copied = json.loads(QApplication.clipboard().text())
    assert copied == {"prompt": graph}
