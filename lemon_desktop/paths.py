"""Where local data lives: one home folder for everything the app writes."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_HOME = "LEMON_DESKTOP_HOME"
ENV_BASE_URL = "LEMONDATA_BASE_URL"


def default_home() -> Path:
    configured = os.environ.get(ENV_HOME)
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_data_dir("lemon-desktop", appauthor=False))
