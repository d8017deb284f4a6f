"""Filter chips: small menu buttons whose choices add search tokens to the query.

The model and album chips list what the library holds: read in a worker each time
the menu opens, the menu showing the last list meanwhile and the new one when it
arrives. The chips wrap onto more rows where the gallery is narrow (at 1024x700 it is
about 230 px wide beside the stage): every chip stays whole and reachable, and a chosen
filter is always in sight."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from lemon_desktop.library import Library, LibraryError

from ..tasks import run_in_thread
from .flow import FlowLayout

Choices = list[tuple[str, str]]  # (label, token)
# A chosen value longer than this is cut on the chip (whole in its tooltip): a long
# model or album name would make the chip wider than the gallery.
MAX_VALUE_CHARS = 18


def quoted(value: str) -> str:
    """A query value, quoted when it holds spaces or quotes would confuse the parser."""
    if value and not any(c.isspace() or c == '"' for c in value):
        return value
    return '"' + value.replace('"', "") + '"'


class MenuChip(QToolButton):
    """A chip with a menu of (label, token) choices; the first choice means "any"."""

    changed = Signal()

    def __init__(
        self,
        title: str,
        choices: Callable[[], Choices],
        parent: QWidget | None = None,
        *,
        load: Callable[[], Choices] | None = None,
    ) -> None:
        """`choices` are listed first; `load`, a blocking read run in a worker whenever
        the menu opens, gives the ones after them."""
        super().__init__(parent)
        self._title = title
        self._choices = choices
        self._load = load
        self._loaded: Choices = []
        self._token = ""
        self._label = ""
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setCheckable(True)
        self.setAutoRaise(False)
        # Our own "▾" in the text; Qt's indicator would overlap it.
        self.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        menu = QMenu(self)
        # Filled when opened: model and album lists come from the library, which changes.
        menu.aboutToShow.connect(self._fill)
        self.setMenu(menu)
        self._update_text()

    @property
    def token(self) -> str:
        return self._token

    def choose(self, token: str, label: str | None = None) -> None:
        self._token = token
        self._label = label if label is not None else token
        self._update_text()
        self.changed.emit()

    def _update_text(self) -> None:
        self.setChecked(bool(self._token))
        label = self._label
        if len(label) > MAX_VALUE_CHARS:
            label = label[: MAX_VALUE_CHARS - 1] + "…"
        text = f"{self._title}: {label}" if self._token else self._title
        self.setText(text + " ▾")
        self.setToolTip(f"{self._title}: {self._label}" if self._token else "")

    def _fill(self) -> None:
        self._populate()
        if self._load is not None:
            run_in_thread(self._load, self._arrived, lambda _exc: None, owner=self)

    def _arrived(self, choices: Choices) -> None:
        changed = choices != self._loaded
        self._loaded = choices
        if changed and self.menu().isVisible():
            self._populate()

    def _populate(self) -> None:
        menu = self.menu()
        menu.clear()
        group = QActionGroup(menu)
        for label, token in self._choices() + self._loaded:
            action = QAction(label, menu, checkable=True)
            action.setChecked(token == self._token)
            action.triggered.connect(lambda _c=False, t=token, lb=label: self.choose(t, lb))
            group.addAction(action)
            menu.addAction(action)


class FilterChips(QWidget):
    """Model, favourites, rating, date, album and trash filters as query tokens."""

    changed = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._flow = layout = FlowLayout(self, spacing=6)
        self.model = MenuChip(
            QCoreApplication.translate("GalleryChips", "Model"),
            lambda: [(QCoreApplication.translate("GalleryChips", "Any model"), "")],
            self,
            load=self._models,
        )
        self.favourites = QToolButton(self)
        self.favourites.setText(QCoreApplication.translate("GalleryChips", "♥ Favourites"))
        self.favourites.setCheckable(True)
        self.rating = MenuChip(
            QCoreApplication.translate("GalleryChips", "Rating"), self._ratings, self
        )
        self.date = MenuChip(QCoreApplication.translate("GalleryChips", "Date"), self._dates, self)
        self.album = MenuChip(
            QCoreApplication.translate("GalleryChips", "Album"),
            lambda: [(QCoreApplication.translate("GalleryChips", "Any album"), "")],
            self,
            load=self._albums,
        )
        self.trash = QToolButton(self)
        self.trash.setText(QCoreApplication.translate("GalleryChips", "Trash"))
        self.trash.setCheckable(True)
        for chip in (self.model, self.favourites, self.rating, self.date, self.album, self.trash):
            layout.addWidget(chip)
            if isinstance(chip, MenuChip):
                chip.changed.connect(self.changed)
            else:
                chip.toggled.connect(self.changed)

    def add_trailing(self, widget: QWidget) -> None:
        """A control that flows after the chips (the thumbnail size), wrapping with them."""
        self._flow.addWidget(widget)

    def tokens(self) -> list[str]:
        tokens = [self.model.token, self.rating.token, self.date.token, self.album.token]
        if self.favourites.isChecked():
            tokens.append("fav")
        if self.trash.isChecked():
            tokens.append("is:trash")
        return [t for t in tokens if t]

    def _models(self) -> Choices:
        """The models of the library's images (blocking: run in a worker)."""
        try:
            names = [m for m in self._library.stats().models if m]
        except LibraryError:
            names = []
        return [(m, f"model:{quoted(m)}") for m in names]

    def _albums(self) -> Choices:
        """The library's albums (blocking: run in a worker)."""
        try:
            albums = self._library.albums()
        except LibraryError:
            albums = []
        return [(f"{a.name} ({a.count})", f"album:{quoted(a.name)}") for a in albums]

    @staticmethod
    def _ratings() -> list[tuple[str, str]]:
        return [(QCoreApplication.translate("GalleryChips", "Any rating"), "")] + [
            ("≥ " + "★" * n, f"rating:>={n}") for n in range(1, 6)
        ]

    @staticmethod
    def _dates() -> list[tuple[str, str]]:
        today = datetime.now(UTC).date()

        def since(days: int) -> str:
            return "after:" + (today - timedelta(days=days)).isoformat()

        return [
            (QCoreApplication.translate("GalleryChips", "Any time"), ""),
            (QCoreApplication.translate("GalleryChips", "Today"), since(0)),
            (QCoreApplication.translate("GalleryChips", "Last 7 days"), since(6)),
            (QCoreApplication.translate("GalleryChips", "Last 30 days"), since(29)),
            (QCoreApplication.translate("GalleryChips", "This year"), f"after:{today.year}"),
        ]
