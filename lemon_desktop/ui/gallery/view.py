"""The virtualized grid: QListView in icon mode and a delegate that paints one cell."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ..shortcuts import Context, match
from .model import GalleryModel

PADDING = 6  # around each thumbnail inside its grid cell
_RADIUS = 6.0


class ThumbnailDelegate(QStyledItemDelegate):
    """Paints the thumbnail centred in its cell, a selection frame and fav/rating marks.

    Paint runs for every visible cell on every scroll frame, so it stays cheap:
    one Python call into the model per cell, no text layout (marks are cached
    pixmaps), no antialiasing or clipping except on the selection frame.
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
        edge = self._view.thumb_size
        frame = QRect(0, 0, edge + PADDING, edge + PADDING)
        frame.moveCenter(cell.center())
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        target = frame.adjusted(PADDING // 2, PADDING // 2, -(PADDING // 2), -(PADDING // 2))
        if selected:
            self._draw_frame(painter, option.palette, frame, fill=True)
        if pixmap is not None and not pixmap.isNull():
            target = self._draw_pixmap(painter, pixmap, target)
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
    def _draw_pixmap(painter: QPainter, pixmap: QPixmap, target: QRect) -> QRect:
        ratio = pixmap.devicePixelRatio() or 1.0
        size = QSize(round(pixmap.width() / ratio), round(pixmap.height() / ratio))
        if size.width() > target.width() or size.height() > target.height():
            size = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
        elif max(size.width(), size.height()) < max(target.width(), target.height()) * 0.9:
            # A stand-in from a smaller slider position: grow it rather than leave a gap.
            size = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
        rect = QRect(0, 0, size.width(), size.height())
        rect.moveCenter(target.center())
        if rect.width() * ratio == pixmap.width():
            painter.drawPixmap(rect.topLeft(), pixmap)  # 1:1, the fast path
        else:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawPixmap(rect, pixmap)
            painter.restore()
        return rect

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


class GalleryView(QListView):
    """Icon-mode grid; keys and drops are routed out as signals for the panel to act on."""

    key_command = Signal(str)  # the name of a gallery shortcut in ui/shortcuts.py
    files_dropped = Signal(object)  # the QMimeData of a drop from outside

    def __init__(self, parent: QWidget | None = None, thumb_size: int = 192) -> None:
        super().__init__(parent)
        self._thumb_size = thumb_size
        # A wrapping list, not IconMode: icon mode keeps a positioned item and a BSP
        # tree entry per row, so laying out 100,000 rows when the count arrives took
        # about 350 ms and 2 MB more; list mode lays uniform cells out from one
        # position per row (110-160 ms, mostly a Python rowCount call per row).
        # The delegate paints every cell, so both look the same.
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        # Batched layout restarts from row 0 on every insert and shrinks the scroll
        # range meanwhile, throwing the user back up whenever a page arrives once
        # more than one batch is loaded; a single pass keeps the position.
        self.setLayoutMode(QListView.LayoutMode.SinglePass)
        self.setUniformItemSizes(True)
        self.setMovement(QListView.Movement.Static)
        # Static movement switches drag off; turn it back on afterwards.
        self.setDragEnabled(True)
        self.setSelectionRectVisible(True)  # the rubber band icon mode shows by default
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSpacing(0)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.placeholder_colour = self._placeholder_colour()
        self.setItemDelegate(ThumbnailDelegate(self))
        self._apply_grid()

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

    @property
    def thumb_size(self) -> int:
        return self._thumb_size

    def set_thumb_size(self, size: int) -> None:
        if size != self._thumb_size:
            self._thumb_size = size
            self._apply_grid()

    def _apply_grid(self) -> None:
        cell = self._thumb_size + 2 * PADDING
        # Share the leftover width between the columns so the grid fills the view
        # instead of leaving a ragged gap on the right. QListView wraps a row once it
        # would reach the right edge exactly, so the columns get one pixel less.
        usable = self.viewport().width() - 1
        columns = max(1, usable // cell)
        width = max(cell, usable // columns)
        if self.gridSize() != QSize(width, cell):
            self.setGridSize(QSize(width, cell))
        self.setIconSize(QSize(self._thumb_size, self._thumb_size))
        self.verticalScrollBar().setSingleStep(max(1, cell // 3))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_grid()

    def dataChanged(
        self,
        top_left: QModelIndex | QPersistentModelIndex,
        bottom_right: QModelIndex | QPersistentModelIndex,
        roles: Sequence[int] = (),
    ) -> None:
        # Every cell has the grid's size, so changed data never moves one. QListView's
        # list mode lays all rows out again on any change (about 200 ms at 100,000
        # rows, for every thumbnail that arrives); the base class only repaints.
        QAbstractItemView.dataChanged(self, top_left, bottom_right, list(roles))

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
