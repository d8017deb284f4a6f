"""Getting images into the index: rows from provenance, duplicates, crash-safe writes.

Every add follows the same three steps, so a crash at any point leaves either
nothing or a complete image, never a row without its file:

1. commit a `pending` row naming the file about to appear (and the row to make);
2. put the file in the store (temp file, flushed, renamed, synced);
3. commit the `images` row and drop the `pending` row in one transaction.

On open, pending rows of instances that are no longer running are finished (file
present and intact: the row is made) or undone (file removed), see `recover`.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .bridge import Provenance
from .db import Database
from .probe import Probe
from .records import ImageRecord
from .store import FileStore, relpath_for

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
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


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


def row_for(
    probe: Probe, provenance: Provenance | None, *, job_id: str | None = None
) -> dict[str, Any]:
    now = utc_now()
    p = provenance or Provenance()
    return {
        "sha256": probe.sha256,
        "path": relpath_for(probe.sha256, probe.format),
        "format": probe.format,
        "width": probe.width,
        "height": probe.height,
        "bytes": probe.bytes,
        "created": normalize_created(p.created) or now,
        "added": now,
        "model": p.model,
        "prompt": p.prompt,
        "negative_prompt": p.negative_prompt,
        "revised_prompt": p.revised_prompt,
        "params": _json(p.params or {}),
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


def existing(conn: sqlite3.Connection, shas: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(shas), 500):
        chunk = shas[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for sha, image_id in conn.execute(
            f"SELECT sha256, id FROM images WHERE sha256 IN ({marks})", chunk
        ):
            found[sha] = image_id
    return found


def insert_rows(conn: sqlite3.Connection, rows: Sequence[dict[str, Any]]) -> None:
    conn.executemany(INSERT_SQL, [tuple(r[c] for c in COLUMNS) for r in rows])


def publish(db: Database, store: FileStore, items: Sequence[Staged], *, synced: bool) -> None:
    """Steps 1-3 for a batch of new images (callers removed known duplicates)."""
    if not items:
        return
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
    with db.write("add the images to the index") as conn:
        insert_rows(conn, [i.row for i in items])
        conn.executemany(
            "DELETE FROM pending WHERE sha256 = ? AND owner = ?",
            [(i.probe.sha256, store.token) for i in items],
        )


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
            known = conn.execute("SELECT id FROM images WHERE sha256 = ?", (sha,)).fetchone()
            if known is None and intact:
                insert_rows(conn, [json.loads(row_json)])
                made.append(int(conn.execute("SELECT last_insert_rowid()").fetchone()[0]))
            elif known is None:
                store.remove(relpath)
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
