"""Checking that index and files agree, and putting them back together.

Finds: rows whose file is missing, files whose bytes no longer match their
hash, and files in the store that no row knows (orphans). Repair moves a
missing file back from wherever it turns up under its hash (the other of
files/ and trash/, or an orphan whose bytes match), indexes the remaining
orphans (reading their embedded metadata; trash orphans stay in the trash),
and drops rows whose file is gone only when asked to (`remove_missing`).
Changed files are reported, never "fixed": their original bytes are gone.

Images indexed in place (linked) are checked where they are. A missing one is
looked for, by size and then by hash, in the folders imported in place, and
its row follows it; files there that no row knows are the user's business, not
orphans. `remove_missing` keeps the rows of an imported folder that is missing
as a whole (an unplugged drive, most likely).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

from . import metadata
from .db import Database
from .errors import LibraryError, NotAnImage
from .importer import WalkProblems, iter_files
from .ingest import Staged, insert_rows, publish, relink, row_for, utc_now
from .probe import probe
from .records import VerifyReport
from .safefile import is_regular, open_regular, read_regular
from .store import TRASH, FileStore, file_location, is_linked, path_from_db, relpath_for


def _sha(path: Path | str) -> str:
    """The file's hash; RefusedFile (an OSError) when it is no longer a regular file:
    a FIFO or a link to /dev/zero put in its place must not hang the check."""
    fd = open_regular(path)
    try:
        digest = hashlib.sha256()
        while chunk := os.read(fd, 1 << 20):
            digest.update(chunk)
    finally:
        os.close(fd)
    return digest.hexdigest()


def _matches(path: Path | str, sha: str) -> bool:
    try:
        return _sha(path) == sha
    except OSError:
        return False


def check_index(db: Database, *, thorough: bool = True) -> list[str]:
    """What SQLite finds wrong in library.db: its pages and indexes (integrity_check, or
    the faster quick_check) and the search index against the images. Empty when sound."""
    pragma = "integrity_check" if thorough else "quick_check"
    problems: list[str] = []
    try:
        with db.read("check the library index") as conn:
            rows = conn.execute(f"PRAGMA {pragma}(100)").fetchall()
        problems += [str(r[0]) for r in rows if r[0] != "ok"]
    except LibraryError as exc:
        problems.append(str(exc))
    try:
        with db.write("check the search index") as conn:
            conn.execute("INSERT INTO images_fts (images_fts, rank) VALUES ('integrity-check', 1)")
    except LibraryError as exc:
        problems.append(f"search index: {exc}")
    return problems


def repair_index(db: Database) -> None:
    """Rebuild what can be rebuilt from the rows: every index, and the search index.
    Damaged table pages cannot be; check_index afterwards says what is left."""
    with contextlib.suppress(LibraryError), db.write("rebuild the library's indexes") as conn:
        conn.execute("REINDEX")
    with contextlib.suppress(LibraryError), db.write("rebuild the search index") as conn:
        conn.execute("INSERT INTO images_fts (images_fts) VALUES ('rebuild')")


def verify(
    db: Database,
    store: FileStore,
    *,
    repair: bool = False,
    remove_missing: bool = False,
    check_hashes: bool = True,
) -> VerifyReport:
    report = VerifyReport()
    report.index_problems = check_index(db, thorough=check_hashes)
    if repair and report.index_problems:
        repair_index(db)
        report.index_problems = check_index(db, thorough=check_hashes)
    with db.read("check the library") as conn:
        rows = conn.execute("SELECT id, sha256, path, deleted_at, bytes FROM images").fetchall()
        folders = [
            Path(path_from_db(p)) for (p,) in conn.execute("SELECT path FROM linked_folders")
        ]
    expected: dict[str, tuple[int, str]] = {}
    linked: list[tuple[int, str, str, int]] = []  # id, path, sha, size
    for image_id, sha, path, deleted_at, size in rows:
        if is_linked(path):
            linked.append((image_id, path_from_db(path), sha, size))
            continue
        where = file_location(path, deleted_at is not None)
        expected[where] = (image_id, sha)
    on_disk = set(store.iter_files())
    report.checked = len(rows)

    orphans = sorted(on_disk - expected.keys())
    missing: list[tuple[int, str, str]] = []  # id, expected relpath, sha
    for where, (image_id, sha) in expected.items():
        if where not in on_disk:
            missing.append((image_id, where, sha))
        elif check_hashes and not _matches(store.abs(where), sha):
            report.changed.append((image_id, where))
    lost = _check_linked(linked, report, check_hashes)

    if repair and lost:
        lost = _find_linked(db, store, lost, {p for _, p, _, _ in linked}, folders, report)
    if repair and missing:
        missing = _relink(db, store, missing, orphans, report)
    missing.extend((i, path, sha) for i, path, sha, _ in lost)
    if repair and orphans:
        orphans = _reindex(db, store, orphans, report)
        # A linked image whose only copy was a stray file in the store now has it.
        taken = {i for i, _ in report.reindexed}
        missing = [m for m in missing if m[0] not in taken]
    if repair and remove_missing and missing:
        # A folder imported in place that is gone as a whole is more likely an unplugged
        # drive than deleted files: its rows (ratings, tags, albums) are kept.
        absent = [f for f in folders if not f.exists()]
        unplugged = [m for m in missing if is_linked(m[1]) and _under(m[1], absent)]
        gone = [m for m in missing if m not in unplugged]
        with db.write("remove rows whose files are gone") as conn:
            conn.executemany("DELETE FROM images WHERE id = ?", [(i,) for i, _, _ in gone])
        report.removed.extend((i, where) for i, where, _ in gone)
        missing = unplugged
    report.missing = [(i, where) for i, where, _ in missing]
    report.orphaned = orphans
    return report


def _under(path: str, folders: Sequence[Path]) -> bool:
    return any(Path(path).is_relative_to(folder) for folder in folders)


def _check_linked(
    linked: list[tuple[int, str, str, int]], report: VerifyReport, check_hashes: bool
) -> list[tuple[int, str, str, int]]:
    lost = []
    for image_id, path, sha, size in linked:
        if not os.path.lexists(path):
            lost.append((image_id, path, sha, size))
        elif not is_regular(path) or (check_hashes and not _matches(path, sha)):
            # Replaced by something else (a FIFO, a link, other bytes): not this image.
            report.changed.append((image_id, path))
    return lost


def _find_linked(
    db: Database,
    store: FileStore,
    lost: list[tuple[int, str, str, int]],
    indexed: set[str],
    folders: Sequence[Path],
    report: VerifyReport,
) -> list[tuple[int, str, str, int]]:
    """Look for moved linked files in the folders imported in place; hash only same-size files."""
    by_size: dict[int, set[str]] = {}
    for _, _, sha, size in lost:
        by_size.setdefault(size, set()).add(sha)
    found: dict[str, str] = {}  # sha -> new path
    library = store.root.resolve()
    walk = WalkProblems()
    for folder in folders:
        for name in iter_files(folder, exclude=library, problems=walk):
            try:
                wanted = by_size.get(os.stat(name).st_size)
                if not wanted or name in indexed:
                    continue
                sha = _sha(name)
            except OSError:
                continue
            if sha in wanted and sha not in found:
                found[sha] = name
        if len(found) == len(lost):
            break
    report.passed_over.extend(walk.entries + walk.folders)
    still = []
    for image_id, path, sha, size in lost:
        if sha in found:
            relink(db, sha, found[sha])
            report.relinked.append((image_id, found[sha]))
        else:
            still.append((image_id, path, sha, size))
    return still


def _relink(
    db: Database,
    store: FileStore,
    missing: list[tuple[int, str, str]],
    orphans: list[str],
    report: VerifyReport,
) -> list[tuple[int, str, str]]:
    # Hash orphans only when something is missing; names first, content second.
    by_name = {Path(o).name: o for o in orphans}
    by_hash: dict[str, str] | None = None
    still: list[tuple[int, str, str]] = []
    for image_id, where, sha in missing:
        found = by_name.get(Path(where).name)
        if found is None:
            if by_hash is None:
                by_hash = {}
                for orphan in orphans:
                    with contextlib.suppress(OSError):
                        by_hash[_sha(store.abs(orphan))] = orphan
            found = by_hash.get(sha)
        if found is None or not store.move(found, where):
            still.append((image_id, where, sha))
            continue
        orphans.remove(found)
        by_name.pop(Path(found).name, None)
        report.relinked.append((image_id, where))
    return still


def _reindex(db: Database, store: FileStore, orphans: list[str], report: VerifyReport) -> list[str]:
    left: list[str] = []
    for relpath in orphans:
        try:
            data = read_regular(store.abs(relpath))
            info = probe(data)
        except (OSError, NotAnImage):
            left.append(relpath)
            continue
        row = row_for(info, metadata.read(data))
        in_trash = relpath.startswith(f"{TRASH}/")
        with db.read() as conn:
            known = conn.execute(
                "SELECT id FROM images WHERE sha256 = ?", (info.sha256,)
            ).fetchone()
        if known is not None:
            # Same bytes as an indexed image under another name: a spare copy,
            # dropped only while the indexed copy is intact.
            with db.read() as conn:
                image_id, path, deleted_at = conn.execute(
                    "SELECT id, path, deleted_at FROM images WHERE sha256 = ?", (info.sha256,)
                ).fetchone()
            canonical = store.abs(file_location(path, deleted_at is not None))
            if canonical.resolve() == store.abs(relpath).resolve():
                left.append(relpath)  # the row names this very file: never remove it
            elif canonical.is_file() and _matches(canonical, info.sha256):
                store.remove(relpath)
                report.reindexed.append((int(image_id), relpath))
            elif is_linked(path) and not deleted_at and not canonical.exists():
                # The store holds the only copy of a linked image: the row takes it.
                home = relpath_for(info.sha256, info.format)
                if relpath != home:
                    store.move(relpath, home)
                relink(db, info.sha256, home)
                report.reindexed.append((int(image_id), home))
            else:
                left.append(relpath)
            continue
        if in_trash:
            with db.write("index a file found in the trash") as conn:
                row["deleted_at"] = utc_now()
                insert_rows(conn, [row])
                conn.execute(
                    "UPDATE images SET deleted_at = ? WHERE sha256 = ?",
                    (row["deleted_at"], info.sha256),
                )
                new_id = conn.execute("SELECT last_insert_rowid()").fetchone()[0]
            if relpath != store.trash_rel(row["path"]):
                store.move(relpath, store.trash_rel(row["path"]))
        else:
            if relpath != row["path"]:
                store.move(relpath, row["path"])
            publish(db, store, [Staged(info, row, None)], synced=True)
            with db.read() as conn:
                new_id = conn.execute(
                    "SELECT id FROM images WHERE sha256 = ?", (info.sha256,)
                ).fetchone()[0]
        report.reindexed.append((int(new_id), row["path"]))
    return left
