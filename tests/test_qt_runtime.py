"""The Qt binding itself: a broken wheel must fail here, not crash a user's session."""

from __future__ import annotations

import sys

from PySide6.QtCore import QSize


def test_void_methods_keep_the_reference_count_of_none() -> None:
    # PySide6-Essentials 6.12.0 on Python 3.11 lost one reference to None per call
    # and aborted with "none_dealloc" after a few thousand calls.
    size = QSize()
    before = sys.getrefcount(None)
    for _ in range(1000):
        size.setWidth(1)
    assert abs(sys.getrefcount(None) - before) < 50
