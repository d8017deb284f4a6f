"""Painting for the queue table: a progress bar, and per-row action buttons that are
drawn rather than real widgets, so a long queue costs no widgets per row."""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Signal,
)
from PySide6.QtGui import QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
)

from .model import ACTIONS_ROLE, PROGRESS_ROLE, QueueModel

Index = QModelIndex | QPersistentModelIndex
BUTTON_WIDTH = 64
GAP = 4

# "Check" looks again for a paid result (task or download) without a new request.
ACTION_LABELS = {"cancel": "Cancel", "check": "Check", "retry": "Retry", "open": "Open"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("QueueDelegate", text)


def button_rects(cell: QRect, count: int) -> list[QRect]:
    height = min(cell.height() - 2 * GAP, 28)
    top = cell.top() + (cell.height() - height) // 2
    return [
        QRect(cell.left() + GAP + i * (BUTTON_WIDTH + GAP), top, BUTTON_WIDTH, height)
        for i in range(count)
    ]


class QueueDelegate(QStyledItemDelegate):
    action_clicked = Signal(str, int)  # action name, row

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        column = index.column()
        if column == QueueModel.PROGRESS:
            self._paint_progress(painter, option, index)
        elif column == QueueModel.ACTIONS:
            super().paint(painter, option, index)
            self._paint_buttons(painter, option, index)
        else:
            super().paint(painter, option, index)

    def _paint_progress(
        self, painter: QPainter, option: QStyleOptionViewItem, index: Index
    ) -> None:
        value = index.data(PROGRESS_ROLE)
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(GAP, GAP + 6, -GAP, -GAP - 6)
        bar.minimum = 0
        # Equal bounds make Qt draw a busy bar: "running, progress unknown".
        bar.maximum = 0 if value == -1 else 100
        bar.progress = max(0, int(value or 0))
        bar.textVisible = value not in (-1, None)
        bar.text = f"{bar.progress}%"
        bar.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)

    def _paint_buttons(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        actions = index.data(ACTIONS_ROLE) or []
        style = option.widget.style() if option.widget else QApplication.style()
        for action, rect in zip(actions, button_rects(option.rect, len(actions)), strict=True):
            button = QStyleOptionButton()
            button.rect = rect
            button.text = _tr(ACTION_LABELS[action])
            button.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Raised
            style.drawControl(QStyle.ControlElement.CE_PushButton, button, painter)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        if index.column() == QueueModel.ACTIONS:
            return QSize(3 * (BUTTON_WIDTH + GAP) + GAP, 52)
        if index.column() == QueueModel.PROGRESS:
            return QSize(110, 52)
        return super().sizeHint(option, index)

    def editorEvent(
        self, event: QEvent, model: object, option: QStyleOptionViewItem, index: Index
    ) -> bool:
        if index.column() != QueueModel.ACTIONS or not isinstance(event, QMouseEvent):
            return super().editorEvent(event, model, option, index)  # type: ignore[arg-type]
        if event.type() != QEvent.Type.MouseButtonRelease:
            # Swallow presses on buttons too, so a click does not also start a drag.
            return (
                event.type() == QEvent.Type.MouseButtonPress
                and self._hit(event, option, index) is not None
            )
        action = self._hit(event, option, index)
        if action is None:
            return False
        self.action_clicked.emit(action, index.row())
        return True

    def _hit(self, event: QMouseEvent, option: QStyleOptionViewItem, index: Index) -> str | None:
        actions = index.data(ACTIONS_ROLE) or []
        point = event.position().toPoint()
        for action, rect in zip(actions, button_rects(option.rect, len(actions)), strict=True):
            if rect.contains(point):
                return str(action)
        return None
