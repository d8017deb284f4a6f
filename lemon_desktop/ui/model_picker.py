"""Searchable model list: "Recommended" first in the gateway's order, then by vendor."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..core.catalogue import CatalogEntry

MODEL_ROLE = Qt.ItemDataRole.UserRole + 1


class _Filter(QSortFilterProxyModel):
    """Matches model ids, vendors and the delivery/price text; groups stay while a child
    matches (recursive filtering)."""

    def __init__(self) -> None:
        super().__init__()
        self.setRecursiveFilteringEnabled(True)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)


class ModelPicker(QWidget):
    model_changed = Signal(str)
    # The compare selection changed (the checked model ids).
    compare_changed = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search models…"))
        self.search.setClearButtonEnabled(True)
        self._model = QStandardItemModel(0, 2, self)
        self._model.setHorizontalHeaderLabels([self.tr("Model"), self.tr("Delivery · price")])
        self._proxy = _Filter()
        self._proxy.setSourceModel(self._model)
        self.tree = QTreeView(self)
        self.tree.setModel(self._proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.tree.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)
        self.search.textChanged.connect(self._on_search)
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self._model.itemChanged.connect(self._on_item_changed)
        self._entries: dict[str, CatalogEntry] = {}
        self._current = ""
        self._compare_mode = False
        self._checked: set[str] = set()

    # -- content -------------------------------------------------------------

    def set_entries(self, entries: list[CatalogEntry]) -> None:
        keep = self._current
        self._entries = {e.id: e for e in entries}
        self._model.blockSignals(True)
        self._model.removeRows(0, self._model.rowCount())
        recommended = [e for e in entries if e.recommended]
        if recommended:
            self._add_group(self.tr("Recommended"), recommended)
        vendors: dict[str, list[CatalogEntry]] = {}
        for entry in entries:
            vendors.setdefault(entry.vendor, []).append(entry)
        for vendor, members in vendors.items():
            self._add_group(vendor, members)
        self._model.blockSignals(False)
        # A full rebuild; the view needs to hear about it despite the blocked signals.
        self._proxy.invalidate()
        self.tree.expandAll()
        if keep:
            self.set_current(keep, emit=False)

    def _add_group(self, title: str, members: list[CatalogEntry]) -> None:
        group = QStandardItem(title)
        group.setSelectable(False)
        font = group.font()
        font.setBold(True)
        group.setFont(font)
        for entry in members:
            name = QStandardItem(entry.id)
            name.setData(entry.id, MODEL_ROLE)
            name.setToolTip(
                self.tr("{model}: {delivery}{profile}").format(
                    model=entry.id,
                    delivery=entry.delivery_text,
                    profile=""
                    if entry.has_profile
                    else self.tr("; no profile here, so only common settings plus extras"),
                )
            )
            self._style_checkable(name)
            info = f"{entry.delivery_text} · {entry.price_text}"
            detail = QStandardItem(info)
            detail.setData(entry.id, MODEL_ROLE)
            group.appendRow([name, detail])
        self._model.appendRow([group, QStandardItem("")])

    def _style_checkable(self, item: QStandardItem) -> None:
        item.setCheckable(self._compare_mode)
        if self._compare_mode:
            checked = item.data(MODEL_ROLE) in self._checked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        else:
            item.setData(None, Qt.ItemDataRole.CheckStateRole)

    def entry(self, model_id: str) -> CatalogEntry | None:
        return self._entries.get(model_id)

    def model_ids(self) -> list[str]:
        return list(self._entries)

    # -- current model ---------------------------------------------------------

    @property
    def current(self) -> str:
        return self._current

    def set_current(self, model_id: str, *, emit: bool = True) -> bool:
        index = self._find(model_id)
        changed = model_id != self._current
        self._current = model_id
        if index is not None:
            self.tree.selectionModel().blockSignals(True)
            self.tree.setCurrentIndex(index)
            self.tree.selectionModel().blockSignals(False)
            self.tree.scrollTo(index)
        if emit and changed:
            self.model_changed.emit(model_id)
        return index is not None

    def _find(self, model_id: str) -> QModelIndex | None:
        for row in range(self._proxy.rowCount()):
            group = self._proxy.index(row, 0)
            for child in range(self._proxy.rowCount(group)):
                index = self._proxy.index(child, 0, group)
                if index.data(MODEL_ROLE) == model_id:
                    return index
        return None

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        model_id = current.data(MODEL_ROLE)
        if isinstance(model_id, str) and model_id != self._current:
            self._current = model_id
            self.model_changed.emit(model_id)

    def _on_search(self, text: str) -> None:
        self._proxy.setFilterFixedString(text.strip())
        self.tree.expandAll()
        if text.strip() and self._find(self._current) is None:
            # Typing a search and pressing Enter should land on the first match.
            first = self._first_leaf()
            if first is not None:
                self.tree.setCurrentIndex(first)

    def _first_leaf(self) -> QModelIndex | None:
        for row in range(self._proxy.rowCount()):
            group = self._proxy.index(row, 0)
            if self._proxy.rowCount(group):
                return self._proxy.index(0, 0, group)
        return None

    # -- compare -----------------------------------------------------------------

    def set_compare_mode(self, on: bool) -> None:
        self._compare_mode = on
        if not on:
            self._checked.clear()
        self._model.blockSignals(True)
        for item in self._leaves():
            self._style_checkable(item)
        self._model.blockSignals(False)
        self.tree.viewport().update()
        self.compare_changed.emit(self.compare_models())

    def set_checked(self, model_ids: list[str]) -> None:
        self._checked = set(model_ids)
        self._model.blockSignals(True)
        for item in self._leaves():
            self._style_checkable(item)
        self._model.blockSignals(False)
        self.tree.viewport().update()
        self.compare_changed.emit(self.compare_models())

    def compare_models(self) -> list[str]:
        """Checked models in list order (the same model may sit in two groups)."""
        return [m for m in self._entries if m in self._checked]

    def _leaves(self) -> list[QStandardItem]:
        items = []
        for row in range(self._model.rowCount()):
            group = self._model.item(row, 0)
            items += [group.child(i, 0) for i in range(group.rowCount())]
        return items

    def _on_item_changed(self, item: QStandardItem) -> None:
        model_id = item.data(MODEL_ROLE)
        if not self._compare_mode or not isinstance(model_id, str) or not item.isCheckable():
            return
        if item.checkState() == Qt.CheckState.Checked:
            self._checked.add(model_id)
        else:
            self._checked.discard(model_id)
        # Keep the twin entry (Recommended + vendor group) in step.
        self._model.blockSignals(True)
        for other in self._leaves():
            if other is not item and other.data(MODEL_ROLE) == model_id:
                self._style_checkable(other)
        self._model.blockSignals(False)
        self.tree.viewport().update()
        self.compare_changed.emit(self.compare_models())
