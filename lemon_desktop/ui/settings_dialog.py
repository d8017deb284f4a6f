"""Settings: the key (keyring), gateway, library, queue, spending cap, export, theme.

Shown with open(), never exec(): a nested event loop inside a coroutine re-enters
qasync. Problems from Settings.problems() appear under the field they are about.
The key belongs to the session (core/session.py), which asks the keyring in a worker:
D-Bus can stall, so nothing here waits on it; the key section says what it is waiting
for meanwhile.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..api.profiles import known_model_ids
from ..settings import Settings
from .tasks import TaskRunner, expected, user_message
from .widgets import error_label

if TYPE_CHECKING:
    from ..keys import ResolvedKey


class KeyAccess(Protocol):
    """Where the stored key is looked up, kept and removed (ui/services.py, the session)."""

    async def resolve_key(self) -> ResolvedKey: ...

    async def store_key(self, api_key: str) -> None: ...

    async def clear_key(self) -> bool: ...


# Which field a Settings.problems() sentence is about, by how the sentence starts.
PROBLEM_FIELDS = (
    ("Base URL", "base_url"),
    ("Concurrency", "concurrency"),
    ("Read timeout", "read_timeout"),
    ("Connect timeout", "connect_timeout"),
    ("Task timeout", "task_timeout"),
    ("Poll interval", "poll_interval"),
    ("Daily spending cap", "daily_cap_usd"),
    ("Theme", "theme"),
)


def field_for(problem: str) -> str | None:
    for prefix, name in PROBLEM_FIELDS:
        if problem.startswith(prefix):
            return name
    return None


class KeySection(QGroupBox):
    """Key status, store and clear. The key never goes near settings.json."""

    key_changed = Signal(str)  # the newly stored key ("" when cleared)

    def __init__(self, keys: KeyAccess, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("API key"), parent)
        self._keys = keys
        self.tasks = TaskRunner(on_error=self._show_failure)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.key = QLineEdit(self)
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText(self.tr("sk-…  (paste a new key to replace the stored one)"))
        self.store = QPushButton(self.tr("Store in keyring"), self)
        self.clear = QPushButton(self.tr("Clear stored key"), self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.key, 1)
        row.addWidget(self.store)
        row.addWidget(self.clear)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.store.clicked.connect(self._store)
        self.clear.clicked.connect(self._clear)
        self.refresh()

    @property
    def idle(self) -> bool:
        """No keyring call is in flight (tests wait for this)."""
        return self.tasks.pending == 0

    def refresh(self) -> None:
        self.status.setText(self.tr("Asking the system keyring…"))
        self.tasks.spawn(self._refresh())

    async def _refresh(self) -> None:
        self._show_status(await self._keys.resolve_key())

    def _show_status(self, resolved: ResolvedKey) -> None:
        if resolved.source == "environment":
            text = self.tr("Using the key from the LEMONDATA_API_KEY environment variable.")
        elif resolved.source == "keyring":
            text = self.tr("A key is stored in the system keyring.")
        elif resolved.problem:
            text = resolved.problem
        else:
            text = self.tr("No key is stored.")
        self.status.setText(text)

    def _show_failure(self, message: str) -> None:
        self.message.setText(message)

    def _set_busy(self, busy: bool) -> None:
        self.store.setEnabled(not busy)
        self.clear.setEnabled(not busy)

    def _store(self) -> None:
        self.message.setText(self.tr("Storing the key…"))
        self._set_busy(True)
        self.tasks.spawn(self._store_key(self.key.text()))

    async def _store_key(self, key: str) -> None:
        try:
            await self._keys.store_key(key)
        except ValueError as exc:  # an empty or malformed key: the message says which
            self.message.setText(str(exc))
            return
        except Exception as exc:
            if not expected(exc):
                raise
            self.message.setText(user_message(exc))
            return
        finally:
            self._set_busy(False)
        self.message.setText(self.tr("Key stored in the system keyring."))
        self.key.clear()
        self.refresh()
        self.key_changed.emit(key.strip())

    def _clear(self) -> None:
        self._set_busy(True)
        self.tasks.spawn(self._clear_key())

    async def _clear_key(self) -> None:
        try:
            removed = await self._keys.clear_key()
        finally:
            self._set_busy(False)
        self.message.setText(
            self.tr("Stored key removed.") if removed else self.tr("There was no stored key.")
        )
        self.refresh()
        self.key_changed.emit("")


class SettingsDialog(QDialog):
    saved = Signal(object)  # the new Settings, already written to disk
    key_changed = Signal(str)

    def __init__(
        self, settings: Settings, home: Path, keys: KeyAccess, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setObjectName("settingsDialog")
        self.setMinimumWidth(600)
        self.original = settings
        self.home = home
        self.key_section = KeySection(keys, self)
        # Closing the dialog drops whatever it was still asking the keyring.
        self.finished.connect(self.key_section.tasks.cancel_all)
        self.key_section.key_changed.connect(self.key_changed)
        self.base_url = QLineEdit(settings.base_url, self)
        self.library_path = QLineEdit(settings.library_path, self)
        self.library_path.setPlaceholderText(str(home / "library"))
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        library_row = QHBoxLayout()
        library_row.addWidget(self.library_path, 1)
        library_row.addWidget(browse)
        self.concurrency = self._int(0, 99, settings.concurrency)
        self.connect_timeout = self._seconds(0, 600, settings.connect_timeout)
        self.read_timeout = self._seconds(0, 3600, settings.read_timeout)
        self.task_timeout = self._seconds(0, 86_400, settings.task_timeout)
        self.poll_interval = self._seconds(0, 600, settings.poll_interval)
        self.default_model = QComboBox(self)
        self.default_model.setEditable(True)
        self.default_model.addItems(list(known_model_ids()))
        self.default_model.setCurrentText(settings.default_model)
        self.daily_cap = QLineEdit(settings.daily_cap_usd, self)
        self.daily_cap.setPlaceholderText(self.tr("no cap"))
        self.export_template = QLineEdit(settings.export_template, self)
        self.export_template.setToolTip(
            self.tr("Fields: {date} {model} {prompt:40} {n} … (see the library docs)")
        )
        self.theme = QComboBox(self)
        for value, label in (
            ("system", self.tr("System")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            self.theme.addItem(label, value)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        self._row(form, self.tr("Base URL"), self.base_url, "base_url")
        self._row(form, self.tr("Library folder"), library_row, "library_path")
        self._row(form, self.tr("Concurrent jobs"), self.concurrency, "concurrency")
        self._row(form, self.tr("Connect timeout"), self.connect_timeout, "connect_timeout")
        self._row(form, self.tr("Read timeout"), self.read_timeout, "read_timeout")
        self._row(form, self.tr("Task timeout"), self.task_timeout, "task_timeout")
        self._row(form, self.tr("Poll interval"), self.poll_interval, "poll_interval")
        self._row(form, self.tr("Default model"), self.default_model, "default_model")
        self._row(form, self.tr("Daily spending cap ($)"), self.daily_cap, "daily_cap_usd")
        self._row(form, self.tr("Export file names"), self.export_template, "export_template")
        self._row(form, self.tr("Theme"), self.theme, "theme")
        self.general_error = error_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.key_section)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

    def _int(self, low: int, high: int, value: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(low, high)
        spin.setValue(value)
        return spin

    def _seconds(self, low: float, high: float, value: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setRange(low, high)
        spin.setDecimals(1)
        spin.setSuffix(" s")
        spin.setValue(value)
        return spin

    def _row(self, form: QFormLayout, label: str, field: object, name: str) -> None:
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        if isinstance(field, QHBoxLayout):
            column.addLayout(field)
        else:
            column.addWidget(field)  # type: ignore[arg-type]
        error = error_label(holder)
        column.addWidget(error)
        self.errors[name] = error
        form.addRow(label, holder)

    def _browse(self) -> None:
        dialog = QFileDialog(self, self.tr("Library folder"), self.library_path.text())
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.fileSelected.connect(self.library_path.setText)
        dialog.open()

    def current(self) -> Settings:
        return replace(
            self.original,
            base_url=self.base_url.text().strip(),
            library_path=self.library_path.text().strip(),
            concurrency=self.concurrency.value(),
            connect_timeout=self.connect_timeout.value(),
            read_timeout=self.read_timeout.value(),
            task_timeout=self.task_timeout.value(),
            poll_interval=self.poll_interval.value(),
            default_model=self.default_model.currentText().strip() or self.original.default_model,
            daily_cap_usd=self.daily_cap.text().strip(),
            export_template=self.export_template.text().strip() or self.original.export_template,
            theme=self.theme.currentData(),
        )

    def show_problems(self, problems: list[str]) -> None:
        placed: dict[str, list[str]] = {}
        general: list[str] = []
        for problem in problems:
            name = field_for(problem)
            if name in self.errors:
                placed.setdefault(name, []).append(problem)
            else:
                general.append(problem)
        for name, label in self.errors.items():
            label.setText("\n".join(placed.get(name, [])))
            label.setVisible(name in placed)
        self.general_error.setText("\n".join(general))
        self.general_error.setVisible(bool(general))

    def try_accept(self) -> None:
        settings = self.current()
        problems = settings.problems()
        self.show_problems(problems)
        if problems:
            return
        self.saved.emit(settings)
        self.accept()
