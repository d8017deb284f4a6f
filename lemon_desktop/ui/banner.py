"""A dismissable message strip above the workspace, for errors from the layers below
and for questions that should not block (reuse a dropped image's settings?)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ..core.connection import Connection

if TYPE_CHECKING:
    from ..core.connection import ConnectionState

_ERROR = "#errorBanner { background: #fde2e1; border: 1px solid #d03030; border-radius: 4px; }"
_INFO = "#errorBanner { background: #e3efff; border: 1px solid #3a78d0; border-radius: 4px; }"


class ErrorBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBanner")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #202020;")
        self.action = QPushButton(self)
        self.action.hide()
        self.close_button = QPushButton(self.tr("Dismiss"), self)
        row = QHBoxLayout(self)
        row.addWidget(self.label, 1)
        row.addWidget(self.action)
        row.addWidget(self.close_button)
        self.close_button.clicked.connect(self.hide)
        self.action.clicked.connect(self._run_action)
        self._callback: Callable[[], None] | None = None
        # The connection message on show, if that is what the banner shows now.
        self._connection_text: str | None = None
        self.hide()

    def show_connection(self, state: ConnectionState) -> None:
        """The session's connection state: a problem (offline, key rejected) is shown
        with what to do; once it is resolved, its message goes away again."""
        if state.is_problem and state.kind is not Connection.NO_KEY:  # no key: the first-run page
            self.show_message(state.message)
            self._connection_text = state.message
        elif self._connection_text is not None:
            if self.isVisible() and self.label.text() == self._connection_text:
                self.hide()
            self._connection_text = None

    def show_message(self, message: str, *, error: bool = True) -> None:
        self.setStyleSheet(_ERROR if error else _INFO)
        self.label.setText(message)
        self._callback = None
        self.action.hide()
        self.show()

    def offer(self, message: str, button: str, callback: Callable[[], None]) -> None:
        self.show_message(message, error=False)
        self._callback = callback
        self.action.setText(button)
        self.action.show()

    def _run_action(self) -> None:
        callback, self._callback = self._callback, None
        self.hide()
        if callback is not None:
            callback()
