"""Presets in the panel: save, rename, apply (with a template slot), delete; persisted."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from lemon_desktop.core.catalogue import builtin_entries
from lemon_desktop.core.presets import PresetStore
from lemon_desktop.ui.generate_panel import GeneratePanel
from lemon_desktop.ui.prompt_box import PromptHistory

pytestmark = pytest.mark.gui


def make_panel(qtbot: QtBot, home: Path) -> GeneratePanel:
    widget = GeneratePanel(PromptHistory(home), home=home)
    qtbot.addWidget(widget)
    widget.set_entries(builtin_entries())
    widget.show()
    return widget


def test_presets_round_trip(qtbot: QtBot, home: Path) -> None:
    panel = make_panel(qtbot, home)
    bar = panel.presets
    panel.select_model("nano-banana-pro")
    panel.params.editors["aspect_ratio"].set_value("3:2")
    panel.params.editors["resolution"].set_value("2k")
    saved = bar.save_preset("Watercolour", "a watercolour of {subject}, soft light")
    assert saved is not None and saved.model == "nano-banana-pro"
    panel.select_model("gpt-image-2")
    panel.params.editors["size"].set_value("1024x1536")
    panel.params.editors["quality"].set_value("high")
    assert bar.save_preset("Poster") is not None
    assert [bar.combo.itemText(i) for i in range(bar.combo.count())] == ["Watercolour", "Poster"]
    # Rename: a taken name is refused with the reason, a free one is taken.
    assert bar.rename_preset("Poster", "watercolour") is None
    assert "already a preset" in bar.message.text() and bar.message.isVisible()
    assert bar.rename_preset("Poster", "Tall poster") is not None
    assert not bar.message.isVisible()
    # Apply with the template: the prompt in the box becomes the subject.
    panel.prompt.set_text("a lemon on a plate")
    bar.apply_preset("Watercolour")
    assert panel.model_id == "nano-banana-pro"
    assert panel.params.values()["aspect_ratio"] == "3:2"
    assert panel.params.values()["resolution"] == "2k"
    assert panel.prompt.text() == "a watercolour of a lemon on a plate, soft light"
    # An empty prompt gets the template with its slot selected, to type over.
    panel.prompt.set_text("")
    bar.apply_preset("watercolour")
    assert panel.prompt.text() == "a watercolour of {subject}, soft light"
    assert panel.prompt.edit.textCursor().selectedText() == "{subject}"
    # Choosing from the list applies it too; a preset without a template keeps the prompt.
    panel.prompt.set_text("my own words")
    bar.combo.activated.emit(bar.combo.findText("Tall poster"))
    assert panel.model_id == "gpt-image-2" and panel.prompt.text() == "my own words"
    assert panel.params.values()["size"] == "1024x1536"
    # Kept for the next run; deleted for good.
    again = make_panel(qtbot, home)
    assert PresetStore(home).names() == ["Watercolour", "Tall poster"]
    assert again.presets.combo.count() == 2
    assert again.presets.delete_preset("Watercolour")
    assert not again.presets.delete_preset("Watercolour")
    assert "no preset" in again.presets.message.text()
    assert PresetStore(home).names() == ["Tall poster"]
