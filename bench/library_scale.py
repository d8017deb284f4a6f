"""Library scale: does a 100,000-image library open and search as fast as a 1,000-image one?

Builds two libraries (index rows inserted in bulk through the library's own
insert path, FTS triggers included, plus 100 small real files in each), then,
in alternating rounds, measures:

* open: `Library.open(root)` + the first gallery page of 200 rows + `close()`
* search: `library.search(word, 200)` on an open library, against the same
  FTS5 query (same MATCH text, filter, order and limit) through plain sqlite3

and prints medians side by side. Goals: open 100k/1k <= 1.5; search ours/raw <= 2.

    .venv/bin/python bench/library_scale.py [--sizes 1000 100000] [--rounds 15]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from PIL import Image

from lemon_desktop.library import Library
from lemon_desktop.library.ingest import insert_rows
from lemon_desktop.library.store import relpath_for

MODELS = ["gpt-image-2", "flux-pro", "seedream-4", "imagen-4", None]
SIZES = [(1024, 1024), (1536, 1024), (1024, 1536), (512, 512), (1792, 1024)]
_VOCAB_RNG = random.Random(1)
VOCAB = [
    "".join(_VOCAB_RNG.choice("bcdfghjklmnprstvz") + _VOCAB_RNG.choice("aeiou") for _ in range(3))
    for _ in range(600)
] + ["cat", "castle", "portrait", "sunset"]
RAW_SQL = (
    "SELECT id, sha256, path, format, width, height, bytes, created, favourite, rating, "
    "deleted_at FROM images WHERE deleted_at IS NULL AND id IN "
    "(SELECT rowid FROM images_fts WHERE images_fts MATCH ?) "
    "ORDER BY created DESC, id DESC LIMIT 201"
)


# Fields every bench row shares; a builder adds what makes each row its own.
BENCH_ROW = {
    "format": "png",
    "added": "2026-01-01T00:00:00.000000Z",
    "negative_prompt": None,
    "revised_prompt": None,
    "task_id": None,
    "source_url": None,
    "usage": None,
    "cost_usd": "0.04",
    "app": "bench",
    "job_id": None,
}
_CHUNK = 20_000


def bulk_insert(lib: Library, rows: Iterable[dict[str, object]]) -> None:
    """Index rows through the library's own insert path, in large transactions."""
    chunk: list[dict[str, object]] = []
    for row in rows:
        chunk.append({**BENCH_ROW, **row})
        if len(chunk) == _CHUNK:
            with lib.database.write() as conn:
                insert_rows(conn, chunk)
            chunk = []
    with lib.database.write() as conn:
        insert_rows(conn, chunk)
        conn.execute("UPDATE images SET rating = id % 6, favourite = (id % 7 = 0)")
    lib.database.conn().execute("PRAGMA optimize")


def build(root: Path, n: int, seed: int = 0) -> float:
    started = time.perf_counter()
    rng = random.Random(seed)
    lib = Library.open(root)
    real = 100

    def rows() -> Iterator[dict[str, object]]:
        for i in range(n):
            if i < real:
                buf = io.BytesIO()
                Image.new("RGB", (16, 16), (i, 0, 0)).save(buf, "PNG")
                data = buf.getvalue()
                sha = hashlib.sha256(data).hexdigest()
                (root / relpath_for(sha, "png")).parent.mkdir(exist_ok=True)
                (root / relpath_for(sha, "png")).write_bytes(data)
                w, h, size = 16, 16, len(data)
            else:
                sha = hashlib.sha256(f"{seed}-{i}".encode()).hexdigest()
                (w, h), size = rng.choice(SIZES), rng.randrange(200_000, 3_000_000)
            day = rng.randrange(365)
            yield {
                "sha256": sha,
                "path": relpath_for(sha, "png"),
                "width": w,
                "height": h,
                "bytes": size,
                "created": f"2025-{1 + day // 31 % 12:02d}-{1 + day % 28:02d}T"
                f"{rng.randrange(24):02d}:{rng.randrange(60):02d}:00.{i % 1_000_000:06d}Z",
                "model": rng.choice(MODELS),
                "prompt": " ".join(rng.choice(VOCAB) for _ in range(12)),
                "params": '{"size": "1024x1024", "quality": "high"}',
            }

    bulk_insert(lib, rows())
    lib.close()
    return time.perf_counter() - started


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def open_first_page(root: Path) -> None:
    lib = Library.open(root)
    assert len(lib.page("", 200).rows) == 200
    lib.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[1000, 100_000])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--word", default="cat")
    args = parser.parse_args()
    small_n, large_n = args.sizes
    with tempfile.TemporaryDirectory() as tmp:
        roots = {n: Path(tmp) / f"lib{n}" for n in (small_n, large_n)}
        for n, root in roots.items():
            print(f"built {n:>7,} entries in {build(root, n):.1f} s")
        libs = {n: Library.open(root) for n, root in roots.items()}
        raws = {n: sqlite3.connect(root / "library.db") for n, root in roots.items()}
        match = f'"{args.word}"*'  # exactly what the library sends for the word
        hits = {n: len(libs[n].search(args.word, 200)) for n in roots}
        results: dict[tuple[int, str], list[float]] = {}
        for _ in range(args.rounds):
            for n, root in roots.items():
                results.setdefault((n, "open"), []).append(timed(lambda r=root: open_first_page(r)))
                results.setdefault((n, "page"), []).append(
                    timed(lambda n=n: libs[n].page("sort:rating", 200))
                )
                results.setdefault((n, "search"), []).append(
                    timed(lambda n=n: libs[n].search(args.word, 200))
                )
                results.setdefault((n, "raw"), []).append(
                    timed(lambda n=n: raws[n].execute(RAW_SQL, (match,)).fetchall())
                )
                results.setdefault((n, "count"), []).append(
                    timed(lambda n=n: libs[n].count(args.word, cap=201))
                )
        med = {k: statistics.median(v) * 1000 for k, v in results.items()}
        print(f"\nmedians of {args.rounds} rounds, milliseconds")
        print(f"{'':34}{small_n:>10,}{large_n:>10,}   ratio")
        labels = {
            "open": "open + first 200 rows + close",
            "page": "first 200 rows, sort:rating",
            "search": f"search {args.word!r} (200 rows)",
            "raw": "same FTS5 query, plain sqlite3",
            "count": f"count {args.word!r} capped at 201",
        }
        for key, label in labels.items():
            a, b = med[(small_n, key)], med[(large_n, key)]
            print(f"{label:34}{a:10.2f}{b:10.2f}{b / a:8.2f}")
        print(f"\nmatches for {args.word!r} in first 200: {hits}")
        ratio_open = med[(large_n, "open")] / med[(small_n, "open")]
        print(f"open+first page {large_n:,}/{small_n:,}: {ratio_open:.2f}  (goal <= 1.5)")
        for n in roots:
            r = med[(n, "search")] / med[(n, "raw")]
            print(f"search ours/raw at {n:,}: {r:.2f}  (goal <= 2)")
        for lib in libs.values():
            lib.close()


if __name__ == "__main__":
    main()
