"""Each job belongs to the gateway it was made for: a queue resumes only its own
gateway's jobs, so switching to the sandbox never polls a paid task there and a
sandbox test is never sent to the paid gateway. All over real loopback HTTP."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from lemon_desktop.api.client import LemonClient
from lemon_desktop.api.profiles import ImageRequest, make_request
from lemon_desktop.core.session import QueueOverrides, Session
from lemon_desktop.jobs import Job, JobQueue, JobState, JobStore, QueueSettings
from lemon_desktop.jobs.records import SANDBOX_GATEWAY, gateway_identity
from lemon_desktop.jobs.schema import LAYER, MIGRATIONS
from lemon_desktop.jobs.store import NewJob
from lemon_desktop.library import Library
from lemon_desktop.sandbox import SandboxServer

FAST = QueueSettings(concurrency=2, poll_interval=0.05, task_timeout=20)
FAST_SESSION = QueueOverrides(poll_interval=0.05, task_timeout=20)


@pytest.fixture
def real() -> Iterator[SandboxServer]:
    """A second sandbox standing in for the real, paid gateway (its own URL as identity)."""
    with SandboxServer(task_seconds=1.0) as server:
        yield server


def _task_request() -> ImageRequest:
    return make_request("flux-pro", "a lemon that takes a while", {})


async def _until(queue: JobQueue, job_id: str, state: JobState) -> Job:
    for _ in range(500):
        job = queue.get(job_id)
        if job.state is state:
            return job
        await asyncio.sleep(0.02)
    raise AssertionError(f"job {job_id} never became {state}: {queue.get(job_id)}")


def test_the_sandbox_is_one_gateway_whatever_its_port() -> None:
    assert gateway_identity("http://127.0.0.1:4001", sandbox=True) == SANDBOX_GATEWAY
    assert gateway_identity("http://127.0.0.1:4999", sandbox=True) == SANDBOX_GATEWAY
    # The real gateway's URL as the client reads it: "/v1" and a trailing "/" are the same.
    assert gateway_identity("https://api.example.com/v1/") == "https://api.example.com"


@pytest.mark.asyncio
async def test_a_paid_task_is_not_polled_on_the_sandbox_and_resumes_after(
    home: Path, real: SandboxServer
) -> None:
    async with Session(home, overrides=FAST_SESSION) as session:
        await session.connect(real.base_url, real.api_key, source="session", probe=False)
        assert session.queue is not None and session.queue.gateway == real.base_url
        job = await session.queue.submit(_task_request())
        running = await _until(session.queue, job.id, JobState.RUNNING)
        assert running.task_id and running.gateway == real.base_url

        # The window switches to its sandbox (Gateway menu / banner).
        await session.start_sandbox()
        sandbox, queue = session.sandbox, session.queue
        assert sandbox is not None and queue is not None and queue.gateway == SANDBOX_GATEWAY
        assert [j.id for j in queue.waiting_elsewhere] == [job.id]
        await queue.resume_queue()  # "resume" never takes another gateway's job either
        polls_before = real.stats.snapshot()["poll_requests"]
        await asyncio.sleep(0.4)  # several poll intervals
        assert sandbox.stats.snapshot()["poll_requests"] == 0
        assert sandbox.stats.snapshot()["create_requests"] == 0
        assert real.stats.snapshot()["poll_requests"] == polls_before
        kept = queue.get(job.id)
        assert (kept.state, kept.task_id, kept.error) == (JobState.RUNNING, running.task_id, None)
        with pytest.raises(ValueError, match=rf"switch to gateway {real.base_url}"):
            await queue.cancel(job.id)  # its task is the real gateway's to cancel

        # Back on the real gateway: polled there, its paid result collected.
        await session.connect(real.base_url, real.api_key, source="session", probe=False)
        assert session.queue is not None and session.queue.waiting_elsewhere == []
        await session.queue.wait_idle()
        done = session.queue.get(job.id)
        assert done.state is JobState.DONE and len(done.image_ids) == 1
        assert real.stats.snapshot()["create_requests"] == 1


@pytest.mark.asyncio
async def test_a_queued_sandbox_job_is_never_sent_to_the_real_gateway(
    home: Path, real: SandboxServer
) -> None:
    async with Session(home, overrides=FAST_SESSION) as session:
        await session.start_sandbox()
        assert session.queue is not None
        request = make_request("dall-e-2", "a test lemon", {"size": "256x256"})
        # Recorded on the sandbox, then the window switched away before it was sent.
        [queued] = session.queue.store.create([NewJob(request, gateway=SANDBOX_GATEWAY)])
        [failed] = session.queue.store.create([NewJob(request, gateway=SANDBOX_GATEWAY)])
        session.queue.store.update(failed.id, state=JobState.FAILED, error="test failure")

        await session.connect(real.base_url, real.api_key, source="session", probe=False)
        queue = session.queue
        assert queue is not None
        assert [j.id for j in queue.waiting_elsewhere] == [queued.id]
        await queue.resume_queue(allow_unknown_cost=True)
        await queue.wait_idle()
        await asyncio.sleep(0.2)
        assert real.stats.snapshot()["create_requests"] == 0
        assert real.stats.create_attempts == 0  # not even one the gateway refused
        assert queue.get(queued.id).state is JobState.QUEUED
        with pytest.raises(ValueError, match=r"made for the sandbox gateway.*--sandbox"):
            await queue.retry(failed.id)
        assert real.stats.snapshot()["create_requests"] == 0

        # Back in the sandbox (a new one, on another port): it runs there.
        await session.start_sandbox()
        assert session.queue is not None and session.sandbox is not None
        await session.queue.wait_idle()
        assert session.queue.get(queued.id).state is JobState.DONE
        assert session.sandbox.stats.snapshot()["create_requests"] == 1
        assert real.stats.snapshot()["create_requests"] == 0


@pytest.mark.asyncio
async def test_a_queue_with_another_identity_leaves_a_running_task_alone(
    tmp_path: Path, real: SandboxServer
) -> None:
    with Library.open(tmp_path / "library") as library:
        async with LemonClient(real.base_url, real.api_key) as client:
            first = JobQueue(client, library, FAST, gateway=SANDBOX_GATEWAY)
            job = await first.submit(_task_request())
            await _until(first, job.id, JobState.RUNNING)
            await first.aclose()
            polls = real.stats.snapshot()["poll_requests"]

            other = JobQueue(client, library, FAST, gateway="https://api.example.com")
            assert await other.start() == [] and [j.id for j in other.waiting_elsewhere] == [job.id]
            await asyncio.sleep(0.3)
            await other.aclose()
            assert real.stats.snapshot()["poll_requests"] == polls

            again = JobQueue(client, library, FAST, gateway=SANDBOX_GATEWAY)
            assert [j.id for j in await again.start()] == [job.id]
            await again.wait_idle()
            await again.aclose()
            assert again.get(job.id).state is JobState.DONE
            assert real.stats.snapshot()["create_requests"] == 1


@pytest.mark.asyncio
async def test_jobs_recorded_before_the_gateway_column_resume_as_before(
    tmp_path: Path, real: SandboxServer
) -> None:
    root = tmp_path / "library"
    request = make_request("dall-e-2", "an old lemon", {"size": "256x256"})
    with Library.open(root) as library:
        # The jobs tables as the previous version made them (version 2), with one job
        # recorded by it and not sent yet.
        assert library.database.apply_schema(LAYER, MIGRATIONS[:2]) == 2
    conn = sqlite3.connect(root / "library.db")
    with conn:
        conn.execute(
            "INSERT INTO jobs (id, model, prompt, request, state, created, updated, options) "
            "VALUES ('old1', 'dall-e-2', 'an old lemon', ?, 'queued', "
            "'2024-01-01T00:00:00+00:00', '2024-01-01T00:00:00+00:00', '{}')",
            (json.dumps(request.to_json(), sort_keys=True),),
        )
    conn.close()
    with Library.open(root) as library:
        store = JobStore(library.database)  # migrates to the current version
        old = store.get("old1")
        assert old.gateway is None and old.waits_for("anything") is None
        conn = sqlite3.connect(root / "library.db")
        (version,) = conn.execute(
            "SELECT version FROM layer_schemas WHERE layer = ?", (LAYER,)
        ).fetchone()
        conn.close()
        assert version == MIGRATIONS[-1].version == 3
        async with LemonClient(real.base_url, real.api_key) as client:
            queue = JobQueue(client, library, FAST)
            assert [j.id for j in await queue.start()] == ["old1"]
            await queue.wait_idle()
            new = await queue.submit(request)
            await queue.wait_idle()
            await queue.aclose()
        assert queue.get("old1").state is JobState.DONE
        assert queue.get(new.id).gateway == real.base_url


def test_the_command_line_names_the_gateway_a_job_waits_for(
    home: Path, real: SandboxServer
) -> None:
    from lemon_desktop.settings import load_settings

    from .test_cli import run_cli

    request = make_request("dall-e-2", "a test lemon", {"size": "256x256"})
    with Library.open(load_settings(home).library_root(home)) as library:
        store = JobStore(library.database)
        [queued, failed] = store.create(
            [NewJob(request, gateway=SANDBOX_GATEWAY), NewJob(request, gateway=SANDBOX_GATEWAY)]
        )
        store.update(failed.id, state=JobState.FAILED, error="test failure")

    listed = run_cli("jobs", "list", sandbox=real)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.count("waits for the sandbox gateway") == 1  # not the failed one
    shown = run_cli("jobs", "show", queued.id[:8], sandbox=real)
    assert "waits for: the sandbox gateway" in shown.stdout and "--sandbox" in shown.stdout
    as_json = json.loads(run_cli("jobs", "show", queued.id, "--json", sandbox=real).stdout)
    assert (as_json["gateway"], as_json["waits_for"]) == (SANDBOX_GATEWAY, SANDBOX_GATEWAY)

    resumed = run_cli("jobs", "resume", sandbox=real)
    assert resumed.returncode == 0, resumed.stderr
    assert f"job {queued.id[:8]} waits for the sandbox gateway" in resumed.stderr
    retried = run_cli("jobs", "retry", failed.id, sandbox=real)
    assert retried.returncode == 2 and "switch to the sandbox gateway" in retried.stderr
    assert real.stats.create_attempts == 0
