"""The parameter form for one model, generated from its profile.

The settings a creative person chooses (size or aspect as tiles with their prices,
resolution, quality, count, style, background) come first; the technical ones (response
format, end-user id, moderation, output format and compression, partial previews, run
as task, extra JSON) sit under a collapsed "Advanced". Each field has an error line
under it that shows the validator's own message for that field.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from ...api.profiles import GENERIC_PROFILE, FieldProblem, ModelProfile, ParamSpec, profile_for
from ..accessibility import focus_descendants, name_field
from ..core_words import core_text
from ..widgets import error_label
from .editors import BoolEditor, ChoiceEditor, FieldEditor, IntEditor, TextEditor
from .extras import ExtraParamsBox
from .size_editor import SizeEditor
from .tiles import TileGrid

# Parameters about the transport and bookkeeping rather than the picture (by name:
# they mean the same on every model that takes them).
ADVANCED_PARAMS = frozenset(
    {
        "response_format",
        "user",
        "moderation",
        "output_format",
        "output_compression",
        "partial_images",
        "async",
    }
)
# Shown as tiles with a price each: the choices that change the picture's shape.
TILE_PARAMS = frozenset({"size", "aspect_ratio"})


def make_editor(spec: ParamSpec, profile: ModelProfile, parent: QWidget) -> FieldEditor:
    tiles = spec.name in TILE_PARAMS
    if spec.kind == "size":
        return SizeEditor(spec, profile, parent, tiles=tiles)
    if spec.kind == "choice":
        return ChoiceEditor(spec, parent, tiles=tiles)
    if spec.kind == "int":
        return IntEditor(spec, parent)
    if spec.kind == "bool":
        return BoolEditor(spec, parent)
    return TextEditor(spec, parent)


def _form(parent: QWidget) -> QFormLayout:
    form = QFormLayout(parent)
    form.setContentsMargins(0, 0, 0, 0)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    return form


class ParamPanel(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.notes.setObjectName("modelNotes")
        self._form_host = QWidget(self)
        self.form = _form(self._form_host)
        self.advanced_toggle = QToolButton(self)
        self.advanced_toggle.setObjectName("advancedToggle")
        self.advanced_toggle.setText(self.tr("Advanced"))
        self.advanced_toggle.setCheckable(True)
        self.advanced_toggle.setAutoRaise(True)
        self.advanced_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.advanced = QWidget(self)
        self.advanced.setObjectName("advancedSection")
        self._advanced_host = QWidget(self.advanced)
        self.advanced_form = _form(self._advanced_host)
        self.extras = ExtraParamsBox(self.advanced)
        section = QVBoxLayout(self.advanced)
        section.setContentsMargins(12, 0, 0, 0)
        section.addWidget(self._advanced_host)
        section.addWidget(self.extras)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._form_host)
        layout.addWidget(self.advanced_toggle)
        layout.addWidget(self.advanced)
        layout.addWidget(self.notes)
        layout.addStretch(1)
        self.extras.changed.connect(self.changed)
        self.advanced_toggle.toggled.connect(self.show_advanced)
        self.show_advanced(False)
        self.model_id = ""
        self.profile: ModelProfile = GENERIC_PROFILE
        self.editors: dict[str, FieldEditor] = {}
        self.errors: dict[str, QLabel] = {}
        # Extra parameters belong to the model they were typed for: each model keeps its
        # own (ticked, text), so switching models never sends one model's extras to another.
        self._extras_by_model: dict[str, tuple[bool, str]] = {}

    def show_advanced(self, on: bool) -> None:
        self.advanced_toggle.blockSignals(True)
        self.advanced_toggle.setChecked(on)
        self.advanced_toggle.blockSignals(False)
        self.advanced_toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.advanced.setVisible(on)

    def set_model(self, model_id: str, values: dict[str, Any] | None = None) -> None:
        if self.model_id:
            self._extras_by_model[self.model_id] = (self.extras.isChecked(), self.extras.text())
        self.model_id = model_id
        self.profile = profile_for(model_id)
        for form in (self.form, self.advanced_form):
            while form.rowCount():
                form.removeRow(0)
        self.editors, self.errors = {}, {}
        for spec in self.profile.params:
            self._add_field(spec)
        self.notes.setText(core_text(self.profile.notes))
        ticked, text = self._extras_by_model.get(model_id, (False, ""))
        self._set_extras(ticked, text)
        if values:
            self.set_values(values)
        self.changed.emit()

    def _set_extras(self, ticked: bool, text: str) -> None:
        self.extras.blockSignals(True)
        self.extras.edit.blockSignals(True)
        self.extras.edit.setPlainText(text)
        self.extras.edit.blockSignals(False)
        # Without a profile, extras are the only way to reach the model's settings.
        generic = self.profile is GENERIC_PROFILE
        self.extras.setChecked(ticked or bool(text.strip()) or generic)
        self.extras.blockSignals(False)
        self.extras.sync_visibility()
        if self.extras.isChecked() and (text.strip() or generic):
            self.show_advanced(True)  # extras in use are never hidden

    def _add_field(self, spec: ParamSpec) -> None:
        advanced = spec.name in ADVANCED_PARAMS
        host = self._advanced_host if advanced else self._form_host
        holder = QWidget(host)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        editor = make_editor(spec, self.profile, holder)
        editor.widget.setToolTip(core_text(spec.help))
        editor.widget.setObjectName(f"param_{spec.name}")
        column.addWidget(editor.widget)
        # The form's label names the row, not the control: a screen reader needs both.
        name_field(editor.widget, core_text(spec.label), core_text(spec.help))
        error = error_label(holder)
        column.addWidget(error)
        # A checkbox carries its own label; the others get one in the form's left column.
        label = "" if spec.kind == "bool" else core_text(spec.label)
        (self.advanced_form if advanced else self.form).addRow(label, holder)
        editor.changed.connect(self.changed)
        self.editors[spec.name] = editor
        self.errors[spec.name] = error

    def focus_order(self) -> list[QWidget]:
        """The controls in the order they are shown: the fields, Advanced, the fields
        under it, the extras (new fields join the window's focus chain at its end)."""
        shown = [e for n, e in self.editors.items() if n not in ADVANCED_PARAMS]
        advanced = [e for n, e in self.editors.items() if n in ADVANCED_PARAMS]
        order: list[QWidget] = []
        for editor in shown:
            order += focus_descendants(editor.widget)
        order.append(self.advanced_toggle)
        for editor in advanced:
            order += focus_descendants(editor.widget)
        return order + focus_descendants(self.extras)

    def tiles(self) -> dict[str, TileGrid]:
        """The tile grids by parameter name (the panel puts prices on them)."""
        found: dict[str, TileGrid] = {}
        for name, editor in self.editors.items():
            grid = getattr(editor, "tiles", None)
            if isinstance(grid, TileGrid):
                found[name] = grid
        return found

    # -- values ----------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        found = {name: editor.value() for name, editor in self.editors.items()}
        return {name: value for name, value in found.items() if value is not None}

    def set_values(self, values: dict[str, Any]) -> None:
        """Fill the fields; settings the profile has no field for go to the extras box,
        so nothing a reused image was made with disappears."""
        leftovers: dict[str, Any] = {}
        for editor in self.editors.values():
            editor.blockSignals(True)
            editor.reset()
            editor.blockSignals(False)
        for name, value in values.items():
            target = self.editors.get(name)
            if target is None:
                if name not in ("model", "prompt", "stream"):
                    leftovers[name] = value
                continue
            target.blockSignals(True)
            target.set_value(value)
            target.blockSignals(False)
        self._set_extras(False, json.dumps(leftovers, indent=1) if leftovers else "")
        self.changed.emit()

    def set_extras_text(self, text: str) -> None:
        """Extras for the current model (a restored state)."""
        self._set_extras(bool(text.strip()), text)
        self.changed.emit()

    def extra(self) -> tuple[dict[str, Any], str | None]:
        return self.extras.parse()

    # -- problems ----------------------------------------------------------------

    def show_problems(self, problems: list[FieldProblem]) -> list[FieldProblem]:
        """Put each problem under its field; returns the ones no field here owns."""
        by_field: dict[str, list[str]] = {}
        rest: list[FieldProblem] = []
        for problem in problems:
            if problem.field in self.errors:
                by_field.setdefault(problem.field, []).append(core_text(problem.message))
            else:
                rest.append(problem)
        for name, label in self.errors.items():
            messages = by_field.get(name)
            label.setText("\n".join(messages or []))
            label.setVisible(bool(messages))
        # A problem in a collapsed section would be invisible: open it.
        if any(name in ADVANCED_PARAMS for name in by_field):
            self.show_advanced(True)
        return rest

    def field_error(self, name: str) -> str | None:
        label = self.errors.get(name)
        return label.text() if label is not None and not label.isHidden() else None
