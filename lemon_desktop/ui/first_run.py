"""First run without a key: paste one (checked with the gateway, then kept in the
keyring), or try the built-in sandbox. When no keyring works, say so plainly and offer
the alternatives.

"Save key and start" asks the gateway first: a key it rejects is not kept; when the
gateway cannot be reached the key could not be checked, so the page says that (never
"the key did not work") and offers to save it anyway or to use the sandbox meanwhile."""

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

from ..core.connection import KeyCheck
from .connection_words import key_check_message, malformed_key
from .core_words import core_text
from .tasks import TaskRunner
from .widgets import error_label

# Asks the gateway whether it takes a key (the session's check_key): never raises for
# a refused key or an unreachable gateway, the KeyCheck says which.
KeyChecker = Callable[[str], Awaitable[KeyCheck]]
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
        self.checker: KeyChecker | None = None
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
        self.key.setAccessibleName(self.tr("API key"))
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
        # Shown when the gateway could not be reached: the key was not checked.
        self.save_anyway = QPushButton(self.tr("Save anyway"), card)
        self.save_anyway.setObjectName("saveAnyway")
        self.save_anyway.setToolTip(
            self.tr(
                "Keep the key although the gateway could not check it; "
                "Generate waits until the gateway answers"
            )
        )
        self.sandbox_instead = QPushButton(self.tr("Use the sandbox meanwhile"), card)
        self.sandbox_instead.setObjectName("sandboxInstead")
        self.unreachable_row = QWidget(card)
        unreachable_layout = QHBoxLayout(self.unreachable_row)
        unreachable_layout.setContentsMargins(0, 0, 0, 0)
        unreachable_layout.addWidget(self.save_anyway)
        unreachable_layout.addWidget(self.sandbox_instead)
        unreachable_layout.addStretch(1)
        self.unreachable_row.hide()
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
        layout.addWidget(self.unreachable_row)
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
        self.sandbox_instead.clicked.connect(self.sandbox_requested)
        self.save_anyway.clicked.connect(self._save_unchecked)
        self.key.returnPressed.connect(self._save)
        # "Save anyway" is about the key the gateway could not check, not a new one.
        self.key.textEdited.connect(lambda _text: self.unreachable_row.hide())

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
            ).format(problem=core_text(problem), env=ENV_KEY)
        )
        self.keyring_problem.show()
        self.session.show()

    def _key(self) -> str | None:
        problem = malformed_key(self.key.text())
        if problem is not None:
            self.result.setText(problem)
            return None
        return self.key.text().strip()

    def _set_checking(self, checking: bool) -> None:
        for button in (self.test, self.save, self.save_anyway):
            button.setEnabled(not checking)

    def _test(self) -> None:
        key = self._key()
        if key is None or self.checker is None or not self.test.isEnabled():
            return
        self.result.setText(self.tr("Asking the gateway about the key…"))
        self.unreachable_row.hide()
        self._set_checking(True)
        self.tasks.spawn(self._run_test(key))

    async def _run_test(self, key: str) -> None:
        assert self.checker is not None
        try:
            check = await self.checker(key)
        finally:
            self._set_checking(False)
        self.result.setText(key_check_message(check))
        self.unreachable_row.setVisible(check.unreachable)

    def _save(self) -> None:
        key = self._key()
        if key is None or self.checker is None or self.storer is None:
            return
        if not self.save.isEnabled():
            return
        self.result.setText(self.tr("Asking the gateway about the key…"))
        self.unreachable_row.hide()
        self._set_checking(True)
        self.tasks.spawn(self._run_save(key))

    async def _run_save(self, key: str) -> None:
        assert self.checker is not None
        try:
            check = await self.checker(key)
        except BaseException:
            self._set_checking(False)
            raise
        if check.accepted:
            await self._store(key)
            return
        self._set_checking(False)
        if check.rejected:
            self.result.setText(
                self.tr("{found} The key was not saved.").format(found=key_check_message(check))
            )
            return
        self.result.setText(
            self.tr(
                "{found} Save the key anyway (Generate waits until the gateway answers), "
                "or use the sandbox meanwhile."
            ).format(found=key_check_message(check))
        )
        self.unreachable_row.show()

    def _save_unchecked(self) -> None:
        key = self._key()
        if key is None or self.storer is None or not self.save_anyway.isEnabled():
            return
        self._set_checking(True)
        self.tasks.spawn(self._store(key))

    async def _store(self, key: str) -> None:
        assert self.storer is not None
        from ..keys import KeyStoreError

        self.result.setText(self.tr("Storing the key…"))
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
            self._set_checking(False)
        self.result.clear()
        self.key.clear()
        self.unreachable_row.hide()
        self.key_accepted.emit(key, "keyring")

    def _use_for_session(self) -> None:
        key = self._key()
        if key is not None:
            self.key.clear()
            self.key_accepted.emit(key, "session")
