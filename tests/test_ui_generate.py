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
