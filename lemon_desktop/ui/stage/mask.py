"""The mask being painted: how strongly each pixel of the picture is to be edited.

Kept as one byte per pixel of the picture (an Alpha8 image the size of the first input,
so 16 MB for a 4096x4096 picture), painted with QPainter. Every stroke, rectangle,
lasso, invert or clear can be undone; the snapshots are capped by memory, the oldest
dropped first.

The gateway's masks work the other way round (OpenAI's rule, which the API checks in
api/input_checks.py): a PNG whose transparent pixels are edited and whose opaque pixels
are kept. `png_bytes` writes exactly that, the size of the picture.
"""

from __future__ import annotations

import io

from PIL import Image
from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QPainter,
    QPainterPath,
    QPolygonF,
    QRadialGradient,
)

UNDO_BYTES = 256 * 1024 * 1024  # snapshots kept for undo, at most
_FULL = QColor(0, 0, 0, 255)


class MaskProblem(ValueError):
    """The mask cannot be sent as it is; the message says why and what to do."""


class MaskDocument(QObject):
    changed = Signal()  # the pixels, or what undo and redo can do, changed

    def __init__(self, size: QSize, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.coverage = QImage(size, QImage.Format.Format_Alpha8)
        self.coverage.fill(0)
        self._undo: list[QImage] = []
        self._redo: list[QImage] = []
        self._painter: QPainter | None = None
        self._last: QPointF | None = None

    @property
    def size(self) -> QSize:
        return self.coverage.size()

    # -- undo ------------------------------------------------------------------------------

    def checkpoint(self) -> None:
        """Remember the pixels before a change (one undo step)."""
        self._undo.append(self.coverage.copy())
        self._redo.clear()
        limit = max(1, UNDO_BYTES // max(1, self.coverage.sizeInBytes()))
        del self._undo[:-limit]

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> None:
        if self._undo:
            self.end_stroke()
            self._redo.append(self.coverage)
            self.coverage = self._undo.pop()
            self.changed.emit()

    def redo(self) -> None:
        if self._redo:
            self.end_stroke()
            self._undo.append(self.coverage)
            self.coverage = self._redo.pop()
            self.changed.emit()

    # -- painting ------------------------------------------------------------------------

    def begin_stroke(self, point: QPointF, radius: float, hardness: float, erase: bool) -> None:
        self.end_stroke()
        self.checkpoint()
        painter = QPainter(self.coverage)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        if erase:
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationOut)
        self._painter = painter
        self._last = None
        self.stroke_to(point, radius, hardness)

    def stroke_to(self, point: QPointF, radius: float, hardness: float) -> None:
        """Dabs from the last point to `point`, a quarter of the radius apart, so a fast
        stroke leaves no gaps and a soft brush builds up evenly."""
        painter = self._painter
        if painter is None:
            return
        radius = max(0.5, radius)
        start = self._last or point
        distance = ((point.x() - start.x()) ** 2 + (point.y() - start.y()) ** 2) ** 0.5
        steps = max(1, int(distance / max(1.0, radius / 4)))
        for step in range(1 if self._last is not None else 0, steps + 1):
            t = step / steps
            centre = QPointF(
                start.x() + (point.x() - start.x()) * t, start.y() + (point.y() - start.y()) * t
            )
            painter.setBrush(_dab_brush(centre, radius, hardness))
            painter.drawEllipse(centre, radius, radius)
        self._last = point
        self.changed.emit()

    def end_stroke(self) -> None:
        if self._painter is not None:
            self._painter.end()
            self._painter = None
            self._last = None

    def fill_rect(self, rect: QRectF, erase: bool = False) -> None:
        path = QPainterPath()
        path.addRect(rect.normalized())
        self.fill_path(path, erase)

    def fill_polygon(self, points: list[QPointF], erase: bool = False) -> None:
        if len(points) < 3:
            return
        path = QPainterPath()
        path.addPolygon(QPolygonF(points))
        path.closeSubpath()
        self.fill_path(path, erase)

    def fill_path(self, path: QPainterPath, erase: bool = False) -> None:
        self.end_stroke()
        self.checkpoint()
        painter = QPainter(self.coverage)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if erase:
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationOut)
        painter.fillPath(path, _FULL)
        painter.end()
        self.changed.emit()

    def invert(self) -> None:
        self.end_stroke()
        self.checkpoint()
        self.coverage.invertPixels(QImage.InvertMode.InvertRgba)
        self.changed.emit()

    def clear(self) -> None:
        self.end_stroke()
        self.checkpoint()
        self.coverage.fill(0)
        self.changed.emit()

    # -- in and out ---------------------------------------------------------------------

    def load_png(self, data: bytes) -> None:
        """A mask PNG (transparent = edit), as the gateway takes it, painted anew here;
        MaskProblem when it is not the picture's size."""
        image = QImage.fromData(data)
        if image.isNull():
            raise MaskProblem(
                QCoreApplication.translate("MaskPainter", "The mask could not be read.")
            )
        if image.size() != self.size:
            raise MaskProblem(
                QCoreApplication.translate(
                    "MaskPainter", "The mask is %1 and the picture %2: it cannot be laid over it."
                )
                .replace("%1", f"{image.width()}x{image.height()}")
                .replace("%2", f"{self.size.width()}x{self.size.height()}")
            )
        coverage = image.convertToFormat(QImage.Format.Format_Alpha8)
        coverage.invertPixels(QImage.InvertMode.InvertRgba)
        self.end_stroke()
        self.checkpoint()
        self.coverage = coverage
        self.changed.emit()

    def snapshot(self) -> QImage:
        """A copy to hand to a worker (png_bytes runs off the GUI thread)."""
        self.end_stroke()
        return self.coverage.copy()


def png_bytes(coverage: QImage) -> bytes:
    """Blocking: the mask as the gateway takes it (PNG, transparent where the edit goes,
    the picture's size). MaskProblem when it would mask nothing or everything, which
    the gateway's routes refuse."""
    inverted = coverage.copy()
    inverted.invertPixels(QImage.InvertMode.InvertRgba)
    size = (inverted.width(), inverted.height())
    alpha = Image.frombuffer(
        "L", size, bytes(inverted.constBits()), "raw", "L", inverted.bytesPerLine(), 1
    )
    lowest, highest = (int(v) for v in alpha.getextrema())  # type: ignore[arg-type]
    if lowest > 0:
        raise MaskProblem(
            QCoreApplication.translate(
                "MaskPainter", "Paint where the picture should change first: the mask is empty."
            )
        )
    if highest == 0:
        raise MaskProblem(
            QCoreApplication.translate(
                "MaskPainter",
                "The mask covers the whole picture, so nothing would be kept: leave some "
                "of it unpainted, or edit without a mask.",
            )
        )
    image = Image.new("RGBA", size, (0, 0, 0, 255))
    image.putalpha(alpha)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)  # masks are flat: fast and still small
    return out.getvalue()


def _dab_brush(centre: QPointF, radius: float, hardness: float) -> QBrush:
    if hardness >= 0.99:
        return QBrush(_FULL)
    gradient = QRadialGradient(centre, radius)
    gradient.setColorAt(0.0, _FULL)
    gradient.setColorAt(max(0.0, min(0.99, hardness)), _FULL)
    gradient.setColorAt(1.0, QColor(0, 0, 0, 0))
    return QBrush(gradient)
