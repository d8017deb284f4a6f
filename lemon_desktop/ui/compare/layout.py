"""How large the board draws its pictures and how its models are placed, from the room
the window gives: pure arithmetic, so it is the same on every screen and testable."""

from __future__ import annotations

import math
from dataclasses import dataclass

# A picture is never drawn smaller than this; below it the board scrolls instead.
MIN_BOX = 150
MAX_BOX = 720
# In a grid, every model's row is fitted on screen together while its pictures stay at
# least this tall; below that one row fills the height and the board scrolls.
GRID_ROW_BOX = 200
GAP = 8  # between lanes and between cells
CELL_CHROME = 12  # a cell's border and margins around its picture
LANE_CHROME = 14  # a lane's frame and margins around its cells
HEADER_WIDTH = 200  # in a grid, the model's words left of its row of images


@dataclass(frozen=True)
class Room:
    width: int  # the scroll area's viewport
    height: int
    header: int  # a lane's lines above its pictures (title, settings, state)
    below: int  # a cell's lines under its picture (caption, buttons)


@dataclass(frozen=True)
class Fit:
    columns: int  # lanes across
    box_width: int
    box_height: int


def fit_side_by_side(room: Room, lanes: int, aspect: float) -> Fit:
    """One image per model: the number of columns (the models wrap into rows) that
    gives the largest pictures with every model on screen; when none fits, one row."""
    best: Fit | None = None
    for columns in range(1, lanes + 1):
        rows = math.ceil(lanes / columns)
        box_w = _box_width(room, columns, columns, rows, aspect)
        if best is None or box_w >= best.box_width:
            best = Fit(columns, box_w, 0)
    assert best is not None
    # As few columns as give the same rows: 2+2 rather than 3+1, pictures no smaller.
    rows = math.ceil(lanes / best.columns)
    columns = math.ceil(lanes / rows)
    best = Fit(columns, _box_width(room, columns, columns, rows, aspect), 0)
    if best.box_width < MIN_BOX:
        best = Fit(lanes, _box_width(room, lanes, lanes, 1, aspect), 0)
    return _sized(best, aspect)


def fit_grid(room: Room, lanes: int, across: int, aspect: float) -> Fit:
    """Several images per model: a row per model, its words on the left and its images
    side by side; every row on screen when the pictures stay large enough, else one
    row's height. (`room.header` is ignored: the words stand beside the images.)"""
    beside = Room(room.width - HEADER_WIDTH - GAP, room.height, 0, room.below)
    box_w = _box_width(beside, 1, across, lanes, aspect)
    if box_w / aspect < GRID_ROW_BOX:
        box_w = _box_width(beside, 1, across, 1, aspect)
    return _sized(Fit(1, box_w, 0), aspect)


def _box_width(room: Room, lanes_across: int, cells_across: int, rows: int, aspect: float) -> int:
    width = room.width - lanes_across * LANE_CHROME - (cells_across - 1) * GAP - 4
    by_width = width // max(1, cells_across) - CELL_CHROME
    per_row = room.header + room.below + LANE_CHROME
    by_height = (room.height - rows * per_row - (rows - 1) * GAP) // max(1, rows)
    return min(by_width, int(by_height * aspect), MAX_BOX)


def _sized(fit: Fit, aspect: float) -> Fit:
    width = max(MIN_BOX, fit.box_width)
    return Fit(fit.columns, width, max(MIN_BOX * 2 // 3, round(width / aspect)))
