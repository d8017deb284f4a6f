"""Export…: where to, the file-name template and whether the metadata goes along, the
same choices `lemon-desktop library export` takes (--to, --template, --strip-metadata)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from lemon_desktop.library.exporter import DEFAULT_TEMPLATE
from lemon_desktop.library.naming import FIELDS, check_template

from ..widgets import error_label, reserve_lines


class ExportDialog(QDialog):
    """`chosen(folder, template, strip_metadata)` once the person presses Export."""

    chosen = Signal(Path, str, bool)

    def __init__(
        self,
        count: int,
        folder: str,
        template: str,
        strip: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export images"))
        heading = QLabel(
            self.tr("Export 1 image to a folder.")
            if count == 1
            else self.tr("Export %n images to a folder.", None, count),
            self,
        )
        self.folder = QLineEdit(folder, self)
        self.folder.setPlaceholderText(self.tr("The folder to copy the images into"))
        self.folder.setAccessibleName(self.tr("Export folder"))
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.template = QLineEdit(template or DEFAULT_TEMPLATE, self)
        self.template.setAccessibleName(self.tr("File name template"))
        fields = " ".join("{" + f + "}" for f in FIELDS)
        self.template.setToolTip(
            self.tr("Fields: %1. Any field takes :N to keep its first N characters.").replace(
                "%1", fields
            )
        )
        fields_note = QLabel(self.tr("Fields: %1").replace("%1", fields), self)
        fields_note.setWordWrap(True)
        fields_note.setEnabled(False)
        self.keep = QRadioButton(self.tr("Keep the metadata (prompt, model and settings)"), self)
        self.strip = QRadioButton(self.tr("Strip all metadata"), self)
        (self.strip if strip else self.keep).setChecked(True)
        strip_note = QLabel(
            self.tr("Removes every record from the files, content credentials included."), self
        )
        strip_note.setWordWrap(True)
        strip_note.setIndent(24)
        strip_note.setEnabled(False)
        self.problem = error_label(self)
        reserve_lines(self.problem, 2)  # a problem appearing never moves the buttons
        self.buttons = QDialogButtonBox(self)
        self.export = self.buttons.addButton(
            self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Folder:"), folder_row)
        form.addRow(self.tr("File names:"), self.template)
        form.addRow("", fields_note)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addSpacing(4)
        for widget in (self.keep, self.strip, strip_note, self.problem):
            layout.addWidget(widget)
        layout.addWidget(self.buttons)
        self.folder.textChanged.connect(self._check)
        self.template.textChanged.connect(self._check)
        self.resize(560, self.sizeHint().height())
        self._check()
        self._browser: QFileDialog | None = None

    def _browse(self) -> None:
        # open(), not exec(): no nested event loop while the folder is chosen.
        browser = QFileDialog(self, self.tr("Export to Folder"), self.folder.text())
        browser.setFileMode(QFileDialog.FileMode.Directory)
        browser.setOption(QFileDialog.Option.ShowDirsOnly, True)
        browser.fileSelected.connect(self.folder.setText)
        browser.finished.connect(browser.deleteLater)
        self._browser = browser
        browser.open()

    def problem_text(self) -> str:
        folder = self.folder.text().strip()
        if not folder:
            return self.tr("Choose the folder to export to.")
        path = Path(folder).expanduser()
        if path.exists() and not path.is_dir():
            return self.tr("%1 is a file, not a folder.").replace("%1", folder)
        template = self.template.text().strip()
        if not template:
            return self.tr("Give the file names a template, e.g. %1.").replace(
                "%1", DEFAULT_TEMPLATE
            )
        try:
            check_template(template)
        except ValueError as exc:
            return str(exc)
        return ""

    def _check(self) -> None:
        problem = self.problem_text()
        self.export.setEnabled(not problem)
        self.export.setToolTip(problem)
        # An empty folder box needs no red text; the disabled button's tooltip says why.
        self.problem.setText(problem if self.folder.text().strip() else "")
        self.problem.setVisible(bool(self.problem.text()))

    def _accept(self) -> None:
        if self.problem_text():
            return
        self.chosen.emit(
            Path(self.folder.text().strip()).expanduser(),
            self.template.text().strip(),
            self.strip.isChecked(),
        )
        self.accept()
