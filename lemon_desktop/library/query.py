"""The search box: one line of text to an SQL WHERE clause, an order and FTS5 terms.

Free words search the prompt, revised prompt, model and tags (all words must
match; the last word also matches as a prefix, so results follow typing). Case
and Latin accents are ignored (``cafe`` finds ``Café``); Chinese, Japanese and
Korean text is found by any part of it (``猫``, ``柠檬形状``), see searchtext.py.

==========================  ==================================================
``cat dog``                 both words, anywhere in prompt/revised/model/tags
``"black cat"``             the exact phrase
``-dog``  ``-"hot dog"``    without that word / phrase
``model:gpt-image-2``       that model (case-insensitive); ``model:gpt*`` prefix
``tag:portrait``            has that tag; ``album:"Best of"`` is in that album
``fav``  ``-fav``           favourites only / not favourites (also ``is:fav``)
``rating:>=4``              rating 0-5; operators ``= > >= < <=`` (default ``=``)
``ratio:16:9``              aspect ratio within 1 %; also ``square``,
                            ``portrait``, ``landscape``
``portrait``  ``landscape`` on their own: taller / wider than square
                            (quote them, ``"portrait"``, to search the word)
``size:>=1024``             longer side in pixels; ``size:1024x1536`` exact
``w:>1000``  ``h:<2000``    width / height in pixels
``format:png``              png, jpeg (or jpg), webp
``after:2026-01-01``        created on or after that day (UTC; also YYYY, YYYY-MM,
                            or a full ISO time)
``before:2026-02-01``       created before that day
``job:ID``  ``task:ID``     made by that job / gateway task; ``id:12`` one image
``group:ID``                made by the jobs of that batch or comparison (the
                            queue's group; also ``batch:ID``)
``is:trash``                search the trash instead of the library
``is:linked``               imported in place (files outside the library)
``from:12``                 made from image 12 (an edit, variation, composite ...)
``parent-of:12``            what image 12 was made from
``is:edit``  ``op:upscale`` made by that operation (``is:`` also variation,
                            image-to-image, composite, derived = from any image)
``sort:date``               newest first (default); ``sort:rating`` best first;
                            ``sort:size`` largest first; a leading ``-``
                            reverses (``sort:-date`` = oldest first)
==========================  ==================================================

Any filter can be negated with a leading ``-`` (``-tag:draft``). Text with a
colon that is not a filter must be quoted (``"style:anime"``). An unknown key
raises `QueryError` naming it and listing the valid ones.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from . import lineage
from .errors import QueryError
from .searchtext import ID_MASK, fts_phrase
from .store import EXTENSIONS, LINKED_SQL

# Keyset columns of each sort; the natural direction is descending.
SORTS: dict[str, tuple[str, ...]] = {
    "date": ("created", "id"),
    "rating": ("rating", "created", "id"),
    "size": ("pixels", "id"),
}
DEFAULT_SORT = "date"

_OPS = {"": "=", "=": "=", ">": ">", ">=": ">=", "<": "<", "<=": "<="}
_NUMBER = re.compile(r"^(>=|<=|=|>|<)?(\d+)$")
_TAG_EXISTS = (
    "EXISTS (SELECT 1 FROM image_tags it JOIN tags t ON t.id = it.tag_id "
    "WHERE it.image_id = images.id AND t.name = ?)"
)
_ALBUM_EXISTS = (
    "EXISTS (SELECT 1 FROM album_images ai JOIN albums a ON a.id = ai.album_id "
    "WHERE ai.image_id = images.id AND a.name = ?)"
)

# The jobs of one batch (a comparison): the jobs layer keeps its table in this database
# and every stored result names its job, so the group is found by the job's batch id.
_GROUP_SQL = "job_id IN (SELECT id FROM jobs WHERE batch_id = ?)"


@dataclass
class Query:
    """A parsed search: everything needed to build the SQL."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    match: list[str] = field(default_factory=list)  # FTS5 terms, all required
    exclude: list[str] = field(default_factory=list)  # FTS5 terms, none allowed
    sort: str = DEFAULT_SORT
    descending: bool = True
    trash: bool = False
    _where: tuple[str, list[Any]] | None = field(default=None, repr=False, compare=False)

    @property
    def sort_token(self) -> str:
        return self.sort if self.descending else f"-{self.sort}"

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE clause over `images` for the whole query, words included."""
        if self._where is None:
            self._where = self._build_where(words=True)
        return self._where[0], list(self._where[1])

    def filters(self) -> tuple[str, list[Any]]:
        """The WHERE clause without the required words: for a read that walks the
        search index itself and joins `images` (see reads.page)."""
        where, params = self._build_where(words=False)
        return where, params

    def fts_match(self) -> str:
        """The FTS5 MATCH text of the required words ('' when there are none)."""
        return " ".join(self.match)

    def _build_where(self, *, words: bool) -> tuple[str, list[Any]]:
        # Exactly "deleted_at IS NULL" so SQLite picks the partial live-row indexes.
        parts = ["deleted_at IS NOT NULL" if self.trash else "deleted_at IS NULL"]
        params: list[Any] = []
        # The index is keyed by date; the image id is the key's low bits.
        hits = f"SELECT rowid & {ID_MASK} FROM images_fts WHERE images_fts MATCH ?"
        if self.match and words:
            parts.append(f"id IN ({hits})")
            params.append(self.fts_match())
        if self.exclude:
            parts.append(f"id NOT IN ({hits})")
            params.append(" OR ".join(self.exclude))
        parts.extend(self.clauses)
        params.extend(self.params)
        return " AND ".join(parts), params

    def order_columns(self) -> tuple[str, ...]:
        return SORTS[self.sort]

    def order_by(self) -> str:
        direction = "DESC" if self.descending else "ASC"
        return ", ".join(f"{c} {direction}" for c in self.order_columns())


def _searchable(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def tokenize(text: str) -> list[tuple[str, bool]]:
    """Split on whitespace, keeping quoted runs whole; (token, was_quoted_phrase)."""
    tokens: list[tuple[str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        negated = text[i] == "-" and i + 1 < n and text[i + 1] == '"'
        if text[i] == '"' or negated:
            i += 2 if negated else 1
            end = text.find('"', i)
            end = n if end < 0 else end
            tokens.append((("-" if negated else "") + text[i:end], True))
            i = end + 1
            continue
        buf: list[str] = []
        while i < n and not text[i].isspace():
            if text[i] == '"':  # key:"quoted value"
                end = text.find('"', i + 1)
                end = n if end < 0 else end
                buf.append(text[i + 1 : end])
                i = end + 1
            else:
                buf.append(text[i])
                i += 1
        if buf:
            tokens.append(("".join(buf), False))
    return tokens


def _number(key: str, value: str) -> tuple[str, int]:
    found = _NUMBER.match(value.replace(" ", ""))
    if not found:
        raise QueryError(f"{key}: needs a number, optionally after = > >= < <= (got {value!r}).")
    return _OPS[found.group(1) or ""], int(found.group(2))


def _date(key: str, value: str) -> str:
    text = value.strip()
    try:
        if re.fullmatch(r"\d{4}", text):
            moment = datetime(int(text), 1, 1, tzinfo=UTC)
        elif re.fullmatch(r"\d{4}-\d{1,2}", text):
            year, month = text.split("-")
            moment = datetime(int(year), int(month), 1, tzinfo=UTC)
        else:
            moment = datetime.fromisoformat(text)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
    except ValueError as exc:
        raise QueryError(
            f"{key}: needs a date like 2026-01-31, 2026-01 or 2026 (got {value!r})."
        ) from exc
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _ratio(value: str) -> tuple[str, list[Any]]:
    named = {
        "square": "width = height",
        "portrait": "height > width",
        "landscape": "width > height",
    }
    if value.lower() in named:
        return named[value.lower()], []
    found = re.fullmatch(r"(\d+(?:\.\d+)?)(?:[:/x](\d+(?:\.\d+)?))?", value.strip())
    if not found or float(found.group(2) or 1) == 0:
        raise QueryError(
            f"ratio: needs width:height like 16:9, a number like 1.5, or square, portrait, "
            f"landscape (got {value!r})."
        )
    target = float(found.group(1)) / float(found.group(2) or 1)
    return "abs(width * 1.0 / height - ?) <= ? * 0.01", [target, target]


def _size(value: str) -> tuple[str, list[Any]]:
    exact = re.fullmatch(r"(\d+)\s*[x×]\s*(\d+)", value.strip())
    if exact:
        return "width = ? AND height = ?", [int(exact.group(1)), int(exact.group(2))]
    op, number = _number("size", value)
    return f"max(width, height) {op} ?", [number]


def _format(value: str) -> tuple[str, list[Any]]:
    fmt = {"jpg": "jpeg"}.get(value.lower(), value.lower())
    if fmt not in EXTENSIONS:
        raise QueryError(f"format: must be png, jpeg or webp (got {value!r}).")
    return "format = ?", [fmt]


def _model(value: str) -> tuple[str, list[Any]]:
    if value.endswith("*"):
        escaped = value[:-1].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return "model LIKE ? ESCAPE '\\'", [escaped + "%"]
    return "model = ? COLLATE NOCASE", [value]


def _ids(value: str) -> tuple[str, list[Any]]:
    parts = [p for p in value.split(",") if p]
    if not parts or not all(p.isdigit() for p in parts):
        raise QueryError(f"id: needs an image number like 12 or 12,13 (got {value!r}).")
    return f"id IN ({','.join('?' * len(parts))})", [int(p) for p in parts]


def _comparison(column: str) -> Callable[[str], tuple[str, list[Any]]]:
    def build(value: str) -> tuple[str, list[Any]]:
        op, number = _number(column[0] if column in ("width", "height") else column, value)
        if column == "rating" and not 0 <= number <= 5:
            raise QueryError(f"rating: must be between 0 and 5 (got {number}).")
        return f"{column} {op} ?", [number]

    return build


_FILTERS: dict[str, Callable[[str], tuple[str, list[Any]]]] = {
    "model": _model,
    "tag": lambda v: (_TAG_EXISTS, [v]),
    "album": lambda v: (_ALBUM_EXISTS, [v]),
    "rating": _comparison("rating"),
    "ratio": _ratio,
    "size": _size,
    "w": _comparison("width"),
    "h": _comparison("height"),
    "format": _format,
    "after": lambda v: ("created >= ?", [_date("after", v)]),
    "before": lambda v: ("created < ?", [_date("before", v)]),
    "job": lambda v: ("job_id = ?", [v]),
    "task": lambda v: ("task_id = ?", [v]),
    "group": lambda v: (_GROUP_SQL, [v]),
    "batch": lambda v: (_GROUP_SQL, [v]),
    "id": _ids,
    "from": lambda v: (lineage.FROM_SQL, [_one_image("from", v)]),
    "parent-of": lambda v: (lineage.PARENT_OF_SQL, [_one_image("parent-of", v)]),
    "op": lineage.operation_sql,
}
KEYS = sorted([*_FILTERS, "fav", "is", "sort"])
# `is:edit`, `is:variation` ...: made by an operation of that group (lineage.py);
# `is:derived`: made from any image at all.
_IS_MADE = ("derived", *lineage.OPERATION_GROUPS)


def _one_image(key: str, value: str) -> int:
    if not value.isdigit():
        raise QueryError(f"{key}: needs one image number like 12 (got {value!r}).")
    return int(value)


# Words that filter on their own, like `fav`: the README has promised them since the
# first release. Quoted ("portrait") they are searched as words.
_BARE_ORIENTATIONS = ("portrait", "landscape")


def _unknown(key: str) -> QueryError:
    return QueryError(
        f"Unknown search key {key!r}. Valid keys: {', '.join(k + ':' for k in KEYS)}. "
        'To search for text containing a colon, put it in quotes ("like:this").'
    )


@functools.lru_cache(maxsize=256)
def parse(text: str, *, prefix_last: bool = True) -> Query:
    """Parse the search box; raises QueryError with a sentence saying what is wrong.

    Cached, since the GUI re-runs the same text for every page: treat the
    returned Query as read-only.
    """
    query = Query()
    tokens = tokenize(text or "")
    last_word = max(
        (i for i, (t, quoted) in enumerate(tokens) if not quoted and ":" not in t), default=-1
    )
    trailing_space = bool(text) and text[-1].isspace()
    for index, (token, quoted) in enumerate(tokens):
        negated = token.startswith("-") and len(token) > 1
        body = token[1:] if negated else token
        if quoted:
            if _searchable(body):
                (query.exclude if negated else query.match).append(fts_phrase(body))
            continue
        key, sep, value = body.partition(":")
        if not sep:
            if body.lower() in ("fav", "favs", "favourite", "favorite"):
                query.clauses.append("favourite = 0" if negated else "favourite = 1")
            elif body.lower() in _BARE_ORIENTATIONS:
                _apply(query, "ratio", body.lower(), negated)
            elif _searchable(body):
                prefix = prefix_last and index == last_word and not negated and not trailing_space
                (query.exclude if negated else query.match).append(fts_phrase(body, prefix=prefix))
            continue
        _apply(query, key.lower(), value, negated)
    return query


def _apply(query: Query, key: str, value: str, negated: bool) -> None:
    if key not in KEYS:
        raise _unknown(key)
    if not value:
        raise QueryError(f"{key}: needs a value, e.g. {key}:something.")
    if key == "sort":
        name = value.lower().lstrip("-+")
        if name not in SORTS:
            raise QueryError(f"sort: must be one of {', '.join(SORTS)} (got {value!r}).")
        query.sort = name
        query.descending = not value.startswith("-")
        return
    if key == "is" and value.lower() in ("trash", "deleted", "trashed"):
        query.trash = not negated
        return
    if key == "is" and value.lower() in ("linked", "in-place"):
        query.clauses.append(f"NOT ({LINKED_SQL})" if negated else LINKED_SQL)
        return
    if key == "is" and value.lower() in _IS_MADE:
        made = value.lower()
        clause, params = (
            (lineage.DERIVED_SQL, []) if made == "derived" else lineage.operation_sql(made)
        )
        query.clauses.append(f"NOT ({clause})" if negated else f"({clause})")
        query.params.extend(params)
        return
    if key == "fav" or key == "is":
        if key == "is" and value.lower() not in ("fav", "favourite", "favorite"):
            raise QueryError(
                f"is: must be fav, linked, trash or how it was made "
                f"({', '.join(_IS_MADE)}) (got {value!r})."
            )
        if key == "fav" and value.lower() not in ("1", "0", "yes", "no", "true", "false"):
            raise QueryError(f"fav: must be yes or no (got {value!r}).")
        wanted = key == "is" or value.lower() in ("1", "yes", "true")
        query.clauses.append(f"favourite = {int(wanted != negated)}")
        return
    clause, params = _FILTERS[key](value)
    query.clauses.append(f"NOT ({clause})" if negated else f"({clause})")
    query.params.extend(params)
