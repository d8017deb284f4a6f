"""One compare rule (core/compare.py) for the window and `generate --models`.

The rule on its own, then the window (a real GeneratePanel on the X server) and the
command line (a real process against the sandbox) fed the same settings: the same
per-model translation, the same refusal, nothing silently dropped.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from lemon_desktop.api.profiles import known_model_ids, parse_size, profile_for
from lemon_desktop.core.catalogue import builtin_entries
from lemon_desktop.core.compare import plan_compare
from lemon_desktop.sandbox import SandboxServer

ALL_MODELS = list(known_model_ids())


def run_cli(sandbox: SandboxServer, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "LEMONDATA_BASE_URL": sandbox.base_url,
        "LEMONDATA_API_KEY": sandbox.api_key,
    }
    return subprocess.run(
        [sys.executable, "-m", "lemon_desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=90,
    )


def _landscape_like_16_9(values: dict[str, object]) -> bool:
    if values.get("aspect_ratio") is not None:
        return values["aspect_ratio"] == "16:9"
    size = parse_size(str(values.get("size")))
    assert size is not None, values
    # 16:9-class: wide, and nearer to 16:9 than to 1:1 or 21:9.
    ratio = math.log(size[0] / size[1])
    return abs(ratio - math.log(16 / 9)) < abs(ratio - math.log(21 / 9)) and ratio > 0.3


# -- the rule on its own --------------------------------------------------------------------


def test_16_9_gives_a_16_9_class_shape_to_every_model_that_has_one() -> None:
    plan = plan_compare(ALL_MODELS, "a lemon grove", {"aspect_ratio": "16:9"})
    for translation in plan.translations:
        profile = profile_for(translation.model)
        if translation.refused:
            # Refused only where the model has no wide shape at all, and it says so.
            spec = profile.param("size")
            wide = [
                s for s in (spec.choices if spec else ()) if (p := parse_size(s)) and p[0] > p[1]
            ]
            assert not wide and not profile.param("aspect_ratio"), translation
            assert "16:9" in (translation.refusal or "")
            continue
        assert translation.request is not None
        assert _landscape_like_16_9(translation.values), translation
        body = translation.request.body()
        assert body["model"] == translation.model and body["prompt"] == "a lemon grove"


def test_changes_are_worded_and_refusals_name_the_reason() -> None:
    plan = plan_compare(
        ["dall-e-3", "flux-pro", "midjourney", "gpt-image-2"],
        "x",
        {"aspect_ratio": "16:9", "quality": "high"},
    )
    lines = {t.model: t.summary() for t in plan.translations}
    assert lines["dall-e-3"] == "dall-e-3: 16:9 → 1792x1024; quality high → hd"
    assert lines["flux-pro"].startswith("flux-pro: 16:9 → 1344x768; quality high left out")
    assert lines["midjourney"].startswith("midjourney: quality high left out")
    assert lines["gpt-image-2"].startswith("gpt-image-2: 16:9 → ")
    assert plan.ready

    refused = plan_compare(["dall-e-2", "flux-pro"], "x", {"aspect_ratio": "16:9"})
    assert not refused.ready and [t.model for t in refused.refusals] == ["dall-e-2"]
    assert refused.items() == [refused.translations[1].request]
    assert [(r.model, r.prompt) for r in refused.items()] == [("flux-pro", "x")]
    many = plan_compare(["gpt-image-2", "dall-e-3"], "x", {"n": 4})
    assert [t.model for t in many.refusals] == ["dall-e-3"]
    assert "n must be 1, got 4" in (many.refusals[0].refusal or "")


def test_a_pixel_size_becomes_each_models_nearest_size_or_ratio() -> None:
    plan = plan_compare(
        ["gpt-image-2", "dall-e-3", "nano-banana-pro", "flux-schnell"],
        "x",
        {"size": "1920x1080"},
    )
    sent = {t.model: t.request.body() if t.request else None for t in plan.translations}
    assert sent["gpt-image-2"] is not None and sent["gpt-image-2"]["size"] == "1920x1088"
    assert sent["dall-e-3"] is not None and sent["dall-e-3"]["size"] == "1792x1024"
    assert sent["nano-banana-pro"] is not None
    assert (
        sent["nano-banana-pro"]["aspect_ratio"] == "16:9" and "size" not in sent["nano-banana-pro"]
    )
    assert sent["flux-schnell"] is not None and sent["flux-schnell"]["size"] == "1344x768"


def test_the_forms_own_defaults_never_refuse_a_model() -> None:
    form = {"size": "1024x1024", "quality": "standard", "style": "vivid", "n": 1}
    plan = plan_compare(
        ["dall-e-3", "flux-pro", "gemini-2.0-flash-preview-image-generation"],
        "x",
        form,
        form_model="dall-e-3",
    )
    assert plan.ready, plan.lines()
    flux = plan.translations[1]
    assert flux.request is not None and "quality" not in flux.request.params
    # Still said, though not the person's choice: nothing disappears unseen.
    assert "size left out" in plan.translations[2].summary()
    # The same values typed on purpose (no form model) are the person's: refused.
    assert not plan_compare(["gemini-2.0-flash-preview-image-generation"], "x", form).ready


# -- the window and the command line agree ---------------------------------------------------


@pytest.mark.gui
def test_window_and_cli_translate_a_comparison_alike(
    qtbot: QtBot, home: Path, sandbox: SandboxServer
) -> None:
    from lemon_desktop.ui.generate_panel import GeneratePanel
    from lemon_desktop.ui.prompt_box import PromptHistory

    models = ["dall-e-3", "flux-schnell", "nano-banana-pro"]
    panel = GeneratePanel(PromptHistory(home))
    qtbot.addWidget(panel)
    panel.set_entries(builtin_entries())
    panel.select_model("nano-banana-pro", {"aspect_ratio": "16:9", "resolution": "2k"})
    panel.prompt.set_text("one lemon, three painters")
    panel.compare.setChecked(True)
    panel.picker.set_checked(models)
    assert panel.generate.isEnabled(), panel.reason.text()
    models = panel.picker.compare_models()  # the list's order, which the batch keeps
    shown = panel.compare_note.text().splitlines()
    assert "dall-e-3: 16:9 (2k) → 1792x1024" in shown
    assert "flux-schnell: 16:9 (2k) → 1344x768" in shown
    assert "nano-banana-pro: as set" in shown

    result = run_cli(
        sandbox,
        "generate",
        "one lemon, three painters",
        "--models",
        ",".join(models),
        "--aspect-ratio",
        "16:9",
        "--resolution",
        "2k",
        "--n",
        "1",
    )
    assert result.returncode == 0, result.stderr
    printed = [
        line.removeprefix("lemon-desktop: ")
        for line in result.stderr.splitlines()
        if line.startswith("lemon-desktop: ")
    ]
    assert printed == shown
    # What the window would send is what the command line sent.
    assert [r.model for r in panel._batch] == models


@pytest.mark.gui
def test_window_and_cli_refuse_the_same_model(
    qtbot: QtBot, home: Path, sandbox: SandboxServer
) -> None:
    from lemon_desktop.ui.generate_panel import GeneratePanel
    from lemon_desktop.ui.prompt_box import PromptHistory

    panel = GeneratePanel(PromptHistory(home))
    qtbot.addWidget(panel)
    panel.set_entries(builtin_entries())
    panel.select_model("midjourney", {"aspect_ratio": "16:9"})
    panel.prompt.set_text("a wide lemon")
    panel.compare.setChecked(True)
    panel.picker.set_checked(["midjourney", "dall-e-2"])
    assert not panel.generate.isEnabled()
    assert panel.reason.text().startswith("dall-e-2: dall-e-2 has no size shaped like 16:9")
    panel.submit()

    result = run_cli(
        sandbox, "generate", "a wide lemon", "--models", "midjourney,dall-e-2", "--aspect-ratio",
        "16:9",
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "dall-e-2: dall-e-2 has no size shaped like 16:9" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert sandbox.stats.snapshot()["create_requests"] == 0
