"""Copying by copy-on-write clone where the filesystem can (Btrfs, XFS), bytes elsewhere.

These run on whatever filesystem holds the test's folder: on ext4 they check
the fallback (the bytes read are written), on a cloning filesystem the clone
itself, e.g. `pytest --basetemp /mnt/xfs/t tests/test_library_clone.py`.
Either way the store must hold exactly the bytes that were read and hashed,
and stay independent of the user's file afterwards.
"""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import pytest
from PIL import Image

from lemon_desktop.library import Library, importer
from lemon_desktop.library.store import FileStore


def image_bytes(seed: int) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (24, 16), (seed % 256, 90, 30)).save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    library = Library.open(tmp_path / "lib")
    yield library  # type: ignore[misc]
    library.close()


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
            temp = store.clone(fd, os.fstat(fd).st_dev, "a")
        finally:
            os.close(fd)
        parts = [p for p in store.tmp.iterdir() if p.name.endswith(".part")]
        if temp is None:  # this filesystem cannot clone: nothing is left behind
            assert parts == []
        else:
            assert parts == [temp] and temp.read_bytes() == source.read_bytes()
    finally:
        store.close()


def test_copy_stays_as_imported_when_the_source_is_rewritten(
    lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "_SETTLED_SECONDS", 0.0)  # clone even brand-new files
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


def test_file_changed_while_copied_is_stored_as_read(
    lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write between reading and cloning: the clone would hold other bytes than
    those hashed, so the bytes read are stored instead."""
    monkeypatch.setattr(importer, "_SETTLED_SECONDS", 0.0)
    folder = tmp_path / "photos"
    folder.mkdir()
    source = folder / "a.png"
    original = image_bytes(3)
    source.write_bytes(original)
    real_clone = FileStore.clone

    def clone_after_a_write(store: FileStore, fd: int, device: int, name: str) -> Path | None:
        with open(source, "ab") as handle:  # another program appends right now
            handle.write(b"appended")
        return real_clone(store, fd, device, name)

    monkeypatch.setattr(FileStore, "clone", clone_after_a_write)
    report = lib.import_folder(folder)
    assert len(report.imported) == 1 and not report.failed
    record = lib.get(report.imported[0])
    assert record.sha256 == sha(original)
    assert stored_bytes(lib, record.id) == original
    assert not [p for p in lib.root.joinpath("tmp").rglob("*.part")], "no clone left behind"


def test_recently_changed_files_are_copied_from_the_bytes_read(
    lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file changed within the last moments may change again without its ctime
    moving (the kernel clock ticks coarsely), so it is never cloned."""
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "fresh.png").write_bytes(image_bytes(4))
    calls: list[str] = []
    monkeypatch.setattr(FileStore, "clone", lambda store, fd, dev, name: calls.append(name))
    report = lib.import_folder(folder)
    assert len(report.imported) == 1 and calls == []
    assert stored_bytes(lib, report.imported[0]) == (folder / "fresh.png").read_bytes()
