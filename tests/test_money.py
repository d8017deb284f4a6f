"""Money the app shows and caps with: unknown stays unknown, bad amounts never crash or
defeat the cap, failed jobs cost nothing, through real HTTP and the real CLI."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
import pytest_asyncio
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from lemon_desktop.api.client import LemonClient, Timeouts
from lemon_desktop.api.request import ImageRequest
from lemon_desktop.jobs import ErrorCode, JobQueue, JobState, QueueSettings, money
from lemon_desktop.library import Library
from lemon_desktop.sandbox import SandboxServer
from lemon_desktop.ui.queue.model import QueueModel
from tests.conftest import FAST_RETRY
from tests.gateway_script import API_KEY, ScriptedGateway, b64, png_bytes

# Prices "are strings or null": an entry whose prices are all null cannot be read.
UNREADABLE_PRICING = {
    "object": "list",
    "data": [
        {
            "model": "gpt-image-2",
            "provider": "openai",
            "pricing": {"input_per_1m": None, "output_per_1m": None, "per_request": None},
        }
    ],
}
USAGE = {"input_tokens": 20, "output_tokens": 1056, "total_tokens": 1076}
GPT = {"model": "gpt-image-2", "prompt": "a priced lemon", "size": "1024x1024"}


@pytest.fixture
def gateway() -> Iterator[ScriptedGateway]:
    with ScriptedGateway() as scripted:
        scripted.pricing = UNREADABLE_PRICING
        scripted.answer_images({"b64_json": b64(png_bytes())}, usage=USAGE)
        yield scripted


@pytest_asyncio.fixture
async def hostile_client(gateway: ScriptedGateway) -> AsyncIterator[LemonClient]:
    async with LemonClient(
        gateway.base_url,
        API_KEY,
        timeouts=Timeouts(connect=5, read=10, write=10, pool=5, call_deadline=20),
        retry=FAST_RETRY,
    ) as api:
        yield api


def cli(
    *args: str, base_url: str, home: Path, key: str = API_KEY
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LEMONDATA_BASE_URL": base_url, "LEMONDATA_API_KEY": key}
    return subprocess.run(
        [sys.executable, "-m", "lemon_desktop", "--home", str(home), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.mark.asyncio
async def test_an_unreadable_price_is_unknown_not_zero(
    hostile_client: LemonClient, lib: Library
) -> None:
    queue = JobQueue(hostile_client, lib, QueueSettings(poll_interval=0.05))
    job = await queue.submit(ImageRequest.from_body(GPT))
    await queue.wait_idle()
    await queue.aclose()
    done = queue.get(job.id)
    assert done.state is JobState.DONE and done.usage
    assert done.estimate_usd is None and done.cost_usd is None
    assert done.cost_status == "unknown" and done.to_json()["cost_usd"] is None
    detail = queue.spending_detail_today()
    assert detail.total == 0 and detail.unknown_jobs == 1


def test_the_cli_shows_an_unknown_cost_as_unknown(gateway: ScriptedGateway, home: Path) -> None:
    made = cli(
        "generate", "a priced lemon", "--model", "gpt-image-2", "--size", "1024x1024", "--json",
        base_url=gateway.base_url, home=home,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    record = json.loads(made.stdout)
    assert record["cost_usd"] is None and record["cost_status"] == "unknown"
    listed = cli("jobs", "list", base_url=gateway.base_url, home=home)
    assert listed.returncode == 0 and "unknown" in listed.stdout
    assert "0.0000" not in listed.stdout and "$0.00" not in listed.stdout
    shown = cli("jobs", "show", record["id"][:8], base_url=gateway.base_url, home=home)
    assert "cost: unknown" in shown.stdout


@pytest.mark.asyncio
async def test_with_a_cap_a_job_of_unknown_price_waits_for_the_user(
    hostile_client: LemonClient, lib: Library, gateway: ScriptedGateway
) -> None:
    queue = JobQueue(
        hostile_client, lib, QueueSettings(poll_interval=0.05, daily_cap_usd=Decimal("5"))
    )
    job = await queue.submit(ImageRequest.from_body(GPT))
    await queue.wait_idle()
    held = queue.get(job.id)
    assert (held.state, held.error_code) == (JobState.HELD, ErrorCode.PRICE_UNKNOWN)
    assert held.error and "price of gpt-image-2 is unknown" in held.error
    assert "--allow-unknown-cost" in held.error and queue.paused_code == "price_unknown"
    assert gateway.creates == 0
    await queue.resume_queue()  # a plain resume does not send it
    await queue.wait_idle()
    assert queue.get(job.id).state is JobState.HELD and gateway.creates == 0
    await queue.resume_queue(allow_unknown_cost=True)
    await queue.wait_idle()
    await queue.aclose()
    assert queue.get(job.id).state is JobState.DONE and gateway.creates == 1


def test_the_cli_holds_a_job_of_unknown_price_under_a_cap(
    gateway: ScriptedGateway, home: Path
) -> None:
    (home / "settings.json").write_text(json.dumps({"daily_cap_usd": "5"}))
    held = cli(
        "generate", "x", "--model", "gpt-image-2", "--size", "1024x1024",
        base_url=gateway.base_url, home=home,
    )  # fmt: skip
    assert held.returncode == 4 and "price of gpt-image-2 is unknown" in held.stderr
    assert gateway.creates == 0
    resumed = cli("jobs", "resume", "--allow-unknown-cost", base_url=gateway.base_url, home=home)
    assert resumed.returncode == 0, resumed.stderr
    assert gateway.creates == 1
    sent = cli(
        "generate", "y", "--model", "gpt-image-2", "--size", "1024x1024", "--allow-unknown-cost",
        base_url=gateway.base_url, home=home,
    )  # fmt: skip
    assert sent.returncode == 0, sent.stderr


@pytest.mark.asyncio
@pytest.mark.parametrize("price", ["NaN", "Infinity", "-0.50", "1e999999"])
async def test_a_bad_price_is_never_stored_and_never_defeats_the_cap(
    hostile_client: LemonClient, lib: Library, gateway: ScriptedGateway, price: str
) -> None:
    gateway.pricing = {
        "object": "list",
        "data": [{"model": "dall-e-2", "pricing": {"per_request": price}}],
    }
    url = gateway.serve_file("p.png", png_bytes())
    gateway.answer_images({"url": url})
    queue = JobQueue(
        hostile_client, lib, QueueSettings(poll_interval=0.05, daily_cap_usd=Decimal("0.01"))
    )
    request = {"model": "dall-e-2", "prompt": "x", "size": "256x256"}
    job = await queue.submit(ImageRequest.from_body(request))
    await queue.wait_idle()
    held = queue.get(job.id)
    assert held.estimate_usd is None and held.state is JobState.HELD
    assert gateway.creates == 0
    await queue.resume_queue(allow_unknown_cost=True)
    await queue.wait_idle()
    await queue.aclose()
    done = queue.get(job.id)
    assert done.state is JobState.DONE and done.cost_usd is None
    assert queue.spending_detail_today().unknown_jobs == 1


def _corrupt_money(database: Path) -> None:
    with sqlite3.connect(database) as conn:
        conn.execute("UPDATE jobs SET cost_usd = 'NaN', estimate_usd = '-1'")


def test_a_stored_nan_or_negative_amount_reads_as_unknown(
    sandbox: SandboxServer, home: Path, qapp: QApplication
) -> None:
    made = cli(
        "generate", "x", "--model", "dall-e-2", "--size", "256x256", "--json",
        base_url=sandbox.base_url, home=home, key=sandbox.api_key,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    _corrupt_money(home / "library" / "library.db")
    listed = cli("jobs", "list", base_url=sandbox.base_url, home=home, key="")
    assert listed.returncode == 0, listed.stderr
    assert "unknown" in listed.stdout and "NaN" not in listed.stdout
    as_json = json.loads(cli("jobs", "list", "--json", base_url="", home=home, key="").stdout)
    assert as_json[0]["cost_usd"] is None and as_json[0]["estimate_usd"] is None
    library = Library.open(home / "library")
    try:
        from lemon_desktop.jobs import JobStore

        jobs = JobStore(library.database).recent()
    finally:
        library.close()
    model = QueueModel()
    model.set_jobs(jobs)
    for column in range(model.columnCount()):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            model.data(model.index(0, column), role)  # a repaint: must not raise
    assert model.data(model.index(0, QueueModel.COST)) == "unknown"
    assert money(Decimal("NaN")) == "price unknown"


@pytest.mark.asyncio
async def test_failed_and_cancelled_jobs_show_no_cost(
    client: LemonClient, lib: Library, sandbox: SandboxServer, qapp: QApplication
) -> None:
    sandbox.set_faults("taskfail*1")
    queue = JobQueue(client, lib, QueueSettings(poll_interval=0.05))
    failed = await queue.submit(ImageRequest("flux-pro", "x"))
    await queue.wait_idle()
    queue._pause("hold the next one")  # nothing is sent; the job is then cancelled
    queued = await queue.submit(ImageRequest("flux-pro", "y"))
    cancelled = await queue.cancel(queued.id)
    await queue.aclose()
    jobs = [queue.get(failed.id), cancelled]
    assert [j.state for j in jobs] == [JobState.FAILED, JobState.CANCELLED]
    assert all(j.estimate_usd is not None for j in jobs)  # an estimate existed...
    assert all(j.cost_status == "none" and j.shown_cost_usd is None for j in jobs)  # ...not shown
    model = QueueModel()
    model.set_jobs(jobs)
    assert [model.data(model.index(r, QueueModel.COST)) for r in (0, 1)] == ["—", "—"]
    assert queue.spending_today() == 0
