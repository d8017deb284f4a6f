"""Every word a window shows: texts, tooltips, placeholders, titles, menus, item views.

Used by tests/test_translations.py to find English left in a translated window, and
handy for looking at what a state shows. Only what is visible counts (a hidden page's
labels are not on the screen).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTabBar,
    QTextEdit,
    QWidget,
)

ROWS_PER_VIEW = 60


def plain(text: str) -> str:
    """Rich text as the words it shows."""
    if "<" in text and ">" in text:
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    # QAbstractListModel hides columnCount: one column.
    try:
        return model.columnCount(parent)
    except TypeError:
        return 1


def _has_children(model: QAbstractItemModel, index: QModelIndex) -> bool:
    try:
        return model.hasChildren(index)
    except TypeError:  # private in list models: they have no children
        return False


def _model_texts(model: QAbstractItemModel | None) -> Iterator[str]:
    if model is None:
        return
    root = QModelIndex()
    for column in range(_columns(model, root)):
        header = model.headerData(column, Qt.Orientation.Horizontal)
        if isinstance(header, str):
            yield header
    parents = [root]
    while parents:
        parent = parents.pop()
        for row in range(min(model.rowCount(parent), ROWS_PER_VIEW)):
            for column in range(_columns(model, parent)):
                index = model.index(row, column, parent)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.data(index, role)
                    if isinstance(value, str):
                        yield value
                if column == 0 and _has_children(model, index):
                    parents.append(index)


def _action_texts(actions: Iterable[QAction]) -> Iterator[tuple[str, str]]:
    for action in actions:
        if not action.isVisible():
            continue
        yield "action", action.text()
        yield "action tooltip", action.toolTip() if action.toolTip() != action.text() else ""
        menu = action.menu()
        if isinstance(menu, QMenu):
            yield "menu", menu.title()
            yield from _action_texts(menu.actions())


def widget_texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    """(what, text) pairs one widget shows, including its menus and item views."""
    if widget.isWindow():
        yield "window title", widget.windowTitle()
    yield "tooltip", widget.toolTip()
    yield "accessible name", widget.accessibleName()
    yield "accessible description", widget.accessibleDescription()
    if isinstance(widget, QLabel):
        yield "label", plain(widget.text())
    elif isinstance(widget, QAbstractButton):
        yield "button", widget.text()
    elif isinstance(widget, QGroupBox):
        yield "group", widget.title()
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        yield "placeholder", widget.placeholderText()
    elif isinstance(widget, QComboBox):
        for row in range(widget.count()):
            yield "combo item", widget.itemText(row)
            tip = widget.itemData(row, Qt.ItemDataRole.ToolTipRole)
            yield "combo item tooltip", tip if isinstance(tip, str) else ""
    elif isinstance(widget, QTabBar):
        for tab in range(widget.count()):
            yield "tab", widget.tabText(tab)
            yield "tab tooltip", widget.tabToolTip(tab)
    elif isinstance(widget, QAbstractSpinBox):
        yield "spin special", widget.specialValueText()
        if isinstance(widget, QSpinBox | QDoubleSpinBox):
            yield "spin suffix", widget.suffix()
            yield "spin prefix", widget.prefix()
    if isinstance(widget, QAbstractItemView) and not isinstance(widget.parent(), QComboBox):
        for text in _model_texts(widget.model()):
            yield "item", text
    if not isinstance(widget, QMenu):
        # The menu bar's menus, and context-menu actions added to the widget itself
        # (called through QWidget: a subclass may name an attribute `actions`).
        yield from _action_texts(QWidget.actions(widget))


def visible_texts(root: QWidget) -> list[tuple[str, str, str]]:
    """(widget class and name, what, text) for every non-empty text on screen in `root`."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        where = f"{type(widget).__name__}#{widget.objectName()}"
        for what, text in widget_texts(widget):
            if text and text.strip():
                found.append((where, what, text))
    return found


# Words that are the same in every language the app ships: names, units, formats, keys.
KEPT_WORDS = {
    # names of the app, the gateway and vendors (model names come from the catalogue)
    "lemon", "desktop", "lemondata", "tokenlab", "openai", "google", "midjourney",
    "ideogram", "bytedance", "stability", "bfl", "xai", "alibaba", "tencent", "kwallet",
    "secret", "service",  # the freedesktop keyring protocol's name
    # formats, units, protocols, language names in their own words
    "api", "url", "urls", "json", "png", "jpeg", "jpg", "webp", "gif", "sha", "px", "http",
    "https", "usd", "sk", "utc", "kb", "mb", "gb", "ms", "token", "tokens", "english",
    "lemondata_api_key",
    # keys as keyboards label them
    "ctrl", "shift", "alt", "meta", "enter", "del", "esc", "backspace",
}  # fmt: skip

_NOT_WORDS = re.compile(
    r"https?://\S+|[\w.+-]+@[\w-]+\.[\w.]+|(?:/|~/)[\w./ -]+"
    # file names and host names (api.tokenlab.sh)
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:png|jpe?g|webp|json|db|qm|ts|sh|cc|com)\b"
    # model ids and codes (gpt-image-1-mini, gnome-keyring, b64_json, sk-…)
    r"|\b[A-Za-z][\w.]*(?:[-_][\w.]+)+\b"
    # an exception's class name quoted in a message (NoKeyringError)
    r"|\b(?:[A-Z][a-z]+)+Error\b"
    # the command line's words, and the gallery's search operators (model: fav)
    r"|\blemon-desktop(?: [a-z-]+)+|\bjobs (?:list|check)\b|\b[a-z]+:|\bfav\b"
    r"|\{[^}]*\}|%\d|\b\d+(?:[.,:x×]\d+)*\w*"
)
# Key sequences as Qt writes them ("Ctrl+Shift+Z", "Ctrl+Return").
_KEYS = re.compile(r"\b(?:(?:Ctrl|Shift|Alt|Meta)\+)+\S+")
_WORD = re.compile(r"[A-Za-z][A-Za-z']+")


def english_words(text: str, kept: set[str]) -> list[str]:
    """The words of `text` that look English and are not names, ids, units or keys."""
    text = _KEYS.sub(" ", _NOT_WORDS.sub(" ", text))
    words = []
    for token in re.split(r"[\s·,;:()\[\]/|\"“”‘’<>=…—–+!?*]+", text):
        token = token.strip(".-_'")
        if not token or token.lower() in kept:
            continue
        # A model id (gpt-image-2, flux-kontext-pro) or a code (sk-…): not words.
        if "-" in token or "_" in token or any(ch.isdigit() for ch in token):
            continue
        for word in _WORD.findall(token):
            if word.lower() not in kept and not word.isupper():
                words.append(word)
    return words
