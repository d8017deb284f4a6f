"""The durable job queue against the sandbox: states, events, faults, restarts, money."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
import pytest_asyncio

from lemon_desktop.api.client import LemonClient
from lemon_desktop.api.profiles import ImageRequest, make_request
from lemon_desktop.jobs import ErrorCode, Job, JobEvent, JobQueue, JobState, QueueSettings
from lemon_desktop.jobs.store import NewJob
from lemon_desktop.library import Library
from lemon_desktop.library.metadata import read as read_metadata
from lemon_desktop.sandbox import SandboxServer

pytestmark = pytest.mark.asyncio

FAST = QueueSettings(concurrency=4, poll_interval=0.05, task_timeout=20)


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(tmp_path / "library")
    yield lib
    lib.close()


class Recorder:
    def __init__(self) -> None:
        self.events: list[JobEvent] = []

    def __call__(self, event: JobEvent) -> None:
        self.events.append(event)

    def kinds(self, job_id: str | None = None) -> list[str]:
        return [e.kind for e in self.events if job_id is None or (e.job and e.job.id == job_id)]

    def states(self, job_id: str) -> list[JobState]:
        seen: list[JobState] = []
        for event in self.events:
            if event.job and event.job.id == job_id and (not seen or seen[-1] != event.job.state):
                seen.append(event.job.state)
        return seen


@pytest_asyncio.fixture
async def queue(client: LemonClient, library: Library) -> AsyncIterator[JobQueue]:
    jobs = JobQueue(client, library, FAST)
    await jobs.start()
    yield jobs
    await jobs.aclose()


def request(model: str = "dall-e-2", prompt: str | None = None, **params: object) -> ImageRequest:
    if model == "dall-e-2":
        params.setdefault("size", "256x256")
    return make_request(model, prompt or f"a {model} lemon", params)


async def run_one(queue: JobQueue, request: ImageRequest) -> Job:
    job = await queue.submit(request)
    await queue.wait_idle()
    return queue.get(job.id)


async def test_inline_job_is_recorded_stored_and_priced(
    queue: JobQueue, library: Library, sandbox: SandboxServer
) -> None:
    events = Recorder()
    queue.subscribe(events)
    job = await run_one(queue, request(n=2))
    assert job.state is JobState.DONE and job.error is None
    assert events.states(job.id) == [
        JobState.QUEUED,
        JobState.SUBMITTING,
        JobState.DOWNLOADING,
        JobState.DONE,
    ]
    assert events.kinds(job.id).count("image_stored") == 2
    assert len(job.image_ids) == 2
    assert job.estimate_usd is not None and job.cost_usd == job.estimate_usd
    record = library.get(job.image_ids[0])
    assert record.job_id == job.id and record.prompt == job.prompt and record.model == "dall-e-2"
    embedded = read_metadata(record.path)
    assert embedded is not None and embedded.prompt == job.prompt
    assert sandbox.stats.snapshot()["create_requests"] == 1
    assert not [p for p in (library.scratch / "downloads").rglob("*") if p.is_file()]


async def test_task_job_reports_progress(queue: JobQueue) -> None:
    events = Recorder()
    queue.subscribe(events)
    job = await run_one(queue, request("flux-pro"))
    assert job.state is JobState.DONE and job.task_id
    assert JobState.RUNNING in events.states(job.id)
    progress = [e.job.progress for e in events.events if e.job and e.job.id == job.id]
    assert any(p is not None and 0 < p < 100 for p in progress)


async def test_streaming_job_sends_previews_then_the_image(queue: JobQueue) -> None:
    events = Recorder()
    queue.subscribe(events)
    job = await run_one(queue, request("gpt-image-2", size="1024x1024", partial_images=2))
    assert job.stream and job.state is JobState.DONE
    previews = [e for e in events.events if e.kind == "preview"]
    assert len(previews) == 2 and all(p.preview for p in previews)
    assert job.cost_usd is not None and job.usage


async def test_batch_sends_one_prompt_to_several_models(queue: JobQueue) -> None:
    jobs = await queue.submit_batch(
        [request(m, "one prompt") for m in ("dall-e-2", "flux-schnell", "midjourney")]
    )
    await queue.wait_idle()
    assert len({job.batch_id for job in jobs}) == 1 and jobs[0].batch_id
    assert [queue.get(j.id).state for j in jobs] == [JobState.DONE] * 3
    assert [j.model for j in queue.store.batch(jobs[0].batch_id)] == [
        "dall-e-2",
        "flux-schnell",
        "midjourney",
    ]


async def test_concurrency_limit_holds(
    client: LemonClient, library: Library, sandbox: SandboxServer
) -> None:
    sandbox.set_faults("latency=0.2@create")
    limited = JobQueue(client, library, QueueSettings(concurrency=2, poll_interval=0.05))
    in_flight: set[str] = set()
    most = 0

    def watch(event: JobEvent) -> None:
        nonlocal most
        if event.job is None:
            return
        if event.job.state is JobState.SUBMITTING:
            in_flight.add(event.job.id)
        else:
            in_flight.discard(event.job.id)
        most = max(most, len(in_flight))

    limited.subscribe(watch)
    for _ in range(6):
        await limited.submit(request(prompt="x"))
    await limited.wait_idle()
    await limited.aclose()
    assert most == 2


async def test_cancel_stops_polling_and_cancels_the_task(
    queue: JobQueue, sandbox: SandboxServer, library: Library
) -> None:
    sandbox.set_faults("tasknever")
    job = await queue.submit(request("flux-pro", "forever"))
    while queue.get(job.id).state is not JobState.RUNNING:
        await asyncio.sleep(0.02)
    cancelled = await queue.cancel(job.id)
    assert cancelled.state is JobState.CANCELLED and cancelled.error_code == "cancelled"
    assert sandbox.stats.snapshot()["cancel_requests"] == 1
    await queue.wait_idle()
    assert library.count() == 0


async def test_cancel_a_queued_job_sends_nothing(
    client: LemonClient, library: Library, sandbox: SandboxServer
) -> None:
    paused = JobQueue(client, library, FAST)
    paused._pause("test")  # nothing may be sent while the queue is paused
    job = await paused.submit(request(prompt="x"))
    assert (await paused.cancel(job.id)).state is JobState.CANCELLED
    await paused.aclose()
    assert sandbox.stats.snapshot()["create_requests"] == 0


async def test_retry_copies_a_failed_job(queue: JobQueue, sandbox: SandboxServer) -> None:
    sandbox.set_faults("taskfail*1")
    failed = await run_one(queue, request("flux-pro"))
    assert failed.state is JobState.FAILED and failed.error_code == "task_failed"
    assert failed.error
    again = await queue.retry(failed.id)
    await queue.wait_idle()
    assert queue.get(again.id).state is JobState.DONE and again.retry_of == failed.id
    assert queue.get(failed.id).state is JobState.FAILED
    with pytest.raises(ValueError, match="only failed, cancelled or unknown"):
        await queue.retry(again.id)


@pytest.mark.parametrize(
    ("model", "fault", "state", "code"),
    [
        ("dall-e-2", "500@create", JobState.FAILED, ErrorCode.GATEWAY),
        ("dall-e-2", "502@create", JobState.FAILED, ErrorCode.GATEWAY),
        ("dall-e-2", "504@create", JobState.FAILED, ErrorCode.GATEWAY),
        ("dall-e-2", "429=0.01@create", JobState.FAILED, ErrorCode.GATEWAY),
        ("dall-e-2", "503@create", JobState.FAILED, ErrorCode.GATEWAY),
        ("dall-e-2", "drop@create", JobState.UNKNOWN, ErrorCode.OUTCOME_UNKNOWN),
        ("dall-e-2", "badjson@create", JobState.UNKNOWN, ErrorCode.OUTCOME_UNKNOWN),
        ("dall-e-2", "notimage@download", JobState.FAILED, ErrorCode.DOWNLOAD),
        ("dall-e-2", "truncate@download", JobState.FAILED, ErrorCode.DOWNLOAD),
        ("dall-e-2", "429=0.01@create*1", JobState.DONE, None),
        ("dall-e-2", "503@create*2", JobState.DONE, None),
        # A reset after the request went out on a pooled connection: it may have run.
        ("dall-e-2", "reset@create*1", JobState.UNKNOWN, ErrorCode.OUTCOME_UNKNOWN),
        ("dall-e-2", "truncate@download*1", JobState.DONE, None),
        ("flux-pro", "taskfail", JobState.FAILED, ErrorCode.TASK_FAILED),
        ("flux-pro", "tasknever", JobState.FAILED, ErrorCode.TASK_TIMEOUT),
        ("flux-pro", "taskvanish", JobState.FAILED, ErrorCode.TASK_FAILED),
        ("flux-pro", "502@poll*3", JobState.DONE, None),
        ("flux-pro", "badjson@poll*2", JobState.DONE, None),
        ("flux-pro", "notimage@download", JobState.FAILED, ErrorCode.DOWNLOAD),
    ],
)
async def test_every_fault_ends_the_job(
    client: LemonClient,
    library: Library,
    sandbox: SandboxServer,
    model: str,
    fault: str,
    state: JobState,
    code: ErrorCode | None,
) -> None:
    sandbox.set_faults(fault)
    jobs = JobQueue(client, library, QueueSettings(poll_interval=0.05, task_timeout=1.5))
    job = await run_one(jobs, request(model))
    await jobs.aclose()
    assert (job.state, job.error_code) == (state, code), job.error
    if state is JobState.DONE:
        assert len(job.image_ids) == 1
    else:
        assert job.error and "Traceback" not in job.error
    creates = sandbox.stats.snapshot()["create_requests"]
    assert creates <= 1, "a create the gateway ran was sent again"


async def test_402_holds_the_queue_without_failing_other_jobs(
    queue: JobQueue, sandbox: SandboxServer
) -> None:
    events = Recorder()
    queue.subscribe(events)
    sandbox.set_faults("402@create")
    first = await queue.submit(request(prompt="a"))
    await asyncio.sleep(0.3)
    others = [await queue.submit(request(prompt="b")) for _ in range(3)]
    await asyncio.sleep(0.3)
    held = queue.get(first.id)
    assert held.state is JobState.HELD and held.error_code == "balance"
    assert held.error and held.error.startswith("Balance $")
    assert queue.paused_reason == held.error
    assert "queue_paused" in events.kinds()
    assert {queue.get(j.id).state for j in others} == {JobState.QUEUED}
    sandbox.set_faults(None)
    await queue.resume_queue()
    await queue.wait_idle()
    assert {queue.get(j.id).state for j in [first, *others]} == {JobState.DONE}


async def test_daily_cap_holds_new_jobs_with_a_clear_message(
    client: LemonClient, library: Library, sandbox: SandboxServer
) -> None:
    capped = JobQueue(
        client, library, QueueSettings(poll_interval=0.05, daily_cap_usd=Decimal("0.03"))
    )
    first = await run_one(capped, request())  # dall-e-2 costs $0.02 a request here
    second = await run_one(capped, request())
    await capped.aclose()
    assert first.state is JobState.DONE
    assert second.state is JobState.HELD and second.error_code == "cap"
    assert second.error and "Daily spending cap $0.03 reached" in second.error
    assert capped.spending_today() == first.cost_usd
    assert sandbox.stats.snapshot()["create_requests"] == 1


async def test_restart_resumes_polling_without_sending_again(
    client: LemonClient, library: Library, sandbox: SandboxServer
) -> None:
    first = JobQueue(client, library, FAST)
    job = await first.submit(request("flux-pro", "slow"))
    while first.get(job.id).state is not JobState.RUNNING:
        await asyncio.sleep(0.02)
    await first.aclose()  # the app quits while the task runs
    assert first.get(job.id).state is JobState.RUNNING
    second = JobQueue(client, library, FAST)
    resumed = await second.start()
    assert [j.id for j in resumed] == [job.id]
    await second.wait_idle()
    await second.aclose()
    assert second.get(job.id).state is JobState.DONE
    assert sandbox.stats.snapshot()["create_requests"] == 1
    assert library.count() == 1


async def test_restart_marks_an_interrupted_send_unknown(
    client: LemonClient, library: Library, sandbox: SandboxServer
) -> None:
    jobs = JobQueue(client, library, FAST)
    [job] = jobs.store.create([_new("dall-e-2")])
    jobs.store.update(job.id, state=JobState.SUBMITTING)
    await jobs.start()
    await jobs.wait_idle()
    unknown = jobs.get(job.id)
    await jobs.aclose()
    assert unknown.state is JobState.UNKNOWN and unknown.can_retry
    assert unknown.error and "never re-sent on its own" in unknown.error
    assert sandbox.stats.snapshot()["create_requests"] == 0


async def test_restart_downloads_again_and_stores_once(
    client: LemonClient, library: Library, sandbox: SandboxServer
) -> None:
    result = await client.create_image(request())
    url = result.images[0].url  # type: ignore[union-attr]
    jobs = JobQueue(client, library, FAST)
    [job] = jobs.store.create([_new("dall-e-2")])
    jobs.store.update(job.id, state=JobState.DOWNLOADING, results=[{"url": url}])
    await jobs.start()
    await jobs.wait_idle()
    # A second restart finds nothing to do.
    assert await jobs.start() == []
    await jobs.aclose()
    assert jobs.get(job.id).state is JobState.DONE
    assert library.count() == 1


async def test_many_jobs_with_faults_all_end_and_add_up(
    client: LemonClient, library: Library, sandbox: SandboxServer
) -> None:
    sandbox.set_faults("seed=7,500@create%5,taskfail%5,truncate@download%5")
    jobs = JobQueue(
        client, library, QueueSettings(concurrency=16, poll_interval=0.05, task_timeout=20)
    )
    models = ["dall-e-2", "flux-pro", "flux-schnell", "midjourney"]
    submitted = await jobs.submit_many(
        [request(models[i % 4], prompt=f"prompt {i}") for i in range(200)]
    )
    await jobs.wait_idle()
    await jobs.aclose()
    final = [jobs.get(j.id) for j in submitted]
    states = Counter(j.state for j in final)
    assert set(states) <= {JobState.DONE, JobState.FAILED}
    assert states[JobState.DONE] > 150
    assert library.count() == sum(len(j.image_ids) for j in final) == states[JobState.DONE]
    assert sandbox.stats.snapshot()["create_requests"] == 200


def _new(model: str) -> NewJob:
    return NewJob(request=request(model, "x"))
