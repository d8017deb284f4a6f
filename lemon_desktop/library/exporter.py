"""Copying images out of the library under readable names."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable
from pathlib import Path

from . import metadata
from .db import Database
from .errors import LibraryError
from .naming import check_template, fields_for, render, unique_path
from .query import Query
from .reads import page, record
from .safefile import create_exclusive, read_regular
from .store import EXTENSIONS

DEFAULT_TEMPLATE = "{date}_{model}_{prompt:40}_{n}"


class Exported(list[Path]):
    """The files written, in order; `skipped` holds (image id, why) for the images that
    could not be read (a missing file, or one swapped for a FIFO or a link)."""

    def __init__(self) -> None:
        super().__init__()
        self.skipped: list[tuple[int, str]] = []


def export(
    db: Database,
    query: Query,
    to_dir: Path,
    template: str = DEFAULT_TEMPLATE,
    *,
    strip_metadata: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Exported:
    """Copy every image matching `query` into `to_dir`; returns the new files in order.

    An image whose file cannot be read is skipped (Exported.skipped) and the rest go
    on. Files are read only when regular and never through a symlink, so one an
    in-place folder swapped for a FIFO or a link to /dev/zero cannot hang the export.
    """
    check_template(template)
    root = db.root
    try:
        to_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LibraryError(f"Could not create the export folder {to_dir}: {exc.strerror}.") from exc
    with db.read("list the images to export") as conn:
        ids: list[int] = []
        cursor = None
        while True:
            batch = page(conn, root, query, 1000, cursor)
            ids.extend(r.id for r in batch.rows)
            if batch.next is None:
                break
            cursor = batch.next
    written = Exported()
    taken: set[str] = set()
    for n, image_id in enumerate(ids, start=1):
        with db.read("export the images") as conn:
            rec = record(conn, root, image_id)
        values = fields_for(
            created=rec.created,
            model=rec.model,
            prompt=rec.prompt,
            image_id=rec.id,
            sha256=rec.sha256,
            n=n,
            rating=rec.rating,
        )
        try:
            data = read_regular(rec.path)
        except OSError as exc:
            written.skipped.append(
                (rec.id, f"{rec.path} {exc.strerror or exc}; run `lemon-desktop library verify`")
            )
            continue
        target = unique_path(to_dir, render(template, values), EXTENSIONS[rec.format], taken)
        if strip_metadata:
            data = metadata.strip(data, rec.format)
        _write(target, data)
        written.append(target)
        if progress:
            progress(n, len(ids))
    return written


def _write(target: Path, data: bytes) -> None:
    # A fresh name, created exclusively and never through a symlink: a `.part` planted
    # in the export folder (a link to a file of the user's) is never written through.
    temp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        fd = create_exclusive(temp)
    except OSError as exc:
        raise LibraryError(f"Could not write {target}: {exc.strerror or exc}.") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, target)  # replaces a name, never writes through a link there
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise LibraryError(f"Could not write {target}: {exc.strerror or exc}.") from exc
