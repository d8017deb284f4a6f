"""What a screen reader hears: the name Qt's accessibility layer gives each control, and
a checker that lists the controls a person reaching them with Tab would hear nothing
for.

A control's name comes from, in order: its accessibleName, the text it shows (a
button's or check box's label), or the QLabel whose buddy it is. A tooltip is no name
(it is read, if at all, only on hover), so an icon-only button needs an accessible name
of its own. The window's tests walk every control with Tab and hold each to this.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget


def accessible_name(widget: QWidget) -> str:
    """The name assistive technology reads for `widget` (empty when it has none).

    An accessibleName set on the widget comes first: on Linux a combo box reports its
    current value as its name and leaves the label to a relation."""
    if widget.accessibleName().strip():
        return widget.accessibleName().strip()
    interface = QAccessible.queryAccessibleInterface(widget)
    name = interface.text(QAccessible.Text.Name) if interface is not None else ""
    return name.strip()


def takes_tab_focus(widget: QWidget) -> bool:
    """Whether Tab can land on `widget` (visible, enabled, with a tab focus policy)."""
    policy = widget.focusPolicy()
    return (
        bool(policy.value & Qt.FocusPolicy.TabFocus.value)
        and widget.isVisible()
        and widget.isEnabled()
    )


def focusable_controls(root: QWidget) -> list[QWidget]:
    """Every control under `root` (itself included) that Tab can reach now."""
    found = [root] if takes_tab_focus(root) else []
    found += [w for w in root.findChildren(QWidget) if takes_tab_focus(w)]
    # A widget that hands its focus to another (a combo's line edit) is reached as that.
    return [w for w in found if w.focusProxy() is None]


def unnamed_controls(root: QWidget) -> list[QWidget]:
    """The controls under `root` that Tab reaches but that have no accessible name."""
    return [w for w in focusable_controls(root) if not accessible_name(w)]


def describe(widget: QWidget) -> str:
    """`widget` for a failure message: its class, object name and named ancestors."""
    parts: list[str] = []
    current: QWidget | None = widget
    while current is not None and len(parts) < 5:
        name = current.objectName()
        parts.append(f"{type(current).__name__}" + (f"#{name}" if name else ""))
        current = current.parentWidget()
    return " < ".join(parts)


def label_for(label: QLabel, widget: QWidget) -> QLabel:
    """Make `label` name `widget` (its buddy): read as its name, and the label's
    mnemonic moves focus to it."""
    label.setBuddy(widget)
    return label


def _takes_tab(widget: QWidget) -> bool:
    return bool(widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value)


def name_field(field: QWidget, name: str, description: str = "") -> None:
    """Name the controls of a form field after its label (the form's label names the
    row, not the control). A button that shows its own text (a size tile, "Lock ratio")
    keeps it as its name and gets the field's name as its description; a control named
    already (a size editor's Width) keeps its name."""
    for widget in [field, *field.findChildren(QWidget)]:
        if not _takes_tab(widget) or widget.focusProxy() is not None:
            continue
        if isinstance(widget, QAbstractButton) and widget.text():
            if not widget.accessibleDescription():
                widget.setAccessibleDescription(f"{name}. {description}" if description else name)
            continue
        if not widget.accessibleName():
            widget.setAccessibleName(name)
        if description and not widget.accessibleDescription():
            widget.setAccessibleDescription(description)


def focus_descendants(container: QWidget) -> list[QWidget]:
    """The controls under `container` that Tab can land on (shown or not), in the order
    of the window's focus chain."""
    window = container.window()
    found: list[QWidget] = []
    widget: QWidget | None = window.nextInFocusChain()
    while widget is not None and widget is not window and len(found) < 10_000:
        if (
            (widget is container or container.isAncestorOf(widget))
            and _takes_tab(widget)
            and widget.focusProxy() is None
        ):
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found


def chain_focus(widgets: Iterable[QWidget | None]) -> None:
    """Tab goes through `widgets` in this order (None, a part not built yet, is skipped);
    the first keeps its place in the window's chain and the others follow it."""
    previous: QWidget | None = None
    for widget in widgets:
        if widget is None:
            continue
        if previous is not None and widget is not previous:
            QWidget.setTabOrder(previous, widget)
        previous = widget
