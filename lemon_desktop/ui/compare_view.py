"""Side-by-side results of one prompt sent to several models (one batch)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .queue.model import PROBLEM_STATES, state_text

if TYPE_CHECKING:
    from ..jobs import Job, JobEvent
    from ..library import Library
from .tasks import TaskRunner, in_thread

TILE = 320


def _load(path: Path) -> QImage:
    # Decoded off the GUI thread; only the QImage crosses back (QPixmap is GUI-only).
    image = QImage(str(path))
    if image.isNull():
        return image
    return image.scaled(
        TILE, TILE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


def settings_text(job: Job) -> str:
    """ "size 1792x1024 · quality hd": the settings as sent to this column's model."""
    params = job.request.params
    return " · ".join(f"{name} {value}" for name, value in params.items() if name != "user")


class _Column(QFrame):
    def __init__(self, job: Job, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.model = job.model
        self.title = QLabel(f"<b>{job.model}</b>", self)
        # What this model was sent, after the compare rule put the settings in its terms.
        self.settings = QLabel(settings_text(job), self)
        self.settings.setObjectName("compareSettings")
        self.settings.setWordWrap(True)
        self.settings.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.picture = QLabel(self)
        self.picture.setFixedSize(TILE, TILE)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setStyleSheet("background: palette(base); border-radius: 4px;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.settings)
        layout.addWidget(self.picture)
        layout.addWidget(self.status)
        self.image_id: int | None = None  # the latest stored image of this model's job
        self.shown: int | None = None  # the image whose picture is on screen
        self.update_job(job)

    def update_job(self, job: Job) -> None:
        text = state_text(job.state)
        if job.error and job.state in PROBLEM_STATES:
            text += f": {job.error}"
        self.status.setText(text)


class CompareView(QDialog):
    """Lists one batch; each column shows that model's latest stored image."""

    def __init__(self, library: Library, jobs: list[Job], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare: {prompt}").format(prompt=jobs[0].prompt[:60]))
        self.library = library
        self.batch_id = jobs[0].batch_id
        self.tasks = TaskRunner()
        self.columns: dict[str, _Column] = {}
        host = QWidget(self)
        grid = QGridLayout(host)
        for number, job in enumerate(jobs):
            column = _Column(job, host)
            self.columns[job.id] = column
            grid.addWidget(column, 0, number)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(host)
        prompt = QLabel(jobs[0].prompt, self)
        prompt.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(scroll, 1)
        self.resize(min(1600, len(jobs) * (TILE + 40) + 40), TILE + 200)
        self._closed = False
        self.finished.connect(self._on_finished)

    def _on_finished(self, _result: int) -> None:
        # Loads still in flight must not touch labels that are about to be deleted.
        self._closed = True
        self.tasks.cancel_all()

    def apply(self, event: JobEvent) -> None:
        job = event.job
        if self._closed or job is None or job.batch_id != self.batch_id:
            return
        column = self.columns.get(job.id)
        if column is None:
            return
        column.update_job(job)
        if event.kind == "image_stored" and event.image_id is not None:
            column.image_id = event.image_id
            self.tasks.spawn(self._show(column, event.image_id))

    async def _show(self, column: _Column, image_id: int) -> None:
        record = await in_thread(lambda: self.library.get(image_id))
        image = await in_thread(lambda: _load(record.path))
        if not self._closed and column.image_id == image_id and not image.isNull():
            column.picture.setPixmap(QPixmap.fromImage(image))
            column.shown = image_id

    def shown_images(self) -> dict[str, int | None]:
        """Model -> the image id whose picture its column shows (None: not yet)."""
        return {c.model: c.shown for c in self.columns.values()}
