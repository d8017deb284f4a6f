"""The last line of defence: unexpected errors are logged with their traceback and
shown to the person as one readable sentence, never as a traceback in the window."""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("lemon_desktop")
LOG_NAME = "lemon-desktop.log"

ExceptHook = type(sys.excepthook)


def log_path(home: Path) -> Path:
    return home / "logs" / LOG_NAME


def setup_logging(home: Path) -> Path:
    path = log_path(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    if not any(getattr(h, "_lemon_log", False) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
        handler._lemon_log = True  # type: ignore[attr-defined]
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        if root.level > logging.INFO or root.level == logging.NOTSET:
            root.setLevel(logging.INFO)
    return path


class ErrorReporter:
    """sys.excepthook replacement; keeps at most one dialog open so a burst of errors
    (a failing timer, say) does not bury the window under message boxes."""

    def __init__(self, home: Path) -> None:
        self.path = setup_logging(home)
        self._dialog: QMessageBox | None = None
        self.count = 0
        self.last_message: str | None = None

    def __call__(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("unexpected error:\n%s", text)
        self.count += 1
        message = getattr(exc, "user_message", None) or str(exc) or exc_type.__name__
        self.last_message = message
        # Shown later from the event loop: the hook may run inside a paint or a slot.
        QTimer.singleShot(0, lambda: self._show(message))

    def _show(self, message: str) -> None:
        if QApplication.instance() is None:
            return
        if self._dialog is not None and self._dialog.isVisible():
            return
        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("ErrorDialog", "Something went wrong"))
        box.setText(
            QCoreApplication.translate(
                "ErrorDialog", "Lemon Desktop hit an unexpected problem and carried on."
            )
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "ErrorDialog", "{message}\n\nDetails were written to {path}."
            ).format(message=message, path=self.path)
        )
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        # open(), not exec(): exec() inside a coroutine would re-enter the event loop.
        box.open()
        self._dialog = box


def install_excepthook(home: Path) -> ErrorReporter:
    reporter = ErrorReporter(home)
    sys.excepthook = reporter
    return reporter
