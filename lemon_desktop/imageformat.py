"""What image format bytes really are, whatever their name or content type says.

Its own module, free of dependencies: the gateway client (downloads) and the
library (imports, metadata) both sniff, and the library must not pull in the
HTTP stack to do so.
"""

from __future__ import annotations


def sniff_image_format(head: bytes) -> str | None:
    """ "png", "jpeg" or "webp" from the first 12 or more bytes; None for anything else."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None
