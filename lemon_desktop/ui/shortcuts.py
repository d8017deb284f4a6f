"""Every keyboard shortcut in one table: the window's menus, the gallery's actions and the
viewer's keys are built from it, and Help → Keyboard shortcuts lists all of it, so
what the keys do and what Help says never disagree.

A shortcut works in one or more contexts: the window (menu actions, active anywhere in
the main window), the gallery (when the thumbnail grid has focus) and the viewer (its
own window). A key means one thing everywhere: F is favourite and 0-5 rate, in the grid
and in the viewer alike (both undoable with Ctrl+Z); the viewer zooms with +/- and
fits with Ctrl+0, so a digit typed at the wrong window never zooms one place and rates
in another. tests/test_ui_shortcuts.py holds the table to that.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QCoreApplication, QKeyCombination, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks a label for pyside6-lupdate; it is translated where shown (see `_tr`)."""
    return text


class Context(Enum):
    WINDOW = QT_TRANSLATE_NOOP("Shortcuts", "Window")
    GALLERY = QT_TRANSLATE_NOOP("Shortcuts", "Gallery")
    VIEWER = QT_TRANSLATE_NOOP("Shortcuts", "Image viewer")


@dataclass(frozen=True)
class Shortcut:
    name: str
    label: str
    keys: tuple[str, ...]  # portable QKeySequence strings; the first is shown in menus
    contexts: tuple[Context, ...] = (Context.WINDOW,)


def _tr(text: str) -> str:
    # The labels are marked with QT_TRANSLATE_NOOP where they are written (the table), so
    # pyside6-lupdate finds them there; this looks them up at run time.
    return QCoreApplication.translate("Shortcuts", text)


_GALLERY, _VIEWER = (Context.GALLERY,), (Context.VIEWER,)
# Marks work on the grid's selection and on the image in the viewer, with the same keys.
_MARKS = (Context.GALLERY, Context.VIEWER)
# The viewer is a window of its own: undo there undoes the same marks as in the window.
_UNDO = (Context.WINDOW, Context.VIEWER)

TABLE: tuple[Shortcut, ...] = (
    Shortcut("generate", QT_TRANSLATE_NOOP("Shortcuts", "Generate"), ("Ctrl+Return", "Ctrl+Enter")),
    Shortcut("focus_prompt", QT_TRANSLATE_NOOP("Shortcuts", "Focus the prompt"), ("Ctrl+L",)),
    Shortcut("search", QT_TRANSLATE_NOOP("Shortcuts", "Search the gallery"), ("Ctrl+F",)),
    Shortcut("focus_models", QT_TRANSLATE_NOOP("Shortcuts", "Search models"), ("Ctrl+M",)),
    Shortcut(
        "compare", QT_TRANSLATE_NOOP("Shortcuts", "Compare several models"), ("Ctrl+Shift+C",)
    ),
    Shortcut(
        "cancel_job", QT_TRANSLATE_NOOP("Shortcuts", "Cancel the selected job"), ("Ctrl+Backspace",)
    ),
    Shortcut("retry_job", QT_TRANSLATE_NOOP("Shortcuts", "Retry the selected job"), ("Ctrl+R",)),
    Shortcut(
        "open_job", QT_TRANSLATE_NOOP("Shortcuts", "Open the selected job's image"), ("Ctrl+O",)
    ),
    Shortcut(
        "resume_queue", QT_TRANSLATE_NOOP("Shortcuts", "Resume a paused queue"), ("Ctrl+Shift+R",)
    ),
    Shortcut("import_folder", QT_TRANSLATE_NOOP("Shortcuts", "Import a folder…"), ("Ctrl+I",)),
    Shortcut("settings", QT_TRANSLATE_NOOP("Shortcuts", "Settings"), ("Ctrl+,",)),
    Shortcut("shortcuts", QT_TRANSLATE_NOOP("Shortcuts", "Keyboard shortcuts"), ("F1",)),
    Shortcut("quit", QT_TRANSLATE_NOOP("Shortcuts", "Quit"), ("Ctrl+Q",)),
    Shortcut(
        "undo", QT_TRANSLATE_NOOP("Shortcuts", "Undo a rating or favourite"), ("Ctrl+Z",), _UNDO
    ),
    Shortcut("redo", QT_TRANSLATE_NOOP("Shortcuts", "Redo"), ("Ctrl+Shift+Z",), _UNDO),
    Shortcut(
        "gallery_open",
        QT_TRANSLATE_NOOP("Shortcuts", "Open the image in the viewer"),
        ("Return", "Enter"),
        _GALLERY,
    ),
    Shortcut(
        "gallery_trash",
        QT_TRANSLATE_NOOP("Shortcuts", "Move the selected images to the trash"),
        ("Delete",),
        _GALLERY,
    ),
    Shortcut(
        "gallery_copy", QT_TRANSLATE_NOOP("Shortcuts", "Copy the image"), ("Ctrl+C",), _GALLERY
    ),
    Shortcut(
        "favourite", QT_TRANSLATE_NOOP("Shortcuts", "Favourite / unfavourite"), ("F",), _MARKS
    ),
    Shortcut("rate_0", QT_TRANSLATE_NOOP("Shortcuts", "Clear the rating"), ("0",), _MARKS),
    Shortcut("rate_1", QT_TRANSLATE_NOOP("Shortcuts", "Rate ★"), ("1",), _MARKS),
    Shortcut("rate_2", QT_TRANSLATE_NOOP("Shortcuts", "Rate ★★"), ("2",), _MARKS),
    Shortcut("rate_3", QT_TRANSLATE_NOOP("Shortcuts", "Rate ★★★"), ("3",), _MARKS),
    Shortcut("rate_4", QT_TRANSLATE_NOOP("Shortcuts", "Rate ★★★★"), ("4",), _MARKS),
    Shortcut("rate_5", QT_TRANSLATE_NOOP("Shortcuts", "Rate ★★★★★"), ("5",), _MARKS),
    # Making something new from an image: on the grid's current image and the stage's.
    Shortcut("image_edit", QT_TRANSLATE_NOOP("Shortcuts", "Edit (paint a mask)"), ("E",), _MARKS),
    Shortcut("image_reference", QT_TRANSLATE_NOOP("Shortcuts", "Use as reference"), ("R",), _MARKS),
    Shortcut("image_vary", QT_TRANSLATE_NOOP("Shortcuts", "Vary"), ("V",), _MARKS),
    Shortcut("image_upscale", QT_TRANSLATE_NOOP("Shortcuts", "Upscale"), ("U",), _MARKS),
    Shortcut(
        "image_remove_background",
        QT_TRANSLATE_NOOP("Shortcuts", "Remove background"),
        ("B",),
        _MARKS,
    ),
    Shortcut("viewer_next", QT_TRANSLATE_NOOP("Shortcuts", "Next image"), ("Right",), _VIEWER),
    Shortcut(
        "viewer_previous", QT_TRANSLATE_NOOP("Shortcuts", "Previous image"), ("Left",), _VIEWER
    ),
    Shortcut(
        "viewer_zoom_in",
        QT_TRANSLATE_NOOP("Shortcuts", "Zoom in"),
        ("+", "=", "Ctrl++", "Ctrl+="),
        _VIEWER,
    ),
    Shortcut(
        "viewer_zoom_out", QT_TRANSLATE_NOOP("Shortcuts", "Zoom out"), ("-", "_", "Ctrl+-"), _VIEWER
    ),
    Shortcut(
        "viewer_fit", QT_TRANSLATE_NOOP("Shortcuts", "Fit to the window"), ("Ctrl+0",), _VIEWER
    ),
    Shortcut(
        "viewer_actual_size",
        QT_TRANSLATE_NOOP("Shortcuts", "Actual size (100 %)"),
        ("Ctrl+1",),
        _VIEWER,
    ),
    Shortcut(
        "viewer_close", QT_TRANSLATE_NOOP("Shortcuts", "Close the viewer"), ("Escape",), _VIEWER
    ),
)
BY_NAME = {s.name: s for s in TABLE}
# The window's menu actions (MainWindow.actions_by_name holds one for each).
SHORTCUTS: tuple[Shortcut, ...] = tuple(s for s in TABLE if Context.WINDOW in s.contexts)
RATINGS: tuple[str, ...] = tuple(f"rate_{stars}" for stars in range(6))
# What can be made from an image (ui/image_actions.py performs them).
IMAGE_ACTIONS: tuple[str, ...] = (
    "image_edit", "image_reference", "image_vary", "image_upscale", "image_remove_background",
)  # fmt: skip


def in_context(context: Context) -> tuple[Shortcut, ...]:
    return tuple(s for s in TABLE if context in s.contexts)


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
