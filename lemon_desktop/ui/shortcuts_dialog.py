"""Help → Keyboard shortcuts: every row of `shortcuts.TABLE`, one table per context."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .shortcuts import Context, _tr, in_context, keys_text


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.tables: dict[Context, QTableWidget] = {}
        page = QWidget(self)
        column = QVBoxLayout(page)
        for context in Context:
            heading = QLabel(f"<b>{_tr(context.value)}</b>", page)
            column.addWidget(heading)
            table = self._table(context, page)
            column.addWidget(table)
            self.tables[context] = table
        column.addStretch(1)
        # The window's table keeps its old name: the window's own actions are listed there.
        self.table = self.tables[Context.WINDOW]
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the tables, scrolled to
        scroll.setWidget(page)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(buttons)
        self.resize(500, 640)

    def _table(self, context: Context, parent: QWidget) -> QTableWidget:
        rows = in_context(context)
        table = QTableWidget(len(rows), 2, parent)
        table.setObjectName(f"shortcutsTable{context.name.title()}")
        table.setAccessibleName(_tr(context.value))  # the heading above names it
        table.setTabKeyNavigation(False)  # Tab goes on to the next table, not the next cell
        table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, shortcut in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(_tr(shortcut.label)))
            table.setItem(row, 1, QTableWidgetItem(keys_text(shortcut)))
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        # Each table exactly as tall as its rows: the dialog scrolls as one page, not per
        # table (AdjustToContents alone let the page squeeze the tables to three rows).
        table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setWordWrap(False)  # one line a row, at the table's default row height
        frame = 2 * table.frameWidth()
        table.setFixedHeight(
            table.verticalHeader().length() + table.horizontalHeader().sizeHint().height() + frame
        )
        return table

    def listed(self) -> dict[Context, list[tuple[str, str]]]:
        """(action, keys) as shown, per context (tests read what Help says)."""
        return {
            context: [
                (_item_text(table, row, 0), _item_text(table, row, 1))
                for row in range(table.rowCount())
            ]
            for context, table in self.tables.items()
        }


def _item_text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return "" if item is None else item.text()
