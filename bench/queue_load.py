"""Job queue overhead and event-loop stalls, against the sandbox in its own process.

1. Throughput: 500 jobs through the JobQueue against the same work done by the bare
   client in a loop (create, download, store in a library), both at concurrency 16,
   in alternating rounds. Goal: ours/bare jobs per second at least 0.9.
2. Stalls: the longest time the event loop was late to wake a 5 ms ticker while 16
   jobs download and store 2048x2048 images. Goal: under 50 ms.

    .venv/bin/python bench/queue_load.py [--jobs 500] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sandbox_process import sandbox_process

from lemon_desktop.api.client import LemonClient
from lemon_desktop.api.download import save_image
from lemon_desktop.api.request import ImageRequest, Params
from lemon_desktop.api.types import ImagesResult
from lemon_desktop.jobs import JobQueue, JobState, QueueSettings
from lemon_desktop.library import Library

CONCURRENCY = 16


def request(i: int, size: str = "256x256", model: str = "dall-e-2") -> ImageRequest:
    return ImageRequest(model, f"load test {i}", Params({"size": size}))


async def bare_loop(client: LemonClient, library: Library, jobs: int, scratch: Path) -> float:
    numbers = iter(range(jobs))

    async def worker() -> None:
        for i in numbers:
            result = await client.create_image(request(i))
            assert isinstance(result, ImagesResult)
            for image in result.images:
                saved = await save_image(client, image, scratch)
                data = await asyncio.to_thread(saved.path.read_bytes)
                await asyncio.to_thread(library.add_bytes, data)
                saved.path.unlink()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return time.perf_counter() - started


async def queue_run(client: LemonClient, library: Library, jobs: int, offset: int) -> float:
    queue = JobQueue(client, library, QueueSettings(concurrency=CONCURRENCY, poll_interval=0.5))
    started = time.perf_counter()
    submitted = await queue.submit_many([request(offset + i) for i in range(jobs)])
    await queue.wait_idle()
    elapsed = time.perf_counter() - started
    final = [queue.get(job.id) for job in submitted]
    await queue.aclose()
    failed = [job.error for job in final if job.state is not JobState.DONE]
    assert not failed, failed[:3]
    return elapsed


async def longest_stall(client: LemonClient, library: Library) -> tuple[float, int]:
    """Run 16 large jobs while a ticker measures how late the loop wakes it."""
    queue = JobQueue(client, library, QueueSettings(concurrency=CONCURRENCY, poll_interval=0.5))
    worst = 0.0
    ticks = 0
    done = asyncio.Event()

    async def ticker() -> None:
        nonlocal worst, ticks
        while not done.is_set():
            planned = time.perf_counter() + 0.005
            await asyncio.sleep(0.005)
            worst = max(worst, time.perf_counter() - planned)
            ticks += 1

    watcher = asyncio.create_task(ticker())
    submitted = await queue.submit_many([request(i, "2048x2048", "gpt-image-2") for i in range(16)])
    await queue.wait_idle()
    done.set()
    await watcher
    assert {queue.get(job.id).state for job in submitted} == {JobState.DONE}
    await queue.aclose()
    return worst, ticks


async def main_async(jobs: int, rounds: int) -> None:
    with sandbox_process() as (base_url, key), tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        async with LemonClient(base_url, key, max_connections=64) as client:
            bare_times, queue_times = [], []
            for number in range(rounds):
                with Library.open(root / f"bare{number}") as library:
                    bare_times.append(
                        await bare_loop(client, library, jobs, root / f"scratch{number}")
                    )
                with Library.open(root / f"queue{number}") as library:
                    queue_times.append(await queue_run(client, library, jobs, 0))
            bare = statistics.median(bare_times)
            ours = statistics.median(queue_times)
            print(f"{jobs} jobs at concurrency {CONCURRENCY}, {rounds} alternating rounds")
            print(f"  bare client loop: {jobs / bare:7.1f} jobs/s  (rounds {bare_times})")
            print(f"  job queue:        {jobs / ours:7.1f} jobs/s  (rounds {queue_times})")
            print(f"  ratio queue/bare: {bare / ours:.2f}  (goal >= 0.9)")
            # The sandbox shares this machine's two cores: let it render (and cache)
            # the big images first, so the measurement sees our process, not its CPU.
            with Library.open(root / "warm-up") as library:
                await longest_stall(client, library)
            with Library.open(root / "stall") as library:
                worst, ticks = await longest_stall(client, library)
            print(
                f"16 jobs of 2048x2048 gpt-image-2: longest event-loop stall "
                f"{worst * 1000:.1f} ms over {ticks} ticks  (goal < 50 ms)"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    asyncio.run(main_async(args.jobs, args.rounds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
