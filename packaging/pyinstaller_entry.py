"""Entry point of the PyInstaller build: the same `main` as the `lemon-desktop` script."""

import sys

from lemon_desktop.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
