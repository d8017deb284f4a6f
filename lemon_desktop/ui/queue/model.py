"""Jobs as table rows, newest first, kept current by JobEvents (never reset while jobs
progress, so the view keeps its selection and scroll position).

The jobs of one batch (a comparison, `--models a,b,c`) sit together under a group row
that sums them up; a job without a batch is a row of its own. "Clear finished" hides
finished rows from this view only: the jobs stay in the database (`jobs list`, `jobs
check` and the images they made are untouched).

A job recorded for another gateway than the current one (made in the sandbox, now on
the real gateway, or the other way round) is never run here: its row says which gateway
it waits for and how to get there, as `lemon-desktop jobs list` does."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
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
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 4  # the job cell's second line (model, batch)
REASON_ROLE = Qt.ItemDataRole.UserRole + 5  # why a job failed or is held, or a warning
GROUP_ROLE = Qt.ItemDataRole.UserRole + 6  # "header", "member" or None
SHORT_REASON_ROLE = Qt.ItemDataRole.UserRole + 7  # the reason as the cell's line shows it
PREVIEW_SIZE = 48

Index = QModelIndex | QPersistentModelIndex
PROBLEM_COLOR = QColor(208, 48, 48)
HELD_COLOR = QColor(200, 130, 0)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks a text for pyside6-lupdate; `_tr` translates it where it is shown."""
    return text


def _tr(text: str) -> str:
    return QCoreApplication.translate("QueueModel", text)


STATE_TEXT = {
    "queued": QT_TRANSLATE_NOOP("QueueModel", "Queued"),
    "held": QT_TRANSLATE_NOOP("QueueModel", "Held"),
    "submitting": QT_TRANSLATE_NOOP("QueueModel", "Sending"),
    "running": QT_TRANSLATE_NOOP("QueueModel", "Running"),
    "downloading": QT_TRANSLATE_NOOP("QueueModel", "Downloading"),
    "done": QT_TRANSLATE_NOOP("QueueModel", "Done"),
    "failed": QT_TRANSLATE_NOOP("QueueModel", "Failed"),
    "cancelled": QT_TRANSLATE_NOOP("QueueModel", "Cancelled"),
    "unknown": QT_TRANSLATE_NOOP("QueueModel", "Outcome unknown"),
}
# JobState is a StrEnum, so these compare equal to its members.
PROBLEM_STATES = ("failed", "held", "unknown")
UNKNOWN_EXPLANATION = QT_TRANSLATE_NOOP(
    "QueueModel",
    "The app stopped while this job was being sent, so the gateway may or may not have "
    "run it (and billed it). Nothing was sent again automatically. Look for the image in "
    "the gallery; Retry sends the same request once more.",
)


def state_text(state: str) -> str:
    return _tr(STATE_TEXT.get(str(state), str(state)))


def reason_text(job: Job) -> str | None:
    """What went wrong (failed, held, unknown) or what to know (a warning on a done job)."""
    if job.state in PROBLEM_STATES and job.error:
        return job.error
    return job.warning


# Task errors start with the gateway's long task id; in a one-line cell it would push
# the reason itself out of sight. The id stays in the tooltip and the details line.
_TASK_ID = re.compile(r"^Task \S+ ")


def short_reason(reason: str) -> str:
    """The reason for a narrow line: one line, without the task id."""
    return _TASK_ID.sub("Task ", " ".join(reason.split()), count=1)


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
    "charged": QT_TRANSLATE_NOOP("QueueModel", "Charged"),
    "estimate": QT_TRANSLATE_NOOP("QueueModel", "Estimated before sending"),
    "may_be_charged": QT_TRANSLATE_NOOP(
        "QueueModel", "The gateway may have run this job and charged about this much"
    ),
    "none": QT_TRANSLATE_NOOP(
        "QueueModel", "Nothing charged: the job did not run, or the gateway refunds it"
    ),
    "unknown": QT_TRANSLATE_NOOP(
        "QueueModel", "Price unknown: the gateway's price for this model could not be read"
    ),
}


def cost_text(job: Job) -> str:
    """Charged, estimated, unknown or nothing: an unknown price is never shown as $0."""
    status, amount = job.cost_status, job.shown_cost_usd
    if status == "none":
        return "—"
    if amount is None:
        return QCoreApplication.translate("QueueModel", "unknown")
    if status == "charged":
        return format_usd(amount)
    suffix = "?" if status == "may_be_charged" else ""
    return "≈ " + format_usd(amount) + suffix


def batch_cost_text(jobs: list[Job]) -> str:
    """The sum over a batch; a member of unknown price is never counted as $0."""
    counted = [j for j in jobs if j.cost_status != "none"]
    if not counted:
        return "—"
    known = [j.shown_cost_usd for j in counted if j.shown_cost_usd is not None]
    total = sum(known, Decimal(0))
    if len(known) < len(counted):
        if not known:
            return QCoreApplication.translate("QueueModel", "unknown")
        return QCoreApplication.translate("QueueModel", "{amount} + unknown").format(
            amount=format_usd(total)
        )
    exact = all(j.cost_status == "charged" for j in counted)
    return format_usd(total) if exact else "≈ " + format_usd(total)


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


@dataclass
class BatchGroup:
    """The jobs of one batch, in the order they were sent."""

    batch_id: str
    jobs: list[Job] = field(default_factory=list)

    def summary(self) -> str:
        counts: dict[str, int] = {}
        for job in self.jobs:
            counts[str(job.state)] = counts.get(str(job.state), 0) + 1
        done = counts.get("done", 0)
        if done == len(self.jobs):
            return state_text("done")
        if not any(not j.state.finished for j in self.jobs):
            return QCoreApplication.translate("QueueModel", "{done} of {n} done").format(
                done=done, n=len(self.jobs)
            )
        active = sum(1 for j in self.jobs if not j.state.finished)
        return QCoreApplication.translate("QueueModel", "{active} of {n} running").format(
            active=active, n=len(self.jobs)
        )

    def detail(self) -> str:
        models = ", ".join(dict.fromkeys(j.model for j in self.jobs))
        return QCoreApplication.translate("QueueModel", "Batch of {n}: {models}").format(
            n=len(self.jobs), models=models
        )

    def prompt(self) -> str:
        prompts = {j.prompt for j in self.jobs}
        first = self.jobs[0].prompt if self.jobs else ""
        return (
            first
            if len(prompts) == 1
            else QCoreApplication.translate("QueueModel", "{n} prompts").format(n=len(prompts))
        )

    def reason(self) -> str | None:
        failed = sum(1 for j in self.jobs if j.state in PROBLEM_STATES)
        if not failed:
            return None
        return QCoreApplication.translate(
            "QueueModel", "{n} with a problem: select a job for its reason"
        ).format(n=failed)

    def progress(self) -> int:
        if all(j.state == "done" for j in self.jobs):
            return 100
        if any(j.state.active for j in self.jobs) and all(
            j.progress is None for j in self.jobs if j.state.active
        ):
            return -1  # busy: nobody says how far
        parts = [100.0 if j.state.finished else float(j.progress or 0) for j in self.jobs]
        return int(sum(parts) / max(1, len(parts)))

    @property
    def finished(self) -> bool:
        return all(j.state.finished for j in self.jobs)

    @property
    def can_cancel(self) -> bool:
        return any(j.can_cancel for j in self.jobs)


Row = tuple["Job | BatchGroup", "BatchGroup | None"]  # (what the row shows, its group)


class QueueModel(QAbstractTableModel):
    PREVIEW, PROMPT, STATE, ELAPSED, COST, ACTIONS = range(6)
    HEADERS = (
        "",
        QT_TRANSLATE_NOOP("QueueModel", "Job"),
        QT_TRANSLATE_NOOP("QueueModel", "State"),
        QT_TRANSLATE_NOOP("QueueModel", "Time"),
        QT_TRANSLATE_NOOP("QueueModel", "Cost"),
        "",
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        # The identity of the gateway the queue runs on (jobs.records.gateway_identity);
        # None while there is no queue, when no job can be said to wait for another.
        self.gateway: str | None = None
        self._rows: list[Row] = []
        self._row_of: dict[str, int] = {}  # job id or batch id -> row
        self._groups: dict[str, BatchGroup] = {}
        self._pictures: dict[str, QPixmap] = {}
        # Finished jobs last changed at or before this moment are hidden ("Clear finished").
        self.cleared_through: datetime | None = None

    # -- feeding -----------------------------------------------------------------

    def set_jobs(self, jobs: list[Job]) -> None:
        """Jobs newest first, as the store lists them."""
        self.beginResetModel()
        self._rows = []
        self._groups = {}
        for job in reversed(jobs):  # oldest first, so each new top-level row goes on top
            self._place(job)
        self._rows = [row for row in self._rows if not self._is_cleared(row[1] or row[0])]
        self._groups = {
            item.batch_id: item for item, _ in self._rows if isinstance(item, BatchGroup)
        }
        self._reindex()
        self.endResetModel()

    def _place(self, job: Job) -> None:
        """Put `job` in self._rows without telling views (for set_jobs)."""
        if job.batch_id is None:
            self._rows.insert(0, (job, None))
            return
        group = self._groups.get(job.batch_id)
        if group is None:
            group = self._groups[job.batch_id] = BatchGroup(job.batch_id)
            self._rows.insert(0, (group, None))
        group.jobs.append(job)
        group.jobs.sort(key=lambda j: j.created)
        at = next(i for i, (item, _) in enumerate(self._rows) if item is group)
        members = [(j, group) for j in group.jobs]
        end = at + 1
        while end < len(self._rows) and self._rows[end][1] is group:
            end += 1
        self._rows[at + 1 : end] = members

    def apply(self, event: JobEvent) -> None:
        job = event.job
        if job is None:
            return
        row = self._row_of.get(job.id)
        if row is None:
            if self._job_cleared(job):
                return  # hidden by "Clear finished" and unchanged since
            row = self._insert(job)
        else:
            self._rows[row] = (job, self._rows[row][1])
            group = self._rows[row][1]
            if group is not None:
                group.jobs = [job if j.id == job.id else j for j in group.jobs]
                self._row_changed(self._row_of[group.batch_id])
        if event.kind == "preview" and event.preview:
            self.set_picture(job.id, QImage.fromData(event.preview))
        self._row_changed(row)

    def _insert(self, job: Job) -> int:
        """A job new to the view: on top, or at the end of its batch's group."""
        if job.batch_id is None:
            self._insert_rows(0, [(job, None)])
            return 0
        group = self._groups.get(job.batch_id)
        if group is None:
            group = self._groups[job.batch_id] = BatchGroup(job.batch_id, [job])
            self._insert_rows(0, [(group, None), (job, group)])
            return 1
        group.jobs.append(job)
        at = self._row_of[group.batch_id] + len(group.jobs)
        self._insert_rows(at, [(job, group)])
        self._row_changed(self._row_of[group.batch_id])
        return at

    def _insert_rows(self, at: int, rows: list[Row]) -> None:
        self.beginInsertRows(QModelIndex(), at, at + len(rows) - 1)
        self._rows[at:at] = rows
        self._reindex()
        self.endInsertRows()

    # -- jobs of another gateway ----------------------------------------------------------

    def set_gateway(self, identity: str | None) -> None:
        if identity != self.gateway:
            self.gateway = identity
            if self._rows:
                last = self.index(len(self._rows) - 1, self.ACTIONS)
                self.dataChanged.emit(self.index(0, 0), last)

    def waits_for(self, job: Job) -> str | None:
        """The other gateway `job` waits for, or None when this one may run it."""
        return job.waits_for(self.gateway) if self.gateway is not None else None

    def waiting_text(self, identity: str) -> str:
        """Which gateway a job waits for and how to run it there, in the window's terms."""
        from ...jobs.records import SANDBOX_GATEWAY

        if identity == SANDBOX_GATEWAY:
            return self.tr(
                "Waits for the sandbox gateway, where it was made: choose Gateway → "
                "Use the built-in sandbox to run it."
            )
        return self.tr(
            "Waits for gateway {url}, where it was made: set the base URL in Settings "
            "to {url} to run it."
        ).format(url=identity)

    def reason(self, job: Job) -> str | None:
        """Why the job waits elsewhere, else what went wrong or what to know."""
        elsewhere = self.waits_for(job)
        return self.waiting_text(elsewhere) if elsewhere is not None else reason_text(job)

    # -- clearing finished rows ------------------------------------------------------

    def _job_cleared(self, job: Job) -> bool:
        mark = self.cleared_through
        return mark is not None and job.state.finished and job.updated <= mark

    def _is_cleared(self, item: Job | BatchGroup) -> bool:
        if isinstance(item, BatchGroup):
            # A batch goes as a whole, once every member is finished and cleared.
            return all(self._job_cleared(j) for j in item.jobs)
        return self._job_cleared(item)

    def finished_count(self) -> int:
        """Top-level rows "Clear finished" would hide (a batch counts once)."""
        return sum(
            1
            for item, parent in self._rows
            if parent is None
            and (item.finished if isinstance(item, BatchGroup) else item.state.finished)
        )

    def clear_finished(self) -> datetime | None:
        """Hide every finished job and every finished batch; returns the new mark (the
        newest change among them), or None when nothing was finished."""
        hidden: list[Job] = []
        for item, parent in self._rows:
            if parent is not None:
                continue
            if isinstance(item, BatchGroup):
                if item.finished:
                    hidden.extend(item.jobs)
            elif item.state.finished:
                hidden.append(item)
        if not hidden:
            return None
        newest = max(j.updated for j in hidden)
        if self.cleared_through is None or newest > self.cleared_through:
            self.cleared_through = newest
        self._remove_where(lambda item: self._is_cleared(item))
        return self.cleared_through

    def _remove_where(self, cleared: Any) -> None:
        # Row blocks from the bottom up, so earlier rows keep their numbers.
        row = len(self._rows) - 1
        while row >= 0:
            item, parent = self._rows[row]
            top = parent if parent is not None else item
            if cleared(top):
                end = row
                while row >= 0 and (self._rows[row][1] or self._rows[row][0]) is top:
                    row -= 1
                self.beginRemoveRows(QModelIndex(), row + 1, end)
                del self._rows[row + 1 : end + 1]
                if isinstance(top, BatchGroup):
                    self._groups.pop(top.batch_id, None)
                self._reindex()
                self.endRemoveRows()
            else:
                row -= 1

    # -- pictures and time -------------------------------------------------------------

    def set_picture(self, job_id: str, image: QImage) -> None:
        row = self._row_of.get(job_id)
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
        """Refresh the elapsed time of jobs and batches still in flight."""
        for row, (item, _) in enumerate(self._rows):
            if not (item.finished if isinstance(item, BatchGroup) else item.state.finished):
                index = self.index(row, self.ELAPSED)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])

    def _reindex(self) -> None:
        self._row_of = {
            (item.batch_id if isinstance(item, BatchGroup) else item.id): row
            for row, (item, _) in enumerate(self._rows)
        }

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.ACTIONS))

    # -- reading -------------------------------------------------------------------

    def job(self, row: int) -> Job | None:
        """The job shown in `row`; None for a batch's group row."""
        if not 0 <= row < len(self._rows):
            return None
        item = self._rows[row][0]
        return None if isinstance(item, BatchGroup) else item

    def group(self, row: int) -> BatchGroup | None:
        """The batch whose group row `row` is (None for a job's row)."""
        if not 0 <= row < len(self._rows):
            return None
        item = self._rows[row][0]
        return item if isinstance(item, BatchGroup) else None

    def group_of(self, row: int) -> BatchGroup | None:
        """The batch `row` belongs to: its group row or one of its jobs."""
        if not 0 <= row < len(self._rows):
            return None
        item, parent = self._rows[row]
        return item if isinstance(item, BatchGroup) else parent

    def jobs(self) -> list[Job]:
        return [item for item, _ in self._rows if not isinstance(item, BatchGroup)]

    def job_by_id(self, job_id: str) -> Job | None:
        row = self._row_of.get(job_id)
        return None if row is None else self.job(row)

    def row_of(self, job_id: str) -> int | None:
        """The row of a job, or of a batch's group row by its batch id."""
        return self._row_of.get(job_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(self.HEADERS[section]) if self.HEADERS[section] else ""
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not 0 <= index.row() < len(self._rows):
            return None
        item, parent = self._rows[index.row()]
        if isinstance(item, BatchGroup):
            return self._group_data(item, index.column(), role)
        if role == GROUP_ROLE:
            return "member" if parent is not None else None
        return self._job_data(item, index.column(), role, parent)

    def _job_data(self, job: Job, column: int, role: int, group: BatchGroup | None) -> Any:
        if role == JOB_ROLE:
            return job
        if role == ACTIONS_ROLE:
            return actions_for(job)
        elsewhere = self.waits_for(job)
        if role == PROGRESS_ROLE:
            if elsewhere is not None:
                return None  # not moving here: no bar
            if job.state == "done":
                return 100
            if job.progress is not None:
                return int(job.progress)
            return -1 if job.state.active else 0
        if role == REASON_ROLE:
            return self.reason(job)
        if role == SHORT_REASON_ROLE:
            reason = self.reason(job)
            return short_reason(reason) if reason else None
        if role == DETAIL_ROLE and column == self.PROMPT:
            # In a batch the prompt is the group's; the model is what tells jobs apart.
            return None if group is not None else job.model
        if role == Qt.ItemDataRole.DecorationRole and column == self.PREVIEW:
            return self._pictures.get(job.id)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(job, column, group)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(job, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATE:
            return QBrush(HELD_COLOR) if elsewhere is not None else _state_brush(str(job.state))
        return None

    def _display(self, job: Job, column: int, group: BatchGroup | None) -> Any:
        if column == self.PROMPT:
            if group is not None:
                return job.model
            return job.prompt.splitlines()[0][:300] if job.prompt else ""
        if column == self.STATE:
            if self.waits_for(job) is not None:
                return self.tr("Waiting")
            if job.state in ("running", "downloading") and job.progress is not None:
                return f"{state_text(job.state)} {int(job.progress)}%"
            return state_text(job.state)
        if column == self.ELAPSED:
            return elapsed_text(elapsed_seconds(job))
        if column == self.COST:
            return cost_text(job)
        return None

    def _tooltip(self, job: Job, column: int) -> str | None:
        elsewhere = self.waits_for(job)
        if column == self.STATE and elsewhere is not None:
            return self.waiting_text(elsewhere)
        if column == self.STATE:
            if job.state == "unknown":
                return _tr(UNKNOWN_EXPLANATION)
            return job.error or state_text(job.state)
        if column == self.PROMPT:
            reason = self.reason(job)
            text = f"{job.model}\n{job.prompt}"
            return f"{text}\n\n{reason}" if reason else text
        if column == self.COST:
            return _tr(COST_TOOLTIPS[job.cost_status])
        return None

    def _group_data(self, group: BatchGroup, column: int, role: int) -> Any:
        if role == GROUP_ROLE:
            return "header"
        if role == ACTIONS_ROLE:
            # "Open" on a batch opens its compare board (also a double-click).
            return ["cancel", "open"] if group.can_cancel else ["open"]
        if role == PROGRESS_ROLE:
            return group.progress()
        if role in (REASON_ROLE, SHORT_REASON_ROLE):
            return group.reason()
        if role == DETAIL_ROLE and column == self.PROMPT:
            return group.detail()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.PROMPT:
                return group.prompt().splitlines()[0][:300] if group.prompt() else ""
            if column == self.STATE:
                return group.summary()
            if column == self.ELAPSED:
                return elapsed_text(max(elapsed_seconds(j) for j in group.jobs))
            if column == self.COST:
                return batch_cost_text(group.jobs)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.PROMPT:
                return f"{group.detail()}\n{group.jobs[0].prompt if group.jobs else ''}"
            if column == self.ACTIONS and group.can_cancel:
                return QCoreApplication.translate(
                    "QueueModel",
                    "Cancel every unfinished job of this batch; Open shows its compare board",
                )
            if column == self.ACTIONS:
                return QCoreApplication.translate(
                    "QueueModel", "Open board: this batch's results side by side"
                )
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATE:
            worst = next((j for j in group.jobs if j.state in PROBLEM_STATES), None)
            return _state_brush(str(worst.state)) if worst else None
        return None


def _state_brush(state: str) -> QBrush | None:
    if state in ("failed", "unknown"):
        return QBrush(PROBLEM_COLOR)
    if state == "held":
        return QBrush(HELD_COLOR)
    return None
