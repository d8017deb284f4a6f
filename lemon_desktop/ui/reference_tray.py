"""The reference tray beside the prompt: images the chosen model works from.

Images come from the desktop (dropped files), the gallery (its drag carries file URLs
of library files, and an id list where the dragging view adds one), the clipboard
(image data or file URLs) and the stage ("Use as reference"). Each is stored in the
library first (through the session, off the GUI thread), so the request names it by
library id and sha256. The tray shows the model's limit ("3 of 16"), refuses what
would go over it with the reason, and, after a switch to a model that takes fewer,
keeps the extra images but says which ones will be left out.
"""

from __future__ import annotations

from collections.abc import Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QSize, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QImage,
    QImageReader,
    QImageWriter,
    QKeyEvent,
    QKeySequence,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..api.request import InputImage
from .tasks import TaskRunner, in_thread, run_in_thread
from .widgets import error_label

if TYPE_CHECKING:
    # Only named in annotations: importing it at run time pulls in the job queue and the
    # whole library before the window's panels paint (bench/gui_startup.py).
    from ..core.inputs import AddedInput

# A drag from inside the app may name library images directly (no file to read again).
IMAGE_IDS_MIME = "application/x-lemon-image-ids"
THUMB = 56
_IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp", ".tif", ".tiff"})
_ROLE = Qt.ItemDataRole.UserRole


class InputSource(Protocol):
    """Where handed-in images are stored (the core session)."""

    async def add_input_files(self, paths: list[Path]) -> list[AddedInput]: ...

    async def add_input_bytes(self, data: bytes, name: str) -> AddedInput: ...

    async def library_inputs(self, image_ids: list[int]) -> list[AddedInput]: ...


@dataclass(frozen=True)
class Reference:
    image: InputImage
    name: str


def image_ids_of(mime: QMimeData) -> list[int]:
    if not mime.hasFormat(IMAGE_IDS_MIME):
        return []
    text = bytes(mime.data(IMAGE_IDS_MIME).data()).decode("ascii", "replace")
    return [int(part) for part in text.split(",") if part.strip().isdigit()]


def image_files_of(mime: QMimeData) -> list[Path]:
    """Local files among the URLs (the library decides whether each is an image)."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def carries_images(mime: QMimeData) -> bool:
    """Whether `mime` holds images for the tray rather than text for the prompt."""
    files = image_files_of(mime)
    return (
        bool(image_ids_of(mime))
        or mime.hasImage()
        or any(p.suffix.lower() in _IMAGE_SUFFIXES for p in files)
    )


def _png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    QImageWriter(buffer, QByteArray(b"png")).write(image)
    return bytes(buffer.data().data())


def _thumbnail(path: str) -> QImage:
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and size.width() > 0 and size.height() > 0:
        reader.setScaledSize(size.scaled(THUMB * 2, THUMB * 2, Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()


class ReferenceList(QListWidget):
    """Thumbnails in a row; reordered by dragging within it, or Alt+Left/Right."""

    dropped = Signal(QMimeData)
    remove_requested = Signal()
    paste_requested = Signal()
    moved = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referenceList")
        self.setAccessibleName(self.tr("Reference images"))
        self.setAccessibleDescription(
            self.tr("Alt+Left and Alt+Right move an image; Delete removes it; Ctrl+V pastes")
        )
        # Icon mode puts the number under each thumbnail; static movement makes a drag
        # within the list reorder the rows instead of placing icons freely.
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAcceptDrops(True)
        self.setSpacing(2)
        line = self.fontMetrics().height()
        bar = self.horizontalScrollBar().sizeHint().height()
        self.setFixedHeight(THUMB + line + bar + 20)

    def _from_outside(self, event: QDropEvent | QDragMoveEvent | QDragEnterEvent) -> bool:
        return event.source() is not self and carries_images(event.mimeData())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._from_outside(event):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._from_outside(event):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if self._from_outside(event):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self.dropped.emit(event.mimeData())
            return
        super().dropEvent(event)
        self.moved.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_requested.emit()
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_requested.emit()
            return
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if alt and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            row = self.currentRow()
            target = row + (1 if key == Qt.Key.Key_Right else -1)
            if 0 <= row < self.count() and 0 <= target < self.count():
                item = self.takeItem(row)
                self.insertItem(target, item)
                self.setCurrentRow(target)
                self.moved.emit()
            return
        super().keyPressEvent(event)


class ReferenceTray(QWidget):
    changed = Signal()  # which images go with the request changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referenceTray")
        self.tasks = TaskRunner()
        self.source: InputSource | None = None
        self.title = QLabel(self.tr("References"), self)
        self.title.setObjectName("referenceTitle")
        self.count = QLabel(self)
        self.count.setObjectName("referenceCount")
        self.add_button = QToolButton(self)
        self.add_button.setText(self.tr("Add…"))
        self.add_button.setToolTip(
            self.tr("Add images the model works from (or drop, drag from the gallery, paste)")
        )
        self.remove_button = QToolButton(self)
        self.remove_button.setText(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Remove the selected images from the tray (Del)"))
        self.list = ReferenceList(self)
        self.hint = QLabel(self)
        self.hint.setObjectName("referenceHint")
        self.hint.setWordWrap(True)
        self.message = error_label(self)
        self.message.setObjectName("referenceMessage")
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.title)
        header.addWidget(self.count)
        header.addStretch(1)
        header.addWidget(self.add_button)
        header.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self.list)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        self.setAcceptDrops(True)
        self.model = ""
        self.limit = 0
        self.reason = ""  # why the model takes no references, when it takes none
        self._pending = 0
        self._refusals: list[str] = []
        self.list.dropped.connect(self.add_mime)
        self.list.paste_requested.connect(self.paste)
        self.list.remove_requested.connect(self.remove_selected)
        self.list.moved.connect(self._after_change)
        self.list.itemSelectionChanged.connect(self._sync_buttons)
        self.add_button.clicked.connect(self._choose_files)
        self.remove_button.clicked.connect(self.remove_selected)
        self._refresh()

    # -- the model's limit -----------------------------------------------------------

    def set_limit(self, model: str, limit: int, reason: str = "") -> None:
        """`limit` images for `model` (0: it takes none, `reason` says why)."""
        self.model, self.limit, self.reason = model, max(limit, 0), reason
        self._refusals = []
        self._refresh()

    # -- contents --------------------------------------------------------------------

    def all_references(self) -> list[Reference]:
        found = (self.list.item(row).data(_ROLE) for row in range(self.list.count()))
        return [ref for ref in found if isinstance(ref, Reference)]

    def references(self) -> tuple[InputImage, ...]:
        """The images that go with the request: the first `limit`, in the tray's order."""
        return tuple(ref.image for ref in self.all_references()[: self.limit])

    def left_out(self) -> list[Reference]:
        return self.all_references()[self.limit :]

    @property
    def pending(self) -> int:
        """Images still being stored in the library."""
        return self._pending

    def clear(self) -> None:
        self.list.clear()
        self._refusals = []
        self._after_change()

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self._refusals = []
        self._after_change()

    def move_reference(self, row: int, to: int) -> None:
        item = self.list.takeItem(row)
        self.list.insertItem(to, item)
        self._after_change()

    # -- adding ------------------------------------------------------------------------

    def add_mime(self, mime: QMimeData) -> bool:
        """Add the images `mime` carries (ids, files or pixels); False when none."""
        ids, files = image_ids_of(mime), image_files_of(mime)
        if ids:
            self.add_image_ids(ids)
        elif files:
            self.add_files(files)
        elif mime.hasImage():
            image = mime.imageData()
            if not isinstance(image, QImage) or image.isNull():
                return False
            self.add_image(image)
        else:
            return False
        return True

    def paste(self) -> bool:
        """Ctrl+V: the clipboard's image or image files."""
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not carries_images(mime):
            self._say([self.tr("The clipboard holds no image.")])
            return False
        return self.add_mime(mime)

    def add_image_ids(self, image_ids: list[int]) -> None:
        taken = self._room_for([self.tr("image {id}").format(id=i) for i in image_ids])
        if taken and self.source is not None:
            source = self.source
            self._start(len(taken), source.library_inputs(image_ids[: len(taken)]))

    def add_files(self, paths: list[Path]) -> None:
        taken = self._room_for([p.name for p in paths])
        if taken and self.source is not None:
            source = self.source
            self._start(len(taken), source.add_input_files(paths[: len(taken)]))

    def add_image(self, image: QImage) -> None:
        name = self.tr("pasted image")
        if not self._room_for([name]) or self.source is None:
            return
        source, copy = self.source, image.copy()

        async def store() -> list[AddedInput]:
            data = await in_thread(lambda: _png_bytes(copy))
            return [await source.add_input_bytes(data, name)]

        self._start(1, store())

    def _room_for(self, names: list[str]) -> list[str]:
        """The names that fit under the limit; the rest are refused with the reason."""
        if self.source is None:
            self._say([self.tr("The library is not open yet; try again in a moment.")])
            return []
        if self.limit == 0:
            why = self.reason or self.tr("{model} takes no reference images.")
            self._say([why.format(model=self.model)])
            return []
        free = max(self.limit - len(self.all_references()) - self._pending, 0)
        taken, refused = names[:free], names[free:]
        if refused:
            self._say(
                [
                    self.tr("{model} takes at most {limit} images; not added: {names}.").format(
                        model=self.model, limit=self.limit, names=", ".join(refused)
                    )
                ]
            )
        else:
            self._say([])
        return taken

    def _start(self, count: int, work: Coroutine[Any, Any, list[AddedInput]]) -> None:
        self._pending += count
        self._refresh()
        self.tasks.spawn(self._finish(count, work))

    async def _finish(self, count: int, work: Coroutine[Any, Any, list[AddedInput]]) -> None:
        try:
            added = await work
        finally:
            self._pending -= count
        problems = [a.problem for a in added if a.problem]
        known = {ref.image.sha256 for ref in self.all_references()}
        for entry in added:
            if entry.image is None:
                continue
            if entry.image.sha256 in known:
                problems.append(self.tr("{name} is already in the tray.").format(name=entry.name))
                continue
            known.add(entry.image.sha256)
            self._append(Reference(entry.image, entry.name))
        if problems:
            self._say(self._refusals + problems)
        self._after_change()

    def _append(self, reference: Reference) -> None:
        item = QListWidgetItem(self.list)
        item.setData(_ROLE, reference)
        item.setSizeHint(QSize(THUMB + 16, THUMB + self.list.fontMetrics().height() + 8))
        item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
        path = reference.image.path
        if path:
            run_in_thread(lambda: _thumbnail(path), lambda img: self._show(reference, img),
                          owner=self)  # fmt: skip

    def _show(self, reference: Reference, image: QImage) -> None:
        if image.isNull():
            return
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(_ROLE) == reference:
                item.setIcon(QIcon(QPixmap.fromImage(image)))

    def _choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add reference images"),
            "",
            self.tr("Images (*.png *.jpg *.jpeg *.webp *.gif *.bmp *.tif *.tiff)"),
        )
        if paths:
            self.add_files([Path(p) for p in paths])

    # -- drops onto the tray's frame (not only the list) --------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if carries_images(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.add_mime(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()

    # -- what it says ----------------------------------------------------------------------

    def _say(self, messages: list[str]) -> None:
        self._refusals = messages
        self.message.setText("\n".join(messages))
        self.message.setVisible(bool(messages))

    def _after_change(self) -> None:
        self._refresh()
        self.changed.emit()

    def _sync_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.list.selectedItems()))

    def _refresh(self) -> None:
        refs = self.all_references()
        used = min(len(refs), self.limit)
        if self.limit:
            self.count.setText(self.tr("{n} of {limit}").format(n=used, limit=self.limit))
        else:
            self.count.setText(self.tr("none taken") if self.model else "")
        self.count.setToolTip(
            self.tr("{model} takes up to {limit} images").format(model=self.model, limit=self.limit)
            if self.limit
            else self.reason
        )
        for row, ref in enumerate(refs):
            item = self.list.item(row)
            out = row >= self.limit
            item.setText(self.tr("left out") if out else str(row + 1))
            item.setForeground(self.palette().placeholderText() if out else self.palette().text())
            item.setToolTip(
                self.tr("{name}: left out, {model} takes {limit}").format(
                    name=ref.name, model=self.model, limit=self.limit
                )
                if out
                else f"{ref.name}\n{ref.image.path or ''}"
            )
        left = refs[self.limit :]
        if left:
            self.hint.setText(
                self.tr("{model} takes {limit}; left out: {names}.").format(
                    model=self.model, limit=self.limit, names=", ".join(r.name for r in left)
                )
                if self.limit
                else self.tr("{reason} Left out: {names}.").format(
                    reason=self.reason, names=", ".join(r.name for r in left)
                )
            )
        elif not refs:
            self.hint.setText(
                self.tr("Drop images here, drag them from the gallery or paste (Ctrl+V).")
                if self.limit
                else self.reason
            )
        else:
            self.hint.setText("")
        self.hint.setVisible(bool(self.hint.text()))
        # An empty tray is one line (the hint): the frame around it takes drops too.
        self.list.setVisible(bool(refs))
        if self._pending:
            self.title.setText(self.tr("References (adding {n}…)").format(n=self._pending))
        else:
            self.title.setText(self.tr("References"))
        self._sync_buttons()


def mime_with_ids(image_ids: list[int]) -> QMimeData:
    """A drag of library images by id (how the stage or filmstrip may hand them over)."""
    mime = QMimeData()
    mime.setData(IMAGE_IDS_MIME, QByteArray(",".join(map(str, image_ids)).encode("ascii")))
    return mime
