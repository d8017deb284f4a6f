"""One model catalogue and one default model for the window and the command line.

The window (a real MainWindow on the X server) and `lemon-desktop models` (a real
process) read the same sandbox, or the same scripted gateway, and must list the same
models with the same vendor, delivery words and price text.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from lemon_desktop.api.types import ModelInfo, ModelPricing
from lemon_desktop.core.catalogue import (
    PRICE_UNKNOWN,
    CatalogEntry,
    ModelCatalog,
    from_gateway,
    price_text,
)
from lemon_desktop.sandbox import SandboxServer
from lemon_desktop.settings import Settings, load_settings, save_settings
from tests.hostile_server import HostileServer, Route, json_reply
from tests.ui_helpers import Loop, connect, until

pytest_plugins = ["tests.ui_fixtures"]

if TYPE_CHECKING:
    from lemon_desktop.ui.main_window import MainWindow


def run_cli(base_url: str, key: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LEMONDATA_BASE_URL": base_url, "LEMONDATA_API_KEY": key}
    return subprocess.run(
        [sys.executable, "-m", "lemon_desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=90,
    )


def picker_rows(window: MainWindow) -> dict[str, tuple[str, str]]:
    """Model id -> (vendor, "delivery · price") as the picker shows them. Each model is
    listed once: under Favourites, under Recommended, or under its vendor's group."""
    picker = window.generate.picker
    rows: dict[str, tuple[str, str]] = {}
    model = picker.tree.model()
    for row in range(model.rowCount()):
        group = model.index(row, 0)
        title = group.data()
        for child in range(model.rowCount(group)):
            model_id = model.index(child, 0, group).data()
            assert model_id not in rows, f"{model_id} is listed twice"
            entry = picker.entry(model_id)
            assert entry is not None
            if title not in ("Recommended", "Favourites"):
                assert title == entry.vendor
            rows[model_id] = (entry.vendor, model.index(child, 1, group).data())
    return rows


def recommended_in_picker(window: MainWindow) -> list[str]:
    model = window.generate.picker.tree.model()
    for row in range(model.rowCount()):
        group = model.index(row, 0)
        if group.data() == "Recommended":
            return [model.index(c, 0, group).data() for c in range(model.rowCount(group))]
    return []


async def gateway_catalogue(window: MainWindow) -> None:
    await until(lambda: window.catalog.source == "gateway", message="the gateway's model list")
    await until(lambda: window.generate.picker.model_ids(), message="the picker filled")


# -- the rules on their own ---------------------------------------------------------------------


def test_price_wording_never_reads_zero_for_an_unknown_price() -> None:
    assert price_text(ModelPricing("m", per_request=Decimal("0.0045"))) == "$0.0045 / image"
    assert price_text(ModelPricing("m", per_request=Decimal("0.04"))) == "$0.04 / image"
    tokens = ModelPricing("m", input_per_1m=Decimal(5), output_per_1m=Decimal("40"))
    assert price_text(tokens) == "$5.00 in / $40.00 out per 1M tokens"
    half = ModelPricing("m", input_per_1m=Decimal(5))
    assert price_text(half) == "$5.00 in / unknown out per 1M tokens"
    for bad in (Decimal("NaN"), Decimal("-1"), Decimal("Infinity")):
        assert price_text(ModelPricing("m", per_request=bad)) is None
    assert price_text(None) is None
    entry = CatalogEntry("m", "Other", False, "inline", False)
    assert entry.price_text == PRICE_UNKNOWN == "price unknown"


def test_one_vendor_naming_delivery_rule_and_image_filter() -> None:
    models = [
        ModelInfo("seedream-4", owned_by="bytedance", category="image"),
        ModelInfo("odd-one", owned_by=None),  # no category: listed, taken at its word
        ModelInfo("gpt-4o-mini", owned_by="openai", category="chat"),  # dropped
        ModelInfo("slow-one", owned_by="acme", capability_flags={"always_task": True}),
        ModelInfo("flux-pro", owned_by="bfl", category="image"),
    ]
    entries = {e.id: e for e in from_gateway(models, {})}
    assert list(entries) == ["seedream-4", "odd-one", "slow-one", "flux-pro"]
    assert entries["seedream-4"].vendor == "ByteDance"
    assert entries["odd-one"].vendor == "Other"
    assert entries["slow-one"].vendor == "Acme"
    assert entries["flux-pro"].vendor == "Black Forest Labs"
    assert entries["slow-one"].delivery_text == "task-based"
    assert entries["flux-pro"].delivery_text == "task-based"  # the profile's word
    assert entries["seedream-4"].delivery_text == "usually inline"


def test_finishing_tools_are_told_apart_from_generation_models() -> None:
    models = [
        # The gateway's own word wins: its operations, then its image_generation flag.
        ModelInfo("image-upscaler", category="image", supported_operations=("upscale",)),
        ModelInfo("new-maker", category="image", supported_operations=("text-to-image",)),
        ModelInfo("gpt-image-2", category="image", supported_operations=("image-edit",)),
        ModelInfo("flagged-tool", capability_flags={"image_generation": False}),
        # Without either: the built-in profiles (finishing tools have input profiles only).
        ModelInfo("mj-upscale", owned_by="midjourney"),
        ModelInfo("ideogram-edit", owned_by="ideogram"),
        ModelInfo("flux-pro", owned_by="bfl"),
        ModelInfo("never-heard-of", owned_by="acme"),  # taken at its word
    ]
    entries = {e.id: e for e in from_gateway(models, {})}
    makes = {model_id: entry.generates for model_id, entry in entries.items()}
    assert makes == {
        "image-upscaler": False,
        "new-maker": True,
        "gpt-image-2": False,
        "flagged-tool": False,
        "mj-upscale": False,
        "ideogram-edit": False,
        "flux-pro": True,
        "never-heard-of": True,
    }
    ranked = [
        ModelInfo("image-upscaler", preferred_rank=1, success_rate_24h=0.99),
        ModelInfo("flux-pro", preferred_rank=2, success_rate_24h=0.98),
    ]
    recommended = [e.id for e in from_gateway(ranked, {}) if e.recommended]
    assert recommended == ["flux-pro"]  # a finishing tool is never recommended


def test_a_cached_catalogue_survives_without_the_gateway(home: Path) -> None:
    catalog = ModelCatalog(home)
    assert catalog.load() and catalog.source == "builtin"
    entries = [CatalogEntry("m1", "Other", True, "task", False, "$0.04 / image", "acme")]
    catalog._write_cache(entries)
    again = ModelCatalog(home)
    assert again.load() == entries and again.source == "cache"
    # A cache written before finishing tools were told apart learns it from the profiles.
    old = {"models": [{"id": "mj-upscale", "vendor": "Midjourney", "recommended": False,
                       "delivery": "inline", "has_profile": False}]}  # fmt: skip
    catalog.path.write_text(json.dumps(old), encoding="utf-8")
    assert [e.generates for e in ModelCatalog(home).load()] == [False]


def test_favourite_models_are_a_list_of_ids_in_settings(home: Path) -> None:
    save_settings(home, Settings(favourite_models=("flux-pro", "midjourney")))
    assert load_settings(home).favourite_models == ("flux-pro", "midjourney")
    for bad in ("flux-pro", [1, 2], {"flux-pro": True}):
        (home / "settings.json").write_text(json.dumps({"favourite_models": bad}), "utf-8")
        assert load_settings(home).favourite_models == ()  # a lone string is not a list


# -- the window and the command line agree ---------------------------------------------------


@pytest.mark.gui
def test_window_and_cli_list_the_same_catalogue(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        await connect(window, sandbox)
        await gateway_catalogue(window)

    qloop.run(scenario())
    shown = picker_rows(window)

    result = run_cli(sandbox.base_url, sandbox.api_key, "models", "--json")
    assert result.returncode == 0, result.stderr
    records: list[dict[str, Any]] = json.loads(result.stdout)
    listed = {
        r["id"]: (r["vendor"], f"{r['delivery']} · {r['price_text']}")
        for r in records
        if r["generates"]
    }
    # The window offers the catalogue's generation models; finishing tools are in the
    # same catalogue, marked, and never offered for a prompt.
    assert shown == listed
    finishing = {r["id"] for r in records if not r["generates"]}
    assert {"image-upscaler", "image-background-remover", "mj-upscale", "ideogram-edit"} <= (
        finishing
    )
    assert not finishing & set(window.generate.picker.model_ids())
    assert recommended_in_picker(window) == [r["id"] for r in records if r["recommended"]]
    assert [r["rank"] for r in records if r["recommended"]] == [1, 2, 3, 4, 5, 6]
    # The text listing says the same words, line by line in the gateway's order.
    text = run_cli(sandbox.base_url, sandbox.api_key, "models")
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [r["id"] for r in records]
    for line, record in zip(lines, records, strict=True):
        assert record["delivery"] in line and record["price_text"] in line
        assert ("finishing only" in line) == (not record["generates"])
    # The sandbox's prices are readable, so the cheap model shows its exact price.
    assert listed["flux-schnell"][1] == "usually inline · $0.003 / image"


@pytest.mark.gui
def test_window_and_cli_agree_on_an_odd_gateway(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    catalogue = {
        "object": "list",
        "data": [
            {"id": "m-plain", "owned_by": "acme"},
            {"id": "m-chat", "lemondata": {"category": "chat"}},
            {"id": "flux-pro", "owned_by": "bfl", "lemondata": {"category": "image"}},
        ],
    }
    pricing = {"object": "list", "data": [{"model": "flux-pro", "pricing": {"per_request": "NaN"}}]}
    routes: dict[str, Route] = {
        "/v1/models": json_reply(catalogue),
        "/v1/pricing": json_reply(pricing),
    }
    with HostileServer(routes) as gateway:

        async def scenario() -> None:
            await window.start(base_url=gateway.base_url, api_key="sk-test")
            await gateway_catalogue(window)

        qloop.run(scenario())
        result = run_cli(gateway.base_url, "sk-test", "models", "--json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    listed = {r["id"]: (r["vendor"], f"{r['delivery']} · {r['price_text']}") for r in records}
    assert (
        picker_rows(window)
        == listed
        == {
            "m-plain": ("Acme", "usually inline · price unknown"),
            "flux-pro": ("Black Forest Labs", "task-based · price unknown"),
        }
    )


@pytest.mark.gui
@pytest.mark.parametrize("configured", [None, "flux-schnell"])
def test_window_and_cli_start_from_the_same_default_model(
    make_window: Any, qloop: Loop, sandbox: SandboxServer, home: Path, configured: str | None
) -> None:
    if configured:
        save_settings(home, Settings(default_model=configured))
    expected = configured or Settings().default_model
    assert Settings().default_model == "gpt-image-2"
    window = make_window()

    async def scenario() -> None:
        await connect(window, sandbox)

    qloop.run(scenario())
    assert window.generate.model_id == expected
    result = run_cli(sandbox.base_url, sandbox.api_key, "generate", "a lemon", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["model"] == expected
    helped = run_cli(sandbox.base_url, sandbox.api_key, "generate", "--help")
    assert "default_model in settings" in helped.stdout
