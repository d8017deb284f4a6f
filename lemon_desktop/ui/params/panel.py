"""The parameter form for one model, generated from its profile.

Only the parameters the profile declares get a field; each field has an error line
under it that shows the validator's own message for that field.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from ...api.profiles import GENERIC_PROFILE, FieldProblem, ModelProfile, ParamSpec, profile_for
from ..widgets import error_label
from .editors import BoolEditor, ChoiceEditor, FieldEditor, IntEditor, TextEditor
from .extras import ExtraParamsBox
from .size_editor import SizeEditor


def make_editor(spec: ParamSpec, profile: ModelProfile, parent: QWidget) -> FieldEditor:
    if spec.kind == "size":
        return SizeEditor(spec, profile, parent)
    if spec.kind == "choice":
        return ChoiceEditor(spec, parent)
    if spec.kind == "int":
        return IntEditor(spec, parent)
    if spec.kind == "bool":
        return BoolEditor(spec, parent)
    return TextEditor(spec, parent)


class ParamPanel(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.notes.setObjectName("modelNotes")
        self._form_host = QWidget(self)
        self.form = QFormLayout(self._form_host)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.extras = ExtraParamsBox(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notes)
        layout.addWidget(self._form_host)
        layout.addWidget(self.extras)
        self.extras.changed.connect(self.changed)
        self.model_id = ""
        self.profile: ModelProfile = GENERIC_PROFILE
        self.editors: dict[str, FieldEditor] = {}
        self.errors: dict[str, QLabel] = {}
        # Extra parameters belong to the model they were typed for: each model keeps its
        # own (ticked, text), so switching models never sends one model's extras to another.
        self._extras_by_model: dict[str, tuple[bool, str]] = {}

    def set_model(self, model_id: str, values: dict[str, Any] | None = None) -> None:
        if self.model_id:
            self._extras_by_model[self.model_id] = (self.extras.isChecked(), self.extras.text())
        self.model_id = model_id
        self.profile = profile_for(model_id)
        while self.form.rowCount():
            self.form.removeRow(0)
        self.editors, self.errors = {}, {}
        for spec in self.profile.params:
            self._add_field(spec)
        self.notes.setText(self.profile.notes)
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
        self.extras.setChecked(ticked or bool(text.strip()) or self.profile is GENERIC_PROFILE)
        self.extras.blockSignals(False)
        self.extras.sync_visibility()

    def _add_field(self, spec: ParamSpec) -> None:
        holder = QWidget(self._form_host)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        editor = make_editor(spec, self.profile, holder)
        editor.widget.setToolTip(spec.help)
        editor.widget.setObjectName(f"param_{spec.name}")
        column.addWidget(editor.widget)
        error = error_label(holder)
        column.addWidget(error)
        # A checkbox carries its own label; the others get one in the form's left column.
        label = "" if spec.kind == "bool" else spec.label
        self.form.addRow(label, holder)
        editor.changed.connect(self.changed)
        self.editors[spec.name] = editor
        self.errors[spec.name] = error

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
                by_field.setdefault(problem.field, []).append(problem.message)
            else:
                rest.append(problem)
        for name, label in self.errors.items():
            messages = by_field.get(name)
            label.setText("\n".join(messages or []))
            label.setVisible(bool(messages))
        return rest

    def field_error(self, name: str) -> str | None:
        label = self.errors.get(name)
        return label.text() if label is not None and not label.isHidden() else None
