"""Copying by copy-on-write clone where the filesystem can (Btrfs, XFS), bytes elsewhere.

These run on whatever filesystem holds the test's folder: on ext4 they check
the fallback (the bytes read are written), on a cloning filesystem the clone
itself, e.g. `pytest --basetemp /mnt/xfs/t tests/test_library_clone.py`.
Either way the store must hold exactly the bytes that were hashed, and stay
independent of the user's file afterwards.
"""

from __future__ import annotations

import hashlib
import io
import mmap
import os
from pathlib import Path

import pytest
from PIL import Image

from lemon_desktop.library import Library
from lemon_desktop.library.store import FileStore


def image_bytes(seed: int) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (24, 16), (seed % 256, 90, 30)).save(buf, "PNG")
    return buf.getvalue()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stored_bytes(lib: Library, image_id: int) -> bytes:
    return lib.get(image_id).path.read_bytes()


def test_clone_is_a_whole_copy_or_nothing(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "lib")
    (tmp_path / "lib").mkdir()
    store.open()
    try:
        source = tmp_path / "a.png"
        source.write_bytes(image_bytes(1))
        fd = os.open(source, os.O_RDONLY)
        try:
            temp = store.clone(fd, os.fstat(fd).st_dev)
        finally:
            os.close(fd)
        parts = [p for p in store.tmp.iterdir() if p.name.endswith(".part")]
        if temp is None:  # this filesystem cannot clone: nothing is left behind
            assert parts == []
        else:
            assert parts == [temp] and temp.read_bytes() == source.read_bytes()
    finally:
        store.close()


def test_copy_stays_as_imported_when_the_source_is_rewritten(lib: Library, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    original = image_bytes(2)
    (folder / "a.png").write_bytes(original)
    report = lib.import_folder(folder)
    assert len(report.imported) == 1
    with open(folder / "a.png", "r+b") as handle:  # an editor saving over the file in place
        handle.seek(40)
        handle.write(b"\x00" * 16)
    assert stored_bytes(lib, report.imported[0]) == original
    assert lib.verify().ok


@pytest.mark.parametrize("how", ["write", "memory map"])
def test_source_written_while_copied_still_stores_what_was_hashed(
    lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """Another program writes to the source while it is copied in. A write through
    a memory map need not change the file's times, so nothing short of hashing the
    stored bytes themselves would notice: the stored file must still be named by
    the hash of its own bytes, and verify must find nothing wrong."""
    folder = tmp_path / "photos"
    folder.mkdir()
    source = folder / "a.png"
    source.write_bytes(image_bytes(3))
    handle = open(source, "r+b")  # noqa: SIM115 - open across the import
    mapped = mmap.mmap(handle.fileno(), 0)
    real_clone = FileStore.clone

    def clone_while_written(store: FileStore, fd: int, device: int) -> Path | None:
        if how == "write":
            os.pwrite(handle.fileno(), b"\x01", 60)
        else:
            mapped[60] = (mapped[60] + 1) % 256
        return real_clone(store, fd, device)

    monkeypatch.setattr(FileStore, "clone", clone_while_written)
    try:
        report = lib.import_folder(folder)
    finally:
        mapped.close()
        handle.close()
    assert len(report.imported) == 1 and not report.failed
    record = lib.get(report.imported[0])
    assert sha(stored_bytes(lib, record.id)) == record.sha256
    assert lib.verify().ok
    assert not list(lib.root.joinpath("tmp").rglob("*.part")), "no clone left behind"


def test_non_images_are_not_cloned(
    lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "0-notes.txt").write_text("not an image")  # walked first
    (folder / "a.png").write_bytes(image_bytes(4))
    cloned: list[int] = []
    real_clone = FileStore.clone

    def counting_clone(store: FileStore, fd: int, device: int) -> Path | None:
        cloned.append(fd)
        return real_clone(store, fd, device)

    monkeypatch.setattr(FileStore, "clone", counting_clone)
    report = lib.import_folder(folder)
    assert len(report.imported) == 1 and len(report.skipped) == 1
    assert len(cloned) == 1, "only the image is cloned (or tried)"
