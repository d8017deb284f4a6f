"""What every command needs: base URL, home folder, key, and the core session or a
client made from them (by the same mapping from settings as the window's)."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..api.client import LemonClient
from ..api.endpoint import DEFAULT_BASE_URL, Endpoint
from ..api.errors import MissingKeyError
from ..core import connection
from ..core.connection import KeySource
from ..core.session import QueueOverrides, Session, make_client
from ..keys import resolve_key
from ..paths import ENV_BASE_URL, default_home
from ..settings import load_settings


@dataclass(frozen=True)
class Context:
    base_url: str
    home: Path
    api_key: str | None
    key_problem: str | None = None  # why the keyring could not be asked, if it could not
    key_source: KeySource = "none"

    def require_key(self) -> str:
        """The key; only commands that talk to the gateway ask, local ones never do."""
        if self.api_key is None:
            # The "no key" connection state, in the words MissingKeyError has for it.
            raise MissingKeyError(connection.no_key(self.key_problem).keyring_problem)
        return self.api_key

    def session(self, overrides: QueueOverrides | None = None) -> Session:
        """The core session the window also runs on, for this command's home and URL."""
        return Session(self.home, base_url=self.base_url, overrides=overrides)

    def client(self) -> LemonClient:
        return make_client(load_settings(self.home), self.base_url, self.require_key())


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
            yield Context(server.base_url, home, server.api_key, key_source="sandbox")
        return
    base_url = args.base_url or os.environ.get(ENV_BASE_URL) or DEFAULT_BASE_URL
    Endpoint.parse(base_url)  # a bad URL is invalid input, found before any key lookup
    resolved = resolve_key()
    yield Context(base_url, home, resolved.key, resolved.problem, resolved.source)
