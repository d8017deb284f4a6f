"""The gallery's justified layout (ui/gallery/layout.py): pure arithmetic, no Qt."""

from __future__ import annotations

import itertools
import time

import pytest

from lemon_desktop.ui.gallery.layout import MAX_STRETCH, JustifiedGrid, justify

WIDTH, TARGET, MARGIN = 1000, 200, 6


def rows_of(layout_rects: list[tuple[int, int, int, int]]) -> dict[int, list[tuple[int, int]]]:
    rows: dict[int, list[tuple[int, int]]] = {}
    for x, y, w, _h in layout_rects:
        rows.setdefault(y, []).append((x, w))
    return rows


def test_full_rows_fill_the_width_and_keep_each_aspect() -> None:
    aspects = [16 / 9, 1.0, 2 / 3, 1.5, 1.0, 4 / 3, 0.75, 1.0, 1.0, 16 / 9, 1.0]
    block = justify(aspects, WIDTH, TARGET, MARGIN, last=True)
    rects = [block.rect(k) for k in range(len(aspects))]
    rows = rows_of(rects)
    for y, cells in list(rows.items())[:-1]:  # every row but the list's last
        assert cells[0][0] == 0
        assert cells[-1][0] + cells[-1][1] == WIDTH  # ends on the edge exactly
        assert all(a[0] + a[1] == b[0] for a, b in itertools.pairwise(cells))
        assert y in block.row_tops
    for k, (_x, _y, w, h) in enumerate(rects):
        image_w, image_h = w - 2 * MARGIN, h - 2 * MARGIN
        assert image_w / image_h == pytest.approx(aspects[k], rel=0.05)  # no letterbox
        assert 0.5 * (TARGET - 2 * MARGIN) < image_h < 1.6 * (TARGET - 2 * MARGIN)
    assert block.height == sum(block.row_heights)


def test_the_lists_last_row_keeps_the_target_height() -> None:
    block = justify([1.0] * 6, WIDTH, TARGET, MARGIN, last=True)  # 5 fit a row, one left over
    assert block.row_heights[-1] == TARGET
    x, _y, w, _h = block.rect(5)
    assert (x, w) == (0, TARGET)


def test_a_blocks_short_last_row_joins_or_stretches_but_never_balloons() -> None:
    block = justify([1.0] * 6, WIDTH, TARGET, MARGIN, last=False)
    inner = TARGET - 2 * MARGIN
    assert all(h - 2 * MARGIN <= inner * MAX_STRETCH for h in block.row_heights)
    assert block.xs[-1] + block.widths[-1] == WIDTH


def grid_of(aspects: list[float], count: int, block_size: int = 200) -> JustifiedGrid:
    def known(block: int) -> list[float] | None:
        first = block * block_size
        return aspects[first : first + block_size] if first < len(aspects) else None

    grid = JustifiedGrid(known, block_size)
    grid.configure(WIDTH, TARGET, MARGIN)
    grid.reset(count)
    return grid


def test_a_million_cells_cost_nothing_until_they_come_into_view() -> None:
    started = time.perf_counter()
    grid = grid_of([], 1_000_000)
    assert grid.height > 0  # estimated from the default aspect
    top = grid.height // 2
    cells = list(grid.cells_between(top, top + 800))
    elapsed = time.perf_counter() - started
    assert cells and elapsed < 0.05
    index, (x, y, w, h) = cells[0]
    assert grid.index_at(x + w // 2, y + h // 2) == index
    assert grid.rect(index) == (x, y, w, h)


def test_measured_blocks_move_what_follows_and_extend_keeps_them() -> None:
    wide = [2.0] * 400
    grid = grid_of(wide, 200)
    grid.reset(200, ends_list=False)
    estimate = grid.height  # square estimate: nothing measured yet
    assert grid.measure(0)
    assert grid.height != estimate  # three wide images a row, not five squares
    before = grid.rect(10)
    grid.extend(400)
    assert grid.rect(10) == before  # measured cells stay put when the count arrives
    top_of_1 = grid.block_top(1)
    grid.measure(1)
    assert grid.block_top(1) == top_of_1
    assert grid.rect(399)[1] + grid.rect(399)[3] == grid.height


def test_width_change_lays_out_again_from_the_kept_aspects() -> None:
    grid = grid_of([1.0, 2.0, 0.5] * 100, 300)
    grid.measure_between(0, 10_000)
    grid.configure(500, TARGET, MARGIN)
    grid.measure_between(0, 10_000)
    for index, (x, _y, w, _h) in grid.cells_between(0, 400):
        assert x + w <= 500
        assert grid.index_at(x, grid.rect(index)[1]) == index


def test_keys_move_to_the_nearest_cell_of_the_row_above_and_below() -> None:
    grid = grid_of([1.0] * 50, 50)
    grid.measure(0)
    # 1000 px of 200 px squares: 5 a row.
    assert grid.row_below(2) == 7
    assert grid.row_above(7) == 2
    assert grid.row_above(2) is None
    assert grid.row_below(47) is None
    assert grid.nearest_at(10, grid.rect(20)[1]) == 20


def test_index_at_is_none_past_the_end_and_beside_a_short_row() -> None:
    grid = grid_of([1.0] * 7, 7)
    grid.measure(0)
    x, y, w, h = grid.rect(6)
    assert grid.index_at(x + w + 5, y + 5) is None
    assert grid.index_at(5, grid.height + 5) is None
    assert grid.index_at(x + 1, y + h - 1) == 6


def test_a_short_last_block_grows_with_the_rows_added_after_it() -> None:
    # A gallery of one image gets two more (a comparison's results arriving): the block
    # that held one row was measured with one aspect and must not be laid out from it
    # again (rect() of the new rows raised IndexError, which escaped from the view's
    # visualRect into Qt).
    aspects = [1.0, 1.5, 0.75]
    shown = [1]

    def known(block: int) -> list[float] | None:
        return aspects[: shown[0]] if block == 0 else None

    grid = JustifiedGrid(known, 200)
    grid.configure(WIDTH, TARGET, MARGIN)
    grid.reset(1)
    assert grid.measure(0) or grid.rect(0)
    shown[0] = 3
    grid.extend(3)
    for index in range(3):
        grid.rect(index)
    grid.measure(0)
    assert [grid.rect(i)[2] > 0 for i in range(3)] == [True, True, True]
