"""One model on the compare board: what it was sent, how its jobs stand, what they cost
and took, and a cell for each image it makes. A model asked for several images ("draw
many, pick one") gets a cell for each, side by side."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from .cell import ImageCell
from .facts import lane_cost_and_time, lane_state, settings_text, wanted_images
from .layout import HEADER_WIDTH

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
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.cost = QLabel(self)
        self.cost.setObjectName("compareCost")
        self.cost.setToolTip(self.tr("What this model's jobs cost, and how long they took"))
        # The same height whatever the model (settings two lines, state one): the pictures
        # of models side by side start level (the whole text is in the tooltip; a
        # failure's reason also stands in the picture's place).
        lines = QFontMetrics(self.settings.font()).lineSpacing()
        self.settings.setFixedHeight(2 * lines + 2)
        self.state.setFixedHeight(lines + 2)
        self.state.setWordWrap(False)
        for label in (self.settings, self.state):
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            # A long reason is cut at the lane's edge, never widens the lane.
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        facts = QHBoxLayout()
        facts.setContentsMargins(0, 0, 0, 0)
        facts.setSpacing(12)
        facts.addWidget(self.state, 1)
        facts.addWidget(self.cost, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(6)
        self.row.addStretch(1)  # the cells sit centred between two stretches
        self.row.addStretch(1)
        self.header = QWidget(self)
        heading = QVBoxLayout(self.header)
        heading.setContentsMargins(0, 0, 0, 0)
        heading.setSpacing(2)
        heading.addWidget(self.title)
        heading.addWidget(self.settings)
        heading.addLayout(facts)
        heading.addStretch(1)
        self.layout_box = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self.layout_box.setContentsMargins(6, 6, 6, 6)
        self.layout_box.setSpacing(2)
        self.layout_box.addWidget(self.header)
        self.layout_box.addLayout(self.row, 1)

    # -- jobs -------------------------------------------------------------------------

    def add_job(self, job: Job) -> None:
        """A job of this model (the first, or another of the batch, e.g. a retry)."""
        if all(j.id != job.id for j in self.jobs):
            self.jobs.append(job)
            self.jobs.sort(key=lambda j: j.created)
        self.update_job(job)

    def update_job(self, job: Job) -> None:
        self.jobs = [job if j.id == job.id else j for j in self.jobs]
        for label, text in (
            (self.settings, settings_text(self.jobs[-1])),
            (self.state, lane_state(self.jobs)),
        ):
            label.setText(text)
            label.setToolTip(text)
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
            self.row.insertWidget(1 + len(self.cells), cell)
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
        self.row.insertWidget(1 + len(self.cells), cell)
        self.cells.append(cell)
        return cell

    def set_beside(self, beside: bool) -> None:
        """In a grid the lane's words stand left of its row of images, so every model's
        row fits on a laptop screen; side by side they stand above its image."""
        if beside:
            self.layout_box.setDirection(QBoxLayout.Direction.LeftToRight)
            self.layout_box.setSpacing(8)
            self.header.setFixedWidth(HEADER_WIDTH)
            self.row.setStretch(0, 0)  # the images start right after the words
        else:
            self.layout_box.setDirection(QBoxLayout.Direction.TopToBottom)
            self.layout_box.setSpacing(2)
            self.header.setMinimumWidth(0)
            self.header.setMaximumWidth(16777215)
            self.row.setStretch(0, 1)  # centred under the words

    def set_box(self, size: QSize) -> None:
        self._box = size
        for cell in self.cells:
            cell.set_box(size)
