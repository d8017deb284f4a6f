"""Reuse settings and money in the window, through real HTTP on 127.0.0.1.

A small reverse proxy sits between the window and the sandbox: it records every
create body the gateway received (so a test can say what was sent, not what the panel
meant to send) and can answer `/v1/pricing` with a price list the app cannot read.
"""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from PIL import Image, PngImagePlugin
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from lemon_desktop.api.profiles import profile_for
from lemon_desktop.jobs import Job, JobState
from lemon_desktop.sandbox import SandboxServer
from lemon_desktop.ui.main_window import MainWindow
from lemon_desktop.ui.model_picker import MODEL_ROLE
from tests.ui_helpers import Loop, until

pytest_plugins = ["tests.ui_fixtures"]
pytestmark = pytest.mark.gui

A1111_TEXT = (
    "a cat\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 42, "
    "Size: 512x768, Model hash: 31e35c80fc, Model: sd_xl_base_1.0"
)
FOREIGN_KEYS = {"steps", "sampler", "cfg_scale", "seed", "model_hash", "negative_prompt"}
# The flat shape one localized pricing page shows (api-facts.md): nothing in it is a
# price this app can read.
FLAT_PRICING = {
    "object": "pricing",
    "input_per_1m_tokens": "5.00",
    "output_per_1m_tokens": "40.00",
    "lock_price_per_request": "0.04",
}
HOSTILE_PRICING = {
    "object": "list",
    "data": [
        {"model": "flux-pro", "pricing": {"per_request": "NaN"}},
        {"model": "dall-e-2", "pricing": {"per_request": "-0.02"}},
        {"model": "gpt-image-2", "pricing": {"input_per_1m": "Infinity", "output_per_1m": "1"}},
    ],
}


class RecordingGateway:
    """A reverse proxy to `upstream` on 127.0.0.1, port 0."""

    def __init__(self, upstream: str, pricing: dict[str, Any] | None = None) -> None:
        self.creates: list[dict[str, Any]] = []
        lock = threading.Lock()
        target = urlsplit(upstream)
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args: Any) -> None:
                pass

            def _relay(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path = self.path.split("?", 1)[0]
                if self.command == "POST" and path == "/v1/images/generations":
                    with lock:
                        gateway.creates.append(json.loads(body))
                if pricing is not None and path == "/v1/pricing":
                    self._answer(200, "application/json", json.dumps(pricing).encode())
                    return
                headers = {
                    k: v
                    for k, v in self.headers.items()
                    if k.lower() in ("authorization", "content-type", "accept", "idempotency-key")
                }
                # http.client, not an HTTP library that reads proxy settings from the
                # environment: this hop stays on loopback.
                upstream_conn = http.client.HTTPConnection(
                    target.hostname or "127.0.0.1", target.port, timeout=30
                )
                try:
                    upstream_conn.request(self.command, self.path, body=body, headers=headers)
                    answer = upstream_conn.getresponse()
                    data = answer.read()
                finally:
                    upstream_conn.close()
                self._answer(
                    answer.status,
                    answer.getheader("content-type", "application/json"),
                    data,
                    answer.getheader("retry-after"),
                )

            def _answer(
                self, status: int, kind: str, data: bytes, retry_after: str | None = None
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                if retry_after:
                    self.send_header("Retry-After", retry_after)
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_DELETE = _relay

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> RecordingGateway:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def gateway(sandbox: SandboxServer) -> Iterator[RecordingGateway]:
    with RecordingGateway(sandbox.base_url) as proxy:
        yield proxy


def a1111_png(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    info = PngImagePlugin.PngInfo()
    info.add_text("parameters", A1111_TEXT)
    path = folder / "00012-42.png"
    Image.new("RGB", (512, 768), (200, 180, 40)).save(path, pnginfo=info)
    return path


async def start(window: MainWindow, base_url: str, api_key: str) -> None:
    await window.start(base_url=base_url, api_key=api_key)
    await until(lambda: window.services.connected, message="connection")
    await until(lambda: window.catalog.source == "gateway", message="the gateway's model list")
    await until(lambda: window.gallery is not None, message="gallery")


def jobs(window: MainWindow) -> list[Job]:
    model = window.queue_panel.model
    return [j for j in (model.job(r) for r in range(model.rowCount())) if j is not None]


async def click_generate(window: MainWindow) -> Job:
    panel = window.generate
    before = {j.id for j in jobs(window)}
    await until(panel.generate.isEnabled, message=f"Generate enabled: {panel.reason.text()}")
    QTest.mouseClick(panel.generate, Qt.MouseButton.LeftButton)
    new: list[Job] = []

    def finished() -> bool:
        new[:] = [j for j in jobs(window) if j.id not in before and j.state.finished]
        return bool(new)

    await until(finished, timeout=30, message="the new job to finish")
    assert new[0].state is JobState.DONE, new[0]
    return new[0]


def test_reusing_an_a1111_image_sends_nothing_foreign(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer, gateway: RecordingGateway, tmp_path
) -> None:
    png = a1111_png(tmp_path / "a1111")

    async def scenario() -> None:
        await start(window, gateway.base_url, sandbox.api_key)
        panel = window.generate
        panel.select_model("flux-pro")
        # Imported the way a user does it: File -> Import folder, copied into the library.
        job = window.start_import(png.parent, False)
        assert job is not None
        await until(lambda: not window.imports, message="the folder import")
        library = window.services.library
        assert library is not None
        [image] = library.search("sd_xl_base_1.0")
        assert library.get(image.id).model == "sd_xl_base_1.0"
        gallery = window.gallery
        await until(lambda: gallery.select_image(image.id), message="the image in the gallery")
        reused: list[dict[str, object]] = []
        gallery.reuse_requested.connect(reused.append)  # after the window's own handler
        gallery.actions.reuse_current()
        await until(lambda: reused, message="the record read in a worker")

        # The gateway does not offer sd_xl_base_1.0: the chosen gateway model stays.
        assert panel.model_id == "flux-pro"
        assert panel.prompt.text() == "a cat"
        # 512x768 onto flux-pro's nearest preset, not a size flux-pro does not take.
        assert panel.params.values()["size"] == "768x1024"
        assert not panel.params.extras.isChecked()
        assert panel.params.extra() == ({}, None)
        note = panel.reuse_note.text()
        assert panel.reuse_note.isVisible()
        for left_out in ("steps", "sampler", "cfg_scale", "seed", "model_hash", "negative"):
            assert left_out in note
        assert "sd_xl_base_1.0" in note
        assert "Left out" in window.statusBar().currentMessage()

        await click_generate(window)
        [sent] = gateway.creates
        assert sent["model"] == "flux-pro" and sent["prompt"] == "a cat"
        assert not set(sent) & FOREIGN_KEYS
        form = {p.name for p in profile_for("flux-pro").params}
        assert set(sent) - {"model", "prompt"} <= form

    qloop.run(scenario())


def test_extras_stay_with_the_model_they_were_typed_for(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer, gateway: RecordingGateway
) -> None:
    async def scenario() -> None:
        await start(window, gateway.base_url, sandbox.api_key)
        panel = window.generate
        # An image of ours made with nano-banana-pro and an extra seed.
        window.reuse(
            {
                "model": "nano-banana-pro",
                "prompt": "a lemon in 4k",
                "params": {"aspect_ratio": "16:9", "resolution": "4k", "seed": 7},
            }
        )
        assert panel.params.extra()[0] == {"seed": 7}
        # The person picks another model in the list, as a click would.
        index = panel.picker._find("flux-pro")
        assert index is not None
        tree = panel.picker.tree
        tree.scrollTo(index)
        QTest.mouseClick(
            tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center()
        )
        assert panel.model_id == "flux-pro" and index.data(MODEL_ROLE) == "flux-pro"
        assert not panel.params.extras.isChecked()
        await click_generate(window)
        assert gateway.creates[-1]["model"] == "flux-pro"
        assert "seed" not in gateway.creates[-1]
        # Back on nano-banana-pro, its own extras are still there.
        panel.picker.set_current("nano-banana-pro")
        assert panel.params.extra()[0] == {"seed": 7}

    qloop.run(scenario())


def test_a_model_the_gateway_does_not_list_needs_consent(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer, gateway: RecordingGateway
) -> None:
    async def scenario() -> None:
        await start(window, gateway.base_url, sandbox.api_key)
        panel = window.generate
        window.reuse({"model": "sd_xl_base_1.0", "prompt": "a cat", "params": {}})
        assert panel.model_id == "sd_xl_base_1.0"
        assert not panel.generate.isEnabled()
        assert "not in the gateway's model list" in panel.reason.text()
        assert panel.allow_unlisted.isVisible()
        panel.submit()
        QTest.keyClick(panel.prompt.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert gateway.creates == [] and jobs(window) == []
        panel.allow_unlisted.setChecked(True)
        assert panel.generate.isEnabled()
        # Consent is for that model only.
        panel.picker.set_current("flux-pro")
        panel.select_model("sd_xl_base_1.0")
        assert not panel.allow_unlisted.isChecked() and not panel.generate.isEnabled()

    qloop.run(scenario())


@pytest.mark.parametrize("pricing", [FLAT_PRICING, HOSTILE_PRICING], ids=["flat", "hostile"])
def test_unreadable_prices_read_unknown_never_zero(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer, pricing: dict[str, Any]
) -> None:
    async def scenario() -> None:
        with RecordingGateway(sandbox.base_url, pricing=pricing) as proxy:
            await start(window, proxy.base_url, sandbox.api_key)
            panel = window.generate
            picker = panel.picker
            for model in ("flux-pro", "dall-e-2", "gpt-image-2"):
                index = picker._find(model)
                assert index is not None
                detail = index.siblingAtColumn(1).data()
                assert "unknown" in detail, detail
                assert "$0.00" not in detail and "NaN" not in detail and "$-" not in detail
                if model != "gpt-image-2":  # its output rate may be readable
                    assert detail.endswith("price unknown"), detail
            panel.select_model("flux-pro")
            panel.prompt.set_text("a lemon")
            panel._estimate_later.flush()
            await until(lambda: panel.cost.text(), message="the estimate")
            assert panel.cost.text() == "cost unknown"

    qloop.run(scenario())


# -- the mapping on its own ------------------------------------------------------------------


def a1111_settings() -> dict[str, Any]:
    from lemon_desktop.library.metadata._a1111 import parse_a1111_parameters
    from lemon_desktop.ui.gallery.payload import reuse_payload

    return reuse_payload(parse_a1111_parameters(A1111_TEXT))


@pytest.mark.parametrize(
    ("current", "values"),
    [
        ("gpt-image-2", {"size": "672x992"}),  # custom sizes: the nearest valid one
        ("dall-e-3", {"size": "1024x1792"}),  # presets: the nearest shape
        ("nano-banana-pro", {"aspect_ratio": "2:3"}),  # aspect ratios only
        ("midjourney", {"aspect_ratio": "2:3"}),
    ],
)
def test_foreign_settings_map_onto_the_current_model(current: str, values: dict) -> None:
    from lemon_desktop.api.profiles import validate
    from lemon_desktop.ui.reuse_plan import plan_reuse

    plan = plan_reuse(a1111_settings(), current, {current, "flux-pro"})
    assert plan.model == current and plan.prompt == "a cat"
    assert plan.values == values
    assert plan.dropped == [
        "steps",
        "sampler",
        "cfg_scale",
        "seed",
        "model_hash",
        "negative prompt",
    ]
    assert plan.replaced_model == "sd_xl_base_1.0" and plan.foreign_app == "a1111"
    assert validate(current, plan.prompt, plan.values) == []


def test_own_settings_come_back_as_they_were() -> None:
    from lemon_desktop.ui.reuse_plan import plan_reuse

    own = {
        "model": "nano-banana-pro",
        "prompt": "p",
        "params": {"aspect_ratio": "16:9", "seed": 7},
        "app": "lemon-desktop/0.1.0",
    }
    plan = plan_reuse(own, "flux-pro", {"flux-pro", "nano-banana-pro"})
    assert (plan.model, plan.values, plan.note) == ("nano-banana-pro", own["params"], "")


def test_unusable_estimates_are_unknown() -> None:
    from decimal import Decimal

    from lemon_desktop.ui.generate_panel import known_amount

    for bad in (None, Decimal("NaN"), Decimal("Infinity"), Decimal("-0.01"), 0.04):
        assert known_amount(bad) is None
    assert known_amount(Decimal("0.04")) == Decimal("0.04")
