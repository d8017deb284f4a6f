"""Search syntax and file naming: pure functions, plus FTS5 safety against odd input."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from PIL import Image

from lemon_desktop.library import Library, QueryError
from lemon_desktop.library.metadata import Provenance
from lemon_desktop.library.naming import render, safe_stem, unique_path
from lemon_desktop.library.query import parse, tokenize


def test_tokenize_keeps_quotes_together() -> None:
    assert tokenize('cat album:"Best of" -"hot dog" "a b"') == [
        ("cat", False),
        ("album:Best of", False),
        ("-hot dog", True),
        ("a b", True),
    ]


def test_parse_builds_filters() -> None:
    q = parse("cat model:gpt-image-2 ratio:16:9 fav rating:>=4 sort:-rating size:>=1024")
    assert q.match == ['"cat"'] and q.sort == "rating" and not q.descending
    where, params = q.where()
    assert "favourite = 1" in where and "model = ? COLLATE NOCASE" in where
    assert params[0] == '"cat"' and "gpt-image-2" in params and 4 in params
    assert parse("cat dog").match == ['"cat"', '"dog"*']
    assert parse("cat dog ").match == ['"cat"', '"dog"']  # finished word: no prefix
    assert parse("-dog cat").exclude == ['"dog"']
    assert parse("-tag:draft").clauses[0].startswith("NOT (")
    assert parse("is:trash").trash


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("colour:red", "Unknown search key 'colour'"),
        ("rating:>9", "between 0 and 5"),
        ("rating:lots", "needs a number"),
        ("after:yesterday", "needs a date"),
        ("format:gif", "png, jpeg or webp"),
        ("sort:name", "sort: must be one of"),
        ("tag:", "needs a value"),
        ("ratio:wide", "ratio: needs"),
    ],
)
def test_bad_queries_say_what_is_wrong(text: str, words: str) -> None:
    with pytest.raises(QueryError, match=words):
        parse(text)


def test_unknown_key_lists_valid_keys() -> None:
    with pytest.raises(QueryError) as info:
        parse("style:anime")
    for key in ("model:", "tag:", "album:", "rating:", "after:", "sort:"):
        assert key in str(info.value)


def _png(seed: int) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (seed, 1, 1)).save(buf, "PNG")
    return buf.getvalue()


def test_fts_never_sees_syntax_from_the_user(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "lib")
    lib.add_bytes(_png(1), Provenance(prompt='a "quoted" cat (NEAR) AND dog*', model="m"))
    rng = random.Random(7)
    alphabet = "abc \"():*^-+ANDORNOTNEAR{}[],.\\/'é猫 "
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 20)))
        try:
            lib.page(text, 5)
            lib.count(text)
        except QueryError:
            pass  # a key:value we do not know is fine; an SQLite error is not
    assert len(lib.page("NEAR AND").rows) == 1
    assert len(lib.page('"(near)"').rows) == 1
    assert len(lib.page("猫").rows) == 0
    lib.close()


def test_safe_names() -> None:
    assert safe_stem("CON") == "_CON"
    assert safe_stem("com1.tar") == "_com1.tar"
    assert safe_stem('a<b>c:d"e/f\\g|h?i*j') == "a_b_c_d_e_f_g_h_i_j"
    assert safe_stem("trailing... ") == "trailing"
    assert safe_stem("tab\there\x00") == "tab_here"
    assert safe_stem("") == "image"
    long = safe_stem("猫" * 300)
    assert len(long.encode()) <= 200 and long == "猫" * 66
    assert (
        render("{date}_{model}_{prompt:5}_{n}", {"date": "2026", "prompt": "hello world", "n": 1})
        == "2026__hello_1"
    )
    assert safe_stem("2026__hello_1") == "2026_hello_1"


def test_unique_path_counts_up(tmp_path: Path) -> None:
    taken: set[str] = set()
    (tmp_path / "x.png").write_bytes(b"")
    assert unique_path(tmp_path, "x", ".png", taken).name == "x-2.png"
    assert unique_path(tmp_path, "x", ".png", taken).name == "x-3.png"
    # Names given out in this export count case-insensitively (Windows, macOS).
    other = tmp_path / "other"
    other.mkdir()
    taken = {"x.png"}
    assert unique_path(other, "X", ".png", taken).name == "X-2.png"


def test_portrait_and_landscape_alone_filter_by_orientation(lib: Library) -> None:
    def add(width: int, height: int, prompt: str) -> int:
        buf = io.BytesIO()
        Image.new("RGB", (width, height), (width % 256, 40, 90)).save(buf, "PNG")
        return lib.add_bytes(buf.getvalue(), Provenance(prompt=prompt, model="m")).id

    # Prompts that say the opposite: a word search would find the other image.
    tall = add(20, 40, "a landscape painting of a lemon")
    wide = add(40, 20, "a portrait lemon")
    square = add(30, 30, "a square lemon")

    def ids(text: str) -> set[int]:
        return {row.id for row in lib.search(text)}

    assert ids("portrait") == {tall} == ids("ratio:portrait")
    assert ids("landscape") == {wide} == ids("ratio:landscape")
    assert ids("-portrait") == {wide, square}
    assert ids("lemon portrait") == {tall}
    # Quoted, they are words again.
    assert ids('"portrait"') == {wide} and ids('"landscape"') == {tall}
    assert ids('"portrait" landscape') == {wide}


def test_cjk_words_become_phrases_of_character_pairs() -> None:
    # The index holds CJK runs as overlapping pairs (searchtext.py): a longer part is
    # a phrase of pairs, one character a prefix; Latin words stay words.
    assert parse("猫 柠檬形状").match == ['"猫"*', '"柠檬 檬形 形状"']
    assert parse('"柠檬形状" café').match == ['"柠檬 檬形 形状"', '"café"*']
    assert parse("-的猫 cat").exclude == ['"的猫"']
