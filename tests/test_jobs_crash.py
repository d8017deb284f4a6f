"""SIGKILL in every state, then a restart: paid images stored once, nothing sent twice."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from lemon_desktop.sandbox import SandboxServer


@pytest.fixture
def slow_sandbox() -> Iterator[SandboxServer]:
    with SandboxServer(task_seconds=2.0) as server:
        yield server


def cli(home: Path, sandbox: SandboxServer, *args: str) -> list[str]:
    return [sys.executable, "-m", "lemon_desktop", "--home", str(home), *args]


def env_for(sandbox: SandboxServer) -> dict[str, str]:
    return {
        **os.environ,
        "LEMONDATA_BASE_URL": sandbox.base_url,
        "LEMONDATA_API_KEY": sandbox.api_key,
    }


def job_state(home: Path) -> str | None:
    database = home / "library" / "library.db"
    if not database.exists():
        return None
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as conn:
            row = conn.execute("SELECT state FROM jobs ORDER BY created DESC LIMIT 1").fetchone()
    except sqlite3.OperationalError:  # the schema is still being created
        return None
    return row[0] if row else None


def kill_in_state(home: Path, sandbox: SandboxServer, state: str, *args: str) -> None:
    process = subprocess.Popen(
        cli(home, sandbox, "generate", "crash test", *args),
        env=env_for(sandbox),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    try:
        while job_state(home) != state:
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, f"never reached {state}"
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=10)


def run_json(home: Path, sandbox: SandboxServer, *args: str) -> list[dict[str, object]]:
    result = subprocess.run(
        cli(home, sandbox, *args, "--json"),
        env=env_for(sandbox),
        capture_output=True,
        text=True,
        timeout=60,
    )
    # 4: a job that ended "unknown" is reported, not hidden.
    assert result.returncode in (0, 4), result.stderr
    return json.loads(result.stdout)


def resume(home: Path, sandbox: SandboxServer) -> list[dict[str, object]]:
    return run_json(home, sandbox, "jobs", "resume")


def jobs_list(home: Path, sandbox: SandboxServer) -> list[dict[str, object]]:
    return run_json(home, sandbox, "jobs", "list")


def assert_library_clean(home: Path, sandbox: SandboxServer) -> None:
    verify = subprocess.run(
        cli(home, sandbox, "library", "verify"), env=env_for(sandbox), capture_output=True
    )
    assert verify.returncode == 0, verify.stdout
    leftovers = [p for p in (home / "library" / "tmp").rglob("*") if p.is_file()]
    assert leftovers == []


def test_killed_while_submitting_is_never_sent_again(
    home: Path, slow_sandbox: SandboxServer
) -> None:
    slow_sandbox.set_faults("latency=1.5@create")
    kill_in_state(home, slow_sandbox, "submitting", "--model", "dall-e-2", "--size", "256x256")
    time.sleep(1.6)  # the gateway finishes the request it received
    # Killed after "submitting" was recorded: the request may or may not have gone out.
    sent_before = slow_sandbox.stats.snapshot()["create_requests"]
    assert sent_before <= 1
    resume(home, slow_sandbox)
    [job] = jobs_list(home, slow_sandbox)
    assert job["state"] == "unknown" and job["error_code"] == "outcome_unknown"
    assert slow_sandbox.stats.snapshot()["create_requests"] == sent_before
    assert_library_clean(home, slow_sandbox)


def test_killed_while_running_resumes_polling(home: Path, slow_sandbox: SandboxServer) -> None:
    kill_in_state(home, slow_sandbox, "running", "--model", "flux-pro", "--poll-interval", "0.1")
    [job] = resume(home, slow_sandbox)
    assert job["state"] == "done" and len(job["images"]) == 1  # type: ignore[arg-type]
    assert slow_sandbox.stats.snapshot()["create_requests"] == 1
    assert_library_clean(home, slow_sandbox)


def test_killed_while_downloading_downloads_again(home: Path, slow_sandbox: SandboxServer) -> None:
    slow_sandbox.set_faults("latency=2@download")
    kill_in_state(home, slow_sandbox, "downloading", "--model", "dall-e-2", "--size", "256x256")
    slow_sandbox.set_faults(None)
    [job] = resume(home, slow_sandbox)
    assert job["state"] == "done" and len(job["images"]) == 1  # type: ignore[arg-type]
    assert slow_sandbox.stats.snapshot()["create_requests"] == 1
    assert_library_clean(home, slow_sandbox)
    stored = list((home / "library" / "files").rglob("*.png"))
    assert len(stored) == 1
