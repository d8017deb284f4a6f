"""Whether opening a library will upgrade it first: a library made by an older version
runs the newer migrations as it opens, once (rebuilding the search index takes about
15 s at 100,000 images and minutes at a million), and the window says so meanwhile.

Read-only by construction: the schema version is read from the index file's header
(`PRAGMA user_version` is the big-endian integer at byte 60), never through SQLite,
whose opening of a WAL-mode file may create the -wal and -shm files beside it."""

from __future__ import annotations

from pathlib import Path

from .db import DB_NAME
from .migrations import MIGRATIONS

_HEADER = b"SQLite format 3\x00"
_USER_VERSION = slice(60, 64)
_HEADER_SIZE = 100


def stored_schema_version(index: Path) -> int | None:
    """The schema version the index file at `index` says it has; None when there is no
    such file or it is not an SQLite database (opening makes or rescues it)."""
    try:
        with index.open("rb") as file:
            header = file.read(_HEADER_SIZE)
    except OSError:
        return None
    if len(header) < _HEADER_SIZE or not header.startswith(_HEADER):
        return None
    return int.from_bytes(header[_USER_VERSION], "big")


def upgrade_due(root: Path) -> bool:
    """True when the library at `root` was made by an older version, so opening it runs
    migrations on the images it holds. A new or missing index is made in moments, and one
    newer than this app is refused: neither is an upgrade.

    A write-ahead log not yet merged into the file (another process has the library
    open) can hold a newer version than the header: then this says True for a library
    that opens at once, never False for one that needs the upgrade."""
    version = stored_schema_version(root / DB_NAME)
    return version is not None and 0 < version < MIGRATIONS[-1].version
