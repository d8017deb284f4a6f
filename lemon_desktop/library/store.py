"""The files themselves: content-addressed, sharded, written so a crash never leaves half a file.

Layout under the library root::

    files/ab/<sha256>.png   live images, sharded by the first two hex digits
    trash/<sha256>.png      deleted images, until the trash is emptied
    tmp/<instance>/         each open Library's scratch space, locked while open

Files imported "in place" stay where they are: their index path is absolute
(`is_linked`) and the library never moves, rewrites or deletes them.

Bytes go to a temp file in tmp/ (same filesystem), are flushed to disk, then
renamed into place, and the shard folder is synced; a file is therefore either
absent or complete under its final name. Stale tmp/ folders of instances that
are no longer running are removed on open.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import sys
import time
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

EXTENSIONS = {"png": ".png", "jpeg": ".jpg", "webp": ".webp"}
FORMAT_OF_EXTENSION = {ext: fmt for fmt, ext in EXTENSIONS.items()}
FILES, TRASH, TMP = "files", "trash", "tmp"


def relpath_for(sha256: str, fmt: str) -> str:
    return f"{FILES}/{sha256[:2]}/{sha256}{EXTENSIONS[fmt]}"


def is_linked(path: str | bytes) -> bool:
    """Whether an index path names a file kept where it was imported, outside the store.

    Store paths always start with files/ (trashed ones are mapped to trash/ by
    `file_location`); LINKED_SQL is the same test for queries. A path kept as bytes
    (see `db_path`) is always a linked one.
    """
    return isinstance(path, bytes) or not path.startswith(f"{FILES}/")


def db_path(path: str) -> str | bytes:
    """How a file's path is kept in the index: text when it is UTF-8, else its bytes.

    A Linux file name is bytes; one that is not UTF-8 (b"caf\xe9.png") reaches Python
    with lone surrogates, which SQLite text cannot hold and which used to be replaced
    by U+FFFD, naming a file that does not exist. A BLOB keeps it exactly.
    """
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path)
    return path


def path_from_db(value: str | bytes) -> str:
    """The path `db_path` kept, as Python names the file (surrogateescape for bytes)."""
    return os.fsdecode(value) if isinstance(value, bytes) else value


LINKED_SQL = f"path NOT LIKE '{FILES}/%'"


def file_location(path: str | bytes, deleted: bool) -> str:
    """Where the file of an index row is: its path, or in trash/ when the library
    owns it and it is trashed (linked files never move)."""
    path = path_from_db(path)
    if deleted and not is_linked(path):
        return f"{TRASH}/{path.rpartition('/')[2]}"
    return path


def fsync_dir(folder: Path) -> None:
    # A rename is only durable once the directory entry is on disk too.
    if sys.platform == "win32":  # pragma: no cover - directories cannot be opened
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _syncfs_function() -> object | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.syncfs
    except (OSError, AttributeError):  # pragma: no cover - unusual libc
        return None


_SYNCFS = _syncfs_function()

# ioctl FICLONE (linux/fs.h): the new file shares the source's blocks copy-on-write,
# so a "copy" costs no data written. Btrfs, XFS, bcachefs and others have it; ext4
# has not. Writing to either file afterwards leaves the other as it was.
_FICLONE = 0x40049409 if sys.platform.startswith("linux") and fcntl is not None else None
# What a filesystem (or a pair of them) that cannot clone at all answers; EINVAL is
# not among them, since Btrfs and XFS also give it for single odd files.
_CANNOT_CLONE = {errno.EOPNOTSUPP, errno.ENOTTY, errno.EXDEV, errno.ENOSYS}


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.token = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
        self.tmp = root / TMP / self.token
        self._lock_file: IO[bytes] | None = None
        self._cannot_clone_from: set[int] = set()  # devices a clone failed from

    # -- lifecycle -------------------------------------------------------

    def open(self) -> None:
        for name in (FILES, TRASH, TMP):
            (self.root / name).mkdir(exist_ok=True)
        # All 256 shard folders up front: publishing then never pays for mkdir.
        shards = {e.name for e in os.scandir(self.root / FILES)}
        for n in range(256):
            if f"{n:02x}" not in shards:
                (self.root / FILES / f"{n:02x}").mkdir(exist_ok=True)
        self.tmp.mkdir()
        self._lock_file = open(self.tmp / "lock", "wb")  # noqa: SIM115 - held while open
        if fcntl is not None:
            fcntl.flock(self._lock_file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        self.remove_stale_tmp()

    def close(self) -> None:
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None
        shutil.rmtree(self.tmp, ignore_errors=True)

    def owner_alive(self, token: str) -> bool:
        """Whether the Library instance that wrote `token` is still open somewhere."""
        if token == self.token:
            return True
        folder = self.root / TMP / token
        lock = folder / "lock"
        if not lock.exists():
            # A folder made a moment ago may simply not have its lock file yet.
            try:
                return time.time() - folder.stat().st_mtime < 60
            except OSError:
                return False
        if fcntl is None:  # pragma: no cover - Windows: an open file cannot be removed
            try:
                lock.unlink()
            except OSError:
                return True
            return False
        with open(lock, "rb") as handle:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return True
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
            return False

    def remove_stale_tmp(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            for entry in os.scandir(self.root / TMP):
                if entry.name != self.token and not self.owner_alive(entry.name):
                    shutil.rmtree(entry.path, ignore_errors=True)

    # -- paths -------------------------------------------------------------

    def abs(self, relpath: str) -> Path:
        return self.root / relpath

    def trash_rel(self, relpath: str) -> str:
        return file_location(relpath, deleted=True)

    # -- writing -----------------------------------------------------------

    def _temp_path(self, name: str) -> Path:
        return self.tmp / f"{name}.{uuid.uuid4().hex[:8]}.part"

    def stage(self, data: bytes, name: str, *, sync: bool) -> Path:
        """Write bytes to a private temp file; nothing visible in the store yet."""
        temp = self._temp_path(name)
        try:
            with open(temp, "wb") as handle:
                handle.write(data)
                if sync:
                    handle.flush()
                    os.fsync(handle.fileno())
        except BaseException:
            with contextlib.suppress(OSError):
                temp.unlink()
            raise
        return temp

    def may_clone(self, device: int) -> bool:
        """Whether cloning from a file on `device` is worth trying here."""
        return _FICLONE is not None and device not in self._cannot_clone_from

    def clone(self, source_fd: int, device: int) -> Path | None:
        """A copy-on-write clone of an open file as a private temp file, or None where
        the filesystems cannot clone (the caller then writes the bytes itself).

        The clone is what the source holds at this moment. Not synced, like
        `stage(sync=False)`.
        """
        if not self.may_clone(device) or _FICLONE is None:
            return None
        temp = self._temp_path("clone")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        cloned = False
        try:
            fcntl.ioctl(fd, _FICLONE, source_fd)
            cloned = True
        except OSError as exc:
            if exc.errno in _CANNOT_CLONE:
                self._cannot_clone_from.add(device)  # asked once per source device
            # Any other refusal (one odd file, a full disk): writing the bytes is the way left.
        finally:
            os.close(fd)
            if not cloned:
                with contextlib.suppress(OSError):
                    temp.unlink()
        return temp if cloned else None

    def clear_temp(self) -> None:
        """Drop this instance's temp files (never referenced by any row)."""
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.tmp):
                if entry.name.endswith(".part"):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)

    def write(self, data: bytes, relpath: str) -> None:
        """Durably place one file at `relpath`, replacing nothing half-written."""
        target = self.abs(relpath)
        temp = self.stage(data, target.name, sync=True)
        self.publish([(temp, relpath)], synced=True)

    def publish(self, staged: Iterable[tuple[Path, str]], *, synced: bool) -> None:
        """Rename staged temp files into place and make the renames durable.

        With `synced=False` the temp files were not fsynced one by one; a single
        syncfs() of the library's filesystem then covers data and renames at once,
        which is what makes bulk import fast. Elsewhere each file is fsynced.
        """
        staged = list(staged)
        folders: set[Path] = set()
        for temp, relpath in staged:
            target = self.abs(relpath)
            if not synced and _SYNCFS is None:
                with open(temp, "rb+") as handle:
                    os.fsync(handle.fileno())
            try:
                os.replace(temp, target)
            except FileNotFoundError:
                target.parent.mkdir(exist_ok=True)  # a shard removed by hand
                os.replace(temp, target)
            folders.add(target.parent)
        if not synced and _SYNCFS is not None:
            self._syncfs()
        else:
            for folder in folders:
                fsync_dir(folder)

    def _syncfs(self) -> None:
        fd = os.open(self.root, os.O_RDONLY)
        try:
            if _SYNCFS(fd) != 0:  # type: ignore[operator]
                err = ctypes.get_errno()
                raise OSError(err, os.strerror(err))
        finally:
            os.close(fd)

    # -- moving ------------------------------------------------------------

    def move(self, src_rel: str, dst_rel: str) -> bool:
        """Move a file inside the library; False when the source is not there."""
        src, dst = self.abs(src_rel), self.abs(dst_rel)
        if not src.exists():
            return False
        dst.parent.mkdir(exist_ok=True)
        os.replace(src, dst)
        fsync_dir(dst.parent)
        return True

    def remove(self, relpath: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.abs(relpath).unlink()

    # -- listing (verify only: these walk the whole store) --------------------

    def iter_files(self) -> Iterator[str]:
        """Relative paths of every file in files/ and trash/."""
        files = self.root / FILES
        with contextlib.suppress(FileNotFoundError):
            for shard in os.scandir(files):
                if shard.is_dir():
                    for entry in os.scandir(shard.path):
                        if entry.is_file():
                            yield f"{FILES}/{shard.name}/{entry.name}"
        with contextlib.suppress(FileNotFoundError):
            for entry in os.scandir(self.root / TRASH):
                if entry.is_file():
                    yield f"{TRASH}/{entry.name}"
