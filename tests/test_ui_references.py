"""The reference tray and the panel's requests with images, in the window against the
sandbox: drops from the desktop, drags from the gallery, pastes; the model's limit; and
the images reaching the gateway."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from lemon_desktop.jobs import JobState
from lemon_desktop.sandbox import SandboxServer
from lemon_desktop.ui.gallery.dragdrop import mime_for_files
from lemon_desktop.ui.main_window import MainWindow
from lemon_desktop.ui.reference_tray import ReferenceTray, mime_with_ids
from tests.ui_helpers import Loop, connect, until

pytest_plugins = ["tests.ui_fixtures"]
pytestmark = pytest.mark.gui


def picture(folder: Path, name: str, colour: tuple[int, int, int], size: int = 64) -> Path:
    path = folder / name
    Image.new("RGB", (size, size), colour).save(path)
    return path


def drop(tray: ReferenceTray, mime: QMimeData) -> None:
    """A drag entering the tray's thumbnails and dropped there, as Qt delivers one from
    another program (a drop is only delivered to a widget the drag entered)."""
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # An empty tray shows only its hint, and takes the drop on its frame.
    target = tray.list.viewport() if tray.list.isVisible() else tray
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, event)


def file_mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


async def settled(tray: ReferenceTray, count: int) -> None:
    await until(
        lambda: tray.pending == 0 and len(tray.all_references()) == count,
        message=f"{count} references in the tray ({tray.message.text()})",
    )


def test_drop_gallery_drag_and_paste_add_references(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer, tmp_path: Path
) -> None:
    async def scenario() -> None:
        await connect(window, sandbox)
        panel, tray = window.generate, window.generate.tray
        panel.select_model("gpt-image-2")
        assert tray.count.text() == "0 of 16"
        # From the desktop: file URLs.
        drop(tray, file_mime(picture(tmp_path, "a.png", (250, 200, 0))))
        await settled(tray, 1)
        # From the gallery: its own drag data (file URLs of library files, the pixels).
        library = window.services.library
        assert library is not None
        record = library.add_file(picture(tmp_path, "b.png", (0, 120, 250)))
        drop(tray, mime_for_files([record.path]))
        await settled(tray, 2)
        # Library ids, as the stage hands them over.
        other = library.add_file(picture(tmp_path, "c.png", (20, 160, 40)))
        panel.add_references([other.id])
        await settled(tray, 3)
        # From the clipboard: pixels, pasted with Ctrl+V in the prompt.
        image = QImage(40, 30, QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.magenta)
        QGuiApplication.clipboard().setImage(image)
        panel.prompt.edit.setFocus()
        QTest.keyClick(panel.prompt.edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        await settled(tray, 4)
        assert panel.prompt.text() == ""  # the image went to the tray, not into the text
        assert tray.count.text() == "4 of 16"
        refs = tray.references()
        # Every reference is a library image, named by id and hash.
        assert all(r.image_id is not None and len(r.sha256) == 64 for r in refs)
        assert refs[1].image_id == record.id and refs[2].image_id == other.id
        assert library.get(refs[3].image_id or 0).width == 40
        # Dropping the same image again adds nothing and says so.
        drop(tray, file_mime(tmp_path / "a.png"))
        await until(lambda: "already in the tray" in tray.message.text())
        assert len(tray.all_references()) == 4
        # Reorder (Alt+Right) and remove (Del).
        tray.list.setCurrentRow(0)
        tray.list.setFocus()
        QTest.keyClick(tray.list, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
        assert tray.references()[1] == refs[0]
        tray.list.setCurrentRow(1)
        QTest.keyClick(tray.list, Qt.Key.Key_Delete)
        assert tray.references() == (refs[1], refs[2], refs[3])
        assert tray.count.text() == "3 of 16"

    qloop.run(scenario())


def test_the_models_limit_refuses_with_the_reason(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer, tmp_path: Path
) -> None:
    async def scenario() -> None:
        await connect(window, sandbox)
        panel, tray = window.generate, window.generate.tray
        panel.select_model("grok-imagine-image")
        files = [picture(tmp_path, f"{i}.png", (i * 60, 90, 200)) for i in range(4)]
        drop(tray, file_mime(*files))
        await settled(tray, 3)
        assert tray.count.text() == "3 of 3"
        assert "grok-imagine-image takes at most 3 images; not added: 3.png" in (
            tray.message.text()
        )
        assert tray.message.isVisible()
        # A model that takes fewer keeps them but says which ones are left out.
        panel.select_model("nano-banana-pro")
        assert tray.count.text() == "3 of 16"
        panel.select_model("dall-e-3")
        assert "dall-e-3 takes no reference images" in tray.hint.text()
        assert "Left out: 0.png, 1.png, 2.png" in tray.hint.text()
        assert tray.references() == ()
        # Dropping onto a model that takes none is refused with the reason.
        drop(tray, file_mime(files[3]))
        await until(lambda: "takes no reference images" in tray.message.text())
        assert len(tray.all_references()) == 3

    qloop.run(scenario())


def test_a_generation_with_a_reference_reaches_the_sandbox(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer, tmp_path: Path
) -> None:
    async def scenario() -> None:
        await connect(window, sandbox)
        panel, tray = window.generate, window.generate.tray
        panel.select_model("nano-banana-pro")
        panel.prompt.set_text("the same lemon, in watercolour")
        drop(tray, file_mime(picture(tmp_path, "one.png", (250, 220, 0))))
        drop(tray, file_mime(picture(tmp_path, "two.png", (0, 220, 250))))
        await settled(tray, 2)
        # The api's plan speaks inline: a local second image cannot go on this route.
        await until(lambda: "public" in panel.problems.text(), message=panel.reason.text())
        assert not panel.generate.isEnabled()
        tray.list.setCurrentRow(1)
        tray.remove_selected()
        await until(panel.generate.isEnabled, message=f"Generate: {panel.reason.text()}")
        before = sandbox.stats.image_to_image_requests
        QTest.mouseClick(panel.generate, Qt.MouseButton.LeftButton)
        model = window.queue_panel.model

        def done() -> bool:
            found = [model.job(r) for r in range(model.rowCount())]
            return any(j is not None and j.state == JobState.DONE for j in found)

        await until(done, timeout=30, message="the job to finish")
        assert sandbox.stats.image_to_image_requests == before + 1
        job = next(j for j in (model.job(r) for r in range(model.rowCount())) if j)
        assert job.request.effective_operation == "image-to-image"
        assert [r.sha256 for r in job.request.references] == [r.sha256 for r in tray.references()]

    qloop.run(scenario())


def test_an_edit_source_with_a_mask_is_sent_as_an_edit(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer, tmp_path: Path
) -> None:
    async def scenario() -> None:
        await connect(window, sandbox)
        panel = window.generate
        library = window.services.library
        assert library is not None
        source = library.add_file(picture(tmp_path, "photo.png", (120, 120, 120), 128))
        mask = tmp_path / "mask.png"
        painted = Image.new("RGBA", (128, 128), (0, 0, 0, 255))
        painted.paste((0, 0, 0, 0), (32, 32, 96, 96))  # the transparent square is edited
        painted.save(mask)
        panel.select_model("gpt-image-2")
        panel.prompt.set_text("a lemon in the window")
        panel.set_edit_source(source.id, str(mask))
        await until(lambda: panel.edit_source is not None, message="the edit source")
        assert panel.edit_row.isVisible() and "inside its mask" in panel.edit_row.label.text()
        assert panel.tray.count.text() == "0 of 15"  # the source is the first of 16
        await until(panel.generate.isEnabled, message=f"Generate: {panel.reason.text()}")
        before = sandbox.stats.edit_requests
        QTest.mouseClick(panel.generate, Qt.MouseButton.LeftButton)
        await until(lambda: sandbox.stats.edit_requests == before + 1, timeout=30)
        model = window.queue_panel.model
        job = next(j for j in (model.job(r) for r in range(model.rowCount())) if j)
        assert job.request.operation == "edit"
        assert job.request.inputs[0].image_id == source.id
        assert job.request.mask is not None
        panel.clear_edit_source()
        assert not panel.edit_row.isVisible() and panel.tray.count.text() == "0 of 16"

    qloop.run(scenario())


def test_mime_with_ids_round_trips(make_window: Callable[..., MainWindow]) -> None:
    from lemon_desktop.ui.reference_tray import image_ids_of

    assert image_ids_of(mime_with_ids([3, 14, 15])) == [3, 14, 15]
