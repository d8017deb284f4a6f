"""Copying images out of the library under readable names."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from . import bridge
from .db import Database
from .errors import LibraryError
from .naming import check_template, fields_for, render, unique_path
from .query import Query
from .reads import page, record
from .store import EXTENSIONS

DEFAULT_TEMPLATE = "{date}_{model}_{prompt:40}_{n}"


def export(
    db: Database,
    query: Query,
    to_dir: Path,
    template: str = DEFAULT_TEMPLATE,
    *,
    strip_metadata: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> list[Path]:
    """Copy every image matching `query` into `to_dir`; returns the new files in order."""
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
    written: list[Path] = []
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
        target = unique_path(to_dir, render(template, values), EXTENSIONS[rec.format], taken)
        try:
            data = rec.path.read_bytes()
        except OSError as exc:
            raise LibraryError(
                f"Image {rec.id} could not be read from {rec.path} ({exc.strerror}); "
                "run `lemon-desktop library verify`."
            ) from exc
        if strip_metadata:
            data = bridge.strip(data, rec.format)
        _write(target, data)
        written.append(target)
        if progress:
            progress(n, len(ids))
    return written


def _write(target: Path, data: bytes) -> None:
    temp = target.with_name(f".{target.name}.part")
    try:
        temp.write_bytes(data)
        os.replace(temp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise LibraryError(f"Could not write {target}: {exc.strerror or exc}.") from exc
