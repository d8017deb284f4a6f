"""Keeps the open compare boards: one per batch, opened when a comparison is sent and
again from the queue's group row ("Open") or the gallery ("Open Compare Board"), fed
with the queue's events, and wired to the window's image actions (favourite and rating
through the undo history, reference, edit, vary, upscale) and its gallery ("Show in
gallery" searches group:ID)."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ...library import LibraryError
from ..tasks import run_in_thread
from .board import CompareBoard

if TYPE_CHECKING:
    from ...jobs import Job, JobEvent
    from ...jobs.store import JobStore
    from ...library import Library
    from ..gallery.panel import GalleryPanel
    from ..image_actions import ImageActions
    from ..services import Services


class BoardKeeper(QObject):
    open_image = Signal(int)  # the viewer shows this image
    status = Signal(str)

    def __init__(self, services: Services, window: QWidget) -> None:
        super().__init__(window)
        self.services = services
        self.window = window
        self.boards: list[CompareBoard] = []
        self.image_actions: ImageActions | None = None
        self.gallery: GalleryPanel | None = None

    def attach(self, gallery: GalleryPanel, image_actions: ImageActions | None) -> None:
        """The window's gallery and image actions, once they exist."""
        self.gallery = gallery
        self.image_actions = image_actions
        gallery.actions.group_of = self.group_of
        gallery.actions.compare_board_requested.connect(self.open_batch)

    # -- opening ------------------------------------------------------------------------

    def show_jobs(self, jobs: list[Job]) -> CompareBoard | None:
        """The board of these jobs' batch: brought forward if open, else made."""
        library = self.services.library
        if not jobs or library is None:
            return None
        batch_id = jobs[0].batch_id or jobs[0].id
        for board in self.boards:
            if board.batch_id == batch_id:
                known = {j.id for j in board.jobs()}
                for job in jobs:
                    if job.id not in known:
                        board.add_job(job)
                board.show()
                board.raise_()
                board.activateWindow()
                return board
        board = CompareBoard(library, jobs, self.window)
        self._wire(board)
        self.boards.append(board)
        board.show()
        return board

    def open_batch(self, batch_id: str) -> None:
        """Open the board of a batch from its records (the queue row, the gallery)."""
        store = self._store()
        if store is None:
            return

        def done(jobs: list[Job]) -> None:
            if jobs:
                self.show_jobs(jobs)
            else:
                self.status.emit(self.tr("That comparison's jobs are no longer recorded."))

        run_in_thread(lambda: store.batch(batch_id), done, self._failed, owner=self)

    def group_of(self, image_id: int) -> str | None:
        """The batch whose job made `image_id` (None: none, or not made by a batch).
        Two indexed reads: quick enough for building a context menu."""
        library = self.services.library
        if library is None:
            return None
        try:
            with library.database.read("find the image's comparison") as conn:
                row = conn.execute(
                    "SELECT j.batch_id FROM images i JOIN jobs j ON j.id = i.job_id WHERE i.id = ?",
                    (image_id,),
                ).fetchone()
        except (LibraryError, sqlite3.Error):
            return None  # no jobs recorded in this library yet
        return str(row[0]) if row and row[0] else None

    def _store(self) -> JobStore | None:
        queue = self.services.queue
        if queue is not None:
            return queue.store
        library = self.services.library
        if library is None:
            return None
        from ...jobs.store import JobStore

        return JobStore(library.database)  # offline: the records are in the library

    # -- feeding ------------------------------------------------------------------------

    def apply(self, event: JobEvent) -> None:
        for board in list(self.boards):
            board.apply(event)

    def close_all(self) -> None:
        for board in list(self.boards):
            board.close()

    # -- a board's requests -------------------------------------------------------------

    def _wire(self, board: CompareBoard) -> None:
        board.finished.connect(lambda _r, b=board: self._drop(b))
        board.open_image.connect(self.open_image)
        board.status.connect(self.status)
        board.favourite_requested.connect(self._favourite)
        board.rate_requested.connect(self._rate)
        board.image_action.connect(self._image_action)
        board.show_in_gallery.connect(self.show_in_gallery)

    def _drop(self, board: CompareBoard) -> None:
        if board in self.boards:
            self.boards.remove(board)
        board.deleteLater()

    def _favourite(self, image_id: int, value: bool) -> None:
        if self.image_actions is not None:
            self.image_actions.set_favourite(image_id, value)  # undoable (Edit menu)
            return
        library = self._library()
        if library is not None:
            run_in_thread(lambda: library.set_favourite([image_id], value), None, self._failed)

    def _rate(self, image_id: int, stars: int) -> None:
        if self.image_actions is not None:
            self.image_actions.rate(image_id, stars)
            return
        library = self._library()
        if library is not None:
            run_in_thread(lambda: library.set_rating([image_id], stars), None, self._failed)

    def _image_action(self, name: str, image_id: int) -> None:
        if self.image_actions is None or not self.image_actions.run(name, [image_id]):
            self.status.emit(self.tr("That action is not available here yet."))

    def show_in_gallery(self, batch_id: str) -> None:
        if self.gallery is not None:
            self.gallery.set_query(f"group:{batch_id}")
            self.window.activateWindow()

    def _library(self) -> Library | None:
        return self.services.library

    def _failed(self, error: Exception) -> None:
        self.status.emit(str(error))
