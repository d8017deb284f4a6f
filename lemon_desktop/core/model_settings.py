"""The settings last used with each model, so switching from one model to another and
back restores what the person had chosen there (size, quality, aspect, resolution...).

Kept in `<home>/model-settings.json` as {model: {"values": {...}, "extras": "..."}}.
Values are stored as chosen; the panel checks them against the model's profile when it
shows them, so a setting a newer profile no longer takes is reported, not lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .jsonfile import read_json, write_json

MODEL_SETTINGS_FILE = "model-settings.json"


@dataclass(frozen=True)
class ModelSettings:
    values: dict[str, Any] = field(default_factory=dict)
    extras: str = ""


class ModelSettingsStore:
    def __init__(self, home: Path | None) -> None:
        self.path = home / MODEL_SETTINGS_FILE if home is not None else None
        self._by_model: dict[str, ModelSettings] = {}
        raw = read_json(self.path) if self.path is not None else None
        if isinstance(raw, dict):
            for model, entry in raw.items():
                if isinstance(model, str) and isinstance(entry, dict):
                    values = entry.get("values")
                    extras = entry.get("extras")
                    self._by_model[model] = ModelSettings(
                        dict(values) if isinstance(values, dict) else {},
                        extras if isinstance(extras, str) else "",
                    )

    def get(self, model: str) -> ModelSettings | None:
        """What was last used with `model`; None when it was never used."""
        return self._by_model.get(model)

    def put(self, model: str, values: dict[str, Any], extras: str = "") -> None:
        if not model:
            return
        entry = ModelSettings(dict(values), extras)
        if self._by_model.get(model) == entry:
            return  # nothing changed: no write
        self._by_model[model] = entry
        self._save()

    def models(self) -> list[str]:
        return list(self._by_model)

    def _save(self) -> None:
        if self.path is None:
            return
        data = {m: {"values": s.values, "extras": s.extras} for m, s in self._by_model.items()}
        write_json(self.path, data)
