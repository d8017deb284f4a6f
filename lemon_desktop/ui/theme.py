"""System, light or dark look. Dark and light are palettes, so every widget follows them.

"system" (the default) follows the desktop's colour scheme as Qt 6.5+ reports it
(`QStyleHints.colorScheme()`), also when it changes while the app runs; where the
platform reports none, the palette the platform gave at start-up stays.

A switch must reach every widget. The palette does, except for widgets with a style
sheet of their own (the filter chips, the banners, the sandbox badge): Qt's style-sheet
style keeps the palette it resolved when it first polished them, so they stayed dark
after a switch to light. `apply_theme` re-polishes those, and `theme_changed` tells
anything that works out its own colours from the palette.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QStyle, QToolBar, QToolButton

from .theme_style import ThemeStyle, palette_is_dark

THEMES = ("system", "light", "dark")

# Kept so "system" can put back exactly what the platform gave us at start-up.
_SYSTEM: dict[str, QPalette] = {}
_STYLE: dict[str, str] = {}


class _ThemeEvents(QObject):
    changed = Signal(bool)  # dark or not, after every widget has the new palette


# Inline problems (error_label): at least 4.5:1 against each theme's window (WCAG AA);
# no one red reaches that on both the light and the dark window.
ERROR_ON_LIGHT = QColor(190, 30, 30)
ERROR_ON_DARK = QColor(255, 120, 120)

_events: _ThemeEvents | None = None
_chosen = {"theme": "system"}


def theme_events() -> _ThemeEvents:
    """`theme_events().changed` fires after each switch (connect, never emit)."""
    global _events
    if _events is None:
        _events = _ThemeEvents()
    return _events


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
        QPalette.ColorRole.Light: QColor(75, 75, 78),
        QPalette.ColorRole.Midlight: QColor(60, 60, 62),
        QPalette.ColorRole.Mid: QColor(45, 45, 47),
        QPalette.ColorRole.Dark: QColor(25, 25, 26),
        QPalette.ColorRole.Shadow: QColor(10, 10, 10),
    }
    for role, color in roles.items():
        palette.setColor(role, color)
    _disabled(palette, QColor(120, 120, 120))
    return palette


def _light_palette() -> QPalette:
    # Written out rather than Fusion's standardPalette(): since Qt 6.5 that follows the
    # desktop's scheme, so "light" on a dark desktop would come out dark.
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: QColor(239, 239, 239),
        QPalette.ColorRole.WindowText: QColor(0, 0, 0),
        QPalette.ColorRole.Base: QColor(255, 255, 255),
        QPalette.ColorRole.AlternateBase: QColor(247, 247, 247),
        QPalette.ColorRole.ToolTipBase: QColor(255, 255, 220),
        QPalette.ColorRole.ToolTipText: QColor(0, 0, 0),
        QPalette.ColorRole.Text: QColor(0, 0, 0),
        QPalette.ColorRole.Button: QColor(239, 239, 239),
        QPalette.ColorRole.ButtonText: QColor(0, 0, 0),
        QPalette.ColorRole.BrightText: QColor(255, 255, 255),
        QPalette.ColorRole.Link: QColor(0, 90, 200),
        QPalette.ColorRole.Highlight: QColor(48, 140, 198),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.PlaceholderText: QColor(0, 0, 0, 128),
        QPalette.ColorRole.Light: QColor(255, 255, 255),
        QPalette.ColorRole.Midlight: QColor(202, 202, 202),
        QPalette.ColorRole.Mid: QColor(184, 184, 184),
        QPalette.ColorRole.Dark: QColor(159, 159, 159),
        QPalette.ColorRole.Shadow: QColor(118, 118, 118),
    }
    for role, color in roles.items():
        palette.setColor(role, color)
    _disabled(palette, QColor(120, 120, 120))
    return palette


def _disabled(palette: QPalette, color: QColor) -> None:
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        palette.setColor(disabled, role, color)


def system_scheme() -> Qt.ColorScheme:
    """The desktop's colour scheme (Unknown where the platform does not say)."""
    return QGuiApplication.styleHints().colorScheme()


def _wanted(theme: str) -> str:
    """ "dark", "light" or "platform" (the start-up palette) for a setting."""
    if theme in ("dark", "light"):
        return theme
    scheme = system_scheme()
    if scheme == Qt.ColorScheme.Dark:
        return "dark" if not _is_dark(_SYSTEM["system"]) else "platform"
    if scheme == Qt.ColorScheme.Light:
        return "light" if _is_dark(_SYSTEM["system"]) else "platform"
    return "platform"


def apply_theme(theme: str) -> None:
    """Switch the whole application to `theme` ("system", "light" or "dark")."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if "system" not in _SYSTEM:
        _SYSTEM["system"] = QPalette(app.palette())
        _STYLE["system"] = app.style().name()
        # Connected once: a desktop switching light/dark reaches a "system" window.
        QGuiApplication.styleHints().colorSchemeChanged.connect(_on_scheme_changed)
    _chosen["theme"] = theme if theme in THEMES else "system"
    wanted = _wanted(_chosen["theme"])
    if wanted in ("dark", "light"):
        # Native styles (GTK, Windows) may draw with their own colours; Fusion always
        # paints with the palette (ThemeStyle: Fusion with outlines visible on dark).
        if not isinstance(app.style(), ThemeStyle):
            app.setStyle(ThemeStyle())
        app.setPalette(_dark_palette() if wanted == "dark" else _light_palette())
    else:
        if _STYLE.get("system") and app.style().name() != _STYLE["system"]:
            app.setStyle(_STYLE["system"])
        app.setPalette(_SYSTEM["system"])
    _repolish_styled_widgets(app)
    theme_events().changed.emit(is_dark())


def _on_scheme_changed(_scheme: Qt.ColorScheme) -> None:
    if _chosen["theme"] == "system":
        apply_theme("system")


def _repolish_styled_widgets(app: QApplication) -> None:
    # Setting the same sheet again makes the style-sheet style resolve it against the
    # new palette (see the module docstring); children of such a widget follow it.
    # Error labels and the toolbar's » arrow have a colour of their own for each theme.
    error = error_colour()
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet(sheet)
        if isinstance(widget, QLabel) and widget.objectName() == "fieldError":
            palette = widget.palette()
            palette.setColor(QPalette.ColorRole.WindowText, error)
            widget.setPalette(palette)
        elif isinstance(widget, QToolButton) and widget.objectName() == "qt_toolbar_ext_button":
            _refresh_extension_arrow(widget)


def _refresh_extension_arrow(button: QToolButton) -> None:
    # Qt picks the icon when the toolbar is made or restyled, not on a palette change.
    toolbar = button.parentWidget()
    vertical = isinstance(toolbar, QToolBar) and toolbar.orientation() == Qt.Orientation.Vertical
    arrow = (
        QStyle.StandardPixmap.SP_ToolBarVerticalExtensionButton
        if vertical
        else QStyle.StandardPixmap.SP_ToolBarHorizontalExtensionButton
    )
    button.setIcon(button.style().standardIcon(arrow, None, button))


def error_colour() -> QColor:
    """The red for an inline problem, readable on the current theme's window."""
    return QColor(ERROR_ON_DARK if is_dark() else ERROR_ON_LIGHT)


def _is_dark(palette: QPalette) -> bool:
    return palette_is_dark(palette)


def is_dark() -> bool:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return False
    return _is_dark(app.palette())
