"""The local image library: content-addressed files plus a SQLite index.

Start with `Library.open(root)`; the search syntax is documented in `query`.
Other layers that keep tables in the index (jobs) use `Library.database` and
`Database.apply_schema` with their own `Migration`s; embedded provenance is read
and written through `lemon_desktop.library.metadata`, the one door to it.
"""

from __future__ import annotations

from .db import Database
from .errors import ImageNotFound, IndexDamaged, LibraryError, NotAnImage, QueryError
from .library import Library, default_root
from .migrations import Migration
from .records import (
    Album,
    Cursor,
    GalleryRow,
    ImageRecord,
    ImportReport,
    Page,
    Stats,
    VerifyReport,
)
from .upgrade import upgrade_due

__all__ = [
    "Album",
    "Cursor",
    "Database",
    "GalleryRow",
    "ImageNotFound",
    "ImageRecord",
    "ImportReport",
    "IndexDamaged",
    "Library",
    "LibraryError",
    "Migration",
    "NotAnImage",
    "Page",
    "QueryError",
    "Stats",
    "VerifyReport",
    "default_root",
    "upgrade_due",
]
