"""What can be done to the selected images: the context menu and its key shortcuts.

Library writes run in a worker (a write may wait on another process holding
the database); the gallery updates from the library's own change events, so
nothing here touches the model's rows directly.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from lemon_desktop.library import GalleryRow, Library, LibraryError

from .. import shortcuts
from ..mark_history import MarkHistory
from ..tasks import run_in_thread
from .dragdrop import mime_for_files
from .export_dialog import ExportDialog
from .model import GalleryModel
from .name_dialog import NameDialog
from .payload import reuse_payload
from .text import plural
from .view import GalleryView

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
        self._export_template = export_template
        self._dialog: QDialog | None = None  # the open dialog, kept alive until it closes
        self._dialog_ids: list[int] = []
        self._menu: QMenu | None = None
        self._last_export: tuple[str, bool] = ("", False)  # folder, strip metadata
        # The batch (comparison) an image was made in, when the window knows its jobs.
        self.group_of: Callable[[int], str | None] | None = None
        self._menu_group: str | None = None

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

    # -- selection --------------------------------------------------------------

    def selected_rows(self) -> list[GalleryRow]:
        selection = self._view.selectionModel()
        rows = self._model.rows_for(selection.selectedIndexes()) if selection else []
        if not rows:
            current = self._model.row_at(self._view.currentIndex().row())
            rows = [current] if current is not None else []
        return rows

    def current_row(self) -> GalleryRow | None:
        current = self._view.currentIndex()
        selection = self._view.selectionModel()
        if current.isValid() and (selection is None or selection.isSelected(current)):
            return self._model.row_at(current.row())
        rows = self.selected_rows()
        return rows[0] if rows else None

    def _ids(self) -> list[int]:
        return [r.id for r in self.selected_rows()]

    # -- menu -------------------------------------------------------------------

    def build_menu(self, parent: QWidget | None = None) -> QMenu:
        rows = self.selected_rows()
        menu = QMenu(parent or self._view)
        for action in (self.open, self.show_in_folder):
            menu.addAction(action)
        menu.addSeparator()
        for action in (self.copy_image, self.copy_prompt, self.reuse):
            menu.addAction(action)
        # One image made in a comparison: its board, with the other models' results.
        group_of = self.group_of
        self._menu_group = group_of(rows[0].id) if group_of and len(rows) == 1 else None
        if self._menu_group:
            menu.addAction(self.compare_board)
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
        rows = self.selected_rows()
        if rows and all(r.deleted for r in rows):
            return  # already in the trash; emptying it is the library window's job
        self.delete_selected()

    # -- simple actions -----------------------------------------------------------

    def open_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.open_requested.emit(row.id)

    def open_compare_board(self) -> None:
        if self._menu_group:
            self.compare_board_requested.emit(self._menu_group)

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
        prompts = []
        for row in self.selected_rows():
            try:
                prompt = self._library.get(row.id).prompt
            except LibraryError as exc:
                self.status_message.emit(str(exc))
                return
            if prompt:
                prompts.append(prompt)
        if not prompts:
            self.status_message.emit(self.tr("No prompt stored for this image."))
            return
        QGuiApplication.clipboard().setText("\n\n".join(prompts))
        self.status_message.emit(self.tr("Prompt copied."))

    def reuse_current(self) -> None:
        row = self.current_row()
        if row is None:
            return
        try:
            record = self._library.get(row.id)
        except LibraryError as exc:
            self.status_message.emit(str(exc))
            return
        self.reuse_requested.emit(reuse_payload(record.provenance(), image_id=row.id))

    # -- writes (in a worker) -------------------------------------------------------

    def _write(self, fn: Callable[[], Any], done: str | None = None) -> None:
        def finished(_result: object) -> None:
            if done:
                self.status_message.emit(done)

        def failed(exc: Exception) -> None:
            self.status_message.emit(str(exc))

        run_in_thread(fn, finished, failed, owner=self)

    def toggle_favourite(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        value = not all(r.favourite for r in rows)
        ids = [r.id for r in rows]
        self.status_message.emit(self.history.set_favourite(self._library, ids, value))

    def rate_selected(self, stars: int) -> None:
        ids = self._ids()
        if ids:
            self.status_message.emit(self.history.rate(self._library, ids, stars))

    def tag_selected(self, text: str) -> None:
        tags = [t.strip() for t in text.replace(";", ",").split(",") if t.strip()]
        ids = self._dialog_ids or self._ids()
        if ids and tags:
            self._write(
                lambda: self._library.add_tags(ids, tags),
                plural(
                    len(ids),
                    QCoreApplication.translate(
                        "GalleryActions", "Tagged %n image.", None, len(ids)
                    ),
                    QCoreApplication.translate(
                        "GalleryActions", "Tagged %n images.", None, len(ids)
                    ),
                ),
            )

    def add_selected_to_album(self, name: str) -> None:
        ids = self._dialog_ids or self._ids()
        name = name.strip()
        if ids and name:
            self._write(
                lambda: self._library.add_to_album(ids, name),
                plural(
                    len(ids),
                    QCoreApplication.translate(
                        "GalleryActions", "Added %n image to the album.", None, len(ids)
                    ),
                    QCoreApplication.translate(
                        "GalleryActions", "Added %n images to the album.", None, len(ids)
                    ),
                ),
            )

    def export_selected(
        self, folder: str | Path, template: str | None = None, strip: bool = False
    ) -> None:
        """Copy the selected images to `folder` named by `template` (the settings' one by
        default), with their metadata or (`strip`) without any."""
        ids = self._dialog_ids or self._ids()
        if not ids:
            return
        query = id_query(ids, any(r.deleted for r in self.selected_rows()))
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
        ids = self._ids()
        if not ids:
            return
        library = self._library

        def done(moved: list[int]) -> None:
            self.status_message.emit(
                plural(
                    len(moved),
                    QCoreApplication.translate(
                        "GalleryActions", "Moved %n image to the trash.", None, len(moved)
                    ),
                    QCoreApplication.translate(
                        "GalleryActions", "Moved %n images to the trash.", None, len(moved)
                    ),
                )
            )
            self.trashed.emit(moved)

        run_in_thread(
            lambda: library.delete(ids),
            done,
            lambda exc: self.status_message.emit(str(exc)),
            owner=self,
        )

    def restore_selected(self) -> None:
        ids = [r.id for r in self.selected_rows() if r.deleted]
        if ids:
            self.restore(ids)

    def restore(self, ids: list[int]) -> None:
        self._write(
            lambda: self._library.restore(ids),
            plural(
                len(ids),
                QCoreApplication.translate("GalleryActions", "Restored %n image.", None, len(ids)),
                QCoreApplication.translate("GalleryActions", "Restored %n images.", None, len(ids)),
            ),
        )

    # -- dialogs (open(), never exec(): no nested event loop) ---------------------------

    @property
    def dialog(self) -> QDialog | None:
        """The dialog currently asking for tags, an album or a folder (tests drive it)."""
        return self._dialog

    def _show(self, dialog: QDialog) -> None:
        # Remember the ids now: the selection may change while the dialog is open.
        self._dialog_ids = self._ids()
        self._dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._dialog_closed)
        dialog.open()

    def _dialog_closed(self) -> None:
        self._dialog = None
        self._dialog_ids = []

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
