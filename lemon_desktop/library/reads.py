"""Reading the index: gallery pages by keyset, counts, and full records."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from .errors import ImageNotFound, QueryError
from .metadata import Provenance
from .query import Query
from .records import Cursor, GalleryRow, ImageRecord, Page
from .store import file_location, is_linked

# The grid needs no text columns; leaving them out keeps a page of 200 tiny.
_SLIM = "id, sha256, path, format, width, height, bytes, created, favourite, rating, deleted_at"


def _gallery_row(root: str, r: sqlite3.Row | tuple[Any, ...]) -> GalleryRow:
    deleted = r[10] is not None
    relpath = file_location(r[2], deleted)
    return GalleryRow(
        r[0], r[1], relpath, r[3], r[4], r[5], r[6], r[7], r[8] == 1, r[9], deleted, root
    )


def page(
    conn: sqlite3.Connection,
    root: Path,
    query: Query,
    limit: int,
    after: Cursor | None = None,
    offset: int = 0,
) -> Page:
    """One page in the query's order, starting after `after` (keyset) or at `offset`.

    The keyset condition is a row-value comparison on the sort index columns, so
    SQLite seeks straight to the cursor: page 500 costs what page 1 costs.
    """
    if limit <= 0:
        raise QueryError("A page needs a limit of at least 1.")
    where, params = query.where()
    columns = query.order_columns()
    if after is not None:
        if after.sort != query.sort_token or len(after.key) != len(columns):
            raise QueryError("The page cursor belongs to a different sort order.")
        op = "<" if query.descending else ">"
        where += f" AND ({', '.join(columns)}) {op} ({', '.join('?' * len(columns))})"
        params = [*params, *after.key]
    key_columns = ", ".join(columns)
    sql = (
        f"SELECT {_SLIM}, {key_columns} FROM images WHERE {where} "
        f"ORDER BY {query.order_by()} LIMIT ? OFFSET ?"
    )
    # One extra row tells whether a next page exists without counting.
    fetched = conn.execute(sql, [*params, limit + 1, max(0, offset)]).fetchall()
    more = len(fetched) > limit
    fetched = fetched[:limit]
    base = str(root)
    rows = [_gallery_row(base, r) for r in fetched]
    cursor = None
    if more and fetched:
        cursor = Cursor(query.sort_token, tuple(fetched[-1][11:]))
    return Page(rows, cursor)


def count(conn: sqlite3.Connection, query: Query, cap: int | None = None) -> int:
    """How many images match; with `cap`, stop counting there (the GUI shows "200+")."""
    where, params = query.where()
    if cap is None:
        return int(conn.execute(f"SELECT count(*) FROM images WHERE {where}", params).fetchone()[0])
    sql = f"SELECT count(*) FROM (SELECT 1 FROM images WHERE {where} LIMIT ?)"
    return int(conn.execute(sql, [*params, cap]).fetchone()[0])


def _loads(text: str | None) -> Any:
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def record(conn: sqlite3.Connection, root: Path, image_id: int) -> ImageRecord:
    conn_row = conn.execute(
        "SELECT id, sha256, path, format, width, height, bytes, created, added, model, prompt, "
        "negative_prompt, revised_prompt, params, task_id, source_url, usage, cost_usd, app, "
        "job_id, favourite, rating, deleted_at FROM images WHERE id = ?",
        (image_id,),
    ).fetchone()
    if conn_row is None:
        raise ImageNotFound(f"There is no image {image_id} in the library.")
    r = conn_row
    tags = tuple(
        name
        for (name,) in conn.execute(
            "SELECT t.name FROM image_tags it JOIN tags t ON t.id = it.tag_id "
            "WHERE it.image_id = ? ORDER BY t.name COLLATE NOCASE",
            (image_id,),
        )
    )
    albums = tuple(
        name
        for (name,) in conn.execute(
            "SELECT a.name FROM album_images ai JOIN albums a ON a.id = ai.album_id "
            "WHERE ai.image_id = ? ORDER BY a.name COLLATE NOCASE",
            (image_id,),
        )
    )
    sources = tuple(
        Provenance.from_json(_loads(text) or {})
        for (text,) in conn.execute(
            "SELECT provenance FROM image_sources WHERE image_id = ? ORDER BY id", (image_id,)
        )
    )
    params = _loads(r[13])
    usage = _loads(r[16])
    return ImageRecord(
        id=r[0],
        sha256=r[1],
        path=root / file_location(r[2], r[22] is not None),
        format=r[3],
        width=r[4],
        height=r[5],
        bytes=r[6],
        created=r[7],
        added=r[8],
        model=r[9],
        prompt=r[10],
        negative_prompt=r[11],
        revised_prompt=r[12],
        params=params if isinstance(params, dict) else {},
        task_id=r[14],
        source_url=r[15],
        usage=usage if isinstance(usage, dict) else None,
        cost_usd=r[17],
        app=r[18],
        job_id=r[19],
        favourite=bool(r[20]),
        rating=r[21],
        tags=tags,
        albums=albums,
        deleted_at=r[22],
        other_sources=sources,
        linked=is_linked(r[2]),
    )
