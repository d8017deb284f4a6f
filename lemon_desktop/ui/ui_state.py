"""Purely visual state (geometry, splitters, last model and its parameters) in
<home>/ui.ini, so each home folder, and each test, has its own."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

log = logging.getLogger(__name__)
UI_FILE = "ui.ini"


class UiState:
    def __init__(self, home: Path) -> None:
        self.path = home / UI_FILE
        self.qsettings = QSettings(str(self.path), QSettings.Format.IniFormat)

    def save_window(self, window: QMainWindow, splitters: dict[str, QSplitter]) -> None:
        self.qsettings.setValue("window/geometry", window.saveGeometry())
        self.qsettings.setValue("window/state", window.saveState())
        for name, splitter in splitters.items():
            self.qsettings.setValue(f"splitters/{name}", splitter.saveState())

    def restore_window(self, window: QMainWindow, splitters: dict[str, QSplitter]) -> bool:
        geometry = self.qsettings.value("window/geometry")
        restored = isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)
        state = self.qsettings.value("window/state")
        if isinstance(state, QByteArray):
            window.restoreState(state)
        self.restore_splitters(splitters)
        return restored

    def restore_splitters(self, splitters: dict[str, QSplitter]) -> None:
        for name, splitter in splitters.items():
            saved = self.qsettings.value(f"splitters/{name}")
            if isinstance(saved, QByteArray):
                splitter.restoreState(saved)

    @property
    def last_model(self) -> str | None:
        value = self.qsettings.value("generate/model")
        return value if isinstance(value, str) and value else None

    def model_state(self, model_id: str) -> tuple[dict[str, Any], str]:
        """(parameter values, extras text) last used with this model."""
        raw = self.qsettings.value(f"params/{model_id}")
        if not isinstance(raw, str):
            return {}, ""
        try:
            data = json.loads(raw)
            values = data.get("values") if isinstance(data.get("values"), dict) else {}
            extras = data.get("extras") if isinstance(data.get("extras"), str) else ""
            return values, extras
        except (ValueError, AttributeError) as exc:
            log.warning("ignoring saved parameters for %s: %s", model_id, exc)
            return {}, ""

    def save_generate(self, state: dict[str, Any]) -> None:
        model = state.get("model")
        if not model:
            return
        self.qsettings.setValue("generate/model", model)
        payload = {"values": state.get("values") or {}, "extras": state.get("extras") or ""}
        self.qsettings.setValue(f"params/{model}", json.dumps(payload))

    def last_import(self) -> tuple[str, bool]:
        """The folder last imported and whether it was indexed in place."""
        folder = self.qsettings.value("import/folder")
        in_place = self.qsettings.value("import/in_place")
        return (folder if isinstance(folder, str) else "", in_place in (True, "true"))

    def save_import(self, folder: str, in_place: bool) -> None:
        self.qsettings.setValue("import/folder", folder)
        self.qsettings.setValue("import/in_place", in_place)

    def sync(self) -> None:
        self.qsettings.sync()
