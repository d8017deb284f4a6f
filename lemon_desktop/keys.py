"""The API key: environment first, then the OS keyring. Never a settings file."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Literal

import keyring
import keyring.errors

ENV_KEY = "LEMONDATA_API_KEY"
# Overridable so that several profiles (and parallel tests) keep separate keys.
ENV_SERVICE = "LEMON_DESKTOP_KEYRING_SERVICE"
DEFAULT_SERVICE = "lemon-desktop"
ACCOUNT = "api-key"


class KeyStoreError(Exception):
    """The keyring cannot be used; the message says what to do instead."""


_NO_BACKEND = (
    "No system keyring is available to store the API key ({detail}). Install and unlock "
    "a Secret Service keyring (for example gnome-keyring or KWallet), or set the "
    f"{ENV_KEY} environment variable instead."
)
_LOCKED = (
    "The system keyring is locked ({detail}). Unlock it and try again, or set the "
    f"{ENV_KEY} environment variable instead."
)


def _service() -> str:
    return os.environ.get(ENV_SERVICE) or DEFAULT_SERVICE


def _translate(exc: Exception) -> KeyStoreError:
    detail = type(exc).__name__
    if isinstance(exc, keyring.errors.KeyringLocked):
        return KeyStoreError(_LOCKED.format(detail=detail))
    return KeyStoreError(_NO_BACKEND.format(detail=detail))


# keyring reports "no backend" as RuntimeError (NoKeyringError) and D-Bus trouble
# as its own errors; all of them mean the same thing to a user.
_KEYRING_FAILURES = (keyring.errors.KeyringError, RuntimeError)


def backend_name() -> str:
    return type(keyring.get_keyring()).__module__ + "." + type(keyring.get_keyring()).__name__


def load_stored_key() -> str | None:
    try:
        return keyring.get_password(_service(), ACCOUNT) or None
    except _KEYRING_FAILURES as exc:
        raise _translate(exc) from None


def store_key(key: str) -> None:
    key = key.strip()
    if not key:
        raise ValueError("The API key is empty; paste the key that starts with sk-.")
    if any(ch.isspace() for ch in key):
        raise ValueError("The API key contains spaces or line breaks; paste it as one word.")
    try:
        keyring.set_password(_service(), ACCOUNT, key)
    except _KEYRING_FAILURES as exc:
        raise _translate(exc) from None


def delete_stored_key() -> bool:
    """True when a key was removed, False when there was none."""
    try:
        keyring.delete_password(_service(), ACCOUNT)
    except keyring.errors.PasswordDeleteError:
        return False
    except _KEYRING_FAILURES as exc:
        raise _translate(exc) from None
    return True


@dataclass(frozen=True)
class ResolvedKey:
    key: str | None
    source: Literal["environment", "keyring", "none"]
    problem: str | None = None


def resolve_key() -> ResolvedKey:
    """The key to use now; a keyring problem is reported, not raised."""
    env = os.environ.get(ENV_KEY, "").strip()
    if env:
        return ResolvedKey(env, "environment")
    try:
        stored = load_stored_key()
    except KeyStoreError as exc:
        return ResolvedKey(None, "none", str(exc))
    if stored:
        return ResolvedKey(stored, "keyring")
    return ResolvedKey(None, "none")
