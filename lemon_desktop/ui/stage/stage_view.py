"""The stage's picture: fit, zoom and pan (the viewer's canvas), painted from the
smallest decoded copy that still fills the screen, with layers drawn over it (the
mask being painted, the before/after wipe) and a tool that takes the mouse first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QWidget

from ..gallery.canvas import ImageCanvas


class StageLayer(Protocol):
    """Something drawn over the picture, in widget coordinates; `target` is where the
    whole picture lands."""

    def paint(self, painter: QPainter, target: QRectF) -> None: ...


class StageTool(Protocol):
    """Takes the left mouse button while active (the mask painter, the wipe handle);
    returns False to leave an event to the canvas (pan, drag out)."""

    def press(self, event: QMouseEvent) -> bool: ...

    def move(self, event: QMouseEvent) -> bool: ...

    def release(self, event: QMouseEvent) -> bool: ...


class StageCanvas(ImageCanvas):
    """An ImageCanvas that keeps decoded QImages (never a QPixmap made on the GUI thread)
    and paints the best-sized one of them."""

    hovered = Signal(QPointF)  # the mouse, in widget coordinates, while a tool wants it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stageCanvas")
        # Beside the details at laptop size the picture may be small, never squeezed out.
        self.setMinimumSize(160, 160)
        self.setAccessibleName(self.tr("Picture"))
        self.setAccessibleDescription(
            self.tr(
                "Left and Right: the previous and next image; + and -: zoom; Ctrl+0: fit; "
                "F: favourite; 0 to 5: rate; E, R, V, U, B: edit, use as reference, vary, "
                "upscale, remove background"
            )
        )
        self._levels: list[QImage] = []
        self._stand_in: QImage | None = None  # a thumbnail or a streamed preview
        self.layers: list[StageLayer] = []
        self.tool: StageTool | None = None
        self._panning_from: QPointF | None = None
        self._pan_center = QPointF()
        self.background = QColor(28, 28, 30)

    # -- content ---------------------------------------------------------------------

    @property
    def levels(self) -> list[QImage]:
        return list(self._levels)

    def show_stand_in(self, image: QImage | QPixmap | None, full_size: QSize) -> None:
        """A thumbnail (or nothing) at the full picture's size until it is decoded."""
        self._levels = []
        if isinstance(image, QPixmap):
            image = image.toImage()
        self._stand_in = image if image is not None and not image.isNull() else None
        self.set_preview(None, full_size, None)

    def set_levels(self, levels: list[QImage], path: Path | None = None) -> None:
        """The decoded picture and its halvings (decode.decode_levels); zoom stays."""
        if not levels:
            return
        self._stand_in = None
        size = levels[0].size()
        if size != self._image_size and self._image_size.isValid():
            fx = self._center.x() / max(1, self._image_size.width())
            fy = self._center.y() / max(1, self._image_size.height())
            self._center = QPointF(fx * size.width(), fy * size.height())
        self._levels = list(levels)
        self._image_size = size
        self._full = True
        self.path = path
        self._clamp()
        self.update()
        self.zoom_changed.emit(self.effective_scale())

    def set_image(self, image: QImage) -> None:
        self.set_levels([image], self.path)

    def show_partial(self, image: QImage) -> None:
        """A streamed preview of a running job: shown at once, in place; a preview of
        another size starts fitted."""
        if image.isNull():
            return
        if image.size() != self._image_size:
            self.set_preview(None, image.size(), None)
        self._levels = []
        self._stand_in = image
        self._full = False
        self.update()

    def clear(self) -> None:
        self._levels = []
        self._stand_in = None
        super().clear()

    @property
    def shown_image(self) -> QImage | None:
        """The largest picture held (decoded, else the stand-in)."""
        if self._levels:
            return self._levels[0]
        return self._stand_in

    def image_point(self, widget_point: QPointF) -> QPointF:
        """The picture's pixel under a point of the widget."""
        return self._to_image(widget_point)

    def _level_for(self, target: QRectF) -> QImage | None:
        if not self._levels:
            return self._stand_in
        needed = target.width() * self.devicePixelRatioF()
        chosen = self._levels[0]
        for level in self._levels[1:]:
            if level.width() < needed:
                break
            chosen = level
        return chosen

    # -- painting ----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.background)
        target = self.image_rect()
        image = self._level_for(target)
        if image is not None and not image.isNull():
            if abs(target.width() - image.width()) > 0.5:
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, image, QRectF(image.rect()))
        for layer in self.layers:
            painter.save()
            layer.paint(painter, target)
            painter.restore()
        if self.hasFocus() and not self.window().isFullScreen():
            # Its keys act only while it has focus: show that it has (full screen, the
            # picture alone has it anyway).
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 2)
            painter.setPen(pen)
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        painter.end()

    # -- the mouse: the tool first, the middle button always pans -------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            self._panning_from = event.position()
            self._pan_center = QPointF(self._center)
            event.accept()
            return
        if (
            self.tool is not None
            and event.button() == Qt.MouseButton.LeftButton
            and self.tool.press(event)
        ):
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._panning_from is not None:
            scale = self.effective_scale()
            self._center = self._pan_center - (event.position() - self._panning_from) / scale
            self._clamp()
            self.update()
            return
        if self.tool is not None:
            self.hovered.emit(event.position())
            if self.tool.move(event):
                return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            self._panning_from = None
            return
        if (
            self.tool is not None
            and event.button() == Qt.MouseButton.LeftButton
            and self.tool.release(event)
        ):
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.tool is None:
            super().mouseDoubleClickEvent(event)
