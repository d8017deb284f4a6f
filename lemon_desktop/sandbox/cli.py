"""Command line for the sandbox gateway (also behind ``lemon-desktop sandbox``).

Prints one line ``base_url=... cdn_url=... api_key=...`` once both origins accept
connections, so a parent process can read it, then serves until SIGINT or SIGTERM.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType

from lemon_desktop.sandbox.faults import FaultPlan
from lemon_desktop.sandbox.options import OptionsHolder, SandboxOptions
from lemon_desktop.sandbox.server import SandboxServer


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lemon-desktop sandbox",
        description="Run a local LemonData-compatible image gateway that draws its own images.",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="API port (0: pick a free one)")
    parser.add_argument("--cdn-port", type=int, default=0, help="image CDN port (0: free one)")
    parser.add_argument("--key", default=None, help="accepted API key (default: random)")
    parser.add_argument("--faults", default=None, help="fault plan, e.g. '429@create*1'")
    parser.add_argument("--seed", type=int, default=None, help="seed for '%%' fault rules")
    parser.add_argument("--task-seconds", type=float, default=2.0)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added per request")
    parser.add_argument(
        "--mask-leak",
        type=float,
        default=None,
        help="share 0..1 of pixels outside an edit mask that change anyway (default 0.5)",
    )
    parser.add_argument(
        "--extension",
        choices=("both", "tokenlab", "lemondata"),
        default=None,
        help="where model listings put their extension object (default both)",
    )
    parser.add_argument(
        "--stream-mode",
        choices=("partial", "refuse", "ignore"),
        default=None,
        help="stream: true on generations (default partial: GPT Image streams)",
    )
    return parser


def _options(args: argparse.Namespace) -> SandboxOptions:
    holder = OptionsHolder()
    changes = {
        name: value
        for name, value in (
            ("mask_leak", args.mask_leak),
            ("extension", args.extension),
            ("stream_mode", args.stream_mode),
        )
        if value is not None
    }
    return holder.update(changes)


def run(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        plan = FaultPlan.parse(args.faults, args.seed)
        options = _options(args)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    # Signal handlers can only be installed from the main thread; elsewhere (embedded)
    # the caller stops us by other means.
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, on_signal)
    server = SandboxServer(
        api_key=args.key,
        host=args.host,
        port=args.port,
        cdn_port=args.cdn_port,
        faults=plan,
        task_seconds=args.task_seconds,
        latency=args.latency,
        options=options,
    )
    try:
        server.start()
    except (OSError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(
        f"base_url={server.base_url} cdn_url={server.cdn_url} api_key={server.api_key}",
        flush=True,
    )
    try:
        while not stop.wait(0.5):
            pass
    finally:
        server.stop()
    return 0
