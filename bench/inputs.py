"""An edit with 16 reference images of 4 MB each: Lemon Desktop's client against a bare
httpx2 multipart upload of the same files, side by side in one run.

Both post to one loopback server in its own process that reads and discards the body
and answers a one-image result. Ours is the whole path a job takes: the input profile,
every check (Pillow reads each file's header), the form chosen, the files streamed from
disk and hashed on the way (a file changed after checking is never sent whole). The
bare upload opens the same files and hands them to httpx2. Rounds alternate; the
result is the median time and the peak Python memory (tracemalloc) of each, and the
ratios ours/bare. Goals: memory at most 1.2x, time at most 1.1x.

    .venv/bin/python bench/inputs.py [--rounds 7] [--images 16] [--mb 4]
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Awaitable, Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx2
from PIL import Image

from lemon_desktop.api.client import LemonClient
from lemon_desktop.api.multipart import forget_verified
from lemon_desktop.api.request import ImageRequest, InputImage
from lemon_desktop.api.routing import send_request

ANSWER = b'{"created": 1, "data": [{"url": "https://cdn.example/result.png"}]}'
CHUNK = 1024 * 1024


class Discard(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        remaining = int(self.headers.get("Content-Length") or 0)
        while remaining:
            got = self.rfile.read(min(CHUNK, remaining))
            if not got:
                break
            remaining -= len(got)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(ANSWER)))
        self.end_headers()
        self.wfile.write(ANSWER)

    do_GET = do_POST


def serve(port_out: multiprocessing.SimpleQueue[int]) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Discard)
    port_out.put(server.server_address[1])
    server.serve_forever()


def make_images(folder: Path, count: int, megabytes: float) -> list[InputImage]:
    """PNGs of noise (they do not compress): each about `megabytes` on disk."""
    side = int((megabytes * 1024 * 1024 / 3) ** 0.5)
    images = []
    for number in range(count):
        pixels = random.Random(number).randbytes(side * side * 3)
        path = folder / f"ref-{number:02}.png"
        Image.frombytes("RGB", (side, side), pixels).save(path, "PNG", compress_level=1)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        images.append(InputImage(sha256=digest, path=str(path)))
    return images


async def measured(call: Callable[[], Awaitable[object]]) -> tuple[float, int]:
    tracemalloc.start()
    started = time.perf_counter()
    await call()
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak


async def run(base_url: str, images: list[InputImage], rounds: int) -> dict[str, list[float]]:
    request = ImageRequest(
        model="gpt-image-2", prompt="put them together", inputs=tuple(images), operation="edit"
    )
    ours = LemonClient(base_url, "sk-bench")
    bare = httpx2.AsyncClient(timeout=120.0, trust_env=False)

    async def call_ours() -> object:
        return await send_request(ours, request, discover=False, form="multipart")

    async def call_ours_first_use() -> object:
        forget_verified()  # every file hashed while it is sent, as on its first use
        return await call_ours()

    async def call_bare() -> object:
        handles = [open(image.path or "", "rb") for image in images]  # noqa: SIM115
        try:
            files = [("image", (Path(h.name).name, h, "image/png")) for h in handles]
            answer = await bare.post(
                f"{base_url}/v1/images/edits",
                data={"model": "gpt-image-2", "prompt": "put them together"},
                files=files,
                headers={"Authorization": "Bearer sk-bench"},
            )
            answer.raise_for_status()
            return answer.json()
        finally:
            for handle in handles:
                handle.close()

    names = ("ours", "first", "bare")
    results: dict[str, list[float]] = {f"{n}_{u}": [] for n in names for u in "sb"}
    await call_ours()  # warm both pools and imports
    await call_bare()
    for number in range(rounds):
        order = [("ours", call_ours), ("first", call_ours_first_use), ("bare", call_bare)]
        if number % 2:
            order.reverse()
        for name, call in order:
            seconds, peak = await measured(call)
            results[f"{name}_s"].append(seconds)
            results[f"{name}_b"].append(peak)
    await ours.aclose()
    await bare.aclose()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--images", type=int, default=16)
    parser.add_argument("--mb", type=float, default=4.0)
    args = parser.parse_args()
    ports: multiprocessing.SimpleQueue[int] = multiprocessing.SimpleQueue()
    server = multiprocessing.Process(target=serve, args=(ports,), daemon=True)
    server.start()
    try:
        base_url = f"http://127.0.0.1:{ports.get()}"
        with tempfile.TemporaryDirectory() as folder:
            images = make_images(Path(folder), args.images, args.mb)
            total = sum(Path(i.path or "").stat().st_size for i in images) / 1e6
            results = asyncio.run(run(base_url, images, args.rounds))
    finally:
        server.terminate()
    bare_s, bare_b = statistics.median(results["bare_s"]), max(results["bare_b"])
    print(f"{args.images} images, {total:.1f} MB in all, {args.rounds} rounds")
    print(f"bare httpx2 upload        {bare_s * 1000:7.1f} ms {bare_b / 1e6:6.2f} MB")
    ok = True
    for name, what in (("ours", "ours (files known)"), ("first", "ours (first use)")):
        seconds, peak = statistics.median(results[f"{name}_s"]), max(results[f"{name}_b"])
        print(f"{what:<25} {seconds * 1000:7.1f} ms {peak / 1e6:6.2f} MB   time ratio "
              f"{seconds / bare_s:.3f} (goal <= 1.1)   memory ratio {peak / bare_b:.3f} "
              "(goal <= 1.2)")  # fmt: skip
        ok = ok and seconds / bare_s <= 1.1 and peak / bare_b <= 1.2
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
