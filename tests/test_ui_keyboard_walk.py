"""The whole generate flow from the keyboard alone, on the real window against the
sandbox: only key presses (QTest.keyClick / keyClicks) reach each control and act on it;
no mouse, no method calls on the widgets. Each step is checked where it takes effect."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from lemon_desktop.jobs import Job, JobState
from lemon_desktop.sandbox import SandboxServer
from lemon_desktop.ui.accessibility import accessible_name, describe
from lemon_desktop.ui.main_window import MainWindow
from tests.ui_helpers import Loop, connect, until

pytest_plugins = ["tests.ui_fixtures"]
pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier
MODEL = "dall-e-3"  # sizes 1024x1024 (its default), 1792x1024, 1024x1792


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


async def press(
    key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """One key press to whatever has focus, as the keyboard would deliver it."""
    QTest.keyClick(focused(), key, modifier)
    await asyncio.sleep(0)


async def tab_until(found: object, limit: int = 40, back: bool = False) -> QWidget:
    """Tab (Shift+Tab when `back`) until `found(widget)` holds for the focused widget."""
    seen: list[str] = []
    for _ in range(limit):
        if found(focused()):  # type: ignore[operator]
            return focused()
        seen.append(describe(focused()))
        await press(Qt.Key.Key_Backtab if back else Qt.Key.Key_Tab)
    raise AssertionError("Tab never reached it; focus went through:\n" + "\n".join(seen))


def test_generate_flow_with_the_keyboard_alone(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        await connect(window, sandbox)
        await until(
            lambda: window.stage is not None and window.gallery is not None, message="stage"
        )
        window.activateWindow()
        await until(lambda: QApplication.activeWindow() is window, message="active window")
        panel, gallery, stage = window.generate, window.gallery, window.stage
        assert gallery is not None and stage is not None

        # 1. The model: its search by the table's shortcut, its id typed, Enter chooses.
        await press(Qt.Key.Key_M, CTRL)
        assert focused() is panel.picker.search
        QTest.keyClicks(focused(), MODEL)
        await press(Qt.Key.Key_Return)
        assert panel.model_id == MODEL
        assert panel.picker.chosen_rows() == [MODEL]

        # 2. The prompt, typed.
        await press(Qt.Key.Key_L, CTRL)
        assert focused() is panel.prompt.edit
        QTest.keyClicks(focused(), "a lemon on a blue plate")
        assert panel.prompt.text() == "a lemon on a blue plate"

        # 3. The size: Tab reaches it, an arrow key changes it.
        size = panel.params.editors["size"]
        assert size.value() == "1024x1024"
        await tab_until(lambda w: size.widget.isAncestorOf(w))
        await press(Qt.Key.Key_Right)
        assert size.value() == "1792x1024"
        assert accessible_name(focused()), describe(focused())

        # 4. Generate with Ctrl+Enter; the job runs to its end.
        await until(panel.generate.isEnabled, message=f"Generate enabled: {panel.reason.text()}")
        await press(Qt.Key.Key_Return, CTRL)
        queue = window.queue_panel.model
        done: list[Job] = []

        def finished() -> bool:
            jobs = [queue.job(r) for r in range(queue.rowCount())]
            done[:] = [j for j in jobs if j is not None and j.state is JobState.DONE]
            return bool(done)

        await until(finished, timeout=30, message="the job to finish")
        [job] = done
        assert job.model == MODEL and job.prompt == "a lemon on a blue plate"
        assert job.request.body()["size"] == "1792x1024"
        library = window.services.library
        assert library is not None
        [image_id] = job.image_ids
        record = library.get(image_id)
        assert (record.width, record.height) == (1792, 1024), "the sandbox drew the size sent"

        # 5. The result: the gallery by its shortcut, Tab to the grid, Enter opens it.
        await press(Qt.Key.Key_F, CTRL)
        assert focused() is gallery.search
        await until(lambda: gallery.model.rowCount() == 1, message="the result in the gallery")
        await tab_until(lambda w: w is gallery.view)
        await press(Qt.Key.Key_Home)
        await press(Qt.Key.Key_Return)
        await until(lambda: stage.current_id == image_id, message="the result on the stage")
        assert focused() is stage.canvas

    qloop.run(scenario())
