"""The viewer's image surface: fit, 100 %, wheel zoom around the cursor, pan, drag out."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDrag,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QWidget

from .dragdrop import mime_for_files

MIN_SCALE, MAX_SCALE = 0.02, 32.0
ZOOM_STEP = 1.25


class ImageCanvas(QWidget):
    zoom_changed = Signal(float)  # the effective scale, 1.0 = 100 %

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(200, 200)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(False)
        self._pixmap: QPixmap | None = None
        self._image_size = QSize()  # of the full image, even while a thumbnail stands in
        self._full = False
        self._scale: float | None = None  # None: fit to the window
        self._center = QPointF()  # image point shown at the widget centre
        self._press: QPoint | None = None
        self._press_center = QPointF()
        self._dragging_view = False
        self.path: Path | None = None

    # -- content -----------------------------------------------------------------

    @property
    def is_full(self) -> bool:
        """True once the decoded image (not the thumbnail stand-in) is shown."""
        return self._full

    @property
    def image_size(self) -> QSize:
        return QSize(self._image_size)

    @property
    def pixmap(self) -> QPixmap | None:
        return self._pixmap

    def set_preview(self, pixmap: QPixmap | None, full_size: QSize, path: Path | None) -> None:
        """Show a stand-in (thumbnail) at the full image's logical size; resets zoom."""
        self._pixmap = pixmap
        self._image_size = QSize(full_size)
        self._full = False
        self.path = path
        self._scale = None
        self._center = QPointF(full_size.width() / 2, full_size.height() / 2)
        self.update()
        self.zoom_changed.emit(self.effective_scale())

    def set_image(self, image: QImage) -> None:
        """The decoded image replaces the stand-in; zoom and pan stay."""
        size = image.size()
        if size != self._image_size and self._image_size.isValid():
            # EXIF rotation can swap the sides: keep the same relative spot in view.
            fx = self._center.x() / max(1, self._image_size.width())
            fy = self._center.y() / max(1, self._image_size.height())
            self._center = QPointF(fx * size.width(), fy * size.height())
        self._image_size = size
        self._pixmap = QPixmap.fromImage(image)  # on the GUI thread, never in the worker
        self._full = True
        self._clamp()
        self.update()
        self.zoom_changed.emit(self.effective_scale())

    def clear(self) -> None:
        self.set_preview(None, QSize(), None)

    # -- zoom & pan ------------------------------------------------------------------

    def fit_scale(self) -> float:
        w, h = self._image_size.width(), self._image_size.height()
        if w <= 0 or h <= 0:
            return 1.0
        # Fit never enlarges: a small image stays crisp at 100 %.
        return min(1.0, self.width() / w, self.height() / h)

    def effective_scale(self) -> float:
        return self.fit_scale() if self._scale is None else self._scale

    @property
    def fitted(self) -> bool:
        return self._scale is None

    def fit(self) -> None:
        self._scale = None
        self._center = QPointF(self._image_size.width() / 2, self._image_size.height() / 2)
        self.update()
        self.zoom_changed.emit(self.effective_scale())

    def set_scale(self, scale: float, anchor: QPointF | None = None) -> None:
        """Zoom to `scale`, keeping the image point under `anchor` (widget coords) still."""
        scale = max(MIN_SCALE, min(MAX_SCALE, scale))
        if anchor is not None:
            before = self._to_image(anchor)
            self._scale = scale
            offset = (anchor - QPointF(self.width() / 2, self.height() / 2)) / scale
            self._center = before - offset
        else:
            self._scale = scale
        self._clamp()
        self.update()
        self.zoom_changed.emit(scale)

    def actual_size(self) -> None:
        self.set_scale(1.0)

    def zoom_in(self, anchor: QPointF | None = None) -> None:
        self.set_scale(self.effective_scale() * ZOOM_STEP, anchor)

    def zoom_out(self, anchor: QPointF | None = None) -> None:
        self.set_scale(self.effective_scale() / ZOOM_STEP, anchor)

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the view by widget pixels (positive: see more to the right/bottom)."""
        scale = self.effective_scale()
        self._center += QPointF(dx / scale, dy / scale)
        self._clamp()
        self.update()

    @property
    def center(self) -> QPointF:
        return QPointF(self._center)

    def can_pan(self) -> bool:
        scale = self.effective_scale()
        return (
            self._image_size.width() * scale > self.width() + 0.5
            or self._image_size.height() * scale > self.height() + 0.5
        )

    def _to_image(self, point: QPointF) -> QPointF:
        scale = self.effective_scale()
        return self._center + (point - QPointF(self.width() / 2, self.height() / 2)) / scale

    def _clamp(self) -> None:
        scale = self.effective_scale()
        x, y = self._center.x(), self._center.y()
        for axis, view in ((0, self.width()), (1, self.height())):
            extent = self._image_size.width() if axis == 0 else self._image_size.height()
            half = view / 2 / scale
            if extent * scale <= view:
                value = extent / 2  # smaller than the window: centred, no panning
            else:
                value = min(max(x if axis == 0 else y, half), extent - half)
            if axis == 0:
                x = value
            else:
                y = value
        self._center = QPointF(x, y)

    def image_rect(self) -> QRectF:
        """Where the whole image lands in widget coordinates."""
        scale = self.effective_scale()
        w, h = self._image_size.width() * scale, self._image_size.height() * scale
        left = self.width() / 2 - self._center.x() * scale
        top = self.height() / 2 - self._center.y() * scale
        return QRectF(left, top, w, h)

    # -- events ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(24, 24, 26))
        if self._pixmap is not None and not self._pixmap.isNull():
            target = self.image_rect()
            if abs(self.effective_scale() - 1.0) > 1e-3 or not self._full:
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawPixmap(target, self._pixmap, QRectF(self._pixmap.rect()))
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._clamp()
        super().resizeEvent(event)
        if self._scale is None:
            self.zoom_changed.emit(self.effective_scale())

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.set_scale(self.effective_scale() * ZOOM_STEP**steps, event.position())
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
            self._press_center = QPointF(self._center)
            self._dragging_view = self.can_pan()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        delta = event.position().toPoint() - self._press
        if self._dragging_view:
            scale = self.effective_scale()
            self._center = self._press_center - QPointF(delta) / scale
            self._clamp()
            self.update()
        elif delta.manhattanLength() >= QApplication.startDragDistance() and self.path:
            # The whole image is visible, so a drag means "take the file elsewhere".
            self._press = None
            drag = QDrag(self)
            drag.setMimeData(mime_for_files([self.path]))
            if self._pixmap is not None:
                drag.setPixmap(
                    self._pixmap.scaled(
                        128,
                        128,
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )
            drag.exec(Qt.DropAction.CopyAction, Qt.DropAction.CopyAction)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None
        self._dragging_view = False
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        # Double click toggles between fit and 100 % at the clicked spot.
        if self.fitted:
            self.set_scale(1.0, event.position())
        else:
            self.fit()
