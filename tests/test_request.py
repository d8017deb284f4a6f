"""Typed requests: one value from the panel or the command line to the stored image.

The CLI and the window make the same request for the same inputs; the job is on disk
(queued, with the caller's estimate) before the gateway sees anything; a result is
written into the library once.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import sqlite3
import struct
import sys
import threading
from collections.abc import AsyncIterator, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from pytestqt.qtbot import QtBot

from lemon_desktop.api.client import LemonClient, Timeouts
from lemon_desktop.api.profiles import ImageRequest, InputImage, InvalidRequest, make_request
from lemon_desktop.api.request import Params
from lemon_desktop.api.retry import RetryPolicy
from lemon_desktop.cli import generate as cli_generate
from lemon_desktop.jobs import JobEvent, JobQueue, JobState, QueueSettings
from lemon_desktop.jobs.store import JobStore, NewJob
from lemon_desktop.library import Library
from lemon_desktop.sandbox import SandboxServer
from tests.hostile_server import HostileServer, Request, json_reply

# ----- the value itself ---------------------------------------------------------------


def test_a_request_is_validated_once_and_immutable() -> None:
    values = {"size": "1536x1024", "quality": "high"}
    request = make_request("gpt-image-2", "a lemon", values)
    values["quality"] = "low"  # the caller's dict is not the request's
    assert request.params["quality"] == "high"
    with pytest.raises(TypeError):
        request.params["quality"] = "low"  # type: ignore[index]
    assert request == make_request(
        "gpt-image-2", "a lemon", {"quality": "high", "size": "1536x1024"}
    )
    assert hash(request) == hash(make_request("gpt-image-2", "a lemon", dict(request.params)))
    assert request.body() == {
        "model": "gpt-image-2",
        "prompt": "a lemon",
        "size": "1536x1024",
        "quality": "high",
        "n": 1,
    }
    with pytest.raises(InvalidRequest, match="does not take style"):
        make_request("gpt-image-2", "a lemon", {"style": "vivid"})


def test_the_stored_form_round_trips_and_old_rows_still_read() -> None:
    lemon = InputImage(sha256="ab" * 32, image_id=7, path="files/ab/x.png")
    request = ImageRequest(
        "gpt-image-2", "a lemon", Params({"size": "1024x1024"}), inputs=(lemon,), mask=lemon
    )
    stored = json.loads(json.dumps(request.to_json()))
    assert ImageRequest.from_json(stored) == request
    old_row = {"model": "dall-e-2", "prompt": "x", "size": "256x256", "n": 2}
    old = ImageRequest.from_json(old_row)
    assert (old.model, old.prompt, dict(old.params)) == (
        "dall-e-2",
        "x",
        {"size": "256x256", "n": 2},
    )
    assert old.body() == old_row and old.images == 2


def test_an_old_job_row_with_a_flat_body_still_reads(lib: Library) -> None:
    store = JobStore(lib.database)
    [job] = store.create([NewJob(make_request("dall-e-2", "x", {"size": "256x256"}))])
    body = {"model": "dall-e-2", "prompt": "x", "size": "256x256", "n": 1}
    with sqlite3.connect(lib.root / "library.db") as conn:  # as an older version wrote it
        conn.execute("UPDATE jobs SET request = ? WHERE id = ?", (json.dumps(body), job.id))
    again = store.get(job.id)
    assert again.request == job.request and again.to_json()["request"] == body


# ----- the CLI and the window make the same value ---------------------------------------


def _cli_request(*argv: str) -> ImageRequest:
    parser = argparse.ArgumentParser()
    cli_generate.add_parser(parser.add_subparsers())
    args = parser.parse_args(["generate", *argv])
    [request] = cli_generate.requests_from_args(args, "gpt-image-2")
    assert isinstance(request, ImageRequest)
    return request


GPT = ["--size", "1536x1024", "--quality", "high"]
BANANA = ["--aspect-ratio", "16:9", "--resolution", "2K"]
SAME_INPUTS = [
    ("gpt-image-2", {"size": "1536x1024", "quality": "high"}, GPT),
    ("dall-e-3", {}, []),  # the profile's defaults, which the window's form shows
    ("dall-e-2", {"size": "256x256", "n": 2}, ["--size", "256x256", "--n", "2"]),
    ("nano-banana-pro", {"aspect_ratio": "16:9", "resolution": "2K"}, BANANA),
    ("flux-pro", {}, []),
]


@pytest.mark.gui
@pytest.mark.parametrize(("model", "values", "argv"), SAME_INPUTS)
def test_the_cli_and_the_window_make_the_same_request(
    qtbot: QtBot, home: Path, model: str, values: dict[str, Any], argv: list[str]
) -> None:
    from lemon_desktop.core.catalogue import builtin_entries
    from lemon_desktop.ui.generate_panel import GeneratePanel
    from lemon_desktop.ui.prompt_box import PromptHistory

    panel = GeneratePanel(PromptHistory(home))
    qtbot.addWidget(panel)
    panel.set_entries(builtin_entries())
    panel.select_model(model, values)
    panel.prompt.set_text("a lemon grove at dusk")
    sent: list[tuple[ImageRequest, Decimal | None]] = []
    panel.generate_requested.connect(lambda request, estimate: sent.append((request, estimate)))
    panel.submit()
    [(from_window, _estimate)] = sent
    from_cli = _cli_request("a lemon grove at dusk", "--model", model, *argv)
    assert isinstance(from_window, ImageRequest)
    assert from_window == from_cli and hash(from_window) == hash(from_cli)
    assert from_window.body() == from_cli.body()


# ----- recorded before anything is sent -----------------------------------------------


class FirstRequestWitness:
    """A gateway on loopback that, when the first request of all arrives, reads what the
    jobs table holds at that moment (from its own SQLite connection), then refuses it."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self.seen_first: list[tuple[str, str, str | None]] | None = None
        self.first_path: str | None = None
        self._lock = threading.Lock()
        self.server = HostileServer({"*": self._answer})

    def _answer(self, request: Request) -> Any:
        with self._lock:
            if self.seen_first is None:
                self.first_path = f"{request.method} {request.path}"
                with sqlite3.connect(self.database) as conn:
                    self.seen_first = conn.execute(
                        "SELECT id, state, estimate_usd FROM jobs"
                    ).fetchall()
        if request.path.startswith("/v1/pricing"):
            return json_reply({"object": "list", "data": []})
        return json_reply({"error": {"message": "refused", "code": "x"}}, 400)


@pytest_asyncio.fixture
async def witness(lib: Library) -> AsyncIterator[tuple[FirstRequestWitness, LemonClient]]:
    gateway = FirstRequestWitness(lib.root / "library.db")
    gateway.server.start()
    timeouts = Timeouts(connect=5, read=10, write=10, pool=5, call_deadline=20)
    try:
        async with LemonClient(
            gateway.server.base_url,
            "sk-witness",
            timeouts=timeouts,
            retry=RetryPolicy(max_retries=0),
        ) as api:
            yield gateway, api
    finally:
        gateway.server.stop()


@pytest.mark.asyncio
async def test_the_job_is_on_disk_with_the_callers_estimate_before_the_gateway_hears_of_it(
    witness: tuple[FirstRequestWitness, LemonClient], lib: Library
) -> None:
    gateway, api = witness
    queue = JobQueue(api, lib, QueueSettings(poll_interval=0.05))
    at_added: list[tuple[JobState, int]] = []

    def on_event(event: JobEvent) -> None:
        if event.kind == "added" and event.job is not None:
            at_added.append((event.job.state, len(gateway.server.requests)))

    queue.subscribe(on_event)
    request = make_request("dall-e-2", "a lemon", {"size": "256x256"})
    job = await queue.submit(request, estimate=Decimal("0.0200"))
    assert (job.state, job.estimate_usd, job.request) == (
        JobState.QUEUED,
        Decimal("0.0200"),
        request,
    )
    await queue.wait_idle()
    await queue.aclose()
    assert at_added == [(JobState.QUEUED, 0)]
    # The caller's estimate stood: the price list was never asked before sending.
    assert gateway.first_path == "POST /v1/images/generations"
    assert gateway.seen_first == [(job.id, "submitting", "0.0200")]
    assert queue.get(job.id).state is JobState.FAILED


@pytest.mark.asyncio
async def test_without_an_estimate_the_job_is_recorded_first_and_priced_later(
    witness: tuple[FirstRequestWitness, LemonClient], lib: Library
) -> None:
    gateway, api = witness
    queue = JobQueue(api, lib, QueueSettings(poll_interval=0.05))
    job = await queue.submit(make_request("dall-e-2", "a lemon", {"size": "256x256"}))
    await queue.wait_idle()
    await queue.aclose()
    assert gateway.first_path == "GET /v1/pricing"
    assert gateway.seen_first == [(job.id, "queued", None)]  # recorded, price unknown yet


@pytest.mark.asyncio
async def test_a_known_estimate_is_filled_in_when_the_price_list_answers(
    client: LemonClient, lib: Library, sandbox: SandboxServer
) -> None:
    sandbox.set_faults("latency=0.3@pricing")
    queue = JobQueue(client, lib, QueueSettings(poll_interval=0.05))
    job = await queue.submit(make_request("dall-e-2", "a lemon", {"size": "256x256"}))
    assert job.estimate_usd is None and job.state is JobState.QUEUED  # did not wait for prices
    await queue.wait_idle()
    await queue.aclose()
    done = queue.get(job.id)
    assert done.state is JobState.DONE and done.estimate_usd is not None


# ----- a download is written once -------------------------------------------------------

_IN_CLOSE_WRITE, _IN_MOVED_FROM, _IN_MOVED_TO, _IN_CREATE, _IN_DELETE = (
    0x8,
    0x40,
    0x80,
    0x100,
    0x200,
)


class FolderWatch:
    """What the kernel reports happening in some folders (inotify): files made, written,
    renamed and deleted, whoever did it."""

    def __init__(self, folders: list[Path]) -> None:
        self._libc = ctypes.CDLL(None, use_errno=True)
        self.fd = self._libc.inotify_init1(os.O_NONBLOCK)
        if self.fd < 0:
            pytest.skip("inotify is not available")
        mask = _IN_CLOSE_WRITE | _IN_MOVED_FROM | _IN_MOVED_TO | _IN_CREATE | _IN_DELETE
        self.folders: dict[int, Path] = {}
        for folder in folders:
            wd = self._libc.inotify_add_watch(self.fd, os.fsencode(folder), mask)
            assert wd >= 0, os.strerror(ctypes.get_errno())
            self.folders[wd] = folder

    def events(self) -> list[tuple[int, int, Path]]:
        """(mask, cookie, path) of everything reported so far."""
        found: list[tuple[int, int, Path]] = []
        while True:
            try:
                data = os.read(self.fd, 1 << 16)
            except BlockingIOError:
                return found
            offset = 0
            while offset < len(data):
                wd, mask, cookie, length = struct.unpack_from("iIII", data, offset)
                name = data[offset + 16 : offset + 16 + length].rstrip(b"\0")
                found.append((mask, cookie, self.folders[wd] / os.fsdecode(name)))
                offset += 16 + length

    def close(self) -> None:
        os.close(self.fd)


@pytest.fixture
def store_watch(lib: Library) -> Iterator[FolderWatch]:
    if not sys.platform.startswith("linux"):
        pytest.skip("inotify is Linux only")
    files = lib.root / "files"
    watch = FolderWatch([lib.scratch, *sorted(p for p in files.iterdir() if p.is_dir())])
    yield watch
    watch.close()


@pytest.mark.asyncio
async def test_a_downloaded_image_is_written_once_and_renamed_into_place(
    client: LemonClient, lib: Library, store_watch: FolderWatch
) -> None:
    queue = JobQueue(client, lib, QueueSettings(poll_interval=0.05))
    job = await queue.submit(make_request("dall-e-2", "a lemon", {"size": "256x256"}))
    await queue.wait_idle()
    await queue.aclose()
    done = queue.get(job.id)
    assert done.state is JobState.DONE and done.results[0].get("url")  # fetched by URL
    record = lib.get(done.image_ids[0])
    events = store_watch.events()
    written = [path for mask, _c, path in events if mask & _IN_CLOSE_WRITE]
    created = [path for mask, _c, path in events if mask & _IN_CREATE]
    deleted = [path for mask, _c, path in events if mask & _IN_DELETE]
    assert len(created) == 1 and written == created, events  # one file, written once
    assert not deleted, events  # nothing written, read back and thrown away
    [(moved_from, cookie_from)] = [(p, c) for m, c, p in events if m & _IN_MOVED_FROM]
    [(moved_to, cookie_to)] = [(p, c) for m, c, p in events if m & _IN_MOVED_TO]
    # The file written in the store's temp folder is the stored file: renamed, same inode.
    assert moved_from == created[0] and cookie_from == cookie_to
    assert moved_to == record.path and moved_from.parent == lib.scratch
    assert os.stat(record.path).st_nlink == 1
    assert not (lib.scratch / "downloads").exists()
