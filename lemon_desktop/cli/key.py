"""`lemon-desktop key set|clear|status`: the key lives in the OS keyring."""

from __future__ import annotations

import argparse
import getpass
import sys

from .. import keys
from ..core import connection
from .errors import Exit


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("key", help="store, remove or check the API key")
    actions = parser.add_subparsers(dest="action", required=True)
    actions.add_parser(
        "set", help="store the key read from standard input (never from the command line)"
    )
    actions.add_parser("clear", help="remove the stored key")
    actions.add_parser("status", help="say where the key comes from")
    parser.set_defaults(handler=run, needs_context=False)


def _read_key() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("API key (input hidden): ")
    return sys.stdin.readline()


def run(args: argparse.Namespace, _context: object = None) -> int:
    if args.action == "set":
        keys.store_key(_read_key())
        print("API key stored in the system keyring.")
        return 0
    if args.action == "clear":
        removed = keys.delete_stored_key()
        print("API key removed from the keyring." if removed else "No key was stored.")
        return 0
    resolved = keys.resolve_key()
    if resolved.source == "environment":
        print(f"Using the key from {keys.ENV_KEY}.")
    elif resolved.source == "keyring":
        print("Using the key stored in the system keyring.")
    else:
        print(connection.no_key(resolved.problem).reason)
        return int(Exit.NO_KEY)
    return 0
