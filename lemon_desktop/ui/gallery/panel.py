"""The gallery panel: search box, filter chips, size slider, the grid and an undo banner."""

from __future__ import annotations

import itertools
import logging
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from lemon_desktop.library import Library, QueryError
from lemon_desktop.library.exporter import DEFAULT_TEMPLATE
from lemon_desktop.ui.thumbnail_loader import ThumbnailLoader

from ..mark_history import MarkHistory
from ..shortcuts import IMAGE_ACTIONS
from ..shortcuts import label as shortcut_label
from ..shortcuts import sequences as shortcut_sequences
from ..tasks import run_in_thread
from .actions import GalleryActions
from .chips import FilterChips
from .dragdrop import DropImporter
from .model import GalleryModel
from .text import plural
from .view import GalleryView

if TYPE_CHECKING:
    from ..image_actions import ImageActions

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 250
COUNT_CAP = 1000
MIN_THUMB, MAX_THUMB, THUMB_STEP = 96, 384, 32
UNDO_SECONDS = 10
# While scrolling fast, stale thumbnail requests pile up: drop the queue this often.
_CANCEL_EVERY_MS = 150


class UndoBanner(QFrame):
    undo = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("galleryUndoBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel(self)
        self.button = QPushButton(self.tr("Undo"), self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self._ids: list[int] = []
        self._timer = QTimer(self, singleShot=True, interval=UNDO_SECONDS * 1000)
        self._timer.timeout.connect(self.hide)
        self.button.clicked.connect(self._undo)
        self.hide()

    def offer(self, ids: list[int]) -> None:
        self._ids = list(ids)
        self.label.setText(
            plural(
                len(ids),
                QCoreApplication.translate(
                    "UndoBanner", "Moved %n image to the trash.", None, len(ids)
                ),
                QCoreApplication.translate(
                    "UndoBanner", "Moved %n images to the trash.", None, len(ids)
                ),
            )
        )
        self.show()
        self._timer.start()

    def _undo(self) -> None:
        self.hide()
        if self._ids:
            self.undo.emit(self._ids)
            self._ids = []


class GalleryPanel(QWidget):
    """Everything the main window needs from the gallery.

    Signals: reuse_requested(dict) fill the generate panel without generating;
    reuse_offered(dict) a dropped file carried settings, ask before reusing;
    open_requested(int) show this image in the viewer; status_message(str).
    """

    reuse_requested = Signal(dict)
    reuse_offered = Signal(dict)
    open_requested = Signal(int)
    status_message = Signal(str)
    query_applied = Signal(str)  # the effective query now shown
    current_image_changed = Signal(int)  # the grid's current image (the stage shows it)
    thumb_size_changed = Signal(int)  # logical pixels, for the main window to remember

    # What can be done to the selection. The name hides QWidget.actions() (this widget
    # adds no QActions of its own); the window, the tests and the menus know it by it.
    actions: GalleryActions  # type: ignore[assignment]

    def __init__(
        self,
        library: Library,
        thumbnails: ThumbnailLoader,
        parent: QWidget | None = None,
        *,
        history: MarkHistory | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._loader = thumbnails
        self._export_template = DEFAULT_TEMPLATE
        self._count_generation = itertools.count()
        self._count_token = 0
        self._anchor: tuple[QPersistentModelIndex, int] | None = None
        # Edit, use as reference, vary, upscale, remove background: performed by the
        # window's ImageActions (set by the window), offered here with their keys.
        self._image_actions: ImageActions | None = None
        self._menu: QMenu | None = None
        self.make_actions: dict[str, QAction] = {}
        for name in IMAGE_ACTIONS:
            action = QAction(shortcut_label(name), self)
            action.setShortcuts(shortcut_sequences(name))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the grid's keys
            action.triggered.connect(partial(self._image_action, name))
            self.make_actions[name] = action

        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search the gallery"))
        self.search.setPlaceholderText(
            self.tr("Search prompts…   model:  tag:  album:  fav  rating:>=4  ratio:16:9")
        )
        self.count_label = QLabel(self)
        self.count_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.selection_label = QLabel(self)
        self.selection_label.setObjectName("gallerySelectionCount")
        self.error_label = QLabel(self)
        self.error_label.setObjectName("gallerySearchError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(
            "color: palette(bright-text); background: #b3261e;border-radius: 4px; padding: 3px 6px;"
        )
        self.error_label.hide()
        self.chips = FilterChips(library, self)
        self.size_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.size_slider.setRange(MIN_THUMB, MAX_THUMB)
        self.size_slider.setSingleStep(THUMB_STEP)
        self.size_slider.setPageStep(THUMB_STEP)
        self.size_slider.setTickInterval(THUMB_STEP)
        self.size_slider.setFixedWidth(100)
        self.size_slider.setToolTip(self.tr("Thumbnail size"))
        self.size_slider.setAccessibleName(self.tr("Thumbnail size"))
        self.size_slider.setValue(192)

        self.view = GalleryView(self, thumb_size=self.size_slider.value())
        self.view.setAccessibleName(self.tr("Images"))
        self.view.setAccessibleDescription(
            self.tr(
                "Arrow keys move; Enter shows the image on the stage; F: favourite; "
                "0 to 5: rate; Delete: move to the trash; Ctrl+Z undoes a mark"
            )
        )
        self.model = GalleryModel(
            library, thumbnails, self, thumb_size=self._device_pixels(self.size_slider.value())
        )
        self.view.setModel(self.model)
        self.actions = GalleryActions(
            library, self.view, self.model, lambda: self._export_template, self, history
        )
        self.importer = DropImporter(library, self)
        self.banner = UndoBanner(self)
        self.empty_label = QLabel(self.tr("No images match."), self.view.viewport())
        self.empty_label.setObjectName("galleryEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setMargin(12)
        self.empty_label.setEnabled(False)
        # The label floats over the viewport (no layout there), so it has to follow the
        # viewport's size itself; sized once, it kept a start-up width and clipped its text.
        self.view.viewport().installEventFilter(self)

        # How many images and how many are selected, in a line under the grid: beside the
        # search box they squeezed it to a few letters once images were selected at
        # 1024x700, and as they change nothing above the grid moves.
        counts = QHBoxLayout()
        counts.setContentsMargins(2, 0, 2, 0)
        counts.addWidget(self.count_label)
        counts.addWidget(self.selection_label)
        counts.addStretch(1)
        # Beside the stage the gallery may be narrower than its chips: they wrap, and
        # the size control flows after them.
        size_box = QWidget(self.chips)
        size_row = QHBoxLayout(size_box)
        size_row.setContentsMargins(6, 0, 0, 0)
        size_row.addWidget(QLabel(self.tr("Size"), size_box))
        size_row.addWidget(self.size_slider)
        self.chips.add_trailing(size_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addWidget(self.error_label)
        layout.addWidget(self.chips)
        layout.addWidget(self.banner)
        layout.addWidget(self.view, 1)
        layout.addLayout(counts)

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_query)
        self._count_timer = QTimer(self, singleShot=True, interval=200)
        self._count_timer.timeout.connect(self._refresh_count)
        self._cancel_timer = QTimer(self, singleShot=True, interval=_CANCEL_EVERY_MS)
        self._cancel_timer.timeout.connect(self._drop_stale_thumbnails)

        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_query)
        self.chips.changed.connect(self.apply_query)
        self.size_slider.valueChanged.connect(self._on_size)
        self.view.activated.connect(self._open_index)
        self.view.key_command.connect(self.actions.run_key)
        self.view.key_command.connect(self._image_key)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.files_dropped.connect(self.import_mime)
        self.view.verticalScrollBar().valueChanged.connect(self._on_scroll)
        self.actions.open_requested.connect(self.open_requested)
        self.actions.reuse_requested.connect(self.reuse_requested)
        self.actions.status_message.connect(self.status_message)
        self.actions.trashed.connect(self.banner.offer)
        self.banner.undo.connect(self.actions.restore)
        self.importer.status_message.connect(self.status_message)
        self.importer.reuse_offered.connect(self.reuse_offered)
        self.importer.imported.connect(self._on_imported)
        self.model.rowsAboutToBeInserted.connect(self._remember_anchor)
        self.model.rows_merged.connect(self._restore_anchor)
        self.model.rows_merged.connect(lambda _n: self._count_timer.start())
        self.model.rowsRemoved.connect(lambda *_a: self._count_timer.start())
        # fetchMore turns the first page into the full count: show it exactly.
        self.model.rowsInserted.connect(lambda *_a: self._count_timer.start())
        self.model.modelReset.connect(self._refresh_count)
        self.model.query_shown.connect(self._query_shown)
        self.model.query_failed.connect(self._query_failed)
        self.view.selectionModel().selectionChanged.connect(self._show_selection)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.model.modelReset.connect(self._show_selection)
        self._refresh_count()
        self._show_selection()

    # -- public API for the main window -------------------------------------------

    @property
    def image_actions(self) -> ImageActions | None:
        return self._image_actions

    @image_actions.setter
    def image_actions(self, image_actions: ImageActions | None) -> None:
        """The window's image actions: the grid's menu and keys offer them, and the
        gallery tags, files and trashes through them."""
        self._image_actions = image_actions
        self.actions.use_image_actions(image_actions)

    @property
    def export_template(self) -> str:
        """File name template for Export… (see lemon_desktop.library.naming)."""
        return self._export_template

    @export_template.setter
    def export_template(self, template: str) -> None:
        self._export_template = template or DEFAULT_TEMPLATE

    @property
    def thumb_size(self) -> int:
        return self.size_slider.value()

    @thumb_size.setter
    def thumb_size(self, size: int) -> None:
        self.size_slider.setValue(size)

    def set_query(self, text: str) -> None:
        """Put `text` in the search box and ask for its results now (they follow from a
        worker in a few ms)."""
        self.search.blockSignals(True)
        self.search.setText(text)
        self.search.blockSignals(False)
        self.apply_query()

    def effective_query(self) -> str:
        return " ".join(t for t in [self.search.text().strip(), *self.chips.tokens()] if t)

    def apply_query(self) -> bool:
        """Ask for the results of the search box plus chips; they replace the rows shown
        when a worker has read them. Bad syntax is reported at once (False) and keeps
        the old results, as does a failed read (reported when it fails)."""
        self._search_timer.stop()
        query = self.effective_query()
        try:
            self.model.set_query(query)
        except QueryError as exc:
            self._query_failed(str(exc), True)
            return False
        return True

    def _query_shown(self, query: str) -> None:
        self.error_label.hide()
        self.view.scrollToTop()
        self.query_applied.emit(query)

    def _query_failed(self, message: str, query_at_fault: bool) -> None:
        if query_at_fault:
            self.error_label.setText(message)
            self.error_label.show()
        else:
            self.status_message.emit(message)

    def select_image(self, image_id: int, *, max_pages: int = 25) -> bool:
        """Make `image_id` current and visible: at once when its row is in memory (True),
        else once a worker has found it in the first `max_pages` pages (False now)."""
        position = self.model.position(image_id)
        if position is not None:
            self._select(position)
            return True
        self.model.locate(image_id, self._select, max_pages=max_pages)
        return False

    def _select(self, position: int) -> None:
        index = self.model.index(position)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def neighbour(self, image_id: int, step: int) -> int | None:
        """Prev/next in gallery order, for ImageViewer.show_image(order=...): from memory,
        None while the row's page is still being read."""
        return self.model.neighbour(image_id, step)

    def preview(self, image_id: int) -> QPixmap | None:
        """The thumbnail already in memory for `image_id`, if any (the viewer shows it first)."""
        position = self.model.position(image_id)
        row = self.model.row_at(position) if position is not None else None
        return None if row is None else self.model.cached_thumbnail(row)

    def import_mime(self, mime: QMimeData) -> bool:
        """The drop handler: import the files in `mime` in a worker; False if none."""
        return self.importer.import_mime(mime)

    # -- internals -------------------------------------------------------------------

    def _device_pixels(self, size: int) -> int:
        return max(1, round(size * self.devicePixelRatioF()))

    def _on_size(self, value: int) -> None:
        snapped = MIN_THUMB + round((value - MIN_THUMB) / THUMB_STEP) * THUMB_STEP
        if snapped != value:
            self.size_slider.setValue(snapped)  # re-enters with the snapped value
            return
        current = self.view.currentIndex()
        self.view.set_thumb_size(value)
        self.model.set_thumb_pixels(self._device_pixels(value))
        if current.isValid():
            self.view.scrollTo(current)
        self.thumb_size_changed.emit(value)

    def _open_index(self, index: QModelIndex) -> None:
        image_id = index.data(GalleryModel.IdRole)
        if image_id is not None:
            self.open_requested.emit(int(image_id))

    def _context_menu(self, pos: QPoint) -> None:
        if self.image_actions is None:
            self.actions.popup_menu(pos)
            return
        index = self.view.indexAt(pos)
        if index.isValid() and not self.view.selectionModel().isSelected(index):
            self.view.setCurrentIndex(index)
        if not self.actions.selected_rows():
            return
        if self._menu is not None:
            self._menu.deleteLater()
        self._menu = menu = self.build_menu()
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def build_menu(self) -> QMenu:
        """The grid's menu, with the image actions (edit, vary, ...) after Open."""
        menu = self.actions.build_menu()
        if self.image_actions is None:
            return menu
        existing = menu.actions()
        rows = self.actions.selected_rows()
        made = list(self.make_actions.values())
        for name, action in self.make_actions.items():
            # Edit paints on one image; the others work on each selected image.
            action.setEnabled(bool(rows) and (name != "image_edit" or len(rows) == 1))
        if len(existing) > 2:  # after Open and Show in Folder
            menu.insertActions(existing[2], made)
            menu.insertSeparator(existing[2])
        else:
            menu.addActions(made)
        return menu

    def _image_key(self, name: str) -> None:
        if name in self.make_actions:
            self._image_action(name)

    def _image_action(self, name: str, _checked: bool = False) -> None:
        image_actions = self.image_actions
        if image_actions is not None:
            self.actions.with_selection(lambda rows: image_actions.run(name, [r.id for r in rows]))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        image_id = current.data(GalleryModel.IdRole) if current.isValid() else None
        if isinstance(image_id, int):
            self.current_image_changed.emit(image_id)

    def _on_imported(self, ids: list[int]) -> None:
        self.model.flush_events()
        if ids:
            self.select_image(ids[0], max_pages=1)

    def _on_scroll(self, _value: int) -> None:
        if not self._cancel_timer.isActive():
            self._cancel_timer.start()

    def _drop_stale_thumbnails(self) -> None:
        # Cells scrolled past still have queued decodes; drop them and let the cells
        # now visible ask again (cancel_pending never stops a running decode).
        visible = max(1, self._visible_cells())
        if self._loader.pending_count() > 2 * visible:
            self._loader.cancel_pending()
            self.model.forget_requests()
            self.view.viewport().update()

    def _visible_cells(self) -> int:
        grid = self.view.gridSize()
        area = self.view.viewport().size()
        columns = max(1, area.width() // max(1, grid.width()))
        return columns * (area.height() // max(1, grid.height()) + 2)

    def _remember_anchor(self, _parent: QModelIndex, first: int, _last: int) -> None:
        # New images go in above: keep whatever the user is looking at in place.
        if self.view.verticalScrollBar().value() == 0:
            self._anchor = None
            return
        top = self.view.indexAt(QPoint(self.view.gridSize().width() // 2, 2))
        if top.isValid() and first <= top.row():
            self._anchor = (QPersistentModelIndex(top), self.view.visualRect(top).top())

    def _restore_anchor(self, _inserted: int) -> None:
        anchor, self._anchor = self._anchor, None
        if anchor is None or not anchor[0].isValid():
            return
        self.view.doItemsLayout()
        moved = self.view.visualRect(self.model.index(anchor[0].row())).top() - anchor[1]
        bar = self.view.verticalScrollBar()
        bar.setValue(bar.value() + moved)

    def _refresh_count(self) -> None:
        rows = self.model.rowCount()
        if not self.model.canFetchMore(QModelIndex()):
            self._show_count(rows, exact=True)
            return
        self._show_count(rows, exact=False)
        # Counting can scan many rows (free-text search): do it off the GUI thread.
        token = self._count_token = next(self._count_generation)
        library, query = self._library, self.model.query

        def done(n: int) -> None:
            if token == self._count_token:
                self._show_count(n, exact=n < COUNT_CAP)

        run_in_thread(
            lambda: library.count(query, cap=COUNT_CAP), done, lambda _e: None, owner=self
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.Show,
        ):
            self._place_empty_label()
        return super().eventFilter(watched, event)

    def _place_empty_label(self) -> None:
        self.empty_label.setGeometry(self.view.viewport().rect())

    def _show_count(self, n: int, *, exact: bool) -> None:
        self.empty_label.setVisible(n == 0)
        if n == 0:
            self._place_empty_label()
        if exact:
            self.count_label.setText(
                plural(
                    n,
                    QCoreApplication.translate("GalleryPanel", "%n image", None, n),
                    QCoreApplication.translate("GalleryPanel", "%n images", None, n),
                )
            )
        else:
            self.count_label.setText(self.tr("%1+ images").replace("%1", f"{n:,}"))

    def _show_selection(self, *_args: object) -> None:
        selection = self.view.selectionModel()
        # Summed over ranges: listing every index of a select-all would be slow.
        ranges = selection.selection() if selection is not None else None
        n = sum(ranges.at(i).height() for i in range(ranges.count())) if ranges else 0
        # "· 3 selected" beside the count; empty (not hidden) so the header never reflows.
        self.selection_label.setText(
            "" if n == 0 else self.tr("· %1 selected").replace("%1", f"{n:,}")
        )
