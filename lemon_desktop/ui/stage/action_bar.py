"""The actions a person takes next, right above the picture: favourite, rate, edit, use
as reference, vary, upscale, remove background, open, reveal, delete; then the view's
own (fit, 100 %, details, full screen). A toolbar, so what does not fit at laptop size
goes into its » menu instead of squeezing the picture."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QLabel, QMenu, QSizePolicy, QToolBar, QToolButton, QWidget

from .. import shortcuts
from ..image_actions import MAKE_ACTIONS, ImageActions


class StageActionBar(QToolBar):
    favourite_toggled = Signal(bool)
    rated = Signal(int)

    def __init__(
        self,
        image_actions: ImageActions,
        current: Callable[[], list[int]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("stageActions")
        self.setIconSize(QSize(16, 16))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setFloatable(False)
        self.setMovable(False)
        self._image_actions = image_actions
        self._current = current

        self.favourite = QAction("♡", self)
        self.favourite.setCheckable(True)
        self.favourite.setToolTip(shortcuts.tooltip("favourite"))
        self.favourite.toggled.connect(self._favourite_toggled)
        self.addAction(self.favourite)
        heart = self.widgetForAction(self.favourite)
        if heart is not None:
            heart.setAccessibleName(self.tr("Favourite"))

        self.rating_menu = QMenu(self)
        self.rate_group = QActionGroup(self)
        self.rate: list[QAction] = []
        for stars, name in enumerate(shortcuts.RATINGS):
            text = self.tr("No rating") if stars == 0 else "★" * stars
            action = QAction(text, self.rate_group)
            action.setCheckable(True)
            action.setToolTip(shortcuts.tooltip(name))
            action.triggered.connect(partial(self._rate_chosen, stars))
            self.rating_menu.addAction(action)
            self.rate.append(action)
        self.rating_button = QToolButton(self)
        self.rating_button.setObjectName("stageRating")
        self.rating_button.setMenu(self.rating_menu)
        self.rating_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.rating_button.setToolTip(self.tr("Rate (0-5)"))
        self.rating_button.setAccessibleName(self.tr("Rating"))
        self.addWidget(self.rating_button)
        self.addSeparator()

        self.make: dict[str, QAction] = {}
        for name in MAKE_ACTIONS:
            # The stage's key handler performs the keys; the tooltips name them.
            action = image_actions.make_action(name, self._current, self)
            if name == "image_edit":
                action.setText(self.tr("Edit"))  # the table's longer label is its tooltip
            self.make[name] = action
            self.addAction(action)
        self.addSeparator()
        self.open_file = self._plain(self.tr("Open"), self.tr("Open the file"), self._open)
        self.reveal = self._plain(self.tr("Reveal"), self.tr("Show in the folder"), self._reveal)
        self.delete = self._plain(self.tr("Delete"), self.tr("Move to the trash"), self._delete)
        self.addSeparator()
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(spacer)
        self.zoom_label = QLabel(self)
        self.zoom_label.setMinimumWidth(48)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addWidget(self.zoom_label)
        self.fit = self._plain(self.tr("Fit"), shortcuts.tooltip("viewer_fit"))
        self.actual = self._plain("100%", shortcuts.tooltip("viewer_actual_size"))
        self.details = self._plain(self.tr("Details"), self.tr("Every detail of the image"))
        self.details.setCheckable(True)
        self.full_screen = self._plain(self.tr("Full screen"), self.tr("The image alone"))
        self.show_marks(False, 0)
        self.set_enabled(False)

    def _plain(self, text: str, tip: str, slot: Callable[[], None] | None = None) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def set_enabled(self, enabled: bool) -> None:
        """Off while nothing (or only a streamed preview) is on the stage."""
        for action in (
            self.favourite, *self.make.values(), self.open_file, self.reveal, self.delete,
        ):  # fmt: skip
            action.setEnabled(enabled)
        self.rating_button.setEnabled(enabled)

    def show_marks(self, favourite: bool, rating: int) -> None:
        """The shown image's marks, without writing them back."""
        self.favourite.blockSignals(True)
        self.favourite.setChecked(favourite)
        self.favourite.setText("♥" if favourite else "♡")
        self.favourite.blockSignals(False)
        for stars, action in enumerate(self.rate):
            action.setChecked(stars == rating)
        self.rating_button.setText("★" * rating + "☆" * (5 - rating))
        self.rating_button.setAccessibleDescription(
            self.tr("%1 of 5 stars").replace("%1", str(rating))
        )

    def show_zoom(self, scale: float) -> None:
        self.zoom_label.setText(f"{scale * 100:.0f} %")

    def _favourite_toggled(self, on: bool) -> None:
        self.favourite.setText("♥" if on else "♡")
        self.favourite_toggled.emit(on)

    def _rate_chosen(self, stars: int, _checked: bool = False) -> None:
        self.rated.emit(stars)

    def _open(self) -> None:
        for image_id in self._current()[:1]:
            self._image_actions.open_file(image_id)

    def _reveal(self) -> None:
        for image_id in self._current()[:1]:
            self._image_actions.reveal(image_id)

    def _delete(self) -> None:
        self._image_actions.delete(self._current())
