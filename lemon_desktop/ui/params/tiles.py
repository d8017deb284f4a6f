"""A choice shown as tiles (sizes, aspect ratios), each with its price under it.

The tiles mirror a combo box that stays the editor's value holder (hidden): one source
of truth, and every existing way of setting the value keeps working.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QSizePolicy,
    QToolButton,
    QWidget,
)

# A tile needs about this much room for "1536x1024" and a price; fewer columns in a
# narrow panel rather than clipped text.
TILE_WIDTH = 96
MAX_COLUMNS = 4


class TileGrid(QWidget):
    def __init__(self, combo: QComboBox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tileGrid")
        self.combo = combo
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.tiles: list[QToolButton] = []
        self._prices: dict[object, str] = {}
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(4)
        self.columns = 0
        for index in range(combo.count()):
            tile = QToolButton(self)
            tile.setCheckable(True)
            tile.setAutoRaise(False)
            tile.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            tile.setMinimumHeight(tile.fontMetrics().lineSpacing() * 2 + 10)
            self.group.addButton(tile, index)
            self.tiles.append(tile)
        self._arrange(2)
        self.group.idClicked.connect(combo.setCurrentIndex)
        combo.currentIndexChanged.connect(self._sync)
        self._label_all()
        self._sync(combo.currentIndex())

    def _arrange(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        for tile in self.tiles:
            self.grid.removeWidget(tile)
        for index, tile in enumerate(self.tiles):
            self.grid.addWidget(tile, index // columns, index % columns)
        for column in range(MAX_COLUMNS):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(max(2, min(MAX_COLUMNS, event.size().width() // TILE_WIDTH)))

    def set_prices(self, prices: dict[object, str]) -> None:
        """Each tile's price line, by the value it stands for (absent: no line)."""
        self._prices = dict(prices)
        self._label_all()

    def price_of(self, value: object) -> str | None:
        return self._prices.get(value)

    def tile_for(self, value: object) -> QToolButton | None:
        index = self.combo.findData(value)
        return self.tiles[index] if 0 <= index < len(self.tiles) else None

    def _label_all(self) -> None:
        for index, tile in enumerate(self.tiles):
            text = self.combo.itemText(index)
            value = self.combo.itemData(index)
            price = self._prices.get(value)
            # "model default: auto" on two lines: a tile is narrow.
            shown = text.replace(": ", ":\n", 1) if value is None else text
            tile.setText(f"{shown}\n{price}" if price else shown)
            tile.setToolTip(text if not price else f"{text}: {price}")

    def _sync(self, index: int) -> None:
        if 0 <= index < len(self.tiles):
            self.tiles[index].setChecked(True)
        # The chosen tile in bold too: a dark palette draws a checked button barely
        # darker than the others, and the choice must show in every theme.
        for position, tile in enumerate(self.tiles):
            font = tile.font()
            font.setBold(position == index)
            tile.setFont(font)
