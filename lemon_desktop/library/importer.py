"""Importing a folder tree of images made elsewhere (A1111, ComfyUI, other apps).

Files are recognised by their bytes, not their names. Worker threads read,
hash, read the header and metadata, and stage each file in the instance's
temp folder (hashing and file I/O release the GIL); the calling thread then
publishes a batch at a time: one pending commit, one filesystem sync, one
index commit per batch, instead of one of each per image.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..api.download import sniff_image_format
from . import bridge
from .db import Database
from .errors import LibraryError, os_error
from .ingest import Staged, existing, format_time, normalize_created, publish, row_for
from .probe import FORMAT_NAMES, NotAnImage, probe
from .records import ImportReport
from .store import FileStore

Progress = Callable[[int, int], None]
BATCH = 256
_HEAD = 16


@dataclass
class _Outcome:
    source: str
    staged: Staged | None = None
    skipped: str | None = None
    failed: str | None = None


def iter_files(folder: Path, exclude: Path | None = None) -> Iterator[Path]:
    """Every regular file below `folder`, skipping hidden entries and the library itself."""
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                if exclude is None or path.resolve() != exclude:
                    stack.append(path)
            elif entry.is_file():
                yield path


def _prepare(store: FileStore, path: Path) -> _Outcome:
    source = str(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(_HEAD)
            # Sniff before reading the rest: a folder may hold huge non-images.
            if sniff_image_format(head) is None:
                return _Outcome(source, skipped=f"not a {FORMAT_NAMES} image")
            data = head + handle.read()
            mtime = os.fstat(handle.fileno()).st_mtime
    except OSError as exc:
        return _Outcome(source, failed=f"cannot be read ({exc.strerror or exc})")
    try:
        info = probe(data)
    except NotAnImage as exc:
        return _Outcome(source, failed=str(exc))
    provenance = bridge.read(data)
    row = row_for(info, provenance)
    if provenance is None or normalize_created(provenance.created) is None:
        # Without a recorded creation time, the file's own time is the best guess.
        row["created"] = format_time(datetime.fromtimestamp(mtime, UTC))
    temp = store.stage(data, info.sha256, sync=False)
    return _Outcome(source, staged=Staged(info, row, temp))


def import_folder(
    db: Database,
    store: FileStore,
    folder: Path,
    progress: Progress | None = None,
    *,
    on_batch: Callable[[list[int]], None] | None = None,
) -> ImportReport:
    started = time.perf_counter()
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        raise LibraryError(f"{folder} is not a folder that can be imported.")
    files = list(iter_files(folder, exclude=store.root.resolve()))
    report = ImportReport()
    total = len(files)
    done = 0
    if progress:
        progress(0, total)
    workers = min(8, (os.cpu_count() or 2) + 2)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="library-import") as pool:
        # Workers prepare batch k+1 while this thread publishes batch k.
        batches = [files[i : i + BATCH] for i in range(0, total, BATCH)]
        pending = [pool.submit(_prepare, store, p) for p in batches[0]] if batches else []
        for index in range(len(batches)):
            outcomes = [f.result() for f in pending]
            if index + 1 < len(batches):
                pending = [pool.submit(_prepare, store, p) for p in batches[index + 1]]
            made = _publish_batch(db, store, outcomes, report)
            done += len(outcomes)
            if on_batch and made:
                on_batch(made)
            if progress:
                progress(done, total)
    report.seconds = time.perf_counter() - started
    return report


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
    by_source = {o.source: o.staged.probe.sha256 for o in outcomes if o.staged is not None}
    for source, repeat_of in copies:
        sha = repeat_of or by_source[source]
        if repeat_of or sha in known:
            report.duplicates.append((source, known.get(sha) or ids.get(sha, -1)))
    return made


def _discard(item: Staged) -> None:
    if item.temp is not None:
        with contextlib.suppress(OSError):
            item.temp.unlink()
