"""The stage in the main window against a real sandbox gateway, on a real X server:
streamed previews in place, a mask painted with the mouse, undone and sent, the
composite and its before/after, and the image actions from the gallery's menu."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QAction, QImage
from PySide6.QtTest import QTest

from lemon_desktop.jobs import Job
from lemon_desktop.library import ImageRecord, Library
from lemon_desktop.sandbox import SandboxServer
from lemon_desktop.sandbox.editing import repaint_colour
from lemon_desktop.ui import shortcuts
from lemon_desktop.ui.gallery import actions as gallery_actions
from lemon_desktop.ui.main_window import MainWindow
from lemon_desktop.ui.stage.decode import decode_bytes, decode_levels
from lemon_desktop.ui.stage.details import WholeText
from lemon_desktop.ui.stage.panel import StagePanel
from lemon_desktop.ui.stage.stage_view import StageCanvas
from tests.ui_helpers import Loop, connect, until

pytest_plugins = ["tests.ui_fixtures"]
pytestmark = pytest.mark.gui

GREY = (120, 130, 140)


def png(size: tuple[int, int], colour: tuple[int, int, int] = GREY) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


async def ready(window: MainWindow, sandbox: SandboxServer) -> StagePanel:
    await connect(window, sandbox)
    await until(lambda: window.stage is not None and window.gallery is not None, message="stage")
    assert window.stage is not None
    return window.stage


async def add_image(window: MainWindow, size: tuple[int, int]) -> ImageRecord:
    library = window.services.library
    assert library is not None
    return await asyncio.to_thread(library.add_bytes, png(size))


def jobs(window: MainWindow) -> list[Job]:
    model = window.queue_panel.model
    return [j for j in (model.job(r) for r in range(model.rowCount())) if j is not None]


def on_screen(canvas: StageCanvas, x: float, y: float) -> QPoint:
    """The widget point over picture pixel (x, y)."""
    target = canvas.image_rect()
    scale = target.width() / canvas.image_size.width()
    return (target.topLeft() + QPointF(x, y) * scale).toPoint()


def drag(canvas: StageCanvas, *points: QPoint) -> None:
    first, *rest = points
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, first)
    for point in rest:
        QTest.mouseMove(canvas, point)
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rest[-1])


def pixel(library: Library, image_id: int, x: int, y: int) -> tuple[int, ...]:
    with Image.open(library.get(image_id).path) as image:
        value = image.convert("RGB").getpixel((x, y))
    assert isinstance(value, tuple)
    return value


def test_streamed_previews_grow_in_place_on_the_stage(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        stage = await ready(window, sandbox)
        previews: list[tuple[int, int]] = []

        def seen() -> None:
            image = stage.canvas.shown_image
            assert image is not None
            previews.append((image.width(), image.height()))

        stage.preview_shown.connect(seen)
        panel = window.generate
        panel.select_model("gpt-image-2", {"partial_images": 3, "size": "1536x1024"})
        panel.prompt.set_text("a lemon grove in the rain, streamed")
        await until(panel.generate.isEnabled, message=f"Generate: {panel.reason.text()}")
        QTest.mouseClick(panel.generate, Qt.MouseButton.LeftButton)
        await until(lambda: stage.following is not None, message="the stage follows the job")
        await until(lambda: previews, timeout=30, message="a streamed preview on the stage")
        assert previews[0] == (1536, 1024)
        # Over the picture: the model, the state and the elapsed time.
        assert stage.overlay.isVisible()
        assert "gpt-image-2" in stage.overlay.text() and ":" in stage.overlay.text()
        job_id = stage.following
        await until(
            lambda: (
                stage.facts is not None
                and stage.facts.job is not None
                and stage.facts.job.id == job_id
                and stage.canvas.is_full
            ),
            timeout=30,
            message="the result on the stage",
        )
        assert stage.current_id is not None
        assert stage.bar.make["image_edit"].isEnabled()
        await until(lambda: "Done" in stage.overlay.text(), message="the final state shown")

    qloop.run(scenario(), timeout=90)


def test_a_mask_painted_with_the_mouse_undone_and_sent(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    prompt = "a red door in the wall"

    async def scenario() -> None:
        stage = await ready(window, sandbox)
        library = window.services.library
        assert library is not None
        source = await add_image(window, (512, 512))
        window.image_actions.edit(source.id)
        await until(lambda: stage.painter.active and stage.canvas.is_full, message="painter")
        assert stage.mask_bar.isVisible() and stage.current_id == source.id
        canvas = stage.canvas
        # A rectangle over the middle, then a brush stroke in a corner, undone.
        stage.mask_bar.tools["rect"].trigger()
        drag(canvas, on_screen(canvas, 128, 128), on_screen(canvas, 300, 300),
             on_screen(canvas, 384, 384))  # fmt: skip
        stage.mask_bar.tools["brush"].trigger()
        stage.mask_bar.size_slider.setValue(60)
        drag(canvas, on_screen(canvas, 40, 470), on_screen(canvas, 90, 470))
        document = stage.painter.document
        assert document is not None
        assert document.coverage.pixelColor(60, 470).alpha() == 255
        canvas.setFocus()
        QTest.keyClick(canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert document.coverage.pixelColor(60, 470).alpha() == 0, "the stroke is undone"
        assert document.coverage.pixelColor(256, 256).alpha() == 255, "the rectangle stays"
        assert window.marks.stack.count() == 0, "Ctrl+Z undid a stroke, not a rating"
        stage.mask_bar.use.trigger()
        panel = window.generate
        await until(
            lambda: panel.edit_source is not None and panel.edit_source.mask is not None,
            message="the mask handed to the panel",
        )
        assert not stage.painter.active
        with Image.open(stage.mask_path or "") as mask:
            assert mask.size == (512, 512) and mask.getchannel("A").getpixel((256, 256)) == 0
        panel.select_model("gpt-image-2")
        panel.prompt.set_text(prompt)
        await until(panel.generate.isEnabled, message=f"Generate: {panel.reason.text()}")
        QTest.mouseClick(panel.generate, Qt.MouseButton.LeftButton)
        await until(
            lambda: (
                stage.facts is not None
                and stage.facts.outcome is not None
                and stage.current_id == stage.facts.outcome.composite_id
                and stage.canvas.is_full
            ),
            timeout=40,
            message="the composite on the stage",
        )
        assert stage.facts is not None
        outcome = stage.facts.outcome
        assert outcome is not None and outcome.composite_id is not None
        assert outcome.original_id == source.id and outcome.change_map_id is not None
        job = stage.facts.job
        assert job is not None and job.request.operation == "edit"
        assert job.request.mask is not None and job.options.composite is not None
        # The sandbox repainted the masked area in the prompt's colour; outside it the
        # composite is the original exactly.
        painted = repaint_colour(prompt, 0)
        assert pixel(library, outcome.composite_id, 256, 256) == painted
        assert pixel(library, outcome.composite_id, 20, 20) == GREY
        assert pixel(library, outcome.composite_id, 60, 470) == GREY
        # Composite on by default; the raw result and the heat map a click away.
        bar = stage.wipe_bar
        assert bar.isVisible() and bar.composite.isChecked()
        assert "%" in bar.figure.text() and bar.figure.toolTip()
        bar.raw.trigger()
        await until(lambda: stage.current_id == outcome.raw_id, message="the raw result")
        bar.heatmap.trigger()
        await until(lambda: stage.current_id == outcome.change_map_id, message="the heat map")
        bar.composite.trigger()
        await until(lambda: stage.current_id == outcome.composite_id, message="composite")
        assert bar.composite.isChecked()
        # Before/after: the original under the wipe, moved by the slider.
        bar.wipe.trigger()
        await until(lambda: stage.wipe.active and stage.wipe.before, message="the wipe")
        bar.slider.setValue(250)
        assert stage.wipe.position == pytest.approx(0.25)
        bar.wipe.trigger()
        assert not stage.wipe.active
        # Lineage in the details: the composite was made from the raw result, the
        # original and the mask.
        await until(lambda: stage.details.record is not None, message="details")
        roles = {p.role for p in stage.facts.parents}
        assert {"result", "original", "mask"} <= roles
        # Re-prompt the same area: the mask comes back over the picture.
        stage.begin_edit(outcome.composite_id)
        await until(lambda: stage.painter.active, message="painter again")
        assert stage.mask_bar.reuse.isEnabled()
        stage.mask_bar.reuse.trigger()
        await until(
            lambda: (
                stage.painter.document is not None
                and stage.painter.document.coverage.pixelColor(256, 256).alpha() == 255
            ),
            message="the same area painted again",
        )
        QTest.keyClick(stage.canvas, Qt.Key.Key_Escape)
        assert not stage.painter.active

    qloop.run(scenario(), timeout=120)


def _menu_action(menu_actions: list[QAction], name: str) -> QAction:
    label = shortcuts.label(name)
    return next(a for a in menu_actions if a.text() == label)


def test_edit_vary_upscale_from_the_gallery_menu_make_the_right_jobs(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        stage = await ready(window, sandbox)
        gallery = window.gallery
        assert gallery is not None
        record = await add_image(window, (256, 256))
        await until(lambda: gallery.select_image(record.id), message="the image in the grid")
        await until(lambda: stage.current_id == record.id, message="the grid's image on stage")
        menu = gallery.build_menu()
        actions = menu.actions()
        expected = {
            "image_vary": ("variation", "dall-e-2"),
            "image_upscale": ("upscale", "image-upscaler"),
            "image_remove_background": ("remove-background", "image-background-remover"),
        }
        for name in expected:
            _menu_action(actions, name).trigger()
        await until(lambda: len(jobs(window)) >= 3, timeout=20, message="three jobs")
        made: dict[str, Job] = {j.request.operation: j for j in jobs(window)}
        for operation, model in expected.values():
            job = made[operation]
            assert job.model == model
            assert [i.image_id for i in job.request.inputs] == [record.id]
        # The key in the grid does the same as the menu.
        gallery.view.setFocus()
        QTest.keyClick(gallery.view, Qt.Key.Key_V)
        await until(
            lambda: sum(j.request.operation == "variation" for j in jobs(window)) == 2,
            message="a second variation by key",
        )
        # Use as reference: into the panel's tray.
        _menu_action(actions, "image_reference").trigger()
        await until(
            lambda: [i.image_id for i in window.generate.tray.references()] == [record.id],
            message="the image in the reference tray",
        )
        # Edit: the mask painter over the image on the stage, the panel editing it.
        _menu_action(actions, "image_edit").trigger()
        await until(lambda: stage.painter.active, message="the mask painter")
        await until(
            lambda: (
                window.generate.edit_source is not None
                and window.generate.edit_source.image.image_id == record.id
            ),
            message="the panel edits the image",
        )
        await until(
            lambda: all(j.state.finished for j in jobs(window)), timeout=30, message="jobs end"
        )

    qloop.run(scenario(), timeout=90)


def test_details_show_every_field_whole_and_the_filmstrip_moves_with_the_keys(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    def record_url(url: QUrl) -> bool:
        opened.append(url.toLocalFile())
        return True

    monkeypatch.setattr(gallery_actions, "open_url", record_url)

    async def scenario() -> None:
        window.resize(1024, 700)
        stage = await ready(window, sandbox)
        panel = window.generate
        panel.select_model("dall-e-2", {"n": 3})
        panel.prompt.set_text("three lemons, one by one")
        await until(panel.generate.isEnabled, message=f"Generate: {panel.reason.text()}")
        QTest.mouseClick(panel.generate, Qt.MouseButton.LeftButton)
        await until(
            lambda: stage.facts is not None and len(stage.facts.strip) == 3,
            timeout=30,
            message="the batch in the filmstrip",
        )
        assert stage.filmstrip.isVisible() and stage.filmstrip.count() == 3
        strip = [item.shown_id for item in stage.facts.strip]  # type: ignore[union-attr]
        stage.show_image(strip[0])
        await until(lambda: stage.details.record is not None and stage.current_id == strip[0])
        stage.canvas.setFocus()
        QTest.keyClick(stage.canvas, Qt.Key.Key_Right)
        assert stage.current_id == strip[1]
        QTest.keyClick(stage.canvas, Qt.Key.Key_Left)
        assert stage.current_id == strip[0]
        # Rating and favourite by key on the stage, undoable from the window.
        QTest.keyClick(stage.canvas, Qt.Key.Key_4)
        library = window.services.library
        assert library is not None
        await until(lambda: window.marks.idle and library.get(strip[0]).rating == 4)
        await until(lambda: stage.bar.rating_button.text().startswith("★★★★☆"))
        # Details: the path and the hash whole at laptop size, not clipped.
        stage.bar.details.trigger()
        await until(lambda: stage.details.isVisible() and stage.details.record is not None)
        record = library.get(strip[0])
        texts = {w.toPlainText(): w for w in stage.details.findChildren(WholeText)}
        for value in (str(record.path), record.sha256):
            shown = texts[value]
            assert shown.document().size().height() <= shown.height() + 1
        # Open the file, reveal it in its folder, full screen, delete: from the stage.
        stage.bar.open_file.trigger()
        await until(lambda: len(opened) == 1, message="opened")  # the record read in a worker
        stage.bar.reveal.trigger()
        await until(lambda: len(opened) == 2, message="revealed")
        assert opened == [str(record.path), str(record.path.parent)]
        stage.bar.full_screen.trigger()
        viewer = window.viewer
        assert viewer is not None and viewer.isFullScreen() and viewer.current_id == strip[0]
        viewer.close()
        stage.bar.delete.trigger()
        await until(lambda: library.get(strip[0]).deleted, message="moved to the trash")

    qloop.run(scenario(), timeout=90)


def test_the_stage_fills_the_middle_of_the_window(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        window.resize(1024, 700)
        stage = await ready(window, sandbox)
        record = await add_image(window, (64, 64))
        gallery = window.gallery
        assert gallery is not None
        stage.show_latest()  # what the window does once the library is open
        await until(lambda: stage.current_id == record.id, message="the latest image")
        # The stage is the widest thing right of the panel, and tall.
        assert stage.width() > gallery.width()
        assert stage.canvas.height() >= 250

    qloop.run(scenario())


def test_decoding_keeps_the_colours_and_halves_down_to_the_screen(tmp_path: Path) -> None:
    """Pillow decodes (it lets the GUI thread run); the QImages wrap its bytes in the
    order the painter draws: a wrong byte order would turn red into blue."""
    opaque = tmp_path / "opaque.png"
    Image.new("RGB", (1200, 900), (220, 30, 10)).save(opaque)
    levels = decode_levels(opaque)
    assert [(i.width(), i.height()) for i in levels] == [(1200, 900), (600, 450)]
    assert levels[0].format() == QImage.Format.Format_RGB32
    assert levels[0].pixelColor(5, 5).getRgb() == (220, 30, 10, 255)
    assert levels[1].pixelColor(5, 5).getRgb() == (220, 30, 10, 255)
    clear = tmp_path / "clear.png"
    Image.new("RGBA", (64, 64), (10, 200, 30, 0)).save(clear)
    [cut_out] = decode_levels(clear)
    assert cut_out.hasAlphaChannel() and cut_out.pixelColor(1, 1).alpha() == 0
    assert decode_bytes(b"not an image").isNull()
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n broken")
    with pytest.raises(OSError, match=r"broken\.png"):
        decode_levels(broken)
