"""The command line as a user runs it: a real process against the sandbox."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lemon_desktop.sandbox import SandboxServer


def run_cli(
    *args: str,
    sandbox: SandboxServer | None = None,
    key: str | None = None,
    stdin: str | None = None,
    extra_env: dict[str, str] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if sandbox is not None:
        env["LEMONDATA_BASE_URL"] = sandbox.base_url
        env["LEMONDATA_API_KEY"] = key if key is not None else sandbox.api_key
    env.update(extra_env or {})
    return subprocess.run(
        [sys.executable, "-m", "lemon_desktop", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )


def assert_clean_error(result: subprocess.CompletedProcess[str], code: int, words: str) -> None:
    assert result.returncode == code, result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_generate_inline_prints_json_with_paths_and_hashes(
    sandbox: SandboxServer, home: Path
) -> None:
    result = run_cli(
        "generate",
        "a lemon tree at dawn",
        "--model",
        "dall-e-3",
        "--size",
        "1792x1024",
        "--json",
        sandbox=sandbox,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    [image] = report["images"]
    path = Path(image["path"])
    assert path.is_relative_to(home)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == image["sha256"]
    assert image["revised_prompt"]
    assert report["task_id"] is None
    assert report["request"] == {
        "model": "dall-e-3",
        "prompt": "a lemon tree at dawn",
        "size": "1792x1024",
        **{k: v for k, v in report["request"].items() if k not in ("model", "prompt", "size")},
    }


def test_generate_task_model_polls_and_saves(sandbox: SandboxServer) -> None:
    result = run_cli(
        "generate",
        "neon koi",
        "--model",
        "flux-pro",
        "--poll-interval",
        "0.05",
        "--json",
        sandbox=sandbox,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["task_id"].startswith("ldtask_")
    assert Path(report["images"][0]["path"]).exists()


def test_generate_gpt_image_reports_usage_and_b64(sandbox: SandboxServer) -> None:
    result = run_cli(
        "generate",
        "a paper boat",
        "--model",
        "gpt-image-2",
        "--size",
        "1024x1024",
        "--response-format",
        "b64_json",
        "--output-format",
        "jpeg",
        "--compression",
        "70",
        "--json",
        sandbox=sandbox,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["usage"]["total_tokens"] > 0
    assert report["images"][0]["format"] == "jpeg"
    assert report["request"]["output_compression"] == 70


def test_plain_output_lists_the_saved_files(sandbox: SandboxServer) -> None:
    result = run_cli(
        "generate",
        "two pears",
        "--model",
        "dall-e-2",
        "--n",
        "2",
        "--size",
        "256x256",
        sandbox=sandbox,
    )
    assert result.returncode == 0, result.stderr
    paths = [Path(line) for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert len(paths) == 2 and all(p.exists() for p in paths)


def test_invalid_input_exits_2_and_sends_nothing(sandbox: SandboxServer) -> None:
    result = run_cli(
        "generate", "x", "--model", "gpt-image-2", "--size", "1000x1000", sandbox=sandbox
    )
    assert_clean_error(result, 2, "multiple")
    result = run_cli("generate", "x", "--model", "dall-e-3", "--n", "2", sandbox=sandbox)
    assert_clean_error(result, 2, "n")
    result = run_cli(
        "generate", "x", "--model", "nano-banana", "--resolution", "2k", sandbox=sandbox
    )
    assert_clean_error(result, 2, "resolution")
    result = run_cli("generate", "x", "--param", "novalue", sandbox=sandbox)
    assert_clean_error(result, 2, "KEY=VALUE")
    assert sandbox.stats.snapshot()["create_requests"] == 0


def test_plain_http_to_a_remote_host_is_refused(sandbox: SandboxServer) -> None:
    result = run_cli(
        "models",
        extra_env={"LEMONDATA_BASE_URL": "http://example.com", "LEMONDATA_API_KEY": "sk-x"},
    )
    assert_clean_error(result, 2, "https")


def test_missing_key_exits_3(sandbox: SandboxServer) -> None:
    env = {"LEMONDATA_BASE_URL": sandbox.base_url, "LEMONDATA_API_KEY": ""}
    result = run_cli("generate", "x", extra_env=env)
    assert_clean_error(result, 3, "No API key")


def test_rejected_key_exits_3(sandbox: SandboxServer) -> None:
    result = run_cli("models", sandbox=sandbox, key="sk-not-the-right-one")
    assert_clean_error(result, 3, "API key")
    assert "sk-not-the-right-one" not in result.stderr


def test_gateway_error_exits_4(sandbox: SandboxServer) -> None:
    sandbox.set_faults("500@create")
    result = run_cli("generate", "x", sandbox=sandbox)
    assert_clean_error(result, 4, "retry")
    assert sandbox.stats.snapshot()["create_requests"] == 1


def test_unreachable_gateway_exits_4(sandbox: SandboxServer) -> None:
    sandbox.stop()
    result = run_cli("models", sandbox=sandbox)
    assert_clean_error(result, 4, "Could not reach the gateway")


def test_failed_and_timed_out_tasks_exit_5(sandbox: SandboxServer) -> None:
    sandbox.set_faults("taskfail")
    result = run_cli(
        "generate", "x", "--model", "flux-pro", "--poll-interval", "0.05", sandbox=sandbox
    )
    assert result.returncode == 5 and "failed" in result.stderr
    sandbox.set_faults("tasknever")
    started = time.monotonic()
    result = run_cli(
        "generate",
        "x",
        "--model",
        "flux-pro",
        "--poll-interval",
        "0.05",
        "--task-timeout",
        "0.5",
        sandbox=sandbox,
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 5 and "did not finish" in result.stderr
    # The user's 0.5 s, not a 30 s floor (process start-up takes a second or two).
    assert elapsed < 8, f"--task-timeout 0.5 took {elapsed:.1f} s"


def test_models_json_joins_gateway_and_profiles(sandbox: SandboxServer) -> None:
    result = run_cli("models", "--json", sandbox=sandbox)
    assert result.returncode == 0, result.stderr
    records = {r["id"]: r for r in json.loads(result.stdout)}
    assert records["gpt-image-2"]["profile"] == "gpt-image-2"
    assert records["flux-pro"]["usually"] == "task"
    unknown = [r for r in records.values() if r["profile"] == "generic"]
    assert unknown, "the sandbox lists a model no profile knows"


def test_unknown_model_works_with_generic_profile_and_extras(sandbox: SandboxServer) -> None:
    result = run_cli("models", "--json", sandbox=sandbox)
    unknown = next(r["id"] for r in json.loads(result.stdout) if r["profile"] == "generic")
    result = run_cli(
        "generate",
        "x",
        "--model",
        unknown,
        "--size",
        "512x512",
        "--param",
        "seed=42",
        "--param",
        "style=raw",
        "--json",
        sandbox=sandbox,
    )
    assert result.returncode == 0, result.stderr
    request = json.loads(result.stdout)["request"]
    assert request["seed"] == 42 and request["style"] == "raw"


def test_key_commands_use_the_keyring_and_read_stdin(sandbox: SandboxServer, home: Path) -> None:
    secret = "sk-cli-stored-key-0001"
    stored = run_cli("key", "set", stdin=secret + "\n")
    assert stored.returncode == 0, stored.stderr
    assert secret not in stored.stdout + stored.stderr
    status = run_cli("key", "status")
    assert status.returncode == 0 and "keyring" in status.stdout
    assert secret not in status.stdout
    cleared = run_cli("key", "clear")
    assert cleared.returncode == 0
    assert run_cli("key", "status").returncode == 3


def test_key_set_refuses_empty_input() -> None:
    result = run_cli("key", "set", stdin="\n")
    assert_clean_error(result, 2, "empty")


def test_no_keyring_backend_gives_the_way_out() -> None:
    env = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    result = run_cli("key", "set", stdin="sk-abc\n", extra_env=env)
    assert_clean_error(result, 3, "LEMONDATA_API_KEY")


def test_the_key_never_leaks_into_output_or_files(sandbox: SandboxServer, home: Path) -> None:
    outputs = []
    sandbox.set_faults("429=0.01@create*1,502@poll*1")
    for args in (
        ("generate", "leak check", "--model", "gpt-image-2", "--size", "1024x1024", "--json"),
        ("generate", "leak check", "--model", "flux-pro", "--poll-interval", "0.05"),
        ("models", "--json"),
    ):
        result = run_cli(*args, sandbox=sandbox)
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout + result.stderr)
    sandbox.set_faults("500@create")
    failing = run_cli("generate", "leak check", sandbox=sandbox)
    outputs.append(failing.stdout + failing.stderr)
    key = sandbox.api_key.encode()
    assert all(sandbox.api_key not in text for text in outputs)
    for path in home.rglob("*"):
        if path.is_file():
            assert key not in path.read_bytes(), path


def test_sandbox_command_prints_its_address() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "lemon_desktop", "sandbox", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert "base_url=http://127.0.0.1:" in line and "api_key=" in line
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.parametrize("flag", ["--version"])
def test_version(flag: str) -> None:
    result = run_cli(flag)
    assert result.returncode == 0 and result.stdout.startswith("lemon-desktop ")


def test_local_commands_need_no_key_or_keyring(sandbox: SandboxServer) -> None:
    made = run_cli("generate", "x", "--model", "dall-e-2", "--size", "256x256", sandbox=sandbox)
    assert made.returncode == 0, made.stderr
    env = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "LEMONDATA_API_KEY": ""}
    listed = run_cli("jobs", "list", "--json", extra_env=env)
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout)[0]["state"] == "done"
    assert run_cli("library", "stats", extra_env=env).returncode == 0
    # A command that needs the gateway says why the key is missing.
    assert_clean_error(run_cli("models", extra_env=env), 3, "No system keyring")
