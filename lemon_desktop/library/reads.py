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
from .searchtext import ID_BITS, ID_MASK, second_sql
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
    columns = query.order_columns()
    if after is not None and (after.sort != query.sort_token or len(after.key) != len(columns)):
        raise QueryError("The page cursor belongs to a different sort order.")
    # One extra row tells whether a next page exists without counting.
    if query.match and query.sort == "date":
        fetched = _words_by_date(conn, query, limit + 1, after, max(0, offset))
    else:
        where, params = query.where()
        if after is not None:
            op = "<" if query.descending else ">"
            where += f" AND ({', '.join(columns)}) {op} ({', '.join('?' * len(columns))})"
            params = [*params, *after.key]
        sql = (
            f"SELECT {_SLIM}, {', '.join(columns)} FROM images WHERE {where} "
            f"ORDER BY {query.order_by()} LIMIT ? OFFSET ?"
        )
        fetched = conn.execute(sql, [*params, limit + 1, max(0, offset)]).fetchall()
    more = len(fetched) > limit
    fetched = fetched[:limit]
    base = str(root)
    rows = [_gallery_row(base, r) for r in fetched]
    cursor = None
    if more and fetched:
        cursor = Cursor(query.sort_token, tuple(fetched[-1][11:]))
    return Page(rows, cursor)


# The search index walked in its own (date) order, each hit joined to its row.
_BY_INDEX = (
    f"FROM images_fts CROSS JOIN images ON images.id = images_fts.rowid & {ID_MASK} "
    "WHERE images_fts MATCH ?"
)


def _words_by_date(
    conn: sqlite3.Connection, query: Query, wanted: int, after: Cursor | None, offset: int
) -> list[Any]:
    """The first `offset + wanted` rows of a search sorted by date, read from the
    search index in key order, so the cost follows the page, not the number of hits.

    Keys order rows by their created second (searchtext.date_key_sql), not within
    it: rows are read until enough are in hand and the second has changed, then
    put in exact (created, id) order.
    """
    where, params = query.filters()
    descending = query.descending
    bound = ""
    bound_params: list[Any] = []
    if after is not None:
        op = "<" if descending else ">"
        where += f" AND (created, id) {op} (?, ?)"
        params = [*params, *after.key]
        # Let the index seek to the cursor's second instead of reading up to it.
        bound = (
            f" AND images_fts.rowid < (({second_sql('?')} + 1) << {ID_BITS})"
            if descending
            else f" AND images_fts.rowid >= ({second_sql('?')} << {ID_BITS})"
        )
        bound_params = [after.key[0]]
    direction = "DESC" if descending else "ASC"
    sql = (
        f"SELECT images_fts.rowid >> {ID_BITS}, {_SLIM}, created, id {_BY_INDEX}{bound} "
        f"AND {where} ORDER BY images_fts.rowid {direction}"
    )
    cursor = conn.execute(sql, [query.fts_match(), *bound_params, *params])
    need = offset + wanted
    found: list[Any] = []
    last_second: int | None = None
    try:
        while batch := cursor.fetchmany(64):
            for row in batch:
                if len(found) >= need and row[0] != last_second:
                    break
                found.append(row[1:])
                last_second = row[0]
            else:
                continue
            break
    finally:
        cursor.close()
    found.sort(key=lambda r: (r[11], r[12]), reverse=descending)
    return found[offset:need]


def count(conn: sqlite3.Connection, query: Query, cap: int | None = None) -> int:
    """How many images match; with `cap`, stop counting there (the GUI shows "200+")."""
    if query.match:
        # Driven by the index, so a capped count stops after `cap` hits.
        where, params = query.filters()
        inner = f"SELECT 1 {_BY_INDEX} AND {where}"
        params = [query.fts_match(), *params]
        if cap is None:
            return int(conn.execute(f"SELECT count(*) FROM ({inner})", params).fetchone()[0])
        sql = f"SELECT count(*) FROM ({inner} LIMIT ?)"
        return int(conn.execute(sql, [*params, cap]).fetchone()[0])
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
