"""The mask painter over the stage: brush and eraser with size and hardness, rectangle
and lasso, invert, clear, undo and redo, with the painted area shown as a red overlay.

The painter is the stage's tool while it is open (it takes the left button; the middle
button still pans, the wheel still zooms) and one of its layers (the overlay, the
rectangle or lasso being drawn, the brush outline).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from PySide6.QtCore import QObject, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QLabel, QSlider, QToolBar, QWidget

from .mask import MaskDocument
from .stage_view import StageCanvas

Tool = Literal["brush", "eraser", "rect", "lasso"]
TOOLS: tuple[Tool, ...] = ("brush", "eraser", "rect", "lasso")
OVERLAY = QColor(255, 48, 48)
OVERLAY_OPACITY = 0.5
MIN_BRUSH, MAX_BRUSH = 2, 1024


class MaskPainter(QObject):
    """Paints into a MaskDocument from the stage's mouse events."""

    changed = Signal()

    def __init__(self, canvas: StageCanvas, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.document: MaskDocument | None = None
        self.tool: Tool = "brush"
        self.size = 64.0  # brush diameter in picture pixels
        self.hardness = 0.8
        self._pressed = False
        self._start = QPointF()
        self._lasso: list[QPointF] = []
        self._rect: QRectF | None = None
        self._hover: QPointF | None = None  # widget coordinates, for the brush outline

    @property
    def active(self) -> bool:
        return self.document is not None

    def start(self, size: QSize) -> MaskDocument:
        """A new, empty mask for a picture of `size`; the painter takes the stage's mouse."""
        self.stop()
        document = MaskDocument(size, self)
        document.changed.connect(self._document_changed)
        self.document = document
        self.size = float(max(8, round(min(size.width(), size.height()) / 12)))
        self.canvas.tool = self
        if self not in self.canvas.layers:
            self.canvas.layers.append(self)
        self.canvas.setMouseTracking(True)
        self.canvas.setCursor(Qt.CursorShape.CrossCursor)
        self.canvas.update()
        self.changed.emit()
        return document

    def stop(self) -> None:
        if self.document is not None:
            self.document.end_stroke()
            self.document.deleteLater()
        self.document = None
        if self.canvas.tool is self:
            self.canvas.tool = None
        if self in self.canvas.layers:
            self.canvas.layers.remove(self)
        self.canvas.setMouseTracking(False)
        self.canvas.unsetCursor()
        self.canvas.update()
        self.changed.emit()

    def _document_changed(self) -> None:
        self.canvas.update()
        self.changed.emit()

    # -- the mouse (StageTool) ------------------------------------------------------------

    def press(self, event: QMouseEvent) -> bool:
        document = self.document
        if document is None:
            return False
        point = self.canvas.image_point(event.position())
        self._pressed = True
        self._start = point
        if self.tool in ("brush", "eraser"):
            document.begin_stroke(point, self.size / 2, self.hardness, self.tool == "eraser")
        elif self.tool == "rect":
            self._rect = QRectF(point, point)
        else:
            self._lasso = [point]
        return True

    def move(self, event: QMouseEvent) -> bool:
        document = self.document
        if document is None:
            return False
        self._hover = event.position()
        if self._pressed:
            point = self.canvas.image_point(event.position())
            if self.tool in ("brush", "eraser"):
                document.stroke_to(point, self.size / 2, self.hardness)
            elif self.tool == "rect":
                self._rect = QRectF(self._start, point)
            else:
                self._lasso.append(point)
        self.canvas.update()
        return True

    def release(self, event: QMouseEvent) -> bool:
        document = self.document
        if document is None or not self._pressed:
            return False
        self._pressed = False
        if self.tool in ("brush", "eraser"):
            document.end_stroke()
        elif self.tool == "rect" and self._rect is not None:
            document.fill_rect(self._rect)
        elif self.tool == "lasso":
            document.fill_polygon(self._lasso)
        self._rect = None
        self._lasso = []
        self.canvas.update()
        return True

    # -- drawing (StageLayer) -------------------------------------------------------------

    def paint(self, painter: QPainter, target: QRectF) -> None:
        document = self.document
        if document is None or target.isEmpty():
            return
        visible = target.intersected(QRectF(self.canvas.rect()))
        if not visible.isEmpty():
            painter.setOpacity(OVERLAY_OPACITY)
            painter.drawImage(visible, _tinted(document.coverage, target, visible, self.canvas))
            painter.setOpacity(1.0)
        scale = target.width() / max(1, document.size.width())

        def on_screen(point: QPointF) -> QPointF:
            return target.topLeft() + point * scale

        outline = QPen(QColor(255, 255, 255), 1.5, Qt.PenStyle.DashLine)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(outline)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self._rect is not None:
            rect = self._rect.normalized()
            painter.drawRect(QRectF(on_screen(rect.topLeft()), on_screen(rect.bottomRight())))
        if len(self._lasso) > 1:
            painter.drawPolyline(QPolygonF([on_screen(p) for p in self._lasso]))
        if self._hover is not None and self.tool in ("brush", "eraser"):
            radius = self.size / 2 * scale
            painter.setPen(QPen(QColor(0, 0, 0, 160), 3))
            painter.drawEllipse(self._hover, radius, radius)
            painter.setPen(QPen(QColor(255, 255, 255), 1.5))
            painter.drawEllipse(self._hover, radius, radius)


def _tinted(coverage: QImage, target: QRectF, visible: QRectF, canvas: QWidget) -> QImage:
    """The visible part of the mask in the overlay colour, at screen resolution."""
    ratio = canvas.devicePixelRatioF()
    size = QSize(max(1, round(visible.width() * ratio)), max(1, round(visible.height() * ratio)))
    tint = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    tint.fill(OVERLAY)
    scale = coverage.width() / max(1e-6, target.width())
    source = QRectF(
        (visible.left() - target.left()) * scale,
        (visible.top() - target.top()) * scale,
        visible.width() * scale,
        visible.height() * scale,
    )
    painter = QPainter(tint)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationIn)
    painter.drawImage(QRectF(0, 0, size.width(), size.height()), coverage, source)
    painter.end()
    return tint


class MaskBar(QToolBar):
    """The painter's controls, shown above the stage while a mask is painted."""

    finished = Signal()  # "Use mask": hand the mask to the edit
    cancelled = Signal()
    reuse_requested = Signal()  # the mask the shown image was made with

    def __init__(self, painter: MaskPainter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("maskBar")
        self.setMovable(False)
        self.setFloatable(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.painter = painter
        # First, so that at laptop size the bar's » menu never hides them.
        self.use = self._button(self.tr("Use mask"), self.finished.emit)
        self.use.setToolTip(self.tr("Edit the painted area: the prompt says what goes there"))
        font = self.use.font()
        font.setBold(True)
        self.use.setFont(font)
        self.cancel = self._button(self.tr("Cancel"), self.cancelled.emit)
        self.addSeparator()
        self.tool_group = QActionGroup(self)
        self.tools: dict[Tool, QAction] = {}
        names = {
            "brush": self.tr("Brush"),
            "eraser": self.tr("Eraser"),
            "rect": self.tr("Rectangle"),
            "lasso": self.tr("Lasso"),
        }
        for tool in TOOLS:
            action = QAction(names[tool], self.tool_group)
            action.setCheckable(True)
            action.triggered.connect(lambda _c=False, t=tool: self._choose(t))
            self.addAction(action)
            self.tools[tool] = action
        self.tools["brush"].setChecked(True)
        self.addSeparator()
        self.addWidget(QLabel(self.tr("Size"), self))
        self.size_slider = self._slider(MIN_BRUSH, MAX_BRUSH, self.tr("Brush size (pixels)"))
        self.size_label = QLabel(self)
        self.size_label.setMinimumWidth(44)
        self.addWidget(self.size_label)
        self.size_slider.valueChanged.connect(self._size)
        self.addWidget(QLabel(self.tr("Hardness"), self))
        self.hardness_slider = self._slider(0, 100, self.tr("Hardness: soft to hard edge"))
        self.hardness_slider.valueChanged.connect(self._hardness)
        self.addSeparator()
        self.undo_action = self._button(self.tr("Undo"), lambda: self._document_call("undo"))
        self.redo_action = self._button(self.tr("Redo"), lambda: self._document_call("redo"))
        self.invert_action = self._button(self.tr("Invert"), lambda: self._document_call("invert"))
        self.clear_action = self._button(self.tr("Clear"), lambda: self._document_call("clear"))
        self.reuse = self._button(self.tr("Same area as before"), self.reuse_requested.emit)
        self.reuse.setToolTip(self.tr("Load the mask this image was made with"))
        self.reuse.setEnabled(False)
        painter.changed.connect(self.refresh)
        self.refresh()

    def _slider(self, low: int, high: int, tip: str) -> QSlider:
        slider = QSlider(Qt.Orientation.Horizontal, self)
        slider.setRange(low, high)
        slider.setFixedWidth(90)
        slider.setToolTip(tip)
        slider.setAccessibleName(tip)
        self.addWidget(slider)
        return slider

    def _button(self, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _c=False: slot())
        self.addAction(action)
        return action

    def _choose(self, tool: Tool) -> None:
        self.painter.tool = tool
        self.painter.canvas.update()

    def _size(self, value: int) -> None:
        self.painter.size = float(value)
        self.size_label.setText(f"{value} px")
        self.painter.canvas.update()

    def _hardness(self, value: int) -> None:
        self.painter.hardness = value / 100

    def _document_call(self, name: str) -> None:
        document = self.painter.document
        if document is not None:
            getattr(document, name)()

    def refresh(self) -> None:
        """Follow the painter: its size and hardness, what undo and redo can do."""
        document = self.painter.document
        for widget in (self.size_slider, self.hardness_slider):
            widget.blockSignals(True)
        self.size_slider.setValue(round(self.painter.size))
        self.hardness_slider.setValue(round(self.painter.hardness * 100))
        for widget in (self.size_slider, self.hardness_slider):
            widget.blockSignals(False)
        self.size_label.setText(f"{round(self.painter.size)} px")
        self.tools[self.painter.tool].setChecked(True)
        self.undo_action.setEnabled(document is not None and document.can_undo)
        self.redo_action.setEnabled(document is not None and document.can_redo)
        for action in (self.invert_action, self.clear_action, self.use):
            action.setEnabled(document is not None)
