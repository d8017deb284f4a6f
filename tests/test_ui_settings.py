"""Settings dialog round trip, persistence of the window state, the shortcuts list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from lemon_desktop.sandbox import SandboxServer
from lemon_desktop.settings import load_settings
from lemon_desktop.ui import shortcuts
from lemon_desktop.ui.main_window import MainWindow
from lemon_desktop.ui.theme import apply_theme, is_dark
from tests.ui_helpers import Loop, until

pytest_plugins = ["tests.ui_fixtures"]
pytestmark = pytest.mark.gui


def test_settings_round_trip(window: MainWindow, home: Path, qloop: Loop) -> None:
    window.open_settings()
    dialog = window.settings_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.concurrency.setValue(7)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.base_url.setText("https://gateway.example.com/v1")
    dialog.try_accept()
    assert not dialog.isVisible()
    saved = load_settings(home)
    assert (saved.concurrency, saved.theme, saved.base_url) == (
        7,
        "dark",
        "https://gateway.example.com/v1",
    )
    assert is_dark()
    window.open_settings()
    again = window.settings_dialog
    assert again is not None and again is not dialog
    assert again.concurrency.value() == 7
    assert again.theme.currentData() == "dark"
    assert again.base_url.text() == "https://gateway.example.com/v1"
    # A bad value: the Settings' own sentence, under its field, and the dialog stays.
    again.base_url.setText("http://gateway.example.com")
    again.concurrency.setValue(0)
    again.try_accept()
    assert again.isVisible()
    problems = again.current().problems()
    assert again.errors["base_url"].text() == problems[0]
    assert "plain http" in again.errors["base_url"].text()
    assert again.errors["concurrency"].text() == "Concurrency must be a whole number from 1 to 32."
    assert load_settings(home).concurrency == 7  # nothing written
    again.reject()
    apply_theme("system")


def test_settings_key_section_stores_and_clears(
    make_window: Callable[..., MainWindow], qloop: Loop, sandbox: SandboxServer, home: Path
) -> None:
    window = make_window(sandbox.base_url)

    async def scenario() -> None:
        await window.start()
        assert not window.services.connected
        window.open_settings()
        dialog = window.settings_dialog
        assert dialog is not None
        section = dialog.key_section
        # The keyring is asked in a worker; wait for its answers before reading them.
        await until(lambda: section.idle, message="the keyring")
        assert "No key" in section.status.text()
        section.key.setText(sandbox.api_key)
        section.store.click()
        await until(lambda: section.idle, message="the keyring")
        assert "stored" in section.status.text()
        # A newly stored key connects the window straight away.
        await until(lambda: window.services.connected, message="connection")
        section.clear.click()
        await until(lambda: section.idle, message="the keyring")
        assert "No key" in section.status.text()
        dialog.reject()

    qloop.run(scenario())
    # The key never lands in the settings file.
    for path in home.rglob("*"):
        if path.suffix in (".json", ".ini"):
            assert sandbox.api_key not in path.read_text(), path


def test_model_and_parameters_persist(
    make_window: Callable[..., MainWindow], qloop: Loop, sandbox: SandboxServer, home: Path
) -> None:
    first = make_window()

    async def setup() -> None:
        await first.start(base_url=sandbox.base_url, api_key=sandbox.api_key)
        first.generate.select_model("dall-e-3")
        first.generate.params.editors["style"].set_value("natural")
        first.generate.params.editors["quality"].set_value("hd")
        first.main.setSizes([500, 900])
        first.resize(1200, 800)

    qloop.run(setup())
    first.close()
    assert (home / "ui.ini").exists()
    second = make_window()

    async def check() -> None:
        await second.start(base_url=sandbox.base_url, api_key=sandbox.api_key)
        await until(lambda: second.services.connected)

    qloop.run(check())
    assert second.generate.model_id == "dall-e-3"
    values = second.generate.params.values()
    assert values["style"] == "natural" and values["quality"] == "hd"
    assert second.size().width() == 1200
    assert abs(second.main.sizes()[0] - 500) <= 2


def test_every_shortcut_is_listed_and_bound(window: MainWindow) -> None:
    window.show_shortcuts()
    dialog = window.shortcuts_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.table.rowCount() == len(shortcuts.SHORTCUTS)
    for shortcut in shortcuts.SHORTCUTS:
        action = window.actions_by_name[shortcut.name]
        assert action.shortcut().toString() == shortcut.keys[0].replace("Return", "Return")
    listed = {dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())}
    assert {"Generate", "Focus the prompt", "Search the gallery", "Settings", "Quit"} <= listed
    dialog.reject()


def test_focus_shortcuts(window: MainWindow, qloop: Loop) -> None:
    window.activateWindow()
    window.actions_by_name["focus_prompt"].trigger()
    QApplication.processEvents()
    assert window.generate.prompt.edit.hasFocus() or QApplication.focusWidget() in (
        window.generate.prompt.edit,
        None,
    )
