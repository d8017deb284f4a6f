"""What the search index holds, and how a search word is put to it.

Chinese, Japanese and Korean write words without spaces, so SQLite's word
tokenizer sees a whole sentence (``一只柠檬形状的猫``) as one word and finds none of
its parts. The index therefore stores every run of CJK characters as its
overlapping two-character pieces, plus the run's last character alone::

    一只柠檬形状的猫  ->  一只 只柠 柠檬 檬形 形状 状的 的猫 猫

Any substring of two or more characters is then a phrase of consecutive pieces
(``柠檬形状`` -> ``"柠檬 檬形 形状"``) and a single character is a prefix
(``猫`` -> ``"猫"*``), both answered by the index. Other scripts keep their
words; the tokenizer (unicode61, remove_diacritics 2) folds case and Latin
accents (``café`` = ``cafe`` = ``CAFÉ``). Text is NFKC-normalised on both sides,
so full-width letters and half-width katakana match their usual forms.

The index rows are keyed by the image's date (see `date_key_sql`), so "newest
first" is the index's own order and the first page of a search reads about as
many index entries as it shows, however large the library.

The last word of the search box is also a prefix (results follow typing), and
FTS5 answers a prefix by gathering every hit of every term that starts with it
before returning the first, unless the index has a prefix index of exactly that
length (`PREFIX_LENGTHS`, migration 6). With one, the first keys typed (``c``,
``ca``, ``cat``) and one CJK character read one term lazily, like a word. Longer
prefixes (``castl``) still gather, but only the hits of the few words they begin;
each prefix index costs about one more copy of its terms' entries (see
bench/RESULTS.md for the disk it takes).

SQLite calls `search_text` from the index triggers under the name `SQL_FUNCTION`:
every connection that writes images must have it (`register`). Its output must
never change for text already indexed (the triggers remove old entries by
re-deriving them); a change needs a migration that rebuilds the index.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata

SQL_FUNCTION = "lemon_search_text"

# Prefix lengths, in characters, the search index keeps a prefix index for: the
# first three keys of a typed word and a single CJK character (a prefix of the
# character pairs). Migration 6 made the index with them; other lengths need a
# new migration that makes the index again.
PREFIX_LENGTHS = (1, 2, 3)

# Han (with extensions and compatibility forms), kana, Hangul: scripts written
# without spaces between words. Iteration marks and the prolonged sound mark are
# letters (category Lm) inside these blocks; punctuation such as 、。・ is not.
_CJK_RANGES = (
    "\u1100-\u11ff"  # Hangul Jamo
    "\u3005-\u3007"  # 々 〆 〇
    "\u3041-\u309f"  # Hiragana
    "\u30a1-\u30fa\u30fc-\u30ff"  # Katakana (without the middle dot ・)
    "\u3131-\u318e"  # Hangul compatibility Jamo
    "\u31f0-\u31ff"  # Katakana phonetic extensions
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\ua960-\ua97f"  # Hangul Jamo extended A
    "\uac00-\ud7af"  # Hangul syllables
    "\ud7b0-\ud7ff"  # Hangul Jamo extended B
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\U00020000-\U0003ffff"  # CJK extensions B and later
)
_CJK_RUN = re.compile(f"[{_CJK_RANGES}]+")

# Date key: the created second in the high bits, the image id in the low ones.
# Unique, and ordered like (created, id) to the second, so a search sorted by
# date walks the index in order (see reads.page). Seconds are clamped to
# 1970..2514 (a clamp keeps the order, only coarser); ids must stay below 2**29.
ID_BITS = 29
ID_MASK = (1 << ID_BITS) - 1
_MAX_SECOND = (1 << 34) - 1


def second_sql(created: str) -> str:
    """SQL for the clamped Unix second of an ISO `created` expression."""
    return f"max(0, min(coalesce(CAST(strftime('%s', {created}) AS INTEGER), 0), {_MAX_SECOND}))"


def date_key_sql(created: str, image_id: str) -> str:
    """SQL for the index key of the image with these `created` and `id` expressions."""
    return f"(({second_sql(created)} << {ID_BITS}) | ({image_id} & {ID_MASK}))"


def _normal(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFKC", text)


def _pieces(run: str) -> str:
    grams = [run[i : i + 2] for i in range(len(run) - 1)]
    return " " + " ".join([*grams, run[-1]]) + " "


def search_text(*fields: str | None) -> str:
    """The text the index holds for an image's prompt, revised prompt, model and tags."""
    parts: list[str] = []
    for field in fields:
        if not field:
            continue
        text = _normal(field)
        parts.append(text if text.isascii() else _CJK_RUN.sub(lambda m: _pieces(m[0]), text))
    return "\n".join(parts)


def register(conn: sqlite3.Connection) -> None:
    """Make `search_text` callable from SQL on `conn` (the index triggers use it)."""
    conn.create_function(SQL_FUNCTION, -1, search_text, deterministic=True)


def fts_phrase(word: str, *, prefix: bool = False) -> str:
    """An FTS5 phrase finding `word` as the index stores text: as a word (with
    `prefix`, also as the start of one) in other scripts, and anywhere inside a
    longer run of CJK characters. Every word becomes a quoted FTS5 string, so no
    input is FTS syntax."""
    text = _normal(word)
    tokens: list[str] = []
    ends_in_single = ends_in_pair = False
    position = 0
    for found in _CJK_RUN.finditer(text):
        tokens.append(text[position : found.start()])
        run = found[0]
        grams = [run[i : i + 2] for i in range(len(run) - 1)]
        at_end = found.end() == len(text)
        # Mid-word, the run ends where the text's run ends: the last character
        # stands alone there. At the end, the text's run may go on.
        if not at_end or len(run) == 1:
            grams.append(run[-1])
        tokens.extend(grams)
        ends_in_single = at_end and len(run) == 1
        ends_in_pair = at_end and len(run) > 1
        position = found.end()
    tokens.append(text[position:])
    joined = " ".join(t for t in tokens if t)
    if position == 0:  # no CJK: exactly the word, as before
        joined = text
    # A pair is a whole token: as a prefix it would find only itself, and read it
    # through a prefix index (or, on an index without one, gather every hit).
    starts_more = (prefix and not ends_in_pair) or ends_in_single
    return '"' + joined.replace('"', '""') + '"' + ("*" if starts_more else "")
