"""What every command needs: base URL, home folder, key, and a client."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..api.client import LemonClient, Timeouts
from ..api.endpoint import DEFAULT_BASE_URL, Endpoint
from ..api.errors import MissingKeyError
from ..keys import resolve_key
from ..paths import ENV_BASE_URL, default_home


@dataclass(frozen=True)
class Context:
    base_url: str
    home: Path
    api_key: str | None
    key_problem: str | None = None  # why the keyring could not be asked, if it could not

    def client(self, *, timeouts: Timeouts | None = None) -> LemonClient:
        # Only commands that talk to the gateway need the key; local ones never ask.
        if self.api_key is None:
            raise MissingKeyError(self.key_problem)
        return LemonClient(self.base_url, self.api_key, timeouts=timeouts)


def json_commands(
    parser: argparse.ArgumentParser, dest: str, json_help: str = "print JSON"
) -> Callable[[str, str], argparse.ArgumentParser]:
    """A factory of subcommands under `parser`, each with its own --json flag."""
    sub = parser.add_subparsers(dest=dest, required=True, metavar="COMMAND")

    def command(name: str, text: str) -> argparse.ArgumentParser:
        made = sub.add_parser(name, help=text, description=text)
        made.add_argument("--json", action="store_true", help=json_help)
        return made

    return command


def add_global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--base-url",
        default=None,
        help=f"gateway base URL (env {ENV_BASE_URL}; default {DEFAULT_BASE_URL})",
    )
    parser.add_argument(
        "--home", type=Path, default=None, help="folder for all local data (env LEMON_DESKTOP_HOME)"
    )
    parser.add_argument(
        "--sandbox",
        action="store_true",
        help="run against the built-in sandbox gateway on loopback instead of the real one",
    )


@contextmanager
def open_context(args: argparse.Namespace) -> Iterator[Context]:
    home = (args.home or default_home()).expanduser()
    if args.sandbox:
        from ..sandbox import SandboxServer

        with SandboxServer() as server:
            yield Context(server.base_url, home, server.api_key)
        return
    base_url = args.base_url or os.environ.get(ENV_BASE_URL) or DEFAULT_BASE_URL
    Endpoint.parse(base_url)  # a bad URL is invalid input, found before any key lookup
    resolved = resolve_key()
    yield Context(base_url, home, resolved.key, resolved.problem)
