"""How the picker draws a model: its id (with the recommendation rank as a badge) on
the first line and its details (delivery, price, 24-hour success) on the lines under
it, wrapped to the list's width so no word of a price is ever cut off.

The chosen model is the view's selection; the keyboard cursor, which the arrow keys
move without choosing, is drawn as an outline of its own.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QPen,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

MODEL_ROLE = Qt.ItemDataRole.UserRole + 1
# The details under the id, already worded (str).
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 2
# The badge after the id, e.g. "#1" for the gateway's best recommended model (str).
BADGE_ROLE = Qt.ItemDataRole.UserRole + 3

NAME_COLUMN = 0
_PAD = 3  # pixels above and below the text of a row
_INSET = 3  # pixels between the text and the row's sides

AnyIndex = QModelIndex | QPersistentModelIndex


def wrap(text: str, font: QFont, width: int) -> list[str]:
    """`text` as it is drawn in `width` pixels: whole words per line where they fit,
    broken anywhere only when one word is wider than the line. Never elided."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    lines: list[str] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1, width))
        lines.append(text[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    return lines or [""]


SEPARATOR = " · "


def wrap_segments(text: str, font: QFont, width: int) -> list[str]:
    """Details such as "usually inline · $0.04 / image · 97.5% ok" wrapped between
    their parts where they can be (the separator is not carried to the next line),
    and a part wider than a line wrapped on its own."""
    metrics = QFontMetrics(font)
    lines: list[str] = []
    current = ""
    for part in text.split(SEPARATOR):
        joined = f"{current}{SEPARATOR}{part}" if current else part
        if metrics.horizontalAdvance(joined) <= width:
            current = joined
            continue
        if current:
            lines.append(current)
        pieces = [part] if metrics.horizontalAdvance(part) <= width else wrap(part, font, width)
        lines += [piece.rstrip() for piece in pieces[:-1]]
        current = pieces[-1].rstrip()
    return [*lines, current]


def detail_font(base: QFont) -> QFont:
    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * 0.9)
    return font


class ModelRowDelegate(QStyledItemDelegate):
    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view

    # -- geometry ------------------------------------------------------------------

    def _is_model(self, index: AnyIndex) -> bool:
        return index.column() == NAME_COLUMN and isinstance(index.data(MODEL_ROLE), str)

    def _prepared(self, option: QStyleOptionViewItem, index: AnyIndex) -> QStyleOptionViewItem:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        return opt

    def text_rect(self, option: QStyleOptionViewItem, index: AnyIndex) -> QRect:
        """Where the id and details go inside `option.rect` (after the check box)."""
        opt = self._prepared(option, index)
        style = self._view.style()
        text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, self._view)
        # Room for the cursor's outline on either side.
        return text.adjusted(_INSET, 0, -_INSET, 0)

    def lines(self, option: QStyleOptionViewItem, index: AnyIndex) -> tuple[list[str], list[str]]:
        """The id's lines and the details' lines, as wrapped in `option.rect`."""
        prepared = self._prepared(option, index)
        font = QFont(prepared.font)
        width = self.text_rect(option, index).width()
        name = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        badge = index.data(BADGE_ROLE)
        if isinstance(badge, str) and badge:
            name = f"{name}  {badge}"
        details = str(index.data(DETAIL_ROLE) or "")
        return wrap(name, font, width), wrap_segments(details, detail_font(font), width)

    def text_height(self, option: QStyleOptionViewItem, index: AnyIndex) -> int:
        """The height the id and details take when wrapped in `option.rect`."""
        prepared = self._prepared(option, index)
        font = QFont(prepared.font)
        names, details = self.lines(option, index)
        name_step = QFontMetrics(font).height()
        detail_step = QFontMetrics(detail_font(font)).height()
        return len(names) * name_step + len(details) * detail_step + 2 * _PAD

    def _row_width(self, index: AnyIndex) -> int:
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        header = self._view.header()
        return header.sectionSize(NAME_COLUMN) - depth * self._view.indentation()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        if not self._is_model(index):
            return super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        opt.rect = QRect(0, 0, max(40, self._row_width(index)), 1000)
        return QSize(opt.rect.width(), self.text_height(opt, index))

    # -- painting ------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        if not self._is_model(index):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        names, details = self.lines(option, index)
        text = self.text_rect(option, index)
        # Background, selection and check box from the style; the text is ours.
        opt.text = ""
        style = self._view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, self._view)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette = opt.palette
        group = (
            QPalette.ColorGroup.Active
            if opt.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        main = palette.color(group, role)
        dim = QColor(main)
        dim.setAlphaF(0.78 if selected else 0.68)
        painter.save()
        y = option.rect.top() + _PAD
        for font, pen, lines in ((opt.font, main, names), (detail_font(opt.font), dim, details)):
            painter.setFont(font)
            painter.setPen(pen)
            metrics = QFontMetrics(font)
            for line in lines:
                painter.drawText(QPointF(text.left(), y + metrics.ascent()), line)
                y += metrics.height()
        if index == self._view.currentIndex():
            # The cursor: where Enter would choose; apart from the chosen model.
            outline = QPen(palette.color(group, QPalette.ColorRole.Highlight))
            outline.setWidth(2)
            painter.setPen(outline)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
        painter.restore()


def leaf_rows(model: QAbstractItemModel) -> list[QModelIndex]:
    """The model rows (not the group headers) of a two-level model, in view order."""
    rows: list[QModelIndex] = []
    for row in range(model.rowCount()):
        group = model.index(row, NAME_COLUMN)
        rows += [model.index(child, NAME_COLUMN, group) for child in range(model.rowCount(group))]
    return rows
