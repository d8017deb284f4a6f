"""Importing a folder tree of images made elsewhere (A1111, ComfyUI, other apps).

Files are recognised by their bytes, not their names. Two ways in: copied into
the store (the default; the library then keeps the images even if the folder
goes away), or indexed in place (`in_place`), as Diffusion Toolkit and Infinite
Image Browsing do: no second copy on disk, the files stay the user's. Copying
in bytes already indexed in place moves them into the store ("adopts" them);
indexing in place a file whose linked copy has gone missing re-links its row.
Where the filesystem can (Btrfs, XFS), a copy is a copy-on-write clone of the
file: no data written and no space used until one of the two changes. The
clone, not the source, is then read and hashed, so what is stored is what was
hashed even while another program writes to the source.

The calling thread reads, hashes and examines each file (header, embedded
metadata, row) and hands batches to one writer thread, which publishes them
while the next batch is read: one pending commit, one filesystem sync, one
index commit per batch instead of one of each per image. More reader threads
were tried: on two cores the GIL hand-overs between them cost more than they
saved, while the writer's work (SQLite inserts, syncfs) runs without the GIL.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..imageformat import sniff_image_format
from . import metadata
from .db import Database
from .errors import LibraryError, NotAnImage, os_error
from .ingest import (
    Staged,
    adopt,
    existing,
    linked_paths,
    publish,
    relink,
    row_for,
    utc_now,
)
from .probe import FORMAT_NAMES, probe
from .records import ImportReport
from .safefile import RefusedFile, check_size, open_regular, read_fd
from .store import FileStore, db_path, path_from_db

Progress = Callable[[int, int], None]
# Files per published batch. Copies are synced per batch, which bounds the temp
# space in use; in place a batch is only a commit, and smaller batches overlap
# more of the index work with reading.
BATCH, BATCH_IN_PLACE = 256, 128
_LAST_BATCH = 16
# Text held by one batch's rows before it is published early: prompts and parameters
# are bounded per file (metadata readers), this bounds them per batch too.
BATCH_BYTES = 64 * 1024 * 1024
_HEAD = 16
_READ_BEFORE_SNIFF = 1 << 20  # larger files: sniff 16 bytes before reading on


@dataclass
class _Outcome:
    source: str
    staged: Staged | None = None
    skipped: str | None = None
    failed: str | None = None
    metadata_kind: str = "none"  # what the file's metadata was written by (summary counts)
    content_credentials: bool = False


@dataclass
class WalkProblems:
    """What a folder walk passed over instead of ending on it."""

    entries: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    folders: list[tuple[str, str]] = field(default_factory=list)  # folders not listed


def iter_files(
    folder: Path, exclude: Path | None = None, problems: WalkProblems | None = None
) -> Iterator[str]:
    """The path of every regular file below `folder` (or symlink to one), skipping hidden
    entries and the library itself (paths as strings: a bulk import meets thousands).

    Nothing met on the way ends the walk: a folder that cannot be listed, a symlink
    loop or a dangling link, a FIFO or device is noted in `problems` and passed over.
    Symlinks to folders are not followed (a link back up would walk forever).
    """
    problems = problems if problems is not None else WalkProblems()
    stack = [str(folder)]
    while stack:
        current = stack.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as exc:
            problems.folders.append((current, f"cannot be read ({exc.strerror or exc})"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    if exclude is None or Path(entry.path).resolve() != exclude:
                        stack.append(entry.path)
                    continue
                reason = _not_a_file(entry)
            except (OSError, RuntimeError) as exc:  # RuntimeError: resolve() of a loop
                reason = f"cannot be read ({getattr(exc, 'strerror', None) or exc})"
            if reason is None:
                yield entry.path
            elif reason:
                problems.entries.append((entry.path, reason))


def _not_a_file(entry: os.DirEntry[str]) -> str | None:
    """None for a regular file (or a link to one), "" for what is passed over without a
    word (a link to a folder), else why the entry is not imported."""
    if not entry.is_symlink():
        mode = entry.stat(follow_symlinks=False).st_mode
        return None if stat.S_ISREG(mode) else _special(mode)
    try:
        mode = os.stat(entry.path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link that loops back on itself"
        if exc.errno == errno.ENOENT:
            return "a symbolic link to something that does not exist"
        return f"a symbolic link that cannot be followed ({exc.strerror or exc})"
    if stat.S_ISDIR(mode):
        return ""
    return None if stat.S_ISREG(mode) else "a symbolic link to " + _special(mode)


def _special(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe), not an image file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not an image file"
    return "not a regular file"


def _read_image(fd: int, source: str) -> tuple[bytes, os.stat_result]:
    """The bytes and status of an open file; NotAnImage when it is not an image,
    RefusedFile when it is too large to read (said before a byte is read).

    One read() of the size fstat gives: every system call here also hands the
    GIL to the writer thread and back, so fewer calls is faster twice over.
    """
    status = os.fstat(fd)
    # A folder may hold huge non-images: sniff those before reading them.
    if status.st_size > _READ_BEFORE_SNIFF:
        if sniff_image_format(os.pread(fd, _HEAD, 0)) is None:
            raise NotAnImage(f"not a {FORMAT_NAMES} image")
        check_size(status.st_size, source)
    data = read_fd(fd, source)
    if sniff_image_format(data[:_HEAD]) is None:
        raise NotAnImage(f"not a {FORMAT_NAMES} image")
    return data, status


def _file_time(mtime: float) -> datetime | None:
    try:
        return datetime.fromtimestamp(mtime, UTC)
    except (ValueError, OverflowError, OSError):  # a clock far off, or before 1970 on Windows
        return None


def _prepare(store: FileStore, source: str, added: str, *, in_place: bool) -> _Outcome:
    try:
        # Following a symlink is safe here: open_regular refuses FIFOs and devices
        # without blocking, whatever the walk saw a moment ago.
        fd = open_regular(source, follow_symlinks=True)
    except RefusedFile as exc:
        return _Outcome(source, skipped=exc.strerror)
    except OSError as exc:
        return _Outcome(source, failed=f"cannot be read ({exc.strerror or exc})")
    try:
        return _examine(store, fd, source, added, in_place=in_place)
    finally:
        os.close(fd)


def _examine(store: FileStore, fd: int, source: str, added: str, *, in_place: bool) -> _Outcome:
    temp = None if in_place else _clone(store, fd)
    try:
        data, status = _read_image(fd, source) if temp is None else _read_clone(temp, fd, source)
    except NotAnImage as exc:
        _discard_temp(temp)
        return _Outcome(source, skipped=str(exc))
    except RefusedFile as exc:
        _discard_temp(temp)
        return _Outcome(source, skipped=exc.strerror)
    except OSError as exc:
        _discard_temp(temp)
        return _Outcome(source, failed=f"cannot be read ({exc.strerror or exc})")
    try:
        info = probe(data)
    except NotAnImage as exc:
        _discard_temp(temp)
        return _Outcome(source, failed=str(exc))
    # Without a recorded creation time, the file's own time is the best guess.
    record = metadata.read(data)
    row = row_for(info, record, created=_file_time(status.st_mtime), added=added)
    kind, credentials = metadata.kind_of(record), metadata.has_content_credentials(record)
    if in_place:
        # The row names the file itself, not a link to it: later reads of a linked
        # file refuse to follow a symlink (see safefile).
        real = os.path.realpath(source) if os.path.islink(source) else source
        row["path"] = db_path(real)
        staged = Staged(info, row, None)
        return _Outcome(source, staged, metadata_kind=kind, content_credentials=credentials)
    if temp is None:
        try:
            temp = store.stage(data, info.sha256, sync=False)
        except OSError as exc:
            return _Outcome(source, failed=f"cannot be copied ({exc.strerror or exc})")
    staged = Staged(info, row, temp)
    return _Outcome(source, staged, metadata_kind=kind, content_credentials=credentials)


def _clone(store: FileStore, fd: int) -> Path | None:
    """A copy-on-write clone of an image file in the store's temp folder, or None
    (not an image, or no cloning between these filesystems)."""
    try:
        device = os.fstat(fd).st_dev
        if not store.may_clone(device) or sniff_image_format(os.pread(fd, _HEAD, 0)) is None:
            return None
        return store.clone(fd, device)
    except OSError:  # reading or copying the bytes reports it, if it is not passing
        return None


def _read_clone(temp: Path, source_fd: int, source: str) -> tuple[bytes, os.stat_result]:
    """The clone's bytes, with the source's status (its times are the image's).

    The clone is read, not the source: nothing else writes the clone, so the
    bytes hashed are the bytes stored, whatever writes to the source meanwhile
    (even through a memory map, which need not move the file's times).
    """
    fd = os.open(temp, os.O_RDONLY)
    try:
        data, _ = _read_image(fd, source)
    finally:
        os.close(fd)
    return data, os.fstat(source_fd)


def _discard_temp(temp: Path | None) -> None:
    if temp is not None:
        with contextlib.suppress(OSError):
            temp.unlink()


def import_folder(
    db: Database,
    store: FileStore,
    folder: Path,
    progress: Progress | None = None,
    *,
    in_place: bool = False,
    stop: Callable[[], bool] | None = None,
    on_batch: Callable[[list[int]], None] | None = None,
) -> ImportReport:
    """Import the images below `folder`; `stop()` returning True ends it after the
    files read so far are published (ImportReport.stopped)."""
    started = time.perf_counter()
    # abspath, not absolute(): linked rows keep these paths, and a "work/../photos"
    # must not break when work/ goes away.
    folder = Path(os.path.abspath(Path(folder).expanduser()))
    if not folder.is_dir():
        raise LibraryError(f"{folder} is not a folder that can be imported.")
    library = store.root.resolve()
    if folder.resolve().is_relative_to(library):
        raise LibraryError(
            f"{folder} is inside the library ({library}); choose a folder outside it."
        )
    if in_place:
        _remember_folder(db, folder)
    walk = WalkProblems()
    files = list(iter_files(folder, exclude=library, problems=walk))
    report = ImportReport(skipped=walk.entries, unreadable=walk.folders)
    total = len(files)
    if progress:
        progress(0, total)
    size = BATCH_IN_PLACE if in_place else BATCH
    with _Publisher(db, store, report, total, on_batch, progress) as publisher:
        start = 0
        while start < total and not report.stopped:
            end = min(total, start + _batch_size(size, total - start))
            batch: list[_Outcome] = []
            added, held = utc_now(), 0
            for index in range(start, end):
                if stop is not None and stop():
                    report.stopped = True
                    break
                outcome = _prepare(store, files[index], added, in_place=in_place)
                batch.append(outcome)
                held += _held_bytes(outcome)
                if held > BATCH_BYTES:  # metadata-heavy files: publish what is held now
                    end = index + 1
                    break
            publisher.submit(batch)
            start = end
    report.seconds = time.perf_counter() - started
    return report


def _held_bytes(outcome: _Outcome) -> int:
    """About what a prepared file keeps in memory until its batch is published: its
    row's text (the pixels are in a temp file or not copied at all)."""
    if outcome.staged is None:
        return 0
    return sum(len(v) for v in outcome.staged.row.values() if isinstance(v, str | bytes))


def _batch_size(size: int, remaining: int) -> int:
    """Batches halve towards the end: the last batch's commit is the one wait that
    does not overlap with reading, so it should be small."""
    return min(size, max(_LAST_BATCH, remaining // 2))


class _Publisher:
    """Publishes batches on a writer thread, in order, while the caller reads the next.

    The index insert and the file sync release the GIL, so they overlap with
    reading and hashing; one batch in flight keeps memory and ordering simple.
    """

    def __init__(
        self,
        db: Database,
        store: FileStore,
        report: ImportReport,
        total: int,
        on_batch: Callable[[list[int]], None] | None,
        progress: Progress | None,
    ) -> None:
        self._db, self._store, self._report = db, store, report
        self._total, self._done = total, 0
        self._on_batch, self._progress = on_batch, progress
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="library-import")
        self._pending: tuple[Future[list[int]], int] | None = None

    def __enter__(self) -> _Publisher:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if exc[0] is None:
                self._collect()
        finally:
            self._writer.submit(self._db.release)  # the thread ends with the import
            self._writer.shutdown(wait=True)

    def submit(self, batch: list[_Outcome]) -> None:
        self._collect()
        future = self._writer.submit(_publish_batch, self._db, self._store, batch, self._report)
        self._pending = (future, len(batch))

    def _collect(self) -> None:
        if self._pending is None:
            return
        (future, size), self._pending = self._pending, None
        made = future.result()
        self._done += size
        if self._on_batch and made:
            self._on_batch(made)
        if self._progress:
            self._progress(self._done, self._total)


def _publish_batch(
    db: Database, store: FileStore, outcomes: list[_Outcome], report: ImportReport
) -> list[int]:
    fresh: dict[str, Staged] = {}
    copies: list[tuple[str, str]] = []  # (file, sha) of repeats inside this batch
    for outcome in outcomes:
        if outcome.skipped:
            report.skipped.append((outcome.source, outcome.skipped))
        elif outcome.failed:
            report.failed.append((outcome.source, outcome.failed))
        elif outcome.staged is not None:
            sha = outcome.staged.probe.sha256
            if sha in fresh:
                copies.append((outcome.source, sha))
                _discard(outcome.staged)
            else:
                fresh[sha] = outcome.staged
                copies.append((outcome.source, ""))  # placeholder keeps file order
    with db.read("check for duplicates") as conn:
        known = existing(conn, list(fresh))
        linked = linked_paths(conn, list(known))
    adopted = _take_over_linked(db, store, [fresh[sha] for sha in linked], linked)
    report.adopted.extend(known[i.probe.sha256] for i in adopted)
    for sha in known:
        _discard(fresh.pop(sha))
    try:
        publish(db, store, list(fresh.values()), synced=False)
    except OSError as exc:
        for item in fresh.values():
            _discard(item)
        raise os_error(exc, store.root, "import the images") from exc
    with db.read("import the images") as conn:
        ids = existing(conn, list(fresh))
    made = [ids[sha] for sha in fresh if sha in ids]
    report.imported.extend(made)
    _count_metadata(report, [o for o in outcomes if o.staged is not None], set(ids))
    by_source = {o.source: o.staged.probe.sha256 for o in outcomes if o.staged is not None}
    moved_in = {i.probe.sha256 for i in adopted}
    for source, repeat_of in copies:
        sha = repeat_of or by_source[source]
        if repeat_of or (sha in known and sha not in moved_in):
            report.duplicates.append((source, known.get(sha) or ids.get(sha, -1)))
    return made


def _count_metadata(report: ImportReport, staged: list[_Outcome], new: set[str]) -> None:
    """How many of the images new to the library came with each kind of metadata."""
    for outcome in staged:
        assert outcome.staged is not None
        sha = outcome.staged.probe.sha256
        if sha not in new:
            continue
        new.discard(sha)  # a repeat inside the batch is one image
        kind = outcome.metadata_kind
        report.metadata[kind] = report.metadata.get(kind, 0) + 1
        report.content_credentials += outcome.content_credentials


def _take_over_linked(
    db: Database, store: FileStore, items: list[Staged], linked: dict[str, str | bytes]
) -> list[Staged]:
    """Bytes already indexed in place: copied in, they move into the store (returned);
    found in place again while their linked file is missing, the row follows them."""
    copies = [i for i in items if i.temp is not None]
    found = [
        i
        for i in items
        if i.temp is None and not os.path.exists(path_from_db(linked[i.probe.sha256]))
    ]
    taken = adopt(db, store, copies, linked) if copies else []
    for item in copies:
        item.temp = None  # placed (or taken back by adopt): nothing left to discard
    for item in found:
        relink(db, item.probe.sha256, path_from_db(item.row["path"]))
    return taken


def _remember_folder(db: Database, folder: Path) -> None:
    with db.write("remember the imported folder") as conn:
        conn.execute(
            "INSERT OR IGNORE INTO linked_folders (path, added) VALUES (?, ?)",
            (db_path(str(folder)), utc_now()),
        )


def _discard(item: Staged) -> None:
    _discard_temp(item.temp)
