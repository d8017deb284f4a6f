"""Library scale: does a million-image library open and search as fast as a small one?

Builds libraries of the given sizes (index rows inserted in bulk through the
library's own insert path, search-index triggers included, plus 100 small real
files in each; built once and kept in a cache folder, see --cache), then, in
alternating rounds, measures:

* open: `Library.open(root)` + the first gallery page of 200 rows + `close()`
* search: `library.search(text, 200)`, newest first, for a common word (about
  2 % of the images; as typed, the last word also matches as a prefix, and
  with a space after it, as a word only) and for parts of the Chinese text
  every prompt also has (about 1.6 % of the images): a four-character and a
  two-character substring
* typing: the word as the search box sends it keystroke by keystroke (`c`, `ca`,
  then `castl`, a five-letter prefix of a common word) and one Chinese
  character (a prefix of the index's character pairs)
* raw: the word search as plain SQL over the search index (every hit joined,
  sorted by date, first 201), the way the library ran it before

and prints medians side by side. Goals: open biggest/smallest <= 1.5; the
searches at most 20 ms at a million images and at most 1.5x their time at
100,000.

    .venv/bin/python bench/library_scale.py [--sizes 1000 100000 1000000] [--rounds 16]
    .venv/bin/python bench/library_scale.py --migration 1000000 [--from-schema 5]
        # time the migration of an existing library of that many images made at
        # that schema (3: before the search index in every language; 5: before
        # the prefix indexes), and its library.db size before and after
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

from PIL import Image

from lemon_desktop.library import Library
from lemon_desktop.library.db import connect, migrate
from lemon_desktop.library.ingest import insert_rows
from lemon_desktop.library.migrations import MIGRATIONS
from lemon_desktop.library.searchtext import ID_MASK
from lemon_desktop.library.store import relpath_for

MODELS = ["gpt-image-2", "flux-pro", "seedream-4", "imagen-4", None]
SIZES = [(1024, 1024), (1536, 1024), (1024, 1536), (512, 512), (1792, 1024)]
_VOCAB_RNG = random.Random(1)
VOCAB = [
    "".join(_VOCAB_RNG.choice("bcdfghjklmnprstvz") + _VOCAB_RNG.choice("aeiou") for _ in range(3))
    for _ in range(600)
] + ["cat", "castle", "portrait", "sunset"]
# Chinese words of two or three characters, none using the characters of the one
# the CJK searches look for, written together without spaces as Chinese is.
CJK_TARGET = "柠檬形状"
_CJK_POOL = [chr(c) for c in range(0x4E00, 0x9FA6) if chr(c) not in CJK_TARGET]
CJK_VOCAB = [
    "".join(_VOCAB_RNG.choice(_CJK_POOL) for _ in range(_VOCAB_RNG.choice((2, 3))))
    for _ in range(599)
] + [CJK_TARGET]
# A common word typed to one letter short: a prefix longer than the index's
# prefix indexes (searchtext.PREFIX_LENGTHS), so FTS5 gathers its terms' hits.
TYPED_LONG = "castl"
CJK_WORDS = 10  # per prompt: the target is in about 1.6 % of them
RAW_SQL = (
    "SELECT id, sha256, path, format, width, height, bytes, created, favourite, rating, "
    "deleted_at FROM images WHERE deleted_at IS NULL AND id IN "
    f"(SELECT rowid & {ID_MASK} FROM images_fts WHERE images_fts MATCH ?) "
    "ORDER BY created DESC, id DESC LIMIT 201"
)
# Bump when build() makes different rows, so cached libraries are made again.
BUILD_VERSION = 2


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


def cache_folder() -> Path:
    """Where built bench libraries are kept between runs (LEMON_BENCH_CACHE to move it)."""
    default = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "lemon-bench"
    return Path(os.environ.get("LEMON_BENCH_CACHE", default))


def cached(name: str, make: Callable[[Path], object]) -> Path:
    """The folder `name` in the bench cache, made by `make(folder)` when absent.

    Made under a temporary name and renamed, so a run stopped half-way never
    leaves a half-built library to be reused. A library made by an older schema
    is migrated when the benchmark opens it, as a user's would be."""
    final = cache_folder() / name
    if final.exists():
        return final
    final.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=final.parent))
    try:
        make(temp)
        temp.rename(final)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return final


def insert_chunked(conn: sqlite3.Connection, rows: Iterable[dict[str, object]]) -> None:
    """Index rows through the library's own insert path, in large transactions."""
    chunk: list[dict[str, object]] = []
    for row in rows:
        chunk.append({**BENCH_ROW, **row})
        if len(chunk) == _CHUNK:
            conn.execute("BEGIN IMMEDIATE")
            insert_rows(conn, chunk)
            conn.execute("COMMIT")
            chunk = []
    conn.execute("BEGIN IMMEDIATE")
    insert_rows(conn, chunk)
    conn.execute("UPDATE images SET rating = id % 6, favourite = (id % 7 = 0)")
    conn.execute("COMMIT")
    conn.execute("PRAGMA optimize")


def bulk_insert(lib: Library, rows: Iterable[dict[str, object]]) -> None:
    # The search index is left as its automatic merges leave it, as in a library
    # that grew image by image (no 'optimize' into one segment).
    insert_chunked(lib.database.conn(), rows)


def bench_rows(root: Path, n: int, seed: int = 0, real: int = 100) -> Iterator[dict[str, object]]:
    rng = random.Random(seed)
    for i in range(n):
        if i < real:
            buf = io.BytesIO()
            Image.new("RGB", (16, 16), (i, 0, 0)).save(buf, "PNG")
            data = buf.getvalue()
            sha = hashlib.sha256(data).hexdigest()
            (root / relpath_for(sha, "png")).parent.mkdir(parents=True, exist_ok=True)
            (root / relpath_for(sha, "png")).write_bytes(data)
            w, h, size = 16, 16, len(data)
        else:
            sha = hashlib.sha256(f"{seed}-{i}".encode()).hexdigest()
            (w, h), size = rng.choice(SIZES), rng.randrange(200_000, 3_000_000)
        day = rng.randrange(365)
        words = " ".join(rng.choice(VOCAB) for _ in range(12))
        chinese = "".join(rng.choice(CJK_VOCAB) for _ in range(CJK_WORDS))
        yield {
            "sha256": sha,
            "path": relpath_for(sha, "png"),
            "width": w,
            "height": h,
            "bytes": size,
            "created": f"2025-{1 + day // 31 % 12:02d}-{1 + day % 28:02d}T"
            f"{rng.randrange(24):02d}:{rng.randrange(60):02d}:00.{i % 1_000_000:06d}Z",
            "model": rng.choice(MODELS),
            "prompt": f"{words}，{chinese}。",
            "params": '{"size": "1024x1024", "quality": "high"}',
        }


def build(root: Path, n: int, seed: int = 0) -> float:
    started = time.perf_counter()
    lib = Library.open(root)
    bulk_insert(lib, bench_rows(root, n, seed))
    lib.close()
    return time.perf_counter() - started


def library(n: int, seed: int = 0) -> Path:
    """A bench library of `n` images, from the cache or built into it."""

    def make(folder: Path) -> None:
        seconds = build(folder, n, seed)
        print(f"built {n:>9,} entries in {seconds:.1f} s")

    return cached(f"library-{n}-seed{seed}-v{BUILD_VERSION}", make)


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def open_first_page(root: Path) -> None:
    lib = Library.open(root)
    assert len(lib.page("", 200).rows) == 200
    lib.close()


def time_migration(n: int, schema: int) -> None:
    """Make a library of `n` images at `schema` (what an older release made), then
    time opening it, which brings it up to the current schema."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "lib"
        root.mkdir()
        conn = connect(root / "library.db")
        migrate(conn, MIGRATIONS[:schema])
        started = time.perf_counter()
        insert_chunked(conn, bench_rows(root, n))
        conn.close()
        seconds = time.perf_counter() - started
        print(f"built a schema-{schema} library of {n:,} images in {seconds:.1f} s")
        size = (root / "library.db").stat().st_size
        started = time.perf_counter()
        Library.open(root).close()
        seconds = time.perf_counter() - started
        after = (root / "library.db").stat().st_size
        print(
            f"migration to schema {MIGRATIONS[-1].version}: {seconds:.1f} s; "
            f"library.db {size / 2**20:.0f} MB -> {after / 2**20:.0f} MB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    # Twice the eight searches, so each starts a round equally often.
    parser.add_argument("--rounds", type=int, default=16)
    parser.add_argument("--word", default="cat")
    parser.add_argument("--migration", type=int, metavar="N", help="time the migration only")
    parser.add_argument(
        "--from-schema", type=int, default=5, help="the schema the --migration library has"
    )
    args = parser.parse_args()
    if args.migration:
        time_migration(args.migration, args.from_schema)
        return
    sizes = sorted(set(args.sizes))
    roots = {n: library(n) for n in sizes}
    print(f"libraries in {cache_folder()}")
    for n, root in roots.items():
        print(
            f"library.db of {n:>9,} images: {(root / 'library.db').stat().st_size / 2**20:8.1f} MB"
        )
    libs = {n: Library.open(root) for n, root in roots.items()}
    raws = {n: sqlite3.connect(root / "library.db") for n, root in roots.items()}
    match = f'"{args.word}"*'  # exactly what the library sends for the word
    cjk_long, cjk_short = CJK_TARGET, CJK_TARGET[1:3]
    searches = {
        "search": args.word,
        "word": f"{args.word} ",  # typed to the end: a word, not also a prefix
        "cjk4": cjk_long,
        "cjk2": cjk_short,
        "key1": args.word[0],
        "key2": args.word[:2],
        "key5": TYPED_LONG,
        "cjk1": CJK_TARGET[0],
    }
    hits = {n: {k: libs[n].count(t) for k, t in searches.items()} for n in sizes}
    results: dict[tuple[int, str], list[float]] = {}
    for round_number in range(args.rounds):
        # The first search after open + page finds SQLite's page cache emptied by the
        # other connection and the rows of its page unread; the next ones read rows
        # the earlier ones left (the word after its prefix: the same images). So the
        # order turns: each search starts two rounds, and goes before any other in
        # half of them (every other round runs backwards).
        start = round_number // 2 % len(searches)
        in_turn = [*searches.items()][start:] + [*searches.items()][:start]
        if round_number % 2:
            in_turn.reverse()
        for n, root in roots.items():
            lib, raw = libs[n], raws[n]

            def measure(key: str, fn: Callable[[], object], n: int = n) -> None:
                results.setdefault((n, key), []).append(timed(fn))

            measure("open", partial(open_first_page, root))
            measure("page", partial(lib.page, "sort:rating", 200))
            for key, text in in_turn:
                measure(key, partial(lib.search, text, 200))
            measure("raw", partial(lambda c: c.execute(RAW_SQL, (match,)).fetchall(), raw))
            measure("count", partial(lib.count, args.word, cap=201))
    med = {k: statistics.median(v) * 1000 for k, v in results.items()}
    print(f"\nmedians of {args.rounds} rounds, milliseconds")
    print(f"{'':38}" + "".join(f"{n:>11,}" for n in sizes))
    labels = {
        "open": "open + first 200 rows + close",
        "page": "first 200 rows, sort:rating",
        "search": f"search {args.word!r}, newest first",
        "word": f"search {args.word + ' '!r}, newest first",
        "cjk4": f"search {cjk_long!r}, newest first",
        "cjk2": f"search {cjk_short!r}, newest first",
        "key1": f"search {args.word[0]!r} (first key), newest first",
        "key2": f"search {args.word[:2]!r}, newest first",
        "key5": f"search {TYPED_LONG!r}, newest first",
        "cjk1": f"search {CJK_TARGET[0]!r}, newest first",
        "raw": f"{args.word!r} as plain SQL, all hits sorted",
        "count": f"count {args.word!r} capped at 201",
    }
    for key, label in labels.items():
        print(f"{label:38}" + "".join(f"{med[(n, key)]:11.2f}" for n in sizes))
    for key in searches:
        share = "  ".join(f"{hits[n][key] / n:.2%}" for n in sizes)
        print(f"images matching {searches[key]!r}: {share}")
    small, large = sizes[0], sizes[-1]
    ratio_open = med[(large, "open")] / med[(small, "open")]
    print(f"\nopen+first page {large:,}/{small:,}: {ratio_open:.2f}  (goal <= 1.5)")
    if 100_000 in sizes and 1_000_000 in sizes:
        for key in searches:
            at_million, ratio = med[(1_000_000, key)], med[(1_000_000, key)] / med[(100_000, key)]
            print(
                f"{labels[key]}: {at_million:.2f} ms at 1,000,000 (goal <= 20), "
                f"1,000,000/100,000 {ratio:.2f} (goal <= 1.5)"
            )
    for lib in libs.values():
        lib.close()


if __name__ == "__main__":
    main()
