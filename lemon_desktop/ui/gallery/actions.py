"""What can be done to the selected images: the context menu and its key shortcuts.

Library reads and writes run in a worker (a write may wait on another process
holding the database); the gallery updates from the library's own change events,
so nothing here touches the model's rows directly. An action on the selection
works on every selected row: when some are not in memory (a select-all of more
rows than the gallery holds) it starts once a worker has read them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import shiboken6
from PySide6.QtCore import QCoreApplication, QMimeData, QObject, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from lemon_desktop.library import GalleryRow, ImageRecord, Library

from .. import shortcuts
from ..mark_history import MarkHistory
from ..tasks import run_in_thread
from .dragdrop import mime_for_files
from .export_dialog import ExportDialog
from .model import GalleryModel, StillUpdating
from .name_dialog import NameDialog
from .payload import reuse_payload
from .text import plural
from .view import GalleryView

if TYPE_CHECKING:
    from ..image_actions import ImageActions

log = logging.getLogger(__name__)

# Indirection so tests (and sandboxed runs) do not launch a file manager.
open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl


def id_query(ids: list[int], trash: bool = False) -> str:
    return ("is:trash " if trash else "") + "id:" + ",".join(str(i) for i in ids)


class GalleryActions(QObject):
    open_requested = Signal(int)
    reuse_requested = Signal(dict)
    status_message = Signal(str)
    trashed = Signal(list)  # ids just moved to the trash, for an undo offer
    compare_board_requested = Signal(str)  # the batch id of the image's comparison

    def __init__(
        self,
        library: Library,
        view: GalleryView,
        model: GalleryModel,
        export_template: Callable[[], str],
        parent: QObject | None = None,
        history: MarkHistory | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        # Ratings and favourites go through the undo history (shared with the viewer and
        # the window's Edit menu when the window passes its own).
        self.history = history if history is not None else MarkHistory(self)
        self.history.failed.connect(self.status_message)
        self._view = view
        self._model = model
        # Tagging, albums, the trash and restoring are done in one place, ImageActions:
        # the window's once the panel is given it (its status and trash offers reach the
        # window itself), until then one of the gallery's own, whose words it passes on.
        from ..image_actions import ImageActions

        self._own_images = ImageActions(lambda: library, _no_window, _no_window, self.history, self)
        self._own_images.status.connect(self.status_message)
        self._own_images.trashed.connect(self.trashed)
        self.images: ImageActions = self._own_images
        self._export_template = export_template
        self._dialog: QDialog | None = None  # the open dialog, kept alive until it closes
        self._dialog_ids: list[int] = []
        self._dialog_trash = False  # the dialog's images are in the trash (export)
        self._menu: QMenu | None = None
        self._last_export: tuple[str, bool] = ("", False)  # folder, strip metadata
        # The batch (comparison) an image was made in, when the window knows its jobs
        # (a blocking read: called in a worker).
        self.group_of: Callable[[int], str | None] | None = None
        self._menu_image: int | None = None  # the one image the menu was built for
        # A drag carries the whole selection: rows not in memory are read when the mouse
        # goes down on the selection, kept with the rows version and the selection then.
        self._drag_rows: tuple[tuple[int, tuple[tuple[int, int], ...]], list[GalleryRow]] | None
        self._drag_rows = None
        view.drag_files = self.drag_mime
        view.drag_may_start.connect(self.prepare_drag)

        def make(text: str, slot: Callable[[], None], shortcut: str | None = None) -> QAction:
            action = QAction(text, self)
            if shortcut:
                # Shown in the menu; the view's keyPressEvent performs the key (run_key).
                action.setShortcuts(shortcuts.sequences(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

            def fire(_checked: bool = False) -> None:
                slot()  # the checked state is ours to work out, not the click's

            action.triggered.connect(fire)
            return action

        self.open = make(self.tr("Open"), self.open_current, "gallery_open")
        self.show_in_folder = make(self.tr("Show in Folder"), self.show_current_in_folder)
        self.copy_image = make(self.tr("Copy Image"), self.copy_current_image, "gallery_copy")
        self.copy_prompt = make(self.tr("Copy Prompt"), self.copy_selected_prompts)
        self.reuse = make(self.tr("Reuse Settings"), self.reuse_current)
        self.favourite = make(self.tr("Favourite"), self.toggle_favourite, "favourite")
        self.favourite.setCheckable(True)
        self.tag = make(self.tr("Tag…"), self.ask_tags)
        self.album = make(self.tr("Add to Album…"), self.ask_album)
        self.export = make(self.tr("Export…"), self.ask_export)
        self.delete = make(self.tr("Move to Trash"), self.delete_selected, "gallery_trash")
        self.restore_action = make(self.tr("Restore from Trash"), self.restore_selected)
        self.compare_board = make(self.tr("Open Compare Board"), self.open_compare_board)
        self.rate_group = QActionGroup(self)
        self.rate: list[QAction] = []
        for stars, name in enumerate(shortcuts.RATINGS):
            label = self.tr("No Rating") if stars == 0 else "★" * stars
            action = make(label, partial(self.rate_selected, stars), name)
            action.setCheckable(True)
            self.rate_group.addAction(action)
            self.rate.append(action)
        # What each gallery key in the shortcut table does (see run_key).
        self._keys: dict[str, Callable[[], None]] = {
            "gallery_open": self.open_current,
            "gallery_trash": self._trash_by_key,
            "gallery_copy": self.copy_current_image,
            "favourite": self.toggle_favourite,
        }
        for stars, name in enumerate(shortcuts.RATINGS):
            self._keys[name] = partial(self.rate_selected, stars)

    def use_image_actions(self, image_actions: ImageActions | None) -> None:
        """Tag, album, trash and restore through the window's ImageActions (None: the
        gallery's own)."""
        self.images = image_actions if image_actions is not None else self._own_images

    # -- selection --------------------------------------------------------------

    def selected_rows(self) -> list[GalleryRow]:
        """The selected rows in memory (all of them unless a selection is larger than the
        gallery holds; with_selection() waits for the rest), else the current row."""
        selection = self._view.selectionModel()
        rows = self._model.rows_for(selection.selectedIndexes()) if selection else []
        if not rows:
            current = self._model.row_at(self._view.currentIndex().row())
            rows = [current] if current is not None else []
        return rows

    def with_selection(self, then: Callable[[list[GalleryRow]], object]) -> None:
        """Call `then` with every selected row (else the current one): at once when they
        are in memory, else once a worker has read them. When they cannot be read (the
        gallery kept moving, or the library failed) the status bar says so instead."""
        if self._positions():
            self._model.resolve_rows(self._positions, then, self._selection_failed)

    def _positions(self) -> list[int]:
        """The selected positions now (a live update moves them), else the current one."""
        positions = self._selected_positions()
        if not positions:
            current = self._view.currentIndex()
            positions = [current.row()] if current.isValid() else []
        return positions

    def _selection_failed(self, exc: Exception) -> None:
        if isinstance(exc, StillUpdating):
            self.status_message.emit(self.tr("The gallery is still updating; try again."))
        else:
            self.status_message.emit(
                self.tr("Could not read the selected images: %1").replace("%1", str(exc))
            )

    def _selected_positions(self) -> list[int]:
        selection = self._view.selectionModel()
        if selection is None:
            return []
        # From the ranges: listing every index of a select-all would be slow.
        ranges = selection.selection()
        positions: list[int] = []
        for i in range(ranges.count()):
            span = ranges.at(i)
            positions.extend(range(span.top(), span.bottom() + 1))
        return positions

    def _selection_key(self) -> tuple[int, tuple[tuple[int, int], ...]]:
        """The rows version and the selected spans: the same key, the same rows."""
        selection = self._view.selectionModel()
        ranges = selection.selection() if selection is not None else None
        spans = tuple(
            (ranges.at(i).top(), ranges.at(i).bottom())
            for i in range(ranges.count() if ranges is not None else 0)
        )
        return self._model.rows_version, spans

    def prepare_drag(self) -> None:
        """Read the selected rows not in memory now (the mouse went down on the
        selection), so the drag that may follow carries every one of them."""
        positions = self._selected_positions()
        if not positions or self._model.rows_in_memory(positions) is not None:
            return
        key = self._selection_key()
        if self._drag_rows is not None and self._drag_rows[0] == key:
            return

        def keep(rows: list[GalleryRow]) -> None:
            if self._selection_key() == key:
                self._drag_rows = (key, rows)

        def failed(exc: Exception) -> None:
            log.info("the selection was not read for a drag: %s", exc)

        self._model.resolve_rows(self._selected_positions, keep, failed)

    def _selection_for_drag(self) -> list[GalleryRow] | None:
        """Every selected row if all are known (in memory or read for a drag), else None."""
        rows = self._model.rows_in_memory(self._selected_positions())
        if rows is None and self._drag_rows is not None:
            key, read = self._drag_rows
            rows = read if key == self._selection_key() else None
        return rows

    @property
    def drag_ready(self) -> bool:
        """A drag now would carry the whole selection."""
        return self._selection_for_drag() is not None

    def drag_mime(self) -> QMimeData | None:
        """The files of the whole selection for a drag out; None (and a status message)
        while some of its rows are not in memory: a drag of part of it would be wrong."""
        rows = self._selection_for_drag()
        if rows is None:
            self.status_message.emit(
                self.tr("Reading the selected images; drag them again in a moment.")
            )
            self.prepare_drag()
            return None
        return mime_for_files([r.path for r in rows])

    def current_row(self) -> GalleryRow | None:
        current = self._view.currentIndex()
        selection = self._view.selectionModel()
        if current.isValid() and (selection is None or selection.isSelected(current)):
            return self._model.row_at(current.row())
        rows = self.selected_rows()
        return rows[0] if rows else None

    # -- menu -------------------------------------------------------------------

    def build_menu(self, parent: QWidget | None = None) -> QMenu:
        rows = self.selected_rows()
        menu = QMenu(parent or self._view)
        for action in (self.open, self.show_in_folder):
            menu.addAction(action)
        menu.addSeparator()
        for action in (self.copy_image, self.copy_prompt, self.reuse):
            menu.addAction(action)
        # One image made in a comparison: its board, with the other models' results,
        # shown once a worker has found the comparison.
        self._menu_image = rows[0].id if self.group_of and len(rows) == 1 else None
        if self._menu_image is not None:
            menu.addAction(self.compare_board)
            self.compare_board.setVisible(False)
            self._look_up_group(self._menu_image, menu)
        menu.addSeparator()
        self.favourite.setChecked(bool(rows) and all(r.favourite for r in rows))
        menu.addAction(self.favourite)
        rate_menu = menu.addMenu(self.tr("Rate"))
        ratings = {r.rating for r in rows}
        for stars, action in enumerate(self.rate):
            action.setChecked(ratings == {stars})
            rate_menu.addAction(action)
        for action in (self.tag, self.album, self.export):
            menu.addAction(action)
        menu.addSeparator()
        in_trash = bool(rows) and all(r.deleted for r in rows)
        menu.addAction(self.restore_action if in_trash else self.delete)
        single = len(rows) == 1
        for action in (self.open, self.reuse, self.copy_image):
            action.setEnabled(single)
        for action in (self.show_in_folder, self.copy_prompt, self.favourite, self.tag):
            action.setEnabled(bool(rows))
        for action in (self.album, self.export, self.delete, rate_menu.menuAction()):
            action.setEnabled(bool(rows))
        return menu

    def popup_menu(self, viewport_pos: QPoint) -> QMenu | None:
        """Show the context menu without a nested event loop (popup, not exec)."""
        index = self._view.indexAt(viewport_pos)
        if index.isValid() and not self._view.selectionModel().isSelected(index):
            self._view.setCurrentIndex(index)
        if not self.selected_rows():
            return None
        if self._menu is not None:
            self._menu.deleteLater()  # the previous one; its actions belong to us, not it
        self._menu = menu = self.build_menu()
        menu.popup(self._view.viewport().mapToGlobal(viewport_pos))
        return menu

    def run_key(self, name: str) -> None:
        """A gallery shortcut pressed in the grid (see GalleryView.key_command)."""
        action = self._keys.get(name)
        if action is not None:
            action()

    def _trash_by_key(self) -> None:
        def trash(rows: list[GalleryRow]) -> None:
            if rows and not all(r.deleted for r in rows):
                self._delete(rows)
            # else already in the trash; emptying it is the library window's job

        self.with_selection(trash)

    # -- simple actions -----------------------------------------------------------

    def open_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.open_requested.emit(row.id)

    def _look_up_group(self, image_id: int, menu: QMenu) -> None:
        group_of = self.group_of
        if group_of is None:
            return

        def found(group: str | None) -> None:
            if self._menu_image == image_id and shiboken6.isValid(menu):
                self.compare_board.setVisible(bool(group))

        run_in_thread(lambda: group_of(image_id), found, lambda _exc: None, owner=self)

    def open_compare_board(self) -> None:
        group_of, image_id = self.group_of, self._menu_image
        if group_of is None or image_id is None:
            return

        def found(group: str | None) -> None:
            if group:
                self.compare_board_requested.emit(group)

        run_in_thread(
            lambda: group_of(image_id),
            found,
            lambda exc: self.status_message.emit(str(exc)),
            owner=self,
        )

    def show_current_in_folder(self) -> None:
        row = self.current_row()
        if row is not None:
            open_url(QUrl.fromLocalFile(str(row.path.parent)))

    def copy_current_image(self) -> None:
        row = self.current_row()
        if row is None:
            return
        # Pixels for editors and chat apps, the file URL for file managers.
        QGuiApplication.clipboard().setMimeData(mime_for_files([row.path], with_image=True))
        self.status_message.emit(self.tr("Image copied."))

    def copy_selected_prompts(self) -> None:
        """Copy the selected images' prompts, read in a worker."""
        self.with_selection(self._copy_prompts)

    def _copy_prompts(self, rows: list[GalleryRow]) -> None:
        library, ids = self._library, [r.id for r in rows]

        def read() -> list[str]:
            return [p for i in ids if (p := library.get(i).prompt)]

        def copy(prompts: list[str]) -> None:
            if not prompts:
                self.status_message.emit(self.tr("No prompt stored for this image."))
                return
            QGuiApplication.clipboard().setText("\n\n".join(prompts))
            self.status_message.emit(self.tr("Prompt copied."))

        run_in_thread(read, copy, lambda exc: self.status_message.emit(str(exc)), owner=self)

    def reuse_current(self) -> None:
        """Fill the generate panel with the current image's settings (read in a worker)."""
        row = self.current_row()
        if row is None:
            return
        library, image_id = self._library, row.id

        def reuse(record: ImageRecord) -> None:
            self.reuse_requested.emit(reuse_payload(record.provenance(), image_id=image_id))

        run_in_thread(
            lambda: library.get(image_id),
            reuse,
            lambda exc: self.status_message.emit(str(exc)),
            owner=self,
        )

    # -- writes (in a worker) -------------------------------------------------------

    def toggle_favourite(self) -> None:
        def toggle(rows: list[GalleryRow]) -> None:
            if rows:
                value = not all(r.favourite for r in rows)
                ids = [r.id for r in rows]
                self.status_message.emit(self.history.set_favourite(self._library, ids, value))

        self.with_selection(toggle)

    def rate_selected(self, stars: int) -> None:
        def rate(rows: list[GalleryRow]) -> None:
            if rows:
                ids = [r.id for r in rows]
                self.status_message.emit(self.history.rate(self._library, ids, stars))

        self.with_selection(rate)

    def _with_ids(self, then: Callable[[list[int]], None]) -> None:
        """The ids a dialog was opened for, else the selection's."""
        if self._dialog_ids:
            then(list(self._dialog_ids))
        else:
            self.with_selection(lambda rows: then([r.id for r in rows]))

    def tag_selected(self, text: str) -> None:
        tags = [t.strip() for t in text.replace(";", ",").split(",") if t.strip()]
        if tags:
            self._with_ids(lambda ids: self._tag(ids, tags))

    def _tag(self, ids: list[int], tags: list[str]) -> None:
        self.images.add_tags(ids, tags)

    def add_selected_to_album(self, name: str) -> None:
        name = name.strip()
        if name:
            self._with_ids(lambda ids: self._add_to_album(ids, name))

    def _add_to_album(self, ids: list[int], name: str) -> None:
        self.images.add_to_album(ids, name)

    def export_selected(
        self, folder: str | Path, template: str | None = None, strip: bool = False
    ) -> None:
        """Copy the selected images to `folder` named by `template` (the settings' one by
        default), with their metadata or (`strip`) without any."""
        if self._dialog_ids:
            self._export(list(self._dialog_ids), self._dialog_trash, folder, template, strip)
        else:
            self.with_selection(
                lambda rows: self._export(
                    [r.id for r in rows], any(r.deleted for r in rows), folder, template, strip
                )
            )

    def _export(
        self, ids: list[int], trash: bool, folder: str | Path, template: str | None, strip: bool
    ) -> None:
        if not ids:
            return
        query = id_query(ids, trash)
        template, library = template or self._export_template(), self._library

        def done(paths: list[Path]) -> None:
            self.status_message.emit(
                plural(
                    len(paths),
                    QCoreApplication.translate(
                        "GalleryActions", "Exported %n image to %1.", None, len(paths)
                    ),
                    QCoreApplication.translate(
                        "GalleryActions", "Exported %n images to %1.", None, len(paths)
                    ),
                ).replace("%1", str(folder))
                + "".join(f" Skipped image {i}: {why}." for i, why in getattr(paths, "skipped", []))
            )

        run_in_thread(
            lambda: library.export(query, Path(folder), template, strip_metadata=strip),
            done,
            lambda exc: self.status_message.emit(str(exc)),
            owner=self,
        )

    def delete_selected(self) -> None:
        self.with_selection(self._delete)

    def _delete(self, rows: list[GalleryRow]) -> None:
        self.images.delete([r.id for r in rows])

    def restore_selected(self) -> None:
        def restore(rows: list[GalleryRow]) -> None:
            ids = [r.id for r in rows if r.deleted]
            if ids:
                self.restore(ids)

        self.with_selection(restore)

    def restore(self, ids: list[int]) -> None:
        self.images.restore(ids)

    # -- dialogs (open(), never exec(): no nested event loop) ---------------------------

    @property
    def dialog(self) -> QDialog | None:
        """The dialog currently asking for tags, an album or a folder (tests drive it)."""
        return self._dialog

    def _show(self, dialog: QDialog) -> None:
        # Remember the ids now: the selection may change while the dialog is open.
        self._dialog_ids = []
        self._dialog_trash = False

        def remember(rows: list[GalleryRow]) -> None:
            if self._dialog is dialog:
                self._dialog_ids = [r.id for r in rows]
                self._dialog_trash = any(r.deleted for r in rows)

        self._dialog = dialog
        self.with_selection(remember)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._dialog_closed)
        dialog.open()

    def _dialog_closed(self) -> None:
        self._dialog = None
        self._dialog_ids = []
        self._dialog_trash = False

    def ask_tags(self) -> None:
        if not self.selected_rows():
            return
        library = self._library
        dialog = NameDialog(
            self.tr("Tag Images"),
            self.tr("Tags, separated by commas:"),
            lambda: [name for name, _count in library.tags()],
            several=True,
            ok_text=self.tr("Tag"),
            parent=self._view,
        )
        dialog.chosen.connect(self.tag_selected)
        self._show(dialog)

    def ask_album(self) -> None:
        if not self.selected_rows():
            return
        library = self._library
        dialog = NameDialog(
            self.tr("Add to Album"),
            self.tr("Album (a new name creates it):"),
            lambda: [album.name for album in library.albums()],
            several=False,
            ok_text=self.tr("Add"),
            parent=self._view,
        )
        dialog.chosen.connect(self.add_selected_to_album)
        self._show(dialog)

    def ask_export(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        folder, strip = self._last_export
        dialog = ExportDialog(len(rows), folder, self._export_template(), strip, self._view)
        dialog.chosen.connect(self._export_chosen)
        self._show(dialog)

    def _export_chosen(self, folder: Path, template: str, strip: bool) -> None:
        self._last_export = (str(folder), strip)  # offered again next time
        self.export_selected(folder, template, strip)


def _no_window() -> NoReturn:
    # The gallery's own ImageActions only tags, files and trashes: making new images
    # (jobs, the generate panel) needs the window's.
    raise RuntimeError("making images from the gallery needs the window's image actions")
