"""Exit codes of the command line, and the one place errors become them."""

from __future__ import annotations

import sys
from enum import IntEnum

from ..api.errors import (
    AuthenticationError,
    ConfigError,
    LemonError,
    MissingKeyError,
    TaskFailedError,
    TaskTimeoutError,
)
from ..api.profiles import InvalidRequest
from ..jobs import JobNotFound
from ..keys import KeyStoreError
from ..library import LibraryError


class Exit(IntEnum):
    OK = 0
    INVALID_INPUT = 2  # nothing was sent
    NO_KEY = 3  # no key, or the gateway rejected it
    GATEWAY = 4  # gateway or network error after retries
    TASK = 5  # the task failed or timed out


class UsageError(Exception):
    """Bad command-line input found before anything was sent."""


def exit_code_for(exc: BaseException) -> Exit:
    if isinstance(exc, InvalidRequest | ConfigError | UsageError | ValueError | JobNotFound):
        return Exit.INVALID_INPUT
    if isinstance(exc, MissingKeyError | AuthenticationError | KeyStoreError):
        return Exit.NO_KEY
    if isinstance(exc, TaskFailedError | TaskTimeoutError):
        return Exit.TASK
    return Exit.GATEWAY


def message_for(exc: BaseException) -> str:
    if isinstance(exc, LemonError):
        text = exc.user_message
        notes = getattr(exc, "__notes__", None) or ()
        return " ".join([text, *notes])
    return str(exc)


def report(exc: BaseException) -> Exit:
    """Print one clear sentence to stderr and pick the exit code; no traceback."""
    print(f"lemon-desktop: {message_for(exc)}", file=sys.stderr)
    return exit_code_for(exc)


EXPECTED_ERRORS = (
    LemonError,
    InvalidRequest,
    UsageError,
    KeyStoreError,
    ValueError,
    OSError,
    JobNotFound,
    LibraryError,
)
