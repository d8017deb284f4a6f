"""Themes switch completely at run time (real window on X): the filter chips, whose own
style sheet kept them dark after a switch to light, and every other widget with a style
sheet take the new palette; "system" follows the desktop's colour scheme and its
changes, while a chosen theme stays put."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from lemon_desktop.sandbox import SandboxServer
from lemon_desktop.ui import theme
from lemon_desktop.ui.main_window import MainWindow
from lemon_desktop.ui.theme import apply_theme, is_dark
from tests.ui_helpers import Loop, connect, until

pytest_plugins = ["tests.ui_fixtures"]
pytestmark = pytest.mark.gui

BUTTON = QPalette.ColorRole.Button


@pytest.fixture(autouse=True)
def back_to_system() -> Iterator[None]:
    yield
    apply_theme("system")  # the platform's palette again for the tests after these


def middle_pixel(widget: QWidget) -> QColor:
    image = widget.grab().toImage()
    return image.pixelColor(4, image.height() // 2)


def app_colour(role: QPalette.ColorRole) -> QColor:
    return QApplication.palette().color(role)


def styled_buttons(root: QWidget) -> list[QPushButton]:
    """Buttons under a widget with its own style sheet (which paints them through the
    style-sheet style), but with no colour of their own."""
    found = []
    for button in root.findChildren(QPushButton):
        parent = button.parentWidget()
        if parent is not None and parent.styleSheet() and not button.styleSheet():
            found.append(button)
    return found


def test_dark_to_light_repaints_the_chips_and_every_styled_widget(
    window: MainWindow, sandbox: SandboxServer, qloop: Loop
) -> None:
    async def scenario() -> None:
        await connect(window, sandbox)
        await until(lambda: window.gallery is not None, message="gallery")
        gallery = window.gallery
        assert gallery is not None
        chip = gallery.chips.model
        window.banner.show_message("A message on a banner with its own style sheet")

        apply_theme("dark")
        await until(lambda: middle_pixel(chip).lightness() < 100, message="dark chip")
        dark_chip = chip.palette().color(BUTTON)
        assert dark_chip == app_colour(BUTTON) and dark_chip.lightness() < 100

        apply_theme("light")
        assert not is_dark()
        light = app_colour(BUTTON)
        assert light.lightness() > 200
        assert chip.palette().color(BUTTON) == light  # it kept the dark one before
        assert middle_pixel(chip).lightness() > 200
        assert gallery.view.placeholder_colour.lightness() > 150  # cells still loading
        buttons = styled_buttons(window)
        assert buttons  # the banner's buttons at least
        assert all(b.palette().color(BUTTON) == light for b in buttons), [
            (b.text(), b.palette().color(BUTTON).name()) for b in buttons
        ]

        apply_theme("dark")  # and back again
        assert chip.palette().color(BUTTON) == dark_chip
        assert all(b.palette().color(BUTTON) == dark_chip for b in styled_buttons(window))

    qloop.run(scenario())


def test_system_follows_the_desktops_scheme_and_its_changes(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Xvfb has no desktop to ask; the scheme the platform reports is stood in for,
    # and its change signal is Qt's own.
    scheme = {"now": Qt.ColorScheme.Dark}
    monkeypatch.setattr(theme, "system_scheme", lambda: scheme["now"])
    hints = QGuiApplication.styleHints()
    changed: list[bool] = []
    theme.theme_events().changed.connect(changed.append)
    try:
        apply_theme("system")
        assert is_dark() and changed[-1] is True

        scheme["now"] = Qt.ColorScheme.Light
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert not is_dark() and changed[-1] is False

        apply_theme("dark")  # chosen by the person: the desktop's change leaves it alone
        scheme["now"] = Qt.ColorScheme.Light
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert is_dark()
    finally:
        theme.theme_events().changed.disconnect(changed.append)
