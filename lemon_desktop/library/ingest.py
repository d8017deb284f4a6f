"""Getting images into the index: rows from provenance, duplicates, crash-safe writes.

Every add follows the same three steps, so a crash at any point leaves either
nothing or a complete image, never a row without its file:

1. commit a `pending` row naming the file about to appear (and the row to make);
2. put the file in the store (temp file, flushed, renamed, synced);
3. commit the `images` row and drop the `pending` row in one transaction.

Files indexed in place (linked, see store.is_linked) are already where their
row says, so they skip steps 1 and 2.

On open, pending rows of instances that are no longer running are finished (file
present and intact: the row is made) or undone (file removed), see `recover`.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .db import Database
from .metadata import Provenance
from .probe import Probe
from .records import ImageRecord
from .store import FileStore, db_path, is_linked, relpath_for

COLUMNS = (
    "sha256",
    "path",
    "format",
    "width",
    "height",
    "bytes",
    "created",
    "added",
    "model",
    "prompt",
    "negative_prompt",
    "revised_prompt",
    "params",
    "task_id",
    "source_url",
    "usage",
    "cost_usd",
    "app",
    "job_id",
)
INSERT_SQL = (
    f"INSERT INTO images ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))}) "
    "ON CONFLICT (sha256) DO NOTHING"
)


def utc_now() -> str:
    return format_time(datetime.now(UTC))


def format_time(moment: datetime) -> str:
    # Fixed width, always UTC: string order is time order, so indexes sort by time.
    # (isoformat is strftime's "%Y-%m-%dT%H:%M:%S.%f" at a fraction of the cost.)
    if moment.tzinfo is not UTC:
        moment = moment.astimezone(UTC)
    return moment.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def normalize_created(text: str | None) -> str | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return format_time(moment)


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)


_NO_PROVENANCE = Provenance()  # read only


def row_for(
    probe: Probe,
    provenance: Provenance | None,
    *,
    job_id: str | None = None,
    created: datetime | None = None,
    added: str | None = None,
) -> dict[str, Any]:
    """The index row; `created` is the time to record when the provenance has none,
    `added` the time it enters the library (now; a bulk import passes one per batch)."""
    now = added or utc_now()
    p = provenance or _NO_PROVENANCE
    return {
        "sha256": probe.sha256,
        "path": relpath_for(probe.sha256, probe.format),
        "format": probe.format,
        "width": probe.width,
        "height": probe.height,
        "bytes": probe.bytes,
        "created": normalize_created(p.created) or (format_time(created) if created else now),
        "added": now,
        "model": p.model,
        "prompt": p.prompt,
        "negative_prompt": p.negative_prompt,
        "revised_prompt": p.revised_prompt,
        "params": _json(p.params) if p.params else "{}",
        "task_id": p.task_id,
        "source_url": p.source_url,
        "usage": _json(p.usage),
        "cost_usd": p.cost_usd,
        "app": p.app,
        "job_id": job_id,
    }


def provenance_key(p: Provenance) -> str:
    """A comparable form, so the same provenance is not recorded twice."""
    data = p.to_json()
    created = normalize_created(data.get("created"))
    if created:
        data["created"] = created
    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)


@dataclass
class Staged:
    """An image whose bytes sit in the instance's temp folder, ready to publish."""

    probe: Probe
    row: dict[str, Any]
    temp: Path | None  # None when the bytes are already in the store


def _by_sha(
    conn: sqlite3.Connection, shas: Sequence[str], column: str, where: str = ""
) -> list[tuple[str, Any]]:
    """(sha256, column) of the images with these hashes.

    The matches come back as one JSON value, i.e. one step: stepping row by row
    hands the GIL back and forth once a row, which slows a bulk import's reading
    thread more than the query itself costs.
    """
    if not shas:
        return []
    sql = (
        f"SELECT json_group_array(json_array(sha256, {column})) FROM images "
        f"WHERE sha256 IN (SELECT value FROM json_each(?)){where}"
    )
    found = conn.execute(sql, (json.dumps(list(shas)),)).fetchone()[0]
    return [(sha, value) for sha, value in json.loads(found)]


def existing(conn: sqlite3.Connection, shas: Sequence[str]) -> dict[str, int]:
    return dict(_by_sha(conn, shas, "id"))


# The same insert for a whole batch in one statement: SQLite walks a JSON array of
# rows itself, so one call (which releases the GIL) does all the index work.
INSERT_JSON_SQL = (
    f"INSERT INTO images ({', '.join(COLUMNS)}) SELECT "
    + ", ".join(f"json_extract(value, '$[{i}]')" for i in range(len(COLUMNS)))
    + " FROM json_each(?) WHERE true ON CONFLICT (sha256) DO NOTHING"
)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean(value: Any) -> Any:
    """Text as SQLite can keep it: metadata from other tools may hold NUL characters
    (which SQL text functions cut at) or lone surrogates (which are not UTF-8)."""
    if not isinstance(value, str):
        return value
    if "\x00" in value:
        value = value.replace("\x00", "")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = _SURROGATE.sub("\ufffd", value)
    return value


def insert_rows(conn: sqlite3.Connection, rows: Sequence[dict[str, Any]]) -> None:
    values = [[r[c] for c in COLUMNS] for r in rows]
    # Single adds, and paths kept as bytes (JSON has no bytes): the plain statement.
    if len(values) < 8 or any(isinstance(r["path"], bytes) for r in rows):
        conn.executemany(INSERT_SQL, [[_clean(v) for v in row] for row in values])
        return
    # Cleaning every value holds the GIL the reading thread needs; almost no text
    # needs it, so clean only when the batch shows a NUL or will not encode.
    payload = json.dumps(values, ensure_ascii=False)
    if "\\u0000" not in payload:
        try:
            conn.execute(INSERT_JSON_SQL, (payload,))
            return
        except UnicodeEncodeError:  # a lone surrogate, refused before anything ran
            pass
    cleaned = [[_clean(v) for v in row] for row in values]
    conn.execute(INSERT_JSON_SQL, (json.dumps(cleaned, ensure_ascii=False),))


def publish(db: Database, store: FileStore, items: Sequence[Staged], *, synced: bool) -> None:
    """Steps 1-3 for a batch of new images (callers removed known duplicates)."""
    if not items:
        return
    placing = [i for i in items if i.temp is not None]
    if placing:
        _place(db, store, placing, synced=synced)
    with db.write("add the images to the index") as conn:
        insert_rows(conn, [i.row for i in items])
        conn.executemany(
            "DELETE FROM pending WHERE sha256 = ? AND owner = ?",
            [(i.probe.sha256, store.token) for i in placing],
        )


def _place(db: Database, store: FileStore, items: Sequence[Staged], *, synced: bool) -> None:
    """Steps 1 and 2: record the files about to appear, then rename them into the store."""
    now = utc_now()
    with db.write("record the images being added") as conn:
        conn.executemany(
            "INSERT OR REPLACE INTO pending (sha256, owner, relpath, row, started) "
            "VALUES (?, ?, ?, ?, ?)",
            [(i.probe.sha256, store.token, i.row["path"], json.dumps(i.row), now) for i in items],
        )
    try:
        store.publish([(i.temp, i.row["path"]) for i in items if i.temp], synced=synced)
    except BaseException:
        _forget_pending(db, store, [i.probe.sha256 for i in items])
        raise


def adopt(
    db: Database, store: FileStore, items: Sequence[Staged], linked: dict[str, str | bytes]
) -> list[Staged]:
    """Move images indexed in place into the store: their staged copies become the files.

    `linked` maps each hash to the linked path its row had when the copy was made;
    a row that changed since (trashed, emptied, adopted elsewhere) keeps what it has,
    and the copy placed for it is taken back. Returns the items adopted. A crash in
    between is safe: `recover` finishes an adopt whose copy is complete.
    """
    _place(db, store, items, synced=False)
    taken: list[Staged] = []
    with db.write("copy linked images into the library") as conn:
        for item in items:
            sha, relpath = item.probe.sha256, item.row["path"]
            cursor = conn.execute(
                "UPDATE images SET path = ? WHERE sha256 = ? AND path = ? AND deleted_at IS NULL",
                (relpath, sha, linked[sha]),
            )
            if cursor.rowcount:
                taken.append(item)
            elif conn.execute("SELECT 1 FROM images WHERE path = ?", (relpath,)).fetchone() is None:
                store.remove(relpath)  # our copy, and no row wants it now
        conn.executemany(
            "DELETE FROM pending WHERE sha256 = ? AND owner = ?",
            [(i.probe.sha256, store.token) for i in items],
        )
    return taken


def relink(db: Database, sha256: str, new_path: str) -> None:
    """Point the row of an image whose file moved at where it is now (by hash: a path
    can name different bytes over time, a hash cannot)."""
    with db.write("re-link a moved image") as conn:
        conn.execute("UPDATE images SET path = ? WHERE sha256 = ?", (db_path(new_path), sha256))


def linked_paths(conn: sqlite3.Connection, shas: Sequence[str]) -> dict[str, str | bytes]:
    """Of these hashes, the live images indexed in place, with their paths as the index
    keeps them (see store.db_path)."""
    if not shas:
        return {}
    # Not _by_sha: a path kept as a BLOB cannot go through JSON. Few rows match here.
    rows = conn.execute(
        "SELECT sha256, path FROM images WHERE sha256 IN (SELECT value FROM json_each(?)) "
        "AND deleted_at IS NULL",
        (json.dumps(list(shas)),),
    ).fetchall()
    return {sha: path for sha, path in rows if is_linked(path)}


def _forget_pending(db: Database, store: FileStore, shas: Sequence[str]) -> None:
    # Best effort: if this fails too, recover() cleans up on the next open.
    try:
        with db.write("undo an unfinished add") as conn:
            conn.executemany(
                "DELETE FROM pending WHERE sha256 = ? AND owner = ?",
                [(s, store.token) for s in shas],
            )
    except Exception:
        pass


def recover(db: Database, store: FileStore, *, include_own: bool = False) -> list[int]:
    """Finish or undo the adds that a dead instance left half done; returns ids made."""
    with db.read() as conn:
        pending = conn.execute("SELECT sha256, owner, relpath, row FROM pending").fetchall()
    made: list[int] = []
    for sha, owner, relpath, row_json in pending:
        if owner == store.token and not include_own:
            continue
        if owner != store.token and store.owner_alive(owner):
            continue
        path = store.abs(relpath)
        intact = path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == sha
        with db.write("finish an add interrupted by a crash") as conn:
            known = conn.execute(
                "SELECT id, path, deleted_at FROM images WHERE sha256 = ?", (sha,)
            ).fetchone()
            if known is None and intact:
                insert_rows(conn, [json.loads(row_json)])
                made.append(int(conn.execute("SELECT last_insert_rowid()").fetchone()[0]))
            elif known is None:
                store.remove(relpath)
            elif intact and is_linked(known[1]) and known[2] is None:
                # An interrupted adopt whose copy is complete: finish it.
                conn.execute("UPDATE images SET path = ? WHERE id = ?", (relpath, known[0]))
            conn.execute("DELETE FROM pending WHERE sha256 = ? AND owner = ?", (sha, owner))
    return made


_FILLABLE = ("model", "prompt", "negative_prompt", "revised_prompt", "task_id", "source_url")


def merge_source(
    db: Database, current: ImageRecord, provenance: Provenance | None, job_id: str | None
) -> bool:
    """Record a new provenance for bytes already stored; True when anything changed.

    The first provenance keeps the columns; a different later one is appended to
    image_sources and only fills columns that were empty.
    """
    if provenance is None and job_id is None:
        return False
    with db.write("record another source of the image") as conn:
        if provenance is not None:
            key = provenance_key(provenance)
            seen = {provenance_key(current.provenance())}
            seen |= {provenance_key(p) for p in current.other_sources}
            if key not in seen:
                conn.execute(
                    "INSERT INTO image_sources (image_id, added, provenance) VALUES (?, ?, ?)",
                    (current.id, utc_now(), key),
                )
            fill = {c: getattr(provenance, c) for c in _FILLABLE}
            sets = ", ".join(f"{c} = coalesce({c}, ?)" for c in fill)
            conn.execute(f"UPDATE images SET {sets} WHERE id = ?", [*fill.values(), current.id])
        if job_id is not None:
            conn.execute(
                "UPDATE images SET job_id = coalesce(job_id, ?) WHERE id = ?", (job_id, current.id)
            )
    return True
