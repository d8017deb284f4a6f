"""Presets and per-model settings as files in the home folder (no Qt)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lemon_desktop.core.inputs import add_files, library_images
from lemon_desktop.core.model_settings import MODEL_SETTINGS_FILE, ModelSettingsStore
from lemon_desktop.core.presets import (
    PRESETS_FILE,
    Preset,
    PresetError,
    PresetStore,
    fill,
    fill_subject,
    slots,
)
from lemon_desktop.library import Library


def test_model_settings_survive_a_restart(tmp_path: Path) -> None:
    store = ModelSettingsStore(tmp_path)
    store.put("gpt-image-2", {"size": "1536x1024", "quality": "high"})
    store.put("nano-banana-pro", {"aspect_ratio": "16:9", "resolution": "2k"}, '{"seed": 1}')
    again = ModelSettingsStore(tmp_path)
    gpt = again.get("gpt-image-2")
    banana = again.get("nano-banana-pro")
    assert gpt is not None and gpt.values == {"size": "1536x1024", "quality": "high"}
    assert banana is not None and banana.values["resolution"] == "2k"
    assert banana.extras == '{"seed": 1}'
    assert again.get("dall-e-3") is None


def test_damaged_files_are_ignored_not_fatal(tmp_path: Path) -> None:
    (tmp_path / MODEL_SETTINGS_FILE).write_text("{not json", encoding="utf-8")
    (tmp_path / PRESETS_FILE).write_text('{"presets": [1, {"name": ""}, {"x": 2}]}')
    assert ModelSettingsStore(tmp_path).models() == []
    assert PresetStore(tmp_path).all() == []


def test_writes_are_atomic_and_leave_no_temporary_files(tmp_path: Path) -> None:
    folder = tmp_path / "fresh"
    store = PresetStore(folder)
    for i in range(5):
        store.save(Preset(f"p{i}", "gpt-image-2", {"n": i}))
    assert sorted(p.name for p in folder.iterdir()) == [PRESETS_FILE]
    data = json.loads((folder / PRESETS_FILE).read_text(encoding="utf-8"))
    assert [p["name"] for p in data["presets"]] == ["p0", "p1", "p2", "p3", "p4"]


def test_presets_round_trip(tmp_path: Path) -> None:
    store = PresetStore(tmp_path)
    store.save(
        Preset("Watercolour", "nano-banana-pro", {"aspect_ratio": "3:2"}, "", "a watercolour of "
               "{subject}, soft light")
    )  # fmt: skip
    store.save(Preset("Poster", "gpt-image-2", {"size": "1024x1536", "quality": "high"}))
    store.rename("watercolour", "Soft watercolour")  # names match regardless of case
    with pytest.raises(PresetError, match="already a preset"):
        store.rename("Poster", "soft WATERCOLOUR")
    with pytest.raises(PresetError, match="needs a name"):
        store.save(Preset("  ", "gpt-image-2"))
    again = PresetStore(tmp_path)
    assert again.names() == ["Soft watercolour", "Poster"]
    soft = again.get("Soft watercolour")
    assert soft is not None and soft.values == {"aspect_ratio": "3:2"}
    assert fill_subject(soft.template, "a lemon") == "a watercolour of a lemon, soft light"
    # Saving under an existing name replaces it, in place.
    again.save(Preset("Poster", "gpt-image-2", {"size": "1536x1024"}))
    again.delete("Soft watercolour")
    with pytest.raises(PresetError, match="no preset"):
        again.delete("Soft watercolour")
    final = PresetStore(tmp_path)
    assert final.names() == ["Poster"]
    poster = final.get("Poster")
    assert poster is not None and poster.values == {"size": "1536x1024"}


def test_template_slots() -> None:
    template = '{subject} in {place}, {subject} again; JSON {"k": 1} stays'
    assert slots(template) == ["subject", "place"]
    assert fill(template, {"subject": "a cat"}) == (
        'a cat in {place}, a cat again; JSON {"k": 1} stays'
    )


def test_inputs_are_stored_in_the_library(tmp_path: Path) -> None:
    from PIL import Image

    png = tmp_path / "ref.png"
    Image.new("RGB", (32, 24), (200, 180, 20)).save(png)
    gif = tmp_path / "anim.gif"
    Image.new("P", (16, 16)).save(gif)
    text = tmp_path / "notes.txt"
    text.write_text("not an image")
    library = Library.open(tmp_path / "lib")
    try:
        added = add_files(library, [png, gif, text])
        assert [a.problem is None for a in added] == [True, True, False]
        assert "notes.txt" in (added[2].problem or "")
        first = added[0].image
        assert first is not None and first.image_id is not None and len(first.sha256) == 64
        assert library.get(first.image_id).sha256 == first.sha256
        [again] = library_images(library, [first.image_id])
        assert again.image == first
        [missing] = library_images(library, [9999])
        assert missing.image is None and "9999" in (missing.problem or "")
    finally:
        library.close()
