"""The prompt editor: history on Up/Down at the text's edges and in a searchable list,
Ctrl+Enter submits, a live character count against the model's limit. Images pasted or
dropped into it go to the reference tray, not into the text."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QToolButton, QVBoxLayout, QWidget

from .theme import error_colour

log = logging.getLogger(__name__)
HISTORY_FILE = "prompt-history.json"
HISTORY_LIMIT = 200


class PromptHistory:
    """Newest last; a repeated prompt moves to the end instead of appearing twice."""

    def __init__(self, home: Path | None) -> None:
        self.path = home / HISTORY_FILE if home is not None else None
        self.items: list[str] = []
        if self.path is not None:
            try:
                raw = json.loads(self.path.read_text(encoding="utf-8"))
                self.items = [s for s in raw if isinstance(s, str)][-HISTORY_LIMIT:]
            except FileNotFoundError:
                pass
            except (OSError, ValueError, TypeError) as exc:
                log.warning("ignoring unreadable prompt history: %s", exc)

    def add(self, prompt: str) -> None:
        prompt = prompt.strip()
        if not prompt:
            return
        if prompt in self.items:
            self.items.remove(prompt)
        self.items.append(prompt)
        del self.items[:-HISTORY_LIMIT]
        self._save()

    def _save(self) -> None:
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=".history-", dir=self.path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self.items, handle, ensure_ascii=False)
            os.replace(temp, self.path)
        except OSError as exc:
            log.warning("could not save prompt history: %s", exc)
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(temp)


class PromptEdit(QPlainTextEdit):
    submitted = Signal()
    # Images pasted or dropped here (pixels, image files, library ids): for the tray.
    images_pasted = Signal(QMimeData)

    def __init__(self, history: PromptHistory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history = history
        self._position: int | None = None  # index into history while browsing
        self._draft = ""
        self.setPlaceholderText(
            self.tr("Describe the image you want…  (Ctrl+Enter generates, ↑/↓ browse history)")
        )
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and ctrl:
            self.submitted.emit()
            return
        cursor = self.textCursor()
        at_edge = not cursor.hasSelection() and (
            (key == Qt.Key.Key_Up and cursor.atStart())
            or (key == Qt.Key.Key_Down and cursor.atEnd())
        )
        if at_edge and self._browse(-1 if key == Qt.Key.Key_Up else +1):
            return
        super().keyPressEvent(event)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        from .reference_tray import carries_images

        return carries_images(source) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        from .reference_tray import carries_images

        if carries_images(source):
            self.images_pasted.emit(source)
            return
        super().insertFromMimeData(source)

    def _browse(self, step: int) -> bool:
        items = self.history.items
        if not items:
            return False
        if self._position is None:
            if step > 0:
                return False
            self._draft = self.toPlainText()
            position = len(items) - 1
        else:
            position = self._position + step
        if position >= len(items):
            self._position = None
            self._set(self._draft)
            return True
        if position < 0:
            return True  # oldest reached: stay
        self._position = position
        self._set(items[position])
        return True

    def _set(self, text: str) -> None:
        self.setPlainText(text)
        self.moveCursor(QTextCursor.MoveOperation.End)

    def remember(self) -> None:
        self.history.add(self.toPlainText())
        self._position = None


class CharCounter(QLabel):
    """ "1,234 / 4,000", red when over the model's limit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("charCounter")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.over = False

    def update_count(self, count: int, limit: int | None) -> None:
        if limit is None:
            self.setText(self.tr("{count} characters").format(count=f"{count:,}"))
            self.over = False
        else:
            self.setText(f"{count:,} / {limit:,}")
            self.over = count > limit
        if self.over:
            palette = self.palette()
            palette.setColor(QPalette.ColorRole.WindowText, error_colour())
            self.setPalette(palette)
        else:
            # An empty palette inherits again, so a theme change still reaches it.
            self.setPalette(QPalette())
        font = self.font()
        font.setBold(self.over)
        self.setFont(font)


class PromptBox(QWidget):
    changed = Signal()
    submitted = Signal()

    def __init__(self, history: PromptHistory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history = history
        self.edit = PromptEdit(history, self)
        self.edit.setObjectName("promptEdit")
        self.edit.setAccessibleName(self.tr("Prompt"))
        self.edit.setAccessibleDescription(
            self.tr("Ctrl+Enter generates; Up and Down browse the prompts used before")
        )
        self.counter = CharCounter(self)
        self.history_button = QToolButton(self)
        self.history_button.setObjectName("promptHistoryButton")
        self.history_button.setText(self.tr("History…"))
        self.history_button.setToolTip(self.tr("Search the prompts you used before"))
        self.history_button.setAutoRaise(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.history_button)
        row.addStretch(1)
        row.addWidget(self.counter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addLayout(row)
        self._limit: int | None = None
        self.edit.textChanged.connect(self._on_text)
        self.edit.submitted.connect(self.submitted)
        self.history_button.clicked.connect(self.show_history)
        self._on_text()

    def show_history(self) -> QWidget:
        """The searchable history under the editor; choosing replaces the prompt."""
        from .prompt_history import HistoryPopup

        popup = HistoryPopup(self.history, self)
        popup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        popup.chosen.connect(self.set_text)
        corner = self.edit.mapToGlobal(self.edit.rect().bottomLeft())
        popup.move(corner)
        popup.resize(max(self.edit.width(), 360), 320)
        popup.show()
        popup.filter.setFocus()
        return popup

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        self.edit.setPlainText(text)
        self.edit.moveCursor(QTextCursor.MoveOperation.End)

    def set_limit(self, limit: int | None) -> None:
        self._limit = limit
        self.counter.update_count(len(self.text()), limit)

    def _on_text(self) -> None:
        self.counter.update_count(len(self.text()), self._limit)
        self.changed.emit()
