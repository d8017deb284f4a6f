"""Pixel work the app does itself, with Pillow only: no Qt, no other layer of the app.

`composite` puts an edit back onto its original outside the mask and measures how
much the model changed there; jobs and the command line call it off the GUI thread.
"""

from __future__ import annotations

from .composite import (
    ChangeReport,
    Composited,
    CompositeError,
    CompositeFiles,
    CompositeSettings,
    composite,
    composite_files,
)

__all__ = [
    "ChangeReport",
    "CompositeError",
    "CompositeFiles",
    "CompositeSettings",
    "Composited",
    "composite",
    "composite_files",
]
