"""Named presets: a model and its settings, optionally a prompt template with slots.

A template such as "a watercolour of {subject}, soft light" keeps the style and leaves
the subject open; `fill` puts the subject in. Kept in `<home>/presets.json`, written
atomically, in the order the person made them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .jsonfile import read_json, write_json

PRESETS_FILE = "presets.json"
SUBJECT = "subject"
_SLOT = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class PresetError(ValueError):
    """A preset name that cannot be used (empty, taken, unknown); the message says which."""


@dataclass(frozen=True)
class Preset:
    name: str
    model: str
    values: dict[str, Any] = field(default_factory=dict)
    extras: str = ""
    template: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "model": self.model,
            "values": self.values,
            "extras": self.extras,
            "template": self.template,
        }

    @classmethod
    def from_json(cls, data: Any) -> Preset | None:
        if not isinstance(data, dict):
            return None
        name, model = data.get("name"), data.get("model")
        if not isinstance(name, str) or not name.strip() or not isinstance(model, str):
            return None
        values = data.get("values")
        extras = data.get("extras")
        template = data.get("template")
        return cls(
            name=name,
            model=model,
            values=dict(values) if isinstance(values, dict) else {},
            extras=extras if isinstance(extras, str) else "",
            template=template if isinstance(template, str) else "",
        )


def slots(template: str) -> list[str]:
    """The slot names in `template`, each once, in order of appearance."""
    seen: list[str] = []
    for name in _SLOT.findall(template):
        if name not in seen:
            seen.append(name)
    return seen


def fill(template: str, values: dict[str, str]) -> str:
    """`template` with each `{slot}` given in `values` replaced; other braces stay as they
    are (a prompt may well contain braces of its own)."""
    return _SLOT.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def fill_subject(template: str, subject: str) -> str:
    """The template with every slot given `subject` (a template usually has one)."""
    return fill(template, {name: subject for name in slots(template)})


class PresetStore:
    def __init__(self, home: Path | None) -> None:
        self.path = home / PRESETS_FILE if home is not None else None
        raw = read_json(self.path) if self.path is not None else None
        items = raw.get("presets") if isinstance(raw, dict) else None
        self._presets: list[Preset] = []
        for entry in items if isinstance(items, list) else []:
            preset = Preset.from_json(entry)
            if preset is not None and self.get(preset.name) is None:
                self._presets.append(preset)

    def all(self) -> list[Preset]:
        return list(self._presets)

    def names(self) -> list[str]:
        return [p.name for p in self._presets]

    def get(self, name: str) -> Preset | None:
        key = name.strip().casefold()
        return next((p for p in self._presets if p.name.casefold() == key), None)

    def save(self, preset: Preset) -> Preset:
        """Add `preset`, or replace the one with its name (saving over it on purpose)."""
        name = preset.name.strip()
        if not name:
            raise PresetError("A preset needs a name.")
        preset = replace(preset, name=name)
        old = self.get(name)
        if old is None:
            self._presets.append(preset)
        else:
            self._presets[self._presets.index(old)] = preset
        self._save()
        return preset

    def rename(self, old: str, new: str) -> Preset:
        preset = self.get(old)
        if preset is None:
            raise PresetError(f"There is no preset called “{old}”.")
        new = new.strip()
        if not new:
            raise PresetError("A preset needs a name.")
        taken = self.get(new)
        if taken is not None and taken is not preset:
            raise PresetError(f"There is already a preset called “{taken.name}”.")
        renamed = replace(preset, name=new)
        self._presets[self._presets.index(preset)] = renamed
        self._save()
        return renamed

    def delete(self, name: str) -> None:
        preset = self.get(name)
        if preset is None:
            raise PresetError(f"There is no preset called “{name}”.")
        self._presets.remove(preset)
        self._save()

    def _save(self) -> None:
        if self.path is not None:
            write_json(self.path, {"presets": [p.to_json() for p in self._presets]})
