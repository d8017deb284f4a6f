"""The Qt-free core session: opened against the real sandbox, its connection states, and
the one session class that both the window's adapter and the command line stand on."""

from __future__ import annotations

import gc
import json
import os
import socket
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx2
import keyring
import pytest
from keyring.backends import fail, null

from lemon_desktop.cli.context import Context
from lemon_desktop.cli.session import open_session, queue_session
from lemon_desktop.core.connection import Connection, ConnectionState
from lemon_desktop.core.session import QueueOverrides, Session
from lemon_desktop.sandbox import SandboxServer
from lemon_desktop.ui.main_window import MainWindow
from tests.ui_helpers import Loop, until

pytest_plugins = ["tests.ui_fixtures"]


@pytest.fixture
def keyring_backend() -> Iterator[None]:
    """Restores the process's keyring after a test chose another one."""
    previous = keyring.get_keyring()
    yield None
    keyring.set_keyring(previous)


def closed_base_url() -> str:
    """A loopback URL where nothing listens (the port was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


def record(session: Session) -> list[ConnectionState]:
    seen: list[ConnectionState] = []
    session.connection_events.subscribe(seen.append)
    return seen


def test_the_session_opens_against_the_sandbox_without_qt(home: Path) -> None:
    """In a process of its own: importing and using the core session never loads Qt."""
    script = textwrap.dedent(
        """
        import asyncio, json, sys
        from pathlib import Path
        from lemon_desktop.core.session import Session

        async def main() -> dict:
            async with Session(Path(sys.argv[1])) as session:
                state = await session.start_sandbox()
                models = await session.client.list_models(recommended_for="image")
                return {
                    "kind": state.kind.value,
                    "library": session.library is not None,
                    "models": len(models),
                }

        result = asyncio.run(main())
        result["qt"] = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken")))
        print(json.dumps(result))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(home)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"},
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["qt"] == [], result
    assert result["kind"] == "sandbox" and result["library"] and result["models"] > 0


@pytest.mark.asyncio
async def test_sandbox_state_names_the_sandbox_and_stops_it_on_close(home: Path) -> None:
    session = Session(home)
    seen = record(session)
    state = await session.start_sandbox()
    assert state.kind is Connection.SANDBOX and state.is_sandbox and not state.is_problem
    assert session.in_sandbox and session.connected and session.key_source == "sandbox"
    assert "sandbox" in state.reason and state.action
    assert seen == [state]
    server = session.sandbox
    assert server is not None
    await session.aclose()
    assert session.sandbox is None and session.library is None and not session.connected
    with pytest.raises(httpx2.ConnectError):  # the embedded gateway is gone with it
        httpx2.get(f"{server.base_url}/v1/models", timeout=5)


@pytest.mark.asyncio
@pytest.mark.usefixtures("keyring_backend")
async def test_no_key_in_the_environment_or_keyring_is_the_no_key_state(home: Path) -> None:
    keyring.set_keyring(null.Keyring())
    async with Session(home) as session:
        state = await session.connect_saved_key()
        assert state.kind is Connection.NO_KEY and state.is_problem
        assert state.reason == "No API key is set." and "sandbox" in state.action
        assert state.keyring_problem is None and not session.connected


@pytest.mark.asyncio
@pytest.mark.usefixtures("keyring_backend")
async def test_a_keyring_that_fails_is_named_in_the_no_key_state(home: Path) -> None:
    keyring.set_keyring(fail.Keyring())
    async with Session(home) as session:
        state = await session.connect_saved_key()
        assert state.kind is Connection.NO_KEY
        assert state.keyring_problem and "No system keyring" in state.keyring_problem
        assert state.reason == state.keyring_problem


@pytest.mark.asyncio
async def test_the_environments_key_connects_and_reads_online(
    home: Path, sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEMONDATA_API_KEY", sandbox.api_key)
    async with Session(home, base_url=sandbox.base_url) as session:
        seen = record(session)
        state = await session.connect_saved_key()
        assert state.kind is Connection.ONLINE, state
        assert state.key_source == "environment" and state.base_url == sandbox.base_url
        assert [s.kind for s in seen] == [Connection.CONNECTING, Connection.ONLINE]


@pytest.mark.asyncio
async def test_another_key_on_the_sandbox_is_key_rejected(
    home: Path, sandbox: SandboxServer
) -> None:
    async with Session(home) as session:
        state = await session.connect(sandbox.base_url, "sk-not-the-sandboxes", source="session")
        assert state.kind is Connection.KEY_REJECTED and state.is_problem, state
        assert "key" in state.reason.lower() and "Settings" in state.action
        # The queue still runs: jobs already recorded stay visible and retryable.
        assert session.connected


@pytest.mark.asyncio
async def test_a_closed_port_is_offline(home: Path) -> None:
    base_url = closed_base_url()
    async with Session(home) as session:
        state = await session.connect(base_url, "sk-anything", source="session")
        assert state.kind is Connection.OFFLINE and state.is_problem, state
        assert state.base_url == base_url and "network" in state.action


@pytest.mark.asyncio
@pytest.mark.usefixtures("keyring_backend")
async def test_storing_a_key_through_the_session_says_what_is_wrong(home: Path) -> None:
    from lemon_desktop.keys import KeyStoreError

    keyring.set_keyring(fail.Keyring())
    async with Session(home) as session:
        with pytest.raises(KeyStoreError):
            await session.store_key("sk-anything")
        with pytest.raises(ValueError, match="spaces"):
            await session.store_key("sk-a b")


@pytest.mark.asyncio
async def test_the_cli_runs_on_the_same_session(home: Path, sandbox: SandboxServer) -> None:
    made: list[Session] = []

    class RecordingContext(Context):
        def session(self, overrides: QueueOverrides | None = None) -> Session:
            made.append(super().session(overrides))
            return made[-1]

    context = RecordingContext(sandbox.base_url, home, sandbox.api_key, key_source="sandbox")
    async with open_session(context) as session:
        assert type(session) is Session and session.state.kind is Connection.SANDBOX
    async with queue_session(context, poll_interval=0.5, quiet=True) as (queue, library):
        assert type(made[-1]) is Session
        assert queue is made[-1].queue and library is made[-1].library
        assert queue.settings.poll_interval == 0.5
    assert [s.connected for s in made] == [False, False]


@pytest.mark.asyncio
@pytest.mark.gui
async def test_the_window_adapter_wraps_a_core_session(
    home: Path, sandbox: SandboxServer, qapp: object
) -> None:
    from lemon_desktop.app import create_window
    from lemon_desktop.ui.services import Services

    window = create_window(home, sandbox.base_url)
    assert type(window.services.session) is Session
    window.deleteLater()

    session = Session(home)
    services = Services(session)
    states: list[ConnectionState] = []
    changes: list[bool] = []
    services.connection_state.connect(states.append)
    services.connection_changed.connect(lambda: changes.append(services.connected))
    library_ready: list[bool] = []
    services.library_ready.connect(lambda: library_ready.append(services.thumbnails is not None))
    await services.connect(sandbox.base_url, sandbox.api_key, source="keyring")
    assert [s.kind for s in states] == [Connection.CONNECTING, Connection.ONLINE]
    assert changes == [True] and library_ready == [True]
    assert services.queue is session.queue and services.key_source == "keyring"
    await services.reconnect()  # a new queue is announced again, words or not
    assert changes == [True, True]
    await services.aclose()
    gc.collect()  # the adapter's cycles go here, on this (the GUI) thread


@pytest.mark.gui
@pytest.mark.parametrize("kind", [Connection.KEY_REJECTED, Connection.OFFLINE])
def test_the_windows_banner_says_what_the_connection_state_says(
    kind: Connection, make_window: Callable[..., MainWindow], qloop: Loop, sandbox: SandboxServer
) -> None:
    base_url = sandbox.base_url if kind is Connection.KEY_REJECTED else closed_base_url()
    window = make_window(base_url)

    async def scenario() -> None:
        await window.start(base_url=base_url, api_key="sk-not-the-sandboxes")
        state = window.services.state
        assert state.kind is kind, state
        await until(window.banner.isVisible, message="the connection banner")
        assert state.reason in window.banner.label.text()
        assert window.pages.currentWidget() is window.workspace  # jobs stay reachable

    qloop.run(scenario())


@pytest.mark.asyncio
async def test_a_key_check_tells_a_working_key_a_rejected_key_and_an_unreachable_gateway(
    home: Path, sandbox: SandboxServer
) -> None:
    """check_key keeps nothing and leaves the connection alone; a network problem is never
    reported as a bad key (a sandbox started with another key is the rejecting gateway)."""
    closed = closed_base_url()
    async with Session(home) as session:
        seen = record(session)
        good = await session.check_key(sandbox.base_url, sandbox.api_key)
        assert good.accepted and good.state.kind is Connection.ONLINE
        assert good.image_models > 0 and good.state.base_url == sandbox.base_url
        rejected = await session.check_key(sandbox.base_url, "sk-not-the-sandboxes")
        assert rejected.rejected and not rejected.unreachable, rejected
        assert "key" in rejected.state.reason.lower()
        unreachable = await session.check_key(closed, sandbox.api_key)
        assert unreachable.unreachable and not unreachable.rejected, unreachable
        assert "reach" in unreachable.state.reason and closed in unreachable.state.reason
        assert seen == [] and not session.connected


@pytest.mark.asyncio
async def test_a_key_check_without_a_url_asks_the_real_gateway_even_in_the_sandbox(
    home: Path,
) -> None:
    closed = closed_base_url()
    async with Session(home, base_url=closed) as session:
        await session.start_sandbox()
        assert session.base_url != closed and session.gateway_url == closed
        check = await session.check_key(None, "sk-anything")
        assert check.unreachable and check.state.base_url == closed
        assert session.state.kind is Connection.SANDBOX  # the sandbox runs on


@pytest.mark.asyncio
async def test_checking_again_turns_offline_into_online_once_the_gateway_answers(
    home: Path,
) -> None:
    closed = closed_base_url()
    port = int(closed.rsplit(":", 1)[1])
    async with Session(home) as session:
        state = await session.connect(closed, "sk-the-key", source="session")
        assert state.kind is Connection.OFFLINE
        seen = record(session)
        # Asked again while still unreachable: the same state, announced again.
        assert (await session.check_connection()).kind is Connection.OFFLINE
        assert [s.kind for s in seen] == [Connection.OFFLINE]
        with SandboxServer(api_key="sk-the-key", port=port):
            state = await session.check_connection()
            assert state.kind is Connection.ONLINE and state.base_url == closed, state
        with SandboxServer(api_key="sk-another-key", port=port):
            state = await session.check_connection()
            assert state.kind is Connection.KEY_REJECTED, state
