"""Painting for the queue table: the job cell's lines (prompt, model, reason), the state
with its progress bar, the bracket that ties a batch's rows together, and per-row
action buttons that are drawn rather than real widgets, so a long queue costs no
widgets per row."""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QWidget,
)

from .model import (
    ACTIONS_ROLE,
    DETAIL_ROLE,
    GROUP_ROLE,
    PROBLEM_COLOR,
    PROGRESS_ROLE,
    SHORT_REASON_ROLE,
    QueueModel,
)

Index = QModelIndex | QPersistentModelIndex
GAP = 4
MAX_BUTTONS = 3
PADDING = 6  # left and right inside a text cell
BRACKET = 3  # width of the line that ties a batch's rows together


def action_label(action: str) -> str:
    # Literal texts, so pyside6-lupdate finds them; "Check" looks again for a paid
    # result (task or download) without a new request.
    labels = {
        "cancel": QCoreApplication.translate("QueueDelegate", "Cancel"),
        "check": QCoreApplication.translate("QueueDelegate", "Check"),
        "retry": QCoreApplication.translate("QueueDelegate", "Retry"),
        "open": QCoreApplication.translate("QueueDelegate", "Open"),
    }
    return labels[action]


def button_width(metrics: QFontMetrics) -> int:
    """One width for every action button: the widest label, translated, plus padding."""
    widest = max(metrics.horizontalAdvance(action_label(a)) for a in ACTIONS)
    return max(48, widest + 18)


def actions_width(metrics: QFontMetrics, buttons: int = MAX_BUTTONS) -> int:
    return buttons * (button_width(metrics) + GAP) + GAP


ACTIONS = ("cancel", "check", "retry", "open")


def button_rects(cell: QRect, count: int, width: int = 64) -> list[QRect]:
    """Right-aligned, so the one button a row usually has (Cancel, Open) is always in
    the same place."""
    height = min(cell.height() - 2 * GAP, 28)
    top = cell.top() + (cell.height() - height) // 2
    right = cell.right() - GAP + 1
    return [
        QRect(right - (count - i) * (width + GAP) + GAP, top, width, height) for i in range(count)
    ]


class QueueDelegate(QStyledItemDelegate):
    action_clicked = Signal(str, int)  # action name, row

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        column = index.column()
        group = index.data(GROUP_ROLE)
        if column == QueueModel.STATE:
            self._paint_state(painter, option, index)
        elif column == QueueModel.PROMPT:
            self._paint_job(painter, option, index)
        elif column == QueueModel.ACTIONS:
            self._paint_background(painter, option, index)
            self._paint_buttons(painter, option, index)
        else:
            super().paint(painter, option, index)
        if column == QueueModel.PREVIEW and group is not None:
            self._paint_bracket(painter, option, index, group)

    # -- pieces ------------------------------------------------------------------------

    def _style(self, option: QStyleOptionViewItem) -> QStyle:
        widget = option.widget
        return widget.style() if isinstance(widget, QWidget) else QApplication.style()

    def _paint_background(
        self, painter: QPainter, option: QStyleOptionViewItem, index: Index
    ) -> QStyleOptionViewItem:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        self._style(option).drawPrimitive(
            QStyle.PrimitiveElement.PE_PanelItemViewItem,
            opt,
            painter,
            opt.widget,
        )
        return opt

    def _text_color(self, option: QStyleOptionViewItem, dim: bool = False) -> QBrush:
        palette: QPalette = option.palette
        if option.state & QStyle.StateFlag.State_Selected:
            return palette.brush(QPalette.ColorRole.HighlightedText)
        return palette.brush(QPalette.ColorRole.PlaceholderText if dim else QPalette.ColorRole.Text)

    @staticmethod
    def _warning(option: QStyleOptionViewItem, color: QColor) -> QBrush:
        """A warning colour that stays readable on a dark theme's base."""
        if option.palette.color(QPalette.ColorRole.Base).lightness() < 128:
            color = color.lighter(150)
        return QBrush(color)

    def _paint_job(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = self._paint_background(painter, option, index)
        header = index.data(GROUP_ROLE) == "header"
        lines: list[tuple[str, QBrush, bool]] = [
            (str(index.data() or ""), self._text_color(option), header)
        ]
        detail = index.data(DETAIL_ROLE)
        if detail:
            lines.append((str(detail), self._text_color(option, dim=True), False))
        reason = index.data(SHORT_REASON_ROLE)
        if reason:
            selected = bool(opt.state & QStyle.StateFlag.State_Selected)
            brush = self._text_color(option) if selected else self._warning(option, PROBLEM_COLOR)
            lines.append((str(reason), brush, False))
        self._paint_lines(painter, opt, lines)

    def _paint_lines(
        self,
        painter: QPainter,
        opt: QStyleOptionViewItem,
        lines: list[tuple[str, QBrush, bool]],
    ) -> None:
        rect: QRect = opt.rect.adjusted(PADDING, 2, -PADDING, -2)
        base: QFont = opt.font
        height = QFontMetrics(base).lineSpacing()
        top = rect.top() + max(0, (rect.height() - height * len(lines)) // 2)
        painter.save()
        for text, brush, bold in lines:
            font = QFont(base)
            font.setBold(bold)
            metrics = QFontMetrics(font)
            painter.setFont(font)
            painter.setPen(brush.color())
            line = QRect(rect.left(), top, rect.width(), height)
            elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(
                line, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), elided
            )
            top += height
        painter.restore()

    def _paint_state(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = self._paint_background(painter, option, index)
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        brush = (
            self._warning(option, foreground.color())
            if isinstance(foreground, QBrush) and not selected
            else self._text_color(option)
        )
        value = index.data(PROGRESS_ROLE)
        in_flight = value is not None and value != 100 and self._in_flight(index)
        rect: QRect = opt.rect
        metrics = QFontMetrics(opt.font)
        width = rect.width() - 2 * PADDING
        text = str(index.data() or "")
        # Long states ("Outcome unknown") take two lines rather than a wider column.
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if metrics.horizontalAdvance(text) > width:
            flags |= int(Qt.TextFlag.TextWordWrap)
        height = metrics.boundingRect(QRect(0, 0, width, rect.height()), flags, text).height()
        bar_height = 10
        block = height + (bar_height + 3 if in_flight else 0)
        top = rect.top() + max(0, (rect.height() - block) // 2)
        text_rect = QRect(rect.left() + PADDING, top, width, min(height, rect.height()))
        if not flags & int(Qt.TextFlag.TextWordWrap):
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
        painter.save()
        painter.setPen(brush.color())
        painter.drawText(text_rect, flags, text)
        painter.restore()
        if in_flight:
            bar = QStyleOptionProgressBar()
            bar.rect = QRect(text_rect.left(), top + height + 3, text_rect.width(), bar_height)
            bar.minimum = 0
            # Equal bounds make Qt draw a busy bar: "running, progress unknown".
            bar.maximum = 0 if value == -1 else 100
            bar.progress = max(0, int(value or 0))
            bar.textVisible = False
            bar.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
            self._style(option).drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)

    @staticmethod
    def _in_flight(index: Index) -> bool:
        # Anything that may still move: a job or batch with a Cancel button.
        return "cancel" in (index.data(ACTIONS_ROLE) or [])

    def _paint_bracket(
        self, painter: QPainter, option: QStyleOptionViewItem, index: Index, group: str
    ) -> None:
        rect: QRect = option.rect
        palette: QPalette = option.palette
        color = palette.color(QPalette.ColorRole.Highlight)
        model = index.model()
        below = model.index(index.row() + 1, 0)
        last = not below.isValid() or below.data(GROUP_ROLE) != "member"
        top = rect.center().y() if group == "header" else rect.top()
        bottom = rect.center().y() if last else rect.bottom()
        painter.save()
        painter.fillRect(QRect(rect.left() + 2, top, BRACKET, bottom - top + 1), color)
        if group == "member":
            # A tick towards the member's own row.
            painter.fillRect(QRect(rect.left() + 2, rect.center().y() - 1, 8, BRACKET), color)
        painter.restore()

    def _paint_buttons(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        actions = index.data(ACTIONS_ROLE) or []
        style = self._style(option)
        width = button_width(QFontMetrics(option.font))
        rects = button_rects(option.rect, len(actions), width)
        for action, rect in zip(actions, rects, strict=True):
            button = QStyleOptionButton()
            button.rect = rect
            button.text = action_label(action)
            button.palette = option.palette
            button.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Raised
            style.drawControl(QStyle.ControlElement.CE_PushButton, button, painter)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        if index.column() == QueueModel.ACTIONS:
            return QSize(actions_width(QFontMetrics(option.font)), 52)
        return super().sizeHint(option, index)

    # -- clicks ------------------------------------------------------------------------

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

    def action_rects(self, option: QStyleOptionViewItem, index: Index) -> dict[str, QRect]:
        """Where each of the row's buttons is drawn (for clicks and for tests)."""
        actions = index.data(ACTIONS_ROLE) or []
        width = button_width(QFontMetrics(option.font))
        rects = button_rects(option.rect, len(actions), width)
        return {str(a): r for a, r in zip(actions, rects, strict=True)}

    def _hit(self, event: QMouseEvent, option: QStyleOptionViewItem, index: Index) -> str | None:
        point = event.position().toPoint()
        for action, rect in self.action_rects(option, index).items():
            if rect.contains(point):
                return action
        return None
