"""What the library hands out: slim rows for the grid, full records for details."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import QueryError
from .metadata import Provenance


@dataclass(frozen=True, slots=True)
class GalleryRow:
    """Enough to draw a thumbnail cell; no prompt or JSON, so a page of 200 is cheap."""

    id: int
    sha256: str
    relpath: str  # relative to the library root (trash/ when trashed); absolute when linked
    format: str
    width: int
    height: int
    bytes: int
    created: str
    favourite: bool
    rating: int
    deleted: bool
    root: str = field(repr=False, compare=False)

    @property
    def path(self) -> Path:
        """Absolute path of the file (built on demand: most rows are never opened)."""
        return Path(self.root, self.relpath)


@dataclass(frozen=True)
class ImageRecord:
    id: int
    sha256: str
    path: Path  # absolute; inside trash/ for trashed images the library owns
    format: str
    width: int
    height: int
    bytes: int
    created: str  # ISO 8601 UTC, fixed width so text order is time order
    added: str
    model: str | None = None
    prompt: str | None = None
    negative_prompt: str | None = None
    revised_prompt: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    task_id: str | None = None
    source_url: str | None = None
    usage: dict[str, Any] | None = None
    cost_usd: str | None = None
    app: str | None = None
    job_id: str | None = None
    favourite: bool = False
    rating: int = 0
    tags: tuple[str, ...] = ()
    albums: tuple[str, ...] = ()
    deleted_at: str | None = None
    # Later adds of the same bytes with a different provenance (see Library.add_bytes).
    other_sources: tuple[Provenance, ...] = ()
    # Imported in place: the file is the user's, outside the store, never moved or deleted.
    linked: bool = False

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None

    def provenance(self) -> Provenance:
        return Provenance(
            prompt=self.prompt,
            model=self.model,
            params=dict(self.params),
            revised_prompt=self.revised_prompt,
            negative_prompt=self.negative_prompt,
            task_id=self.task_id,
            source_url=self.source_url,
            usage=self.usage,
            cost_usd=self.cost_usd,
            created=self.created,
            app=self.app,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": str(self.path),
            "sha256": self.sha256,
            "format": self.format,
            "width": self.width,
            "height": self.height,
            "bytes": self.bytes,
            "created": self.created,
            "added": self.added,
            "model": self.model,
            "prompt": self.prompt,
            "negative_prompt": self.negative_prompt,
            "revised_prompt": self.revised_prompt,
            "params": self.params,
            "task_id": self.task_id,
            "source_url": self.source_url,
            "usage": self.usage,
            "cost_usd": self.cost_usd,
            "app": self.app,
            "job_id": self.job_id,
            "favourite": self.favourite,
            "rating": self.rating,
            "tags": list(self.tags),
            "albums": list(self.albums),
            "deleted_at": self.deleted_at,
            "linked": self.linked,
            "other_sources": [p.to_json() for p in self.other_sources],
        }


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where the next page starts: the sort key of the last row shown."""

    sort: str
    key: tuple[Any, ...]

    def token(self) -> str:
        raw = json.dumps([self.sort, list(self.key)], separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def parse(cls, token: str) -> Cursor:
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            sort, key = json.loads(raw)
            return cls(str(sort), tuple(key))
        except (ValueError, TypeError) as exc:
            raise QueryError(f"The page cursor {token!r} is not one this library made.") from exc


@dataclass(frozen=True, slots=True)
class Page:
    rows: list[GalleryRow]
    next: Cursor | None  # None on the last page


@dataclass(frozen=True, slots=True)
class Album:
    id: int
    name: str
    count: int
    created: str


@dataclass(frozen=True)
class Stats:
    root: Path
    images: int
    bytes: int
    trashed: int
    trashed_bytes: int
    favourites: int
    tags: int
    albums: int
    models: dict[str, int]  # live images per model, most used first
    oldest: str | None
    newest: str | None
    schema_version: int
    linked: int = 0  # live images indexed in place, outside the library folder

    def to_json(self) -> dict[str, Any]:
        return {
            "root": str(self.root),
            "images": self.images,
            "linked": self.linked,
            "bytes": self.bytes,
            "trashed": self.trashed,
            "trashed_bytes": self.trashed_bytes,
            "favourites": self.favourites,
            "tags": self.tags,
            "albums": self.albums,
            "models": self.models,
            "oldest": self.oldest,
            "newest": self.newest,
            "schema_version": self.schema_version,
        }


@dataclass
class VerifyReport:
    checked: int = 0
    missing: list[tuple[int, str]] = field(default_factory=list)  # (id, relative path)
    changed: list[tuple[int, str]] = field(default_factory=list)  # hash no longer matches
    orphaned: list[str] = field(default_factory=list)  # files in the store with no row
    relinked: list[tuple[int, str]] = field(default_factory=list)
    reindexed: list[tuple[int, str]] = field(default_factory=list)
    removed: list[tuple[int, str]] = field(default_factory=list)
    # What SQLite's own checks found wrong in library.db itself (empty when sound).
    index_problems: list[str] = field(default_factory=list)
    # Entries a repair's search of the folders imported in place passed over, and why.
    passed_over: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no problem remains after whatever repair ran."""
        return not (self.missing or self.changed or self.orphaned or self.index_problems)

    def to_json(self) -> dict[str, Any]:
        pairs = ("missing", "changed", "relinked", "reindexed", "removed")
        data: dict[str, Any] = {"ok": self.ok, "checked": self.checked}
        for name in pairs:
            data[name] = [{"id": i, "path": p} for i, p in getattr(self, name)]
        data["orphaned"] = list(self.orphaned)
        data["index_problems"] = list(self.index_problems)
        data["passed_over"] = [{"path": p, "reason": r} for p, r in self.passed_over]
        return data


@dataclass
class ImportReport:
    imported: list[int] = field(default_factory=list)
    adopted: list[int] = field(default_factory=list)  # linked before, copied in now
    duplicates: list[tuple[str, int]] = field(default_factory=list)  # (file, existing id)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (folder, reason)
    seconds: float = 0.0
    stopped: bool = False  # asked to stop before the last file
    # Images new to the library by the kind of metadata they came with ("a1111",
    # "comfyui", "lemon-desktop", "none", ...), and how many carried C2PA credentials.
    metadata: dict[str, int] = field(default_factory=dict)
    content_credentials: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "imported": self.imported,
            "adopted": self.adopted,
            "duplicates": [{"file": f, "id": i} for f, i in self.duplicates],
            "skipped": [{"file": f, "reason": r} for f, r in self.skipped],
            "failed": [{"file": f, "reason": r} for f, r in self.failed],
            "unreadable_folders": [{"folder": f, "reason": r} for f, r in self.unreadable],
            "seconds": round(self.seconds, 3),
            "stopped": self.stopped,
            "metadata": dict(sorted(self.metadata.items())),
            "content_credentials": self.content_credentials,
        }
