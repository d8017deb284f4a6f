"""The image viewer, the stage's full-screen mode: the picture (thumbnail first, full
decode from a worker, drawn from the smallest copy that fills the screen) and its
details with lineage, rating, favourite and tags. The image's record and lineage are
read in a worker too; an answer overtaken by a newer image is dropped."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal, Slot
from PySide6.QtGui import QImage, QImageReader, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lemon_desktop.library import ImageRecord, Library
from lemon_desktop.library.lineage import Relative
from lemon_desktop.library.safefile import read_regular

from ..mark_history import MarkHistory
from ..shortcuts import RATINGS, Context, match, tooltip
from ..tasks import run_in_thread
from .payload import reuse_payload

Order = Callable[[int, int], int | None]  # (id, step) -> id `step` places away, or None
Preview = Callable[[int], QPixmap | None]
Facts = tuple[ImageRecord, list[Relative], list[Relative]]  # the record, parents, children
# The viewer shows one image at a time, so it may decode far bigger ones than thumbnails.
_ALLOCATION_LIMIT_MB = 1024


def decode(path: Path) -> QImage:
    """Blocking full decode (run in a worker); raises OSError with the reader's reason.

    The bytes are read through safefile, not by Qt from the path: a file swapped for
    a FIFO or a link to /dev/zero (in a folder imported in place) would block or
    never end, holding the viewer on its preview for good.
    """
    try:
        data = read_regular(path)
    except OSError as exc:
        raise OSError(f"{path.name} {exc.strerror or exc}") from exc
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setDecideFormatFromContent(True)
    reader.setAutoTransform(True)
    reader.setAllocationLimit(_ALLOCATION_LIMIT_MB)
    image = reader.read()
    if image.isNull():
        raise OSError(f"{path.name}: {reader.errorString()}")
    return image


class ImageViewer(QWidget):
    """A window (or embeddable widget) showing one library image at a time.

    `show_image(id, order)` shows an image; `order(id, step)` returns the id
    `step` places away in the caller's order (GalleryPanel.neighbour), which
    makes the Left/Right keys and the arrow buttons walk the gallery.
    """

    image_changed = Signal(int)
    reuse_requested = Signal(dict)
    status_message = Signal(str)
    _library_event = Signal(str, list)

    def __init__(
        self,
        library: Library,
        parent: QWidget | None = None,
        *,
        history: MarkHistory | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        # The same undo history as the gallery's when the window passes its own.
        self.history = history if history is not None else MarkHistory(self)
        self._order: Order | None = None
        self._preview: Preview | None = None
        self._record: ImageRecord | None = None
        self._current: int | None = None  # the image asked for; its record may be on its way
        self._generation = itertools.count()
        self._token = 0
        # Every read of an image's facts is numbered: one started before a write (the
        # first read, say) may answer after the read the write's event started.
        self._reads = itertools.count(1)
        self._facts_shown = 0
        self.setWindowTitle(self.tr("Image Viewer"))
        self.resize(1100, 720)

        # Imported here: the stage's modules import decode() from this one.
        from ..stage.details import StageDetails
        from ..stage.stage_view import StageCanvas

        self.canvas = StageCanvas(self)
        self.details = StageDetails(self)
        self.details.favourite_toggled.connect(lambda _on: self.toggle_favourite())
        self.details.rated.connect(self.rate)
        self.details.tags_edited.connect(self._tags)
        self.details.image_requested.connect(lambda image_id: self.show_image(image_id))
        self.previous_button = self._button("◀", tooltip("viewer_previous"), self.previous)
        self.next_button = self._button("▶", tooltip("viewer_next"), self.next)
        self.fit_button = self._button(self.tr("Fit"), tooltip("viewer_fit"), self.fit)
        self.actual_button = self._button("100%", tooltip("viewer_actual_size"), self.actual_size)
        self.zoom_out_button = self._button("−", tooltip("viewer_zoom_out"), self.canvas.zoom_out)
        self.zoom_in_button = self._button("+", tooltip("viewer_zoom_in"), self.canvas.zoom_in)
        self.reuse_button = self._button(
            self.tr("Reuse Settings"), self.tr("Fill the generate panel"), self._reuse
        )
        self.zoom_label = QLabel(self)
        # Centred in a width that holds "3200%" (the most), so the gaps to − and + stay equal.
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_label.setMinimumWidth(
            self.zoom_label.fontMetrics().horizontalAdvance("8888%") + 8
        )

        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 4)
        for button in (self.previous_button, self.next_button):
            bar.addWidget(button)
        bar.addStretch(1)
        widget: QWidget
        for widget in (
            self.zoom_out_button,
            self.zoom_label,
            self.zoom_in_button,
            self.fit_button,
            self.actual_button,
            self.reuse_button,
        ):
            bar.addWidget(widget)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.canvas)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([760, 340])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

        # What each viewer key in the shortcut table does.
        self._keys: dict[str, Callable[[], object]] = {
            "viewer_next": self.next,
            "viewer_previous": self.previous,
            "viewer_zoom_in": self.canvas.zoom_in,
            "viewer_zoom_out": self.canvas.zoom_out,
            "viewer_fit": self.fit,
            "viewer_actual_size": self.actual_size,
            "viewer_close": self.close,
            "favourite": self.toggle_favourite,
            "undo": self._undo,
            "redo": self._redo,
        }
        for stars, name in enumerate(RATINGS):
            self._keys[name] = partial(self.rate, stars)
        self.canvas.zoom_changed.connect(self._show_zoom)
        self._library_event.connect(self._on_library_event, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = library.add_listener(self._from_any_thread)
        self.destroyed.connect(self._unsubscribe)
        self._update_buttons()

    def _button(self, text: str, tip: str, slot: Callable[[], object]) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the viewer
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- public API ------------------------------------------------------------------

    @property
    def current_id(self) -> int | None:
        return self._current

    @property
    def record(self) -> ImageRecord | None:
        return self._record

    def show_image(
        self, image_id: int, order: Order | None = None, preview: Preview | None = None
    ) -> bool:
        """Show `image_id`; `order`/`preview` (kept for prev/next) default to the last ones.
        Its details follow from a worker, then the decoded picture."""
        if order is not None:
            self._order = order
        if preview is not None:
            self._preview = preview
        self._current = image_id
        self._token = token = next(self._generation)
        thumb = self._preview(image_id) if self._preview is not None else None
        library, read = self._library, next(self._reads)
        run_in_thread(
            lambda: _read_facts(library, image_id),
            lambda facts: self._facts_read(token, read, facts, thumb),
            lambda exc: self._read_failed(token, exc),
            owner=self,
        )
        self._update_buttons()
        self.image_changed.emit(image_id)
        return True

    @Slot()
    def refresh_buttons(self) -> None:
        """Enable previous/next again: the gallery's rows either side may have arrived
        (connect to GalleryModel.pages_arrived)."""
        self._update_buttons()

    def _facts_read(self, token: int, read: int, facts: Facts, thumb: QPixmap | None) -> None:
        if token != self._token:
            return  # an older request finishing late must not win
        record = facts[0]
        self._show_facts(read, facts)
        self.canvas.show_stand_in(thumb, QSize(record.width, record.height))
        self.canvas.path = record.path
        prompt = (record.prompt or "").strip().splitlines()
        title = prompt[0][:80] if prompt else record.path.name
        self.setWindowTitle(self.tr("%1 — Image Viewer").replace("%1", title))
        path = record.path
        from ..stage.decode import decode_levels

        run_in_thread(
            lambda: decode_levels(path),
            lambda levels: self._decoded(token, levels),
            lambda exc: self._decode_failed(token, exc),
            owner=self,
        )

    def _show_facts(self, read: int, facts: Facts) -> None:
        """Show the record and lineage of the current image, unless a later read's are
        shown already (favourite and rating change while a read is on its way)."""
        if read < self._facts_shown:
            return
        self._facts_shown = read
        self._record = facts[0]
        self.details.show_record(*facts)
        # Again: the gallery's rows either side may have arrived meanwhile.
        self._update_buttons()

    def _read_failed(self, token: int, exc: Exception) -> None:
        if token == self._token:
            self.status_message.emit(str(exc))

    def next(self) -> bool:
        return self._step(1)

    def previous(self) -> bool:
        return self._step(-1)

    def fit(self) -> None:
        self.canvas.fit()

    def actual_size(self) -> None:
        self.canvas.actual_size()

    def rate(self, stars: int) -> None:
        """Rate the image shown (undoable, like the gallery's keys)."""
        if self._current is not None:
            self.status_message.emit(self.history.rate(self._library, [self._current], stars))

    def toggle_favourite(self) -> None:
        """Favourite (or not) the image shown: the one stepped to, even while its record
        is on its way (then its favourite is read first, in a worker)."""
        image_id = self._current
        if image_id is None:
            return
        record = self._record
        if record is not None and record.id == image_id:
            self._set_favourite(image_id, not record.favourite)
            return
        library = self._library
        run_in_thread(
            lambda: library.get(image_id).favourite,
            lambda favourite: self._set_favourite(image_id, not favourite),
            lambda exc: self.status_message.emit(str(exc)),
            owner=self,
        )

    def _set_favourite(self, image_id: int, value: bool) -> None:
        self.status_message.emit(self.history.set_favourite(self._library, [image_id], value))

    def _undo(self) -> None:
        text = self.history.undo()
        if text:
            self.status_message.emit(text)

    def _redo(self) -> None:
        text = self.history.redo()
        if text:
            self.status_message.emit(text)

    # -- internals ---------------------------------------------------------------------

    def _step(self, step: int) -> bool:
        if self._current is None or self._order is None:
            return False
        target = self._order(self._current, step)
        if target is None:
            return False
        return self.show_image(target)

    def _neighbour_exists(self, step: int) -> bool:
        if self._current is None or self._order is None:
            return False
        return self._order(self._current, step) is not None

    def _update_buttons(self) -> None:
        self.previous_button.setEnabled(self._neighbour_exists(-1))
        self.next_button.setEnabled(self._neighbour_exists(1))
        self.reuse_button.setEnabled(self._record is not None and self._record.id == self._current)

    def _decoded(self, token: int, levels: list[QImage]) -> None:
        if token == self._token:  # an older request finishing late must not win
            self.canvas.set_levels(levels, self.canvas.path)

    def _tags(self, added: list[str], removed: list[str]) -> None:
        record, library = self._record, self._library
        if record is None or record.id != self._current:
            return  # the details still show the image before: not the one on screen

        def write() -> None:
            if added:
                library.add_tags([record.id], added)
            if removed:
                library.remove_tags([record.id], removed)

        run_in_thread(write, None, lambda exc: self.status_message.emit(str(exc)), owner=self)

    def _decode_failed(self, token: int, exc: Exception) -> None:
        if token == self._token:
            self.status_message.emit(
                self.tr("Could not open the image: %1").replace("%1", str(exc))
            )

    def _show_zoom(self, scale: float) -> None:
        self.zoom_label.setText(f"{scale * 100:.0f}%")  # as the "100%" button writes it

    def _reuse(self) -> None:
        if self._record is not None:
            self.reuse_requested.emit(
                reuse_payload(self._record.provenance(), image_id=self._record.id)
            )

    def _from_any_thread(self, event: str, ids: list[int]) -> None:
        with contextlib.suppress(RuntimeError):
            self._library_event.emit(event, list(ids))

    @Slot(str, list)
    def _on_library_event(self, event: str, ids: list[int]) -> None:
        # The image shown, even while its record is on its way: that read may have
        # started before this change.
        image_id = self._current
        if image_id is None or image_id not in ids:
            return
        if event in ("changed", "trashed", "restored"):
            token, library, read = self._token, self._library, next(self._reads)

            def done(facts: Facts) -> None:
                if token == self._token:
                    self._show_facts(read, facts)

            run_in_thread(lambda: _read_facts(library, image_id), done, None, owner=self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        name = match(Context.VIEWER, event)
        action = self._keys.get(name) if name is not None else None
        if action is None or (name == "viewer_close" and not self.isWindow()):
            super().keyPressEvent(event)
            return
        action()
        event.accept()


def _read_facts(library: Library, image_id: int) -> Facts:
    """An image's record and lineage (blocking: run in a worker)."""
    return library.get(image_id), library.parents(image_id), library.children(image_id)
