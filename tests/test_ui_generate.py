"""The generate side without a gateway: fields from profiles, validation, prompt box."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from lemon_desktop.api.profiles import profile_for, validate
from lemon_desktop.core.catalogue import CatalogEntry, builtin_entries
from lemon_desktop.ui.generate_panel import GeneratePanel
from lemon_desktop.ui.params.size_editor import SizeEditor
from lemon_desktop.ui.prompt_box import PromptHistory

pytestmark = pytest.mark.gui


@pytest.fixture
def panel(qtbot: QtBot, home: Path) -> GeneratePanel:
    widget = GeneratePanel(PromptHistory(home))
    qtbot.addWidget(widget)
    widget.set_entries(builtin_entries())
    widget.show()
    return widget


def test_only_the_models_fields_appear(panel: GeneratePanel) -> None:
    panel.picker.set_current("gpt-image-2")
    assert panel.model_id == "gpt-image-2"
    names = set(panel.params.editors)
    assert {"size", "quality", "background", "output_format", "partial_images"} <= names
    assert "aspect_ratio" not in names and "resolution" not in names
    panel.picker.set_current("nano-banana-pro")
    names = set(panel.params.editors)
    assert {"aspect_ratio", "resolution"} <= names
    assert not names & {"quality", "background", "size"}
    assert names == {p.name for p in profile_for("nano-banana-pro").params}
    panel.picker.set_current("gemini-2.5-flash-image")
    assert "resolution" not in panel.params.editors


def test_defaults_come_from_the_profile(panel: GeneratePanel) -> None:
    panel.select_model("dall-e-3")
    assert panel.params.values() == {
        "size": "1024x1024",
        "quality": "standard",
        "style": "vivid",
        "n": 1,
    }
    panel.select_model("gpt-image-2")
    # No default in the profile: nothing sent, the gateway decides.
    assert "quality" not in panel.params.values()


def test_cross_field_rule_shows_inline(panel: GeneratePanel) -> None:
    panel.select_model("gpt-image-2")
    panel.prompt.set_text("a transparent lemon")
    panel.params.editors["background"].set_value("transparent")
    panel.params.editors["output_format"].set_value("jpeg")
    panel.revalidate()
    expected = [
        p.message
        for p in validate(
            "gpt-image-2",
            "a transparent lemon",
            {"background": "transparent", "output_format": "jpeg"},
        )
    ]
    assert panel.params.field_error("background") == expected[0]
    assert not panel.generate.isEnabled()


def test_aspect_lock_snaps_to_the_grid(panel: GeneratePanel) -> None:
    panel.select_model("gpt-image-2")
    editor = panel.params.editors["size"]
    assert isinstance(editor, SizeEditor)
    editor.set_custom(1536, 1024)
    editor.width_spin.setValue(2000)
    assert (editor.width_spin.value(), editor.height_spin.value()) == (2000, 1328)
    assert editor.value() == "2000x1328"
    editor.lock.setChecked(False)
    editor.height_spin.setValue(1000)
    assert editor.value() == "2000x1000"


def test_extra_parameters_json_errors_inline(panel: GeneratePanel) -> None:
    # A model the gateway lists but this app has no profile for.
    panel.set_entries(
        [*builtin_entries(), CatalogEntry("seedream-4", "ByteDance", False, "inline", False)]
    )
    panel.select_model("seedream-4")  # no profile: the generic one, extras open
    panel.prompt.set_text("a lemon")
    assert panel.params.extras.isChecked()
    panel.params.extras.edit.setPlainText('{"seed": ')
    assert panel.params.extras.error.isVisible()
    assert "Not valid JSON" in panel.params.extras.error.text()
    assert not panel.generate.isEnabled()
    panel.params.extras.edit.setPlainText('{"seed": 42}')
    assert not panel.params.extras.error.isVisible()
    assert panel.generate.isEnabled()


def test_prompt_counter_and_limit(panel: GeneratePanel) -> None:
    panel.select_model("dall-e-2")
    panel.prompt.set_text("x" * 1234)
    assert panel.prompt.counter.text() == "1,234 / 1,000"
    assert panel.prompt.counter.over
    assert not panel.generate.isEnabled()
    assert "at most 1,000" in panel.reason.text()
    panel.prompt.set_text("x" * 10)
    assert panel.prompt.counter.text() == "10 / 1,000" and not panel.prompt.counter.over


def test_ctrl_enter_generates_and_history_browses(panel: GeneratePanel, home: Path) -> None:
    panel.select_model("dall-e-2")
    sent: list[tuple[str, str, dict]] = []
    panel.generate_requested.connect(
        lambda request, _estimate: sent.append((request.model, request.prompt, request.body()))
    )
    edit = panel.prompt.edit
    edit.setFocus()
    for text in ("first lemon", "second lemon"):
        panel.prompt.set_text(text)
        QTest.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [s[1] for s in sent] == ["first lemon", "second lemon"]
    assert sent[0][2] == {"model": "dall-e-2", "prompt": "first lemon", "size": "1024x1024", "n": 1}
    panel.prompt.set_text("")
    QTest.keyClick(edit, Qt.Key.Key_Up)
    assert panel.prompt.text() == "second lemon"
    edit.moveCursor(edit.textCursor().MoveOperation.Start)
    QTest.keyClick(edit, Qt.Key.Key_Up)
    assert panel.prompt.text() == "first lemon"
    QTest.keyClick(edit, Qt.Key.Key_Down)
    assert panel.prompt.text() == "second lemon"
    # Persisted in the home folder for the next run.
    assert PromptHistory(home).items == ["first lemon", "second lemon"]


def test_search_filters_and_groups(panel: GeneratePanel) -> None:
    picker = panel.picker
    picker.search.setText("banana")
    proxy = picker.tree.model()
    shown = {
        proxy.index(c, 0, proxy.index(r, 0)).data()
        for r in range(proxy.rowCount())
        for c in range(proxy.rowCount(proxy.index(r, 0)))
    }
    assert shown == {"nano-banana-pro", "nano-banana-2", "nano-banana", "nano-banana-edit"}
    groups = {proxy.index(r, 0).data() for r in range(proxy.rowCount())}
    assert groups == {"Google"}


def make_panel(qtbot: QtBot, home: Path) -> GeneratePanel:
    widget = GeneratePanel(PromptHistory(home), home=home)
    qtbot.addWidget(widget)
    widget.set_entries(builtin_entries())
    widget.show()
    return widget


def test_each_model_keeps_its_settings_across_switches_and_restarts(
    qtbot: QtBot, home: Path
) -> None:
    panel = make_panel(qtbot, home)
    panel.picker.set_current("gpt-image-2")
    panel.params.editors["size"].set_value("1536x1024")
    panel.params.editors["quality"].set_value("high")
    panel.picker.set_current("nano-banana-pro")
    assert "size" not in panel.params.values()  # nothing of gpt-image-2 carried over
    panel.params.editors["aspect_ratio"].set_value("16:9")
    panel.params.editors["resolution"].set_value("2k")
    panel.picker.set_current("gpt-image-2")
    assert panel.params.values()["size"] == "1536x1024"
    assert panel.params.values()["quality"] == "high"
    panel.picker.set_current("nano-banana-pro")
    assert panel.params.values()["aspect_ratio"] == "16:9"
    assert panel.params.values()["resolution"] == "2k"
    # A new panel on the same home folder (the next run) remembers both.
    again = make_panel(qtbot, home)
    again.picker.set_current("gpt-image-2")
    assert again.params.values()["size"] == "1536x1024"
    assert again.params.values()["quality"] == "high"
    again.picker.set_current("nano-banana-pro")
    assert again.params.values()["aspect_ratio"] == "16:9"
    assert again.params.values()["resolution"] == "2k"
    # Given values (a reuse, a preset) win over what was remembered.
    again.select_model("gpt-image-2", {"size": "1024x1024"})
    assert again.params.values()["size"] == "1024x1024"


def test_creative_settings_first_technical_ones_under_advanced(
    panel: GeneratePanel, qtbot: QtBot
) -> None:
    panel.select_model("gpt-image-2")
    qtbot.wait(1)  # new fields are shown on the next turn of the event loop
    params = panel.params
    assert not params.advanced.isVisible() and not params.advanced_toggle.isChecked()
    for name in ("response_format", "user", "moderation", "output_compression",
                 "partial_images", "async", "output_format"):  # fmt: skip
        assert params.editors[name].widget.parentWidget().parentWidget() is (
            params._advanced_host
        ), name
        assert not params.editors[name].widget.isVisible()
    for name in ("size", "quality", "n", "background"):
        assert params.editors[name].widget.isVisible(), name
    assert not params.extras.isVisible()
    QTest.mouseClick(params.advanced_toggle, Qt.MouseButton.LeftButton)
    assert params.editors["moderation"].widget.isVisible() and params.extras.isVisible()
    # The prompt is above the model list and the parameters.
    top = panel.prompt.mapTo(panel, panel.prompt.rect().topLeft()).y()
    assert top < panel.picker.mapTo(panel, panel.picker.rect().topLeft()).y()
    assert top < params.mapTo(panel, params.rect().topLeft()).y()


def test_every_model_default_says_what_it_is(panel: GeneratePanel) -> None:
    from lemon_desktop.ui.params.editors import ChoiceEditor

    panel.select_model("gpt-image-2")
    quality = panel.params.editors["quality"]
    assert isinstance(quality, ChoiceEditor)
    assert quality.combo.itemText(0) == "model default: auto"
    output = panel.params.editors["output_format"]
    assert isinstance(output, ChoiceEditor) and output.combo.itemText(0) == "model default: PNG"
    panel.select_model("nano-banana-pro")
    aspect = panel.params.editors["aspect_ratio"]
    assert isinstance(aspect, ChoiceEditor) and aspect.tiles is not None
    assert aspect.combo.itemText(0) == "model default: the model chooses"
    # Tiles: one per choice, the chosen one checked.
    aspect.set_value("16:9")
    tile = aspect.tiles.tile_for("16:9")
    assert tile is not None and tile.isChecked()
    QTest.mouseClick(aspect.tiles.tiles[0], Qt.MouseButton.LeftButton)
    assert "aspect_ratio" not in panel.params.values()
    panel.select_model("flux-pro")
    size = panel.params.editors["size"]
    assert isinstance(size, SizeEditor) and size.combo.itemText(0) == (
        "model default: not documented"
    )


def test_tiles_show_each_price(panel: GeneratePanel) -> None:
    from decimal import Decimal

    from lemon_desktop.api.profiles import ImageRequest
    from lemon_desktop.ui.params.tiles import TileGrid

    panel.select_model("gpt-image-2")
    grids = panel.params.tiles()
    assert set(grids) == {"size"}
    grid: TileGrid = grids["size"]
    grid.set_prices({"1024x1024": "$0.04", "3840x2160": "unknown"})
    tile = grid.tile_for("1024x1024")
    assert tile is not None and tile.text() == "1024x1024\n$0.04"
    big = grid.tile_for("3840x2160")
    assert big is not None and big.text().endswith("unknown")

    async def estimate(request: ImageRequest) -> Decimal | None:
        return Decimal("0.05") if request.params.get("size") == "1024x1024" else None

    import asyncio

    from lemon_desktop.ui.tile_prices import price_tiles

    asyncio.run(
        price_tiles(estimate, "gpt-image-2", "", panel.params.values(), {}, grids, lambda: True)
    )
    assert grid.price_of("1024x1024") == "$0.05"
    assert grid.price_of("1536x1024") == "unknown"  # never $0


def test_history_search_popup(panel: GeneratePanel, qtbot: QtBot) -> None:
    from lemon_desktop.ui.prompt_history import HistoryPopup, search_history

    history = panel.prompt.history
    for prompt in ("a red lemon", "a blue lime", "Red koi in a pond", "lemon tart"):
        history.add(prompt)
    assert search_history(history.items, "RED") == ["Red koi in a pond", "a red lemon"]
    assert search_history(history.items, "lemon red") == ["a red lemon"]
    popup = panel.prompt.show_history()
    assert isinstance(popup, HistoryPopup)
    # Newest first, all of them.
    assert popup.shown_prompts() == [
        "lemon tart",
        "Red koi in a pond",
        "a blue lime",
        "a red lemon",
    ]
    QTest.keyClicks(popup.filter, "lemon")
    assert popup.shown_prompts() == ["lemon tart", "a red lemon"]
    QTest.keyClick(popup.filter, Qt.Key.Key_Down)
    QTest.keyClick(popup.filter, Qt.Key.Key_Return)
    assert panel.prompt.text() == "a red lemon"
    popup = panel.prompt.show_history()
    assert isinstance(popup, HistoryPopup)
    QTest.keyClicks(popup.filter, "zebra")
    assert popup.shown_prompts() == [] and popup.empty.isVisible()
    popup.close()
