"""Small shared widget helpers."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

ERROR_RED = QColor(208, 48, 48)


def error_label(parent: QWidget | None) -> QLabel:
    """A hidden, word-wrapped red label for an inline problem.

    Coloured through its palette, not a style sheet: a style sheet on a parent would
    switch every child to the style-sheet style, which ignores later palette changes
    (the dark theme).
    """
    label = QLabel(parent)
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, ERROR_RED)
    label.setPalette(palette)
    label.hide()
    return label
