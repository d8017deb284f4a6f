"""The compare board against the sandbox in a real window: a fair comparison (16:9 is
put in each model's own terms and comes back 16:9), one group in the queue, the board
reopened from the queue's group row and from the gallery (group:ID and the context
menu), "pick" with trash and undo, and a grid when each model draws several."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QStyleOptionViewItem

from lemon_desktop.api.profiles import profile_for
from lemon_desktop.api.profiles.sizes import parse_size
from lemon_desktop.jobs import Job
from lemon_desktop.sandbox import SandboxServer
from lemon_desktop.ui.compare import CompareBoard
from lemon_desktop.ui.main_window import MainWindow
from lemon_desktop.ui.queue.model import QueueModel
from tests.ui_helpers import Loop, connect, until

pytest_plugins = ["tests.ui_fixtures"]
pytestmark = pytest.mark.gui

SHOTS = os.environ.get("LEMON_COMPARE_SHOTS")  # a folder: save what the tests looked at
WIDE = ["gpt-image-2", "dall-e-3", "flux-schnell", "nano-banana"]
SIXTEEN_NINE = 16 / 9


async def send_compare(
    window: MainWindow, models: list[str], form_model: str, values: dict[str, object], prompt: str
) -> CompareBoard:
    panel = window.generate
    panel.select_model(form_model, values)
    panel.prompt.set_text(prompt)
    panel.compare.setChecked(True)
    panel.picker.set_checked(models)
    await until(panel.generate.isEnabled, message=panel.reason.text())
    QTest.mouseClick(panel.generate, Qt.MouseButton.LeftButton)
    await until(lambda: window.jobs.compare_views, message="the compare board")
    board = window.jobs.compare_views[-1]
    await until(lambda: all(board.shown_images().values()), timeout=60, message="every result")
    return board


def wide_ratios(model: str) -> list[float]:
    """The width/height of every size or aspect ratio `model` takes that is wider than
    3:2 (the 16:9 class); an empty list means it takes free sizes."""
    found: list[float] = []
    for name in ("size", "aspect_ratio"):
        spec = profile_for(model).param(name)
        for choice in spec.choices if spec else ():
            size = parse_size(choice)
            if size is None and ":" in choice:
                left, right = choice.split(":")
                size = (int(left), int(right))
            if size and size[0] / size[1] > 1.6:
                found.append(size[0] / size[1])
    return found


def group_row_rects(window: MainWindow, batch_id: str) -> dict[str, QRect]:
    panel = window.queue_panel
    row = panel.model.row_of(batch_id)
    assert row is not None
    index = panel.model.index(row, QueueModel.ACTIONS)
    option = QStyleOptionViewItem()
    option.rect = panel.view.visualRect(index)
    option.font = panel.view.font()
    return panel.delegate.action_rects(option, index)


def batch_jobs(window: MainWindow, batch_id: str) -> list[Job]:
    return [j for j in window.queue_panel.model.jobs() if j.batch_id == batch_id]


def test_a_16_9_comparison_gives_every_model_a_16_9_class_size_in_one_group(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        await connect(window, sandbox)
        board = await send_compare(
            window, WIDE, "nano-banana", {"aspect_ratio": "16:9"}, "a wide lemon orchard"
        )
        assert window.generate.generate.text() == "Compare 4 models"
        library = window.services.library
        assert library is not None
        for model, image_id in board.shown_images().items():
            assert image_id is not None
            record = library.get(image_id)
            ratio = record.width / record.height
            # The model's own 16:9-class size (or, for free sizes, 16:9 itself).
            nearest = min(wide_ratios(model) or [SIXTEEN_NINE], key=lambda r: abs(r - ratio))
            assert abs(ratio - nearest) < 0.02, (model, record.width, record.height)
            assert abs(ratio - SIXTEEN_NINE) < 0.1, (model, record.width, record.height)
        # Each lane says what its model was sent and what it cost and took.
        for model, lane in board.lanes.items():
            assert lane.settings.text(), model
            assert "·" in lane.cost.text() and "$" in lane.cost.text(), lane.cost.text()
        # One group row in the queue, holding the four jobs.
        queue = window.queue_panel.model
        groups = [queue.group(r) for r in range(queue.rowCount()) if queue.group(r) is not None]
        assert len(groups) == 1
        group = groups[0]
        assert group is not None and sorted(j.model for j in group.jobs) == sorted(WIDE)
        assert board.batch_id == group.batch_id
        if SHOTS:
            await shoot_board(board, "wide")

    qloop.run(scenario())


def test_the_board_reopens_from_the_queue_and_from_the_gallery(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        await connect(window, sandbox)
        models = ["dall-e-2", "flux-schnell", "gpt-image-2"]
        board = await send_compare(window, models, "dall-e-2", {}, "three lemons to compare")
        batch_id, shown = board.batch_id, board.shown_images()
        board.close()
        await until(lambda: not window.jobs.compare_views, message="the board closed")

        # The queue's group row: its Open button shows the board again.
        await until(lambda: all(j.state.finished for j in batch_jobs(window, batch_id)))
        view = window.queue_panel.view
        rects = group_row_rects(window, batch_id)
        assert "open" in rects and view.viewport().rect().contains(rects["open"])
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rects["open"].center())
        await until(lambda: window.jobs.compare_views, message="the board from the queue")
        again = window.jobs.compare_views[0]
        await until(lambda: again.shown_images() == shown, timeout=20, message="same images")
        again.close()
        await until(lambda: not window.jobs.compare_views, message="the board closed")

        # The gallery: group:ID shows the comparison's images, and its menu opens the board.
        gallery = window.gallery
        assert gallery is not None
        gallery.set_query(f"group:{batch_id}")
        expected = {i for i in shown.values() if i is not None}

        def gallery_ids() -> set[int]:
            rows = (gallery.model.row_at(r) for r in range(gallery.model.rowCount()))
            return {row.id for row in rows if row is not None}

        await until(lambda: gallery_ids() == expected, message="the group's images")
        gallery.view.setCurrentIndex(gallery.model.index(0, 0))
        menu = gallery.build_menu()
        entry = next(a for a in menu.actions() if a.text() == "Open Compare Board")
        entry.trigger()
        await until(lambda: window.jobs.compare_views, message="the board from the gallery")
        assert window.jobs.compare_views[0].batch_id == batch_id
        # An image made on its own offers no board.
        gallery.set_query("")
        await until(lambda: gallery.model.rowCount() >= 3)
        assert window.jobs.boards.group_of(10**6) is None

    qloop.run(scenario())


def test_pick_marks_the_winner_and_trashes_the_rest_with_undo(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        await connect(window, sandbox)
        models = ["dall-e-2", "flux-schnell", "nano-banana"]
        board = await send_compare(window, models, "dall-e-2", {}, "pick the best lemon")
        library = window.services.library
        assert library is not None
        winner_cell = board.lanes["flux-schnell"].cells[0]
        winner = winner_cell.image_id
        assert winner is not None
        losers = [i for m, i in board.shown_images().items() if m != "flux-schnell"]
        await until(lambda: winner_cell.pick.isEnabled(), message="the cell ready")
        QTest.mouseClick(winner_cell.pick, Qt.MouseButton.LeftButton)
        await until(lambda: library.get(winner).favourite, message="the winner a favourite")
        assert winner_cell.picked and "Picked" in winner_cell.caption.text()
        assert board.pick_bar.trash.isVisible()
        QTest.mouseClick(board.pick_bar.trash, Qt.MouseButton.LeftButton)
        await until(
            lambda: all(library.get(i).deleted for i in losers if i), message="the rest trashed"
        )
        assert not library.get(winner).deleted
        await until(lambda: all(c.deleted for c in board.cells() if c.image_id != winner))
        assert board.pick_bar.undo.isVisible()
        if SHOTS:
            board.grab().save(str(Path(SHOTS) / "picked.png"))
        QTest.mouseClick(board.pick_bar.undo, Qt.MouseButton.LeftButton)
        await until(
            lambda: not any(library.get(i).deleted for i in losers if i), message="restored"
        )
        await until(lambda: not any(c.deleted for c in board.cells()), message="cells back")
        assert library.get(winner).favourite
        # The favourite went through the window's undo history: Edit → Undo takes it back.
        window.undo_mark()
        await until(lambda: not library.get(winner).favourite, message="favourite undone")
        # The usual image actions, from the cell's menu: use the winner as a reference
        # (for a model that takes references; dall-e-2, the form's model, takes none).
        window.generate.compare.setChecked(False)
        window.generate.select_model("gpt-image-2")
        assert winner_cell.more.menu() is not None
        reference = next(
            a for a in winner_cell.more.menu().actions() if a.text() == "Use as reference"
        )
        reference.trigger()
        tray = window.generate.tray
        await until(
            lambda: winner in [r.image.image_id for r in tray.all_references()],
            message="the winner in the reference tray",
        )

    qloop.run(scenario())


def test_several_images_per_model_make_a_grid_row_per_model(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        await connect(window, sandbox)
        models = ["dall-e-2", "gpt-image-2"]
        board = await send_compare(window, models, "dall-e-2", {"n": 2}, "two lemons each")
        await until(
            lambda: all(
                len([c for c in lane.cells if c.picture.image is not None]) == 2
                for lane in board.lanes.values()
            ),
            timeout=60,
            message="two images per model",
        )
        first, second = board.lanes["dall-e-2"], board.lanes["gpt-image-2"]
        # A row per model, stacked; each model's images side by side.
        assert first.x() == second.x() and first.y() != second.y()
        for lane in (first, second):
            left, right = lane.cells
            assert left.y() == right.y() and left.x() < right.x()
        if SHOTS:
            await shoot_board(board, "grid")

    qloop.run(scenario())


async def shoot_board(board: CompareBoard, name: str) -> None:
    """The board at laptop and desktop size, light and dark, for a person to look at.
    Waits on the loop (never processEvents inside a coroutine: qasync re-enters)."""
    from lemon_desktop.ui.theme import apply_theme

    assert SHOTS
    for theme in ("light", "dark"):
        apply_theme(theme)
        for width, height in ((1024, 700), (1920, 1080)):
            board.resize(width, height)
            await asyncio.sleep(0.3)
            board.grab().save(str(Path(SHOTS) / f"{name}-{theme}-{width}x{height}.png"))
    apply_theme("system")
