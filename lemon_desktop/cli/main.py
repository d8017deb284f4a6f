"""The `lemon-desktop` command: the GUI by default, subcommands for scripting."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from .. import __version__
from . import edit, generate, jobs, key, library, models
from .context import add_global_options, open_context
from .errors import EXPECTED_ERRORS, Exit, report


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lemon-desktop", description="A desktop studio for the LemonData image API."
    )
    parser.add_argument("--version", action="version", version=f"lemon-desktop {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation offline: show the window, generate one sandbox image",
    )
    add_global_options(parser)
    commands = parser.add_subparsers(dest="command")
    generate.add_parser(commands)
    edit.add_parsers(commands)
    models.add_parser(commands)
    library.add_parser(commands)
    jobs.add_parser(commands)
    key.add_parser(commands)
    sandbox = commands.add_parser(
        "sandbox", help="run the built-in sandbox gateway", add_help=False
    )
    sandbox.set_defaults(handler=_run_sandbox, needs_context=False, sandbox_args=[])
    return parser


def _run_sandbox(args: argparse.Namespace, _context: object = None) -> int:
    from ..sandbox.cli import run

    return run(args.sandbox_args)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        code = _run(argv)
        # Flushed here, not at exit, so that a closed pipe is met where it is handled.
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        return _stdout_closed()


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    # The sandbox has its own options; everything after `sandbox` is passed on.
    args, rest = parser.parse_known_args(argv)
    if args.self_test:
        from ..selftest import run_self_test

        return run_self_test(home=args.home)
    if args.command == "sandbox":
        args.sandbox_args = rest
    elif rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    handler = getattr(args, "handler", None)
    if handler is None:
        from ..app import run_gui

        return run_gui(args.home, args.base_url, sandbox=args.sandbox)
    try:
        if not getattr(args, "needs_context", True):
            return int(handler(args))
        with open_context(args) as context:
            return int(handler(args, context))
    except KeyboardInterrupt:
        print("lemon-desktop: interrupted.", file=sys.stderr)
        return int(Exit.INTERRUPTED)
    except BrokenPipeError:
        raise  # an OSError, but no error of the command: handled in main()
    except EXPECTED_ERRORS as exc:
        return int(report(exc))


def _stdout_closed() -> int:
    """The reader went away (`| head`): stop quietly, as the Python docs recommend.

    Python flushes stdout again at exit, which would fail once more and print an error;
    pointing stdout at /dev/null first makes that flush harmless.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    finally:
        os.close(devnull)
    return int(Exit.BROKEN_PIPE)


if __name__ == "__main__":
    sys.exit(main())
