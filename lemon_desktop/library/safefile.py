"""Opening image files that someone else may have swapped for something hostile.

A file in a folder imported in place, or dropped onto the window, is the user's
(or anyone's) to replace: with a FIFO (opening it blocks until a writer comes,
forever), a symlink to `/dev/zero` (reading it never ends) or to another file.
Every read of such a file goes through `open_regular`: non-blocking, optionally
not following a final symlink, and only for regular files. `read_regular` adds
a size bound checked before a byte is read, so a 4 GB file that starts like a
PNG costs nothing. Temp files are created with `create_exclusive`, which refuses
to write through anything planted under the chosen name.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

# The largest image file the library reads whole (import, export, viewer). Real
# PNG/JPEG/WebP images stay far below it; anything bigger is refused, not read.
MAX_IMAGE_BYTES = 256 * 1024 * 1024

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)


class RefusedFile(OSError):
    """A path that is not a regular file of a readable size; `strerror` says why."""


def describe_size(size: int) -> str:
    if size >= 2**30:
        return f"{size / 2**30:.1f} GB"
    return f"{size / 2**20:.0f} MB"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def open_regular(path: str | os.PathLike[str], *, follow_symlinks: bool = False) -> int:
    """A read-only descriptor of the regular file at `path`; RefusedFile for anything else.

    O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer;
    the fstat that follows then refuses it (and devices), so nothing here can block.
    Without `follow_symlinks` a symlink in the last place of the path is refused.
    """
    flags = os.O_RDONLY | _NONBLOCK | _CLOEXEC | _BINARY
    if not follow_symlinks:
        flags |= _NOFOLLOW
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow_symlinks and os.path.islink(path):
            raise RefusedFile(
                errno.ELOOP, "is a symbolic link now, not the file itself", str(path)
            ) from exc
        raise
    try:
        mode = os.fstat(fd).st_mode
    except OSError:
        os.close(fd)
        raise
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise RefusedFile(errno.EINVAL, f"is {_kind(mode)}, not an image file", str(path))
    return fd


def check_size(size: int, path: str | os.PathLike[str], limit: int = MAX_IMAGE_BYTES) -> None:
    if size > limit:
        raise RefusedFile(
            errno.EFBIG,
            f"is {describe_size(size)}; image files over {describe_size(limit)} are not read",
            str(path),
        )


def read_fd(fd: int, path: str | os.PathLike[str], limit: int = MAX_IMAGE_BYTES) -> bytes:
    """All bytes of an open regular file, refusing one larger than `limit` before reading
    it, or one that grows past `limit` while it is read."""
    size = os.fstat(fd).st_size
    check_size(size, path, limit)
    parts = [os.read(fd, size + 1)]
    held = len(parts[0])
    if held != size:  # changing under us, or a short read: on to the end, within the limit
        while chunk := os.read(fd, 1 << 20):
            held += len(chunk)
            check_size(held, path, limit)
            parts.append(chunk)
    check_size(held, path, limit)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def read_regular(
    path: str | os.PathLike[str],
    *,
    limit: int = MAX_IMAGE_BYTES,
    follow_symlinks: bool = False,
) -> bytes:
    """The bytes of a regular file (see `open_regular`), at most `limit` of them."""
    fd = open_regular(path, follow_symlinks=follow_symlinks)
    try:
        return read_fd(fd, path, limit)
    finally:
        os.close(fd)


def is_regular(path: str | os.PathLike[str]) -> bool:
    """Whether `path` itself (not a symlink's target) is a regular file, without opening it."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def create_exclusive(path: Path, mode: int = 0o644) -> int:
    """A new file's write descriptor; fails if anything, even a dangling symlink, is there."""
    return os.open(
        path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC | _BINARY, mode
    )
