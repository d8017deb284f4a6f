"""Lineage: which images an image was made from, and how.

Every result of an edit, a variation, an upscale or a composite records its parents:
the source images, references and mask it was made from, each with its role, its
sha256 and the library id it had. The hash is what links: deleting a parent for good
keeps the children's record of it (its hash stays, and the same bytes added again are
found as the parent once more), and ids, which SQLite may hand out again, are kept only
as what was recorded.

The same record is embedded in the child's file (`Provenance.lineage`), so a re-import
restores it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# Operations that search groups under one word (`is:edit`, `op:variation`): the names
# the client's requests use (api.request.Operation), plus the app's own "composite"
# (an edit put back onto its original outside the mask) and "change-map" (where the
# model changed pixels the mask protected).
OPERATION_GROUPS: Mapping[str, tuple[str, ...]] = {
    "edit": ("edit", "region-edit"),
    "variation": ("variation", "reroll", "remix"),
    "image-to-image": ("image-to-image",),
    "upscale": ("upscale",),
    "remove-background": ("remove-background",),
    "composite": ("composite",),
    "change-map": ("change-map",),
}
COMPOSITE = "composite"
CHANGE_MAP = "change-map"

# A parent's part in making the child.
ROLES = ("input", "reference", "mask", "result", "original")


@dataclass(frozen=True)
class ParentRef:
    """One parent as recorded: by hash, with the library id it had then (if any)."""

    sha256: str
    role: str = "input"
    image_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"role": self.role, "sha256": self.sha256, "image_id": self.image_id}

    @classmethod
    def from_json(cls, data: Any) -> ParentRef | None:
        if not isinstance(data, dict):
            return None
        sha = data.get("sha256")
        if not isinstance(sha, str) or len(sha) != 64:
            return None
        role = data.get("role")
        image_id = data.get("image_id")
        return cls(
            sha256=sha.lower(),
            role=role if isinstance(role, str) and role in ROLES else "input",
            image_id=image_id if isinstance(image_id, int) and not isinstance(image_id, bool)
            else None,
        )  # fmt: skip


@dataclass(frozen=True)
class Lineage:
    operation: str
    parents: tuple[ParentRef, ...]

    def to_json(self) -> dict[str, Any]:
        return {"operation": self.operation, "parents": [p.to_json() for p in self.parents]}

    @classmethod
    def from_json(cls, data: Any) -> Lineage | None:
        """The record embedded in a file (which may come from anywhere): None unless it
        names an operation and at least one well-formed parent."""
        if not isinstance(data, dict) or not isinstance(data.get("operation"), str):
            return None
        raw = data.get("parents")
        parents = tuple(
            p for p in map(ParentRef.from_json, raw if isinstance(raw, list) else []) if p
        )
        return cls(data["operation"], parents) if parents else None


@dataclass(frozen=True)
class Relative:
    """A parent or a child as `library show` lists it."""

    role: str
    operation: str
    sha256: str
    recorded_id: int | None  # the id written when the lineage was recorded
    image_id: int | None  # the image with that hash in the library now; None: gone
    trashed: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "operation": self.operation,
            "sha256": self.sha256,
            "image_id": self.image_id,
            "recorded_id": self.recorded_id,
            "state": "gone" if self.image_id is None else "trash" if self.trashed else "library",
        }


def record(conn: sqlite3.Connection, child_id: int, lineage: Lineage) -> bool:
    """Write `child_id`'s parents, once: the first lineage recorded for an image stays
    (the same bytes made again another way do not rewrite where they came from).
    Returns whether anything was written."""
    if conn.execute("SELECT 1 FROM image_parents WHERE child_id = ?", (child_id,)).fetchone():
        return False
    own = conn.execute("SELECT sha256 FROM images WHERE id = ?", (child_id,)).fetchone()
    # A model that answers with its input unchanged makes no image of its own.
    parents = [p for p in lineage.parents if own is None or p.sha256 != own[0]]
    conn.executemany(
        "INSERT INTO image_parents (child_id, position, role, parent_sha256, parent_id, "
        "operation) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (child_id, position, p.role, p.sha256, p.image_id, lineage.operation)
            for position, p in enumerate(parents)
        ],
    )
    return bool(parents)


def parents_of(conn: sqlite3.Connection, child_id: int) -> list[Relative]:
    rows = conn.execute(
        "SELECT p.role, p.operation, p.parent_sha256, p.parent_id, i.id, i.deleted_at "
        "FROM image_parents p LEFT JOIN images i ON i.sha256 = p.parent_sha256 "
        "WHERE p.child_id = ? ORDER BY p.position",
        (child_id,),
    ).fetchall()
    return [_relative(row) for row in rows]


def children_of(conn: sqlite3.Connection, image_id: int) -> list[Relative]:
    """The images made from `image_id` (by its hash), each once, oldest first; `role`
    is the part this image played in making it."""
    rows = conn.execute(
        "SELECT min(p.role), p.operation, c.sha256, p.child_id, c.id, c.deleted_at "
        "FROM image_parents p JOIN images c ON c.id = p.child_id "
        "WHERE p.parent_sha256 = (SELECT sha256 FROM images WHERE id = ?) "
        "GROUP BY p.child_id ORDER BY c.created, c.id",
        (image_id,),
    ).fetchall()
    return [_relative(row) for row in rows]


def _relative(row: Sequence[Any]) -> Relative:
    role, operation, sha, recorded, live, deleted = row
    return Relative(role, operation, sha, recorded, live, trashed=deleted is not None)


# ----- search ---------------------------------------------------------------------

FROM_SQL = (
    "EXISTS (SELECT 1 FROM image_parents p WHERE p.child_id = images.id "
    "AND p.parent_sha256 IN (SELECT sha256 FROM images WHERE id = ?))"
)
PARENT_OF_SQL = "sha256 IN (SELECT parent_sha256 FROM image_parents WHERE child_id = ?)"
DERIVED_SQL = "EXISTS (SELECT 1 FROM image_parents p WHERE p.child_id = images.id)"


def operation_sql(name: str) -> tuple[str, list[Any]]:
    """Images made by the operation `name`, or by any of its group (`edit` takes in
    `region-edit` too)."""
    names = OPERATION_GROUPS.get(name.lower(), (name.lower(),))
    marks = ", ".join("?" * len(names))
    return (
        "EXISTS (SELECT 1 FROM image_parents p WHERE p.child_id = images.id "
        f"AND p.operation IN ({marks}))",
        list(names),
    )
