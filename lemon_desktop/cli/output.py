"""Text from outside (gateway errors, model ids, imported prompts) on a terminal.

A gateway or an imported file can carry terminal escape sequences that would rewrite
the screen, set the window title or hide text; every such string goes through
`terminal_safe` before the CLI prints it.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, and the C1 block (which some terminals read as
# CSI and OSC introducers on their own).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _escaped(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def terminal_safe(text: object) -> str:
    """`text` with every control character shown as a visible `\\xNN` escape."""
    return _CONTROL.sub(_escaped, str(text))
