"""File → Import folder…: choose a folder and how to take it in, then import it in a
worker thread with a progress dialog that can stop it.

The gallery needs no telling: the library announces each published batch, and the
gallery listens to the library.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from .tasks import expected, long_work_pool, run_in_thread, user_message
from .widgets import error_label

if TYPE_CHECKING:
    from ..library import Library
    from ..library.records import ImportReport


class FolderImportDialog(QDialog):
    """Which folder, and whether to copy its images in or index them where they are."""

    chosen = Signal(Path, bool)  # folder, in place

    def __init__(self, parent: QWidget | None = None, folder: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import a folder"))
        self.folder = QLineEdit(folder, self)
        self.folder.setPlaceholderText(self.tr("A folder of PNG, JPEG or WebP images"))
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.copy = QRadioButton(self.tr("Copy the images into the library"), self)
        self.copy.setChecked(True)
        copy_note = QLabel(
            self.tr("The library keeps them even if the folder is moved or deleted."), self
        )
        self.in_place = QRadioButton(self.tr("Leave the images where they are"), self)
        in_place_note = QLabel(
            self.tr(
                "No second copy and a faster import. The library never moves or deletes "
                "these files; if they are moved inside the folder, Verify finds them again."
            ),
            self,
        )
        for note in (copy_note, in_place_note):
            note.setWordWrap(True)
            note.setIndent(24)
            note.setEnabled(False)  # greyed: an explanation, not a control
        self.problem = error_label(self)
        self.buttons = QDialogButtonBox(self)
        self.start = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Folder:"), self))
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addSpacing(6)
        for widget in (self.copy, copy_note, self.in_place, in_place_note):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.folder.textChanged.connect(self._check)
        self.resize(520, self.sizeHint().height())
        self._check()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Import a folder"), self.folder.text()
        )
        if folder:
            self.folder.setText(folder)

    def _problem(self) -> str:
        text = self.folder.text().strip()
        if not text:
            return self.tr("Choose the folder to import.")
        if not Path(text).expanduser().is_dir():
            return self.tr("{0} is not a folder. Choose a folder that exists.").format(text)
        return ""

    def _check(self) -> None:
        problem = self._problem()
        self.start.setEnabled(not problem)
        self.start.setToolTip(problem)
        # An empty box needs no red text; the disabled button's tooltip says why.
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem) and bool(self.folder.text().strip()))

    def _accept(self) -> None:
        if self._problem():
            return
        self.chosen.emit(Path(self.folder.text().strip()).expanduser(), self.in_place.isChecked())
        self.accept()


class FolderImport(QObject):
    """One import running in a worker thread; its signals arrive on the GUI thread."""

    progress = Signal(int, int)  # files done, files in all
    finished = Signal(object)  # ImportReport
    failed = Signal(str)

    def __init__(
        self, library: Library, folder: Path, in_place: bool, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.folder = folder
        self.in_place = in_place
        self._library = library
        self._stop = threading.Event()

    def start(self) -> None:
        run_in_thread(self._run, self.finished.emit, self._error, owner=self, pool=long_work_pool())

    def stop(self) -> None:
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def _run(self) -> ImportReport:
        return self._library.import_folder(
            self.folder, self.progress.emit, in_place=self.in_place, stop=self._stop.is_set
        )

    def _error(self, error: Exception) -> None:
        if isinstance(error, MemoryError):  # one import too big for memory, not a bug
            self.failed.emit(self.tr("The import ran out of memory and stopped."))
            return
        if not expected(error):
            raise error  # a bug: to the excepthook's log and dialog
        self.failed.emit(user_message(error))


def summary(report: ImportReport, in_place: bool) -> str:
    """One sentence for the status bar: what came in and what did not."""
    head = (
        QCoreApplication.translate("FolderImport", "Indexed {0} images in place")
        if in_place
        else QCoreApplication.translate("FolderImport", "Imported {0} images")
    )
    # Plain non-images are only counted; links that lead nowhere, FIFOs and files too
    # large to read are "skipped" (their reasons are in the report).
    not_images = [s for s in report.skipped if s[1].startswith("not a ")]
    passed_over = [s for s in report.skipped if not s[1].startswith("not a ")]
    parts = [
        template.format(len(items))
        for template, items in (
            (
                QCoreApplication.translate("FolderImport", "{0} copied in from where they were"),
                report.adopted,
            ),
            (
                QCoreApplication.translate("FolderImport", "{0} already in the library"),
                report.duplicates,
            ),
            (QCoreApplication.translate("FolderImport", "{0} not images"), not_images),
            (QCoreApplication.translate("FolderImport", "{0} skipped"), passed_over),
            (QCoreApplication.translate("FolderImport", "{0} could not be read"), report.failed),
            (
                QCoreApplication.translate("FolderImport", "{0} folders could not be read"),
                report.unreadable,
            ),
        )
        if items
    ]
    text = head.format(len(report.imported)) + (f" ({', '.join(parts)})" if parts else "") + "."
    return (
        QCoreApplication.translate("FolderImport", "Stopped. ") + text if report.stopped else text
    )


def failure_details(report: ImportReport, limit: int = 3) -> str:
    """The first few files that failed and why, for the banner."""
    lines = [f"{Path(name).name}: {reason}" for name, reason in report.failed[:limit]]
    if len(report.failed) > limit:
        lines.append(
            QCoreApplication.translate("FolderImport", "…and {0} more.").format(
                len(report.failed) - limit
            )
        )
    lines += [
        QCoreApplication.translate("FolderImport", "Folder {0} {1}").format(folder, reason)
        for folder, reason in report.unreadable[:limit]
    ]
    return "\n".join(lines)


class FolderImportProgress(QProgressDialog):
    """Progress of one FolderImport; Stop ends it after the current file."""

    def __init__(self, job: FolderImport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Importing"))
        self.setLabelText(self.tr("Looking for images in {0}…").format(job.folder))
        self.setCancelButtonText(self.tr("Stop"))
        self.setWindowModality(Qt.WindowModality.NonModal)  # the window stays usable
        self.setMinimumDuration(400)  # a small folder finishes before this shows
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setRange(0, 0)
        job.progress.connect(self._update)
        self.canceled.connect(job.stop)
        self.canceled.connect(
            lambda: self.setLabelText(self.tr("Stopping after the current file…"))
        )
        self._job = job

    def _update(self, done: int, total: int) -> None:
        self.setRange(0, max(1, total))
        self.setValue(done)
        if not self.wasCanceled():
            self.setLabelText(
                self.tr("Imported {0} of {1} files from {2}").format(done, total, self._job.folder)
            )
