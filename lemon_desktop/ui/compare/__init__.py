"""The compare board: one prompt sent to several models, their results side by side
(a row per model when a model makes several), with cost, time and the image actions on
each, reopened from the queue and the gallery."""

from __future__ import annotations

from .board import CompareBoard
from .facts import settings_text
from .keeper import BoardKeeper

__all__ = ["BoardKeeper", "CompareBoard", "settings_text"]
