"""Exit codes of the command line, and the one place errors become them.

Every sentence printed here may carry the gateway's own text, so it goes through
`terminal_safe`: an error message cannot move the cursor or retitle the terminal.
"""

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
from .output import terminal_safe


class Exit(IntEnum):
    """Every code `lemon-desktop` exits with (the README's table lists the same)."""

    OK = 0  # done: every job finished and every image is stored
    PROBLEMS = 1  # `library verify` found problems; the sandbox or --self-test failed
    INVALID_INPUT = 2  # invalid input or command-line usage; nothing was sent
    NO_KEY = 3  # no key, the keyring cannot be used, or the gateway rejected the key
    # Gateway or network error after retries, a malformed answer, a job held by the
    # daily spending cap or a 402, or the library could not store a result.
    GATEWAY = 4
    TASK = 5  # the task failed, was cancelled or timed out
    INTERRUPTED = 130  # Ctrl+C
    BROKEN_PIPE = 141  # stdout closed early (`| head`), as a SIGPIPE'd tool exits


class UsageError(Exception):
    """Bad command-line input found before anything was sent."""


def exit_code_for(exc: BaseException) -> Exit:
    if isinstance(exc, InvalidRequest | ConfigError | UsageError | ValueError | JobNotFound):
        return Exit.INVALID_INPUT
    if isinstance(exc, MissingKeyError | AuthenticationError | KeyStoreError):
        return Exit.NO_KEY
    if isinstance(exc, TaskFailedError | TaskTimeoutError):
        # A task "failed" because the key was rejected while polling is a key problem.
        return Exit.NO_KEY if isinstance(exc.__cause__, AuthenticationError) else Exit.TASK
    return Exit.GATEWAY


def message_for(exc: BaseException) -> str:
    if isinstance(exc, LemonError):
        text = exc.user_message
        notes = getattr(exc, "__notes__", None) or ()
        return " ".join([text, *notes])
    return str(exc)


def report(exc: BaseException) -> Exit:
    """Print one clear sentence to stderr and pick the exit code; no traceback."""
    print(f"lemon-desktop: {terminal_safe(message_for(exc))}", file=sys.stderr)
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
