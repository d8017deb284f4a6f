"""The library's exceptions, and turning OS and SQLite failures into sentences."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path


class LibraryError(Exception):
    """A storage problem, worded for the person using the app."""


class ImageNotFound(LibraryError, LookupError):
    """An id that is not (or no longer) in the library."""


class NotAnImage(LibraryError, ValueError):
    """The bytes are not a PNG, JPEG or WebP image whose size can be read."""


class IndexDamaged(LibraryError):
    """library.db exists but is not a readable SQLite database: never started over silently."""


def damaged_index(db_file: Path, why: str) -> IndexDamaged:
    return IndexDamaged(
        f"The library index {db_file} is damaged ({why}). It was left as it is and "
        "nothing was written over it. Restore library.db from a backup, or run "
        "`lemon-desktop library verify --repair` to keep the damaged file beside it as "
        "library.db.damaged-<time> and build a new index from the image files (their "
        "prompts and settings come back; tags, albums, ratings and job history stay in "
        "the damaged file)."
    )


class QueryError(ValueError):
    """A search text that cannot be understood; the message says why."""


_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def os_error(exc: OSError, root: Path, doing: str) -> LibraryError:
    """One sentence for an OSError met while `doing` something in the library at `root`."""
    code = exc.errno
    if code in _FULL:
        return LibraryError(f"The disk holding the library {root} is full; could not {doing}.")
    if code in _READ_ONLY:
        return LibraryError(
            f"The library folder {root} is read-only or not writable by you; could not {doing}."
        )
    if code == errno.ENOENT and not root.exists():
        return LibraryError(
            f"The library folder {root} was deleted or moved while the app was running; "
            f"could not {doing}."
        )
    if code == errno.ENOTDIR:
        return LibraryError(f"The library path {root} is a file, not a folder; could not {doing}.")
    detail = exc.strerror or str(exc)
    return LibraryError(f"Could not {doing} in the library {root}: {detail}.")


def sqlite_error(exc: sqlite3.Error, root: Path, doing: str, busy_seconds: float) -> LibraryError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return LibraryError(
            f"Another program held the library {root} locked for more than "
            f"{busy_seconds:g} seconds; could not {doing}. Close other Lemon Desktop windows "
            "or commands and try again."
        )
    if "full" in text:
        return LibraryError(f"The disk holding the library {root} is full; could not {doing}.")
    if "readonly" in text or "read-only" in text:
        return LibraryError(f"The library folder {root} is read-only; could not {doing}.")
    if not root.exists():
        return LibraryError(
            f"The library folder {root} was deleted or moved while the app was running; "
            f"could not {doing}."
        )
    if "malformed" in text or "not a database" in text:
        return LibraryError(
            f"The library index {root / 'library.db'} is damaged ({exc}); could not {doing}. "
            "Run `lemon-desktop library verify --repair`: it keeps the damaged file beside "
            "it and copies what can be read into a new index; otherwise restore library.db "
            "from a backup."
        )
    if "unable to open" in text:
        return LibraryError(f"Could not open the library index in {root}; could not {doing}.")
    return LibraryError(f"The library index in {root} failed ({exc}); could not {doing}.")
