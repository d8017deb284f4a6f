"""Justified rows by aspect, laid out lazily in blocks: pure arithmetic, no Qt.

Images sit in rows of about one target height, each row filled to the view's
width, every image as wide as its aspect needs (no letterboxing). A million
rows can never be laid out at once (that is what stalled the old grid), so
rows are grouped in blocks (the model's pages). A block is laid out on its own,
from its own aspects only, so its height does not depend on any other block:
the y of a block is a prefix sum of block heights, a block whose aspects are
not known yet (its page was never read) is estimated from the average aspect
seen, and a block is measured when it first comes into view. Finding the row
under a point is a bisect over block tops, then over the block's row tops.
"""

from __future__ import annotations

import bisect
import itertools
import math
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

# Panoramas and slivers would make a row of one image as tall as a screen or as
# thin as a line: past these aspects a thumbnail is cropped instead.
MIN_ASPECT, MAX_ASPECT = 0.4, 3.0
# A block's short last row is stretched to the full width up to this factor of the
# target height; beyond it, it is merged into the row above if that row does not
# shrink below MIN_SHRINK, else it is left at the target height, left-aligned.
MAX_STRETCH = 1.4
MIN_SHRINK = 0.7
_COMPUTED_BLOCKS = 64  # block layouts kept (a few screens either way)

Rect = tuple[int, int, int, int]  # x, y, width, height


def clamp_aspect(aspect: float) -> float:
    if not math.isfinite(aspect) or aspect <= 0:
        return 1.0
    return min(MAX_ASPECT, max(MIN_ASPECT, aspect))


@dataclass(frozen=True)
class BlockLayout:
    """Rows of one block: cell rects relative to the block's top, and its height."""

    height: int
    row_tops: list[int]  # y of each row
    row_heights: list[int]
    row_starts: list[int]  # index (in the block) of each row's first cell
    xs: list[int]  # per cell
    widths: list[int]  # per cell

    def rect(self, k: int) -> Rect:
        row = bisect.bisect_right(self.row_starts, k) - 1
        return (self.xs[k], self.row_tops[row], self.widths[k], self.row_heights[row])

    def row_of(self, k: int) -> int:
        return bisect.bisect_right(self.row_starts, k) - 1

    def row_span(self, row: int) -> range:
        end = self.row_starts[row + 1] if row + 1 < len(self.row_starts) else len(self.xs)
        return range(self.row_starts[row], end)

    def row_at(self, y: int) -> int:
        """The row covering block y (clamped to the first and last rows)."""
        return max(0, min(len(self.row_tops) - 1, bisect.bisect_right(self.row_tops, y) - 1))


def justify(
    aspects: Sequence[float], width: int, target: int, margin: int, *, last: bool
) -> BlockLayout:
    """Lay `aspects` (width / height) out in rows of about `target` px per cell.

    A cell is the image plus `margin` on every side; cells touch, and every full
    row's cells add up to `width` exactly. `last`: this block ends the list, so
    its final row keeps the target height instead of being stretched.
    """
    width = max(1, width)
    inner = max(1, target - 2 * margin)
    rows: list[tuple[int, int]] = []  # (start, end) of each row
    start, total = 0, 0.0
    for k, raw in enumerate(aspects):
        total += clamp_aspect(raw) * inner + 2 * margin
        if total >= width:
            rows.append((start, k + 1))
            start, total = k + 1, 0.0
    tail = (start, len(aspects)) if start < len(aspects) else None

    def fitted(a: int, b: int) -> float:
        """The image height that makes cells a..b fill the width exactly."""
        spread = sum(clamp_aspect(x) for x in aspects[a:b])
        return (width - 2 * margin * (b - a)) / spread

    heights: list[float | None] = [fitted(a, b) for a, b in rows]  # None: target, left-aligned
    if tail is not None:
        stretched = fitted(*tail)
        if not last and stretched <= inner * MAX_STRETCH:
            rows.append(tail)
            heights.append(stretched)
        elif not last and rows and fitted(rows[-1][0], tail[1]) >= inner * MIN_SHRINK:
            rows[-1] = (rows[-1][0], tail[1])
            heights[-1] = fitted(*rows[-1])
        else:
            rows.append(tail)
            heights.append(None)

    xs: list[int] = [0] * len(aspects)
    widths: list[int] = [0] * len(aspects)
    row_tops: list[int] = []
    row_heights: list[int] = []
    y = 0
    for (a, b), h in zip(rows, heights, strict=True):
        image_h = float(inner) if h is None else max(1.0, h)
        # Rounded from the running sum, so the last cell ends on the width exactly.
        edge = 0.0
        previous = 0
        for k in range(a, b):
            edge += clamp_aspect(aspects[k]) * image_h + 2 * margin
            right = min(width, round(edge)) if h is not None else round(edge)
            if h is not None and k == b - 1:
                right = width
            xs[k], widths[k] = previous, max(1, right - previous)
            previous = right
        cell_h = round(image_h) + 2 * margin
        row_tops.append(y)
        row_heights.append(cell_h)
        y += cell_h
    return BlockLayout(y, row_tops, row_heights, [a for a, _b in rows], xs, widths)


class JustifiedGrid:
    """Where every one of `count` cells is, block by block, without laying out all.

    `aspects_for(block)` gives a block's aspects when its rows are in memory (else
    None); a measured block keeps its aspects, so a later width change or a page
    evicted from memory never loses what was measured.
    """

    def __init__(
        self, aspects_for: Callable[[int], Sequence[float] | None], block_size: int = 200
    ) -> None:
        self._aspects_for = aspects_for
        self.block_size = max(1, block_size)
        self._width = 1
        self._target = 1
        self._margin = 0
        self._count = 0
        self._ends_list = True  # the last block ends the list (nothing more to fetch)
        self._average: float | None = None  # aspect estimate, fixed by the first measured block
        # 4 bytes an aspect: a million Python floats in lists would hold 32 MB.
        self._aspects: dict[int, array[float]] = {}
        self._heights: list[int] = []
        self._measured: list[bool] = []
        self._tops: list[int] = [0]
        self._computed: OrderedDict[int, BlockLayout] = OrderedDict()
        self._estimates: dict[tuple[int, bool], BlockLayout] = {}

    # -- configuration ---------------------------------------------------------------

    @property
    def count(self) -> int:
        return self._count

    def configure(self, width: int, target: int, margin: int) -> bool:
        """New width or cell size: every block is laid out again (lazily). True if changed."""
        if (width, target, margin) == (self._width, self._target, self._margin):
            return False
        self._width, self._target, self._margin = max(1, width), max(1, target), margin
        self._restart(keep_aspects=True)
        return True

    def reset(self, count: int, *, ends_list: bool = True) -> None:
        """Rows moved (a new query, inserts or removals): forget every measurement."""
        self._count = max(0, count)
        self._ends_list = ends_list
        self._restart(keep_aspects=False)

    def extend(self, count: int, *, ends_list: bool = True) -> None:
        """Rows added at the end: what was measured stays where it is."""
        old_blocks = len(self._heights)
        self._count = max(0, count)
        self._ends_list = ends_list
        if old_blocks:
            # The old last block was laid out as the list's end, and measured with only
            # the rows it had then: both go, or its layout would lack the new rows.
            self._forget(old_blocks - 1)
            self._aspects.pop(old_blocks - 1, None)
        blocks = self.blocks
        self._heights = self._heights[:blocks]
        self._measured = self._measured[:blocks]
        for b in range(len(self._heights), blocks):
            self._heights.append(self._estimate(b).height)
            self._measured.append(False)
        if old_blocks and old_blocks - 1 < blocks:
            self._heights[old_blocks - 1] = self._estimate(old_blocks - 1).height
            self._measured[old_blocks - 1] = False
        self._rebuild_tops()

    def _restart(self, *, keep_aspects: bool) -> None:
        if not keep_aspects:
            self._aspects.clear()
        self._computed.clear()
        self._estimates.clear()
        blocks = self.blocks
        self._heights = [self._estimate(b).height for b in range(blocks)]
        self._measured = [False] * blocks
        self._rebuild_tops()

    def _forget(self, block: int) -> None:
        self._computed.pop(block, None)

    # -- blocks ------------------------------------------------------------------------------

    @property
    def blocks(self) -> int:
        return -(-self._count // self.block_size)

    def _size(self, block: int) -> int:
        return min(self.block_size, self._count - block * self.block_size)

    def _is_last(self, block: int) -> bool:
        return self._ends_list and block == self.blocks - 1

    def _estimate(self, block: int) -> BlockLayout:
        key = (self._size(block), self._is_last(block))
        layout = self._estimates.get(key)
        if layout is None:
            average = self._average or 1.0
            layout = justify(
                [average] * key[0], self._width, self._target, self._margin, last=key[1]
            )
            self._estimates[key] = layout
        return layout

    def block(self, block: int) -> BlockLayout:
        """Block `block`'s layout: measured if its aspects are known, else the estimate."""
        layout = self._computed.get(block)
        if layout is not None:
            self._computed.move_to_end(block)
            return layout
        aspects = self._aspects.get(block)
        if aspects is None:
            return self._estimate(block)
        layout = justify(
            aspects, self._width, self._target, self._margin, last=self._is_last(block)
        )
        self._computed[block] = layout
        while len(self._computed) > _COMPUTED_BLOCKS:
            self._computed.popitem(last=False)
        return layout

    def measure(self, block: int) -> bool:
        """Lay `block` out from its real aspects if they can be had; True if its height changed."""
        if not 0 <= block < self.blocks or self._measured[block]:
            return False
        estimates_moved = False
        if block not in self._aspects:
            found = self._aspects_for(block)
            if found is None or len(found) != self._size(block):
                return False
            self._aspects[block] = array("f", (clamp_aspect(a) for a in found))
            if self._average is None:
                self._average = sum(self._aspects[block]) / len(self._aspects[block])
                self._estimates.clear()
                self._heights = [
                    self._estimate(b).height if not m else h
                    for b, (h, m) in enumerate(zip(self._heights, self._measured, strict=True))
                ]
                self._rebuild_tops()
                estimates_moved = True
        self._measured[block] = True
        height = self.block(block).height
        if height == self._heights[block]:
            return estimates_moved
        delta = height - self._heights[block]
        self._heights[block] = height
        tops = self._tops
        for b in range(block + 1, len(tops)):
            tops[b] += delta
        return True

    def _rebuild_tops(self) -> None:
        self._tops = [0, *itertools.accumulate(self._heights)]

    # -- geometry -----------------------------------------------------------------------------

    @property
    def height(self) -> int:
        return self._tops[-1]

    def block_top(self, block: int) -> int:
        return self._tops[block]

    def block_at(self, y: int) -> int:
        """The block covering content y (clamped to the first and last blocks)."""
        return max(0, min(self.blocks - 1, bisect.bisect_right(self._tops, y) - 1))

    def rect(self, index: int) -> Rect:
        block, k = divmod(index, self.block_size)
        x, y, w, h = self.block(block).rect(k)
        return (x, y + self._tops[block], w, h)

    def measure_between(self, top: int, bottom: int) -> bool:
        """Measure every block that covers content y in [top, bottom]; True if any moved."""
        if self.blocks == 0:
            return False
        moved = False
        block = self.block_at(top)
        while block < self.blocks and self._tops[block] <= bottom:
            moved |= self.measure(block)
            block += 1
        return moved

    def cells_between(self, top: int, bottom: int) -> Iterator[tuple[int, Rect]]:
        """(index, rect) of every cell whose row overlaps content y in [top, bottom]."""
        if self.blocks == 0 or bottom < top:
            return
        block = self.block_at(top)
        while block < self.blocks and self._tops[block] <= bottom:
            layout, base = self.block(block), self._tops[block]
            first = layout.row_at(top - base)
            for row in range(first, len(layout.row_tops)):
                y = layout.row_tops[row] + base
                if y > bottom:
                    break
                h = layout.row_heights[row]
                if y + h <= top:
                    continue
                for k in layout.row_span(row):
                    yield block * self.block_size + k, (layout.xs[k], y, layout.widths[k], h)
            block += 1

    def index_at(self, x: int, y: int) -> int | None:
        """The cell under content point (x, y), or None (below the end, or past a short row)."""
        if self.blocks == 0 or y < 0 or y >= self.height or x < 0:
            return None
        block = self.block_at(y)
        layout = self.block(block)
        row = layout.row_at(y - self._tops[block])
        for k in layout.row_span(row):
            if layout.xs[k] <= x < layout.xs[k] + layout.widths[k]:
                return block * self.block_size + k
        return None

    def nearest_at(self, x: int, y: int) -> int | None:
        """The cell in the row at content y whose middle is nearest to x (keys move by it)."""
        if self.blocks == 0:
            return None
        y = max(0, min(self.height - 1, y))
        block = self.block_at(y)
        layout = self.block(block)
        row = layout.row_at(y - self._tops[block])
        span = layout.row_span(row)
        best = min(span, key=lambda k: abs(layout.xs[k] + layout.widths[k] / 2 - x))
        return block * self.block_size + best

    def row_above(self, index: int) -> int | None:
        """The nearest cell in the row above `index`'s (None on the first row)."""
        x, y, w, _h = self.rect(index)
        return None if y <= 0 else self.nearest_at(x + w // 2, y - 1)

    def row_below(self, index: int) -> int | None:
        x, y, w, h = self.rect(index)
        return None if y + h >= self.height else self.nearest_at(x + w // 2, y + h)
