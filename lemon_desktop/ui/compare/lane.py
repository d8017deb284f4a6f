"""One model on the compare board: what it was sent, how its jobs stand, what they cost
and took, and a cell for each image it makes. A model asked for several images ("draw
many, pick one") gets a cell for each, side by side."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from .cell import ImageCell
from .facts import lane_cost_and_time, lane_state, settings_text, wanted_images

if TYPE_CHECKING:
    from ...jobs import Job


class ModelLane(QFrame):
    def __init__(self, model: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareLane")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.model = model
        self.jobs: list[Job] = []
        self.cells: list[ImageCell] = []
        self._box = QSize(240, 240)
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setText(model)
        # What this model was sent, after the compare rule put the settings in its terms.
        self.settings = QLabel(self)
        self.settings.setObjectName("compareSettings")
        self.settings.setWordWrap(True)
        self.settings.setTextFormat(Qt.TextFormat.PlainText)
        self.state = QLabel(self)
        self.state.setObjectName("compareState")
        self.state.setWordWrap(True)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.cost = QLabel(self)
        self.cost.setObjectName("compareCost")
        self.cost.setToolTip(self.tr("What this model's jobs cost, and how long they took"))
        facts = QHBoxLayout()
        facts.setContentsMargins(0, 0, 0, 0)
        facts.addWidget(self.state, 1)
        facts.addWidget(self.cost, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(6)
        self.row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.settings)
        layout.addLayout(facts)
        layout.addLayout(self.row)
        layout.addStretch(1)

    # -- jobs -------------------------------------------------------------------------

    def add_job(self, job: Job) -> None:
        """A job of this model (the first, or another of the batch, e.g. a retry)."""
        if all(j.id != job.id for j in self.jobs):
            self.jobs.append(job)
            self.jobs.sort(key=lambda j: j.created)
        self.update_job(job)

    def update_job(self, job: Job) -> None:
        self.jobs = [job if j.id == job.id else j for j in self.jobs]
        self.settings.setText(settings_text(self.jobs[-1]))
        self.state.setText(lane_state(self.jobs))
        self.refresh_time()
        self._make_room()

    def refresh_time(self) -> None:
        if self.jobs:
            self.cost.setText(lane_cost_and_time(self.jobs))

    @property
    def finished(self) -> bool:
        return all(j.state.finished for j in self.jobs)

    def image_ids(self) -> list[int]:
        return [i for j in self.jobs for i in j.image_ids]

    def wanted(self) -> int:
        """Cells to keep: one per image asked for by a job still going, plus every
        image stored (a failed job's empty cell goes once another job has images)."""
        stored = len(self.image_ids())
        waiting = sum(
            wanted_images(j) - len(j.image_ids) for j in self.jobs if not j.state.finished
        )
        cells = stored + max(0, waiting)
        return cells if cells else 1  # a lane always shows at least its state

    # -- cells --------------------------------------------------------------------------

    def _make_room(self) -> None:
        while len(self.cells) < self.wanted():
            cell = ImageCell(self)
            cell.set_box(self._box)
            self.row.insertWidget(len(self.cells), cell)
            self.cells.append(cell)
        while len(self.cells) > self.wanted() and self.cells[-1].image_id is None:
            self.cells.pop().deleteLater()
        for cell in self.cells:
            if cell.image_id is None:
                cell.set_waiting(lane_state(self.jobs))

    def cell_for(self, image_id: int) -> ImageCell:
        """The cell showing `image_id`, or the first free one (made when none is)."""
        for cell in self.cells:
            if cell.image_id == image_id:
                return cell
        for cell in self.cells:
            if cell.image_id is None:
                cell.image_id = image_id
                return cell
        cell = ImageCell(self)
        cell.set_box(self._box)
        cell.image_id = image_id
        self.row.insertWidget(len(self.cells), cell)
        self.cells.append(cell)
        return cell

    def set_box(self, size: QSize) -> None:
        self._box = size
        for cell in self.cells:
            cell.set_box(size)
