"""Jobs with input images over real loopback HTTP to the sandbox: inputs stored in the
library before the job is recorded, the same bytes sent again on retry without a second
upload, lineage of every result, and masks that protect pixels (the composite)."""

from __future__ import annotations

import hashlib
import io
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio
from PIL import Image, ImageChops, ImageDraw

from lemon_desktop.api.client import LemonClient
from lemon_desktop.api.request import ImageRequest, InputImage, Params
from lemon_desktop.imaging import CompositeSettings
from lemon_desktop.jobs import Job, JobQueue, JobState, QueueSettings
from lemon_desktop.jobs.inputs import InputProblem
from lemon_desktop.jobs.options import JobOptions
from lemon_desktop.library import Library
from lemon_desktop.library.metadata import read as read_metadata
from lemon_desktop.sandbox import SandboxServer

pytestmark = pytest.mark.asyncio

FAST = QueueSettings(concurrency=2, poll_interval=0.05, task_timeout=20)
SIZE = 256


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(tmp_path / "library")
    yield lib
    lib.close()


@pytest_asyncio.fixture
async def queue(client: LemonClient, library: Library) -> AsyncIterator[JobQueue]:
    jobs = JobQueue(client, library, FAST)
    await jobs.start()
    yield jobs
    await jobs.aclose()


def _write(path: Path, image: Image.Image) -> InputImage:
    image.save(path, "PNG")
    return InputImage(hashlib.sha256(path.read_bytes()).hexdigest(), path=str(path))


def _original(folder: Path) -> InputImage:
    picture = Image.merge(
        "RGB",
        (
            Image.linear_gradient("L").resize((SIZE, SIZE)),
            Image.effect_noise((SIZE, SIZE), 40),
            Image.linear_gradient("L").resize((SIZE, SIZE)).rotate(90),
        ),
    )
    return _write(folder / "photo.png", picture)


def _mask(folder: Path) -> InputImage:
    """Edit the left half (alpha 0), keep the right half (alpha 255)."""
    mask = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 255))
    ImageDraw.Draw(mask).rectangle((0, 0, SIZE // 2 - 1, SIZE - 1), fill=(0, 0, 0, 0))
    return _write(folder / "mask.png", mask)


def _edit(folder: Path, **params: object) -> ImageRequest:
    return ImageRequest(
        model="gpt-image-2",
        prompt="paint the left half lemon yellow",
        params=Params(params),
        inputs=(_original(folder),),
        mask=_mask(folder),
        operation="edit",
    )


async def _run(queue: JobQueue, request: ImageRequest, options: JobOptions | None = None) -> Job:
    job = await queue.submit(request, options=options)
    await queue.wait_idle()
    return queue.get(job.id)


def _pixels(path: Path) -> Image.Image:
    with Image.open(path) as image:
        return image.convert("RGB")


RIGHT = (SIZE // 2, 0, SIZE, SIZE)


async def test_a_masked_edit_is_composited_and_the_leak_measured(
    queue: JobQueue, library: Library, sandbox: SandboxServer, tmp_path: Path
) -> None:
    sandbox.set_options(mask_leak=0.5)
    request = _edit(tmp_path)
    job = await _run(queue, request, JobOptions(composite=CompositeSettings(feather=4)))
    assert job.state is JobState.DONE, job.error
    (entry,) = job.results
    raw = library.get(entry["image_id"])
    composite = library.get(entry["composite"]["image_id"])
    change_map = library.get(entry["composite"]["change_map_id"])
    original = _pixels(tmp_path / "photo.png")

    # The sandbox leaked about half of the protected pixels; the composite keeps them all.
    leaked = ImageChops.difference(_pixels(raw.path).crop(RIGHT), original.crop(RIGHT))
    assert leaked.getbbox() is not None
    assert _pixels(composite.path).crop(RIGHT).tobytes() == original.crop(RIGHT).tobytes()
    figure = entry["composite"]["outside_mask"]
    assert figure["protected_pixels"] == SIZE * SIZE // 2
    assert 0.35 < figure["changed_share"] < 0.65
    assert entry["composite"]["feather"] == 4
    assert "outside the mask" in entry["composite"]["summary"]

    # Lineage: raw <- photo + mask (edit); composite <- raw + photo + mask; heat map too.
    photo, mask = job.request.inputs[0], job.request.mask
    assert mask is not None and photo.image_id is not None
    assert [(p.role, p.image_id) for p in library.parents(raw.id)] == [
        ("input", photo.image_id),
        ("mask", mask.image_id),
    ]
    assert [(p.role, p.image_id) for p in library.parents(composite.id)] == [
        ("result", raw.id),
        ("original", photo.image_id),
        ("mask", mask.image_id),
    ]
    assert {c.image_id for c in library.children(photo.image_id)} == {
        raw.id,
        composite.id,
        change_map.id,
    }
    assert [row.id for row in library.search(f"is:edit from:{photo.image_id}")] == [raw.id]
    assert [row.id for row in library.search("is:composite")] == [composite.id]
    assert [row.id for row in library.search("op:change-map")] == [change_map.id]
    # The files name their parents too.
    embedded = read_metadata(composite.path)
    assert embedded is not None and embedded.lineage is not None
    assert embedded.lineage["operation"] == "composite"
    assert embedded.lineage["composite"]["outside_mask"]["changed_share"] == pytest.approx(
        figure["changed_share"]
    )


async def test_no_leak_means_no_change_outside_the_mask(
    queue: JobQueue, library: Library, sandbox: SandboxServer, tmp_path: Path
) -> None:
    sandbox.set_options(mask_leak=0.0)
    job = await _run(queue, _edit(tmp_path), JobOptions(composite=CompositeSettings()))
    (entry,) = job.results
    assert entry["composite"]["outside_mask"]["changed_pixels"] == 0
    # The model got the very bytes of the photo: its untouched half is the photo's.
    raw = _pixels(library.get(entry["image_id"]).path)
    assert raw.crop(RIGHT).tobytes() == _pixels(tmp_path / "photo.png").crop(RIGHT).tobytes()


async def test_inputs_are_in_the_library_before_the_job_is_recorded(
    queue: JobQueue, library: Library, tmp_path: Path
) -> None:
    request = _edit(tmp_path)
    job = await queue.submit(request)
    recorded = queue.get(job.id).request
    # Named by library id and the library's path, with the hash the caller gave.
    for given, stored in ((request.inputs[0], recorded.inputs[0]), (request.mask, recorded.mask)):
        assert given is not None and stored is not None
        assert stored.image_id is not None and stored.sha256 == given.sha256
        assert stored.path == str(library.get(stored.image_id).path)
        assert Path(stored.path).read_bytes() == Path(str(given.path)).read_bytes()
    await queue.wait_idle()
    assert queue.get(job.id).state is JobState.DONE


async def test_an_input_that_changed_after_it_was_chosen_is_refused(
    queue: JobQueue, tmp_path: Path
) -> None:
    request = _edit(tmp_path)
    Image.new("RGB", (SIZE, SIZE), (1, 2, 3)).save(tmp_path / "photo.png")
    with pytest.raises(InputProblem, match=r"inputs\[0\] \(photo.png\) changed"):
        await queue.submit(request)
    assert queue.jobs() == []


async def test_a_retry_sends_the_same_bytes_from_the_library_and_uploads_nothing_again(
    queue: JobQueue, library: Library, sandbox: SandboxServer, tmp_path: Path
) -> None:
    sandbox.set_options(mask_leak=0.0)
    sandbox.set_faults("taskfail*1")
    request = _edit(tmp_path, **{"async": True})
    failed = await _run(queue, request, JobOptions(form="upload"))
    assert failed.state is JobState.FAILED
    assert failed.sent is not None and failed.sent["form"] == "json"
    assert sorted(failed.sent["uploaded"]) == sorted(failed.sent["file_ids"])
    assert sandbox.stats.file_uploads == 2  # the photo and the mask
    photo = (tmp_path / "photo.png").read_bytes()
    # The user's files are gone: the library's copies are what a retry sends.
    (tmp_path / "photo.png").unlink()
    (tmp_path / "mask.png").unlink()

    retried = await queue.retry(failed.id)
    await queue.wait_idle()
    done = queue.get(retried.id)
    assert done.state is JobState.DONE, done.error
    assert done.sent is not None and done.sent["uploaded"] == []
    assert done.sent["file_ids"] == failed.sent["file_ids"]
    assert sandbox.stats.file_uploads == 2
    assert sandbox.stats.create_requests == 2
    raw = _pixels(library.get(done.image_ids[0]).path)
    assert (
        raw.crop(RIGHT).tobytes()
        == Image.open(io.BytesIO(photo)).convert("RGB").crop(RIGHT).tobytes()
    )


async def test_file_ids_outlive_the_queue(
    client: LemonClient, library: Library, sandbox: SandboxServer, tmp_path: Path
) -> None:
    request = _edit(tmp_path)
    first = JobQueue(client, library, FAST)
    await first.start()
    done = await _run(first, request, JobOptions(form="upload"))
    await first.aclose()
    assert done.state is JobState.DONE and sandbox.stats.file_uploads == 2

    # Another queue (another run of the app) on the same library: the ids are on disk.
    second = JobQueue(client, library, FAST)
    await second.start()
    again = await _run(second, request, JobOptions(form="upload"))
    await second.aclose()
    assert again.state is JobState.DONE and again.sent is not None
    assert again.sent["uploaded"] == [] and sandbox.stats.file_uploads == 2


async def test_an_input_deleted_for_good_fails_the_retry_before_sending(
    queue: JobQueue, library: Library, sandbox: SandboxServer, tmp_path: Path
) -> None:
    sandbox.set_faults("taskfail*1")
    failed = await _run(queue, _edit(tmp_path, **{"async": True}))
    assert failed.state is JobState.FAILED
    (tmp_path / "photo.png").unlink()
    photo_id = failed.request.inputs[0].image_id
    assert photo_id is not None
    library.delete([photo_id])
    library.empty_trash()
    creates = sandbox.stats.create_requests

    retried = await queue.retry(failed.id)
    await queue.wait_idle()
    job = queue.get(retried.id)
    assert job.state is JobState.FAILED
    assert job.error is not None and "inputs[0]" in job.error and "gone" in job.error
    assert sandbox.stats.create_requests == creates
