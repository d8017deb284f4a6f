"""The window's sentences for the connection states of `core/connection.py`.

One place words a key check, the banner and the reason Generate is off, so the first-run
page, Settings, the banner and the generate panel never disagree, and a network problem
is never told as a bad key (or the other way round). The state's own reason (the
gateway's or the network's sentence) is quoted as it is.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core.connection import Connection, ConnectionState, KeyCheck


def key_check_message(check: KeyCheck) -> str:
    """What a key test found: works, rejected by the gateway, or not checked at all."""
    state = check.state
    if check.accepted:
        return QCoreApplication.translate(
            "Connection", "The key works with {url}: {count} image models available."
        ).format(url=state.base_url, count=check.image_models)
    if check.rejected:
        return QCoreApplication.translate(
            "Connection",
            "The key did not work: the gateway at {url} rejected it. {reason}",
        ).format(url=state.base_url, reason=state.reason)
    return QCoreApplication.translate(
        "Connection",
        "The key was not checked, because the gateway could not be reached (the key "
        "may be fine). {reason}",
    ).format(reason=state.reason)


def banner_message(state: ConnectionState) -> str:
    """The banner's sentence for a connection problem (offline or key rejected)."""
    if state.kind is Connection.KEY_REJECTED:
        return QCoreApplication.translate(
            "Connection",
            "The gateway at {url} rejected the API key: {reason} Change the key, or use "
            "the sandbox meanwhile.",
        ).format(url=state.base_url, reason=state.reason)
    return QCoreApplication.translate(
        "Connection",
        "{reason} Queued jobs wait, and Generate is off until the gateway answers. "
        "Try again, or use the sandbox meanwhile.",
    ).format(reason=state.reason)


def generate_block(state: ConnectionState, connected: bool) -> str:
    """Why Generate is off in this state; empty when it may be on.

    Off while offline, with a rejected key or without a key; on when online, in the
    sandbox, and while a running connection is still being checked (jobs wait in the
    queue then)."""
    # Short: the reason line under Generate keeps two lines (the banner says the rest).
    if state.kind is Connection.OFFLINE:
        return QCoreApplication.translate(
            "Connection",
            "Generate is off: the gateway is offline. Try again, or use the sandbox "
            "(Gateway menu).",
        )
    if state.kind is Connection.KEY_REJECTED:
        return QCoreApplication.translate(
            "Connection",
            "Generate is off: the gateway rejected the API key. Change it, or use the sandbox.",
        )
    if state.kind is Connection.NO_KEY:
        return QCoreApplication.translate(
            "Connection", "Generate is off: no API key is set. Paste one, or use the sandbox."
        )
    if not connected:
        return QCoreApplication.translate("Connection", "Connecting to the gateway…")
    return ""


def malformed_key(key: str) -> str | None:
    """Why `key` cannot be a key at all, before the gateway is asked (the keyring's rule:
    one word, not empty)."""
    if not key.strip():
        return QCoreApplication.translate(
            "Connection", "Paste your API key first (it starts with sk-)."
        )
    if any(ch.isspace() for ch in key.strip()):
        return QCoreApplication.translate(
            "Connection",
            "The API key contains spaces or line breaks; paste it as one word.",
        )
    return None
