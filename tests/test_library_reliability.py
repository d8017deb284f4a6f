"""Crashes, full disks, read-only and vanished folders, and two writers at once.

The read-only and disk-full cases use real mounts (a read-only bind mount and a
tiny tmpfs) because tests run as root, and root ignores chmod. Where mounting
is not allowed (no CAP_SYS_ADMIN), those tests skip rather than fake it.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from lemon_desktop.library import Library, LibraryError
from lemon_desktop.library.metadata import Provenance


def image_bytes(seed: int, size: tuple[int, int] = (24, 24)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (seed % 256, seed // 256 % 256, 99)).save(buf, "PNG")
    return buf.getvalue()


def noise_png(seed: int, side: int = 96) -> bytes:
    buf = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(buf, "PNG")
    del seed
    return buf.getvalue()


def assert_consistent(root: Path, committed: set[int]) -> None:
    with Library.open(root) as lib:
        report = lib.verify()
        assert report.ok, report
        ids = {r.id for r in lib.page("", 100_000).rows}
        assert committed <= ids, committed - ids
        for image_id in ids:
            assert lib.get(image_id).path.is_file()
    leftovers = [p for p in (root / "files").rglob("*") if p.is_file() and ".part" in p.name]
    assert not leftovers
    assert not [p for p in (root / "tmp").iterdir()]  # stale temp folders removed


_ADDER = textwrap.dedent(
    """
    import io, sys
    from pathlib import Path
    from PIL import Image
    from lemon_desktop.library import Library
    from lemon_desktop.library.metadata import Provenance
    root, start = Path(sys.argv[1]), int(sys.argv[2])
    lib = Library.open(root)
    for i in range(start, start + 10_000):
        buf = io.BytesIO()
        Image.new("RGB", (24, 24), (i % 256, i // 256 % 256, 99)).save(buf, "PNG")
        rec = lib.add_bytes(buf.getvalue(), Provenance(prompt=f"crash test {i}", model="m"))
        print(rec.id, flush=True)
    """
)


def _run_and_kill(args: list[str], lines_before_kill: int) -> list[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", *args], stdout=subprocess.PIPE, text=True, env=dict(os.environ)
    )
    assert child.stdout is not None
    out: list[str] = []
    deadline = time.monotonic() + 60
    while len(out) < lines_before_kill and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        out.append(line.strip())
    time.sleep(0.005 * (lines_before_kill % 7))  # land the kill at varying points
    child.send_signal(signal.SIGKILL)
    child.wait()
    return out


def test_sigkill_while_adding_loses_nothing_committed(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    committed: set[int] = set()
    for round_, kill_after in enumerate((5, 12, 9)):
        out = _run_and_kill([_ADDER, str(root), str(round_ * 10_000)], kill_after)
        committed |= {int(x) for x in out if x.isdigit()}
    assert len(committed) >= 20
    assert_consistent(root, committed)


_IMPORTER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from lemon_desktop.library import Library
    lib = Library.open(Path(sys.argv[1]))
    lib.import_folder(Path(sys.argv[2]), lambda d, t: print(d, flush=True))
    print("done", flush=True)
    """
)


def test_sigkill_while_importing(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(700):
        (src / f"{i}.png").write_bytes(image_bytes(i))
    root = tmp_path / "lib"
    out = _run_and_kill([_IMPORTER, str(root), str(src)], 3)
    assert "done" not in out
    assert_consistent(root, set())
    with Library.open(root) as lib:
        before = lib.count()
        report = lib.import_folder(src)
        assert len(report.imported) + before == 700 == lib.count()
        assert lib.verify().ok


def test_two_instances_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    first, second = Library.open(root), Library.open(root)
    errors: list[BaseException] = []

    def add(lib: Library, base: int) -> None:
        try:
            for i in range(25):
                lib.add_bytes(image_bytes(base + i), Provenance(prompt=f"writer {base}"))
                lib.add_bytes(image_bytes(5000 + i))  # both add these same bytes
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=add, args=(lib, b)) for lib, b in ((first, 0), (second, 100))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert first.count() == second.count() == 75
    first.close()
    second.close()
    assert_consistent(root, set())


def test_write_lock_held_too_long_is_a_clear_error(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    Library.open(root).close()
    holder = sqlite3.connect(root / "library.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with Library.open(root, busy_timeout=0.2) as lib:
            started = time.monotonic()
            with pytest.raises(LibraryError, match=r"locked for more than 0.2 seconds"):
                lib.add_bytes(image_bytes(1))
            assert time.monotonic() - started < 5
            assert lib.count() == 0
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert_consistent(root, set())


def test_library_folder_deleted_while_open(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    lib = Library.open(root)
    lib.add_bytes(image_bytes(1))
    shutil.rmtree(root)
    with pytest.raises(LibraryError, match="deleted or moved while the app was running"):
        lib.add_bytes(image_bytes(2))
    with pytest.raises(LibraryError, match="deleted or moved"):
        lib.set_favourite([1], True)
    lib.close()
    assert not root.exists() or not (root / "library.db").exists()


def test_library_path_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "lib").write_text("not a folder")
    with pytest.raises(LibraryError, match="is a file, not a folder"):
        Library.open(tmp_path / "lib")


@contextlib.contextmanager
def mounted(target: Path, *args: str) -> Iterator[None]:
    if os.geteuid() != 0:
        # CI runs as root, so this never skips there; a developer without root can't mount.
        pytest.skip("mounting a read-only or full file system needs root")
    result = subprocess.run(["mount", *args, str(target)], capture_output=True, text=True)
    assert result.returncode == 0, f"mount failed: {result.stderr.strip()}"
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


def test_read_only_library_folder(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    with Library.open(root) as lib:
        rec = lib.add_bytes(image_bytes(1), Provenance(prompt="precious"))
    # Bind the folder onto itself, then make that mount read-only: root cannot write.
    with mounted(root, "--bind", str(root)):
        remount = subprocess.run(
            ["mount", "-o", "remount,bind,ro", str(root)], capture_output=True, text=True
        )
        assert remount.returncode == 0, f"read-only remount failed: {remount.stderr.strip()}"
        with pytest.raises(LibraryError, match="read-only"):
            Library.open(root)
    assert_consistent(root, {rec.id})


def test_disk_full(tmp_path: Path) -> None:
    root = tmp_path / "small"
    root.mkdir()
    with mounted(root, "-t", "tmpfs", "-o", "size=600k", "tmpfs"):
        ballast = root / "ballast"
        ballast.write_bytes(b"\0" * 150_000)
        lib = Library.open(root / "lib")
        saved: set[int] = set()
        with pytest.raises(LibraryError, match="full"):
            for i in range(200):
                saved.add(lib.add_bytes(noise_png(i)).id)
        assert saved
        assert {r.id for r in lib.page("", 1000).rows} == saved
        ballast.unlink()  # the user frees some space
        lib.close()
        assert_consistent(root / "lib", saved)


def test_qt_pool_tasks_share_their_threads_connections(tmp_path: Path, qapp: object) -> None:
    # Each task on a Qt pool thread runs in a fresh Python thread state; the index
    # must not open (and keep) a new connection per task.
    from PySide6.QtCore import QRunnable, QThreadPool

    library = Library.open(tmp_path / "lib")
    pool = QThreadPool()
    pool.setMaxThreadCount(2)

    class Page(QRunnable):
        def run(self) -> None:
            library.page("", 10)

    try:
        for _ in range(40):
            pool.start(Page())
        pool.waitForDone()
        assert library.database.connections <= 3  # this thread and the pool's two
    finally:
        pool.waitForDone()
        library.close()
