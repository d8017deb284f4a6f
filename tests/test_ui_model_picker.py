"""The model picker in a real window against the sandbox: searching only filters, a
click or Enter chooses, the highlighted row is always the form's model, every price is
shown whole at 1024×700, each model is listed once (and ticked at most once when
comparing), and starred models come back after a restart."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from lemon_desktop.sandbox import SandboxServer
from lemon_desktop.ui.generate_panel import GeneratePanel
from lemon_desktop.ui.main_window import MainWindow
from lemon_desktop.ui.model_picker import STAR_COLUMN, ModelPicker
from lemon_desktop.ui.model_rows import DETAIL_ROLE, MODEL_ROLE, detail_font, leaf_rows
from tests.ui_helpers import Loop, connect, until

pytest_plugins = ["tests.ui_fixtures"]
pytestmark = pytest.mark.gui


async def ready(window: MainWindow, sandbox: SandboxServer) -> GeneratePanel:
    """The window on the sandbox, with the gateway's catalogue in the picker."""
    await connect(window, sandbox)
    await until(lambda: window.catalog.source == "gateway", message="the gateway's list")
    await until(lambda: window.generate.picker.model_ids(), message="the picker filled")
    return window.generate


def drawn(text: str) -> str:
    """The characters of `text` that carry meaning (not spaces or separators)."""
    return re.sub(r"[\s·]", "", text)


def leaves(picker: ModelPicker) -> list[QModelIndex]:
    return leaf_rows(picker.tree.model())


def shown_ids(picker: ModelPicker) -> list[str]:
    return [str(index.data(MODEL_ROLE)) for index in leaves(picker)]


def remembered(window: MainWindow) -> dict[str, Any]:
    """Every model's remembered settings, as the window would restore them."""
    window.ui_state.sync()
    return {m: window.ui_state.model_state(m) for m in window.generate.picker.model_ids()}


def assert_agree(panel: GeneratePanel) -> None:
    """The highlighted row is the form's model; none only while that row is not shown."""
    picker = panel.picker
    assert picker.current == panel.model_id
    if panel.model_id in shown_ids(picker):
        assert picker.chosen_rows() == [panel.model_id]
    else:
        assert picker.chosen_rows() == []


def click_row(picker: ModelPicker, model_id: str, column: int = 0) -> None:
    index = next(i for i in leaves(picker) if i.data(MODEL_ROLE) == model_id)
    cell = index.siblingAtColumn(column)
    picker.tree.scrollTo(cell)
    center = picker.tree.visualRect(cell).center()
    QTest.mouseClick(picker.tree.viewport(), Qt.MouseButton.LeftButton, pos=center)


def test_typing_a_search_neither_chooses_nor_changes_settings(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        panel = await ready(window, sandbox)
        panel.select_model("gpt-image-2", {"size": "1536x1024", "quality": "high"})
        before = remembered(window)
        picker = panel.picker
        picker.search.setFocus()
        QTest.keyClicks(picker.search, "nano-banana-edit")
        assert panel.model_id == "gpt-image-2" and picker.current == "gpt-image-2"
        assert shown_ids(picker) == ["nano-banana-edit"]
        assert remembered(window) == before
        assert_agree(panel)
        # Enter chooses the match.
        QTest.keyClick(picker.search, Qt.Key.Key_Return)
        assert panel.model_id == "nano-banana-edit"
        assert_agree(panel)
        # Arrow keys move the cursor through the matches without choosing.
        picker.search.selectAll()
        QTest.keyClicks(picker.search, "banana")
        first = picker.cursor_model()
        QTest.keyClick(picker.search, Qt.Key.Key_Down)
        QTest.keyClick(picker.search, Qt.Key.Key_Down)
        moved = picker.cursor_model()
        assert moved != first and panel.model_id == "nano-banana-edit"
        assert_agree(panel)
        QTest.keyClick(picker.search, Qt.Key.Key_Enter)
        assert panel.model_id == moved
        assert_agree(panel)
        # In the list itself: the same keys.
        picker.tree.setFocus()
        QTest.keyClick(picker.tree, Qt.Key.Key_Up)
        assert panel.model_id == moved and picker.cursor_model() != moved
        QTest.keyClick(picker.tree, Qt.Key.Key_Return)
        assert panel.model_id == picker.cursor_model()
        assert_agree(panel)

    qloop.run(scenario())


def test_a_click_chooses_and_the_star_only_stars(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        panel = await ready(window, sandbox)
        picker = panel.picker
        click_row(picker, "flux-schnell")
        assert panel.model_id == "flux-schnell"
        assert_agree(panel)
        click_row(picker, "midjourney", STAR_COLUMN)
        assert panel.model_id == "flux-schnell"
        assert picker.favourite_models() == ["midjourney"]
        assert_agree(panel)

    qloop.run(scenario())


def test_the_highlight_is_always_the_form_model(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        panel = await ready(window, sandbox)
        picker = panel.picker
        click_row(picker, "dall-e-3")
        assert_agree(panel)
        # A search that hides it, one that shows it, and none.
        for text in ("flux", "dall", ""):
            picker.search.setText(text)
            assert_agree(panel)
        assert picker.chosen_rows() == ["dall-e-3"]
        # A catalogue refresh rebuilds the list.
        await window._refresh_models()
        assert_agree(panel)
        assert picker.chosen_rows() == ["dall-e-3"]
        # Reuse settings while a search hides the reused model: the search gives way.
        picker.search.setText("flux")
        window.reuse({"model": "nano-banana-pro", "prompt": "a lemon", "params": {}})
        assert panel.model_id == "nano-banana-pro"
        assert picker.chosen_rows() == ["nano-banana-pro"]
        assert_agree(panel)
        # A model the gateway does not list: nothing else is highlighted.
        window.reuse({"model": "sd_xl_base_1.0", "prompt": "a lemon", "params": {}})
        assert panel.model_id == "sd_xl_base_1.0"
        assert picker.chosen_rows() == []
        assert_agree(panel)

    qloop.run(scenario())


def test_prices_are_shown_whole_at_1024x700(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        panel = await ready(window, sandbox)
        window.resize(1024, 700)
        for compare in (False, True):  # the check boxes take width too
            panel.compare.setChecked(compare)
            await until(lambda: window.width() == 1024, message="the window at 1024")
            QTest.qWait(50)
            check_rows(panel.picker)
        panel.compare.setChecked(False)

    def check_rows(picker: ModelPicker) -> None:
        tree = picker.tree
        viewport = tree.viewport().rect()
        delegate = picker.delegate
        for index in leaves(picker):
            tree.scrollTo(index)
            rect = tree.visualRect(index)
            assert viewport.left() <= rect.left() and rect.right() <= viewport.right()
            option = QStyleOptionViewItem()
            option.initFrom(tree)
            option.rect = rect
            names, details = delegate.lines(option, index)
            detail = str(index.data(DETAIL_ROLE))
            # Wrapped, never elided: every character drawn, every line within the row.
            assert drawn("".join(details)) == drawn(detail)
            assert "".join(names).startswith(str(index.data(MODEL_ROLE)))
            assert "…" not in "".join(details)
            text = delegate.text_rect(option, index)
            metrics = QFontMetrics(detail_font(tree.font()))
            for line in details:
                assert metrics.horizontalAdvance(line.rstrip()) <= text.width(), line
            assert delegate.text_height(option, index) <= rect.height()
            # The price is one part: on one line when it fits on one.
            price = index.siblingAtColumn(1).data().split(" · ", 1)[1]
            if metrics.horizontalAdvance(price) <= text.width():
                assert any(price in line for line in details), details

    qloop.run(scenario())


def test_each_model_once_and_no_finishing_tools(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        panel = await ready(window, sandbox)
        picker = panel.picker
        picker.set_favourite("flux-pro", True)
        picker.set_favourite("gpt-image-2", True)  # recommended too: listed once
        ids = shown_ids(picker)
        assert len(ids) == len(set(ids)) == len(picker.model_ids())
        model = picker.tree.model()
        groups = [model.index(r, 0).data() for r in range(model.rowCount())]
        assert groups[:2] == ["Favourites", "Recommended"]
        assert not {"image-upscaler", "mj-upscale", "ideogram-edit"} & set(ids)
        assert picker.is_finishing_tool("image-upscaler")
        # A finishing tool chosen by a stale state is refused with its reason.
        panel.select_model("image-upscaler")
        panel.prompt.set_text("a lemon")
        assert not panel.generate.isEnabled()
        assert "cannot make one from a prompt" in panel.reason.text()
        assert not panel.allow_unlisted.isVisible()

    qloop.run(scenario())


def test_compare_cannot_tick_one_model_twice(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        panel = await ready(window, sandbox)
        picker = panel.picker
        picker.set_favourite("gpt-image-2", True)
        panel.select_model("gpt-image-2")
        panel.compare.setChecked(True)
        for model_id in ("dall-e-3", "flux-schnell", "gpt-image-1"):
            click_check(picker, model_id)
        items = picker._leaves()
        ticked = Counter(
            i.data(MODEL_ROLE) for i in items if i.checkState() == Qt.CheckState.Checked
        )
        assert max(ticked.values()) == 1
        assert sorted(picker.compare_models()) == sorted(ticked)
        assert set(picker.compare_models()) == {
            "gpt-image-2",
            "dall-e-3",
            "flux-schnell",
            "gpt-image-1",
        }
        # Ticking is not choosing.
        assert panel.model_id == "gpt-image-2"
        assert panel.generate.text() == "Compare 4 models"

    qloop.run(scenario())


def click_check(picker: ModelPicker, model_id: str) -> None:
    index = next(i for i in leaves(picker) if i.data(MODEL_ROLE) == model_id)
    tree = picker.tree
    tree.scrollTo(index)
    option = QStyleOptionViewItem()
    option.initFrom(tree)
    option.rect = tree.visualRect(index)
    picker.delegate.initStyleOption(option, index)
    box = tree.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, tree)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=box.center())


def test_favourites_persist_across_a_restart(
    make_window: Callable[..., MainWindow], qloop: Loop, sandbox: SandboxServer, home: Path
) -> None:
    first = make_window()

    async def star() -> None:
        panel = await ready(first, sandbox)
        click_row(panel.picker, "ideogram-v3", STAR_COLUMN)
        click_row(panel.picker, "flux-schnell", STAR_COLUMN)

    qloop.run(star())
    saved = json.loads((home / "settings.json").read_text(encoding="utf-8"))
    assert sorted(saved["favourite_models"]) == ["flux-schnell", "ideogram-v3"]
    first.close()  # the fixture shuts its layers down
    again = make_window()

    async def look() -> None:
        panel = await ready(again, sandbox)
        model = panel.picker.tree.model()
        group = model.index(0, 0)
        assert group.data() == "Favourites"
        starred = {model.index(c, 0, group).data() for c in range(model.rowCount(group))}
        assert starred == {"flux-schnell", "ideogram-v3"}
        assert model.index(0, STAR_COLUMN, group).data() == "★"

    qloop.run(look())


def test_a_click_outside_the_rows_chooses_nothing(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        panel = await ready(window, sandbox)
        picker = panel.picker
        picker.search.setText("flux-schnell")
        before = panel.model_id
        group = picker.tree.model().index(0, 0)
        header = picker.tree.visualRect(group).center()
        QTest.mouseClick(picker.tree.viewport(), Qt.MouseButton.LeftButton, pos=header)
        bottom = QPoint(5, picker.tree.viewport().height() - 3)
        QTest.mouseClick(picker.tree.viewport(), Qt.MouseButton.LeftButton, pos=bottom)
        assert panel.model_id == before
        assert_agree(panel)

    qloop.run(scenario())
