"""Named presets in the panel: choose one to apply it; save the current model and
settings (optionally the prompt as a template with a `{subject}` slot), rename, delete.

The dialogs only collect names; `save_preset`, `rename_preset`, `delete_preset` and
`apply_preset` do the work, so tests and shortcuts drive the same code as the menu.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.presets import Preset, PresetError, PresetStore, slots
from .widgets import error_label

# What the panel has now, named: (name, template) -> Preset.
CurrentPreset = Callable[[str, str], Preset]


class SavePresetDialog(QDialog):
    def __init__(self, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Save preset"))
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("Poster, watercolour, product shot…"))
        self.keep_prompt = QCheckBox(self.tr("Keep the prompt as a template"), self)
        self.template = QLineEdit(prompt, self)
        self.template.setPlaceholderText(self.tr("a watercolour of {subject}, soft light"))
        hint = QLabel(
            self.tr(
                "Write {subject} where the part that changes goes: applying the preset "
                "puts the prompt you have then in its place."
            ),
            self,
        )
        hint.setWordWrap(True)
        self.template.setEnabled(False)
        self.keep_prompt.toggled.connect(self.template.setEnabled)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow("", self.keep_prompt)
        form.addRow(self.tr("Template"), self.template)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def chosen_template(self) -> str:
        return self.template.text().strip() if self.keep_prompt.isChecked() else ""


class PresetBar(QWidget):
    applied = Signal(object)  # the Preset chosen

    def __init__(
        self, store: PresetStore, current: CurrentPreset, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("presetBar")
        self.store = store
        self.current = current
        self.prompt_text: Callable[[], str] = lambda: ""
        self.combo = QComboBox(self)
        self.combo.setObjectName("presetCombo")
        self.combo.setPlaceholderText(self.tr("Presets"))
        self.combo.setToolTip(self.tr("Apply a saved model and its settings"))
        self.menu_button = QToolButton(self)
        self.menu_button.setText(self.tr("Preset ▾"))
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.menu_button)
        # Actions parented to the bar itself: the ones QMenu.addAction(text, slot) makes
        # were found deleted under the bar after a model switch.
        self.save_action = self._menu_action(menu, self.tr("Save as preset…"), self._ask_save)
        self.rename_action = self._menu_action(menu, self.tr("Rename…"), self._ask_rename)
        self.delete_action = self._menu_action(menu, self.tr("Delete"), self._ask_delete)
        self.menu_button.setMenu(menu)
        self.message = error_label(self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        row.addWidget(self.menu_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.combo.activated.connect(self._on_activated)
        self._fill()

    # -- the work -----------------------------------------------------------------------

    def save_preset(self, name: str, template: str = "") -> Preset | None:
        try:
            preset = self.store.save(self.current(name, template))
        except PresetError as exc:
            self._say(str(exc))
            return None
        self._fill(select=preset.name)
        self._say("")
        return preset

    def rename_preset(self, old: str, new: str) -> Preset | None:
        try:
            preset = self.store.rename(old, new)
        except PresetError as exc:
            self._say(str(exc))
            return None
        self._fill(select=preset.name)
        self._say("")
        return preset

    def delete_preset(self, name: str) -> bool:
        try:
            self.store.delete(name)
        except PresetError as exc:
            self._say(str(exc))
            return False
        self._fill()
        self._say("")
        return True

    def apply_preset(self, name: str) -> Preset | None:
        preset = self.store.get(name)
        if preset is None:
            self._say(self.tr("There is no preset called “{name}”.").format(name=name))
            return None
        self._fill(select=preset.name)
        self.applied.emit(preset)
        return preset

    def selected(self) -> str:
        return self.combo.currentText() if self.combo.currentIndex() >= 0 else ""

    # -- the dialogs ----------------------------------------------------------------------

    def _ask_save(self) -> None:
        dialog = SavePresetDialog(self.prompt_text(), self)
        dialog.name.setText(self.selected())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            template = dialog.chosen_template()
            if template and not slots(template):
                # A template without a slot is the whole prompt: still useful, say so.
                self._say(self.tr("The template has no {subject}: it replaces the prompt."))
            self.save_preset(dialog.name.text(), template)

    def _ask_rename(self) -> None:
        old = self.selected()
        if not old:
            self._say(self.tr("Choose a preset to rename first."))
            return
        new, ok = QInputDialog.getText(self, self.tr("Rename preset"), self.tr("New name"),
                                       text=old)  # fmt: skip
        if ok:
            self.rename_preset(old, new)

    def _ask_delete(self) -> None:
        name = self.selected()
        if not name:
            self._say(self.tr("Choose a preset to delete first."))
            return
        answer = QMessageBox.question(
            self, self.tr("Delete preset"), self.tr("Delete the preset “{name}”?").format(name=name)
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_preset(name)

    # -- showing ------------------------------------------------------------------------------

    def _on_activated(self, index: int) -> None:
        name = self.combo.itemText(index)
        if name:
            self.apply_preset(name)

    def _menu_action(self, menu: QMenu, text: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _fill(self, select: str = "") -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        for preset in self.store.all():
            self.combo.addItem(preset.name)
            tip = preset.model + (f"\n{preset.template}" if preset.template else "")
            self.combo.setItemData(self.combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.combo.setCurrentIndex(self.combo.findText(select) if select else -1)
        self.combo.blockSignals(False)
        has = bool(self.store.all())
        self.rename_action.setEnabled(has)
        self.delete_action.setEnabled(has)
        self.combo.setEnabled(has)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
