"""The viewer's side panel: every stored fact about one image, selectable and copyable."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from lemon_desktop.library import ImageRecord
from lemon_desktop.money import format_usd


def _value_text(value: Any) -> str:
    if isinstance(value, dict):
        return "\n".join(f"{k}: {_value_text(v)}" for k, v in value.items())
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _when(stamp: str) -> str:
    # Stored as fixed-width ISO UTC with microseconds; seconds are plenty to read.
    return stamp[:19].replace("T", " ") + " UTC"


# Where an imported file's whole original record sits in params (written by the library's
# foreign-metadata readers): often hundreds of KB of ComfyUI graph, so it is summarised.
SOURCE_KEY = "source_metadata"

# Values that never contain spaces (paths, hashes, URLs) go in a one-line field that
# scrolls inside itself; a wrapping label would make the whole panel that wide.
_ONE_LINE = {"Path", "SHA-256", "Source URL", "Task", "Job"}


class DetailsPanel(QScrollArea):
    """Shows an ImageRecord; `fields()` gives what is shown, for tests and copy-all."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setMinimumWidth(300)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._body = QWidget(self)
        self._outer = QVBoxLayout(self._body)
        self._outer.setContentsMargins(10, 8, 10, 8)
        self._outer.setSpacing(2)
        buttons = QHBoxLayout()
        self.copy_prompt = QPushButton(
            QCoreApplication.translate("ImageDetails", "Copy prompt"), self._body
        )
        self.copy_path = QPushButton(
            QCoreApplication.translate("ImageDetails", "Copy path"), self._body
        )
        self.copy_all = QPushButton(
            QCoreApplication.translate("ImageDetails", "Copy all"), self._body
        )
        for button in (self.copy_prompt, self.copy_path, self.copy_all):
            buttons.addWidget(button)
        self._outer.addLayout(buttons)
        self._rows = QVBoxLayout()
        self._rows.setSpacing(2)
        self._outer.addLayout(self._rows)
        self._outer.addStretch(1)
        self.setWidget(self._body)
        self._record: ImageRecord | None = None
        self._fields: list[tuple[str, str]] = []
        self.copy_source: QPushButton | None = None  # on the original-metadata row
        self.copy_prompt.clicked.connect(lambda: self._copy(self._record and self._record.prompt))
        self.copy_path.clicked.connect(lambda: self._copy(self._record and str(self._record.path)))
        self.copy_all.clicked.connect(self._copy_all)

    @property
    def record(self) -> ImageRecord | None:
        return self._record

    def fields(self) -> list[tuple[str, str]]:
        return list(self._fields)

    def show_record(self, record: ImageRecord | None) -> None:
        self._record = record
        while self._rows.count():
            item = self._rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._fields = [] if record is None else _rows_for(record)
        one_line = {QCoreApplication.translate("ImageDetails", name) for name in _ONE_LINE}
        self.copy_source = None
        source = _source_text(record) if record is not None else None
        for label, text in self._fields:
            caption = QLabel(label, self._body)
            font = caption.font()
            font.setBold(True)
            caption.setFont(font)
            caption.setContentsMargins(0, 6, 0, 0)
            self._rows.addWidget(caption)
            if (
                label == QCoreApplication.translate("ImageDetails", "Original metadata")
                and source is not None
            ):
                self._rows.addWidget(self._source_row(text, source))
                continue
            self._rows.addWidget(
                _line(text, self._body) if label in one_line else _text(text, self._body)
            )
        self.copy_prompt.setEnabled(bool(record and record.prompt))
        self.copy_path.setEnabled(record is not None)
        self.copy_all.setEnabled(record is not None)

    def _source_row(self, summary: str, source: str) -> QWidget:
        row = QWidget(self._body)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(_text(summary, row), 1)
        button = QPushButton(QCoreApplication.translate("ImageDetails", "Copy"), row)
        button.setToolTip(
            QCoreApplication.translate(
                "ImageDetails", "Copy the original metadata (JSON) to the clipboard"
            )
        )
        button.clicked.connect(lambda: self._copy(source))
        line.addWidget(button)
        self.copy_source = button
        return row

    @staticmethod
    def _copy(text: str | None) -> None:
        if text:
            QGuiApplication.clipboard().setText(text)

    def _copy_all(self) -> None:
        if self._record is not None:
            text = json.dumps(self._record.to_json(), ensure_ascii=False, indent=2)
            QGuiApplication.clipboard().setText(text)


def _text(text: str, parent: QWidget) -> QLabel:
    value = QLabel(text, parent)
    value.setWordWrap(True)
    value.setTextFormat(Qt.TextFormat.PlainText)
    value.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    return value


def _line(text: str, parent: QWidget) -> QLineEdit:
    value = QLineEdit(text, parent)
    value.setReadOnly(True)
    value.setFrame(False)
    value.setCursorPosition(0)
    value.setToolTip(text)
    value.setStyleSheet("background: transparent;")
    return value


def _rows_for(r: ImageRecord) -> list[tuple[str, str]]:
    locale = QLocale()
    rows: list[tuple[str, str]] = [
        (
            QCoreApplication.translate("ImageDetails", "Model"),
            r.model or QCoreApplication.translate("ImageDetails", "unknown"),
        ),
        (QCoreApplication.translate("ImageDetails", "Prompt"), r.prompt or ""),
    ]
    if r.revised_prompt:
        rows.append(
            (QCoreApplication.translate("ImageDetails", "Revised prompt"), r.revised_prompt)
        )
    if r.negative_prompt:
        rows.append(
            (QCoreApplication.translate("ImageDetails", "Negative prompt"), r.negative_prompt)
        )
    for key, value in sorted(r.params.items()):
        if key != SOURCE_KEY:
            rows.append((key, _value_text(value)))
    source = _source_text(r)
    if source is not None:
        size = locale.formattedDataSize(len(source.encode("utf-8")))  # as the File row
        rows.append(
            (
                QCoreApplication.translate("ImageDetails", "Original metadata"),
                f"{size} ({r.app or QCoreApplication.translate('ImageDetails', 'another app')})",
            )
        )
    if r.cost_usd is not None:
        rows.append((QCoreApplication.translate("ImageDetails", "Cost"), format_usd(r.cost_usd)))
    if r.usage:
        rows.append((QCoreApplication.translate("ImageDetails", "Usage"), _value_text(r.usage)))
    rows += [
        (QCoreApplication.translate("ImageDetails", "Created"), _when(r.created)),
        (QCoreApplication.translate("ImageDetails", "Added"), _when(r.added)),
        (QCoreApplication.translate("ImageDetails", "Size"), f"{r.width} × {r.height} px"),
        (
            QCoreApplication.translate("ImageDetails", "File"),
            f"{r.format.upper()}, {locale.formattedDataSize(r.bytes)}",
        ),
        (QCoreApplication.translate("ImageDetails", "Path"), str(r.path)),
        (QCoreApplication.translate("ImageDetails", "SHA-256"), r.sha256),
    ]
    if r.favourite or r.rating:
        marks = ("♥ " if r.favourite else "") + "★" * r.rating
        rows.append((QCoreApplication.translate("ImageDetails", "Marks"), marks.strip()))
    if r.tags:
        rows.append((QCoreApplication.translate("ImageDetails", "Tags"), ", ".join(r.tags)))
    if r.albums:
        rows.append((QCoreApplication.translate("ImageDetails", "Albums"), ", ".join(r.albums)))
    for label, value in (
        (QCoreApplication.translate("ImageDetails", "Task"), r.task_id),
        (QCoreApplication.translate("ImageDetails", "Job"), r.job_id),
        (QCoreApplication.translate("ImageDetails", "Source URL"), r.source_url),
        (QCoreApplication.translate("ImageDetails", "App"), r.app),
        (
            QCoreApplication.translate("ImageDetails", "In trash since"),
            r.deleted_at and _when(r.deleted_at),
        ),
    ):
        if value:
            rows.append((label, value))
    return rows


def _source_text(r: ImageRecord) -> str | None:
    """The original record an imported file carried, as JSON, or None."""
    if SOURCE_KEY not in r.params:
        return None
    return json.dumps(r.params[SOURCE_KEY], ensure_ascii=False, indent=2)


def copy_text(record: ImageRecord, label: str) -> str | None:
    """What a row's Copy button copies when it is not the shown text: the whole original
    metadata (JSON) behind the "Original metadata" summary; None for other rows."""
    if label == QCoreApplication.translate("ImageDetails", "Original metadata"):
        return _source_text(record)
    return None
