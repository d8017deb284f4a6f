"""A desktop notification when a job ends while the window is in the background."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

if TYPE_CHECKING:
    from ..jobs import Job


class Notifier:
    def __init__(self, window: QWidget, icon: QIcon) -> None:
        self.window = window
        self.tray: QSystemTrayIcon | None = None
        # No tray (many Wayland and minimal X sessions): skip notifications quietly.
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon, window)
            self.tray.setToolTip(window.tr("Lemon Desktop"))
            self.tray.messageClicked.connect(self._raise)
            self.tray.show()
        self.sent: list[str] = []  # titles, for tests

    def _raise(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def job_finished(self, job: Job) -> None:
        if self.window.isActiveWindow():
            return
        if job.state == "done":
            title = self.window.tr("Image ready")
            body = self.window.tr("{model}: {prompt}").format(
                model=job.model, prompt=job.prompt[:80]
            )
        elif job.state in ("failed", "unknown"):
            title = self.window.tr("Job failed")
            body = job.error or job.model
        else:
            return
        self.sent.append(title)
        if self.tray is not None:
            self.tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, 6000)
