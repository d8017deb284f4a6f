"""The sandbox in a process of its own, so that it does not share a benchmark's interpreter."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def sandbox_process() -> Iterator[tuple[str, str]]:
    """Yields the sandbox's base URL and API key; stops it on the way out."""
    process = subprocess.Popen(
        [sys.executable, "-m", "lemon_desktop.sandbox", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        fields = dict(part.split("=", 1) for part in process.stdout.readline().split())
        yield fields["base_url"], fields["api_key"]
    finally:
        process.terminate()
        process.wait(timeout=10)
