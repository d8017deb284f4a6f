"""Shared fixtures: every test gets its own home folder, keyring entry and sandbox port."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio

from lemon_desktop.api.client import LemonClient, Timeouts
from lemon_desktop.api.retry import RetryPolicy
from lemon_desktop.library import Library
from lemon_desktop.sandbox import SandboxServer

# A fixture module tests also import names from: its asserts report as in tests.
pytest.register_assert_rewrite("tests.gallery_fixtures")

# Fast retries keep fault tests short; the policy itself is what is under test.
FAST_RETRY = RetryPolicy(max_retries=2, base_delay=0.01, max_delay=0.05, max_retry_after=60)


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("LEMON_DESKTOP_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("LEMON_DESKTOP_KEYRING_SERVICE", f"lemon-desktop-test-{uuid.uuid4().hex}")
    for name in ("LEMONDATA_API_KEY", "LEMONDATA_BASE_URL", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    return home


@pytest.fixture
def home(isolated_environment: Path) -> Path:
    return isolated_environment


@pytest.fixture
def sandbox() -> Iterator[SandboxServer]:
    with SandboxServer(task_seconds=0.3) as server:
        yield server


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    """A fresh library of the test's own, closed afterwards."""
    library = Library.open(tmp_path / "lib")
    yield library
    library.close()


@pytest_asyncio.fixture
async def client(sandbox: SandboxServer) -> AsyncIterator[LemonClient]:
    async with LemonClient(
        sandbox.base_url,
        sandbox.api_key,
        timeouts=Timeouts(connect=5, read=30, write=10, pool=5, call_deadline=60),
        retry=FAST_RETRY,
    ) as api:
        yield api


def pytest_report_header() -> list[str]:
    bus = bool(os.environ.get("DBUS_SESSION_BUS_ADDRESS"))
    return [f"DISPLAY={os.environ.get('DISPLAY')} D-Bus session={bus}"]
