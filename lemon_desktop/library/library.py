"""The library facade used by the GUI gallery, the job queue and the CLI.

Synchronous by design: callers that must not block (the GUI) run calls in a
worker thread. A Library may be used from several threads at once: each thread
gets its own SQLite connection, reads never wait for writes (WAL), and writes
are serialised. Several processes may open the same root; writes wait up to
`busy_timeout` seconds for each other, then fail with a clear LibraryError.

Listeners (`add_listener`) are called after each change is committed, on the
thread that made the change, with an event name and the affected ids:
"added", "changed" (favourite, rating, tags, albums, provenance), "trashed",
"restored", "removed" (gone for good) and "albums" (album list; ids empty).
GUI code should hop to its own thread (e.g. a queued Qt signal).

Same bytes added twice are stored once: the second add returns the existing
record; a different provenance is kept as an extra source (ImageRecord
.other_sources) and fills any of the row's empty fields; a trashed image comes
back from the trash; a missing file is rewritten.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import cast

from ..imageformat import sniff_image_format
from . import exporter as exporter_module
from . import importer, ingest, lineage, marks, metadata, reads, trash
from . import verify as verify_module
from .db import (
    DB_NAME,
    DEFAULT_BUSY_TIMEOUT,
    Database,
    create_index,
    index_file_damage,
    index_sound,
    migrate,
    rescue_index,
    schema_version,
    set_aside,
)
from .errors import LibraryError, NotAnImage, damaged_index, os_error, sqlite_error
from .ingest import Staged, row_for
from .probe import FORMAT_NAMES, probe
from .query import parse
from .records import (
    Album,
    Cursor,
    GalleryRow,
    ImageRecord,
    ImportReport,
    Page,
    Stats,
    VerifyReport,
)
from .safefile import read_regular
from .store import LINKED_SQL, FileStore, db_path

log = logging.getLogger(__name__)
Listener = Callable[[str, list[int]], None]


def default_root() -> Path:
    from ..paths import default_home

    return default_home() / "library"


class Library:
    def __init__(self, root: Path, db: Database, store: FileStore) -> None:
        self.root = root
        # Where a damaged library.db was kept when opened with start_over_if_damaged,
        # and whether its rows were copied into the new index (else it started empty).
        self.damaged_index_kept: Path | None = None
        self.index_rescued = False
        self._db = db
        self._store = store
        self._listeners: list[Listener] = []
        self._listeners_lock = threading.Lock()

    # -- lifecycle -----------------------------------------------------------

    @classmethod
    def open(
        cls,
        root: Path | None = None,
        *,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
        start_over_if_damaged: bool = False,
    ) -> Library:
        """Open (creating if needed) the library at `root`, finishing interrupted adds.

        A library.db that is not a database (empty, or other bytes) raises IndexDamaged
        and is left untouched; with `start_over_if_damaged` (what `verify --repair`
        asks for) it is kept as library.db.damaged-<time> and a new index is made.
        """
        root = Path(root if root is not None else default_root()).expanduser().absolute()
        if root.exists() and not root.is_dir():
            raise LibraryError(f"The library path {root} is a file, not a folder.")
        store = FileStore(root)
        try:
            root.mkdir(parents=True, exist_ok=True)
            identity = _identity(root)
            store.open()
        except OSError as exc:
            raise os_error(exc, root, "open the library") from exc

        def check_alive() -> None:
            try:
                alive = _identity(root) == identity and (root / DB_NAME).exists()
            except OSError:
                alive = False
            if not alive:
                raise LibraryError(
                    f"The library folder {root} was deleted or moved while the app was "
                    "running; nothing more can be saved there. Restart to create a new one."
                )

        db_file = root / DB_NAME
        kept: Path | None = None
        try:
            damage = index_file_damage(db_file)
            if damage and not start_over_if_damaged:
                store.close()
                raise damaged_index(db_file, damage)
            rescued: Path | None = None
            if damage:
                kept = set_aside(db_file)
            elif start_over_if_damaged and db_file.exists() and not index_sound(db_file):
                rescued = rescue_index(db_file, store.token)
                kept = set_aside(db_file)
                os.replace(rescued, db_file)
            if not db_file.exists():
                create_index(db_file, store.token)
        except OSError as exc:
            store.close()
            raise os_error(exc, root, "open the library index") from exc
        except sqlite3.Error as exc:
            store.close()
            raise sqlite_error(exc, root, "create the library index", busy_timeout) from exc
        db = Database(db_file, root, busy_timeout, check_alive)
        library = cls(root, db, store)
        library.damaged_index_kept = kept
        library.index_rescued = rescued is not None
        try:
            with db.read("open the library index") as conn:
                migrate(conn)
            try:
                ingest.recover(db, store)
            except Exception as exc:
                # Reading still works; the next open or verify() tries again.
                log.warning("could not finish interrupted adds: %s", exc)
        except sqlite3.Error as exc:
            library.close()
            raise db.error(exc, "open the library index") from exc
        except BaseException:
            library.close()
            raise
        return library

    def close(self) -> None:
        """Close every connection. Call once other threads are done with the library."""
        self._store.clear_temp()  # first: on a full disk this frees room for the rest
        try:
            ingest.recover(self._db, self._store, include_own=True)
        except Exception as exc:
            log.warning("could not finish interrupted adds: %s", exc)
        self._db.close()
        self._store.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def scratch(self) -> Path:
        """A folder of this open instance's own, removed on close or, after a crash, on open."""
        return self._store.tmp

    @property
    def database(self) -> Database:
        """The index, for layers that keep their own tables in it (jobs)."""
        return self._db

    # -- listeners -------------------------------------------------------------

    def add_listener(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(event, ids)` after every change; returns an unsubscribe function."""
        with self._listeners_lock:
            self._listeners.append(listener)

        def remove() -> None:
            with self._listeners_lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return remove

    def _emit(self, event: str, ids: Sequence[int]) -> None:
        if not ids and event != "albums":
            return
        with self._listeners_lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event, list(ids))
            except Exception:
                log.exception("library listener %r failed on %s", listener, event)

    # -- adding ------------------------------------------------------------------

    def add_bytes(
        self,
        data: bytes,
        provenance: metadata.Provenance | None = None,
        *,
        job_id: str | None = None,
    ) -> ImageRecord:
        """Store an image, with its provenance embedded in the file first.

        Raises NotAnImage for bytes that are not PNG/JPEG/WebP, LibraryError
        when the library cannot store them. If embedding fails (a container the
        metadata module cannot edit safely), the original bytes are kept: the
        image matters more than the copy of its provenance inside the file.

        The bytes are hashed once (the stored form, with its provenance) and written
        once: into the store's temp folder, then renamed into their place.
        """
        if provenance is not None:
            fmt = _image_format(data)  # not probe(): the hash comes later, of what is stored
            try:
                data = metadata.embed(data, fmt, provenance)
            except metadata.MetadataError as exc:
                log.warning("stored without embedded metadata: %s", exc)
        return self._add(data, provenance, job_id)

    def add_file(
        self,
        path: Path,
        provenance: metadata.Provenance | None = None,
        *,
        copy: bool = True,
        job_id: str | None = None,
    ) -> ImageRecord:
        """Add a file; without `provenance` its embedded metadata (ours or A1111) is read.

        `copy=False` moves it: the original is deleted once the library's copy is safe.
        """
        path = Path(path)
        try:
            # A dropped link is followed, but only to a regular file of a sane size.
            data = read_regular(path, follow_symlinks=True)
        except OSError as exc:
            raise LibraryError(f"Could not read {path}: {exc.strerror or exc}.") from exc
        record = (
            self._add(data, metadata.read(data), job_id)
            if provenance is None
            else self.add_bytes(data, provenance, job_id=job_id)
        )
        if not copy and path.absolute() != record.path:
            try:
                path.unlink()
            except OSError as exc:
                log.warning("could not remove %s after adding it: %s", path, exc)
        return record

    def _add(
        self, data: bytes, provenance: metadata.Provenance | None, job_id: str | None
    ) -> ImageRecord:
        info = probe(data)
        with self._db.read("add the image") as conn:
            known = ingest.existing(conn, [info.sha256])
        if known:
            return self._merge(known[info.sha256], data, provenance, job_id)
        row = row_for(info, provenance, job_id=job_id)
        try:
            temp = self._store.stage(data, info.sha256, sync=True)
            ingest.publish(self._db, self._store, [Staged(info, row, temp)], synced=True)
        except OSError as exc:
            raise os_error(exc, self.root, "save the image") from exc
        with self._db.read("add the image") as conn:
            image_id = ingest.existing(conn, [info.sha256])[info.sha256]
        self._record_lineage(image_id, provenance)
        self._emit("added", [image_id])
        return self.get(image_id)

    def _merge(
        self, image_id: int, data: bytes, provenance: metadata.Provenance | None, job_id: str | None
    ) -> ImageRecord:
        current = self.get(image_id)
        if current.deleted:
            self.restore([image_id])
            current = self.get(image_id)
        changed = False
        if current.linked or not current.path.exists():
            # Added through the library now: the bytes belong in the store.
            info = probe(data)
            row = row_for(info, None)
            try:
                if current.linked:
                    temp = self._store.stage(data, info.sha256, sync=False)
                    linked = {info.sha256: db_path(str(current.path))}
                    changed = bool(
                        ingest.adopt(self._db, self._store, [Staged(info, row, temp)], linked)
                    )
                else:
                    self._store.write(data, row["path"])
            except OSError as exc:
                raise os_error(exc, self.root, "save the image") from exc
        if ingest.merge_source(self._db, current, provenance, job_id) or changed:
            self._emit("changed", [image_id])
        # Also heals a lineage lost to a crash between the add and its lineage.
        self._record_lineage(image_id, provenance)
        return self.get(image_id)

    def _record_lineage(self, image_id: int, provenance: metadata.Provenance | None) -> None:
        found = lineage.Lineage.from_json(provenance.lineage) if provenance else None
        if found is not None:
            self.record_lineage(image_id, found)

    # -- inputs and lineage ------------------------------------------------------

    def add_input(self, path: Path) -> ImageRecord:
        """Store an image the user hands to a model (a source, reference or mask) as it
        is, byte for byte: its sha256 stays the one the request names, so a resumed or
        retried job sends the very same bytes from the library, whatever became of the
        user's file. Its own embedded metadata, if any, is read as for any added file."""
        return self.add_file(Path(path))

    def find_sha256(self, sha256: str) -> ImageRecord | None:
        """The image with these bytes (in the library or its trash), or None."""
        with self._db.read("find the image") as conn:
            known = ingest.existing(conn, [sha256.lower()])
        return self.get(known[sha256.lower()]) if known else None

    def record_lineage(self, image_id: int, made_from: lineage.Lineage) -> bool:
        """Record the images `image_id` was made from (once: the first record stays)."""
        with self._db.write("record where the image came from") as conn:
            written = lineage.record(conn, int(image_id), made_from)
        if written:
            self._emit("changed", [int(image_id)])
        return written

    def parents(self, image_id: int) -> list[lineage.Relative]:
        """What `image_id` was made from, in the order recorded; a parent deleted for good
        is still listed, by its hash, with no live id."""
        with self._db.read("read where the image came from") as conn:
            return lineage.parents_of(conn, int(image_id))

    def children(self, image_id: int) -> list[lineage.Relative]:
        """The images made from `image_id`, oldest first."""
        with self._db.read("read what was made from the image") as conn:
            return lineage.children_of(conn, int(image_id))

    def import_folder(
        self,
        folder: Path,
        progress: Callable[[int, int], None] | None = None,
        *,
        in_place: bool = False,
        stop: Callable[[], bool] | None = None,
    ) -> ImportReport:
        """Import PNG/JPEG/WebP files below `folder` (by content), skipping duplicates.

        By default the files are copied into the library. `in_place` indexes them
        where they are instead (no second copy; the library never moves or deletes
        them, and `verify(repair=True)` re-links them by hash if they move inside
        the folder). Copying in images that were indexed in place moves them into
        the library (ImportReport.adopted). `stop()` returning True ends the import
        early; what was read by then is kept.
        """
        try:
            report = importer.import_folder(
                self._db,
                self._store,
                Path(folder),
                progress,
                in_place=in_place,
                stop=stop,
                on_batch=lambda ids: self._emit("added", ids),
            )
        except OSError as exc:
            raise os_error(exc, self.root, "import the images") from exc
        self._emit("changed", report.adopted)
        return report

    # -- reading -------------------------------------------------------------------

    def get(self, image_id: int) -> ImageRecord:
        with self._db.read("read the image record") as conn:
            return reads.record(conn, self.root, int(image_id))

    def page(
        self,
        query: str = "",
        limit: int = 200,
        after: Cursor | str | None = None,
        *,
        offset: int = 0,
    ) -> Page:
        """Gallery rows matching `query`, after the cursor of the previous page."""
        parsed = parse(query)
        cursor = Cursor.parse(after) if isinstance(after, str) else after
        with self._db.read("read the gallery") as conn:
            return reads.page(conn, self.root, parsed, limit, cursor, offset)

    def count(self, query: str = "", *, cap: int | None = None) -> int:
        """Matches for `query`; with `cap` counting stops there (cheap "200+")."""
        parsed = parse(query)
        with self._db.read("count images") as conn:
            return reads.count(conn, parsed, cap)

    def search(self, text: str, limit: int = 200) -> list[GalleryRow]:
        return self.page(text, limit).rows

    def albums(self) -> list[Album]:
        with self._db.read("list albums") as conn:
            return marks.albums(conn)

    def tags(self) -> list[tuple[str, int]]:
        """Every tag with how many live images carry it, most used first."""
        with self._db.read("list tags") as conn:
            return marks.tags(conn)

    def stats(self) -> Stats:
        with self._db.read("read statistics") as conn:
            live, size, oldest, newest, favs, linked = conn.execute(
                "SELECT count(*), coalesce(sum(bytes), 0), min(created), max(created), "
                f"coalesce(sum(favourite), 0), count(*) FILTER (WHERE {LINKED_SQL}) "
                "FROM images WHERE deleted_at IS NULL"
            ).fetchone()
            trashed, trashed_bytes = conn.execute(
                "SELECT count(*), coalesce(sum(bytes), 0) FROM images WHERE deleted_at IS NOT NULL"
            ).fetchone()
            models = dict(
                conn.execute(
                    "SELECT coalesce(model, ''), count(*) AS n FROM images "
                    "WHERE deleted_at IS NULL GROUP BY 1 ORDER BY n DESC"
                ).fetchall()
            )
            tags = conn.execute("SELECT count(*) FROM tags").fetchone()[0]
            albums = conn.execute("SELECT count(*) FROM albums").fetchone()[0]
            version = schema_version(conn)
        return Stats(
            self.root, live, size, trashed, trashed_bytes, favs, tags, albums, models,
            oldest, newest, version, linked,
        )  # fmt: skip

    # -- marking -------------------------------------------------------------------

    def set_favourite(self, ids: Iterable[int], value: bool) -> None:
        self._mark(ids, "favourite", lambda c, i: marks.set_column(c, i, "favourite", int(value)))

    def set_rating(self, ids: Iterable[int], rating: int) -> None:
        if not 0 <= int(rating) <= 5:
            raise ValueError(f"A rating is 0 to 5, not {rating}.")
        self._mark(ids, "rating", lambda c, i: marks.set_column(c, i, "rating", int(rating)))

    def add_tags(self, ids: Iterable[int], tags: Iterable[str]) -> None:
        names = marks.tag_names(tags)
        self._mark(ids, "tag images", lambda c, i: marks.add_tags(c, i, names))

    def remove_tags(self, ids: Iterable[int], tags: Iterable[str]) -> None:
        names = marks.tag_names(tags)
        self._mark(ids, "untag images", lambda c, i: marks.remove_tags(c, i, names))

    def create_album(self, name: str) -> Album:
        with self._db.write("create the album") as conn:
            clean = marks.create_album(conn, name)
        self._emit("albums", [])
        return next(a for a in self.albums() if a.name.casefold() == clean.casefold())

    def add_to_album(self, ids: Iterable[int], name: str) -> None:
        """Put images in an album, creating the album if it does not exist yet."""
        self._mark(ids, "add images to the album", lambda c, i: marks.add_to_album(c, i, name))
        self._emit("albums", [])

    def remove_from_album(self, ids: Iterable[int], name: str) -> None:
        self._mark(
            ids, "remove images from the album", lambda c, i: marks.remove_from_album(c, i, name)
        )

    def _mark(
        self,
        ids: Iterable[int],
        doing: str,
        change: Callable[[sqlite3.Connection, list[int]], None],
    ) -> None:
        id_list = marks.id_list(ids)
        with self._db.write(doing) as conn:
            change(conn, id_list)
        self._emit("changed", id_list)

    # -- trash, verify, export -----------------------------------------------------

    def delete(self, ids: Iterable[int]) -> list[int]:
        """Move images to the trash (restorable); returns the ids that moved."""
        moved = self._files(trash.delete, marks.id_list(ids), "move images to the trash")
        self._emit("trashed", moved)
        return moved

    def restore(self, ids: Iterable[int]) -> list[int]:
        back = self._files(trash.restore, marks.id_list(ids), "restore images")
        self._emit("restored", back)
        return back

    def empty_trash(self) -> int:
        """Delete trashed images and their files for good; returns how many."""
        gone = self._files(lambda db, store, _ids: trash.empty(db, store), [], "empty the trash")
        self._emit("removed", gone)
        return len(gone)

    def _files(
        self,
        action: Callable[[Database, FileStore, list[int]], list[int]],
        ids: list[int],
        doing: str,
    ) -> list[int]:
        try:
            return action(self._db, self._store, ids)
        except OSError as exc:
            raise os_error(exc, self.root, doing) from exc

    def verify(
        self, repair: bool = False, *, remove_missing: bool = False, check_hashes: bool = True
    ) -> VerifyReport:
        """Compare index and files; see lemon_desktop.library.verify for what repair does."""
        try:
            ingest.recover(self._db, self._store)
            report = verify_module.verify(
                self._db,
                self._store,
                repair=repair,
                remove_missing=remove_missing,
                check_hashes=check_hashes,
            )
        except OSError as exc:
            raise os_error(exc, self.root, "check the library") from exc
        self._emit("added", [i for i, _ in report.reindexed])
        self._emit("removed", [i for i, _ in report.removed])
        return report

    def export(
        self,
        query: str,
        to_dir: Path,
        template: str = exporter_module.DEFAULT_TEMPLATE,
        strip_metadata: bool = False,
    ) -> exporter_module.Exported:
        """Copy matching images to `to_dir` named by `template` (see naming.py)."""
        return exporter_module.export(
            self._db, parse(query), Path(to_dir), template, strip_metadata=strip_metadata
        )


def _image_format(data: bytes) -> metadata.ImageFormat:
    fmt = sniff_image_format(data[:16])
    if fmt not in ("png", "jpeg", "webp"):
        raise NotAnImage(f"not a {FORMAT_NAMES} image")
    return cast(metadata.ImageFormat, fmt)


def _identity(root: Path) -> tuple[int, int]:
    st = os.stat(root)
    return st.st_dev, st.st_ino
