"""The one shortcut table: every key the window, the gallery and the viewer answer to is in
it, Help lists all of it, and no key means two things in one place (real widgets on X)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QEvent, QObject, Qt, QThreadPool
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from lemon_desktop.library import Library
from lemon_desktop.ui import shortcuts
from lemon_desktop.ui.gallery import GalleryPanel, ImageViewer
from lemon_desktop.ui.main_window import MainWindow
from lemon_desktop.ui.shortcuts import TABLE, Context, in_context, keys_text, match
from tests.gallery_fixtures import MakePanel

pytest_plugins = ["tests.ui_fixtures", "tests.gallery_fixtures"]
pytestmark = pytest.mark.gui


def portable(sequence: QKeySequence | str) -> str:
    return QKeySequence(sequence).toString(QKeySequence.SequenceFormat.PortableText)


def table_keys(context: Context) -> set[str]:
    return {portable(k) for s in in_context(context) for k in s.keys}


def bound_keys(root: QObject) -> set[str]:
    """Every key sequence of every QAction and QShortcut under `root`."""
    keys: set[str] = set()
    for action in root.findChildren(QAction):
        keys |= {portable(s) for s in action.shortcuts() if not s.isEmpty()}
    for shortcut in root.findChildren(QShortcut):
        keys |= {portable(s) for s in shortcut.keys() if not s.isEmpty()}  # noqa: SIM118
    return keys


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 180, 40)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(tmp_path / "library")
    lib.add_bytes(png())
    yield lib
    QThreadPool.globalInstance().waitForDone(10_000)
    lib.close()


@pytest.fixture
def panel(make_panel: MakePanel) -> GalleryPanel:
    return make_panel(size=(600, 400))


def test_no_key_means_two_things_anywhere() -> None:
    # One meaning per key across every context (the viewer's zoom keys once were the
    # grid's rating keys): a key shared by contexts is one shortcut listed in both.
    seen: dict[str, str] = {}
    for shortcut in TABLE:
        assert shortcut.contexts, shortcut.name
        for key in shortcut.keys:
            assert portable(key) not in seen, (key, seen.get(portable(key)), shortcut.name)
            seen[portable(key)] = shortcut.name
    # Rating, favourite and undo mean the same in the grid and in the viewer.
    for name in (*shortcuts.RATINGS, "favourite"):
        assert shortcuts.BY_NAME[name].contexts == (Context.GALLERY, Context.VIEWER)
    assert Context.VIEWER in shortcuts.BY_NAME["undo"].contexts
    # The grid sits inside the window: its keys must leave the window's keys alone.
    assert not table_keys(Context.GALLERY) & table_keys(Context.WINDOW)
    assert len({s.name for s in TABLE}) == len(TABLE)


def test_help_lists_the_whole_table(window: MainWindow) -> None:
    window.show_shortcuts()
    dialog = window.shortcuts_dialog
    assert dialog is not None and dialog.isVisible()
    listed = dialog.listed()
    for context in Context:
        expected = [(shortcuts.label(s.name), keys_text(s)) for s in in_context(context)]
        assert listed[context] == expected
    assert sum(len(rows) for rows in listed.values()) == sum(len(s.contexts) for s in TABLE)
    dialog.reject()


def test_every_bound_key_of_the_window_is_in_the_table(window: MainWindow) -> None:
    window.panels  # noqa: B018 - build the panels, whose widgets may bind keys too
    bound = bound_keys(window)
    assert bound  # the menus
    assert bound <= table_keys(Context.WINDOW)
    assert table_keys(Context.WINDOW) <= bound  # and every window row is bound


def test_gallery_keys_come_from_the_table(panel: GalleryPanel, qtbot: QtBot) -> None:
    assert bound_keys(panel) == table_keys(Context.GALLERY)
    panel.view.setCurrentIndex(panel.model.index(0))
    panel.view.setFocus()
    commands: list[str] = []
    panel.view.key_command.disconnect()  # record what the keys ask for, do nothing
    panel.view.key_command.connect(commands.append)
    for shortcut in in_context(Context.GALLERY):
        for key in shortcut.keys:
            combo = QKeySequence(key)[0]
            qtbot.keyClick(panel.view, combo.key(), combo.keyboardModifiers())
            assert commands[-1] == shortcut.name, key
    qtbot.keyClick(panel.view, Qt.Key.Key_G)  # not in the table: left to the view
    assert len(commands) == sum(len(s.keys) for s in in_context(Context.GALLERY))


def test_viewer_keys_come_from_the_table(library: Library, qtbot: QtBot) -> None:
    viewer = ImageViewer(library)
    qtbot.addWidget(viewer)
    assert bound_keys(viewer) <= table_keys(Context.VIEWER)
    for shortcut in in_context(Context.VIEWER):
        for key in shortcut.keys:
            combo = QKeySequence(key)[0]
            event = QKeyEvent(QEvent.Type.KeyPress, combo.key(), combo.keyboardModifiers())
            assert match(Context.VIEWER, event) == shortcut.name, key
    # "+" is typed with Shift on most layouts, and the keypad counts as the main keys.
    shifted = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Plus, Qt.KeyboardModifier.ShiftModifier)
    assert match(Context.VIEWER, shifted) == "viewer_zoom_in"
    keypad = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_1, Qt.KeyboardModifier.KeypadModifier)
    assert match(Context.VIEWER, keypad) == "rate_1"  # the same as in the grid
    ctrl_keypad = Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ControlModifier
    keypad_fit = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_0, ctrl_keypad)
    assert match(Context.VIEWER, keypad_fit) == "viewer_fit"
    # Tooltips name the table's key.
    assert viewer.next_button.toolTip() == "Next image (Right)"
    QApplication.processEvents()
