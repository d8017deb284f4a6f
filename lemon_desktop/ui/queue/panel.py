"""The queue panel: a bar with what is in the queue and "Clear finished", a
paused-queue banner, the job table with its actions, and the selected job's full
reason under it (selectable, so it can be copied into a bug report)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from ...jobs.records import Job, JobEvent
from .delegate import MAX_BUTTONS, QueueDelegate, actions_width
from .model import ACTIONS_ROLE, PREVIEW_SIZE, STATE_TEXT, QueueModel, state_text

# The job column (prompt, model, reason) never gets narrower than this; below it the
# preview, then the time, make room.
MIN_JOB_WIDTH = 150


class PausedBanner(QFrame):
    resume_clicked = Signal()
    send_anyway_clicked = Signal()  # jobs held because their price is unknown under a cap

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pausedBanner")
        self.setStyleSheet(
            "#pausedBanner { background: #fff1c2; border: 1px solid #d9a400; border-radius: 4px; }"
            "#pausedBanner QLabel { color: #4a3800; }"
        )
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.resume = QPushButton(self.tr("Resume"), self)
        self.send_anyway = QPushButton(self.tr("Send anyway"), self)
        self.send_anyway.setToolTip(
            self.tr("Send the jobs whose price is unknown, although a spending cap is set")
        )
        row = QHBoxLayout(self)
        row.addWidget(self.label, 1)
        row.addWidget(self.send_anyway)
        row.addWidget(self.resume)
        self.resume.clicked.connect(self.resume_clicked)
        self.send_anyway.clicked.connect(self.send_anyway_clicked)
        self.send_anyway.hide()
        self.hide()

    def show_reason(self, reason: str | None, code: str | None = None) -> None:
        if reason:
            self.label.setText(self.tr("The queue is paused: {reason}").format(reason=reason))
        self.send_anyway.setVisible(bool(reason) and code == "price_unknown")
        self.setVisible(bool(reason))


class QueuePanel(QWidget):
    cancel_requested = Signal(str)
    retry_requested = Signal(str)
    check_requested = Signal(str)  # job id: look again for its paid result, no new request
    send_anyway_requested = Signal()
    open_requested = Signal(str)  # job id: show its image
    board_requested = Signal(str)  # batch id: open its compare board
    resume_requested = Signal()
    cleared = Signal(datetime)  # "Clear finished": the new mark, for the next start

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = PausedBanner(self)
        self.model = QueueModel(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("queueSummary")
        self.clear_finished = QPushButton(self.tr("Clear finished"), self)
        self.clear_finished.setObjectName("clearFinished")
        self.clear_finished.setToolTip(
            self.tr(
                "Hide done, failed and cancelled jobs from this list. Nothing is deleted: "
                "their images stay in the gallery, and the command line's “jobs list” "
                "and “jobs check” still find every job."
            )
        )
        self.view = QTableView(self)
        self.view.setObjectName("queueView")
        self.view.setAccessibleName(self.tr("Jobs"))
        self.view.setAccessibleDescription(
            self.tr(
                "Up and Down choose a job; Ctrl+O opens its image, Ctrl+R retries it, "
                "Ctrl+Backspace cancels it"
            )
        )
        # Tab leaves the list (a job is a row: there is nothing to tab to inside it).
        self.view.setTabKeyNavigation(False)
        self.view.setModel(self.model)
        self.delegate = QueueDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setAlternatingRowColors(True)
        self.view.setIconSize(QSize(PREVIEW_SIZE, PREVIEW_SIZE))
        self._buttons = 1  # the most action buttons any row has now: the column's width
        self._size_columns()
        self.details = QLabel(self)
        self.details.setObjectName("queueDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.hide()
        self.empty = QLabel(self.tr("No jobs yet. Write a prompt and press Ctrl+Enter."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("queueEmpty")
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 0, 0, 0)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.clear_finished)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.empty, 1)
        self.delegate.action_clicked.connect(self._on_action)
        self.view.doubleClicked.connect(lambda index: self._on_action("open", index.row()))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().currentRowChanged.connect(self._show_details)
        self.clear_finished.clicked.connect(self.clear)
        self.banner.resume_clicked.connect(self.resume_requested)
        self.banner.send_anyway_clicked.connect(self.send_anyway_requested)
        for changed in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            changed.connect(self._update_empty)
        self.model.dataChanged.connect(self._on_data_changed)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self.model.tick)
        self._ticker.start()
        self._update_empty()

    # -- layout --------------------------------------------------------------------

    def _size_columns(self) -> None:
        """Fixed columns sized to their longest text in this font and language; the job
        column takes what is left, so nothing needs a sideways scroll."""
        metrics = QFontMetrics(self.view.font())
        pad = 16
        # The longest word: a longer state wraps onto a second line.
        words = [w for s in STATE_TEXT for w in state_text(s).split()]
        state = max(metrics.horizontalAdvance(w) for w in words) + pad
        self._widths = {
            QueueModel.PREVIEW: PREVIEW_SIZE + 8,
            QueueModel.STATE: min(state, 130),
            QueueModel.ELAPSED: metrics.horizontalAdvance("00:00") + pad,
            QueueModel.COST: metrics.horizontalAdvance("≈ $0.0000?") + pad,
            QueueModel.ACTIONS: actions_width(metrics, self._buttons),
        }
        header = self.view.horizontalHeader()
        header.setMinimumSectionSize(24)
        header.setStretchLastSection(False)
        for column, width in self._widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.view.setColumnWidth(column, width)
        header.setSectionResizeMode(QueueModel.PROMPT, QHeaderView.ResizeMode.Stretch)
        line = metrics.lineSpacing()
        # Three lines in the job cell: prompt, model, reason.
        self.view.verticalHeader().setDefaultSectionSize(max(PREVIEW_SIZE + 6, 3 * line + 8))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Give up the preview, then the time, before the job column gets too narrow."""
        frame = 2 * self.view.frameWidth()
        scrollbar = self.view.verticalScrollBar().sizeHint().width()
        room = self.width() - frame - scrollbar
        fixed = sum(self._widths.values())
        optional = (QueueModel.PREVIEW, QueueModel.ELAPSED)
        for column in optional:
            self.view.setColumnHidden(column, False)
        for column in optional:
            if room - fixed >= MIN_JOB_WIDTH:
                break
            self.view.setColumnHidden(column, True)
            fixed -= self._widths[column]

    def _fit_actions(self) -> None:
        """The actions column as wide as the row with the most buttons needs (most rows
        have one: Cancel or Open), so the job column keeps the rest."""
        model = self.model
        most = max(
            (
                len(model.index(r, QueueModel.ACTIONS).data(ACTIONS_ROLE) or [])
                for r in range(model.rowCount())
            ),
            default=1,
        )
        most = max(1, min(MAX_BUTTONS, most))
        if most != self._buttons:
            self._buttons = most
            width = actions_width(QFontMetrics(self.view.font()), most)
            self._widths[QueueModel.ACTIONS] = width
            self.view.setColumnWidth(QueueModel.ACTIONS, width)
            self._fit_columns()

    def _update_empty(self) -> None:
        has_jobs = self.model.rowCount() > 0
        self._fit_actions()
        self.empty.setVisible(not has_jobs)
        self.view.setVisible(has_jobs)
        self._update_summary()
        self._show_details(self.view.currentIndex())

    def _on_data_changed(self, top: QModelIndex, bottom: QModelIndex) -> None:
        if bottom.column() == QueueModel.ACTIONS:  # a whole row changed, not a tick
            self._fit_actions()
            self._update_summary()
        if top.row() == self.view.currentIndex().row():
            self._show_details(self.view.currentIndex())

    def _update_summary(self) -> None:
        jobs = self.model.jobs()
        elsewhere = [j for j in jobs if self.model.waits_for(j) is not None]
        here = [j for j in jobs if self.model.waits_for(j) is None]
        running = sum(1 for j in here if j.state.active)
        waiting = sum(1 for j in here if not j.state.finished and not j.state.active)
        finished = self.model.finished_count()
        parts = []
        if running:
            parts.append(self.tr("{n} running").format(n=running))
        if waiting:
            parts.append(self.tr("{n} waiting").format(n=waiting))
        if elsewhere:
            parts.append(self.tr("{n} for another gateway").format(n=len(elsewhere)))
        parts.append(self.tr("{n} finished").format(n=sum(1 for j in jobs if j.state.finished)))
        self.summary.setText(self.tr("Queue: {parts}").format(parts=" · ".join(parts)))
        self.clear_finished.setEnabled(finished > 0)

    def _show_details(self, index: QModelIndex) -> None:
        """The selected job's whole reason, as text that can be selected and copied."""
        job = self.model.job(index.row()) if index.isValid() else None
        reason = self.model.reason(job) if job is not None else None
        if job is not None and reason:
            self.details.setText(
                self.tr("{model}, {state}: {reason}").format(
                    model=job.model, state=state_text(job.state), reason=reason
                )
            )
        self.details.setVisible(bool(reason) and self.view.isVisible())

    # -- feeding ---------------------------------------------------------------

    def set_jobs(self, jobs: list[Job], gateway: str | None = None) -> None:
        """Jobs newest first; `gateway`: the identity of the gateway the queue runs on, so
        the rows of jobs made for another one say which gateway they wait for."""
        self.model.gateway = gateway
        self.model.set_jobs(jobs)

    def apply(self, event: JobEvent) -> None:
        if event.kind == "queue_paused":
            self.banner.show_reason(event.message or self.tr("new jobs are on hold."), event.code)
        elif event.kind == "queue_resumed":
            self.banner.show_reason(None)
        else:
            self.model.apply(event)

    def clear(self) -> None:
        """Hide finished jobs and batches from the list (their records stay)."""
        mark = self.model.clear_finished()
        if mark is not None:
            self.cleared.emit(mark)

    # -- actions -----------------------------------------------------------------

    def _on_action(self, action: str, row: int) -> None:
        group = self.model.group(row)
        if group is not None:
            if action == "cancel":
                for member in group.jobs:
                    if member.can_cancel:
                        self.cancel_requested.emit(member.id)
            elif action == "open":  # a batch opens as its compare board
                self.board_requested.emit(group.batch_id)
            return
        job = self.model.job(row)
        if job is None:
            return
        if action == "cancel" and job.can_cancel:
            self.cancel_requested.emit(job.id)
        elif action == "retry" and job.can_retry:
            self.retry_requested.emit(job.id)
        elif action == "check" and job.can_check:
            self.check_requested.emit(job.id)
        elif action == "open" and job.image_ids:
            self.open_requested.emit(job.id)

    def _context_menu(self, pos: QPoint) -> None:
        """A batch's rows offer its compare board ("Open board")."""
        index = self.view.indexAt(pos)
        group = self.model.group_of(index.row()) if index.isValid() else None
        if group is None:
            return
        menu = QMenu(self.view)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        board = menu.addAction(self.tr("Open board"))
        board.triggered.connect(lambda _c=False, b=group.batch_id: self.board_requested.emit(b))
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def selected_job(self) -> Job | None:
        index = self.view.currentIndex()
        return self.model.job(index.row()) if index.isValid() else None

    def select_job(self, job_id: str) -> None:
        row = self.model.row_of(job_id)
        if row is not None:
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row, QueueModel.PROMPT),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def act_on_selected(self, action: str) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self._on_action(action, index.row())
