"""The ways out of a connection problem, at any time: the Gateway menu and the banner's
buttons (try again, use the sandbox, go back to the saved key, change the key), and the
rule that keeps Generate off, with its reason, while images cannot be made.

Built with the window's menus (QActions only, nothing slow to import); the panels they
reach are the window's typed properties, built by the time anyone can click.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from ..core.connection import Connection, ConnectionState
from .connection_words import generate_block

if TYPE_CHECKING:
    from .main_window import MainWindow

# While the gateway cannot be reached it is asked again this often, so that Generate
# comes back on its own once the network does.
RECHECK_MS = 30_000


class GatewayActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.menu = QMenu(self.tr("&Gateway"), window)
        self.menu.setObjectName("gatewayMenu")
        self.check_again = self._action(self.tr("Check the connection again"), self.recheck)
        self.use_sandbox = self._action(self.tr("Use the built-in sandbox"), self.start_sandbox)
        self.use_saved_key = self._action(
            self.tr("Use the gateway with my key"), self.leave_sandbox
        )
        self.change_key = self._action(self.tr("Change API key…"), self.open_key_change)
        self._recheck_timer = QTimer(self)
        self._recheck_timer.setInterval(RECHECK_MS)
        self._recheck_timer.timeout.connect(self.recheck)
        self.show_state(window.services.state)

    def _action(self, text: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self.window)

        def fire(_checked: bool = False) -> None:
            slot()  # the click's checked state is dropped

        action.triggered.connect(fire)
        self.menu.addAction(action)
        return action

    def wire(self) -> None:
        """Connect the banner and the session's states (once the panels exist)."""
        banner = self.window.banner
        banner.retry_requested.connect(self.recheck)
        banner.sandbox_requested.connect(self.start_sandbox)
        banner.change_key_requested.connect(self.open_key_change)
        self.window.services.connection_state.connect(self.show_state)

    # -- the state --------------------------------------------------------------------

    def show_state(self, state: ConnectionState) -> None:
        services = self.window.services
        sandbox = services.in_sandbox
        self.use_sandbox.setEnabled(not sandbox)
        self.use_saved_key.setEnabled(sandbox)
        self.check_again.setEnabled(services.connected and not sandbox)
        if state.kind is Connection.OFFLINE:
            self._recheck_timer.start()
        else:
            self._recheck_timer.stop()
        if self.window.has_panels:
            self.window.banner.show_connection(state)
            self.window.generate.set_busy(generate_block(state, services.connected))

    # -- actions ----------------------------------------------------------------------

    def recheck(self) -> None:
        services = self.window.services
        if not services.connected or services.in_sandbox:
            return
        banner = self.window.banner
        banner.retry.setEnabled(False)
        self.check_again.setEnabled(False)

        async def run() -> None:
            try:
                await services.check_connection()
            finally:
                banner.retry.setEnabled(True)
                self.check_again.setEnabled(services.connected and not services.in_sandbox)

        self.window.tasks.spawn(run())

    def start_sandbox(self) -> None:
        if not self.window.services.in_sandbox:
            self.window.start_sandbox()

    def leave_sandbox(self) -> None:
        """Back from the sandbox to the real gateway with the saved key; without one,
        the key change (the key is checked before it is kept)."""
        services = self.window.services

        async def run() -> None:
            resolved = await services.resolve_key()
            if not resolved.key:
                self.open_key_change()
                return
            await services.connect(services.gateway_url, resolved.key, source=resolved.source)

        self.window.tasks.spawn(run())

    def open_key_change(self) -> None:
        """Settings, with the key field ready for the new key."""
        self.window.open_settings()
        dialog = self.window.settings_dialog
        if dialog is None:
            return
        section = dialog.key_section
        section.message.setText(
            self.tr("Paste the new key: it is checked with the gateway before it is stored.")
        )
        section.key.setFocus(Qt.FocusReason.OtherFocusReason)
