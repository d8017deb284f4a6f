"""Client overhead: Lemon Desktop's client against openai-python on the same sandbox.

Both send the same inline b64_json requests to one sandbox process (its own
process, so the server does not share the clients' interpreter), in
alternating rounds, at concurrency 1 and 16. The ratio ours/theirs of the
median round time is the result; the goal is at most 1.0.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python bench/api_overhead.py [--requests 200] [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from collections.abc import Awaitable, Callable

from openai import AsyncOpenAI
from sandbox_process import sandbox_process

from lemon_desktop.api.client import LemonClient
from lemon_desktop.api.request import ImageRequest

REQUEST = {
    "model": "dall-e-2",
    "prompt": "benchmark lemon",
    "size": "256x256",
    "response_format": "b64_json",
}


async def run_batch(call: Callable[[], Awaitable[object]], total: int, concurrency: int) -> float:
    queue = iter(range(total))

    async def worker() -> None:
        for _ in queue:
            await call()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return time.perf_counter() - started


async def measure(base_url: str, key: str, total: int, rounds: int) -> None:
    ours = LemonClient(base_url, key)
    # Made once, as the panel makes a request once; the client builds the body per call.
    request = ImageRequest.from_body(REQUEST)
    theirs = AsyncOpenAI(api_key=key, base_url=base_url + "/v1", max_retries=2)

    async def call_ours() -> object:
        result = await ours.create_image(request)
        return result

    async def call_theirs() -> object:
        return await theirs.images.generate(**REQUEST)  # type: ignore[call-overload]

    # Warm both connection pools and the sandbox's image cache.
    await run_batch(call_ours, 20, 4)
    await run_batch(call_theirs, 20, 4)
    print(f"requests per round: {total}, rounds: {rounds}, cpu count: {os.cpu_count()}")
    for concurrency in (1, 16):
        times: dict[str, list[float]] = {"ours": [], "openai": []}
        for _ in range(rounds):
            times["ours"].append(await run_batch(call_ours, total, concurrency))
            times["openai"].append(await run_batch(call_theirs, total, concurrency))
        ours_s = statistics.median(times["ours"])
        theirs_s = statistics.median(times["openai"])
        print(
            f"concurrency {concurrency:>2}: ours {ours_s:.3f} s, "
            f"openai-python {theirs_s:.3f} s, ratio ours/theirs {ours_s / theirs_s:.2f}"
        )
    await ours.aclose()
    await theirs.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with sandbox_process() as (base_url, key):
        asyncio.run(measure(base_url, key, args.requests, args.rounds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
