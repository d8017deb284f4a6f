"""One place that turns what a person does to an image (from the stage, the gallery or
the filmstrip: menu, button or key) into calls on the layers below.

Edit opens the mask painter on the stage and makes the image the generate panel's edit
source; "Use as reference" adds images to the panel's reference tray; vary, upscale
and remove background are jobs of their own (JobController.from_image); favourite and
rating go through the window's undo history; open, reveal and delete act on the file
and the library.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QAction

from ..api.request import Operation
from ..library import ImageRecord, Library
from . import shortcuts
from .gallery import actions as gallery_actions
from .gallery.text import plural
from .mark_history import MarkHistory
from .tasks import report_failure, run_in_thread

if TYPE_CHECKING:
    from .generate_panel import GeneratePanel
    from .job_controller import JobController

# The actions that make something new from an image, by their shortcut-table names:
# the stage's bar, the gallery's and the filmstrip's menus and their keys use these.
MAKE_ACTIONS = shortcuts.IMAGE_ACTIONS
_OPERATIONS: dict[str, Operation] = {
    "image_vary": "variation",
    "image_upscale": "upscale",
    "image_remove_background": "remove-background",
}


class ImageActions(QObject):
    """Signals: edit_requested(int) the stage opens its mask painter on this image;
    trashed(list) ids just moved to the trash (an undo offer); status(str)."""

    edit_requested = Signal(int)
    trashed = Signal(list)
    status = Signal(str)

    def __init__(
        self,
        library: Callable[[], Library | None],
        jobs: Callable[[], JobController],
        generate: Callable[[], GeneratePanel],
        marks: MarkHistory,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._jobs = jobs
        self._generate = generate
        self.marks = marks

    def make_action(
        self, name: str, ids: Callable[[], Sequence[int]], parent: QObject, *, keys: bool = False
    ) -> QAction:
        """A QAction for one of MAKE_ACTIONS acting on `ids()` when triggered, labelled
        from the shortcut table, its key in the tooltip; with `keys`, also shown in a
        menu (the owner's key handler performs the key: a key never has two QActions
        competing for it)."""
        action = QAction(shortcuts.label(name), parent)
        action.setToolTip(shortcuts.tooltip(name))
        if keys:
            action.setShortcuts(shortcuts.sequences(name))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

        def fire(_checked: bool = False) -> None:
            chosen = list(ids())
            if chosen:
                self.run(name, chosen)

        action.triggered.connect(fire)
        return action

    def run(self, name: str, ids: Sequence[int]) -> bool:
        """Perform the action `name` (MAKE_ACTIONS) on `ids`; False if it is not one."""
        if not ids:
            return False
        if name == "image_edit":
            self.edit(ids[0])
        elif name == "image_reference":
            self.use_as_reference(ids)
        elif name in _OPERATIONS:
            for image_id in ids:
                self.make_from(_OPERATIONS[name], image_id)
        else:
            return False
        return True

    # -- making something new ---------------------------------------------------------

    def edit(self, image_id: int) -> None:
        """Paint a mask over this image on the stage; the panel edits it."""
        self._generate().set_edit_source(image_id, None)
        self.edit_requested.emit(image_id)

    def use_mask(self, image_id: int, mask_png: str) -> None:
        """The painted mask is ready: the panel's next Generate edits that area."""
        self._generate().set_edit_source(image_id, mask_png)
        self.status.emit(
            self.tr("Mask ready: write what goes there and press Generate (Ctrl+Enter).")
        )

    def use_as_reference(self, ids: Sequence[int]) -> None:
        self._generate().add_references(list(ids))
        self.status.emit(
            plural(
                len(ids),
                QCoreApplication.translate(
                    "ImageActions", "Added %n image to the references.", None, len(ids)
                ),
                QCoreApplication.translate(
                    "ImageActions", "Added %n images to the references.", None, len(ids)
                ),
            )
        )

    def make_from(self, operation: Operation, image_id: int) -> None:
        self._with_record(
            image_id,
            lambda record: self._jobs().from_image(operation, record, self._generate().model_id),
        )

    # -- marks, tags, albums, files, trash --------------------------------------------------

    def set_favourite(self, image_id: int, value: bool) -> None:
        library = self._library()
        if library is not None:
            self.status.emit(self.marks.set_favourite(library, [image_id], value))

    def rate(self, image_id: int, stars: int) -> None:
        library = self._library()
        if library is not None:
            self.status.emit(self.marks.rate(library, [image_id], stars))

    def set_tags(self, image_id: int, added: Sequence[str], removed: Sequence[str]) -> None:
        library = self._library()
        if library is None or not (added or removed):
            return

        def write() -> None:
            if added:
                library.add_tags([image_id], added)
            if removed:
                library.remove_tags([image_id], removed)

        run_in_thread(write, None, self._failed, owner=self)

    def add_tags(self, ids: Sequence[int], tags: Sequence[str]) -> None:
        library, chosen, names = self._library(), list(ids), list(tags)
        if library is None or not chosen or not names:
            return
        n = len(chosen)
        self._write(
            lambda: library.add_tags(chosen, names),
            plural(
                n,
                QCoreApplication.translate("ImageActions", "Tagged %n image.", None, n),
                QCoreApplication.translate("ImageActions", "Tagged %n images.", None, n),
            ),
        )

    def add_to_album(self, ids: Sequence[int], name: str) -> None:
        library, chosen = self._library(), list(ids)
        if library is None or not chosen or not name:
            return
        n = len(chosen)
        self._write(
            lambda: library.add_to_album(chosen, name),
            plural(
                n,
                QCoreApplication.translate("ImageActions", "Added %n image to the album.", None, n),
                QCoreApplication.translate(
                    "ImageActions", "Added %n images to the album.", None, n
                ),
            ),
        )

    def restore(self, ids: Sequence[int]) -> None:
        library, chosen = self._library(), list(ids)
        if library is None or not chosen:
            return
        n = len(chosen)
        self._write(
            lambda: library.restore(chosen),
            plural(
                n,
                QCoreApplication.translate("ImageActions", "Restored %n image.", None, n),
                QCoreApplication.translate("ImageActions", "Restored %n images.", None, n),
            ),
        )

    def _write(self, write: Callable[[], object], done: str) -> None:
        """A library write in a worker; `done` is said when it is, the error if not."""
        run_in_thread(write, lambda _result: self.status.emit(done), self._failed, owner=self)

    def open_file(self, image_id: int) -> None:
        self._with_record(image_id, lambda record: _open(record.path))

    def reveal(self, image_id: int) -> None:
        self._with_record(image_id, lambda record: _open(record.path.parent))

    def delete(self, ids: Sequence[int]) -> None:
        library = self._library()
        if library is None or not ids:
            return
        chosen = list(ids)
        run_in_thread(lambda: library.delete(chosen), self._deleted, self._failed, owner=self)

    def _deleted(self, moved: list[int]) -> None:
        self.status.emit(
            plural(
                len(moved),
                QCoreApplication.translate(
                    "ImageActions", "Moved %n image to the trash.", None, len(moved)
                ),
                QCoreApplication.translate(
                    "ImageActions", "Moved %n images to the trash.", None, len(moved)
                ),
            )
        )
        self.trashed.emit(moved)

    def _failed(self, error: Exception) -> None:
        report_failure(error, self.status.emit)

    def _with_record(self, image_id: int, then: Callable[[ImageRecord], None]) -> None:
        """Call `then` with the image's record once a worker has read it; a failure to
        read it is reported as the library's message."""
        library = self._library()
        if library is not None:
            run_in_thread(lambda: library.get(image_id), then, self._failed, owner=self)


def _open(path: Path) -> None:
    gallery_actions.open_url(QUrl.fromLocalFile(str(path)))
