"""The running job's state and elapsed time, over the stage's picture."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from ...jobs import Job, JobState


def state_words(state: JobState) -> str:
    words = {
        JobState.QUEUED: QCoreApplication.translate("JobOverlay", "Queued"),
        JobState.HELD: QCoreApplication.translate("JobOverlay", "Held"),
        JobState.SUBMITTING: QCoreApplication.translate("JobOverlay", "Sending"),
        JobState.RUNNING: QCoreApplication.translate("JobOverlay", "Running"),
        JobState.DOWNLOADING: QCoreApplication.translate("JobOverlay", "Downloading"),
        JobState.DONE: QCoreApplication.translate("JobOverlay", "Done"),
        JobState.FAILED: QCoreApplication.translate("JobOverlay", "Failed"),
        JobState.CANCELLED: QCoreApplication.translate("JobOverlay", "Cancelled"),
        JobState.UNKNOWN: QCoreApplication.translate("JobOverlay", "Outcome unknown"),
    }
    return words[state]


def elapsed_text(seconds: float) -> str:
    seconds = max(0, int(seconds))
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"


class JobOverlay(QLabel):
    """A small dark plate in the stage's top-left corner; ticks every second while the
    job it follows is unfinished, and stays with the final state once it is done."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("stageJobOverlay")
        # Over a picture of any colour: a plate of its own, not the palette's colours.
        self.setStyleSheet(
            "#stageJobOverlay { background: rgba(0, 0, 0, 170); color: white;"
            " border-radius: 6px; padding: 5px 10px; }"
        )
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._job: Job | None = None
        self.previews = 0
        self._timer = QTimer(self, interval=1000)
        self._timer.timeout.connect(self._refresh)
        self.hide()

    @property
    def job(self) -> Job | None:
        return self._job

    def follow(self, job: Job | None) -> None:
        if job is None or self._job is None or job.id != self._job.id:
            self.previews = 0
        self._job = job
        if job is None:
            self._timer.stop()
            self.hide()
            return
        if job.state.finished:
            self._timer.stop()
        elif not self._timer.isActive():
            self._timer.start()
        self._refresh()
        self.show()
        self.raise_()

    def preview_arrived(self) -> None:
        self.previews += 1
        self._refresh()

    def _refresh(self) -> None:
        job = self._job
        if job is None:
            return
        start = job.submitted or job.created
        end = job.finished_at if job.state.finished and job.finished_at else datetime.now(UTC)
        parts = [job.model, state_words(job.state), elapsed_text((end - start).total_seconds())]
        if job.progress is not None and not job.state.finished:
            parts.append(f"{job.progress:.0f} %")
        if self.previews and not job.state.finished:
            parts.append(
                QCoreApplication.translate("JobOverlay", "preview %1").replace(
                    "%1", str(self.previews)
                )
            )
        self.setText("  ·  ".join(parts))
        self.adjustSize()
        self.move(10, 10)
