"""The word being typed: prefix indexes (migration 6) answer the first keys of a word
and a single CJK character like a whole word, find exactly what the index without them
found, and an existing library is upgraded in place with every image still found."""

from __future__ import annotations

import gzip
import io
import random
import re
import sqlite3
from pathlib import Path

import pytest
from PIL import Image

from lemon_desktop.library import Library
from lemon_desktop.library.db import schema_version
from lemon_desktop.library.metadata import Provenance
from lemon_desktop.library.migrations import MIGRATIONS
from lemon_desktop.library.query import parse
from lemon_desktop.library.searchtext import ID_MASK, PREFIX_LENGTHS, register

DATA = Path(__file__).parent / "data"
# Made by the code before migration 6 (schema 5) through Library.add_bytes and
# add_tags: ten images with Latin, accented, Chinese, Japanese, Korean, full-width and
# mixed prompts, four tags, the last image in the trash.
V5_LIBRARY = DATA / "library_v5_search.db.gz"
V5_IMAGES = 10
V5_TRASHED = 10

_HITS = f"SELECT rowid & {ID_MASK} FROM images_fts WHERE images_fts MATCH ?"
_CJK = re.compile(r"[\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff66-\uff9f]+")


def _unpack_v5(root: Path) -> Path:
    root.mkdir(parents=True)
    db_file = root / "library.db"
    db_file.write_bytes(gzip.decompress(V5_LIBRARY.read_bytes()))
    return db_file


def _hits(conn: sqlite3.Connection, text: str) -> set[int]:
    match = parse(text).fts_match()
    return {i for (i,) in conn.execute(_HITS, (match,))}


def _typed(prompt: str) -> set[str]:
    """What a user may type to find `prompt`: every start of every word (a word is
    found by its beginning), and every part of a CJK run of one or two characters."""
    typed: set[str] = set()
    for word in re.findall(r"\w+", prompt):
        for run in _CJK.findall(word):
            typed.update(run[i : i + n] for n in (1, 2) for i in range(len(run) - n + 1))
        latin = _CJK.sub(" ", word).split()
        typed.update(w[:n] for w in latin for n in range(1, len(w) + 1))
    return typed


def _queries(conn: sqlite3.Connection) -> dict[str, set[int]]:
    prompts = conn.execute("SELECT prompt FROM images").fetchall()
    texts = set().union(*(_typed(p) for (p,) in prompts))
    texts.update(("cafe", "CAFÉ", "brûl", "creme brulee", '"black cat"', "cat -castle", "Ça"))
    return {text: _hits(conn, text) for text in sorted(texts)}


def test_the_fixture_is_a_schema_5_library(tmp_path: Path) -> None:
    db_file = _unpack_v5(tmp_path / "lib")
    conn = sqlite3.connect(db_file)
    try:
        assert schema_version(conn) == 5
        (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'images_fts'").fetchone()
        assert "prefix" not in sql
        assert conn.execute("SELECT count(*) FROM images").fetchone()[0] == V5_IMAGES
    finally:
        conn.close()


def test_a_schema_5_library_is_upgraded_and_every_image_stays_findable(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    db_file = _unpack_v5(root)
    conn = sqlite3.connect(db_file)
    register(conn)
    before = _queries(conn)
    prompts = dict(conn.execute("SELECT id, prompt FROM images"))
    conn.close()
    assert len(before) > 150 and all(before[t] for t in ("c", "ca", "cat", "猫", "柠檬", "레"))

    with Library.open(root) as lib:
        assert lib.stats().schema_version == MIGRATIONS[-1].version == 6
        with lib.database.read() as upgraded:
            (sql,) = upgraded.execute(
                "SELECT sql FROM sqlite_master WHERE name = 'images_fts'"
            ).fetchone()
            assert f"prefix='{' '.join(map(str, PREFIX_LENGTHS))}'" in sql
            after = {text: _hits(upgraded, text) for text in before}
        assert after == before  # the same images for every word, prefix and part

        trashed = {V5_TRASHED}
        for image, prompt in prompts.items():
            for text in _typed(prompt):
                if image in trashed:
                    assert image in {r.id for r in lib.page(f"{text} is:trash", 50).rows}, text
                else:
                    assert image in {r.id for r in lib.search(text, 50)}, (image, text)
        assert {r.id for r in lib.search("chats", 50)} == {1}  # a tag, by its start too
        assert {r.id for r in lib.search("早餐", 50)} == {3}
        assert lib.verify(check_hashes=False).index_problems == []

        # The index's triggers write to the new table: later images are found as typed.
        buf = io.BytesIO()
        Image.new("RGB", (8, 8), (1, 2, 3)).save(buf, "PNG")
        added = lib.add_bytes(buf.getvalue(), Provenance(prompt="Catnip 猫薄荷", model="m")).id
        assert added in {r.id for r in lib.search("c", 50)}
        assert {r.id for r in lib.search("catn", 50)} == {added}
        assert {r.id for r in lib.search("薄", 50)} == {added}
    assert schema_version(sqlite3.connect(db_file)) == 6


WORDS = ["cat", "cats", "Catalogue", "castle", "Café", "cafés", "ÇA", "ca", "c", "dog"]
CJK = ["猫", "猫咪", "柠檬", "柠檬形状的猫", "小猫"]


def test_prefixes_find_what_the_index_without_prefix_indexes_finds(lib: Library) -> None:
    # A second index like the schema-5 one (no prefix indexes, so FTS5 gathers the
    # terms of a prefix) over the same rows is the reference for every prefix.
    rng = random.Random(16)
    for i in range(120):
        words = [rng.choice(WORDS + CJK) for _ in range(rng.randrange(1, 5))]
        buf = io.BytesIO()
        Image.new("RGB", (4, 4), (i, 5, 5)).save(buf, "PNG")
        image = lib.add_bytes(buf.getvalue(), Provenance(prompt=" ".join(words), model="m"))
        if i % 11 == 0:
            lib.add_tags([image.id], [rng.choice(WORDS + CJK)])
    with lib.database.write() as conn:
        conn.execute(
            "CREATE VIRTUAL TABLE plain_fts USING fts5(body, content='images_search', "
            "content_rowid='key', tokenize='unicode61 remove_diacritics 2')"
        )
        conn.execute("INSERT INTO plain_fts (plain_fts) VALUES ('rebuild')")
    texts = {w[:n] for w in WORDS + CJK for n in range(1, len(w) + 1)}
    texts |= {t.lower() for t in texts} | {"cafe", "ça", "é", '"cat ca"', "-cat c", "cat ca"}
    with lib.database.read() as conn:
        for text in sorted(texts):
            match = parse(text).fts_match() or '"-"'
            ours = conn.execute(
                "SELECT rowid FROM images_fts WHERE images_fts MATCH ? ORDER BY rowid DESC",
                (match,),
            ).fetchall()
            plain = conn.execute(
                "SELECT rowid FROM plain_fts WHERE plain_fts MATCH ? ORDER BY rowid DESC",
                (match,),
            ).fetchall()
            assert ours == plain, text
    # And through the library, newest first, page by page.
    for text in ("c", "ca", "cat", "猫", "柠", "caf"):
        seen: list[int] = []
        page = lib.page(text, 9)
        while True:
            seen.extend(r.id for r in page.rows)
            if page.next is None:
                break
            page = lib.page(text, 9, page.next)
        assert len(set(seen)) == len(seen) == lib.count(text) > 0, text


@pytest.mark.parametrize("prefix", ["c", "ca", "cat", "猫"])
def test_a_new_library_has_the_prefix_indexes(lib: Library, prefix: str) -> None:
    with lib.database.read() as conn:
        (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'images_fts'").fetchone()
    assert "prefix='1 2 3'" in sql
    assert parse(prefix).fts_match() == f'"{prefix}"*'  # the last word is a prefix
