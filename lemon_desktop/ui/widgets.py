"""Small shared widget helpers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QMainWindow, QStatusBar, QWidget

from .theme import error_colour


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
    palette.setColor(QPalette.ColorRole.WindowText, error_colour())  # kept by apply_theme
    label.setPalette(palette)
    label.hide()
    return label


def fixed_status_bar(window: QMainWindow) -> QStatusBar:
    """The window's status bar, made now and one text line high for good.

    Made lazily by the first message, it would push the whole window up by its height
    then; sized by its content, it grows a few pixels with some fonts and glyphs.
    """
    bar = window.statusBar()
    line = bar.fontMetrics().height()
    bar.setFixedHeight(max(bar.sizeHint().height(), line + 8))
    return bar


def reserve_lines(label: QLabel, lines: int = 2) -> None:
    """Give a word-wrapped message label room for `lines` lines, shown or hidden.

    Its neighbours then never move when the message comes, goes or grows a line; a
    longer message is cut, so it belongs in a tooltip as well.
    """
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.setFixedHeight(lines * label.fontMetrics().lineSpacing() + 2)
    policy = label.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    label.setSizePolicy(policy)
