"""File → Import folder…: the dialog, the import in a worker, its summary and errors."""

from __future__ import annotations

import asyncio
import io
import os
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from lemon_desktop.sandbox import SandboxServer
from lemon_desktop.ui.folder_import import FolderImport, FolderImportProgress
from lemon_desktop.ui.main_window import MainWindow
from lemon_desktop.ui.tasks import run_in_thread
from tests.ui_helpers import Loop, connect, until

pytest_plugins = ["tests.ui_fixtures"]
pytestmark = pytest.mark.gui


def photos(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True)
    for i in range(n):
        buf = io.BytesIO()
        Image.new("RGB", (24, 16), (i * 40 % 256, 90, 120)).save(buf, "PNG")
        (folder / f"{i}.png").write_bytes(buf.getvalue())
    return folder


async def library_open(window: MainWindow, sandbox: SandboxServer) -> None:
    await connect(window, sandbox)
    await until(lambda: window.gallery is not None, message="the gallery")


def test_import_in_place_from_the_file_menu(
    window: MainWindow, qloop: Loop, tmp_path: Path, sandbox: SandboxServer
) -> None:
    folder = photos(tmp_path / "photos", 3)

    async def scenario() -> None:
        await library_open(window, sandbox)
        window.actions_by_name["import_folder"].trigger()
        dialog = window.import_dialog
        assert dialog is not None and dialog.isVisible()
        assert not dialog.start.isEnabled() and "Choose the folder" in dialog.start.toolTip()
        dialog.folder.setText(str(tmp_path / "nowhere"))
        assert not dialog.start.isEnabled()
        assert dialog.problem.isVisible() and "Choose a folder that exists" in dialog.problem.text()
        dialog.folder.setText(str(folder))
        assert dialog.start.isEnabled() and not dialog.problem.isVisible()
        dialog.in_place.setChecked(True)
        QTest.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
        await until(lambda: not window.imports, message="import to finish")
        assert window.statusBar().currentMessage() == "Indexed 3 images in place."
        library = window.services.library
        assert library is not None and library.count("is:linked") == 3
        # The gallery shows them without a reload.
        await until(lambda: window.gallery.model.rowCount() == 3, message="3 in the gallery")
        assert {p.name for p in folder.iterdir()} == {"0.png", "1.png", "2.png"}
        # The dialog remembers the folder and the choice for next time.
        window.import_folder()
        again = window.import_dialog
        assert again is not None and again.folder.text() == str(folder)
        assert again.in_place.isChecked()
        again.reject()

    qloop.run(scenario())


def test_unreadable_files_are_named_in_the_banner(
    window: MainWindow, qloop: Loop, tmp_path: Path, sandbox: SandboxServer
) -> None:
    folder = photos(tmp_path / "photos", 2)
    (folder / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    (folder / "notes.txt").write_text("not an image")

    async def scenario() -> None:
        await library_open(window, sandbox)
        window.start_import(folder, False)
        await until(lambda: not window.imports, message="import to finish")
        text = window.statusBar().currentMessage()
        assert text == "Imported 2 images (1 not images, 1 could not be read)."
        assert window.banner.isVisible()
        banner = window.banner.label.text()
        # A sentence, once with Pillow's "<_io.BytesIO object at 0x7f…>" in it.
        assert (
            "broken.png: the image header cannot be read: it starts like a PNG file but is "
            "damaged or incomplete" in banner
        )
        assert "object at 0x" not in banner and "<" not in banner

    qloop.run(scenario())


def test_stopping_an_import_keeps_what_was_read(
    window: MainWindow, qloop: Loop, tmp_path: Path, sandbox: SandboxServer
) -> None:
    folder = photos(tmp_path / "photos", 4)

    async def scenario() -> None:
        await library_open(window, sandbox)
        library = window.services.library
        assert library is not None
        job = FolderImport(library, folder, False, window)
        reports: list[object] = []
        job.finished.connect(reports.append)
        job.stop()  # before it starts: it stops at the first file
        job.start()
        await until(lambda: reports, message="stopped import")
        report = reports[0]
        assert report.stopped and report.imported == []  # type: ignore[attr-defined]
        # Stop in the progress dialog asks a running import to stop.
        job = FolderImport(library, folder, False, window)
        progress = FolderImportProgress(job, window)
        stop = progress.findChild(QPushButton)
        assert stop is not None and stop.text() == "Stop"
        QTest.mouseClick(stop, Qt.MouseButton.LeftButton)
        assert job.stopping
        assert progress.labelText() == "Stopping after the current file…"

    qloop.run(scenario())


def test_import_before_the_library_opens_says_so(window: MainWindow) -> None:
    window.services.library = None
    window.import_folder()
    assert window.banner.isVisible() and "still opening" in window.banner.label.text()
    assert window.start_import(Path("/tmp"), True) is None


def test_a_damaged_library_db_is_named_in_the_window_and_kept(qloop: Loop, home: Path) -> None:
    from lemon_desktop.app import _main, create_window

    db_file = home / "library" / "library.db"
    db_file.parent.mkdir(parents=True, exist_ok=True)
    db_file.write_bytes(b"")  # what a crash on a full disk or a bad copy leaves
    window = create_window(home, None)
    window.show()

    async def scenario() -> None:
        # The launch's own start-up (`lemon-desktop --sandbox`), up to the closed window.
        launch = asyncio.ensure_future(_main(window, True, None))
        await until(lambda: window.banner.isVisible(), message="the banner")
        text = window.banner.label.text()
        assert f"{db_file} is damaged (it is empty (0 bytes))" in text
        assert "verify --repair" in text and "backup" in text
        assert window.services.library is None
        assert db_file.read_bytes() == b""  # kept as it was, not made a new library
        window.close()
        await asyncio.wait_for(launch, 30)  # _main closes the window's services itself

    qloop.run(scenario())
    window.deleteLater()


def test_summary_counts_skipped_entries_and_unreadable_folders(tmp_path: Path) -> None:
    from lemon_desktop.library import Library
    from lemon_desktop.ui.folder_import import failure_details, summary

    folder = photos(tmp_path / "photos", 2)
    (folder / "notes.txt").write_text("not an image")
    os.symlink("loop2.png", folder / "loop1.png")
    os.symlink("loop1.png", folder / "loop2.png")
    with Library.open(tmp_path / "lib") as library:
        report = library.import_folder(folder)
    report.unreadable.append((str(folder / "locked"), "cannot be read (Permission denied)"))
    assert summary(report, False) == (
        "Imported 2 images (1 not images, 2 skipped, 1 folders could not be read)."
    )
    assert f"Folder {folder / 'locked'} cannot be read (Permission denied)" in failure_details(
        report
    )


def test_imports_leave_the_workers_to_the_gallery(
    window: MainWindow, qloop: Loop, tmp_path: Path, sandbox: SandboxServer
) -> None:
    # As many imports as the pool has threads: on the shared pool they would take every
    # thread, and a gallery read would wait for one of them to finish.
    imports = QThreadPool.globalInstance().maxThreadCount()
    folders = [distinct_photos(tmp_path / f"photos{i}", i, 60) for i in range(imports)]

    async def scenario() -> tuple[int, int]:
        await library_open(window, sandbox)
        for folder in folders:
            window.start_import(folder, in_place=False)
        finished_when_read = -1

        def read(_answer: int) -> None:
            nonlocal finished_when_read
            finished_when_read = imports - len(window.imports)

        run_in_thread(lambda: 1, read, owner=window)
        await until(lambda: finished_when_read >= 0, message="a read beside the imports")
        await until(lambda: not window.imports, timeout=120, message="the imports to finish")
        library = window.services.library
        assert library is not None
        return finished_when_read, library.count("")

    finished_when_read, stored = qloop.run(scenario(), timeout=180)
    assert finished_when_read == 0
    assert stored == 60 * imports


def distinct_photos(folder: Path, batch: int, n: int) -> Path:
    folder.mkdir(parents=True)
    for i in range(n):
        buf = io.BytesIO()
        Image.new("RGB", (24, 16), (batch, i, 120)).save(buf, "PNG")
        (folder / f"{i}.png").write_bytes(buf.getvalue())
    return folder
