"""After a masked edit: the composite (on by default) or the raw result, the heat map of
what the model changed outside the mask, and the original beside either of them under a
wipe: left of the line is before, right of it after. Drag the line, or the slider."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QHideEvent,
    QImage,
    QMouseEvent,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import QLabel, QSlider, QToolBar, QWidget

from .facts import EditOutcome
from .stage_view import StageCanvas

_GRAB = 14  # pixels either side of the line that pick it up


class WipeLayer(QObject):
    """Draws the original over the left part of the picture, up to the wipe line."""

    moved = Signal(float)

    def __init__(self, canvas: StageCanvas, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.before: list[QImage] = []  # the original, decoded with its halvings
        self.position = 0.5  # of the picture's width
        self._dragging = False

    @property
    def active(self) -> bool:
        return self in self.canvas.layers

    def start(self) -> None:
        if self not in self.canvas.layers:
            self.canvas.layers.append(self)
        self.canvas.tool = self
        self.canvas.setCursor(Qt.CursorShape.SplitHCursor)
        self.canvas.update()

    def stop(self) -> None:
        if self in self.canvas.layers:
            self.canvas.layers.remove(self)
        if self.canvas.tool is self:
            self.canvas.tool = None
            self.canvas.unsetCursor()
        self.canvas.update()

    def set_position(self, fraction: float) -> None:
        self.position = max(0.0, min(1.0, fraction))
        self.canvas.update()
        self.moved.emit(self.position)

    # -- StageTool ----------------------------------------------------------------------

    def press(self, event: QMouseEvent) -> bool:
        self._dragging = True
        self._follow(event.position())
        return True

    def move(self, event: QMouseEvent) -> bool:
        if self._dragging:
            self._follow(event.position())
            return True
        line = self._line_x(self.canvas.image_rect())
        near = abs(event.position().x() - line) <= _GRAB
        self.canvas.setCursor(
            Qt.CursorShape.SplitHCursor if near else Qt.CursorShape.OpenHandCursor
        )
        return False

    def release(self, event: QMouseEvent) -> bool:
        was = self._dragging
        self._dragging = False
        return was

    def _follow(self, point: QPointF) -> None:
        target = self.canvas.image_rect()
        if target.width() > 0:
            self.set_position((point.x() - target.left()) / target.width())

    def _line_x(self, target: QRectF) -> float:
        return target.left() + target.width() * self.position

    # -- StageLayer -----------------------------------------------------------------------

    def paint(self, painter: QPainter, target: QRectF) -> None:
        if target.isEmpty():
            return
        line = self._line_x(target)
        before = _best(self.before, target.width() * self.canvas.devicePixelRatioF())
        if before is not None:
            left = QRectF(target.left(), target.top(), line - target.left(), target.height())
            painter.setClipRect(left)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, before, QRectF(before.rect()))
            painter.setClipping(False)
        top = max(0.0, target.top())
        bottom = min(float(self.canvas.height()), target.bottom())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(0, 0, 0, 140), 4))
        painter.drawLine(QPointF(line, top), QPointF(line, bottom))
        painter.setPen(QPen(QColor(255, 255, 255), 2))
        painter.drawLine(QPointF(line, top), QPointF(line, bottom))
        middle = QPointF(line, (top + bottom) / 2)
        painter.setBrush(QColor(255, 255, 255))
        painter.drawEllipse(middle, 9, 9)
        painter.setPen(QColor(255, 255, 255))
        for text, x, align in (
            (self.tr("Before"), line - 8, Qt.AlignmentFlag.AlignRight),
            (self.tr("After"), line + 8, Qt.AlignmentFlag.AlignLeft),
        ):
            box = QRectF(x - 100 if align == Qt.AlignmentFlag.AlignRight else x, top + 8, 100, 20)
            painter.fillRect(
                painter.boundingRect(box, int(align), text).adjusted(-4, -1, 4, 1),
                QColor(0, 0, 0, 150),
            )
            painter.drawText(box, int(align), text)


def _best(levels: list[QImage], needed: float) -> QImage | None:
    if not levels:
        return None
    chosen = levels[0]
    for level in levels[1:]:
        if level.width() < needed:
            break
        chosen = level
    return chosen


class WipeBar(QToolBar):
    """Shown while the stage holds a masked edit's result."""

    version_chosen = Signal(str)  # "composite", "raw" or "heatmap"
    wipe_toggled = Signal(bool)
    position_changed = Signal(float)

    def __init__(self, canvas: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wipeBar")
        self.setMovable(False)
        self.setFloatable(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.versions = QActionGroup(self)
        self.composite = self._version(
            self.tr("Composite"),
            "composite",
            self.tr("The edit put back onto the original: pixels outside the mask kept exactly"),
        )
        self.raw = self._version(
            self.tr("Raw result"), "raw", self.tr("What the model returned, as it returned it")
        )
        self.heatmap = self._version(
            self.tr("Heat map"),
            "heatmap",
            self.tr("Red where the model changed pixels the mask protected; the edited area blue"),
        )
        self.composite.setChecked(True)
        self.addSeparator()
        self.wipe = QAction(self.tr("Before / after"), self)
        self.wipe.setCheckable(True)
        self.wipe.setToolTip(self.tr("The original left of the line, the result right of it"))
        self.wipe.toggled.connect(self._wipe)
        self.addAction(self.wipe)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(0, 1000)
        self.slider.setValue(500)
        self.slider.setFixedWidth(110)
        self.slider.setToolTip(self.tr("Where the wipe line is"))
        self.slider.setAccessibleName(self.tr("Where the wipe line is"))
        self.slider.valueChanged.connect(lambda v: self.position_changed.emit(v / 1000))
        # Off rather than hidden: the QAction that addWidget() returns was found deleted
        # once the bar had overflowed at laptop width, so it cannot be kept to hide it.
        self.slider.setEnabled(False)
        self.addWidget(self.slider)
        # The figure sits on the picture's corner, where it is seen at any width (in the
        # bar it went into the overflow menu at laptop size).
        self.figure = QLabel(canvas)
        self.figure.setObjectName("outsideMaskFigure")
        self.figure.setStyleSheet(
            "#outsideMaskFigure { background: rgba(0, 0, 0, 170); color: white;"
            " border-radius: 6px; padding: 5px 10px; }"
        )
        self.figure.setTextFormat(Qt.TextFormat.PlainText)
        self.figure.setWordWrap(True)
        self.figure.hide()

    def _version(self, text: str, name: str, tip: str) -> QAction:
        action = QAction(text, self.versions)
        action.setCheckable(True)
        action.setToolTip(tip)
        action.triggered.connect(lambda _c=False: self.version_chosen.emit(name))
        self.addAction(action)
        return action

    def _wipe(self, on: bool) -> None:
        self.slider.setEnabled(on)
        self.wipe_toggled.emit(on)

    def show_outcome(self, outcome: EditOutcome, shown_id: int) -> None:
        """The outcome's versions and figure; which version `shown_id` is."""
        self.composite.setEnabled(outcome.composite_id is not None)
        self.heatmap.setEnabled(outcome.change_map_id is not None)
        which = {
            outcome.composite_id: self.composite,
            outcome.change_map_id: self.heatmap,
        }.get(shown_id, self.raw)
        which.setChecked(True)
        self.wipe.setEnabled(outcome.original_id is not None)
        if outcome.changed_share is not None:
            text = self.tr("Outside the mask: %1 changed").replace(
                "%1", f"{outcome.changed_share:.1%}"
            )
        elif outcome.problem:
            text = self.tr("No composite")
        else:
            text = ""
        self.figure.setText(text)
        self.figure.setToolTip(outcome.summary or outcome.problem or "")
        self.figure.setVisible(bool(text))
        self.place_figure()

    def place_figure(self) -> None:
        """Bottom left of the picture's area (the stage calls this on every resize)."""
        canvas = self.figure.parentWidget()
        if canvas is not None:
            # One line where it fits, wrapped where the picture is narrower: never cut.
            text = self.figure.fontMetrics().horizontalAdvance(self.figure.text()) + 24
            self.figure.setFixedWidth(max(80, min(text, canvas.width() - 20)))
        self.figure.adjustSize()
        if canvas is not None:
            self.figure.move(10, canvas.height() - self.figure.height() - 10)
        self.figure.raise_()

    def hideEvent(self, event: QHideEvent) -> None:
        self.figure.hide()
        super().hideEvent(event)

    def set_position(self, fraction: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(round(fraction * 1000))
        self.slider.blockSignals(False)
