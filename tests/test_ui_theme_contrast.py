"""What a reviewer saw in the dark screenshots, measured on real widgets (X server):
check boxes and line edits with no visible outline, the first-run warning at 3.3:1, a
faint » in the action bar, and the viewer's "67 %" hugging its − button. Contrast is
WCAG's: 4.5:1 for text, 3:1 for the edges of controls and for icons."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction, QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QSpinBox,
    QStyle,
    QStyleOptionButton,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from lemon_desktop.library import Library
from lemon_desktop.ui.first_run import FirstRunPanel
from lemon_desktop.ui.gallery import ImageViewer
from lemon_desktop.ui.prompt_box import CharCounter
from lemon_desktop.ui.theme import apply_theme

pytest_plugins = ["tests.gallery_fixtures"]

pytestmark = pytest.mark.gui

WINDOW = QPalette.ColorRole.Window


def luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def best_contrast(image: QImage, points: list[QPoint], background: QColor) -> float:
    """The strongest edge among `points` (antialiasing may soften some of them)."""
    return max(contrast(image.pixelColor(p), background) for p in points)


@pytest.fixture(params=["dark", "light"])
def theme(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    apply_theme(request.param)
    yield request.param
    apply_theme("system")


def shown(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)


def test_check_box_and_input_outlines_stand_out(theme: str, qtbot: QtBot) -> None:
    holder = QWidget()
    layout = QVBoxLayout(holder)
    box = QCheckBox("Compare several models", holder)
    edit = QLineEdit(holder)
    spin = QSpinBox(holder)
    combo = QComboBox(holder)
    combo.setEditable(True)
    for widget in (box, edit, spin, combo):
        layout.addWidget(widget)
    shown(qtbot, holder)
    window = holder.palette().color(WINDOW)

    option = QStyleOptionButton()
    box.initStyleOption(option)
    mark = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    image = box.grab().toImage()
    left_edge = [QPoint(mark.left() + dx, mark.center().y()) for dx in (0, 1)]
    edge = best_contrast(image, left_edge, window)
    assert edge >= 3.0, f"check box outline {edge:.2f}:1"

    for field in (edit, spin, combo):
        image = field.grab().toImage()
        left_edge = [QPoint(dx, image.height() // 2) for dx in (0, 1)]
        edge = best_contrast(image, left_edge, window)
        name = type(field).__name__
        assert edge >= 3.0, f"{name} outline {edge:.2f}:1"


def test_first_run_warning_is_readable(theme: str, qtbot: QtBot) -> None:
    panel = FirstRunPanel()
    panel.resize(900, 640)
    shown(qtbot, panel)
    panel.set_keyring_problem("No system keyring is available to store the API key")
    warning = panel.keyring_problem
    assert warning.isVisible()
    text = warning.palette().color(QPalette.ColorRole.WindowText)
    card = warning.parentWidget()
    assert card is not None
    ratio = contrast(text, card.palette().color(WINDOW))
    assert ratio >= 4.5, f"warning text {ratio:.2f}:1 on {theme}"


def test_a_prompt_over_its_limit_is_counted_in_a_readable_red(theme: str, qtbot: QtBot) -> None:
    counter = CharCounter()
    shown(qtbot, counter)
    counter.update_count(1200, 1000)
    assert counter.over
    text = counter.palette().color(QPalette.ColorRole.WindowText)
    ratio = contrast(text, counter.palette().color(WINDOW))
    assert ratio >= 4.5, f"counter {ratio:.2f}:1 on {theme}"


def test_warning_follows_a_theme_switch(qtbot: QtBot, qapp: QApplication) -> None:
    apply_theme("light")
    try:
        panel = FirstRunPanel()  # made in light, shown in dark
        shown(qtbot, panel)
        apply_theme("dark")
        qtbot.waitUntil(lambda: panel.palette().color(WINDOW).lightness() < 128)
        warning = panel.keyring_problem
        text = warning.palette().color(QPalette.ColorRole.WindowText)
        assert contrast(text, panel.palette().color(WINDOW)) >= 4.5
    finally:
        apply_theme("system")


def test_toolbar_overflow_arrow_is_visible(theme: str, qtbot: QtBot) -> None:
    bar = QToolBar()
    for number in range(20):
        bar.addAction(QAction(f"Action {number}", bar))
    bar.resize(200, 40)
    shown(qtbot, bar)
    apply_theme(theme)  # again, with the toolbar made: the arrow follows a switch too
    arrow = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert arrow is not None and arrow.isVisible()
    image = arrow.icon().pixmap(16, 16).toImage()
    window = bar.palette().color(WINDOW)
    inked = [
        image.pixelColor(x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() == 255
    ]
    assert inked, "the » icon has no solid pixels"
    ratio = max(contrast(colour, window) for colour in inked)
    assert ratio >= 3.0, f"» arrow {ratio:.2f}:1 on {theme}"


def test_viewer_zoom_reads_like_its_100_button_and_sits_midway(
    library: Library, qtbot: QtBot
) -> None:
    viewer = ImageViewer(library)
    shown(qtbot, viewer)
    label = viewer.zoom_label
    for scale, text in ((0.67, "67%"), (1.0, "100%"), (32.0, "3200%")):
        viewer._show_zoom(scale)
        assert label.text() == text
        assert label.fontMetrics().horizontalAdvance(text) <= label.contentsRect().width()
        # The text's gaps to the − and + buttons differ by at most a pixel or two.
        advance = label.fontMetrics().horizontalAdvance(text)
        rect = label.contentsRect()
        start = label.x() + rect.x() + (rect.width() - advance) // 2
        assert label.alignment() & label.alignment().AlignHCenter
        before = start - viewer.zoom_out_button.geometry().right()
        after = viewer.zoom_in_button.geometry().left() - (start + advance)
        assert abs(before - after) <= 2, (text, before, after)
    assert viewer.actual_button.text() == "100%"
