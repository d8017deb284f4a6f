"""The filmstrip under the stage: the images of the current batch or job, in order.

Left and Right on the stage move through it (StagePanel); a click shows that image; its
context menu offers the same image actions as the stage and the gallery.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget, QListWidgetItem, QMenu

from ...library import ImageRecord, Library
from ..image_actions import MAKE_ACTIONS, ImageActions
from ..tasks import run_in_thread
from ..thumbnail_loader import ThumbnailLoader
from .facts import StripItem

THUMB = 64
IdRole = Qt.ItemDataRole.UserRole


class Filmstrip(QListWidget):
    chosen = Signal(int)  # the image id to show

    def __init__(
        self,
        library: Library,
        thumbnails: ThumbnailLoader | None,
        image_actions: ImageActions,
        parent: QListWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("stageFilmstrip")
        self._library = library
        self._loader = thumbnails
        self._image_actions = image_actions
        self._items: tuple[StripItem, ...] = ()
        self._waiting: dict[str, QListWidgetItem] = {}  # sha256 -> item awaiting its picture
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setMovement(QListView.Movement.Static)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setGridSize(QSize(THUMB + 8, THUMB + 8))
        self.setFixedHeight(THUMB + 8 + self.horizontalScrollBar().sizeHint().height() + 4)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the arrow keys stay with the stage
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.itemClicked.connect(self._clicked)
        if thumbnails is not None:
            thumbnails.ready.connect(self._on_thumbnail)
        self._popup: QMenu | None = None

    @property
    def strip(self) -> tuple[StripItem, ...]:
        return self._items

    def ids(self) -> list[int]:
        return [item.shown_id for item in self._items]

    def set_items(self, items: Sequence[StripItem], current: int | None) -> None:
        items = tuple(items)
        if items != self._items:
            self._items = items
            self.clear()
            self._waiting.clear()
            for item in items:
                row = QListWidgetItem(self)
                row.setData(IdRole, item.shown_id)
                row.setSizeHint(QSize(THUMB + 8, THUMB + 8))
            ids = [item.shown_id for item in items]
            library = self._library
            run_in_thread(lambda: [library.get(i) for i in ids], self._records, None, owner=self)
        self.set_current(current)
        # One image has nothing to move through: the strip gives its room to the stage.
        self.setVisible(len(items) > 1)

    def set_current(self, index: int | None) -> None:
        self.blockSignals(True)
        if index is None or not 0 <= index < self.count():
            self.clearSelection()
        else:
            self.setCurrentRow(index)
            self.scrollToItem(self.item(index))
        self.blockSignals(False)

    def _records(self, records: list[ImageRecord]) -> None:
        for row, record in enumerate(records):
            item = self.item(row)
            if item is None or item.data(IdRole) != record.id:
                continue
            item.setToolTip(record.prompt or record.path.name)
            if self._loader is not None:
                self._waiting[record.sha256] = item
                self._loader.request(record.path, record.sha256, THUMB)

    def _on_thumbnail(self, sha256: str, size: int, image: QImage) -> None:
        item = self._waiting.pop(sha256, None) if size == THUMB else None
        if item is not None and self.row(item) >= 0:
            item.setIcon(QIcon(QPixmap.fromImage(image)))

    def _clicked(self, item: QListWidgetItem) -> None:
        image_id = item.data(IdRole)
        if isinstance(image_id, int):
            self.chosen.emit(image_id)

    def build_menu(self, image_id: int) -> QMenu:
        menu = QMenu(self)
        for name in MAKE_ACTIONS:
            menu.addAction(self._image_actions.make_action(name, lambda: [image_id], menu))
        menu.addSeparator()
        menu.addAction(self.tr("Open"), lambda: self._image_actions.open_file(image_id))
        menu.addAction(self.tr("Reveal"), lambda: self._image_actions.reveal(image_id))
        menu.addAction(self.tr("Delete"), lambda: self._image_actions.delete([image_id]))
        return menu

    def _menu(self, pos: QPoint) -> None:
        item = self.itemAt(pos)
        image_id = item.data(IdRole) if item is not None else None
        if not isinstance(image_id, int):
            return
        if self._popup is not None:
            self._popup.deleteLater()
        self._popup = self.build_menu(image_id)
        self._popup.popup(self.viewport().mapToGlobal(pos))
