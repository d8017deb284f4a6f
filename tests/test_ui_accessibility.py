"""Every control has a name a screen reader can say, and Tab reaches every one of them
and lets go again: the real window against the sandbox, on a real X server."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from lemon_desktop.jobs import JobState
from lemon_desktop.sandbox import SandboxServer
from lemon_desktop.ui.accessibility import (
    accessible_name,
    describe,
    focusable_controls,
    label_for,
    unnamed_controls,
)
from lemon_desktop.ui.main_window import MainWindow
from tests.ui_helpers import Loop, connect, until

pytest_plugins = ["tests.ui_fixtures"]
pytestmark = pytest.mark.gui


def assert_named(root: QWidget) -> None:
    nameless = [describe(w) for w in unnamed_controls(root)]
    assert nameless == [], "controls without a name:\n" + "\n".join(nameless)


def test_the_checker_finds_a_control_without_a_name(qtbot: QtBot) -> None:
    form = QWidget()
    qtbot.addWidget(form)
    icon_only = QToolButton(form)
    icon_only.setToolTip("Delete")  # a tooltip is read on hover only: no name
    worded = QToolButton(form)
    worded.setText("Delete")
    field = QLineEdit(form)
    label_for(QLabel("Tags", form), field)
    form.show()
    qtbot.waitExposed(form)
    assert unnamed_controls(form) == [icon_only]
    assert accessible_name(worded) == "Delete"
    assert accessible_name(field) == "Tags"  # the label whose buddy it is
    icon_only.setAccessibleName("Delete the image")
    assert unnamed_controls(form) == []


async def one_image(window: MainWindow) -> None:
    """A finished job in the queue and its image on the stage and in the gallery."""
    panel = window.generate
    panel.select_model("gpt-image-2")
    panel.prompt.set_text("a lemon on a blue plate")
    await until(panel.generate.isEnabled, message=f"Generate: {panel.reason.text()}")
    panel.submit()
    queue = window.queue_panel.model

    def done() -> bool:
        jobs = [queue.job(r) for r in range(queue.rowCount())]
        return any(j is not None and j.state is JobState.DONE for j in jobs)

    await until(done, timeout=30, message="the job to finish")
    stage = window.stage
    await until(lambda: stage is not None and stage.current_id is not None, message="stage")
    await until(lambda: stage is not None and stage.bar.delete.isEnabled(), message="actions")


async def walk(start: QWidget, key: Qt.Key, limit: int = 200) -> list[QWidget]:
    """Press `key` from `start` until focus is back on it; every widget on the way."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    await until(lambda: QApplication.focusWidget() is start, message="focus on the start")
    visited: list[QWidget] = []
    for _ in range(limit):
        current = QApplication.focusWidget()
        assert current is not None, f"focus lost after {describe(visited[-1])}"
        if visited and current is start:
            return visited
        assert current not in visited, (
            f"Tab is stuck: {describe(current)} again before the walk came round"
        )
        visited.append(current)
        QTest.keyClick(current, key)
        await asyncio.sleep(0)
    raise AssertionError(f"the walk never came back to {describe(start)}")


def test_tab_reaches_every_control_each_named_and_shift_tab_walks_back(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        await connect(window, sandbox)
        await until(lambda: window.stage is not None and window.gallery is not None)
        window.activateWindow()
        await until(lambda: QApplication.activeWindow() is window, message="active window")
        await one_image(window)
        window.generate.params.show_advanced(True)  # its fields are on the walk too
        await asyncio.sleep(0.05)
        start = window.generate.prompt.edit
        forward = await walk(start, Qt.Key.Key_Tab)
        nameless = [describe(w) for w in forward if not accessible_name(w)]
        assert nameless == [], "reached with Tab but without a name:\n" + "\n".join(nameless)
        # Every control that takes Tab now is on the walk: none is left out of the chain.
        missed = [describe(w) for w in focusable_controls(window) if w not in forward]
        assert missed == [], "never reached with Tab:\n" + "\n".join(missed)
        # The walk goes as the window reads: the panel, the stage, the gallery, the queue.
        generate, stage, gallery = window.generate, window.stage, window.gallery
        assert stage is not None and gallery is not None
        order = [generate.picker.search, generate.generate, stage.canvas, gallery.view]
        positions = [forward.index(w) for w in order]
        assert positions == sorted(positions)
        assert forward.index(window.queue_panel.view) > forward.index(gallery.view)
        # Shift+Tab goes the same way back.
        backward = await walk(start, Qt.Key.Key_Backtab)
        assert backward == [start, *reversed(forward[1:])]

    qloop.run(scenario())


def test_controls_are_named_in_the_windows_other_states(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        await connect(window, sandbox)
        await until(lambda: window.stage is not None and window.gallery is not None)
        await one_image(window)
        stage, generate = window.stage, window.generate
        assert stage is not None
        # The stage's details beside the picture, then its mask painter.
        stage.bar.details.setChecked(True)
        await until(stage.details.isVisible, message="details")
        assert_named(stage)
        current = stage.current_id
        assert current is not None
        stage.begin_edit(current)
        await until(stage.mask_bar.isVisible, message="the mask painter")
        assert_named(stage)
        stage.end_edit()
        # A custom size with its sides, lock and snap; compare mode with its boxes.
        generate.select_model("gpt-image-2")
        size = generate.params.editors["size"]
        size.set_custom(1536, 1024)  # type: ignore[attr-defined]
        generate.compare.setChecked(True)
        await asyncio.sleep(0.05)
        assert_named(generate)
        generate.compare.setChecked(False)
        # The banner with its ways out.
        window.banner.show_message("The gateway could not be reached.")
        await until(window.banner.isVisible, message="banner")
        assert_named(window)
        # The dialogs: settings and the shortcut list.
        window.open_settings()
        dialog = window.settings_dialog
        assert dialog is not None
        await until(dialog.isVisible, message="settings")
        assert_named(dialog)
        dialog.reject()
        window.show_shortcuts()
        shortcuts = window.shortcuts_dialog
        assert shortcuts is not None
        await until(shortcuts.isVisible, message="shortcuts")
        assert_named(shortcuts)
        shortcuts.reject()

    qloop.run(scenario())


def test_first_run_page_is_named(window: MainWindow, qloop: Loop) -> None:
    async def scenario() -> None:
        await window.start()  # no key anywhere: the first-run page
        await until(lambda: window.pages.currentWidget() is window.first_run, message="page")
        assert_named(window.first_run)

    qloop.run(scenario())


def test_the_focused_stage_and_the_chosen_tile_can_be_seen(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        await connect(window, sandbox)
        await until(lambda: window.stage is not None and window.gallery is not None)
        window.activateWindow()
        await until(lambda: QApplication.activeWindow() is window, message="active window")
        await one_image(window)
        stage = window.stage
        assert stage is not None
        highlight = stage.canvas.palette().color(QPalette.ColorRole.Highlight)
        stage.canvas.setFocus(Qt.FocusReason.TabFocusReason)
        await until(stage.canvas.hasFocus, message="focus on the stage")
        await asyncio.sleep(0.05)
        assert stage.canvas.grab().toImage().pixelColor(1, 1) == highlight
        window.generate.prompt.edit.setFocus(Qt.FocusReason.TabFocusReason)
        await asyncio.sleep(0.05)
        assert stage.canvas.grab().toImage().pixelColor(1, 1) != highlight
        # The chosen size tile is bold (a dark palette barely shades a checked button).
        window.generate.select_model("dall-e-3")
        tiles = window.generate.params.tiles()["size"].tiles
        assert [t.font().bold() for t in tiles] == [t.isChecked() for t in tiles]
        tiles[2].click()
        assert [t.font().bold() for t in tiles] == [False, False, True]

    qloop.run(scenario())
