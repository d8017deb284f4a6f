"""Where the app stands with the gateway, said once for the window and the command line.

A `ConnectionState` names the situation (connecting, online, offline, sandbox, key
rejected, no key), why it is so, and what the user can do about it. The session emits
one on every change; the window's banner and the CLI's messages are worded from it.
Deliberately free of the HTTP stack: an error is classified by its type's place in the
`api.errors` hierarchy, imported only when an error actually has to be read.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

# Where the key in use came from; "session" is a key pasted for this run only.
KeySource = Literal["environment", "keyring", "session", "sandbox", "none"]


_KEY_SOURCES: tuple[KeySource, ...] = ("environment", "keyring", "session", "sandbox", "none")


def key_source(text: str) -> KeySource:
    """`text` as a KeySource; anything unknown is a key given for this session."""
    for source in _KEY_SOURCES:
        if source == text:
            return source
    return "session"


class Connection(StrEnum):
    CONNECTING = "connecting"
    ONLINE = "online"
    OFFLINE = "offline"
    SANDBOX = "sandbox"
    KEY_REJECTED = "key_rejected"
    NO_KEY = "no_key"


_PROBLEMS = frozenset({Connection.OFFLINE, Connection.KEY_REJECTED, Connection.NO_KEY})

_KEY_ACTION = "Paste a new API key in Settings, or store one with `lemon-desktop key set`."
_OFFLINE_ACTION = (
    "Check the network and the base URL in Settings; queued jobs wait and can be retried."
)
_NO_KEY_ACTION = (
    "Paste your API key (it is kept in the system keyring), or try the built-in sandbox."
)


@dataclass(frozen=True)
class ConnectionState:
    kind: Connection
    reason: str  # why it is so, one sentence
    action: str  # what the user can do, one short sentence
    base_url: str = ""
    key_source: KeySource = "none"
    # The keyring's own sentence when it could not be asked (no key was found there).
    keyring_problem: str | None = None

    @property
    def message(self) -> str:
        return f"{self.reason} {self.action}".strip()

    @property
    def is_problem(self) -> bool:
        """Something the user has to act on before images can be made."""
        return self.kind in _PROBLEMS

    @property
    def is_sandbox(self) -> bool:
        return self.kind is Connection.SANDBOX


@dataclass(frozen=True)
class KeyCheck:
    """What the gateway said of a key before it is kept.

    `state` is online (the key works), key rejected (the gateway refused it) or offline
    (the gateway could not be reached, so the key was not checked at all): a network
    problem is never reported as a bad key."""

    state: ConnectionState
    image_models: int = 0  # how many image models the key can see, when it works

    @property
    def accepted(self) -> bool:
        return self.state.kind is Connection.ONLINE

    @property
    def rejected(self) -> bool:
        return self.state.kind is Connection.KEY_REJECTED

    @property
    def unreachable(self) -> bool:
        return self.state.kind is Connection.OFFLINE


def not_started() -> ConnectionState:
    return ConnectionState(
        Connection.CONNECTING, "Starting up.", "Wait a moment; the library opens first."
    )


def connecting(base_url: str, source: KeySource) -> ConnectionState:
    return ConnectionState(
        Connection.CONNECTING,
        f"Connecting to {base_url}.",
        "Wait a moment; you can already write a prompt.",
        base_url,
        source,
    )


def online(base_url: str, source: KeySource) -> ConnectionState:
    if source == "sandbox":
        return sandbox(base_url)
    return ConnectionState(
        Connection.ONLINE, f"Connected to {base_url}.", "Ready to generate.", base_url, source
    )


def sandbox(base_url: str) -> ConnectionState:
    return ConnectionState(
        Connection.SANDBOX,
        "Running against the built-in sandbox: images are test drawings, nothing is billed.",
        "Paste an API key in Settings to use the real gateway.",
        base_url,
        "sandbox",
    )


def offline(base_url: str, source: KeySource, reason: str) -> ConnectionState:
    return ConnectionState(Connection.OFFLINE, reason, _OFFLINE_ACTION, base_url, source)


def key_rejected(base_url: str, source: KeySource, reason: str) -> ConnectionState:
    return ConnectionState(Connection.KEY_REJECTED, reason, _KEY_ACTION, base_url, source)


def no_key(problem: str | None = None) -> ConnectionState:
    """No key in the environment or the keyring; `problem` when the keyring failed."""
    return ConnectionState(
        Connection.NO_KEY,
        problem or "No API key is set.",
        _NO_KEY_ACTION,
        keyring_problem=problem,
    )


def from_error(base_url: str, source: KeySource, error: Exception) -> ConnectionState:
    """The state a failed gateway call shows: a refused key, or a gateway out of reach.

    Any other failure (a 5xx, a malformed answer) also leaves the gateway unusable for
    now, so it reads as offline with the gateway's own sentence."""
    from ..api.errors import AuthenticationError, LemonError, MissingKeyError

    reason = error.user_message if isinstance(error, LemonError) else str(error)
    if isinstance(error, AuthenticationError | MissingKeyError):
        return key_rejected(base_url, source, reason)
    return offline(base_url, source, reason)
