"""The mask painter on a real stage canvas, driven by real mouse events on the X server;
what it writes is checked by the API's own input checks, as a send would be."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from lemon_desktop.api.profiles import InvalidRequest
from lemon_desktop.api.request import ImageRequest, InputImage
from lemon_desktop.api.routing import plan_request_now
from lemon_desktop.ui.stage.mask import MaskDocument, MaskProblem, png_bytes
from lemon_desktop.ui.stage.mask_painter import MaskBar, MaskPainter
from lemon_desktop.ui.stage.stage_view import StageCanvas

pytestmark = pytest.mark.gui

W, H = 400, 300


@pytest.fixture
def canvas(qtbot: QtBot) -> Iterator[StageCanvas]:
    made = StageCanvas()
    qtbot.addWidget(made)
    made.resize(W, H)  # the picture's size: fitted at 100 %, widget point = picture pixel
    picture = QImage(W, H, QImage.Format.Format_RGB32)
    picture.fill(Qt.GlobalColor.darkGreen)
    made.set_levels([picture])
    made.show()
    qtbot.waitExposed(made)
    yield made


@pytest.fixture
def painter(canvas: StageCanvas) -> MaskPainter:
    made = MaskPainter(canvas)
    made.start(QSize(W, H))
    return made


def drag(canvas: StageCanvas, *points: tuple[int, int]) -> None:
    first, *rest = [QPoint(x, y) for x, y in points]
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, first)
    for point in rest:
        QTest.mouseMove(canvas, point)
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rest[-1])


def coverage(painter: MaskPainter, x: int, y: int) -> int:
    assert painter.document is not None
    return painter.document.coverage.pixelColor(x, y).alpha()


def test_the_canvas_maps_the_mouse_to_picture_pixels(canvas: StageCanvas) -> None:
    assert canvas.effective_scale() == pytest.approx(1.0)
    assert canvas.image_point(QPointF(10, 20)) == QPointF(10, 20)


def test_brush_rectangle_lasso_eraser_undo_redo(painter: MaskPainter, canvas: StageCanvas) -> None:
    painter.size, painter.hardness = 20, 1.0
    drag(canvas, (30, 30), (60, 30), (90, 30))
    assert coverage(painter, 60, 30) == 255 and coverage(painter, 60, 60) == 0
    painter.tool = "rect"
    drag(canvas, (200, 100), (260, 140), (300, 180))
    assert coverage(painter, 250, 150) == 255 and coverage(painter, 310, 150) == 0
    painter.tool = "lasso"
    drag(canvas, (20, 200), (120, 200), (120, 280), (20, 280))
    assert coverage(painter, 70, 240) == 255 and coverage(painter, 150, 240) == 0
    painter.tool = "eraser"
    drag(canvas, (250, 150), (251, 150))
    assert coverage(painter, 250, 150) == 0 and coverage(painter, 205, 105) == 255
    document = painter.document
    assert document is not None
    document.undo()  # the eraser
    assert coverage(painter, 250, 150) == 255
    document.undo()  # the lasso
    assert coverage(painter, 70, 240) == 0
    document.redo()
    assert coverage(painter, 70, 240) == 255


def test_hardness_gives_a_soft_edge(painter: MaskPainter, canvas: StageCanvas) -> None:
    painter.size, painter.hardness = 80, 0.0
    drag(canvas, (200, 150), (200, 150))
    centre, edge = coverage(painter, 200, 150), coverage(painter, 230, 150)
    assert centre > edge > 0


def test_invert_and_clear(painter: MaskPainter) -> None:
    document = painter.document
    assert document is not None
    document.fill_rect(_rect(0, 0, 100, 100))
    document.invert()
    assert coverage(painter, 50, 50) == 0 and coverage(painter, 200, 200) == 255
    document.clear()
    assert coverage(painter, 200, 200) == 0
    document.undo()
    assert coverage(painter, 200, 200) == 255


def _rect(x: int, y: int, w: int, h: int) -> QRectF:
    return QRectF(x, y, w, h)


def test_the_mask_is_what_the_route_needs(painter: MaskPainter, tmp_path: Path) -> None:
    """Transparent where painted, opaque elsewhere, the picture's size; the API's input
    checks accept it for a gpt-image-2 edit of that picture."""
    document = painter.document
    assert document is not None
    document.fill_rect(_rect(100, 50, 120, 80))
    data = png_bytes(document.snapshot())
    mask = Image.open(io.BytesIO(data))
    assert mask.format == "PNG" and mask.size == (W, H) and "A" in mask.getbands()
    assert mask.getchannel("A").getpixel((150, 90)) == 0  # edited
    assert mask.getchannel("A").getpixel((10, 10)) == 255  # kept
    source = tmp_path / "source.png"
    Image.new("RGB", (W, H), (20, 120, 40)).save(source)
    mask_file = tmp_path / "mask.png"
    mask_file.write_bytes(data)
    request = ImageRequest(
        model="gpt-image-2",
        prompt="a red door",
        inputs=(InputImage(_sha(source), path=str(source)),),
        mask=InputImage(_sha(mask_file), path=str(mask_file)),
        operation="edit",
    )
    plan = plan_request_now(request)
    assert plan.inputs is not None and plan.inputs.mask is not None
    # A mask of another size is refused by the same checks.
    wrong = tmp_path / "wrong.png"
    Image.new("RGBA", (W // 2, H), (0, 0, 0, 0)).save(wrong)
    with pytest.raises(InvalidRequest, match="mask"):
        plan_request_now(
            ImageRequest(
                model="gpt-image-2",
                prompt="a red door",
                inputs=request.inputs,
                mask=InputImage(_sha(wrong), path=str(wrong)),
                operation="edit",
            )
        )


def test_nothing_or_everything_is_refused_before_sending(painter: MaskPainter) -> None:
    document = painter.document
    assert document is not None
    with pytest.raises(MaskProblem, match="empty"):
        png_bytes(document.snapshot())
    document.invert()
    with pytest.raises(MaskProblem, match="whole picture"):
        png_bytes(document.snapshot())


def test_a_mask_is_reused_as_it_was_written(painter: MaskPainter) -> None:
    document = painter.document
    assert document is not None
    document.fill_rect(_rect(10, 10, 50, 40))
    data = png_bytes(document.snapshot())
    again = MaskDocument(QSize(W, H))
    again.load_png(data)
    assert again.coverage.pixelColor(30, 30).alpha() == 255
    assert again.coverage.pixelColor(200, 200).alpha() == 0
    with pytest.raises(MaskProblem, match="cannot be laid over"):
        MaskDocument(QSize(W + 1, H)).load_png(data)


def test_the_bar_follows_the_painter(
    painter: MaskPainter, qtbot: QtBot, canvas: StageCanvas
) -> None:
    bar = MaskBar(painter)
    qtbot.addWidget(bar)
    assert not bar.undo_action.isEnabled()
    painter.tool = "rect"
    drag(canvas, (10, 10), (40, 40))
    assert bar.undo_action.isEnabled() and not bar.redo_action.isEnabled()
    bar.undo_action.trigger()
    assert bar.redo_action.isEnabled() and coverage(painter, 20, 20) == 0
    bar.size_slider.setValue(33)
    assert painter.size == 33 and bar.size_label.text() == "33 px"
    bar.tools["lasso"].trigger()
    assert bar.painter.tool == "lasso"
    painter.stop()
    assert canvas.tool is None and not bar.use.isEnabled()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
