"""What the queue view remembers between runs: the "Clear finished" mark, in the home
folder's ui.ini beside the window's other visual state. Only the view forgets those
jobs; the job records and their images stay where they are."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSettings

UI_FILE = "ui.ini"  # the same file as ui_state.UiState: one place for visual state
_KEY = "queue/cleared_through"


class QueueViewState:
    def __init__(self, home: Path) -> None:
        self.qsettings = QSettings(str(home / UI_FILE), QSettings.Format.IniFormat)

    def cleared_through(self) -> datetime | None:
        value = self.qsettings.value(_KEY)
        if not isinstance(value, str) or not value:
            return None
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return None  # a hand-edited value: show everything rather than guess
        return moment if moment.tzinfo is not None else None

    def set_cleared_through(self, moment: datetime) -> None:
        self.qsettings.setValue(_KEY, moment.isoformat())
        self.qsettings.sync()
