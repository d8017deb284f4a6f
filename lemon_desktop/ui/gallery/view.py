"""The virtualized gallery: images in justified rows by their aspect, placed by arithmetic.

QListView laid every row out (a Python rowCount call per row: 1.25 s for a
million rows, again on every insert or width change). This view asks a
JustifiedGrid (layout.py) where a cell is, which lays out only the blocks
(the model's pages) that come into view and estimates the rest, so opening,
scrolling, inserting and resizing cost the same at a million rows as at a
hundred. The delegate paints one cell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QRegion,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QRubberBand,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ..shortcuts import Context, match
from .layout import JustifiedGrid
from .model import GalleryModel

PADDING = 6  # around each thumbnail inside its cell
_RADIUS = 6.0


class ThumbnailDelegate(QStyledItemDelegate):
    """Paints the thumbnail filling its cell, a selection frame and fav/rating marks.

    Paint runs for every visible cell on every scroll frame, so it stays cheap:
    one Python call into the model per cell, no text layout (marks are cached
    pixmaps), no antialiasing except on the selection frame.
    """

    def __init__(self, view: GalleryView) -> None:
        super().__init__(view)
        self._view = view
        self._badges: dict[tuple[bool, int, float], QPixmap] = {}

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return self._view.gridSize()

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        model = index.model()
        if not isinstance(model, GalleryModel):
            return
        row, pixmap = model.cell(index.row())
        if row is None:
            return
        cell: QRect = option.rect
        half = PADDING // 2
        frame = cell.adjusted(half, half, -half, -half)
        target = cell.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        if selected:
            self._draw_frame(painter, option.palette, frame, fill=True)
        if pixmap is not None and not pixmap.isNull():
            self._draw_pixmap(painter, pixmap, target)
        else:
            painter.fillRect(target, self._view.placeholder_colour)
        if row.favourite or row.rating:
            badge = self._badge(row.favourite, row.rating, painter.device().devicePixelRatioF())
            painter.drawPixmap(target.left() + 4, target.bottom() - 21, badge)
        if state & QStyle.StateFlag.State_HasFocus and not selected:
            self._draw_frame(painter, option.palette, frame, fill=False)

    @staticmethod
    def _draw_frame(painter: QPainter, palette: QPalette, frame: QRect, *, fill: bool) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        highlight = QColor(palette.color(QPalette.ColorRole.Highlight))
        painter.setPen(QPen(highlight, 2))
        if fill:
            highlight.setAlpha(70)
            painter.setBrush(highlight)
        else:
            painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(frame.adjusted(1, 1, -1, -1), _RADIUS, _RADIUS)
        painter.restore()

    @staticmethod
    def _draw_pixmap(painter: QPainter, pixmap: QPixmap, target: QRect) -> None:
        ratio = pixmap.devicePixelRatio() or 1.0
        device = painter.device().devicePixelRatioF() or 1.0
        if (
            pixmap.width() == round(target.width() * device)
            and pixmap.height() == round(target.height() * device)
            and ratio == device
        ):
            painter.drawPixmap(target.topLeft(), pixmap)  # 1:1, the fast path
            return
        # Fill the cell; crop what the row's aspect clamp (or rounding) cut off. A smooth
        # draw is about 0.1 ms a cell; scaling a copy once (QPixmap.scaled) cost 0.35 ms
        # and, with row heights that vary, was rarely reused.
        pw, ph = pixmap.width(), pixmap.height()
        if pw <= 0 or ph <= 0 or target.width() <= 0 or target.height() <= 0:
            return
        want = target.width() / target.height()
        if pw / ph > want:
            cut = round(ph * want)
            source = QRect((pw - cut) // 2, 0, cut, ph)
        else:
            cut = round(pw / want)
            source = QRect(0, (ph - cut) // 2, pw, cut)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawPixmap(target, pixmap, source)
        painter.restore()

    def _badge(self, favourite: bool, rating: int, ratio: float) -> QPixmap:
        """The "♥ ★★★" pill, drawn once per combination (text layout is slow)."""
        key = (favourite, rating, ratio)
        badge = self._badges.get(key)
        if badge is not None:
            return badge
        font = QFont(self._view.font())
        font.setBold(True)
        text = ("♥ " if favourite else "") + ("★" * rating)
        width = QFontMetrics(font).horizontalAdvance(text) + 10
        badge = QPixmap(round(width * ratio), round(18 * ratio))
        badge.setDevicePixelRatio(ratio)
        badge.fill(Qt.GlobalColor.transparent)
        p = QPainter(badge)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setFont(font)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(0, 0, 0, 130))
        p.drawRoundedRect(QRect(0, 0, width, 18), 9, 9)
        p.setPen(QColor(255, 214, 90))
        p.drawText(QRect(5, 0, width - 5, 18), Qt.AlignmentFlag.AlignVCenter, text)
        p.end()
        self._badges[key] = badge
        return badge


class GalleryView(QAbstractItemView):
    """Justified rows; keys and drops are routed out as signals for the panel to act on."""

    key_command = Signal(str)  # the name of a gallery shortcut in ui/shortcuts.py
    files_dropped = Signal(object)  # the QMimeData of a drop from outside
    # The mouse went down on a selected cell: a drag of the selection may follow.
    drag_may_start = Signal()

    def __init__(self, parent: QWidget | None = None, thumb_size: int = 192) -> None:
        super().__init__(parent)
        self._thumb_size = thumb_size
        self._grid = JustifiedGrid(self._block_aspects)
        self._rubber = QRubberBand(QRubberBand.Shape.Rectangle, self.viewport())
        self._press: QPoint | None = None  # content coordinates of a rubber-band press
        # What a drag out carries: the whole selection's files, or None to refuse (the
        # owner says why). GalleryActions sets it; without it nothing is dragged.
        self.drag_files: Callable[[], QMimeData | None] | None = None
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.placeholder_colour = self._placeholder_colour()
        self._delegate = ThumbnailDelegate(self)
        self.setItemDelegate(self._delegate)
        self._configure()

    def _placeholder_colour(self) -> QColor:
        # Opaque (Mid blended into Base beforehand): filling with alpha costs a blend per pixel.
        base, mid = (
            self.palette().color(QPalette.ColorRole.Base),
            self.palette().color(QPalette.ColorRole.Mid),
        )
        return QColor(
            (base.red() * 3 + mid.red()) // 4,
            (base.green() * 3 + mid.green()) // 4,
            (base.blue() * 3 + mid.blue()) // 4,
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # a theme switch: blend it again
            self.placeholder_colour = self._placeholder_colour()

    # -- size and layout -----------------------------------------------------------------

    @property
    def thumb_size(self) -> int:
        return self._thumb_size

    def set_thumb_size(self, size: int) -> None:
        if size != self._thumb_size:
            self._thumb_size = size
            self._relayout(keep=self.currentIndex())

    def gridSize(self) -> QSize:
        """A square image's cell (rows are about this tall; widths follow each aspect)."""
        cell = self._thumb_size + 2 * PADDING
        return QSize(cell, cell)

    def _configure(self) -> bool:
        return self._grid.configure(
            self.viewport().width(), self._thumb_size + 2 * PADDING, PADDING
        )

    def _block_aspects(self, block: int) -> Sequence[float] | None:
        model = self.model()
        if isinstance(model, GalleryModel):
            return model.aspects(block * self._grid.block_size, self._grid.block_size)
        # Any other model (tests): square cells.
        first = block * self._grid.block_size
        return [1.0] * max(0, min(self._grid.block_size, self._rows() - first))

    def _rows(self) -> int:
        model = self.model()
        return 0 if model is None else model.rowCount(self.rootIndex())

    def _ends_list(self) -> bool:
        model = self.model()
        return model is None or not model.canFetchMore(self.rootIndex())

    def _top_anchor(self) -> tuple[int, int] | None:
        """The first cell at the viewport's top and its offset from there."""
        top = self.verticalScrollBar().value()
        for index, (_x, y, _w, _h) in self._grid.cells_between(top, top):
            return index, y - top
        return None

    def _relayout(self, *, keep: QModelIndex | None = None) -> None:
        """Width or size changed: lay out again, keeping the top cell (or `keep`) in view."""
        anchor = self._top_anchor()
        if not self._configure():
            return
        self._measure_view()
        if keep is not None and keep.isValid():
            self.scrollTo(keep)
        elif anchor is not None:
            self._update_scroll_range()
            self.verticalScrollBar().setValue(self._grid.rect(anchor[0])[1] - anchor[1])
        self.viewport().update()

    def _measure_view(self) -> None:
        """Lay out the blocks in view from their real aspects, keeping the top cell still."""
        bar = self.verticalScrollBar()
        top = bar.value()
        bottom = top + self.viewport().height()
        anchor = self._top_anchor()
        if not self._grid.measure_between(top, bottom):
            return
        self._update_scroll_range()
        if anchor is not None and top > 0:
            target = self._grid.rect(anchor[0])[1] - anchor[1]
            if target != top:
                # Quietly: this runs while painting, and the value is the same content.
                bar.blockSignals(True)
                bar.setValue(target)
                bar.blockSignals(False)
                self.viewport().update()
        # The blocks now in view may differ after moving: measure those too (rarely twice).
        self._grid.measure_between(bar.value(), bar.value() + self.viewport().height())
        self._update_scroll_range()

    def _update_scroll_range(self) -> None:
        bar = self.verticalScrollBar()
        page = self.viewport().height()
        bar.setRange(0, max(0, self._grid.height - page))
        bar.setPageStep(page)
        bar.setSingleStep(max(1, self.gridSize().height() // 3))

    def verticalScrollbarValueChanged(self, value: int) -> None:
        # The base class counts (fetchMore) on the GUI thread when the bar hits the end;
        # the gallery's model counts in a worker instead, asked at the first scroll: a
        # count at a million images takes longer than scrolling through the first page
        # does, and the bar would stop at its end until the count came.
        model = self.model()
        if isinstance(model, GalleryModel):
            if value > 0 and model.canFetchMore(QModelIndex()):
                model.count_in_background()
            return
        super().verticalScrollbarValueChanged(value)

    def updateGeometries(self) -> None:
        self._configure()
        self._update_scroll_range()
        super().updateGeometries()

    def doItemsLayout(self) -> None:
        # Nothing to lay out ahead: blocks are laid out as they come into view.
        self._measure_view()
        super().doItemsLayout()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._relayout()
        else:
            self._update_scroll_range()

    # -- the model's changes ------------------------------------------------------------------

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        self._grid.reset(self._rows(), ends_list=self._ends_list())
        self._update_scroll_range()

    def reset(self) -> None:
        super().reset()
        self._grid.reset(self._rows(), ends_list=self._ends_list())
        self._update_scroll_range()
        self.viewport().update()

    def rowsInserted(
        self, parent: QModelIndex | QPersistentModelIndex, start: int, end: int
    ) -> None:
        super().rowsInserted(parent, start, end)
        if parent.isValid():
            return
        if start == self._grid.count:  # appended (the count arrived): measured blocks hold
            self._grid.extend(self._rows(), ends_list=self._ends_list())
        else:
            self._grid.reset(self._rows(), ends_list=self._ends_list())
        self._update_scroll_range()
        self.viewport().update()

    def rowsAboutToBeRemoved(
        self, parent: QModelIndex | QPersistentModelIndex, start: int, end: int
    ) -> None:
        super().rowsAboutToBeRemoved(parent, start, end)
        if not parent.isValid():
            # The rows are still counted now: lay out again once they are gone.
            model = self.model()
            if model is not None:
                model.rowsRemoved.connect(
                    self._after_removal, Qt.ConnectionType.SingleShotConnection
                )

    def _after_removal(self, *_args: object) -> None:
        self._grid.reset(self._rows(), ends_list=self._ends_list())
        self._update_scroll_range()
        self.viewport().update()

    def dataChanged(
        self,
        top_left: QModelIndex | QPersistentModelIndex,
        bottom_right: QModelIndex | QPersistentModelIndex,
        roles: Sequence[int] = (),
    ) -> None:
        # A page or a thumbnail arrived: repaint. Cells in view are measured at the paint.
        QAbstractItemView.dataChanged(self, top_left, bottom_right, list(roles))
        self.viewport().update()

    # -- geometry API -----------------------------------------------------------------------------

    def visualRect(self, index: QModelIndex | QPersistentModelIndex) -> QRect:
        if not index.isValid() or index.row() >= self._grid.count:
            return QRect()
        try:
            x, y, w, h = self._grid.rect(index.row())
        except IndexError:
            # A guard, for a layout lagging the rows (as one did when rows were added
            # after a short last block). Qt calls this from C++ (dataChanged,
            # accessibility): an exception escaping here took the process down in
            # shiboken's error path.
            return QRect()
        return QRect(x, y - self.verticalScrollBar().value(), w, h)

    def indexAt(self, point: QPoint) -> QModelIndex:
        model = self.model()
        found = self._grid.index_at(point.x(), point.y() + self.verticalScrollBar().value())
        if model is None or found is None:
            return QModelIndex()
        return model.index(found, 0, self.rootIndex())

    def scrollTo(
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        if not index.isValid() or index.row() >= self._grid.count:
            return
        bar = self.verticalScrollBar()
        # Lay out the target's block first, so the scroll lands on its real place.
        block = index.row() // self._grid.block_size
        if self._grid.measure(block):
            self._update_scroll_range()
        _x, y, _w, h = self._grid.rect(index.row())
        page = self.viewport().height()
        top = bar.value()
        Hint = QAbstractItemView.ScrollHint
        if hint == Hint.PositionAtTop:
            value = y
        elif hint == Hint.PositionAtBottom:
            value = y + h - page
        elif hint == Hint.PositionAtCenter:
            value = y + h // 2 - page // 2
        elif y < top:
            value = y
        elif y + h > top + page:
            value = y + h - page
        else:
            return
        bar.setValue(max(0, min(bar.maximum(), value)))

    def horizontalOffset(self) -> int:
        return 0

    def verticalOffset(self) -> int:
        return self.verticalScrollBar().value()

    def isIndexHidden(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        return False

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        model = self.model()
        count = self._grid.count
        if model is None or count == 0:
            return QModelIndex()
        current = self.currentIndex()
        at = current.row() if current.isValid() else 0
        Move = QAbstractItemView.CursorAction
        target: int | None = at
        if not current.isValid():
            target = 0
        elif action in (Move.MoveLeft, Move.MovePrevious):
            target = max(0, at - 1)
        elif action in (Move.MoveRight, Move.MoveNext):
            target = min(count - 1, at + 1)
        elif action == Move.MoveUp:
            target = self._grid.row_above(at)
        elif action == Move.MoveDown:
            target = self._grid.row_below(at)
        elif action == Move.MoveHome:
            target = 0
        elif action == Move.MoveEnd:
            target = count - 1
        elif action in (Move.MovePageUp, Move.MovePageDown):
            x, y, w, h = self._grid.rect(at)
            page = self.viewport().height()
            down = action == Move.MovePageDown
            target = self._grid.nearest_at(x + w // 2, y + h // 2 + (page if down else -page))
        if target is None:
            target = at
        return model.index(target, 0, self.rootIndex())

    def setSelection(self, rect: QRect, command: QItemSelectionModel.SelectionFlag) -> None:
        model, selection_model = self.model(), self.selectionModel()
        if model is None or selection_model is None:
            return
        offset = self.verticalScrollBar().value()
        box = rect.normalized().translated(0, offset)
        rows = sorted(
            index
            for index, (x, y, w, h) in self._grid.cells_between(box.top(), box.bottom())
            if QRect(x, y, w, h).intersects(box)
        )
        selection = QItemSelection()
        root = self.rootIndex()
        start = previous = None
        for row in [*rows, None]:
            if row is not None and previous is not None and row == previous + 1:
                previous = row
                continue
            if start is not None and previous is not None:
                selection.select(model.index(start, 0, root), model.index(previous, 0, root))
            start = previous = row
        selection_model.select(selection, command)

    def visualRegionForSelection(self, selection: QItemSelection) -> QRegion:
        region = QRegion()
        top = self.verticalScrollBar().value()
        visible = [i for i, _r in self._grid.cells_between(top, top + self.viewport().height())]
        if not visible:
            return region
        first, last = visible[0], visible[-1]
        for k in range(selection.count()):
            item = selection.at(k)
            for row in range(max(first, item.top()), min(last, item.bottom()) + 1):
                region += self.visualRect(self.model().index(row, 0, self.rootIndex()))
        return region

    # -- painting ---------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        model = self.model()
        if model is None:
            return
        self._measure_view()
        offset = self.verticalScrollBar().value()
        area = event.rect()
        painter = QPainter(self.viewport())
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        base_state = option.state
        selection = self.selectionModel()
        current = self.currentIndex()
        focus = self.hasFocus() and current.isValid()
        root = self.rootIndex()
        delegate = self._delegate
        for row, (x, y, w, h) in self._grid.cells_between(
            area.top() + offset, area.bottom() + offset
        ):
            index = model.index(row, 0, root)
            option.rect = QRect(x, y - offset, w, h)
            state = base_state
            if selection is not None and selection.isSelected(index):
                state |= QStyle.StateFlag.State_Selected
            if focus and row == current.row():
                state |= QStyle.StateFlag.State_HasFocus
            option.state = state
            delegate.paint(painter, option, index)
        painter.end()

    # -- rubber band ----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        pos = event.position().toPoint()
        pressed = self.indexAt(pos)
        on_empty = not pressed.isValid()
        selection = self.selectionModel()
        if (
            not on_empty
            and event.button() == Qt.MouseButton.LeftButton
            and selection is not None
            and selection.isSelected(pressed)
        ):
            self.drag_may_start.emit()
        self._press = (
            (
                QPoint(pos.x(), pos.y() + self.verticalScrollBar().value())
                if on_empty or event.modifiers() & Qt.KeyboardModifier.ControlModifier
                else None
            )
            if event.button() == Qt.MouseButton.LeftButton
            else None
        )

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if self._press is not None and self.state() == QAbstractItemView.State.DragSelectingState:
            start = self._press - QPoint(0, self.verticalScrollBar().value())
            self._rubber.setGeometry(QRect(start, event.position().toPoint()).normalized())
            self._rubber.show()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self._press = None
        self._rubber.hide()

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        """Drag the whole selection's files out as a copy, or nothing (drag_files
        refuses while rows of the selection are not in memory, and says so)."""
        mime = self.drag_files() if self.drag_files is not None else None
        if mime is None:
            return
        drag = QDrag(self)
        drag.setMimeData(mime)
        model = self.model()
        current = self.currentIndex()
        row = model.loaded_row(current.row()) if isinstance(model, GalleryModel) else None
        pixmap = model.cached_thumbnail(row) if isinstance(model, GalleryModel) and row else None
        if pixmap is not None:
            drag.setPixmap(pixmap.scaled(96, 96, Qt.AspectRatioMode.KeepAspectRatio))
        drag.exec(Qt.DropAction.CopyAction)

    # -- keys -------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        command = match(Context.GALLERY, event)
        if command is not None and self.currentIndex().isValid():
            self.key_command.emit(command)
            event.accept()
            return
        super().keyPressEvent(event)

    # -- drop in ------------------------------------------------------------------

    def _outside_files(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> bool:
        # Our own thumbnails dropped back on the grid would import themselves again.
        return event.source() is not self and event.mimeData().hasUrls()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._outside_files(event):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._outside_files(event):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        if not self._outside_files(event):
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.files_dropped.emit(event.mimeData())
