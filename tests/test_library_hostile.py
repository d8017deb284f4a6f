"""Hostile files against the library: each test runs the installed `lemon-desktop` as
a separate process (with a timeout, so a hang fails instead of stalling the suite),
or the library itself, on real files, real FIFOs and symlinks and a real SQLite index."""

from __future__ import annotations

import contextlib
import io
import json
import os
import resource
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import threading
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image

from lemon_desktop.library import Library
from lemon_desktop.library.metadata import Provenance

CLI = Path(sys.executable).with_name("lemon-desktop")
NOBODY = 65534


def png(seed: int, size: tuple[int, int] = (20, 12)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (seed % 256, 80, 140)).save(buf, "PNG")
    return buf.getvalue()


def run_cli(
    home: Path,
    *argv: str,
    timeout: float = 60,
    memory_limit: int | None = None,
    user: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """`lemon-desktop --home HOME ARGV` in its own process; optionally with an address-space
    limit (so a file read whole fails fast instead of swapping the machine) or as `user`."""

    def limit() -> None:
        if memory_limit is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))

    command = [str(CLI), "--home", str(home), *argv]
    if user is not None:
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
    env = {**os.environ, "PYTHONUTF8": "1"}
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit,
        env=env,
        errors="surrogateescape",
    )


def report_of(result: subprocess.CompletedProcess[str]) -> dict:  # type: ignore[type-arg]
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# -- 1. one bad entry must not end a whole import or repair ---------------------------


def hostile_folder(folder: Path) -> Path:
    """Two good images among a symlink loop, a dangling link, a link to a folder that
    is then removed, a FIFO and a link to /dev/zero, all named like images."""
    folder.mkdir(parents=True)
    (folder / "good1.png").write_bytes(png(1))
    (folder / "sub").mkdir()
    (folder / "sub" / "good2.png").write_bytes(png(2))
    os.symlink("loop_b.png", folder / "loop_a.png")
    os.symlink("loop_a.png", folder / "loop_b.png")
    os.symlink(folder / "nowhere.png", folder / "dangling.png")
    gone = folder / "gone"
    gone.mkdir()
    os.symlink(gone, folder / "to_gone")
    gone.rmdir()
    os.mkfifo(folder / "fifo.png")
    os.symlink("/dev/zero", folder / "zero.png")
    return folder


@pytest.mark.parametrize("in_place", [False, True], ids=["copy", "in place"])
def test_one_bad_entry_does_not_end_an_import(tmp_path: Path, in_place: bool) -> None:
    folder = hostile_folder(tmp_path / "photos")
    home = tmp_path / "home"
    extra = ["--in-place"] if in_place else []
    report = report_of(run_cli(home, "library", "import", str(folder), *extra, "--json"))
    assert len(report["imported"]) == 2 and report["failed"] == []
    reasons = {Path(s["file"]).name: s["reason"] for s in report["skipped"]}
    assert "loops back on itself" in reasons["loop_a.png"]
    assert "loops back on itself" in reasons["loop_b.png"]
    assert "does not exist" in reasons["dangling.png"]
    assert "does not exist" in reasons["to_gone"]
    assert "FIFO" in reasons["fifo.png"]
    assert "device" in reasons["zero.png"]
    # The text summary says the same in words.
    again = run_cli(home, "library", "import", str(folder), *extra)
    assert again.returncode == 0, again.stderr
    assert "2 already in the library" in again.stdout and "6 skipped" in again.stdout


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder another user can reach (pytest's tmp_path is private to root)."""
    base = Path(tempfile.mkdtemp(prefix="lemon-hostile-", dir="/tmp"))
    base.chmod(0o755)
    try:
        yield base
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="needs setpriv to drop root")
def test_unreadable_folders_are_counted_not_fatal(shared_tmp: Path) -> None:
    """Root reads every folder, so the import runs as `nobody`, for whom `locked/` is
    unreadable and a link into it cannot be followed (EACCES, once "read-only library")."""
    folder = shared_tmp / "photos"
    folder.mkdir()
    (folder / "good.png").write_bytes(png(3))
    locked = folder / "locked"
    locked.mkdir()
    (locked / "secret.png").write_bytes(png(4))
    locked.chmod(0o700)  # root's: nobody may neither list nor enter it
    os.symlink(locked / "secret.png", folder / "into_locked.png")
    for path in (folder, folder / "good.png", locked / "secret.png"):
        path.chmod(path.stat().st_mode | 0o044)
    folder.chmod(0o755)
    for extra in ([], ["--in-place"]):
        home = shared_tmp / f"home{len(extra)}"
        home.mkdir()
        os.chown(home, NOBODY, NOBODY)
        result = run_cli(home, "library", "import", str(folder), *extra, "--json", user=NOBODY)
        report = report_of(result)
        assert [Path(u["folder"]).name for u in report["unreadable_folders"]] == ["locked"]
        assert "Permission denied" in report["unreadable_folders"][0]["reason"]
        skipped = {Path(s["file"]).name: s["reason"] for s in report["skipped"]}
        assert "cannot be followed (Permission denied)" in skipped["into_locked.png"]
    text = run_cli(home, "library", "import", str(folder), "--in-place", user=NOBODY)
    assert text.returncode == 0, text.stderr
    assert "1 folder could not be read" in text.stdout and str(locked) in text.stdout
    # verify --repair walks the folder imported in place the same way: it reports and goes on.
    (folder / "good.png").rename(folder / "moved.png")
    repaired = run_cli(home, "library", "verify", "--repair", "--json", user=NOBODY)
    data = json.loads(repaired.stdout)
    assert repaired.returncode == 0, repaired.stderr
    assert [Path(r["path"]).name for r in data["relinked"]] == ["moved.png"]
    assert any(Path(p["path"]).name == "locked" for p in data["passed_over"])


def test_verify_repair_passes_over_a_symlink_loop(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "a.png").write_bytes(png(5))
    home = tmp_path / "home"
    report_of(run_cli(home, "library", "import", str(folder), "--in-place", "--json"))
    (folder / "a.png").rename(folder / "b.png")
    os.symlink("loop2", folder / "loop1")
    os.symlink("loop1", folder / "loop2")
    os.mkfifo(folder / "fifo.png")
    result = run_cli(home, "library", "verify", "--repair", "--json", timeout=30)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [Path(r["path"]).name for r in data["relinked"]] == ["b.png"]
    assert {Path(p["path"]).name for p in data["passed_over"]} == {"loop1", "loop2", "fifo.png"}


# -- 2. memory: what one file and one batch may hold ----------------------------------


def test_a_huge_file_with_an_image_header_is_skipped_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    for i in range(3):
        (folder / f"ok{i}.png").write_bytes(png(10 + i))
    huge = folder / "huge.png"
    with huge.open("wb") as handle:
        handle.write(png(20)[:64])
        handle.truncate(4 * 2**30)  # sparse: 4 GB that cost no disk
    home = tmp_path / "home"
    for extra in ([], ["--in-place"]):
        # 1.5 GB of address space: reading the file whole cannot even be attempted.
        result = run_cli(
            home, "library", "import", str(folder), *extra, "--json", memory_limit=1536 * 2**20
        )
        report = report_of(result)
        assert len(report["imported"]) + len(report["duplicates"]) == 3
        [skipped] = report["skipped"]
        assert skipped["file"] == str(huge)
        assert skipped["reason"] == "is 4.0 GB; image files over 256 MB are not read"


def png_with_text(seed: int, text_bytes: int) -> bytes:
    """A real PNG with an A1111 `parameters` tEXt chunk of `text_bytes` bytes."""
    data = png(seed)
    payload = b"parameters\x00" + b"a lemon, " * (text_bytes // 9)
    chunk = (
        struct.pack(">I", len(payload))
        + b"tEXt"
        + payload
        + struct.pack(">I", zlib.crc32(b"tEXt" + payload) & 0xFFFFFFFF)
    )
    return data[:33] + chunk + data[33:]  # right after IHDR


def test_a_batch_of_huge_text_chunks_stays_small(tmp_path: Path) -> None:
    """12 PNGs with 40 MB text chunks once peaked at 4.2 GB; now the chunks are passed
    over unread and the import stays within a few hundred MB."""
    folder = tmp_path / "photos"
    folder.mkdir()
    for i in range(12):
        (folder / f"{i}.png").write_bytes(png_with_text(i, 40 * 2**20))
    (folder / "small.png").write_bytes(png_with_text(99, 2000))
    home = tmp_path / "home"
    # VmHWM, not getrusage's ru_maxrss: Linux carries the peak of the process image
    # replaced by exec into ru_maxrss, and subprocess starts the child from this
    # (pytest-xdist worker's) memory, so ru_maxrss would report the worker's peak.
    script = (
        "import re, sys; from lemon_desktop.library import Library\n"
        "with Library.open(sys.argv[1]) as lib:\n"
        "    r = lib.import_folder(sys.argv[2], in_place=True)\n"
        "status = open('/proc/self/status').read()\n"
        "peak_kb = int(re.search(r'VmHWM:\\s+(\\d+) kB', status).group(1))\n"
        "print(len(r.imported), len(r.failed), peak_kb)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(home / "library"), str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    imported, failed, peak_kb = (int(x) for x in result.stdout.split())
    assert (imported, failed) == (13, 0)
    assert peak_kb < 400 * 1024, f"peak {peak_kb / 1024:.0f} MB"
    with Library.open(home / "library") as lib:
        prompts = {r.prompt for r in (lib.get(row.id) for row in lib.search("", 50))}
    assert None in prompts  # the huge texts were not read
    assert any(p and p.startswith("a lemon,") for p in prompts)  # the small one was


def test_batches_are_cut_by_the_bytes_their_rows_hold(tmp_path: Path) -> None:
    from lemon_desktop.library import importer

    folder = tmp_path / "photos"
    folder.mkdir()
    for i in range(6):
        (folder / f"{i}.png").write_bytes(png_with_text(i, 3 * 2**20))
    batches: list[list[int]] = []
    old = importer.BATCH_BYTES
    importer.BATCH_BYTES = 5 * 2**20
    try:
        with Library.open(tmp_path / "lib") as lib:
            lib.add_listener(lambda event, ids: batches.append(ids) if event == "added" else None)
            report = lib.import_folder(folder, in_place=True)
    finally:
        importer.BATCH_BYTES = old
    assert len(report.imported) == 6
    assert len(batches) >= 3 and max(len(b) for b in batches) <= 2


# -- 3. export, viewer and drag-out read only regular files, never through a link ----


def in_place_library(tmp_path: Path, n: int) -> tuple[Path, Path]:
    folder = tmp_path / "photos"
    folder.mkdir()
    for i in range(n):
        (folder / f"{i}.png").write_bytes(png(30 + i))
    home = tmp_path / "home"
    report_of(run_cli(home, "library", "import", str(folder), "--in-place", "--json"))
    return folder, home


def test_export_skips_files_swapped_for_a_fifo_or_dev_zero(tmp_path: Path) -> None:
    folder, home = in_place_library(tmp_path, 3)
    (folder / "1.png").unlink()
    os.mkfifo(folder / "1.png")
    (folder / "2.png").unlink()
    os.symlink("/dev/zero", folder / "2.png")
    out = tmp_path / "out"
    # Once this hung for ever on the FIFO (and read /dev/zero without end).
    result = run_cli(home, "library", "export", "--to", str(out), "--json", timeout=30)
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert len(data["exported"]) == 1 and Path(data["exported"][0]).read_bytes() == png(30)
    reasons = " ".join(s["reason"] for s in data["skipped"])
    assert "is a FIFO (named pipe), not an image file" in reasons
    assert "is a symbolic link now, not the file itself" in reasons
    assert sorted(p.name for p in out.iterdir()) == [Path(data["exported"][0]).name]


def test_export_never_writes_through_a_planted_part_link(tmp_path: Path) -> None:
    _, home = in_place_library(tmp_path, 1)
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    os.symlink(victim, out / ".1.png.part")  # the temp name export used to write through
    result = run_cli(home, "library", "export", "--to", str(out), "--template", "{n}")
    assert result.returncode == 0, result.stderr
    assert victim.read_text() == "precious"
    assert (out / "1.png").read_bytes() == png(30)
    assert (out / ".1.png.part").is_symlink()  # not ours: left alone


def _finishes(fn: Callable[[], object], fifo: Path, seconds: float = 10) -> bool:
    """Whether fn() returns within `seconds`; a thread stuck on the FIFO is let go after."""
    done = threading.Event()

    def call() -> None:
        with contextlib.suppress(Exception):
            fn()
        done.set()

    threading.Thread(target=call, daemon=True).start()
    finished = done.wait(seconds)
    if not finished:  # release the reader blocked in open(): a writer arrives and leaves
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    return finished


def test_viewer_and_drag_out_do_not_block_on_a_fifo(tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from lemon_desktop.ui.gallery.dragdrop import mime_for_files
    from lemon_desktop.ui.gallery.viewer import decode

    app = QApplication.instance() or QApplication([])
    assert app is not None
    fifo = tmp_path / "swapped.png"
    os.mkfifo(fifo)
    good = tmp_path / "good.png"
    good.write_bytes(png(40))
    assert _finishes(lambda: decode(fifo), fifo)
    with pytest.raises(OSError, match="FIFO"):
        decode(fifo)
    assert not decode(good).isNull()
    assert _finishes(lambda: mime_for_files([fifo]), fifo)
    mime = mime_for_files([fifo, good])
    assert [u.toLocalFile() for u in mime.urls()] == [str(good)]  # the FIFO is not offered
    single = mime_for_files([good])
    assert single.hasImage()


# -- 4. file names that are not UTF-8 ------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_kept_exactly(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9.png")  # Latin-1 bytes, as an old camera or zip leaves them
    (folder / name).write_bytes(png(50))
    (folder / "plain.png").write_bytes(png(51))
    home = tmp_path / "home"
    report = report_of(run_cli(home, "library", "import", str(folder), "--in-place", "--json"))
    assert len(report["imported"]) == 2
    verified = run_cli(home, "library", "verify", "--json")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert json.loads(verified.stdout)["missing"] == []
    with Library.open(home / "library") as lib:
        paths = {lib.get(row.id).path for row in lib.search("is:linked")}
    assert folder / name in paths and os.fsencode(folder / name).endswith(b"caf\xe9.png")
    # Moved to another odd name, verify --repair finds it by its hash.
    other = os.fsdecode(b"\xff\xfe-moved.png")
    os.rename(folder / name, folder / other)
    repaired = run_cli(home, "library", "verify", "--repair", "--json")
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    with Library.open(home / "library") as lib:
        paths = {lib.get(row.id).path for row in lib.search("is:linked")}
        assert folder / other in paths
        exported = lib.export("", tmp_path / "out")
    assert len(exported) == 2 and not exported.skipped
    # The text output shows the odd bytes escaped, never crashes on them.
    listed = run_cli(home, "library", "import", str(folder), "--in-place")
    assert listed.returncode == 0, listed.stderr


# -- 5. the index itself: checked by verify, never started over silently --------------


def tagged_library(home: Path) -> None:
    with Library.open(home / "library") as lib:
        for i, prompt in enumerate(["a lemon", "a lime", "an orange"]):
            image = lib.add_bytes(png(60 + i), Provenance(prompt=prompt, model="gpt-image-2"))
            lib.add_tags([image.id], ["citrus"])


@pytest.mark.parametrize(
    ("damage", "why"),
    [(b"", "it is empty (0 bytes)"), (b"<html>oops</html>" * 50, "not an SQLite database")],
    ids=["empty", "not sqlite"],
)
def test_a_damaged_library_db_is_kept_and_never_started_over(
    tmp_path: Path, damage: bytes, why: str
) -> None:
    home = tmp_path / "home"
    tagged_library(home)
    db_file = home / "library" / "library.db"
    db_file.write_bytes(damage)
    for argv in (["library", "list"], ["library", "stats"], ["library", "verify"]):
        result = run_cli(home, *argv)
        assert result.returncode == 4, (argv, result.stdout, result.stderr)
        assert why in result.stderr and "verify --repair" in result.stderr
        assert db_file.read_bytes() == damage  # never written over
    repaired = run_cli(home, "library", "verify", "--repair", "--json")
    data = json.loads(repaired.stdout)
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    kept = Path(data["damaged_index_kept"])
    assert kept.parent == db_file.parent and kept.name.startswith("library.db.damaged-")
    assert kept.read_bytes() == damage
    assert len(data["reindexed"]) == 3
    listed = run_cli(home, "library", "search", "lemon", "--json")
    assert [r["prompt"] for r in json.loads(listed.stdout)] == ["a lemon"]  # from the file


def test_a_new_library_never_leaves_an_empty_library_db(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    with Library.open(root):
        assert (root / "library.db").stat().st_size > 0
    assert sorted(p.name for p in root.iterdir() if p.name.startswith("library.db")) == [
        "library.db"
    ]
    with Library.open(root) as lib:  # and it opens again as the same library
        assert lib.stats().images == 0


def damage_an_index(db_file: Path, index: str) -> None:
    """Scribble over the root page of one SQLite index, as a bad disk sector would."""
    conn = sqlite3.connect(db_file)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (root_page,) = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = ?", (index,)
    ).fetchone()
    conn.close()
    with db_file.open("r+b") as handle:
        handle.seek((root_page - 1) * page_size)
        handle.write(b"\xa5" * page_size)


def test_verify_checks_the_index_itself_and_repair_rebuilds_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    tagged_library(home)
    db_file = home / "library" / "library.db"
    damage_an_index(db_file, "images_live_created")
    listed = run_cli(home, "library", "list")
    assert listed.returncode == 4 and "damaged" in listed.stderr
    checked = run_cli(home, "library", "verify", "--json")
    assert checked.returncode == 1, checked.stdout + checked.stderr  # once: "All good."
    assert json.loads(checked.stdout)["index_problems"]
    text = run_cli(home, "library", "verify")
    assert "index:" in text.stdout and "try --repair" in text.stdout
    repaired = run_cli(home, "library", "verify", "--repair", "--json")
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    data = json.loads(repaired.stdout)
    assert data["index_problems"] == [] and Path(data["damaged_index_kept"]).is_file()
    listed = run_cli(home, "library", "search", "tag:citrus", "--json")
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 3  # tags survived
