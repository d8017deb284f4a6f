"""Tag and album dialogs: a line to type in, completing the library's existing names.

The names are read in a worker (the database may be busy with another process) and
reach the completer when they arrive; typing never waits for them. Tags take several
names separated by commas, and the completer completes the one being typed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..tasks import report_failure, run_in_thread

log = logging.getLogger(__name__)

SEPARATORS = (",", ";")


def _last_part(text: str) -> tuple[str, str]:
    """(everything up to the last separator, the name being typed)."""
    cut = max(text.rfind(s) for s in SEPARATORS)
    if cut < 0:
        return "", text.strip()
    return text[: cut + 1], text[cut + 1 :].strip()


class NamesCompleter(QCompleter):
    """Completes names case-insensitively, anywhere in the name ("set" finds "sunset");
    with `several`, only the last comma-separated name is completed and the rest kept."""

    def __init__(self, several: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._several = several
        self.names = QStringListModel(self)
        self.setModel(self.names)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setMaxVisibleItems(12)

    def splitPath(self, path: str) -> list[str]:
        return [_last_part(path)[1]] if self._several else [path.strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        name = super().pathFromIndex(index)
        widget = self.widget()
        if not self._several or not isinstance(widget, QLineEdit):
            return name
        head = _last_part(widget.text())[0]
        return f"{head} {name}" if head else name


class NameDialog(QDialog):
    """Asks for one name (an album) or several (tags); `chosen` carries the text."""

    chosen = Signal(str)

    def __init__(
        self,
        title: str,
        prompt: str,
        load_names: Callable[[], list[str]],
        *,
        several: bool,
        ok_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.edit = QLineEdit(self)
        self.edit.setAccessibleName(prompt)
        self.completer = NamesCompleter(several, self.edit)
        self.edit.setCompleter(self.completer)
        label = QLabel(prompt, self)
        label.setBuddy(self.edit)
        self.hint = QLabel(self.tr("Existing names are offered as you type."), self)
        self.hint.setEnabled(False)  # greyed: an explanation, not a control
        self.hint.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.ok: QPushButton = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.edit)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.edit.textChanged.connect(self._check)
        self.resize(420, self.sizeHint().height())
        self._check()
        self.loaded = False
        # Without the names the dialog still works (no completion): a library error is
        # not worth a message here, a bug still reaches the excepthook.
        run_in_thread(
            load_names, self._names_arrived, lambda e: report_failure(e, log.info), owner=self
        )

    def _names_arrived(self, names: list[str]) -> None:
        self.completer.names.setStringList(names)
        self.loaded = True

    def text(self) -> str:
        return self.edit.text().strip()

    def _check(self) -> None:
        self.ok.setEnabled(bool(self.text().strip("".join(SEPARATORS) + " ")))

    def _accept(self) -> None:
        if self.ok.isEnabled():
            self.chosen.emit(self.text())
            self.accept()
