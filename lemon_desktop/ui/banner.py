"""A dismissable message strip above the workspace, for errors from the layers below
and for questions that should not block (reuse a dropped image's settings?).

A connection problem (gateway out of reach, key rejected) comes with its ways out:
try again, use the sandbox, change the key; the window connects them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ..core.connection import Connection
from .connection_words import banner_message

if TYPE_CHECKING:
    from ..core.connection import ConnectionState

_ERROR = "#errorBanner { background: #fde2e1; border: 1px solid #d03030; border-radius: 4px; }"
_INFO = "#errorBanner { background: #e3efff; border: 1px solid #3a78d0; border-radius: 4px; }"


_SHOWN_FOR = (Connection.OFFLINE, Connection.KEY_REJECTED)  # no key: the first-run page


class ErrorBanner(QFrame):
    retry_requested = Signal()  # ask the gateway again
    sandbox_requested = Signal()
    change_key_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBanner")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #202020;")
        self.action = QPushButton(self)
        self.action.hide()
        self.retry = QPushButton(self.tr("Try again"), self)
        self.retry.setObjectName("bannerRetry")
        self.use_sandbox = QPushButton(self.tr("Use the sandbox"), self)
        self.use_sandbox.setObjectName("bannerSandbox")
        self.change_key = QPushButton(self.tr("Change key…"), self)
        self.change_key.setObjectName("bannerChangeKey")
        self._connection_buttons = (self.retry, self.use_sandbox, self.change_key)
        for button in self._connection_buttons:
            button.hide()
        self.close_button = QPushButton(self.tr("Dismiss"), self)
        row = QHBoxLayout(self)
        row.addWidget(self.label, 1)
        row.addWidget(self.action)
        for button in self._connection_buttons:
            row.addWidget(button)
        row.addWidget(self.close_button)
        self.retry.clicked.connect(self.retry_requested)
        self.use_sandbox.clicked.connect(self.sandbox_requested)
        self.change_key.clicked.connect(self.change_key_requested)
        self.close_button.clicked.connect(self.hide)
        self.action.clicked.connect(self._run_action)
        self._callback: Callable[[], None] | None = None
        # The connection message on show, if that is what the banner shows now.
        self._connection_text: str | None = None
        self.hide()

    def show_connection(self, state: ConnectionState) -> None:
        """The session's connection state: a problem (offline, key rejected) is shown
        with its ways out; once it is resolved, its message goes away again."""
        if state.kind in _SHOWN_FOR:
            text = banner_message(state)
            self.show_message(text)
            self._connection_text = text
            for button in self._connection_buttons:
                button.show()
        elif self._connection_text is not None:
            if self.isVisible() and self.label.text() == self._connection_text:
                self.hide()
            self._connection_text = None

    def show_message(self, message: str, *, error: bool = True) -> None:
        self.setStyleSheet(_ERROR if error else _INFO)
        self.label.setText(message)
        self._callback = None
        self._connection_text = None
        self.action.hide()
        for button in self._connection_buttons:
            button.hide()
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
