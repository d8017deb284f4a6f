"""The queue panel: a paused-queue banner and the job table with its actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from ...jobs.records import Job, JobEvent
from .delegate import QueueDelegate
from .model import PREVIEW_SIZE, QueueModel


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
    resume_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = PausedBanner(self)
        self.model = QueueModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("queueView")
        self.view.setModel(self.model)
        self.delegate = QueueDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(PREVIEW_SIZE + 6)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(QueueModel.PROMPT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(QueueModel.STATE, QHeaderView.ResizeMode.Interactive)
        widths = {
            QueueModel.PREVIEW: PREVIEW_SIZE + 8,
            QueueModel.MODEL: 130,
            QueueModel.STATE: 170,
            QueueModel.PROGRESS: 110,
            QueueModel.ELAPSED: 56,
            QueueModel.COST: 70,
            QueueModel.ACTIONS: 210,
        }
        for column, width in widths.items():
            self.view.setColumnWidth(column, width)
        self.view.setIconSize(QSize(PREVIEW_SIZE, PREVIEW_SIZE))
        self.empty = QLabel(self.tr("No jobs yet. Write a prompt and press Ctrl+Enter."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("queueEmpty")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        self.delegate.action_clicked.connect(self._on_action)
        self.view.doubleClicked.connect(lambda index: self._on_action("open", index.row()))
        self.banner.resume_clicked.connect(self.resume_requested)
        self.banner.send_anyway_clicked.connect(self.send_anyway_requested)
        self.model.rowsInserted.connect(self._update_empty)
        self.model.modelReset.connect(self._update_empty)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self.model.tick)
        self._ticker.start()
        self._update_empty()

    def _update_empty(self) -> None:
        has_jobs = self.model.rowCount() > 0
        self.empty.setVisible(not has_jobs)
        self.view.setVisible(has_jobs)

    # -- feeding ---------------------------------------------------------------

    def set_jobs(self, jobs: list[Job]) -> None:
        self.model.set_jobs(jobs)

    def apply(self, event: JobEvent) -> None:
        if event.kind == "queue_paused":
            self.banner.show_reason(event.message or self.tr("new jobs are on hold."), event.code)
        elif event.kind == "queue_resumed":
            self.banner.show_reason(None)
        else:
            self.model.apply(event)

    # -- actions -----------------------------------------------------------------

    def _on_action(self, action: str, row: int) -> None:
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

    def selected_job(self) -> Job | None:
        index = self.view.currentIndex()
        return self.model.job(index.row()) if index.isValid() else None

    def select_job(self, job_id: str) -> None:
        row = self.model.row_of(job_id)
        if row is not None:
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row, QueueModel.MODEL),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def act_on_selected(self, action: str) -> None:
        job = self.selected_job()
        if job is not None:
            row = self.model.row_of(job.id)
            if row is not None:
                self._on_action(action, row)
