"""One image on the compare board: the picture, its size and marks, and what can be
done to it (favourite, rate, open, use as reference, edit, pick). A cell whose image
has not come yet shows its job's state in the picture's place."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QImage, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...library import ImageRecord
from .. import shortcuts
from .picture import Picture

# Room under the picture: the caption line and the button row.
CHROME_HEIGHT = 64


class ImageCell(QFrame):
    favourite_clicked = Signal(int, bool)  # image id, the new value
    rated = Signal(int, int)  # image id, stars 0-5
    open_clicked = Signal(int)  # image id: show it in the viewer
    action_clicked = Signal(str, int)  # a shortcut-table image action, image id
    pick_clicked = Signal(int)  # image id: the winner

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareCell")
        self.image_id: int | None = None
        self.record: ImageRecord | None = None
        self.picked = False
        self.picture = Picture(self)
        self.caption = QLabel(self)
        self.caption.setObjectName("compareCaption")
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.favourite = QToolButton(self)
        self.favourite.setCheckable(True)
        self.favourite.setAutoRaise(True)
        self.favourite.setToolTip(self.tr("Favourite"))
        self.favourite.setAccessibleName(self.tr("Favourite"))
        self.rate = QToolButton(self)
        self.rate.setAutoRaise(True)
        self.rate.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.rate.setToolTip(self.tr("Rate this image"))
        self.rate.setAccessibleName(self.tr("Rate"))
        self.rate.setMenu(self._rating_menu())
        self.more = QToolButton(self)
        self.more.setAutoRaise(True)
        self.more.setText("⋯")
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more.setToolTip(self.tr("Open, use as reference, edit"))
        self.more.setAccessibleName(self.tr("More actions"))
        self.more.setMenu(self._more_menu())
        self.pick = QPushButton(self.tr("Pick"), self)
        self.pick.setToolTip(
            self.tr("Pick this one: it becomes a favourite, and the others can go to the trash")
        )
        self.favourite.clicked.connect(self._favourite)
        self.pick.clicked.connect(self._pick)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(2)
        for button in (self.favourite, self.rate, self.more):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.pick)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(3)
        layout.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.caption)
        layout.addLayout(buttons)
        self._show_marks()

    # -- menus --------------------------------------------------------------------------

    def _rating_menu(self) -> QMenu:
        menu = QMenu(self)
        for stars in range(6):
            label = self.tr("No rating") if stars == 0 else "★" * stars
            action = menu.addAction(label)
            action.triggered.connect(lambda _c=False, s=stars: self._rate(s))
        return menu

    def _more_menu(self) -> QMenu:
        menu = QMenu(self)
        self.open_action = QAction(self.tr("Open in the viewer"), self)
        self.open_action.triggered.connect(lambda _c=False: self._open())
        menu.addAction(self.open_action)
        for name in ("image_reference", "image_edit", "image_vary", "image_upscale"):
            action = QAction(shortcuts.label(name), self)
            action.setToolTip(shortcuts.tooltip(name))
            action.triggered.connect(lambda _c=False, n=name: self._action(n))
            menu.addAction(action)
        return menu

    # -- state ----------------------------------------------------------------------------

    def set_box(self, size: QSize) -> None:
        self.picture.set_box(size)

    def set_waiting(self, text: str) -> None:
        """No image yet: say how its job stands."""
        self.picture.set_placeholder(text)
        self._show_marks()

    def set_image(self, image_id: int, image: QImage) -> None:
        self.image_id = image_id
        self.picture.set_image(image)
        self._show_marks()

    def set_record(self, record: ImageRecord) -> None:
        self.image_id = record.id
        self.record = record
        self._show_marks()

    def set_picked(self, picked: bool) -> None:
        self.picked = picked
        self._show_marks()

    @property
    def deleted(self) -> bool:
        return self.record is not None and self.record.deleted

    def _show_marks(self) -> None:
        record = self.record
        has_image = self.image_id is not None
        for widget in (self.favourite, self.rate, self.more, self.pick):
            widget.setEnabled(has_image and not self.deleted)
        favourite = bool(record and record.favourite)
        self.favourite.setChecked(favourite)
        self.favourite.setText("★" if favourite else "☆")
        rating = record.rating if record else 0
        self.rate.setText("★" * rating if rating else self.tr("Rate"))
        parts: list[str] = []
        if record is not None:
            parts.append(f"{record.width}×{record.height}")
        if self.picked:
            parts.append(self.tr("Picked"))
        if self.deleted:
            parts.append(self.tr("In the trash"))
        self.caption.setText(" · ".join(parts))
        self.picture.set_dimmed(self.deleted)
        # The winner stands out in either theme: the palette's own highlight.
        border = "palette(highlight)" if self.picked else "transparent"
        self.setStyleSheet(f"#compareCell {{ border: 2px solid {border}; border-radius: 6px; }}")

    # -- what the person does -----------------------------------------------------------

    def _favourite(self) -> None:
        if self.image_id is not None:
            self.favourite_clicked.emit(self.image_id, self.favourite.isChecked())

    def _rate(self, stars: int) -> None:
        if self.image_id is not None:
            self.rated.emit(self.image_id, stars)

    def _open(self) -> None:
        if self.image_id is not None:
            self.open_clicked.emit(self.image_id)

    def _action(self, name: str) -> None:
        if self.image_id is not None:
            self.action_clicked.emit(name, self.image_id)

    def _pick(self) -> None:
        if self.image_id is not None:
            self.pick_clicked.emit(self.image_id)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.picture.geometry().contains(event.position().toPoint()):
            self._open()
        else:
            super().mouseDoubleClickEvent(event)
