"""The stage: the picture in the middle of the window and everything around it.

It shows one image at a time (`show_image`), or follows a job the person just started
(`follow_job`): the job's state and elapsed time over the picture, its streamed
previews growing in place, then its first result, the composite first for an edit with
a mask. Reading and decoding never happen on the GUI thread (facts.read_facts,
decode.decode_levels); a request overtaken by a newer one is dropped when it arrives.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from ...jobs import Job, JobEvent, JobStore
from ...library import Library, LibraryError
from ..image_actions import MAKE_ACTIONS, ImageActions
from ..shortcuts import RATINGS, Context, match
from ..tasks import run_in_thread
from ..thumbnail_loader import ThumbnailLoader
from .action_bar import StageActionBar
from .decode import decode_bytes, decode_levels
from .details import StageDetails
from .facts import StageFacts, read_facts
from .filmstrip import Filmstrip
from .mask import MaskProblem, png_bytes
from .mask_painter import MaskBar, MaskPainter
from .overlay import JobOverlay
from .wipe import WipeBar, WipeLayer

Preview = Callable[[int], QPixmap | None]
_OVERLAY_AFTER_DONE_MS = 6000  # the final state stays over the result this long


class StagePanel(QWidget):
    image_shown = Signal(int)  # the image now on the stage (decoded or not)
    preview_shown = Signal()  # a streamed preview of the followed job is on the stage
    status_message = Signal(str)
    full_screen_requested = Signal(int)

    def __init__(
        self,
        library: Library,
        thumbnails: ThumbnailLoader | None,
        image_actions: ImageActions,
        home: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("stage")
        self._library = library
        self._home = home
        self.image_actions = image_actions
        self.preview: Preview | None = None  # an in-memory thumbnail to show first
        self._store: JobStore | None = None
        self._facts: StageFacts | None = None
        self._current: int | None = None
        self._job_id: str | None = None
        self._generation = itertools.count()
        self._token = 0
        self._edit_source: int | None = None

        from .stage_view import StageCanvas

        self.canvas = StageCanvas(self)
        # Placed where it hides none of the picture, or the least of it (overlay.py).
        self.overlay = JobOverlay(self.canvas, self.canvas.image_rect)
        self.bar = StageActionBar(image_actions, self.current_ids, self)
        self.painter = MaskPainter(self.canvas, self)
        self.mask_bar = MaskBar(self.painter, self)
        self.mask_bar.hide()
        self.wipe = WipeLayer(self.canvas, self)
        self.wipe_bar = WipeBar(self.canvas, self)
        self.wipe_bar.hide()
        self.details = StageDetails(self)
        self.details.hide()
        self.filmstrip = Filmstrip(library, thumbnails, image_actions)
        self.filmstrip.hide()
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("stageSplitter")
        self.splitter.addWidget(self.canvas)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setCollapsible(0, False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for widget in (self.bar, self.mask_bar, self.wipe_bar):
            layout.addWidget(widget)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.filmstrip)
        self._hide_overlay = QTimer(self, singleShot=True, interval=_OVERLAY_AFTER_DONE_MS)
        self._hide_overlay.timeout.connect(self.overlay.hide)
        self._wire()
        self.canvas.installEventFilter(self)

    def _wire(self) -> None:
        self.canvas.zoom_changed.connect(self.bar.show_zoom)
        self.canvas.zoom_changed.connect(lambda _scale: self.overlay.place())
        self.bar.fit.triggered.connect(lambda _c=False: self.canvas.fit())
        self.bar.actual.triggered.connect(lambda _c=False: self.canvas.actual_size())
        self.bar.details.toggled.connect(self._show_details)
        self.bar.full_screen.triggered.connect(self._full_screen)
        self.bar.favourite_toggled.connect(self._set_favourite)
        self.bar.rated.connect(self.rate)
        self.details.favourite_toggled.connect(self._set_favourite)
        self.details.rated.connect(self.rate)
        self.details.tags_edited.connect(self._tags)
        self.details.image_requested.connect(self.show_image)
        self.filmstrip.chosen.connect(self.show_image)
        self.image_actions.edit_requested.connect(self.begin_edit)
        self.mask_bar.finished.connect(self.finish_mask)
        self.mask_bar.cancelled.connect(self.end_edit)
        self.mask_bar.reuse_requested.connect(self.reuse_mask)
        self.wipe_bar.version_chosen.connect(self._show_version)
        self.wipe_bar.wipe_toggled.connect(self._toggle_wipe)
        self.wipe_bar.position_changed.connect(self.wipe.set_position)
        self.wipe.moved.connect(self.wipe_bar.set_position)
        self._unsubscribe = self._library.add_listener(self._library_changed_any_thread)
        self.destroyed.connect(self._unsubscribe)
        self._library_changed.connect(self._on_library_changed, Qt.ConnectionType.QueuedConnection)

    _library_changed = Signal(str, list)

    # -- what is shown ---------------------------------------------------------------------

    @property
    def current_id(self) -> int | None:
        return self._current

    @property
    def facts(self) -> StageFacts | None:
        return self._facts

    @property
    def following(self) -> str | None:
        """The id of the job the stage follows, if any."""
        return self._job_id

    def current_ids(self) -> list[int]:
        return [] if self._current is None else [self._current]

    def show_image(self, image_id: int, *, prefer_composite: bool = False) -> None:
        """Show `image_id`: its thumbnail at once when one is in memory, its details and
        filmstrip when read, the picture when decoded."""
        if self._job_id is not None and not self._in_followed_job(image_id):
            self._unfollow()
        if self.painter.active and image_id != self._edit_source:
            self.end_edit()
        self._show(image_id, prefer_composite=prefer_composite, stand_in=True)

    def show_latest(self) -> None:
        """The newest image in the library, if there is one (at start-up)."""
        library = self._library

        def done(rows: list[int]) -> None:
            if rows and self._current is None and self._job_id is None:
                self.show_image(rows[0])

        run_in_thread(
            lambda: [row.id for row in library.search("", limit=1)], done, None, owner=self
        )

    def _show(self, image_id: int, *, prefer_composite: bool, stand_in: bool) -> None:
        self._current = image_id
        self._token = token = next(self._generation)
        # Shown once the facts say how large the picture is (a few ms): fit never
        # enlarges, so a thumbnail laid out at its own size would show tiny.
        thumb = self.preview(image_id) if stand_in and self.preview is not None else None
        library = self._library
        store = self._job_store

        def read() -> StageFacts:
            return read_facts(library, store(), image_id)

        run_in_thread(
            read,
            lambda facts: self._facts_read(token, facts, prefer_composite, thumb),
            lambda exc: self._failed(token, exc),
            owner=self,
        )
        self.image_shown.emit(image_id)

    def _job_store(self) -> JobStore:
        # Made on a worker on first use: it makes sure the jobs tables exist.
        if self._store is None:
            self._store = JobStore(self._library.database)
        return self._store

    def _facts_read(
        self, token: int, facts: StageFacts, prefer_composite: bool, thumb: QPixmap | None
    ) -> None:
        if token != self._token:
            return
        outcome = facts.outcome
        if (
            prefer_composite
            and outcome is not None
            and outcome.composite_id is not None
            and facts.record.id == outcome.raw_id
        ):
            self._show(outcome.composite_id, prefer_composite=False, stand_in=False)
            return
        self._facts = facts
        record = facts.record
        if thumb is not None:
            self.canvas.show_stand_in(thumb, QSize(record.width, record.height))
        self.details.show_record(record, facts.parents, facts.children)
        self.bar.show_marks(record.favourite, record.rating)
        self.bar.set_enabled(True)
        self.filmstrip.set_items(facts.strip, facts.strip_index(record.id))
        self._show_outcome()
        self.mask_bar.reuse.setEnabled(facts.mask_id is not None)
        path = record.path
        run_in_thread(
            lambda: decode_levels(path),
            lambda levels: self._decoded(token, levels, path),
            lambda exc: self._failed(token, exc),
            owner=self,
        )

    def _decoded(self, token: int, levels: list[QImage], path: Path) -> None:
        if token == self._token:
            self.canvas.set_levels(levels, path)

    def _failed(self, token: int, exc: Exception) -> None:
        if token == self._token:
            self.status_message.emit(
                self.tr("Could not show the image: %1").replace("%1", str(exc))
            )

    def _show_outcome(self) -> None:
        facts = self._facts
        outcome = facts.outcome if facts is not None else None
        if outcome is None or facts is None or self.painter.active:
            self.wipe_bar.hide()
            if self.wipe.active:
                self.wipe_bar.wipe.setChecked(False)
            return
        self.wipe_bar.show_outcome(outcome, facts.record.id)
        self.wipe_bar.show()

    def _show_version(self, name: str) -> None:
        outcome = self._facts.outcome if self._facts is not None else None
        if outcome is None:
            return
        target = {
            "composite": outcome.composite_id,
            "raw": outcome.raw_id,
            "heatmap": outcome.change_map_id,
        }.get(name)
        if target is not None and target != self._current:
            # No stand-in: the view stays where it is until the other version is decoded.
            self._show(target, prefer_composite=False, stand_in=False)

    def _toggle_wipe(self, on: bool) -> None:
        outcome = self._facts.outcome if self._facts is not None else None
        if not on or outcome is None or outcome.original_id is None:
            self.wipe.stop()
            return
        self.wipe.start()
        original = outcome.original_id
        library = self._library

        def read() -> list[QImage]:
            return decode_levels(library.get(original).path)

        def done(levels: list[QImage]) -> None:
            self.wipe.before = levels
            self.canvas.update()

        run_in_thread(read, done, lambda exc: self.status_message.emit(str(exc)), owner=self)

    # -- following a job --------------------------------------------------------------------

    def follow_job(self, job: Job) -> None:
        """The person just started `job`: its state over the picture, then its result."""
        self._job_id = job.id
        self._hide_overlay.stop()
        self.overlay.follow(job)

    def apply(self, event: JobEvent) -> None:
        """A job event (JobController passes every one); only the followed job's count."""
        job = event.job
        if job is None or job.id != self._job_id:
            return
        self.overlay.follow(job)
        if event.kind == "preview" and event.preview is not None:
            self._show_preview(job.id, event.preview)
        elif event.kind == "image_stored" and event.image_id is not None:
            if self._current is None or not self._in_followed_job(self._current):
                self._show(event.image_id, prefer_composite=True, stand_in=False)
            elif self._current is not None:
                self._refresh_facts()  # a later image of the batch: the filmstrip grows
        if job.state.finished:
            self._hide_overlay.start()
            if job.error:
                self.overlay.setToolTip(job.error)

    def _show_preview(self, job_id: str, data: bytes) -> None:
        def done(image: QImage) -> None:
            if job_id != self._job_id or image.isNull() or self._showing_result():
                return
            if self._current is not None:
                # The picture on the stage is now the job's: nothing to act on until
                # its result is stored.
                self._current = None
                self._facts = None
                self._token = next(self._generation)
                self.bar.set_enabled(False)
                self.details.show_record(None)
                self.filmstrip.set_items((), None)
                self.wipe_bar.hide()
            self.canvas.show_partial(image)
            self.overlay.preview_arrived()
            self.preview_shown.emit()

        run_in_thread(lambda: decode_bytes(data), done, None, owner=self)

    def _showing_result(self) -> bool:
        return self._current is not None and self._in_followed_job(self._current)

    def _in_followed_job(self, image_id: int) -> bool:
        facts = self._facts
        if facts is None or facts.job is None or facts.job.id != self._job_id:
            return False
        return facts.strip_index(image_id) is not None

    def _unfollow(self) -> None:
        self._job_id = None
        self._hide_overlay.stop()
        self.overlay.follow(None)

    def _refresh_facts(self) -> None:
        if self._current is not None:
            token = self._token
            library, store, image_id = self._library, self._job_store, self._current

            def done(facts: StageFacts) -> None:
                if token == self._token:
                    self._facts = facts
                    self.filmstrip.set_items(facts.strip, facts.strip_index(image_id))
                    self._show_outcome()

            run_in_thread(lambda: read_facts(library, store(), image_id), done, None, owner=self)

    # -- the mask painter ------------------------------------------------------------------

    def begin_edit(self, image_id: int) -> None:
        """Paint a mask over `image_id` (shown first when it is not on the stage)."""
        if self._current != image_id:
            self.show_image(image_id)
        self._edit_source = image_id
        self.wipe_bar.wipe.setChecked(False)

        def start() -> None:
            facts = self._facts
            if facts is None or facts.record.id != image_id or self._edit_source != image_id:
                return
            self.painter.start(QSize(facts.record.width, facts.record.height))
            self.mask_bar.reuse.setEnabled(facts.mask_id is not None)
            self.mask_bar.show()
            self.wipe_bar.hide()
            self.canvas.setFocus(Qt.FocusReason.OtherFocusReason)

        if self._facts is not None and self._facts.record.id == image_id:
            start()
        else:
            self._after_facts(image_id, start)

    def _after_facts(self, image_id: int, then: Callable[[], None]) -> None:
        # The facts are on their way: wait for them (a few ms) without a nested loop.
        def check(tries: int = 0) -> None:
            if self._facts is not None and self._facts.record.id == image_id:
                then()
            elif tries < 250 and self._current == image_id:
                QTimer.singleShot(20, self, lambda: check(tries + 1))

        check()

    def end_edit(self) -> None:
        self.painter.stop()
        self.mask_bar.hide()
        self._edit_source = None
        self._show_outcome()

    def reuse_mask(self) -> None:
        """Re-prompt the same area: the mask this image was made with, painted again."""
        facts, document = self._facts, self.painter.document
        if facts is None or facts.mask_id is None or document is None:
            return
        library, mask_id = self._library, facts.mask_id

        def done(data: bytes) -> None:
            if self.painter.document is document:
                try:
                    document.load_png(data)
                except MaskProblem as exc:
                    self.status_message.emit(str(exc))

        run_in_thread(
            lambda: library.get(mask_id).path.read_bytes(),
            done,
            lambda exc: self.status_message.emit(str(exc)),
            owner=self,
        )

    def finish_mask(self) -> None:
        """Write the mask as the route needs it (off the GUI thread) and hand it over."""
        document, source = self.painter.document, self._edit_source
        if document is None or source is None:
            return
        coverage = document.snapshot()
        folder = self._home / "masks"

        def write() -> str:
            data = png_bytes(coverage)
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{hashlib.sha256(data).hexdigest()}.png"
            if not path.exists():
                path.write_bytes(data)
            return str(path)

        def done(path: str) -> None:
            self.mask_path = path
            self.image_actions.use_mask(source, path)
            self.end_edit()

        def failed(exc: Exception) -> None:
            self.status_message.emit(str(exc))

        run_in_thread(write, done, failed, owner=self)

    mask_path: str | None = None  # the last mask handed over (tests read it)

    # -- marks -----------------------------------------------------------------------------

    def _set_favourite(self, value: bool) -> None:
        if self._current is not None:
            self.image_actions.set_favourite(self._current, value)

    def rate(self, stars: int) -> None:
        if self._current is not None:
            self.image_actions.rate(self._current, stars)

    def toggle_favourite(self) -> None:
        if self._facts is not None:
            self._set_favourite(not self._facts.record.favourite)

    def _tags(self, added: list[str], removed: list[str]) -> None:
        if self._current is not None:
            self.image_actions.set_tags(self._current, added, removed)

    def _library_changed_any_thread(self, event: str, ids: list[int]) -> None:
        with contextlib.suppress(RuntimeError):  # the stage is gone; the library outlives it
            self._library_changed.emit(event, list(ids))

    def _on_library_changed(self, event: str, ids: list[int]) -> None:
        if self._current is None or self._current not in ids:
            return
        if event in ("changed", "trashed", "restored"):
            self._refresh_record()

    def _refresh_record(self) -> None:
        image_id, token = self._current, self._token
        if image_id is None or self._facts is None:
            return
        library = self._library

        def done(facts: StageFacts) -> None:
            if token == self._token and self._current == image_id:
                self._facts = facts
                self.details.show_record(facts.record, facts.parents, facts.children)
                self.bar.show_marks(facts.record.favourite, facts.record.rating)

        def read() -> StageFacts:
            return read_facts(library, self._job_store(), image_id)

        def failed(exc: Exception) -> None:
            if isinstance(exc, LibraryError):
                self.status_message.emit(str(exc))

        run_in_thread(read, done, failed, owner=self)

    # -- moving and keys ---------------------------------------------------------------------

    def step(self, offset: int) -> bool:
        """Move through the filmstrip (Left/Right)."""
        facts = self._facts
        if facts is None or self._current is None:
            return False
        index = facts.strip_index(self._current)
        if index is None:
            return False
        target = index + offset
        if not 0 <= target < len(facts.strip):
            return False
        self.show_image(facts.strip[target].shown_id)
        return True

    def _show_details(self, on: bool) -> None:
        self.details.setVisible(on)
        if on:
            # A third of the stage, from 240 to 360 pixels: paths wrap over few lines.
            total = sum(self.splitter.sizes())
            side = max(240, min(360, total // 3))
            self.splitter.setSizes([max(0, total - side), side])

    def _full_screen(self) -> None:
        if self._current is not None:
            self.full_screen_requested.emit(self._current)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.canvas and event.type() == QEvent.Type.Resize:
            self.wipe_bar.place_figure()
            self.overlay.place()
        # While a mask is painted, Ctrl+Z undoes a stroke, not the window's last rating.
        if (
            watched is self.canvas
            and event.type() == QEvent.Type.ShortcutOverride
            and self.painter.active
            and isinstance(event, QKeyEvent)
            and match(Context.VIEWER, event) in ("undo", "redo", "viewer_close")
        ):
            event.accept()
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        name = match(Context.VIEWER, event)
        if name is None or not self._key(name):
            super().keyPressEvent(event)
            return
        event.accept()

    def _key(self, name: str) -> bool:
        document = self.painter.document
        simple: dict[str, Callable[[], object]] = {
            "viewer_next": lambda: self.step(1),
            "viewer_previous": lambda: self.step(-1),
            "viewer_zoom_in": self.canvas.zoom_in,
            "viewer_zoom_out": self.canvas.zoom_out,
            "viewer_fit": self.canvas.fit,
            "viewer_actual_size": self.canvas.actual_size,
            "favourite": self.toggle_favourite,
        }
        if document is not None and name in ("undo", "redo", "viewer_close"):
            if name == "viewer_close":
                self.end_edit()
            else:
                getattr(document, name)()
            return True
        if name in simple:
            simple[name]()
            return True
        if name in RATINGS:
            self.rate(RATINGS.index(name))
            return True
        if name in MAKE_ACTIONS:
            return self.image_actions.run(name, self.current_ids())
        return False
