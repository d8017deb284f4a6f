"""Jobs as table rows, newest first, kept current by JobEvents (never reset, so the
view keeps its selection and scroll position while jobs progress)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QImage, QPixmap

from ...money import format_usd

if TYPE_CHECKING:
    # Types only: importing lemon_desktop.jobs loads the HTTP stack, which the first
    # paint does not need. States are compared by their string values.
    from ...jobs.records import Job, JobEvent

JOB_ROLE = Qt.ItemDataRole.UserRole + 1
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 2
ACTIONS_ROLE = Qt.ItemDataRole.UserRole + 3
PREVIEW_SIZE = 48

Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("QueueModel", text)


STATE_TEXT = {
    "queued": "Queued",
    "held": "Held",
    "submitting": "Sending",
    "running": "Running",
    "downloading": "Downloading",
    "done": "Done",
    "failed": "Failed",
    "cancelled": "Cancelled",
    "unknown": "Outcome unknown",
}
# JobState is a StrEnum, so these compare equal to its members.
PROBLEM_STATES = ("failed", "held", "unknown")
UNKNOWN_EXPLANATION = (
    "The app stopped while this job was being sent, so the gateway may or may not have "
    "run it (and billed it). Nothing was sent again automatically. Look for the image in "
    "the gallery; Retry sends the same request once more."
)


def state_text(state: str) -> str:
    return _tr(STATE_TEXT.get(str(state), str(state)))


def elapsed_seconds(job: Job, now: datetime | None = None) -> float:
    start = job.submitted or job.created
    end = job.finished_at if job.state.finished and job.finished_at else None
    if end is None:
        end = now or datetime.now(start.tzinfo or UTC)
    return max(0.0, (end - start).total_seconds())


def elapsed_text(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 3600:
        return f"{seconds // 60}:{seconds % 60:02d}"
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


COST_TOOLTIPS = {
    "charged": "Charged",
    "estimate": "Estimated before sending",
    "may_be_charged": "The gateway may have run this job and charged about this much",
    "none": "Nothing charged: the job did not run, or the gateway refunds it",
    "unknown": "Price unknown: the gateway's price for this model could not be read",
}


def cost_text(job: Job) -> str:
    """Charged, estimated, unknown or nothing: an unknown price is never shown as $0."""
    status, amount = job.cost_status, job.shown_cost_usd
    if status == "none":
        return "—"
    if amount is None:
        return _tr("unknown")
    if status == "charged":
        return format_usd(amount)
    suffix = "?" if status == "may_be_charged" else ""
    return "≈ " + format_usd(amount) + suffix


def actions_for(job: Job) -> list[str]:
    actions = []
    if job.can_cancel:
        actions.append("cancel")
    if job.can_check:
        actions.append("check")
    if job.can_retry:
        actions.append("retry")
    if job.image_ids:
        actions.append("open")
    return actions[:3]  # room for three buttons; "open" is also a double-click


class QueueModel(QAbstractTableModel):
    PREVIEW, MODEL, PROMPT, STATE, PROGRESS, ELAPSED, COST, ACTIONS = range(8)
    HEADERS = ("", "Model", "Prompt", "State", "Progress", "Time", "Cost", "")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._jobs: list[Job] = []
        self._rows: dict[str, int] = {}
        self._pictures: dict[str, QPixmap] = {}

    # -- feeding -----------------------------------------------------------------

    def set_jobs(self, jobs: list[Job]) -> None:
        self.beginResetModel()
        self._jobs = list(jobs)
        self._reindex()
        self.endResetModel()

    def apply(self, event: JobEvent) -> None:
        job = event.job
        if job is None:
            return
        row = self._rows.get(job.id)
        if row is None:
            # Newest first: a new job goes on top.
            self.beginInsertRows(QModelIndex(), 0, 0)
            self._jobs.insert(0, job)
            self._reindex()
            self.endInsertRows()
            row = 0
        else:
            self._jobs[row] = job
        if event.kind == "preview" and event.preview:
            self.set_picture(job.id, QImage.fromData(event.preview))
        self._row_changed(row)

    def set_picture(self, job_id: str, image: QImage) -> None:
        row = self._rows.get(job_id)
        if row is None or image.isNull():
            return
        self._pictures[job_id] = QPixmap.fromImage(
            image.scaled(
                PREVIEW_SIZE,
                PREVIEW_SIZE,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self._row_changed(row)

    def has_picture(self, job_id: str) -> bool:
        return job_id in self._pictures

    def tick(self) -> None:
        """Refresh the elapsed time of jobs still in flight."""
        for row, job in enumerate(self._jobs):
            if not job.state.finished:
                index = self.index(row, self.ELAPSED)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])

    def _reindex(self) -> None:
        self._rows = {job.id: row for row, job in enumerate(self._jobs)}

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.ACTIONS))

    # -- reading -------------------------------------------------------------------

    def job(self, row: int) -> Job | None:
        return self._jobs[row] if 0 <= row < len(self._jobs) else None

    def job_by_id(self, job_id: str) -> Job | None:
        row = self._rows.get(job_id)
        return None if row is None else self._jobs[row]

    def row_of(self, job_id: str) -> int | None:
        return self._rows.get(job_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._jobs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(self.HEADERS[section]) if self.HEADERS[section] else ""
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        job = self.job(index.row())
        if job is None:
            return None
        column = index.column()
        if role == JOB_ROLE:
            return job
        if role == ACTIONS_ROLE:
            return actions_for(job)
        if role == PROGRESS_ROLE:
            if job.state == "done":
                return 100
            if job.progress is not None:
                return int(job.progress)
            return -1 if job.state.active else 0
        if role == Qt.ItemDataRole.DecorationRole and column == self.PREVIEW:
            return self._pictures.get(job.id)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(job, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(job, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATE:
            if job.state in ("failed", "unknown"):
                return QBrush(QColor(208, 48, 48))
            if job.state == "held":
                return QBrush(QColor(200, 130, 0))
        return None

    def _display(self, job: Job, column: int) -> Any:
        if column == self.MODEL:
            return job.model
        if column == self.PROMPT:
            first = job.prompt.splitlines()[0] if job.prompt else ""
            return first[:120]
        if column == self.STATE:
            text = state_text(job.state)
            if job.error and job.state in PROBLEM_STATES:
                return f"{text}: {job.error}"
            return text
        if column == self.ELAPSED:
            return elapsed_text(elapsed_seconds(job))
        if column == self.COST:
            return cost_text(job)
        return None

    def _tooltip(self, job: Job, column: int) -> str | None:
        if column == self.STATE:
            if job.state == "unknown":
                return _tr(UNKNOWN_EXPLANATION)
            return job.error or state_text(job.state)
        if column == self.PROMPT:
            return job.prompt
        if column == self.COST:
            return _tr(COST_TOOLTIPS[job.cost_status])
        return None
