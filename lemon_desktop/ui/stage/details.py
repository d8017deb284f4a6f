"""The details beside the stage (and in its full-screen viewer): every field whole, the
image's parents and children, and its favourite, rating and tags.

A path or a hash never fits a side panel on one line; clipped, it cannot be read, and
broken with invisible spaces it cannot be copied as it is. So every value is a
read-only text that wraps anywhere, selectable, and the long single-token ones also have
a Copy button that copies exactly the stored text.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication, QResizeEvent, QTextOption
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...library import ImageRecord
from ...library.lineage import Relative
from .fields import copy_text, record_fields

# Values that are one long token: shown wrapped anywhere, with a Copy button.
# Labels as fields.py writes them (its ImageDetails context translates them).
_TOKENS = ("Path", "SHA-256", "Source URL", "Task", "Job")


class WholeText(QTextEdit):
    """Read-only text that grows to show all of itself at the panel's width."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.viewport().setAutoFillBackground(False)
        self.setStyleSheet("QTextEdit { background: transparent; }")
        self.setPlainText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        document = self.document()
        document.setTextWidth(max(1, self.viewport().width()))
        height = int(document.size().height()) + 2 * self.frameWidth() + 2
        if self.height() != height:
            self.setFixedHeight(height)


class StageDetails(QScrollArea):
    """Shows an ImageRecord with its lineage; `fields()` gives what is shown."""

    image_requested = Signal(int)  # a parent or child clicked: show it
    favourite_toggled = Signal(bool)
    rated = Signal(int)
    tags_edited = Signal(list, list)  # added, removed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stageDetails")
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to what it holds, scrolled to
        self.setMinimumWidth(240)  # its widest row (the copy buttons), and a scroll bar
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(self)
        self._body = body
        outer = QVBoxLayout(body)
        outer.setContentsMargins(10, 8, 10, 8)
        outer.setSpacing(2)

        marks = QHBoxLayout()
        self.favourite = QToolButton(body)
        self.favourite.setObjectName("detailsFavourite")
        self.favourite.setCheckable(True)
        self.favourite.setToolTip(QCoreApplication.translate("StageDetails", "Favourite"))
        self.favourite.setAccessibleName(QCoreApplication.translate("StageDetails", "Favourite"))
        self.favourite.toggled.connect(self._favourite)
        marks.addWidget(self.favourite)
        self.stars: list[QToolButton] = []
        for stars in range(1, 6):
            button = QToolButton(body)
            button.setAutoRaise(True)
            button.setToolTip(
                QCoreApplication.translate("StageDetails", "Rate %1 (again to clear)").replace(
                    "%1", "★" * stars
                )
            )
            button.setAccessibleName(
                QCoreApplication.translate("StageDetails", "Rate %1 of 5").replace("%1", str(stars))
            )
            button.clicked.connect(lambda _c=False, n=stars: self._star(n))
            marks.addWidget(button)
            self.stars.append(button)
        marks.addStretch(1)
        outer.addLayout(marks)
        self.tags = QLineEdit(body)
        self.tags.setPlaceholderText(
            QCoreApplication.translate("StageDetails", "Tags, separated by commas")
        )
        self.tags.setAccessibleName(QCoreApplication.translate("StageDetails", "Tags"))
        self.tags.editingFinished.connect(self._tags_done)
        outer.addWidget(self.tags)

        buttons = QHBoxLayout()
        self.copy_prompt = QPushButton(
            QCoreApplication.translate("StageDetails", "Copy prompt"), body
        )
        self.copy_all = QPushButton(QCoreApplication.translate("StageDetails", "Copy all"), body)
        buttons.addWidget(self.copy_prompt)
        buttons.addWidget(self.copy_all)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self._rows = QVBoxLayout()
        self._rows.setSpacing(2)
        outer.addLayout(self._rows)
        outer.addStretch(1)
        self.setWidget(body)
        self._record: ImageRecord | None = None
        self._fields: list[tuple[str, str]] = []
        self._rating = 0
        self._shown_tags: tuple[str, ...] = ()
        self.copy_prompt.clicked.connect(lambda: self._copy(self._record and self._record.prompt))
        self.copy_all.clicked.connect(self._copy_all)
        self.show_record(None)

    @property
    def record(self) -> ImageRecord | None:
        return self._record

    def fields(self) -> list[tuple[str, str]]:
        return list(self._fields)

    def show_record(
        self,
        record: ImageRecord | None,
        parents: tuple[Relative, ...] | list[Relative] = (),
        children: tuple[Relative, ...] | list[Relative] = (),
    ) -> None:
        self._record = record
        while self._rows.count():
            item = self._rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._fields = [] if record is None else record_fields(record)
        tokens = {QCoreApplication.translate("ImageDetails", name) for name in _TOKENS}
        for label, text in self._fields:
            # Tokens copy as shown; the original-metadata summary copies the JSON behind it.
            copyable = text if label in tokens else copy_text(record, label) if record else None
            self._rows.addWidget(self._caption(label, copyable))
            value = WholeText(text, self._body)
            value.setAccessibleName(label)  # the caption above names it
            self._rows.addWidget(value)
        if parents:
            self._rows.addWidget(
                self._caption(QCoreApplication.translate("StageDetails", "Made from"))
            )
            for relative in parents:
                self._rows.addWidget(self._relative(relative))
        if children:
            self._rows.addWidget(
                self._caption(QCoreApplication.translate("StageDetails", "Made from this"))
            )
            for relative in children:
                self._rows.addWidget(self._relative(relative))
        self._show_marks(record)
        for widget in (self.copy_prompt, self.copy_all, self.tags, self.favourite, *self.stars):
            widget.setEnabled(record is not None)
        self.copy_prompt.setEnabled(bool(record and record.prompt))

    # -- rows -----------------------------------------------------------------------------

    def _caption(self, label: str, copyable: str | None = None) -> QWidget:
        row = QWidget(self._body)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 6, 0, 0)
        caption = QLabel(label, row)
        font = caption.font()
        font.setBold(True)
        caption.setFont(font)
        layout.addWidget(caption)
        layout.addStretch(1)
        if copyable is not None:
            copy = QToolButton(row)
            copy.setText(QCoreApplication.translate("StageDetails", "Copy"))
            copy.setAutoRaise(True)
            copy.setToolTip(
                QCoreApplication.translate("StageDetails", "Copy %1").replace("%1", label)
            )
            copy.clicked.connect(lambda _c=False, text=copyable: self._copy(text))
            layout.addWidget(copy)
        return row

    def _relative(self, relative: Relative) -> QWidget:
        what = f"{relative.role} · {relative.operation}"
        if relative.image_id is None:
            label = QLabel(
                QCoreApplication.translate("StageDetails", "%1 · gone (sha256 %2…)")
                .replace("%1", what)
                .replace("%2", relative.sha256[:16]),
                self._body,
            )
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            return label
        text = (
            QCoreApplication.translate("StageDetails", "%1 · image %2")
            .replace("%1", what)
            .replace("%2", str(relative.image_id))
        )
        if relative.trashed:
            text += " " + QCoreApplication.translate("StageDetails", "(in the trash)")
        button = QPushButton(text, self._body)
        button.setObjectName("lineageLink")
        button.setFlat(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setStyleSheet("QPushButton { text-align: left; color: palette(link); }")
        target = relative.image_id
        button.clicked.connect(lambda _c=False: self.image_requested.emit(target))
        return button

    # -- marks ---------------------------------------------------------------------------

    def _show_marks(self, record: ImageRecord | None) -> None:
        favourite = bool(record and record.favourite)
        self.favourite.blockSignals(True)
        self.favourite.setChecked(favourite)
        self.favourite.setText("♥" if favourite else "♡")
        self.favourite.blockSignals(False)
        self._rating = record.rating if record is not None else 0
        for stars, button in enumerate(self.stars, start=1):
            button.setText("★" if stars <= self._rating else "☆")
        self._shown_tags = record.tags if record is not None else ()
        if not self.tags.hasFocus():
            self.tags.setText(", ".join(self._shown_tags))

    def _favourite(self, on: bool) -> None:
        self.favourite.setText("♥" if on else "♡")
        self.favourite_toggled.emit(on)

    def _star(self, stars: int) -> None:
        self.rated.emit(0 if stars == self._rating else stars)

    def _tags_done(self) -> None:
        wanted = [t.strip() for t in self.tags.text().replace(";", ",").split(",") if t.strip()]
        added = [t for t in wanted if t not in self._shown_tags]
        removed = [t for t in self._shown_tags if t not in wanted]
        if added or removed:
            self.tags_edited.emit(added, removed)

    @staticmethod
    def _copy(text: str | None) -> None:
        if text:
            QGuiApplication.clipboard().setText(text)

    def _copy_all(self) -> None:
        if self._record is not None:
            text = json.dumps(self._record.to_json(), ensure_ascii=False, indent=2)
            QGuiApplication.clipboard().setText(text)
