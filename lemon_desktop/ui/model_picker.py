"""Searchable model list: Favourites first, then Recommended in the gateway's order,
then the other models by vendor; each model appears once.

Searching only filters. A model is chosen by a click, or by Enter on the cursor that
the arrow keys move (in the search box or in the list); nothing else changes the
form's model, so typing a name never walks through other models' settings. The
view's selection is always the chosen model: after a search, a catalogue refresh or a
choice made elsewhere (reuse settings), never another one.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..core.catalogue import CatalogEntry, for_generation
from .core_words import core_text
from .model_rows import (
    BADGE_ROLE,
    DETAIL_ROLE,
    MODEL_ROLE,
    NAME_COLUMN,
    SEPARATOR,
    ModelRowDelegate,
    leaf_rows,
)

__all__ = ["MODEL_ROLE", "FavouriteStore", "ModelPicker"]

DETAIL_COLUMN = 1  # "delivery · price" as data (hidden: the row draws it under the id)
STAR_COLUMN = 2
_NAVIGATION = {
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_PageUp: -5,
    Qt.Key.Key_PageDown: 5,
}
_CHOOSE = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class FavouriteStore(Protocol):
    """Where starred models are kept between runs (the settings file in the window)."""

    def load(self) -> tuple[str, ...]: ...

    def save(self, model_ids: tuple[str, ...]) -> None: ...


class _Filter(QSortFilterProxyModel):
    """Matches model ids, vendors and the delivery/price text; groups stay while a child
    matches (recursive filtering)."""

    def __init__(self) -> None:
        super().__init__()
        self.setRecursiveFilteringEnabled(True)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)


class _ModelTree(QTreeView):
    """A tree whose selection only the picker sets: clicks and keys move the cursor,
    and the picker decides what that chooses."""

    def selectionCommand(
        self, index: QModelIndex | QPersistentModelIndex, event: QEvent | None = None
    ) -> QItemSelectionModel.SelectionFlag:
        return QItemSelectionModel.SelectionFlag.NoUpdate


class ModelPicker(QWidget):
    model_changed = Signal(str)
    # The compare selection changed (the checked model ids).
    compare_changed = Signal(list)
    # The starred models changed (their ids, in the list's order).
    favourites_changed = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search models…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search models"))
        self.search.setAccessibleDescription(
            self.tr("Filters the list; Up and Down move in it, Enter chooses")
        )
        self._model = QStandardItemModel(0, 3, self)
        self._proxy = _Filter()
        self._proxy.setSourceModel(self._model)
        self.tree = _ModelTree(self)
        self.tree.setObjectName("modelList")
        self.tree.setAccessibleName(self.tr("Models"))
        self.tree.setModel(self._proxy)
        self.delegate = ModelRowDelegate(self.tree)
        self.tree.setItemDelegate(self.delegate)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setIndentation(10)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Always there, so rows never re-wrap because a scroll bar came or went.
        self.tree.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.tree.setColumnHidden(DETAIL_COLUMN, True)
        # Room for about four models with their details, even at 1024×700.
        self.tree.setMinimumHeight(self.fontMetrics().height() * 14)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(STAR_COLUMN, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(STAR_COLUMN, self.fontMetrics().height() + 12)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self.tree.doItemsLayout)
        header.sectionResized.connect(self._on_section_resized)
        self.search.textChanged.connect(self._on_search)
        self.search.installEventFilter(self)
        self.tree.installEventFilter(self)
        self.tree.clicked.connect(self._on_clicked)
        self.tree.pressed.connect(self._on_pressed)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self._model.itemChanged.connect(self._on_item_changed)
        self.favourites: FavouriteStore | None = None
        self._entries: dict[str, CatalogEntry] = {}  # what the list offers
        self._catalogue: dict[str, CatalogEntry] = {}  # finishing tools included
        self._favourites: set[str] = set()
        self._current = ""
        self._compare_mode = False
        self._checked: set[str] = set()
        self._toggled_by_press = False

    # -- content -------------------------------------------------------------

    def set_entries(self, entries: list[CatalogEntry]) -> None:
        """Show the catalogue's generation models; finishing tools are never offered."""
        self._catalogue = {e.id: e for e in entries}
        self._entries = {e.id: e for e in for_generation(entries)}
        if self.favourites is not None:
            self._favourites = set(self.favourites.load())
        self._rebuild()

    def _rebuild(self) -> None:
        cursor = self.tree.currentIndex().data(MODEL_ROLE)
        entries = list(self._entries.values())
        favourites = [e for e in entries if e.id in self._favourites]
        recommended = [e for e in entries if e.recommended and e.id not in self._favourites]
        placed = {e.id for e in favourites + recommended}
        # Items are styled before they join the model, so no itemChanged reaches us.
        self._model.removeRows(0, self._model.rowCount())
        if favourites:
            self._add_group(self.tr("Favourites"), favourites, ranked=False)
        if recommended:
            self._add_group(self.tr("Recommended"), recommended, ranked=True)
        vendors: dict[str, list[CatalogEntry]] = {}
        for entry in entries:
            if entry.id not in placed:
                vendors.setdefault(entry.vendor, []).append(entry)
        for vendor, members in vendors.items():
            self._add_group(vendor, members, ranked=False)
        self.tree.expandAll()
        self._show_chosen()
        if isinstance(cursor, str) and self._find(cursor) is not None:
            self._set_cursor(self._find(cursor))

    def _add_group(self, title: str, members: list[CatalogEntry], *, ranked: bool) -> None:
        group = QStandardItem(title)
        group.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = group.font()
        font.setBold(True)
        group.setFont(font)
        for entry in members:
            group.appendRow(self._row(entry, ranked=ranked))
        blank = [QStandardItem("") for _ in range(2)]
        for item in blank:
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self._model.appendRow([group, *blank])

    def _row(self, entry: CatalogEntry, *, ranked: bool) -> list[QStandardItem]:
        summary = f"{core_text(entry.delivery_text)}{SEPARATOR}{core_text(entry.price_text)}"
        details = summary  # parts joined by SEPARATOR wrap between each other
        if entry.success_rate_24h is not None:
            success = self.tr("{rate} ok in 24 h").format(rate=f"{entry.success_rate_24h:.1%}")
            # A short part kept whole: never "24" on one line and "h" on the next.
            details += SEPARATOR + success.replace(" ", "\u00a0")
        name = QStandardItem(entry.id)
        name.setData(entry.id, MODEL_ROLE)
        name.setData(details, DETAIL_ROLE)
        if ranked and entry.rank is not None:
            name.setData(self.tr("#{rank}").format(rank=entry.rank), BADGE_ROLE)
        name.setData(details, Qt.ItemDataRole.AccessibleDescriptionRole)
        name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        if not entry.has_profile:
            name.setToolTip(
                self.tr("{model}: no profile here, so only common settings plus extras").format(
                    model=entry.id
                )
            )
        self._style_checkable(name)
        detail = QStandardItem(summary)
        detail.setData(entry.id, MODEL_ROLE)
        detail.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        star = QStandardItem()
        star.setData(entry.id, MODEL_ROLE)
        star.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        star.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        self._style_star(star)
        return [name, detail, star]

    def _style_star(self, item: QStandardItem) -> None:
        starred = item.data(MODEL_ROLE) in self._favourites
        item.setText("★" if starred else "☆")
        tip = self.tr("Remove from favourites") if starred else self.tr("Add to favourites")
        item.setToolTip(tip)
        item.setData(tip, Qt.ItemDataRole.AccessibleTextRole)

    def _style_checkable(self, item: QStandardItem) -> None:
        item.setCheckable(self._compare_mode)
        if self._compare_mode:
            checked = item.data(MODEL_ROLE) in self._checked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        else:
            item.setData(None, Qt.ItemDataRole.CheckStateRole)

    def entry(self, model_id: str) -> CatalogEntry | None:
        """The catalogue's entry for `model_id`, finishing tools included."""
        return self._catalogue.get(model_id)

    def model_ids(self) -> list[str]:
        """The models the list offers for generation, in the catalogue's order."""
        return list(self._entries)

    def is_finishing_tool(self, model_id: str) -> bool:
        """Whether the gateway lists `model_id` only for finishing images it is given."""
        entry = self._catalogue.get(model_id)
        return entry is not None and not entry.generates

    # -- favourites --------------------------------------------------------------

    def favourite_models(self) -> list[str]:
        return [m for m in self._entries if m in self._favourites] + sorted(
            self._favourites - set(self._entries)
        )

    def set_favourite(self, model_id: str, on: bool) -> None:
        if (model_id in self._favourites) == on:
            return
        if on:
            self._favourites.add(model_id)
        else:
            self._favourites.discard(model_id)
        self._rebuild()
        found = self._find(model_id)
        if found is not None:
            self._set_cursor(found)
        ids = self.favourite_models()
        if self.favourites is not None:
            self.favourites.save(tuple(ids))
        self.favourites_changed.emit(ids)

    def _context_menu(self, pos: QPoint) -> None:
        model_id = self.tree.indexAt(pos).data(MODEL_ROLE)
        if not isinstance(model_id, str):
            model_id = self.tree.currentIndex().data(MODEL_ROLE)
        if not isinstance(model_id, str):
            return
        starred = model_id in self._favourites
        menu = QMenu(self)
        menu.addAction(
            self.tr("Choose {model}").format(model=model_id),
            lambda: self.set_current(model_id),
        )
        menu.addAction(
            self.tr("Remove from favourites") if starred else self.tr("Add to favourites"),
            lambda: self.set_favourite(model_id, not starred),
        )
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    # -- the chosen model ----------------------------------------------------------

    @property
    def current(self) -> str:
        return self._current

    def set_current(self, model_id: str, *, emit: bool = True) -> bool:
        """Choose `model_id`: the selection follows (none when the list lacks it)."""
        changed = model_id != self._current
        self._current = model_id
        if model_id in self._entries and self._find(model_id) is None and self.search.text():
            # Chosen elsewhere (reuse) while the search hides it: show it.
            self.search.clear()
        found = self._show_chosen()
        if found:
            self._set_cursor(self._find(model_id))
        if emit and changed:
            self.model_changed.emit(model_id)
        return found

    def _show_chosen(self) -> bool:
        """Select the chosen model's row, or nothing when it is not shown."""
        selection = self.tree.selectionModel()
        index = self._find(self._current) if self._current else None
        if index is None:
            selection.clearSelection()
            return False
        selection.select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        return True

    def chosen_rows(self) -> list[str]:
        """The model ids of the selected rows: the highlight the person sees."""
        rows = self.tree.selectionModel().selectedRows(NAME_COLUMN)
        return [str(index.data(MODEL_ROLE)) for index in rows]

    def _find(self, model_id: str) -> QModelIndex | None:
        for index in leaf_rows(self._proxy):
            if index.data(MODEL_ROLE) == model_id:
                return index
        return None

    # -- the cursor: moved by keys, chosen by Enter ------------------------------------

    def _set_cursor(self, index: QModelIndex | None) -> None:
        if index is None:
            return
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.NoUpdate
        )
        self.tree.scrollTo(index)
        self.tree.viewport().update()

    def cursor_model(self) -> str | None:
        model_id = self.tree.currentIndex().data(MODEL_ROLE)
        return model_id if isinstance(model_id, str) else None

    def move_cursor(self, step: int) -> None:
        """Move the cursor `step` models down (up when negative), without choosing."""
        leaves = leaf_rows(self._proxy)
        if not leaves:
            return
        ids = [index.data(MODEL_ROLE) for index in leaves]
        cursor = self.cursor_model()
        if cursor in ids:
            position = max(0, min(len(leaves) - 1, ids.index(cursor) + step))
        else:
            position = 0 if step > 0 else len(leaves) - 1
        self._set_cursor(leaves[position].siblingAtColumn(NAME_COLUMN))

    def _choose_cursor(self) -> None:
        cursor = self.cursor_model()
        if cursor is None or self._find(cursor) is None:
            leaves = leaf_rows(self._proxy)
            if not leaves:
                return
            cursor = str(leaves[0].data(MODEL_ROLE))
        self.set_current(cursor)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched in (self.search, self.tree):
            assert isinstance(event, QKeyEvent)
            key = Qt.Key(event.key())
            if key in _NAVIGATION:
                self.move_cursor(_NAVIGATION[key])
                return True
            if key in _CHOOSE:
                self._choose_cursor()
                return True
            if watched is self.tree and key in (Qt.Key.Key_Home, Qt.Key.Key_End):
                self.move_cursor(-10_000 if key == Qt.Key.Key_Home else 10_000)
                return True
            if watched is self.tree and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
                return True  # the cursor is a row: no cell-to-cell moves
        return super().eventFilter(watched, event)

    def _on_pressed(self, index: QModelIndex) -> None:
        self._toggled_by_press = False
        if isinstance(index.data(MODEL_ROLE), str):
            # The cursor is a row, whichever of its cells was pressed.
            self._set_cursor(index.siblingAtColumn(NAME_COLUMN))

    def _on_clicked(self, index: QModelIndex) -> None:
        model_id = index.data(MODEL_ROLE)
        if not isinstance(model_id, str):
            return
        if index.column() == STAR_COLUMN:
            self.set_favourite(model_id, model_id not in self._favourites)
            return
        if self._toggled_by_press:
            # The click ticked or unticked a compare box: that is all it did.
            self._toggled_by_press = False
            return
        self.set_current(model_id)

    def _on_search(self, text: str) -> None:
        self._proxy.setFilterFixedString(text.strip())
        self.tree.expandAll()
        self._show_chosen()
        # Enter chooses the best match; an empty search returns to the chosen model.
        chosen = self._find(self._current)
        if not text.strip() and chosen is not None:
            self._set_cursor(chosen)
        else:
            leaves = leaf_rows(self._proxy)
            self._set_cursor(leaves[0] if leaves else None)

    def _on_section_resized(self, section: int, old: int, new: int) -> None:
        if section == NAME_COLUMN and old != new:
            # Rows wrap to the list's width: their heights follow it.
            self._relayout.start()

    # -- compare -----------------------------------------------------------------

    def set_compare_mode(self, on: bool) -> None:
        self._compare_mode = on
        if not on:
            self._checked.clear()
        self._restyle_checks()
        self._relayout.start()  # the check boxes take width from the text

    def set_checked(self, model_ids: list[str]) -> None:
        self._checked = set(model_ids)
        self._restyle_checks()

    def _restyle_checks(self) -> None:
        self._model.blockSignals(True)
        for item in self._leaves():
            self._style_checkable(item)
        self._model.blockSignals(False)
        self.tree.viewport().update()
        self.compare_changed.emit(self.compare_models())

    def compare_models(self) -> list[str]:
        """Checked models in the catalogue's order, each once."""
        return [m for m in self._entries if m in self._checked]

    def _leaves(self) -> list[QStandardItem]:
        items = []
        for row in range(self._model.rowCount()):
            group = self._model.item(row, NAME_COLUMN)
            items += [group.child(i, NAME_COLUMN) for i in range(group.rowCount())]
        return items

    def _on_item_changed(self, item: QStandardItem) -> None:
        model_id = item.data(MODEL_ROLE)
        if not self._compare_mode or not isinstance(model_id, str) or not item.isCheckable():
            return
        self._toggled_by_press = True
        if item.checkState() == Qt.CheckState.Checked:
            self._checked.add(model_id)
        else:
            self._checked.discard(model_id)
        self.compare_changed.emit(self.compare_models())
