"""No SQLite statement runs on the GUI thread while a person uses the window.

A real window on a real library of a few hundred images, against the built-in sandbox,
does what a user does: start, type gallery searches (a bad one too), use the filter
chips, scroll to the end, select images with the mouse and the keys, step through the
stage and the full-screen viewer, open the details, copy a prompt, reuse settings,
favourite, rate and undo, tag, add to an album, trash and undo, open the grid's menu,
make a variation from an image, and see new results arrive (one generated, one added
by another writer). Every connection SQLite opens meanwhile traces its statements;
any statement traced on the main thread fails the test, with where it came from.
"""

from __future__ import annotations

import asyncio
import colorsys
import io
import sqlite3
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtTest import QTest

from lemon_desktop.library import Library
from lemon_desktop.library.metadata import Provenance
from lemon_desktop.sandbox import SandboxServer
from lemon_desktop.ui.gallery import actions as gallery_actions
from lemon_desktop.ui.main_window import MainWindow
from tests.ui_helpers import Loop, connect, until

pytest_plugins = ["tests.ui_fixtures"]
pytestmark = pytest.mark.gui

IMAGES = 300
MODELS = ["gpt-image-2", "flux-pro", "seedream-4"]
SHAPES = [(64, 64), (96, 54), (54, 96), (80, 60)]


class GuiThreadStatements:
    """Traces every statement of every SQLite connection opened while installed and
    keeps those run on the main (GUI) thread, each with the stack that ran it."""

    def __init__(self) -> None:
        self.on_gui_thread: list[str] = []
        self.elsewhere = 0
        self.recording = True
        self._lock = threading.Lock()

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        real_connect = sqlite3.connect

        def connect_traced(*args: Any, **kwargs: Any) -> sqlite3.Connection:
            conn = real_connect(*args, **kwargs)
            conn.set_trace_callback(self._trace)
            return conn

        monkeypatch.setattr(sqlite3, "connect", connect_traced)

    def _trace(self, statement: str) -> None:
        if not self.recording:
            return
        if threading.current_thread() is threading.main_thread():
            stack = "".join(traceback.format_stack(limit=16)[:-1])
            with self._lock:
                self.on_gui_thread.append(f"{statement}\n{stack}")
        else:
            with self._lock:
                self.elsewhere += 1

    def report(self) -> str:
        """Each distinct place once (its first statement and stack), how often it ran."""
        places: dict[str, list[str]] = {}
        for entry in self.on_gui_thread:
            stack = entry.split("\n", 1)[1]
            places.setdefault(stack, []).append(entry)
        return "\n\n".join(f"{len(e)} x {e[0]}" for e in places.values())


def picture(i: int) -> bytes:
    w, h = SHAPES[i % len(SHAPES)]
    r, g, b = (round(c * 255) for c in colorsys.hsv_to_rgb((i * 0.137) % 1, 0.5, 0.9))
    buffer = io.BytesIO()
    Image.new("RGB", (w, h), (r, g, b)).save(buffer, "PNG")
    return buffer.getvalue()


def fill(root: Path, n: int) -> None:
    """A library of `n` images, written before the window opens it."""
    with Library.open(root) as library:
        for i in range(n):
            library.add_bytes(
                picture(i),
                Provenance(
                    prompt=f"a lemon tree number {i}" + (" at dusk" if i % 2 else " in snow"),
                    model=MODELS[i % len(MODELS)],
                    params={"size": "1024x1024", "quality": "high"},
                    created=f"2026-01-01T{i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}Z",
                ),
            )


async def until_stored(predicate: Callable[[], bool], message: str) -> None:
    """Wait until `predicate`, a read of the library, holds: asked in a worker, so the
    test's own checks run no statement on the GUI thread either."""
    for _ in range(300):
        if await asyncio.to_thread(predicate):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"timed out waiting for {message}")


def test_no_sqlite_statement_runs_on_the_gui_thread_in_a_session(
    make_window: Callable[..., MainWindow],
    home: Path,
    qloop: Loop,
    sandbox: SandboxServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fill(home / "library", IMAGES)
    statements = GuiThreadStatements()
    statements.install(monkeypatch)
    opened: list[QUrl] = []
    monkeypatch.setattr(gallery_actions, "open_url", opened.append)
    window = make_window()

    async def session() -> None:
        await connect(window, sandbox)
        await until(lambda: window.gallery is not None and window.stage is not None)
        gallery, stage = window.gallery, window.stage
        assert gallery is not None and stage is not None
        model, view = gallery.model, gallery.view
        library = window.services.library
        assert library is not None
        await until(lambda: model.rowCount() >= 200 and not model.loading, message="first page")
        await until(lambda: stage.current_id is not None, message="the newest image on stage")

        # Searches typed into the box, a bad one among them, and the filter chips.
        QTest.keyClicks(gallery.search, "dusk")
        await until(lambda: model.query == "dusk", message="a typed search")
        assert model.rowCount() == IMAGES // 2
        gallery.search.clear()
        QTest.keyClicks(gallery.search, "colour:red")
        await until(gallery.error_label.isVisible, message="the bad search reported")
        assert model.query == "dusk"  # the rows shown stay
        gallery.search.clear()
        QTest.keyClicks(gallery.search, "lemon")
        await until(lambda: model.query == "lemon", message="a good search again")
        # What the library holds, read in a worker when a chip's menu opens: the menu
        # stays open until the list arrived (a list arriving after it closed is kept
        # for the next opening, not shown).
        models = gallery.chips.model.menu()
        models.popup(gallery.chips.model.mapToGlobal(QPoint(0, gallery.chips.model.height())))
        await until(lambda: len(models.actions()) == 1 + len(MODELS), message="the models")
        models.close()
        albums = gallery.chips.album
        albums.menu().popup(albums.mapToGlobal(QPoint(0, albums.height())))
        await asyncio.sleep(0.1)  # no albums: nothing to wait for but the read itself
        albums.menu().close()
        gallery.chips.model.choose("model:flux-pro")
        await until(lambda: model.query == "lemon model:flux-pro", message="a chip's filter")
        gallery.chips.model.choose("", "")
        gallery.search.clear()
        await until(lambda: model.query == "" and not model.loading, message="everything")

        # Scrolling to the middle and the end: the count and the pages come from workers.
        bar = view.verticalScrollBar()
        bar.setValue(bar.maximum() // 2)
        await asyncio.sleep(0.1)
        for _ in range(20):
            bar.setValue(bar.maximum())
            await asyncio.sleep(0.05)
        await until(lambda: model.rowCount() == IMAGES, message="the whole count")
        bar.setValue(bar.maximum())
        await until(lambda: model.row_at(IMAGES - 1) is not None, message="the last rows")
        bar.setValue(0)

        # Selecting with the mouse and the keys; the stage follows.
        await until(lambda: model.row_at(7) is not None, message="the top rows again")
        view.setFocus()
        # A square image: dall-e-2 varies square images only (the variation below).
        at, target = next(
            (p, r) for p in range(8) if (r := model.row_at(p)) and r.width == r.height
        )
        QTest.mouseClick(
            view.viewport(),
            Qt.MouseButton.LeftButton,
            pos=view.visualRect(model.index(at)).center(),
        )
        await until(lambda: stage.current_id == target.id, message="the clicked image on stage")
        QTest.keyClick(view, Qt.Key.Key_Right)
        await until(lambda: stage.current_id != target.id, message="the next image on stage")
        far = model.row_at(IMAGES - 1) or model.row_at(250)
        assert gallery.select_image(target.id)
        # An image whose row is not in memory is found by a worker.
        if far is not None:
            await until(lambda: gallery.select_image(far.id), message="a far image selected")

        # The stage: details, previous/next through its filmstrip, full screen's steps.
        stage.bar.details.setChecked(True)
        await until(lambda: stage.facts is not None, message="the stage's facts")
        stage.canvas.setFocus()
        QTest.keyClick(stage.canvas, Qt.Key.Key_Right)
        QTest.keyClick(stage.canvas, Qt.Key.Key_Left)
        gallery.select_image(target.id)
        window.open_full_screen(target.id)
        viewer = window.viewer
        assert viewer is not None
        await until(lambda: viewer.record is not None, message="the viewer's image")
        await until(viewer.next_button.isEnabled, message="a next image in the viewer")
        assert viewer.next()
        await until(lambda: viewer.record is not None and viewer.record.id != target.id)
        assert viewer.previous()
        await until(lambda: viewer.record is not None and viewer.record.id == target.id)
        viewer.close()

        # Copy the prompt, reuse the settings, open the grid's menu.
        await until(lambda: gallery.select_image(target.id))
        statuses: list[str] = []
        gallery.actions.status_message.connect(statuses.append)
        gallery.actions.copy_prompt.trigger()
        await until(lambda: "Prompt copied." in statuses, message="the prompt copied")
        filled: list[dict[str, object]] = []
        gallery.reuse_requested.connect(filled.append)
        gallery.actions.reuse.trigger()
        await until(lambda: filled, message="the settings reused")
        menu = gallery.build_menu()
        await asyncio.sleep(0.1)  # the comparison lookup behind "Open Compare Board"
        menu.deleteLater()

        # Favourite, rate and undo with the keys; tag, album, trash and its undo.
        view.setFocus()
        QTest.keyClick(view, Qt.Key.Key_F)
        QTest.keyClick(view, Qt.Key.Key_4)
        await until(lambda: window.marks.idle, message="the marks written")
        QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        await until(lambda: window.marks.idle, message="the undo written")
        gallery.actions.ask_tags()
        dialog = gallery.actions.dialog
        assert dialog is not None
        await asyncio.sleep(0.1)  # the existing names, read for the completer
        dialog.edit.setText("keeper")  # type: ignore[attr-defined]
        dialog.ok.click()  # type: ignore[attr-defined]
        await until_stored(lambda: "keeper" in library.get(target.id).tags, "tagged")
        gallery.actions.ask_album()
        dialog = gallery.actions.dialog
        assert dialog is not None
        dialog.edit.setText("Best of")  # type: ignore[attr-defined]
        dialog.ok.click()  # type: ignore[attr-defined]
        await until_stored(lambda: library.get(target.id).albums == ("Best of",), "album")
        QTest.keyClick(view, Qt.Key.Key_Delete)
        await until(lambda: model.rowCount() == IMAGES - 1, message="one image trashed")
        assert gallery.banner.isVisible()
        gallery.banner.button.click()
        await until(lambda: model.rowCount() == IMAGES, message="the image back")
        window.image_actions.reveal(target.id)
        await until(lambda: opened, message="the folder shown")

        # New results: one generated (a variation of the image), one written elsewhere.
        window.image_actions.run("image_vary", [target.id])
        await until(lambda: model.rowCount() == IMAGES + 1, timeout=30, message="the result")
        panel = window.generate
        panel.prompt.set_text("a lemon on a table")
        await until(panel.generate.isEnabled, message=f"Generate: {panel.reason.text()}")
        QTest.mouseClick(panel.generate, Qt.MouseButton.LeftButton)
        await until(lambda: model.rowCount() >= IMAGES + 2, timeout=30, message="generated")
        await until(lambda: stage.facts is not None and stage.facts.job is not None)
        await asyncio.to_thread(library.add_bytes, picture(IMAGES + 10))
        await until(lambda: model.rowCount() >= IMAGES + 3, message="another writer's image")
        await until(lambda: window.pending_tasks() == 0, timeout=20, message="quiet")
        await asyncio.sleep(0.3)  # the last answers arrive and are applied

    try:
        qloop.run(session(), timeout=150)
    finally:
        statements.recording = False
    assert statements.elsewhere > 0, "the recorder saw no statement at all"
    assert not statements.on_gui_thread, (
        f"{len(statements.on_gui_thread)} SQLite statements ran on the GUI thread:\n"
        + statements.report()
    )
