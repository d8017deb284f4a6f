"""The compare board: one prompt sent to several models (one batch), each model's
results side by side with what it was sent, its state, cost and time, and the image
actions on every result. A model that makes several images gets a row of them ("draw
many, pick one"); "Pick" marks the winner and offers to trash the rest.

It is a window of its own, opened when a comparison is sent and again at any time from
the queue's group row or the gallery; it reads everything it shows from the jobs and
the library, so a board opened later looks like the one that watched the jobs run.
"""

from __future__ import annotations

import statistics
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QImage, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...library import ImageRecord, Library
from ..tasks import run_in_thread
from .cell import CHROME_HEIGHT, ImageCell
from .facts import board_summary
from .lane import ModelLane
from .layout import GAP, MIN_BOX, Room, fit_grid, fit_side_by_side
from .pick import PickBar, others
from .picture import load_preview

if TYPE_CHECKING:
    from ...jobs import Job, JobEvent

_ASPECTS = (0.4, 2.5)  # the box's width/height stays in this range


class CompareBoard(QDialog):
    open_image = Signal(int)  # show this image in the viewer
    image_action = Signal(str, int)  # a shortcut-table image action on this image
    favourite_requested = Signal(int, bool)  # through the window's undo history
    rate_requested = Signal(int, int)
    show_in_gallery = Signal(str)  # the batch id: the gallery searches group:ID
    status = Signal(str)
    _library_changed = Signal(str, list)  # hops the library's events to this thread

    def __init__(self, library: Library, jobs: list[Job], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareBoard")
        self.setWindowFlag(Qt.WindowType.Window, True)  # a window of its own, not a sheet
        self.setSizeGripEnabled(True)
        self.library = library
        self.batch_id = jobs[0].batch_id or jobs[0].id
        self.prompt_text = jobs[0].prompt
        self.setWindowTitle(self.tr("Compare: {prompt}").format(prompt=self.prompt_text[:60]))
        self.lanes: dict[str, ModelLane] = {}
        self.picked: int | None = None
        self.trashed: list[int] = []  # what the last "trash the others" moved
        self._aspects: dict[int, float] = {}  # image id -> width / height
        self._loading: set[int] = set()
        self._closed = False
        self._grid_mode = False
        self._columns = len({j.model for j in jobs})  # lanes across; _fit may wrap them
        self._placed_columns = 0
        self._box = QSize(MIN_BOX, MIN_BOX)

        self.prompt = QLabel(self.prompt_text, self)
        self.prompt.setObjectName("comparePrompt")
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt.setWordWrap(True)
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lines = QFontMetrics(self.prompt.font()).lineSpacing()
        self.prompt.setMaximumHeight(3 * lines + 4)  # a long prompt is cut, not the board
        self.summary = QLabel(self)
        self.summary.setObjectName("compareSummary")
        self.gallery_button = QPushButton(self.tr("Show in gallery"), self)
        self.gallery_button.setToolTip(
            self.tr("Show this comparison's images in the gallery (search group:{id})").format(
                id=self.batch_id[:8] + "…"
            )
        )
        self.pick_bar = PickBar(self)
        self.host = QWidget(self)
        self.grid = QGridLayout(self.host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(GAP)
        self.area = QScrollArea(self)
        self.area.setWidgetResizable(True)
        self.area.setWidget(self.host)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.gallery_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addLayout(top)
        layout.addWidget(self.pick_bar)
        layout.addWidget(self.area, 1)

        self.gallery_button.clicked.connect(lambda: self.show_in_gallery.emit(self.batch_id))
        self.pick_bar.trash_clicked.connect(self.trash_others)
        self.pick_bar.undo_clicked.connect(self.undo_trash)
        self._library_changed.connect(self._on_library_change)
        self._unsubscribe = library.add_listener(self._from_library)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._fit_later = QTimer(self)
        self._fit_later.setSingleShot(True)
        self._fit_later.setInterval(0)
        self._fit_later.timeout.connect(self._fit)
        self.finished.connect(self._on_finished)
        for job in jobs:
            self.add_job(job)
        self.resize(self._first_size())

    # -- jobs -----------------------------------------------------------------------------

    def add_job(self, job: Job) -> None:
        lane = self.lanes.get(job.model)
        if lane is None:
            lane = self.lanes[job.model] = ModelLane(job.model, self.host)
            lane.setAccessibleName(self.tr("Results of {model}").format(model=job.model))
        lane.add_job(job)
        self._wire_cells(lane)
        for image_id in job.image_ids:
            self._load(lane, image_id)
        self._arrange()
        self._tick()

    def apply(self, event: JobEvent) -> None:
        """A job event from the queue: this board's jobs only."""
        job = event.job
        if self._closed or job is None or (job.batch_id or job.id) != self.batch_id:
            return
        lane = self.lanes.get(job.model)
        if lane is None or all(j.id != job.id for j in lane.jobs):
            self.add_job(job)  # a job of the batch this board had not seen (a retry)
            return
        lane.update_job(job)
        self._wire_cells(lane)
        if event.kind == "image_stored" and event.image_id is not None:
            self._load(lane, event.image_id)
        for image_id in job.image_ids:
            if all(c.image_id != image_id for c in lane.cells):
                self._load(lane, image_id)
        self._arrange()
        self._tick()

    def jobs(self) -> list[Job]:
        return [j for lane in self.lanes.values() for j in lane.jobs]

    def _tick(self) -> None:
        for lane in self.lanes.values():
            lane.refresh_time()
        self.summary.setText(board_summary(self.jobs(), len(self.lanes)))
        running = any(not lane.finished for lane in self.lanes.values())
        if running and not self._ticker.isActive():
            self._ticker.start()
        elif not running:
            self._ticker.stop()

    # -- images -----------------------------------------------------------------------------

    def _load(self, lane: ModelLane, image_id: int) -> None:
        cell = lane.cell_for(image_id)
        if image_id in self._loading or cell.picture.image is not None:
            return
        self._loading.add(image_id)
        library = self.library

        def read() -> tuple[ImageRecord, QImage]:
            record = library.get(image_id)
            return record, load_preview(record.path)

        def done(result: tuple[ImageRecord, QImage]) -> None:
            self._loading.discard(image_id)
            record, image = result
            cell.set_record(record)
            cell.set_picked(record.id == self.picked)
            if not image.isNull():
                cell.set_image(image_id, image)
            if record.height > 0:
                self._aspects[image_id] = record.width / record.height
            self._fit_later.start()

        def failed(error: Exception) -> None:
            self._loading.discard(image_id)
            self.status.emit(str(error))

        run_in_thread(read, done, failed, owner=self)

    def _from_library(self, event: str, ids: list[int]) -> None:
        # Called on the thread that changed the library: hop to ours first.
        if not self._closed:
            self._library_changed.emit(event, ids)

    def _on_library_change(self, event: str, ids: list[int]) -> None:
        mine = {c.image_id: c for c in self.cells() if c.image_id is not None}
        touched = [i for i in ids if i in mine]
        if not touched or event not in ("changed", "trashed", "restored"):
            return
        library = self.library

        def read() -> list[ImageRecord]:
            return [library.get(i) for i in touched]

        def done(records: list[ImageRecord]) -> None:
            for record in records:
                if record.id in mine:
                    mine[record.id].set_record(record)

        run_in_thread(read, done, lambda exc: self.status.emit(str(exc)), owner=self)

    def cells(self) -> list[ImageCell]:
        return [c for lane in self.lanes.values() for c in lane.cells]

    def shown_images(self) -> dict[str, int | None]:
        """Model -> the latest image whose picture its lane shows (None: not yet)."""
        shown: dict[str, int | None] = {}
        for model, lane in self.lanes.items():
            ids = [c.image_id for c in lane.cells if c.picture.image is not None]
            shown[model] = ids[-1] if ids else None
        return shown

    # -- cells' actions -------------------------------------------------------------------

    def _wire_cells(self, lane: ModelLane) -> None:
        for cell in lane.cells:
            if cell.property("wired"):
                continue
            cell.setProperty("wired", True)
            cell.favourite_clicked.connect(self.favourite_requested)
            cell.rated.connect(self.rate_requested)
            cell.open_clicked.connect(self.open_image)
            cell.action_clicked.connect(self.image_action)
            cell.pick_clicked.connect(self.pick)

    def pick(self, image_id: int) -> None:
        """`image_id` wins: a favourite now; the bar offers to trash the others."""
        self.picked = image_id
        model = ""
        for lane in self.lanes.values():
            for cell in lane.cells:
                cell.set_picked(cell.image_id == image_id)
                if cell.image_id == image_id:
                    model = lane.model
        self.favourite_requested.emit(image_id, True)
        self.pick_bar.picked(model, len(self.losers()))

    def losers(self) -> list[int]:
        """The images that did not win and are not in the trash yet."""
        if self.picked is None:
            return []
        live = [c.image_id for c in self.cells() if c.image_id is not None and not c.deleted]
        return others(self.picked, live)

    def trash_others(self) -> None:
        ids = self.losers()
        if not ids:
            return
        library = self.library

        def done(moved: list[int]) -> None:
            self.trashed = moved
            self.pick_bar.trashed(len(moved))

        run_in_thread(
            lambda: library.delete(ids), done, lambda e: self.status.emit(str(e)), owner=self
        )

    def undo_trash(self) -> None:
        ids = list(self.trashed)
        if not ids:
            return
        library = self.library

        def done(back: list[int]) -> None:
            self.trashed = []
            self.pick_bar.restored(len(back))

        run_in_thread(
            lambda: library.restore(ids), done, lambda e: self.status.emit(str(e)), owner=self
        )

    # -- layout -----------------------------------------------------------------------------

    def _arrange(self) -> None:
        """Models side by side (wrapping into rows) while each makes one image; one row
        per model as soon as any makes several, so a model's images line up for
        choosing."""
        grid_mode = any(lane.wanted() > 1 for lane in self.lanes.values())
        columns = 1 if grid_mode else self._columns
        placed = self.grid.count() == len(self.lanes)
        if not (placed and grid_mode == self._grid_mode and columns == self._placed_columns):
            self._grid_mode, self._placed_columns = grid_mode, columns
            for lane in self.lanes.values():
                self.grid.removeWidget(lane)
            for number, lane in enumerate(self.lanes.values()):
                lane.set_beside(grid_mode)
                row, column = divmod(number, columns)
                self.grid.addWidget(lane, row, column, Qt.AlignmentFlag.AlignTop)
        self._fit_later.start()

    def _aspect(self) -> float:
        """The shape of the box every picture gets: the results' usual shape, so the
        cells line up and 16:9 results are not drawn in square boxes."""
        if not self._aspects:
            return 1.0
        low, high = _ASPECTS
        return min(high, max(low, statistics.median(self._aspects.values())))

    def box_size(self) -> QSize:
        return self._box

    def _fit(self) -> None:
        """The largest pictures that show every model without scrolling, where the
        window allows (layout.py does the arithmetic)."""
        if not self.lanes:
            return
        view = self.area.viewport().size()
        lanes = list(self.lanes.values())
        header = max(lane.sizeHint().height() - lane.row.sizeHint().height() for lane in lanes)
        room = Room(view.width(), view.height(), header, CHROME_HEIGHT)
        aspect = self._aspect()
        if self._grid_mode:
            across = max(len(lane.cells) for lane in lanes)
            fit = fit_grid(room, len(lanes), across, aspect)
        else:
            fit = fit_side_by_side(room, len(lanes), aspect)
        self._box = QSize(fit.box_width, fit.box_height)
        for lane in lanes:
            lane.set_box(self._box)
        if not self._grid_mode and fit.columns != self._columns:
            self._columns = fit.columns
            self._arrange()

    def _first_size(self) -> QSize:
        """Room for every model's first result at a useful size, within the screen."""
        screen = self.screen().availableGeometry() if self.screen() else None
        limit = QSize(1600, 1000) if screen is None else screen.size() * 0.9
        across = max(1, len(self.lanes))
        wanted = QSize(across * 340 + 60, 560)
        return wanted.boundedTo(limit)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_later.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_later.start()

    # -- closing ----------------------------------------------------------------------------

    def _on_finished(self, _result: int) -> None:
        # Loads still in flight must not touch widgets about to be deleted (run_in_thread
        # drops their answers once the board is gone); the library stops calling us.
        self._closed = True
        self._ticker.stop()
        self._unsubscribe()
