"""Deleting to the trash, restoring from it, and emptying it.

A trashed image keeps its row (with `deleted_at` set) and its file moves from
files/ab/<sha>.ext to trash/<sha>.ext. Files are moved while the write lock is
held, inside the transaction that marks the rows, so no other instance can see
a row and a file that disagree; a crash between the move and the commit leaves
a file that `verify(repair=True)` moves back by its hash.

Images imported in place (linked) are only marked: their files are the user's,
so trashing, restoring and emptying the trash never move or delete them.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Sequence

from .db import Database
from .ingest import utc_now
from .marks import require
from .store import TRASH, FileStore, is_linked


def _move_all(store: FileStore, moves: list[tuple[str, str]]) -> None:
    done: list[tuple[str, str]] = []
    try:
        for src, dst in moves:
            if store.move(src, dst):
                done.append((src, dst))
    except BaseException:
        for src, dst in reversed(done):
            with contextlib.suppress(OSError):
                store.move(dst, src)
        raise


def delete(db: Database, store: FileStore, ids: Sequence[int]) -> list[int]:
    """Move images to the trash; returns the ids that were live before."""
    with db.write("move images to the trash") as conn:
        rows = _select(conn, ids)
        require(conn, ids)
        live = [(i, path) for i, path, deleted in rows if deleted is None]
        conn.executemany(
            "UPDATE images SET deleted_at = ? WHERE id = ?", [(utc_now(), i) for i, _ in live]
        )
        _move_all(store, [(p, store.trash_rel(p)) for _, p in live if not is_linked(p)])
    return [i for i, _ in live]


def restore(db: Database, store: FileStore, ids: Sequence[int]) -> list[int]:
    """Bring images back from the trash; returns the ids that were trashed."""
    with db.write("restore images from the trash") as conn:
        rows = _select(conn, ids)
        require(conn, ids)
        trashed = [(i, path) for i, path, deleted in rows if deleted is not None]
        conn.executemany(
            "UPDATE images SET deleted_at = NULL WHERE id = ?", [(i,) for i, _ in trashed]
        )
        _move_all(store, [(store.trash_rel(p), p) for _, p in trashed if not is_linked(p)])
    return [i for i, _ in trashed]


def empty(db: Database, store: FileStore) -> list[int]:
    """Delete trashed images for good; returns their ids."""
    with db.write("empty the trash") as conn:
        ids = [i for (i,) in conn.execute("SELECT id FROM images WHERE deleted_at IS NOT NULL")]
        conn.execute("DELETE FROM images WHERE deleted_at IS NOT NULL")
    sweep(db, store)
    return ids


def sweep(db: Database, store: FileStore) -> int:
    """Remove files in trash/ that no row refers to; returns how many.

    Runs under the write lock, because other instances move files into the
    trash only while holding it.
    """
    removed = 0
    with db.write("empty the trash") as conn, contextlib.suppress(FileNotFoundError):
        for entry in os.scandir(store.root / TRASH):
            if not entry.is_file():
                continue
            sha = entry.name.split(".", 1)[0]
            row = conn.execute(
                "SELECT path, deleted_at FROM images WHERE sha256 = ?", (sha,)
            ).fetchone()
            if row is not None and (row[1] is not None or is_linked(row[0])):
                continue  # still in the trash, or a spare of a linked file: verify decides
            if row is not None and not store.abs(row[0]).exists():
                # A delete that crashed before its commit: the image is live.
                store.move(f"{TRASH}/{entry.name}", row[0])
                continue
            os.unlink(entry.path)
            removed += 1
    return removed


def _select(conn: sqlite3.Connection, ids: Sequence[int]) -> list[tuple[int, str, str | None]]:
    out: list[tuple[int, str, str | None]] = []
    unique = sorted(set(ids))
    for start in range(0, len(unique), 500):
        chunk = unique[start : start + 500]
        marks = ",".join("?" * len(chunk))
        out.extend(
            conn.execute(
                f"SELECT id, path, deleted_at FROM images WHERE id IN ({marks})", chunk
            ).fetchall()
        )
    return out
