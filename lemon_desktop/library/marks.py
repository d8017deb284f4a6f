"""What people attach to images: favourite, rating, tags and albums."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from .errors import ImageNotFound
from .ingest import utc_now
from .records import Album


def id_list(ids: Iterable[int]) -> list[int]:
    return sorted({int(i) for i in ids})


def tag_names(tags: Iterable[str] | str) -> list[str]:
    if isinstance(tags, str):
        tags = [tags]
    return sorted({" ".join(t.split()) for t in tags if t.strip()})


def require(conn: sqlite3.Connection, ids: Sequence[int]) -> None:
    """Raise ImageNotFound naming the ids that are not in the library."""
    found: set[int] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            i for (i,) in conn.execute(f"SELECT id FROM images WHERE id IN ({marks})", chunk)
        )
    unknown = sorted(set(ids) - found)
    if unknown:
        listed = ", ".join(str(i) for i in unknown[:10])
        noun = "image" if len(unknown) == 1 else "images"
        raise ImageNotFound(f"There is no {noun} {listed} in the library.")


def set_column(conn: sqlite3.Connection, ids: Sequence[int], column: str, value: int) -> None:
    require(conn, ids)
    conn.executemany(f"UPDATE images SET {column} = ? WHERE id = ?", [(value, i) for i in ids])


def add_tags(conn: sqlite3.Connection, ids: Sequence[int], names: Sequence[str]) -> None:
    require(conn, ids)
    conn.executemany("INSERT OR IGNORE INTO tags (name) VALUES (?)", [(n,) for n in names])
    conn.executemany(
        "INSERT OR IGNORE INTO image_tags (image_id, tag_id) SELECT ?, id FROM tags WHERE name = ?",
        [(i, n) for i in ids for n in names],
    )


def remove_tags(conn: sqlite3.Connection, ids: Sequence[int], names: Sequence[str]) -> None:
    conn.executemany(
        "DELETE FROM image_tags WHERE image_id = ? AND "
        "tag_id = (SELECT id FROM tags WHERE name = ?)",
        [(i, n) for i in ids for n in names],
    )
    conn.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM image_tags)")


def tags(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    return conn.execute(
        "SELECT t.name, count(i.id) AS n FROM tags t "
        "JOIN image_tags it ON it.tag_id = t.id "
        "JOIN images i ON i.id = it.image_id AND i.deleted_at IS NULL "
        "GROUP BY t.id ORDER BY n DESC, t.name COLLATE NOCASE"
    ).fetchall()


def create_album(conn: sqlite3.Connection, name: str) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise ValueError("An album needs a name.")
    conn.execute("INSERT OR IGNORE INTO albums (name, created) VALUES (?, ?)", (clean, utc_now()))
    return clean


def add_to_album(conn: sqlite3.Connection, ids: Sequence[int], name: str) -> None:
    require(conn, ids)
    clean = create_album(conn, name)
    conn.executemany(
        "INSERT OR IGNORE INTO album_images (album_id, image_id, added) "
        "SELECT id, ?, ? FROM albums WHERE name = ?",
        [(i, utc_now(), clean) for i in ids],
    )


def remove_from_album(conn: sqlite3.Connection, ids: Sequence[int], name: str) -> None:
    conn.executemany(
        "DELETE FROM album_images WHERE image_id = ? AND "
        "album_id = (SELECT id FROM albums WHERE name = ?)",
        [(i, " ".join(name.split())) for i in ids],
    )


def albums(conn: sqlite3.Connection) -> list[Album]:
    rows = conn.execute(
        "SELECT a.id, a.name, a.created, count(i.id) FROM albums a "
        "LEFT JOIN album_images ai ON ai.album_id = a.id "
        "LEFT JOIN images i ON i.id = ai.image_id AND i.deleted_at IS NULL "
        "GROUP BY a.id ORDER BY a.name COLLATE NOCASE"
    ).fetchall()
    return [Album(r[0], r[1], r[3], r[2]) for r in rows]
