"""A searchable list of earlier prompts: type to filter, Enter or a double click puts the
chosen prompt in the editor. Up/Down in the editor still step through it too."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .prompt_box import PromptHistory


def search_history(items: list[str], query: str) -> list[str]:
    """Prompts holding every word of `query` (any case, any order), newest first."""
    words = query.casefold().split()
    newest_first = list(reversed(items))
    return [p for p in newest_first if all(w in p.casefold() for w in words)]


class HistoryPopup(QDialog):
    chosen = Signal(str)

    def __init__(self, history: PromptHistory, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("promptHistoryPopup")
        self.history = history
        self.filter = QLineEdit(self)
        self.filter.setObjectName("historyFilter")
        self.filter.setPlaceholderText(self.tr("Search earlier prompts…"))
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setObjectName("historyList")
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        self.filter.textChanged.connect(self._fill)
        self.filter.returnPressed.connect(self._choose_current)
        self.list.itemActivated.connect(self._choose)
        self.resize(460, 360)
        self._fill()

    def _fill(self) -> None:
        self.list.clear()
        found = search_history(self.history.items, self.filter.text())
        for prompt in found:
            item = QListWidgetItem(prompt if len(prompt) <= 300 else prompt[:300] + "…")
            item.setData(Qt.ItemDataRole.UserRole, prompt)
            item.setToolTip(prompt[:2000])
            self.list.addItem(item)
        if found:
            self.list.setCurrentRow(0)
        if not self.history.items:
            self.empty.setText(self.tr("No prompts yet: each one you generate is kept here."))
        elif not found:
            self.empty.setText(self.tr("No earlier prompt contains those words."))
        self.empty.setVisible(not found)

    def shown_prompts(self) -> list[str]:
        return [str(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in
                range(self.list.count())]  # fmt: skip

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Up/Down move through the list while the filter keeps the focus.
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.list.count():
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            row = min(max(self.list.currentRow() + step, 0), self.list.count() - 1)
            self.list.setCurrentRow(row)
            return
        super().keyPressEvent(event)

    def _choose_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self._choose(item)

    def _choose(self, item: QListWidgetItem) -> None:
        self.chosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))
        self.accept()
