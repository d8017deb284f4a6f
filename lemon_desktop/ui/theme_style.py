"""Fusion, with the outlines of inputs at 3:1 and the toolbar's » arrow visible on dark.

Fusion draws the outline of check boxes, radio buttons, line edits, spin boxes and
combo boxes as the window colour made darker, which on a dark window is next to
invisible (the "Compare several models" box and the first-run key field had no visible
edge); on the light window it came out at about 2:1. It draws the toolbar's overflow
arrow from a fixed grey picture, faint on dark.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

# At least 3:1 against the window (WCAG's rule for the edges of controls).
DARK_OUTLINE = QColor(128, 128, 132)
LIGHT_OUTLINE = QColor(112, 112, 112)

_OUTLINED = {
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QStyle.PrimitiveElement.PE_IndicatorRadioButton,
    QStyle.PrimitiveElement.PE_PanelLineEdit,
    QStyle.PrimitiveElement.PE_FrameLineEdit,
}
# Spin boxes and combo boxes draw their frame from the same derived outline.
_OUTLINED_COMPLEX = {
    QStyle.ComplexControl.CC_SpinBox,
    QStyle.ComplexControl.CC_ComboBox,
}
_EXTENSION_ARROWS = {
    QStyle.StandardPixmap.SP_ToolBarHorizontalExtensionButton,
    QStyle.StandardPixmap.SP_ToolBarVerticalExtensionButton,
}


def palette_is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


class ThemeStyle(QProxyStyle):
    def __init__(self) -> None:
        super().__init__("Fusion")

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element not in _OUTLINED:
            super().drawPrimitive(element, option, painter, widget)
            return
        with _lifted_window(option):
            super().drawPrimitive(element, option, painter, widget)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if control not in _OUTLINED_COMPLEX:
            super().drawComplexControl(control, option, painter, widget)
            return
        with _lifted_window(option):
            super().drawComplexControl(control, option, painter, widget)

    def standardIcon(
        self,
        standard_icon: QStyle.StandardPixmap,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> QIcon:
        palette = widget.palette() if widget is not None else QApplication.palette()
        if standard_icon in _EXTENSION_ARROWS and palette_is_dark(palette):
            vertical = standard_icon == QStyle.StandardPixmap.SP_ToolBarVerticalExtensionButton
            return _chevrons(palette.color(QPalette.ColorRole.ButtonText), vertical)
        return super().standardIcon(standard_icon, option, widget)


@contextmanager
def _lifted_window(option: QStyleOption) -> Iterator[None]:
    # These controls take the window colour only for their outline (window darker by
    # 140 %), so a window colour that much lighter gives the outline wanted.
    saved = QPalette(option.palette)
    lifted = QPalette(saved)
    outline = DARK_OUTLINE if palette_is_dark(saved) else LIGHT_OUTLINE
    lifted.setColor(QPalette.ColorRole.Window, outline.lighter(140))
    option.palette = lifted
    try:
        yield
    finally:
        option.palette = saved


def _chevrons(colour: QColor, vertical: bool) -> QIcon:
    """ "»" drawn in the text colour (pointing down for a vertical toolbar)."""
    icon = QIcon()
    for size in (16, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if vertical:
            painter.translate(size, 0)
            painter.rotate(90)
        unit = size / 16
        painter.setPen(QPen(colour, 1.5 * unit))
        path = QPainterPath()
        for left in (4.0, 8.5):
            path.moveTo(QPointF(left * unit, 4.5 * unit))
            path.lineTo(QPointF((left + 3.5) * unit, 8 * unit))
            path.lineTo(QPointF(left * unit, 11.5 * unit))
        painter.drawPath(path)
        painter.end()
        icon.addPixmap(pixmap)
    return icon
