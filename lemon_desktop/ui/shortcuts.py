"""Every keyboard shortcut in one table: the window's menus, the gallery's actions and the
viewer's keys are built from it, and Help → Keyboard shortcuts lists all of it, so
what the keys do and what Help says never disagree.

A shortcut belongs to one context: the window (menu actions, active anywhere in the
main window), the gallery (when the thumbnail grid has focus) or the viewer (its own
window). Within a context a key means one thing; gallery keys also leave the window's
keys alone, because the grid sits inside the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QCoreApplication, QKeyCombination, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence


class Context(Enum):
    WINDOW = "Window"
    GALLERY = "Gallery"
    VIEWER = "Image viewer"


@dataclass(frozen=True)
class Shortcut:
    name: str
    label: str
    keys: tuple[str, ...]  # portable QKeySequence strings; the first is shown in menus
    context: Context = Context.WINDOW


def _tr(text: str) -> str:
    return QCoreApplication.translate("Shortcuts", text)


_GALLERY, _VIEWER = Context.GALLERY, Context.VIEWER

TABLE: tuple[Shortcut, ...] = (
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
    Shortcut("gallery_open", "Open the image in the viewer", ("Return", "Enter"), _GALLERY),
    Shortcut("gallery_trash", "Move the selected images to the trash", ("Delete",), _GALLERY),
    Shortcut("gallery_copy", "Copy the image", ("Ctrl+C",), _GALLERY),
    Shortcut("gallery_favourite", "Favourite / unfavourite", ("F",), _GALLERY),
    Shortcut("gallery_rate_0", "Clear the rating", ("0",), _GALLERY),
    Shortcut("gallery_rate_1", "Rate ★", ("1",), _GALLERY),
    Shortcut("gallery_rate_2", "Rate ★★", ("2",), _GALLERY),
    Shortcut("gallery_rate_3", "Rate ★★★", ("3",), _GALLERY),
    Shortcut("gallery_rate_4", "Rate ★★★★", ("4",), _GALLERY),
    Shortcut("gallery_rate_5", "Rate ★★★★★", ("5",), _GALLERY),
    Shortcut("viewer_next", "Next image", ("Right",), _VIEWER),
    Shortcut("viewer_previous", "Previous image", ("Left",), _VIEWER),
    Shortcut("viewer_zoom_in", "Zoom in", ("+", "=", "Ctrl++", "Ctrl+="), _VIEWER),
    Shortcut("viewer_zoom_out", "Zoom out", ("-", "_", "Ctrl+-"), _VIEWER),
    Shortcut("viewer_fit", "Fit to the window", ("F", "0"), _VIEWER),
    Shortcut("viewer_actual_size", "Actual size (100 %)", ("1",), _VIEWER),
    Shortcut("viewer_close", "Close the viewer", ("Escape",), _VIEWER),
)
BY_NAME = {s.name: s for s in TABLE}
# The window's menu actions (MainWindow.actions_by_name holds one for each).
SHORTCUTS: tuple[Shortcut, ...] = tuple(s for s in TABLE if s.context is Context.WINDOW)
GALLERY_RATINGS: tuple[str, ...] = tuple(f"gallery_rate_{stars}" for stars in range(6))


def in_context(context: Context) -> tuple[Shortcut, ...]:
    return tuple(s for s in TABLE if s.context is context)


def sequences(name: str) -> list[QKeySequence]:
    return [QKeySequence(k) for k in BY_NAME[name].keys]


def label(name: str) -> str:
    return _tr(BY_NAME[name].label)


def keys_text(shortcut: Shortcut) -> str:
    """The keys as this platform writes them, for menus' neighbours and Help."""
    return ", ".join(
        QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in shortcut.keys
    )


def tooltip(name: str) -> str:
    """ "Next image (Right)": a button's tooltip names its key from the table."""
    first = QKeySequence(BY_NAME[name].keys[0])
    return f"{label(name)} ({first.toString(QKeySequence.SequenceFormat.NativeText)})"


def _portable(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.PortableText)


_BY_KEYS: dict[Context, dict[str, str]] = {
    context: {_portable(QKeySequence(k)): s.name for s in in_context(context) for k in s.keys}
    for context in Context
}


def match(context: Context, event: QKeyEvent) -> str | None:
    """The name of the `context` shortcut that `event` presses, or None.

    Widgets whose keys are only meant while they have focus (the grid, the viewer)
    read their key presses through this, so they act on exactly the table's keys.
    The keypad counts as the main keys; Shift is tried without too, because "+" and
    "_" need Shift on most layouts.
    """
    combo = event.keyCombination()
    modifiers = combo.keyboardModifiers() & ~Qt.KeyboardModifier.KeypadModifier
    table = _BY_KEYS[context]
    name = table.get(_portable(QKeySequence(QKeyCombination(modifiers, combo.key()))))
    if name is None and modifiers & Qt.KeyboardModifier.ShiftModifier:
        plain = modifiers & ~Qt.KeyboardModifier.ShiftModifier
        name = table.get(_portable(QKeySequence(QKeyCombination(plain, combo.key()))))
    return name
