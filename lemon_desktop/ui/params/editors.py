"""One editor per parameter kind; each maps "left alone" to None so the request carries
only what the person chose (the profile's defaults are applied by the builder)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from ...api.profiles import ParamSpec
from ..core_words import core_text
from .defaults import default_label
from .tiles import TileGrid


class FieldEditor(QObject):
    """A parameter's widget and its value; `changed` fires on every edit."""

    changed = Signal()

    def __init__(self, spec: ParamSpec, widget: QWidget) -> None:
        super().__init__(widget)
        self.spec = spec
        self.widget = widget

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def reset(self) -> None:
        self.set_value(self.spec.default)


class ChoiceEditor(FieldEditor):
    """A combo box, or with `tiles` a grid of tiles over a hidden one (aspect ratios)."""

    def __init__(self, spec: ParamSpec, parent: QWidget | None, *, tiles: bool = False) -> None:
        holder = QWidget(parent) if tiles else None
        combo = QComboBox(holder or parent)
        super().__init__(spec, holder or combo)
        self.combo = combo
        if spec.default is None:
            combo.addItem(default_label(spec), None)
        for choice in spec.choices:
            combo.addItem(core_text(choice), choice)
        self.tiles: TileGrid | None = None
        if holder is not None:
            self.tiles = TileGrid(combo, holder)
            combo.hide()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(combo)
            column.addWidget(self.tiles)
        combo.currentIndexChanged.connect(self.changed)
        self.reset()

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value)
        if index < 0 and value is not None:
            # A reused setting the profile no longer lists: keep it visible, so the
            # validator can say what is wrong rather than dropping it silently.
            self.combo.addItem(str(value), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(max(index, 0))


class IntEditor(FieldEditor):
    """Without a default, one step below the minimum reads "(model default)"."""

    def __init__(self, spec: ParamSpec, parent: QWidget | None) -> None:
        spin = QSpinBox(parent)
        super().__init__(spec, spin)
        self.spin = spin
        low = spec.minimum if spec.minimum is not None else 0
        high = spec.maximum if spec.maximum is not None else 1_000_000
        self._unset = low - 1 if spec.default is None else None
        spin.setRange(self._unset if self._unset is not None else low, high)
        if self._unset is not None:
            spin.setSpecialValueText(default_label(spec))
        spin.valueChanged.connect(self.changed)
        self.reset()

    def value(self) -> Any:
        value = self.spin.value()
        return None if value == self._unset else value

    def set_value(self, value: Any) -> None:
        if value is None:
            self.spin.setValue(self._unset if self._unset is not None else self.spin.minimum())
            return
        try:
            self.spin.setValue(int(value))
        except (TypeError, ValueError):
            self.reset()


class BoolEditor(FieldEditor):
    def __init__(self, spec: ParamSpec, parent: QWidget | None) -> None:
        box = QCheckBox(core_text(spec.label), parent)
        super().__init__(spec, box)
        self.box = box
        box.toggled.connect(self.changed)
        self.reset()

    def value(self) -> Any:
        # Unchecked means "not sent": the gateway's default, not an explicit false.
        return True if self.box.isChecked() else (False if self.spec.default is True else None)

    def set_value(self, value: Any) -> None:
        self.box.setChecked(value is True or str(value).lower() == "true")


class TextEditor(FieldEditor):
    def __init__(self, spec: ParamSpec, parent: QWidget | None) -> None:
        line = QLineEdit(parent)
        super().__init__(spec, line)
        self.line = line
        line.setPlaceholderText(QCoreApplication.translate("ParamEditors", "(not set)"))
        line.textChanged.connect(self.changed)
        self.reset()

    def value(self) -> Any:
        return self.line.text().strip() or None

    def set_value(self, value: Any) -> None:
        self.line.setText("" if value is None else str(value))
