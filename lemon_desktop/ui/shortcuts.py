"""Every keyboard shortcut in one table: the menus are built from it and the Help →
Keyboard shortcuts dialog lists it, so the two never disagree."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class Shortcut:
    name: str
    label: str
    keys: tuple[str, ...]  # portable QKeySequence strings; the first is shown in menus


def _tr(text: str) -> str:
    return QCoreApplication.translate("Shortcuts", text)


SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("generate", "Generate", ("Ctrl+Return", "Ctrl+Enter")),
    Shortcut("focus_prompt", "Focus the prompt", ("Ctrl+L",)),
    Shortcut("search", "Search the gallery", ("Ctrl+F",)),
    Shortcut("focus_models", "Search models", ("Ctrl+M",)),
    Shortcut("compare", "Compare several models", ("Ctrl+Shift+C",)),
    Shortcut("cancel_job", "Cancel the selected job", ("Ctrl+Backspace",)),
    Shortcut("retry_job", "Retry the selected job", ("Ctrl+R",)),
    Shortcut("open_job", "Open the selected job's image", ("Ctrl+O",)),
    Shortcut("resume_queue", "Resume a paused queue", ("Ctrl+Shift+R",)),
    Shortcut("settings", "Settings", ("Ctrl+,",)),
    Shortcut("shortcuts", "Keyboard shortcuts", ("F1",)),
    Shortcut("quit", "Quit", ("Ctrl+Q",)),
)
BY_NAME = {s.name: s for s in SHORTCUTS}


def sequences(name: str) -> list[QKeySequence]:
    return [QKeySequence(k) for k in BY_NAME[name].keys]


def label(name: str) -> str:
    return _tr(BY_NAME[name].label)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        table = QTableWidget(len(SHORTCUTS), 2, self)
        table.setObjectName("shortcutsTable")
        table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, shortcut in enumerate(SHORTCUTS):
            table.setItem(row, 0, QTableWidgetItem(_tr(shortcut.label)))
            keys = ", ".join(
                QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)
                for k in shortcut.keys
            )
            table.setItem(row, 1, QTableWidgetItem(keys))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.table = table
        self.resize(460, 420)
