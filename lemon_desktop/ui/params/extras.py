"""Extra parameters as a JSON object: how to reach settings no profile knows."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QGroupBox, QPlainTextEdit, QVBoxLayout, QWidget

from ..widgets import error_label


class ExtraParamsBox(QGroupBox):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Extra parameters (JSON)"), parent)
        self.setCheckable(True)
        self.setChecked(False)
        self.edit = QPlainTextEdit(self)
        self.edit.setPlaceholderText('{"seed": 42}')
        self.edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.edit.setFixedHeight(70)
        self.edit.setTabChangesFocus(True)
        self.edit.setAccessibleName(self.tr("Extra parameters as a JSON object"))
        self.error = error_label(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        self.edit.textChanged.connect(self.changed)
        self.toggled.connect(self._on_toggled)
        self._on_toggled(False)

    def _on_toggled(self, on: bool) -> None:
        self.sync_visibility()
        self.changed.emit()

    def sync_visibility(self) -> None:
        # A collapsed box takes no room and sends nothing.
        on = self.isChecked()
        self.edit.setVisible(on)
        if not on:
            self.error.hide()

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        self.edit.setPlainText(text)
        if text.strip():
            self.setChecked(True)

    def parse(self) -> tuple[dict[str, Any], str | None]:
        """The extras and, when the text is not a JSON object, why."""
        if not self.isChecked():
            return {}, None
        text = self.text().strip()
        if not text:
            return {}, None
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            return {}, self.tr("Not valid JSON: {msg} (line {line}, column {col}).").format(
                msg=exc.msg, line=exc.lineno, col=exc.colno
            )
        if not isinstance(value, dict):
            return {}, self.tr('Extra parameters must be a JSON object such as {"seed": 42}.')
        return value, None

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message) and self.isChecked())
