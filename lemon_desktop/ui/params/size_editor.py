"""Size: a preset list, plus a custom WIDTH x HEIGHT editor with an aspect lock where the
profile allows custom sizes. Snapping uses the profile's own size rules."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...api.profiles import ModelProfile, ParamSpec, aspect_lock, format_size, parse_size
from ...api.profiles import nearest_valid_size as nearest
from ..accessibility import chain_focus
from ..core_words import core_text
from .defaults import default_label
from .editors import FieldEditor
from .tiles import TileGrid

CUSTOM = "__custom__"


class SizeEditor(FieldEditor):
    def __init__(
        self, spec: ParamSpec, profile: ModelProfile, parent: QWidget | None, *, tiles: bool = False
    ) -> None:
        box = QWidget(parent)
        super().__init__(spec, box)
        self.profile = profile
        self.combo = QComboBox(box)
        if spec.default is None:
            self.combo.addItem(default_label(spec), None)
        for preset in spec.choices:
            self.combo.addItem(core_text(preset), preset)
        if spec.custom_size:
            self.combo.addItem(self.tr("Custom…"), CUSTOM)
        self.custom = QWidget(box)
        self.width_spin = self._spin()
        self.width_spin.setAccessibleName(self.tr("Width"))
        self.height_spin = self._spin()
        self.height_spin.setAccessibleName(self.tr("Height"))
        self.lock = QToolButton(self.custom)
        self.lock.setCheckable(True)
        self.lock.setChecked(True)
        self.lock.setText(self.tr("Lock ratio"))
        self.lock.setToolTip(self.tr("Keep the aspect ratio when one side changes"))
        self.snap = QPushButton(self.tr("Nearest valid"), self.custom)
        self.snap.setToolTip(self.tr("Move to the closest size this model accepts"))
        sides = QHBoxLayout()
        sides.addWidget(self.width_spin, 1)
        sides.addWidget(QLabel("×", self.custom))
        sides.addWidget(self.height_spin, 1)
        tools = QHBoxLayout()
        tools.addWidget(self.lock)
        tools.addWidget(self.snap)
        tools.addStretch(1)
        rows = QVBoxLayout(self.custom)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addLayout(sides)
        rows.addLayout(tools)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        # Tiles stand in for the combo, which keeps the value.
        self.tiles: TileGrid | None = None
        if tiles:
            self.tiles = TileGrid(self.combo, box)
            self.combo.hide()
            layout.addWidget(self.tiles)
        layout.addWidget(self.custom)
        # Tab as shown: the tiles (made after the custom editor) come before it.
        tiles_shown = self.tiles.tiles if self.tiles is not None else []
        chain_focus([self.combo, *tiles_shown, self.width_spin, self.height_spin])
        chain_focus([self.height_spin, self.lock, self.snap])
        self._last = (1024, 1024)
        self.width_spin.setValue(1024)
        self.height_spin.setValue(1024)
        self.combo.currentIndexChanged.connect(self._on_combo)
        self.width_spin.valueChanged.connect(self._on_width)
        self.height_spin.valueChanged.connect(self._on_height)
        self.snap.clicked.connect(self._snap)
        self.reset()

    def _spin(self) -> QSpinBox:
        spin = QSpinBox(self.custom)
        spin.setRange(1, 16384)
        spin.setSuffix(" px")
        step = self.spec.size_rules.multiple_of if self.spec.size_rules else 1
        spin.setSingleStep(max(step, 1) if step > 1 else 64)
        spin.setKeyboardTracking(False)
        return spin

    # -- value ---------------------------------------------------------------

    def value(self) -> Any:
        data = self.combo.currentData()
        if data == CUSTOM:
            return format_size(self.width_spin.value(), self.height_spin.value())
        return data

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value)
        if index >= 0:
            self.combo.setCurrentIndex(index)
            self._sync_visibility()
            return
        parsed = parse_size(str(value)) if value is not None else None
        custom = self.combo.findData(CUSTOM)
        if parsed is not None and custom >= 0:
            self._set_custom(*parsed)
            self.combo.setCurrentIndex(custom)
        else:
            self.combo.setCurrentIndex(0)
        self._sync_visibility()

    def set_custom(self, width: int, height: int) -> None:
        """Switch to the custom editor with this size (no aspect lock applied)."""
        custom = self.combo.findData(CUSTOM)
        if custom < 0:
            raise ValueError(f"{self.profile.family} takes no custom sizes")
        self._set_custom(width, height)
        self.combo.setCurrentIndex(custom)
        self._sync_visibility()
        self.changed.emit()

    def _set_custom(self, width: int, height: int) -> None:
        for spin, value in ((self.width_spin, width), (self.height_spin, height)):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        self._last = (width, height)

    # -- reactions -------------------------------------------------------------

    def _sync_visibility(self) -> None:
        self.custom.setVisible(self.combo.currentData() == CUSTOM)

    def _on_combo(self, _index: int) -> None:
        data = self.combo.currentData()
        # The custom editor starts from the last preset with pixels: "Custom…" after
        # 1536x1024 begins at 1536 x 1024.
        if isinstance(data, str) and data != CUSTOM and (parsed := parse_size(data)):
            self._set_custom(*parsed)
        self._sync_visibility()
        self.changed.emit()

    def _on_width(self, width: int) -> None:
        old_w, old_h = self._last
        if self.lock.isChecked() and old_w > 0 and old_h > 0:
            new_w, new_h = aspect_lock(old_w, old_h, width, self.profile)
            self._set_custom(new_w, new_h)
        else:
            self._last = (width, self.height_spin.value())
        self.changed.emit()

    def _on_height(self, height: int) -> None:
        old_w, old_h = self._last
        if self.lock.isChecked() and old_w > 0 and old_h > 0:
            new_h, new_w = aspect_lock(old_h, old_w, height, self.profile)
            self._set_custom(new_w, new_h)
        else:
            self._last = (self.width_spin.value(), height)
        self.changed.emit()

    def _snap(self) -> None:
        rules = self.spec.size_rules
        if rules is None:
            return
        self._set_custom(*nearest(self.width_spin.value(), self.height_spin.value(), rules))
        self.changed.emit()
