"""Settings dialog round trip, persistence of the window state, the shortcuts list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
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


def test_base_url_presets_are_offered_and_the_default_is_unchanged(
    window: MainWindow, home: Path
) -> None:
    from lemon_desktop.api.base_url import BASE_URL_PRESETS, DEFAULT_BASE_URL
    from lemon_desktop.settings import Settings

    assert Settings().base_url == DEFAULT_BASE_URL == "https://api.lemondata.cc"
    window.open_settings()
    dialog = window.settings_dialog
    assert dialog is not None
    combo = dialog.base_url_presets
    shown = [combo.itemText(i) for i in range(combo.count())]
    assert shown == list(BASE_URL_PRESETS)
    assert shown == ["https://api.lemondata.cc", "https://api.tokenlab.sh"]
    assert combo.isEditable() and dialog.base_url.text() == DEFAULT_BASE_URL
    assert "documentation" in (combo.itemData(1, Qt.ItemDataRole.ToolTipRole) or "")
    combo.setCurrentIndex(1)  # picking a preset fills the field that is saved
    assert dialog.base_url.text() == "https://api.tokenlab.sh"
    dialog.try_accept()
    assert load_settings(home).base_url == "https://api.tokenlab.sh"
    window.open_settings()
    again = window.settings_dialog
    assert again is not None and again.base_url_presets.currentIndex() == 1
    again.base_url.setText("https://gateway.example.com")  # any other https URL is kept
    again.try_accept()
    assert load_settings(home).base_url == "https://gateway.example.com"


@pytest.mark.keyring
def test_settings_store_asks_the_gateway_first_and_offers_store_anyway_when_offline(
    make_window: Callable[..., MainWindow], qloop: Loop
) -> None:
    import socket

    from lemon_desktop.keys import resolve_key

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    window = make_window(closed)

    async def scenario() -> None:
        await window.start(sandbox=True)
        window.open_settings()
        dialog = window.settings_dialog
        assert dialog is not None
        section = dialog.key_section
        await until(lambda: section.idle, message="the keyring")
        section.key.setText("sk-unchecked")
        section.store.click()
        await until(section.store_anyway.isVisible, message=section.message.text())
        assert "could not be reached" in section.message.text()
        assert "rejected" not in section.message.text()
        assert resolve_key().key is None
        section.store_anyway.click()
        await until(lambda: "stored" in section.message.text(), message="stored")
        await until(lambda: section.idle, message="the keyring")
        # A stored key leads out of the sandbox to the (unreachable) gateway.
        await until(lambda: not window.services.in_sandbox, message="left the sandbox")
        dialog.reject()

    qloop.run(scenario())
    assert resolve_key().key == "sk-unchecked"
