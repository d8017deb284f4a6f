"""The running job's state and elapsed time, over the stage's picture.

The plate hides none of the picture where it can: it sits in the band the fitted
picture leaves above it or beside it. Where the picture fills the stage it becomes a
narrow plate of two or three lines in the picture's top-right corner, since generated
images carry their captions and watermarks on the left (the sandbox writes the model
top left and the prompt bottom left) and the stage's own figure after an edit sits
bottom left."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QPoint, QRectF, Qt, QTimer
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


MARGIN = 10  # between the plate and the canvas's edge or the picture's


class JobOverlay(QLabel):
    """A small dark plate over the stage's canvas (placed as the module says); ticks every
    second while the job it follows is unfinished, and stays with the final state once it
    is done. `picture` says where the picture lands on the canvas now."""

    def __init__(self, parent: QWidget, picture: Callable[[], QRectF] | None = None) -> None:
        super().__init__(parent)
        self._picture = picture or (lambda: QRectF(parent.rect()))
        self._lines: list[list[str]] = []  # what it says, a list of parts per line
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
            self._lines = []
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
        self._lines = [[job.model], [state_words(job.state)]]
        self._lines[1].append(elapsed_text((end - start).total_seconds()))
        more: list[str] = []
        if job.progress is not None and not job.state.finished:
            more.append(f"{job.progress:.0f} %")
        if self.previews and not job.state.finished:
            more.append(
                QCoreApplication.translate("JobOverlay", "preview %1").replace(
                    "%1", str(self.previews)
                )
            )
        if more:
            self._lines.append(more)
        self.place()

    def _show_text(self, compact: bool) -> None:
        if compact:
            text = "\n".join("  ·  ".join(line) for line in self._lines)
        else:
            text = "  ·  ".join(part for line in self._lines for part in line)
        if text != self.text():
            self.setText(text)
        self.adjustSize()

    def place(self) -> None:
        """Where it hides the least of the picture (see the module docstring); the stage
        calls this whenever the picture moves, is zoomed or the canvas is resized."""
        canvas = self.parentWidget()
        if canvas is None or not self._lines:
            return
        area = QRectF(canvas.rect())
        picture = self._picture().intersected(area)
        if picture.isEmpty():  # nothing shown yet: the top-left corner, on one line
            self._show_text(compact=False)
            self.move(MARGIN, MARGIN)
            return
        above = picture.top() - area.top()
        left = picture.left() - area.left()
        right = area.right() - picture.right()
        for compact in (False, True):
            self._show_text(compact)
            w, h = self.width(), self.height()
            if above >= h + 4 and w + 2 * MARGIN <= area.width():
                self.move(MARGIN, max(0, int(above - h) // 2))
                return
            if left >= w + 2 * MARGIN:
                self.move(MARGIN, MARGIN)
                return
            if right >= w + 2 * MARGIN:
                self.move(int(area.right() - MARGIN - w), MARGIN)
                return
        # The picture fills the canvas: its top-right corner, as narrow as it gets.
        x = max(0, int(picture.right() - MARGIN - self.width()))
        self.move(QPoint(x, int(picture.top()) + MARGIN))
