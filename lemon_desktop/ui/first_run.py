"""First run without a key: paste one (tested, then kept in the keyring), or try the
built-in sandbox. When no keyring works, say so plainly and offer the alternatives."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .tasks import TaskRunner
from .widgets import error_label

KeyTester = Callable[[str], Awaitable[int]]
# Keeps the key in the keyring off the GUI thread (the session's store_key); raises
# ValueError for a malformed key and KeyStoreError when no keyring can be used.
KeyStorer = Callable[[str], Awaitable[None]]


class FirstRunPanel(QWidget):
    key_accepted = Signal(str, str)  # key, source ("keyring" or "session")
    sandbox_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunPanel")
        self.tasks = TaskRunner()
        self.tester: KeyTester | None = None
        self.storer: KeyStorer | None = None
        card = QFrame(self)
        card.setObjectName("firstRunCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        # A fixed width lets the word-wrapped labels compute their height (no clipping).
        card.setFixedWidth(620)
        title = QLabel(self.tr("Welcome to Lemon Desktop"), card)
        title.setObjectName("firstRunTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(
            self.tr(
                "To generate images, paste your LemonData API key. It is kept in your "
                "system keyring, never in a settings file. No key yet? Try the built-in "
                "sandbox: a local stand-in gateway that draws test images for free."
            ),
            card,
        )
        intro.setWordWrap(True)
        self.key = QLineEdit(card)
        self.key.setObjectName("firstRunKey")
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText(self.tr("sk-…"))
        self.test = QPushButton(self.tr("Test key"), card)
        self.save = QPushButton(self.tr("Save key and start"), card)
        self.save.setDefault(True)
        self.session = QPushButton(self.tr("Use for this session only"), card)
        self.session.hide()
        self.result = QLabel(card)
        self.result.setObjectName("firstRunResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.keyring_problem = error_label(card)
        self.sandbox = QPushButton(self.tr("Try the built-in sandbox"), card)
        self.sandbox.setObjectName("sandboxButton")
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        key_row.addWidget(self.test)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save)
        buttons.addWidget(self.session)
        buttons.addStretch(1)
        layout = QVBoxLayout(card)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.keyring_problem)
        layout.addLayout(key_row)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addSpacing(12)
        layout.addWidget(QLabel(self.tr("Or, without a key:"), card))
        layout.addWidget(self.sandbox)
        # Centred with stretches, not an alignment flag: an aligned widget gets only its
        # size hint, and word-wrapped labels then lose their last lines.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.test.clicked.connect(self._test)
        self.save.clicked.connect(self._save)
        self.session.clicked.connect(self._use_for_session)
        self.sandbox.clicked.connect(self.sandbox_requested)
        self.key.returnPressed.connect(self._save)

    def set_keyring_problem(self, problem: str | None) -> None:
        """Say up front that the key cannot be stored, and what works instead."""
        if not problem:
            self.keyring_problem.hide()
            return
        from ..keys import ENV_KEY

        self.keyring_problem.setText(
            self.tr(
                "{problem}\nYou can set {env} before starting the app, or paste the key "
                "below and use it for this session only."
            ).format(problem=problem, env=ENV_KEY)
        )
        self.keyring_problem.show()
        self.session.show()

    def _key(self) -> str | None:
        key = self.key.text().strip()
        if not key:
            self.result.setText(self.tr("Paste your API key first (it starts with sk-)."))
            return None
        return key

    def _test(self) -> None:
        key = self._key()
        if key is None or self.tester is None:
            return
        self.result.setText(self.tr("Testing the key…"))
        self.test.setEnabled(False)
        self.tasks.spawn(self._run_test(key))

    async def _run_test(self, key: str) -> None:
        assert self.tester is not None
        from ..api.errors import LemonError

        try:
            count = await self.tester(key)
        except LemonError as exc:
            self.result.setText(self.tr("The key did not work: {why}").format(why=exc.user_message))
        else:
            self.result.setText(
                self.tr("The key works: {count} image models available.").format(count=count)
            )
        finally:
            self.test.setEnabled(True)

    def _save(self) -> None:
        key = self._key()
        if key is None or self.storer is None or not self.save.isEnabled():
            return
        self.save.setEnabled(False)
        self.result.setText(self.tr("Storing the key…"))
        self.tasks.spawn(self._run_save(key))

    async def _run_save(self, key: str) -> None:
        assert self.storer is not None
        from ..keys import KeyStoreError

        try:
            await self.storer(key)
        except ValueError as exc:
            self.result.setText(str(exc))
            return
        except KeyStoreError as exc:
            self.set_keyring_problem(str(exc))
            self.result.setText(self.tr("The key could not be stored; see above."))
            return
        finally:
            self.save.setEnabled(True)
        self.result.clear()
        self.key.clear()
        self.key_accepted.emit(key, "keyring")

    def _use_for_session(self) -> None:
        key = self._key()
        if key is not None:
            self.key.clear()
            self.key_accepted.emit(key, "session")
