"""Limits the user set, and hostile gateway answers, through the job queue: real HTTP to
the sandbox or to a scripted hostile gateway on 127.0.0.1, real files, real SQLite."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio
from PySide6.QtWidgets import QApplication

from lemon_desktop.api.client import LemonClient, Timeouts
from lemon_desktop.api.request import ImageRequest, Params
from lemon_desktop.jobs import ErrorCode, Job, JobEvent, JobQueue, JobState, QueueSettings
from lemon_desktop.jobs.pipeline import PipelineSettings
from lemon_desktop.jobs.store import NewJob
from lemon_desktop.library import Library
from lemon_desktop.library.integrity import IncompleteImage, check_whole_image
from lemon_desktop.sandbox import SandboxServer
from lemon_desktop.ui.queue import QueueModel, QueuePanel
from lemon_desktop.ui.queue.model import ACTIONS_ROLE
from tests.conftest import FAST_RETRY
from tests.gateway_script import (
    API_KEY,
    TASK_ID,
    ScriptedGateway,
    b64,
    error_reply,
    jpeg_bytes,
    png_bytes,
    processing,
)
from tests.hostile_server import raw_json_reply

QUICK = QueueSettings(poll_interval=0.05, task_timeout=20)


@pytest.fixture
def gateway() -> Iterator[ScriptedGateway]:
    with ScriptedGateway() as scripted:
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


@pytest_asyncio.fixture
async def hostile_queue(hostile_client: LemonClient, lib: Library) -> AsyncIterator[JobQueue]:
    jobs = JobQueue(hostile_client, lib, QUICK)
    yield jobs
    await jobs.aclose()


def body(model: str = "dall-e-2", prompt: str | None = None, **params: object) -> ImageRequest:
    # Made directly, not through the profiles: these tests send exactly these settings.
    return ImageRequest(model, prompt or f"a {model} lemon", Params(params))


async def run_one(queue: JobQueue, request: ImageRequest) -> Job:
    job = await queue.submit(request)
    await queue.wait_idle()
    return queue.get(job.id)


def assert_clear(job: Job) -> None:
    assert job.error and "Traceback" not in job.error and "Internal error" not in job.error


# ----- 1. the user's limits ---------------------------------------------------------


@pytest.mark.asyncio
async def test_a_short_task_timeout_is_honoured(
    client: LemonClient, lib: Library, sandbox: SandboxServer
) -> None:
    sandbox.set_faults("tasknever")
    queue = JobQueue(client, lib, QueueSettings(poll_interval=0.05, task_timeout=0.5))
    started = time.monotonic()
    job = await run_one(queue, body("flux-pro"))
    elapsed = time.monotonic() - started
    await queue.aclose()
    assert (job.state, job.error_code) == (JobState.FAILED, ErrorCode.TASK_TIMEOUT)
    assert elapsed < 3, f"a 0.5 s task timeout waited {elapsed:.1f} s"
    assert job.error and "0.5 s" in job.error and "jobs check" in job.error
    assert "grace" not in job.error


@pytest.mark.asyncio
async def test_only_a_resumed_task_gets_grace_and_says_so(
    client: LemonClient, lib: Library, sandbox: SandboxServer
) -> None:
    sandbox.set_faults("tasknever")
    settings = QueueSettings(poll_interval=0.05, task_timeout=0.3, restart_grace=1.0)
    first = JobQueue(client, lib, settings)
    job = await first.submit(body("flux-pro", "slow"))
    while first.get(job.id).state is not JobState.RUNNING:
        await asyncio.sleep(0.01)
    await first.aclose()  # the app quits while the task runs
    await asyncio.sleep(0.4)  # ... and its deadline passes meanwhile
    second = JobQueue(client, lib, settings)
    started = time.monotonic()
    await second.start()
    await second.wait_idle()
    elapsed = time.monotonic() - started
    await second.aclose()
    ended = second.get(job.id)
    assert ended.error_code == ErrorCode.TASK_TIMEOUT
    assert 0.9 < elapsed < 3
    assert (
        ended.error and "resumed after a restart" in ended.error and "1 s of grace" in ended.error
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"poll_interval": 0},
        {"poll_interval": -1},
        {"task_timeout": 0},
        {"task_timeout": -5},
        {"task_timeout": float("nan")},
        {"concurrency": 0},
    ],
)
def test_the_job_api_refuses_zero_or_negative_limits(changes: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="must be"):
        QueueSettings(**changes)  # type: ignore[arg-type]
    pipeline_changes = {k: v for k, v in changes.items() if k != "concurrency"}
    if pipeline_changes:
        with pytest.raises(ValueError, match="must be"):
            PipelineSettings(**pipeline_changes)  # type: ignore[arg-type]


def cli(*args: str, base_url: str, key: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LEMONDATA_BASE_URL": base_url, "LEMONDATA_API_KEY": key}
    return subprocess.run(
        [sys.executable, "-m", "lemon_desktop", "--home", str(home), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.mark.parametrize("option", ["--poll-interval", "--task-timeout"])
@pytest.mark.parametrize("value", ["-1", "0", "nan"])
def test_the_cli_refuses_zero_or_negative_limits(
    sandbox: SandboxServer, home: Path, option: str, value: str
) -> None:
    result = cli(
        "generate", "x", "--model", "flux-pro", option, value,
        base_url=sandbox.base_url, key=sandbox.api_key, home=home,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert option in result.stderr and "0" in result.stderr
    assert sandbox.stats.snapshot()["create_requests"] == 0


def test_settings_json_with_a_negative_poll_interval_is_refused_not_busy_polled(
    sandbox: SandboxServer, home: Path
) -> None:
    (home / "settings.json").write_text(json.dumps({"poll_interval": -1, "task_timeout": 0}))
    result = cli(
        "generate", "x", "--model", "flux-pro", "--json",
        base_url=sandbox.base_url, key=sandbox.api_key, home=home,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "poll_interval" in result.stderr and "above 0" in result.stderr
    assert "task_timeout" in result.stderr
    # The default 3 s interval: a 0.3 s sandbox task takes one or two polls, not hundreds.
    assert sandbox.stats.snapshot()["poll_requests"] <= 3


# ----- 3. hostile answers ----------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "answer",
    [
        raw_json_reply('{"created": 1, "data": 5}'),
        raw_json_reply("[" * 50_000 + "]" * 50_000),
        raw_json_reply("<html>oops</html>"),
    ],
    ids=["data-is-a-number", "deeply-nested", "html"],
)
async def test_a_malformed_create_answer_ends_unknown_and_is_never_resent(
    hostile_queue: JobQueue, gateway: ScriptedGateway, answer: object
) -> None:
    gateway.create_reply = answer  # type: ignore[assignment]
    job = await run_one(hostile_queue, body())
    assert (job.state, job.error_code) == (JobState.UNKNOWN, ErrorCode.OUTCOME_UNKNOWN)
    assert_clear(job)
    assert "not sent again" in (job.error or "") or "never re-sent" in (job.error or "")
    assert gateway.creates == 1
    assert hostile_queue.paused_reason is None


@pytest.mark.asyncio
async def test_429_5xx_and_malformed_polls_keep_polling_until_the_task_ends(
    hostile_queue: JobQueue, gateway: ScriptedGateway
) -> None:
    url = gateway.serve_file("done.png", png_bytes())
    gateway.answer_task()
    gateway.poll_replies = [
        processing(),
        error_reply(429, "slow down for a moment"),
        error_reply(502, "upstream"),
        raw_json_reply('{"status": "processing", "data": 5, "progress": "x"'),
        raw_json_reply('{"id": 1, "status": "weird"}'),
        gateway.task_completed(url),
    ]
    job = await run_one(hostile_queue, body("flux-pro"))
    assert job.state is JobState.DONE, job.error
    assert len(job.image_ids) == 1 and gateway.creates == 1 and gateway.polls >= 6


@pytest.mark.asyncio
@pytest.mark.parametrize("status", [400, 402, 403])
async def test_a_final_4xx_while_polling_fails_the_job_at_once_with_the_gateways_message(
    hostile_queue: JobQueue, gateway: ScriptedGateway, status: int
) -> None:
    gateway.answer_task()
    gateway.poll_replies = [processing(), error_reply(status, f"the gateway says no ({status})")]
    started = time.monotonic()
    job = await run_one(hostile_queue, body("flux-pro"))
    assert (job.state, job.error_code) == (JobState.FAILED, ErrorCode.GATEWAY), job.error
    assert f"the gateway says no ({status})" in (job.error or "")
    assert time.monotonic() - started < QUICK.task_timeout, "it waited for the task deadline"
    assert gateway.creates == 1 and gateway.polls == 2  # the final answer is not asked again


@pytest.mark.asyncio
async def test_a_key_rejected_while_polling_stops_with_the_key_message(
    hostile_queue: JobQueue, gateway: ScriptedGateway
) -> None:
    gateway.answer_task()
    gateway.poll_replies = [processing(), error_reply(401, "invalid api key")]
    job = await run_one(hostile_queue, body("flux-pro"))
    # The task may still finish at the gateway: the job waits for a working key.
    assert job.state is JobState.RUNNING and job.error_code == ErrorCode.AUTH
    assert job.error and "API key" in job.error
    assert hostile_queue.paused_reason == job.error


@pytest.mark.asyncio
async def test_base64_that_is_html_fails_that_job_only(
    hostile_queue: JobQueue, gateway: ScriptedGateway, lib: Library
) -> None:
    gateway.answer_images({"b64_json": b64(b"<!DOCTYPE html><html>rate limited</html>")})
    bad = await run_one(hostile_queue, body())
    assert (bad.state, bad.error_code) == (JobState.FAILED, ErrorCode.DOWNLOAD)
    assert_clear(bad)
    assert "HTML" in (bad.error or "")
    assert hostile_queue.paused_reason is None
    gateway.answer_images({"b64_json": "<html>not even base64</html>"})
    worse = await run_one(hostile_queue, body())
    assert worse.state is JobState.FAILED and "base64" in (worse.error or "")
    gateway.answer_images({"b64_json": b64(png_bytes())})
    good = await run_one(hostile_queue, body())
    assert good.state is JobState.DONE and lib.count() == 1


@pytest.mark.asyncio
async def test_a_truncated_jpeg_in_base64_fails_with_a_reason(
    hostile_queue: JobQueue, gateway: ScriptedGateway, lib: Library
) -> None:
    whole = jpeg_bytes()
    gateway.answer_images({"b64_json": b64(whole[: len(whole) // 2])})
    job = await run_one(hostile_queue, body())
    assert (job.state, job.error_code) == (JobState.FAILED, ErrorCode.DOWNLOAD)
    assert "JPEG" in (job.error or "") and lib.count() == 0
    # Inline data cannot be fetched again; the message says what will work.
    assert not job.can_check and "Retry" in (job.error or "")


@pytest.mark.asyncio
async def test_a_truncated_png_download_fails_then_check_again_collects_it(
    hostile_queue: JobQueue, gateway: ScriptedGateway, lib: Library
) -> None:
    whole = png_bytes(64)
    url = gateway.serve_file("r.png", whole[:-30])
    gateway.answer_images({"url": url})
    job = await run_one(hostile_queue, body())
    assert (job.state, job.error_code) == (JobState.FAILED, ErrorCode.DOWNLOAD)
    assert job.can_check and "jobs check" in (job.error or "")
    assert lib.count() == 0 and hostile_queue.paused_reason is None
    gateway.serve_file("r.png", whole)  # the CDN serves it whole now
    await hostile_queue.check_again(job.id)
    await hostile_queue.wait_idle()
    checked = hostile_queue.get(job.id)
    assert checked.state is JobState.DONE and lib.count() == 1
    assert gateway.creates == 1


@pytest.mark.asyncio
async def test_inline_base64_is_never_kept_in_the_job_record(
    hostile_queue: JobQueue, gateway: ScriptedGateway, lib: Library, tmp_path: Path
) -> None:
    payload = b64(png_bytes(256))
    gateway.answer_images({"b64_json": payload})
    rows: list[str] = []

    def read_row(event: JobEvent) -> None:
        # Every state the job passes through, as written to library.db.
        if event.job is not None:
            with sqlite3.connect(tmp_path / "lib" / "library.db") as conn:
                [results] = conn.execute(
                    "SELECT results FROM jobs WHERE id = ?", (event.job.id,)
                ).fetchone()
            rows.append(results)

    hostile_queue.subscribe(read_row)
    job = await run_one(hostile_queue, body())
    assert job.state is JobState.DONE and len(rows) >= 3
    assert all(payload[:64] not in results and len(results) < 300 for results in rows)
    leftovers = [p for p in (tmp_path / "lib").rglob("*") if p.is_file() and p.suffix == ".bin"]
    assert leftovers == []


@pytest.mark.asyncio
async def test_more_results_than_asked_are_capped_with_a_warning(
    hostile_queue: JobQueue, gateway: ScriptedGateway, lib: Library
) -> None:
    url = gateway.serve_file("one.png", png_bytes())
    gateway.answer_images(*[{"url": url}] * 500)
    job = await run_one(hostile_queue, body(n=1))
    assert job.state is JobState.DONE and len(job.image_ids) == 1
    assert job.warning and "500 images" in job.warning
    assert job.cost_usd is not None and job.cost_usd == job.estimate_usd  # one image's price
    assert job.to_json()["warning"] == job.warning


def test_a_task_timeout_is_checked_again_from_the_cli_without_a_new_create(
    gateway: ScriptedGateway, home: Path
) -> None:
    gateway.answer_task()
    gateway.poll_replies = [processing()]
    made = cli(
        "generate", "slow", "--model", "flux-pro", "--poll-interval", "0.05",
        "--task-timeout", "0.5", base_url=gateway.base_url, key=API_KEY, home=home,
    )  # fmt: skip
    assert made.returncode == 5 and "jobs check" in made.stderr, made.stderr
    listed = json.loads(
        cli("jobs", "list", "--json", base_url=gateway.base_url, key=API_KEY, home=home).stdout
    )
    [failed] = listed
    assert failed["can_check"] and failed["cost_status"] == "none"
    gateway.poll_replies = [gateway.task_completed(gateway.serve_file("late.png", png_bytes()))]
    checked = cli(
        "jobs", "check", failed["id"][:8], "--json",
        base_url=gateway.base_url, key=API_KEY, home=home,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr
    [record] = json.loads(checked.stdout)
    assert record["state"] == "done" and len(record["images"]) == 1
    assert record["task_id"] == TASK_ID and gateway.creates == 1


def test_check_again_refuses_a_job_with_nothing_to_look_at(
    sandbox: SandboxServer, home: Path
) -> None:
    sandbox.set_faults("500@create")
    cli(
        "generate",
        "x",
        "--model",
        "dall-e-2",
        base_url=sandbox.base_url,
        key=sandbox.api_key,
        home=home,
    )
    [job] = json.loads(
        cli("jobs", "list", "--json", base_url=sandbox.base_url, key="", home=home).stdout
    )
    result = cli(
        "jobs", "check", job["id"], base_url=sandbox.base_url, key=sandbox.api_key, home=home
    )
    assert result.returncode == 2 and "jobs retry" in result.stderr
    assert sandbox.stats.snapshot()["create_requests"] == 1


# ----- section 6: ambiguous ids --------------------------------------------------------------


def test_an_ambiguous_job_id_lists_the_matches(home: Path, sandbox: SandboxServer) -> None:
    library = Library.open(home / "library")
    try:
        from lemon_desktop.jobs import JobStore

        jobs = JobStore(library.database).create(
            [NewJob(request=body(prompt=f"p{i}")) for i in range(17)]
        )
    finally:
        library.close()
    by_first: dict[str, list[str]] = {}
    for job in jobs:
        by_first.setdefault(job.id[0], []).append(job.id)
    first, shared = next((k, v) for k, v in by_first.items() if len(v) > 1)
    result = cli("jobs", "show", first, base_url=sandbox.base_url, key="", home=home)
    assert result.returncode == 2, result.stderr
    assert "Several jobs start with" in result.stderr
    assert all(job_id in result.stderr for job_id in shared)
    unique = cli("jobs", "show", shared[0], base_url=sandbox.base_url, key="", home=home)
    assert unique.returncode == 0 and shared[0] in unique.stdout


# ----- the whole-image check itself ------------------------------------------------------------


def test_the_whole_image_check() -> None:
    png, jpeg = png_bytes(64), jpeg_bytes()
    assert check_whole_image(png) == "png" and check_whole_image(jpeg) == "jpeg"
    for damaged in (png[:-12], png[: len(png) // 2], jpeg[: len(jpeg) // 2], b"<html>x</html>"):
        with pytest.raises(IncompleteImage):
            check_whole_image(damaged)


# ----- the queue panel offers what the job layer can do -------------------------------------------


@pytest.mark.asyncio
async def test_the_queue_panel_offers_check_again_and_send_anyway(
    hostile_queue: JobQueue, gateway: ScriptedGateway, qapp: QApplication
) -> None:
    url = gateway.serve_file("cut.png", png_bytes(64)[:-30])
    gateway.answer_images({"url": url})
    job = await run_one(hostile_queue, body())
    panel = QueuePanel()
    panel.set_jobs([job])
    assert "check" in panel.model.data(panel.model.index(0, QueueModel.ACTIONS), ACTIONS_ROLE)
    checked: list[str] = []
    panel.check_requested.connect(checked.append)
    panel._on_action("check", 0)
    assert checked == [job.id]
    sent: list[bool] = []
    panel.send_anyway_requested.connect(lambda: sent.append(True))
    panel.apply(JobEvent("queue_paused", message="price unknown", code="price_unknown"))
    assert panel.banner.send_anyway.isVisibleTo(panel)
    panel.banner.send_anyway.click()
    assert sent == [True]
    panel.apply(JobEvent("queue_paused", message="cap", code="cap"))
    panel.apply(JobEvent("queue_resumed"))
    panel.apply(JobEvent("queue_paused", message="cap reached", code="cap"))
    assert not panel.banner.send_anyway.isVisibleTo(panel)


def test_a_key_rejected_while_polling_exits_3_from_the_cli(
    gateway: ScriptedGateway, home: Path
) -> None:
    gateway.answer_task()
    gateway.poll_replies = [processing(), error_reply(401, "invalid api key")]
    result = cli(
        "generate", "x", "--model", "flux-pro", "--poll-interval", "0.05",
        base_url=gateway.base_url, key=API_KEY, home=home,
    )  # fmt: skip
    assert result.returncode == 3, result.stderr
    assert "API key" in result.stderr and "Traceback" not in result.stderr
