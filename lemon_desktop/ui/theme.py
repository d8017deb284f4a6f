"""System, light or dark look: dark is a palette, so every widget follows it."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

# Kept so "system" can put back exactly what the platform gave us at start-up.
_SYSTEM: dict[str, QPalette] = {}
_STYLE: dict[str, str] = {}


def _dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: QColor(37, 37, 38),
        QPalette.ColorRole.WindowText: QColor(230, 230, 230),
        QPalette.ColorRole.Base: QColor(30, 30, 30),
        QPalette.ColorRole.AlternateBase: QColor(45, 45, 48),
        QPalette.ColorRole.ToolTipBase: QColor(50, 50, 50),
        QPalette.ColorRole.ToolTipText: QColor(230, 230, 230),
        QPalette.ColorRole.Text: QColor(230, 230, 230),
        QPalette.ColorRole.Button: QColor(50, 50, 52),
        QPalette.ColorRole.ButtonText: QColor(230, 230, 230),
        QPalette.ColorRole.BrightText: QColor(255, 90, 90),
        QPalette.ColorRole.Link: QColor(110, 170, 255),
        QPalette.ColorRole.Highlight: QColor(214, 170, 0),
        QPalette.ColorRole.HighlightedText: QColor(20, 20, 20),
        QPalette.ColorRole.PlaceholderText: QColor(150, 150, 150),
    }
    for role, color in roles.items():
        palette.setColor(role, color)
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        palette.setColor(disabled, role, QColor(120, 120, 120))
    return palette


def _light_palette(app: QApplication) -> QPalette:
    # Fusion's own palette is a neutral light one on every platform.
    return app.style().standardPalette()


def apply_theme(theme: str) -> None:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if "system" not in _SYSTEM:
        _SYSTEM["system"] = QPalette(app.palette())
        _STYLE["system"] = app.style().name()
    if theme in ("dark", "light"):
        # Native styles (GTK, Windows) may draw with their own colours; Fusion always
        # paints with the palette.
        app.setStyle("Fusion")
    elif _STYLE.get("system"):
        app.setStyle(_STYLE["system"])
    if theme == "dark":
        app.setPalette(_dark_palette())
    elif theme == "light":
        app.setPalette(_light_palette(app))
    else:
        app.setPalette(_SYSTEM["system"])


def is_dark() -> bool:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return False
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128
