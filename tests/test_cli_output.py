"""What the command line prints and exits with when the gateway is hostile: real
`lemon-desktop` processes against a scripted server on loopback."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from lemon_desktop.library import searchtext

from .hostile_server import HostileServer, Reply, json_reply, raw_json_reply
from .test_cli import assert_clean_error

KEY = "sk-hostile-" + "fedcba9876543210" * 2
ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x9b31m"
MODELS_ROUTE = "/v1/models"
NO_PRICES = json_reply({"object": "list", "data": []})


def cli(
    *args: str,
    base_url: str,
    extra_env: dict[str, str] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LEMONDATA_API_KEY": KEY, "LEMONDATA_BASE_URL": base_url}
    env.update(extra_env or {})
    return subprocess.run(
        [sys.executable, "-m", "lemon_desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )


def catalogue(*ids: object) -> Reply:
    return json_reply({"object": "list", "data": [{"id": i, "object": "model"} for i in ids]})


# ----- item 1: no proxy in between for plain http on loopback -----------------------------


def test_models_over_plain_http_to_127_0_0_2_never_goes_through_the_proxy() -> None:
    with (
        HostileServer({"*": Reply(502)}) as proxy,
        HostileServer(
            {MODELS_ROUTE: catalogue("m1"), "/v1/pricing": NO_PRICES}, host="127.0.0.2"
        ) as gateway,
    ):
        env = {"HTTP_PROXY": proxy.base_url, "http_proxy": proxy.base_url, "NO_PROXY": ""}
        result = cli("--base-url", gateway.base_url, "models", base_url="", extra_env=env)
    assert result.returncode == 0, result.stderr
    assert "m1" in result.stdout
    assert proxy.requests == []
    assert gateway.requests[0].headers["authorization"] == f"Bearer {KEY}"


# ----- item 5: terminal escapes never reach the terminal ---------------------------------


def test_model_ids_with_terminal_escapes_are_printed_harmless() -> None:
    routes = {MODELS_ROUTE: catalogue(f"evil{ESCAPES}model", "plain"), "/v1/pricing": NO_PRICES}
    with HostileServer(routes) as gateway:
        result = cli("models", base_url=gateway.base_url)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\x9b" not in result.stdout
    assert "evil\\x1b]0;pwned\\x07" in result.stdout


def test_gateway_error_texts_with_escapes_are_printed_harmless() -> None:
    envelope = {"error": {"message": f"boom{ESCAPES}", "hint": f"hint{ESCAPES}"}}
    with HostileServer({MODELS_ROUTE: json_reply(envelope, 400)}) as gateway:
        result = cli("models", base_url=gateway.base_url)
    assert_clean_error(result, 4, "boom\\x1b]0;pwned\\x07")
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "hint\\x1b" in result.stderr


# ----- item 7: catalogue, key rejected while polling, redirect ----------------------------


def test_a_malformed_catalogue_entry_is_skipped() -> None:
    bad = json_reply(
        {
            "object": "list",
            "data": [
                {"id": "odd", "lemondata": {"supported_operations": 7}, "owned_by": [1]},
                {"id": {"nested": True}},
                {"id": "good"},
            ],
        }
    )
    with HostileServer({MODELS_ROUTE: bad, "/v1/pricing": NO_PRICES}) as gateway:
        result = cli("models", base_url=gateway.base_url)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.split()[0] == "odd" and "good" in result.stdout


def test_a_catalogue_that_is_no_list_exits_4_with_one_sentence() -> None:
    with HostileServer({MODELS_ROUTE: json_reply({"data": 5})}) as gateway:
        result = cli("models", base_url=gateway.base_url)
    assert_clean_error(result, 4, "The model list has no `data` array.")


def test_deeply_nested_catalogue_exits_4_with_one_sentence() -> None:
    nested = raw_json_reply('{"data": ' + "[" * 50_000 + "]" * 50_000 + "}")
    with HostileServer({MODELS_ROUTE: nested}) as gateway:
        result = cli("models", base_url=gateway.base_url)
    assert_clean_error(result, 4, "nested too deeply")


def test_unreadable_prices_still_list_the_models() -> None:
    routes = {MODELS_ROUTE: catalogue("m1"), "/v1/pricing": raw_json_reply("<html>")}
    with HostileServer(routes) as gateway:
        result = cli("models", base_url=gateway.base_url)
    assert result.returncode == 0, result.stderr
    assert "m1" in result.stdout and "price unknown" in result.stdout
    assert "prices unavailable" in result.stderr


def test_a_redirect_names_the_new_place_and_the_base_url_to_use() -> None:
    moved = Reply(307, b"", {"Location": "https://api.example.net/v1/models"})
    with HostileServer({MODELS_ROUTE: moved}) as gateway:
        result = cli("models", base_url=gateway.base_url)
    assert_clean_error(result, 4, "redirected the request (HTTP 307)")
    assert "changed to https://api.example.net" in result.stderr
    assert "Change the request" not in result.stderr


def test_a_key_rejected_while_polling_exits_3(tmp_path: Path) -> None:
    created = json_reply({"task_id": "t1", "status": "pending", "poll_url": "/v1/tasks/t1"})
    rejected = json_reply({"error": {"message": "key revoked", "code": "invalid_api_key"}}, 401)
    routes = {"/v1/images/generations": created, "/v1/tasks/t1": rejected, "/v1/pricing": NO_PRICES}
    with HostileServer(routes) as gateway:
        result = cli(
            "--home",
            str(tmp_path / "home"),
            "generate",
            "a lemon",
            "--model",
            "flux-pro",
            "--poll-interval",
            "0.05",
            "--task-timeout",
            "20",
            base_url=gateway.base_url,
        )
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr


# ----- item 4: an echoed key is not printed and not stored --------------------------------


def test_a_key_echoed_in_a_task_failure_reaches_neither_stderr_nor_the_library(
    tmp_path: Path,
) -> None:
    created = json_reply({"task_id": "t1", "status": "pending", "poll_url": "/v1/tasks/t1"})
    failed = json_reply(
        {"id": "t1", "status": "failed", "error": {"code": "x", "message": f"bad key {KEY}"}}
    )
    routes = {"/v1/images/generations": created, "/v1/tasks/t1": failed, "/v1/pricing": NO_PRICES}
    home = tmp_path / "home"
    with HostileServer(routes) as gateway:
        result = cli(
            "--home",
            str(home),
            "generate",
            "a lemon",
            "--model",
            "flux-pro",
            "--poll-interval",
            "0.05",
            base_url=gateway.base_url,
        )
    assert result.returncode == 5, result.stderr
    assert KEY not in result.stderr and KEY not in result.stdout
    assert "sk-…" in result.stderr
    databases = list(home.rglob("*.db"))
    assert databases
    for database in databases:
        with sqlite3.connect(database) as db:
            # The search index's view computes its text with the app's SQL function.
            searchtext.register(db)
            dump = "\n".join(db.iterdump())
        assert KEY not in dump
        for raw in (database, database.with_name(database.name + "-wal")):
            if raw.exists():
                assert KEY.encode() not in raw.read_bytes()


# ----- item 9 (section 6): a closed pipe ends quietly --------------------------------------


def test_piping_into_head_exits_quietly() -> None:
    many = catalogue(*(f"model-{n:05d}-" + "x" * 40 for n in range(6000)))
    with HostileServer({MODELS_ROUTE: many, "/v1/pricing": NO_PRICES}) as gateway:
        env = {**os.environ, "LEMONDATA_API_KEY": KEY, "LEMONDATA_BASE_URL": gateway.base_url}
        child = subprocess.Popen(
            [sys.executable, "-m", "lemon_desktop", "models"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        assert child.stdout is not None and child.stderr is not None
        first = child.stdout.readline()
        child.stdout.close()  # as `head -1` does after its line
        stderr = child.stderr.read().decode()
        code = child.wait(timeout=60)
    assert first.startswith(b"model-00000")
    assert stderr == ""
    assert code == 141
