"""Search in every language, on real library files: any part of a Chinese, Japanese or
Korean prompt, Latin text without regard to case or accents, an existing library
migrated to the new index, and date-sorted search pages that agree with the rows."""

from __future__ import annotations

import io
import random
import sqlite3
from pathlib import Path

import pytest
from PIL import Image

from lemon_desktop.library import Library
from lemon_desktop.library.db import connect, migrate, schema_version
from lemon_desktop.library.ingest import insert_rows
from lemon_desktop.library.metadata import Provenance
from lemon_desktop.library.migrations import MIGRATIONS
from lemon_desktop.library.searchtext import fts_phrase, search_text

CAT = "一只柠檬形状的猫…在窗台上睡觉"
JAPANESE = "レモンの形をした猫が窓辺で眠っている"
KOREAN = "레몬 모양의 고양이가 창가에서 잔다"


def _png(seed: int) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (seed % 256, seed // 256 % 256, 3)).save(buf, "PNG")
    return buf.getvalue()


def _ids(lib: Library, text: str) -> set[int]:
    return {row.id for row in lib.search(text, 1000)}


@pytest.fixture
def prompts(lib: Library) -> dict[str, int]:
    texts = [CAT, JAPANESE, KOREAN, "Café au lait, crème brûlée", "a black cat", "猫", "柠檬"]
    return {
        text: lib.add_bytes(_png(i), Provenance(prompt=text, model="m")).id
        for i, text in enumerate(texts)
    }


@pytest.mark.parametrize("prompt", [CAT, JAPANESE, KOREAN])
def test_every_cjk_substring_of_two_or_more_characters_is_found(
    lib: Library, prompts: dict[str, int], prompt: str
) -> None:
    image = prompts[prompt]
    for start in range(len(prompt)):
        for end in range(start + 2, len(prompt) + 1):
            part = prompt[start:end].strip()
            if len(part) < 2 or not any(c.isalnum() for c in part) or '"' in part:
                continue
            assert image in _ids(lib, part), part
            assert image in _ids(lib, f'"{part}"'), part
            assert image in _ids(lib, f"{part} "), part  # a finished word too


def test_the_issue_examples(lib: Library, prompts: dict[str, int]) -> None:
    cat = prompts[CAT]
    assert _ids(lib, "猫") == {cat, prompts[JAPANESE], prompts["猫"]}
    assert _ids(lib, '"柠檬形状"') == {cat}
    assert _ids(lib, "柠檬") == {cat, prompts["柠檬"]}
    assert _ids(lib, "柠檬形状 睡觉") == {cat}  # both parts, anywhere
    assert _ids(lib, "-猫 柠檬") == {prompts["柠檬"]}
    assert _ids(lib, "形 sort:rating") == {cat, prompts[JAPANESE]}  # 形 in both


def test_what_is_not_in_the_prompt_is_not_found(lib: Library, prompts: dict[str, int]) -> None:
    for absent in ("檬柠", "的猫咪", "猫在窗台下", "柠檬形状的狗", "고양이를"):
        assert _ids(lib, absent) == set(), absent


def test_latin_ignores_case_and_accents(lib: Library, prompts: dict[str, int]) -> None:
    cafe = prompts["Café au lait, crème brûlée"]
    for text in ("cafe", "CAFÉ", "Café", "creme brulee", '"CRÈME BRULEE"', "brûl"):
        assert _ids(lib, text) == {cafe}, text
    assert _ids(lib, "cat") == {prompts["a black cat"]}  # words, not parts of words
    assert _ids(lib, "lack") == set()


def test_full_width_and_half_width_forms_match(lib: Library) -> None:
    image = lib.add_bytes(_png(90), Provenance(prompt="ＬＥＭＯＮ ｶﾀｶﾅ", model="m")).id
    assert _ids(lib, "lemon") == {image}
    assert _ids(lib, "カタカナ") == {image}


def test_tags_and_changes_are_searchable(lib: Library, prompts: dict[str, int]) -> None:
    cafe = prompts["Café au lait, crème brûlée"]
    lib.add_tags([cafe], ["早餐饮料"])
    assert _ids(lib, "饮料") == {cafe}
    lib.remove_tags([cafe], ["早餐饮料"])
    assert _ids(lib, "饮料") == set()
    lib.delete([prompts[CAT]])
    assert _ids(lib, "柠檬形状") == set()
    assert {r.id for r in lib.page("柠檬形状 is:trash").rows} == {prompts[CAT]}
    lib.restore([prompts[CAT]])
    lib.delete([prompts[CAT]])
    assert lib.empty_trash() == 1
    assert _ids(lib, "柠檬形状") == set()
    report = lib.verify(check_hashes=True)
    assert report.index_problems == []


def test_the_query_side_mirrors_the_index() -> None:
    assert search_text("一只猫", None, "m", "") == " 一只 只猫 猫 \nm"
    assert search_text("plain ascii", "Café") == "plain ascii\nCafé"
    assert fts_phrase("柠檬形状") == '"柠檬 檬形 形状"'
    assert fts_phrase("猫") == '"猫"*'
    assert fts_phrase("猫cat") == '"猫 cat"'
    assert fts_phrase("x猫") == '"x 猫"*'
    assert fts_phrase('a"b') == '"a""b"'
    assert fts_phrase("cat", prefix=True) == '"cat"*'


def _rows(n: int, seed: int, created: list[str]) -> list[dict[str, object]]:
    rng = random.Random(seed)
    words = ["小猫", "一只柠檬形状的猫", "cat", "dog", "castle"]
    return [
        {
            "sha256": f"{seed}{i:063x}"[:64],
            "path": f"files/{i:02x}/{i:064x}.png",
            "format": "png",
            "width": 1024,
            "height": 1024,
            "bytes": 1000,
            "created": created[i],
            "added": "2026-02-01T00:00:00.000000Z",
            "model": "m",
            "prompt": " ".join(rng.choice(words) for _ in range(3)) + f" 第{i}张",
            "negative_prompt": None,
            "revised_prompt": None,
            "params": "{}",
            "task_id": None,
            "source_url": None,
            "usage": None,
            "cost_usd": None,
            "app": None,
            "job_id": None,
        }
        for i in range(n)
    ]


def test_an_existing_library_gets_the_new_index(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    root.mkdir()
    db_file = root / "library.db"
    conn = connect(db_file)
    assert migrate(conn, MIGRATIONS[:3]) == 3  # the index as the previous release made it
    created = [f"2025-06-{1 + i % 28:02d}T10:00:00.000000Z" for i in range(300)]
    conn.execute("BEGIN")
    insert_rows(conn, _rows(300, 1, created))
    conn.execute("COMMIT")
    before = conn.execute(
        "SELECT count(*) FROM images_fts WHERE images_fts MATCH '\"柠檬形状\"'"
    ).fetchone()[0]
    conn.close()
    assert before == 0  # the old word index cannot find it
    with Library.open(root) as lib:
        assert lib.stats().schema_version == MIGRATIONS[-1].version
        everything = lib.page("", 1000).rows
        expected = {r.id for r in everything if "柠檬形状" in (lib.get(r.id).prompt or "")}
        assert expected and _ids(lib, "柠檬形状") == expected
        assert _ids(lib, "张") == {r.id for r in everything}
        assert lib.verify(check_hashes=False).index_problems == []
    assert schema_version(sqlite3.connect(db_file)) == MIGRATIONS[-1].version


@pytest.mark.parametrize("query", ["cat", "猫", "柠檬形状 -dog", "sort:-date 猫", "cat fav"])
def test_search_pages_by_date_agree_with_the_rows(lib: Library, query: str) -> None:
    # Many rows share a second (and some a microsecond), the case the index's date
    # key orders only coarsely; pages must still come in exact (created, id) order.
    rng = random.Random(7)
    created = [
        f"2025-0{1 + rng.randrange(3)}-0{1 + rng.randrange(2)}T00:00:0{rng.randrange(3)}."
        f"{rng.choice([0, 0, 5, 999999]):06d}Z"
        for _ in range(400)
    ]
    with lib.database.write() as conn:
        insert_rows(conn, _rows(400, 2, created))
        conn.execute("UPDATE images SET favourite = (id % 3 = 0)")
    descending = "sort:-date" not in query
    with lib.database.read() as conn:
        # The answer worked out without the index: all ids matching, in exact order.
        general = [
            i
            for (i,) in conn.execute(
                "SELECT id FROM images WHERE deleted_at IS NULL ORDER BY created "
                + ("DESC" if descending else "ASC")
                + ", id "
                + ("DESC" if descending else "ASC")
            )
        ]
    wanted = set()
    for image in general:
        record = lib.get(image)
        prompt = record.prompt or ""
        words = prompt.split()
        ok = {
            "cat": "cat" in words or any(w.startswith("cat") for w in words),
            "猫": "猫" in prompt,
            "柠檬形状 -dog": "柠檬形状" in prompt and "dog" not in words,
            "sort:-date 猫": "猫" in prompt,
            "cat fav": "cat" in words and record.favourite,
        }[query]
        if ok:
            wanted.add(image)
    expected = [i for i in general if i in wanted]
    seen: list[int] = []
    page = lib.page(query, 7)
    while True:
        seen.extend(r.id for r in page.rows)
        if page.next is None:
            break
        page = lib.page(query, 7, page.next)
    assert seen == expected
    assert [r.id for r in lib.page(query, 5, offset=11).rows] == expected[11:16]
    assert lib.count(query) == len(expected)
    assert lib.count(query, cap=10) == min(10, len(expected))
