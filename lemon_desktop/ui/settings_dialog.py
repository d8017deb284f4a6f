"""Settings: the key (keyring), gateway, library, queue, spending cap, export, theme.

Shown with open(), never exec(): a nested event loop inside a coroutine re-enters
qasync. Problems from Settings.problems() appear under the field they are about.
The key belongs to the session (core/session.py), which asks the keyring in a worker:
D-Bus can stall, so nothing here waits on it; the key section says what it is waiting
for meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt, Signal
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

from ..api.base_url import BASE_URL_PRESETS, DEFAULT_BASE_URL, base_url_problem
from ..api.profiles import known_model_ids
from ..i18n import SOURCE_LANGUAGE, SYSTEM, available_languages, language_name
from ..settings import Settings
from .accessibility import name_field
from .connection_words import key_check_message, malformed_key
from .core_words import core_text
from .tasks import TaskRunner, expected, user_message
from .widgets import error_label

if TYPE_CHECKING:
    from ..core.connection import KeyCheck
    from ..keys import ResolvedKey


class KeyAccess(Protocol):
    """Where the stored key is looked up, kept and removed (ui/services.py, the session)."""

    async def resolve_key(self) -> ResolvedKey: ...

    async def store_key(self, api_key: str) -> None: ...

    async def clear_key(self) -> bool: ...

    async def check_key(self, base_url: str | None, api_key: str) -> KeyCheck: ...


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
    ("Language", "language"),
)


def field_for(problem: str) -> str | None:
    for prefix, name in PROBLEM_FIELDS:
        if problem.startswith(prefix):
            return name
    return None


class KeySection(QGroupBox):
    """Key status, store and clear. The key never goes near settings.json.

    A new key is checked with the gateway before it is stored: one the gateway rejects
    is not kept; when the gateway cannot be reached, "Store anyway" keeps it unchecked."""

    key_changed = Signal(str)  # the newly stored key ("" when cleared)

    def __init__(
        self,
        keys: KeyAccess,
        parent: QWidget | None = None,
        base_url: Callable[[], str | None] = lambda: None,
    ) -> None:
        super().__init__(self.tr("API key"), parent)
        self._keys = keys
        # The gateway to check a key with (None: the session's gateway).
        self._base_url = base_url
        self.tasks = TaskRunner(on_error=self._show_failure)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.key = QLineEdit(self)
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText(self.tr("sk-…  (paste a new key to replace the stored one)"))
        self.store = QPushButton(self.tr("Store in keyring"), self)
        self.clear = QPushButton(self.tr("Clear stored key"), self)
        self.message = QLabel(self)
        self.message.setObjectName("keyMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Shown only when the gateway could not be reached to check the key.
        self.store_anyway = QPushButton(self.tr("Store anyway"), self)
        self.store_anyway.setObjectName("storeAnyway")
        self.store_anyway.hide()
        row = QHBoxLayout()
        row.addWidget(self.key, 1)
        row.addWidget(self.store)
        row.addWidget(self.clear)
        message_row = QHBoxLayout()
        message_row.addWidget(self.message, 1)
        message_row.addWidget(self.store_anyway, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(row)
        layout.addLayout(message_row)
        self.store.clicked.connect(self._store)
        self.store_anyway.clicked.connect(self._store_unchecked)
        self.clear.clicked.connect(self._clear)
        self.key.textEdited.connect(lambda _text: self.store_anyway.hide())
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
            text = core_text(resolved.problem)
        else:
            text = self.tr("No key is stored.")
        self.status.setText(text)

    def _show_failure(self, message: str) -> None:
        self.message.setText(message)

    def _set_busy(self, busy: bool) -> None:
        self.store.setEnabled(not busy)
        self.clear.setEnabled(not busy)
        self.store_anyway.setEnabled(not busy)

    def _store(self) -> None:
        key = self.key.text()
        problem = malformed_key(key)
        if problem is not None:
            self.message.setText(problem)
            return
        if not self.store.isEnabled():
            return
        self.message.setText(self.tr("Asking the gateway about the key…"))
        self.store_anyway.hide()
        self._set_busy(True)
        self.tasks.spawn(self._check_and_store(key.strip()))

    async def _check_and_store(self, key: str) -> None:
        try:
            check = await self._keys.check_key(self._base_url(), key)
        except BaseException:
            self._set_busy(False)
            raise
        if check.accepted:
            await self._store_key(key)
            return
        self._set_busy(False)
        if check.rejected:
            self.message.setText(
                self.tr("{found} The key was not stored.").format(found=key_check_message(check))
            )
            return
        self.message.setText(
            self.tr("{found} Store it anyway, or use the sandbox meanwhile.").format(
                found=key_check_message(check)
            )
        )
        self.store_anyway.show()

    def _store_unchecked(self) -> None:
        key = self.key.text()
        if malformed_key(key) is None and self.store_anyway.isEnabled():
            self._set_busy(True)
            self.tasks.spawn(self._store_key(key.strip()))

    async def _store_key(self, key: str) -> None:
        self.message.setText(self.tr("Storing the key…"))
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
        self.store_anyway.hide()
        self.key.clear()
        self.refresh()
        self.key_changed.emit(key)

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
        self.key_section = KeySection(keys, self, base_url=self._edited_base_url)
        # Closing the dialog drops whatever it was still asking the keyring.
        self.finished.connect(self.key_section.tasks.cancel_all)
        self.key_section.key_changed.connect(self.key_changed)
        self.base_url_presets = self._base_url_combo(settings.base_url)
        # The combo's own line edit: what is typed or picked is what is saved.
        line_edit = self.base_url_presets.lineEdit()
        assert line_edit is not None  # an editable combo always has one
        self.base_url: QLineEdit = line_edit
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
        self.language = self._language_combo(settings.language)
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        self._row(form, self.tr("Base URL"), self.base_url_presets, "base_url")
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
        language_row = QHBoxLayout()
        language_row.addWidget(self.language)
        # The window has no retranslate pass: its words are taken when it is built.
        language_row.addWidget(QLabel(self.tr("(applies the next time the app starts)"), self))
        language_row.addStretch(1)
        self._row(form, self.tr("Language"), language_row, "language")
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

    def _base_url_combo(self, current: str) -> QComboBox:
        """The gateway's published addresses to pick from; any other URL may be typed."""
        combo = QComboBox(self)
        combo.setObjectName("baseUrl")
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        names = {
            DEFAULT_BASE_URL: self.tr("LemonData (the default)"),
            "https://api.tokenlab.sh": self.tr(
                "LemonData at api.tokenlab.sh, where its newest documentation is published"
            ),
        }
        for url in BASE_URL_PRESETS:
            combo.addItem(url)
            combo.setItemData(combo.count() - 1, names.get(url, url), Qt.ItemDataRole.ToolTipRole)
        combo.setToolTip(
            self.tr("The gateway's address: pick one it publishes, or type another https URL")
        )
        # A preset is chosen as such (its tooltip shows); any other URL is only typed.
        index = combo.findText(current)
        if index >= 0:
            combo.setCurrentIndex(index)
        else:
            combo.setEditText(current)
        return combo

    def _language_combo(self, current: str) -> QComboBox:
        """The desktop's language, English, and every language a translation ships for,
        each named in its own words."""
        combo = QComboBox(self)
        combo.setObjectName("language")
        combo.addItem(self.tr("System language"), SYSTEM)
        for code in (SOURCE_LANGUAGE, *available_languages()):
            combo.addItem(language_name(code), code)
        if combo.findData(current) < 0:  # a code set by hand for which nothing ships
            combo.addItem(current, current)
        combo.setCurrentIndex(combo.findData(current))
        return combo

    def _edited_base_url(self) -> str | None:
        """The base URL typed here, when it differs from the saved one and is usable;
        None: check a key with the gateway the session uses."""
        text = self.base_url.text().strip()
        if text == self.original.base_url or base_url_problem(text) is not None:
            return None
        return text

    def _int(self, low: int, high: int, value: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(low, high)
        spin.setValue(value)
        return spin

    def _seconds(self, low: float, high: float, value: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setRange(low, high)
        spin.setDecimals(1)
        spin.setSuffix(self.tr(" s"))
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
        name_field(holder, label)  # the form's label names the row, not the control

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
            language=self.language.currentData(),
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
