"""Every keyboard shortcut in one table: the menus are built from it and the Help →
Keyboard shortcuts dialog lists it, so the two never disagree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence

if TYPE_CHECKING:
    from .shortcuts_dialog import ShortcutsDialog as ShortcutsDialog


@dataclass(frozen=True)
class Shortcut:
    name: str
    label: str
    keys: tuple[str, ...]  # portable QKeySequence strings; the first is shown in menus


def _tr(text: str) -> str:
    return QCoreApplication.translate("Shortcuts", text)


SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("generate", "Generate", ("Ctrl+Return", "Ctrl+Enter")),
    Shortcut("focus_prompt", "Focus the prompt", ("Ctrl+L",)),
    Shortcut("search", "Search the gallery", ("Ctrl+F",)),
    Shortcut("focus_models", "Search models", ("Ctrl+M",)),
    Shortcut("compare", "Compare several models", ("Ctrl+Shift+C",)),
    Shortcut("cancel_job", "Cancel the selected job", ("Ctrl+Backspace",)),
    Shortcut("retry_job", "Retry the selected job", ("Ctrl+R",)),
    Shortcut("open_job", "Open the selected job's image", ("Ctrl+O",)),
    Shortcut("resume_queue", "Resume a paused queue", ("Ctrl+Shift+R",)),
    Shortcut("import_folder", "Import a folder…", ("Ctrl+I",)),
    Shortcut("settings", "Settings", ("Ctrl+,",)),
    Shortcut("shortcuts", "Keyboard shortcuts", ("F1",)),
    Shortcut("quit", "Quit", ("Ctrl+Q",)),
)
BY_NAME = {s.name: s for s in SHORTCUTS}


def sequences(name: str) -> list[QKeySequence]:
    return [QKeySequence(k) for k in BY_NAME[name].keys]


def label(name: str) -> str:
    return _tr(BY_NAME[name].label)


def __getattr__(name: str) -> Any:
    # The dialog lives in its own module: its table and button-box classes cost Qt
    # set-up time that the menus, built before the first paint, do not need.
    if name == "ShortcutsDialog":
        from .shortcuts_dialog import ShortcutsDialog

        return ShortcutsDialog
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
