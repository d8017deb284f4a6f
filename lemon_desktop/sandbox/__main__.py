"""``python -m lemon_desktop.sandbox``: run the sandbox gateway in the foreground."""

import sys

from lemon_desktop.sandbox.cli import run

sys.exit(run())
