"""Everything a file says about where it came from, gathered once for the readers.

Each container module fills one `Found`; the generator readers (_comfyui,
_invokeai, ...) look only at it, never at container bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

XMP_PNG_KEY = "XML:com.adobe.xmp"


@dataclass
class Found:
    fmt: str
    # PNG text chunks by keyword (the first of each); for JPEG and WebP the EXIF IFD0
    # text tags (Make, Model, Software, ImageDescription, Artist).
    texts: dict[str, str] = field(default_factory=dict)
    user_comment: str | None = None  # EXIF UserComment, where A1111 and Fooocus write
    xmp: bytes | None = None
    # A C2PA manifest store: PNG caBX chunk, JPEG APP11 JUMBF, WebP C2PA chunk.
    content_credentials: bool = False
    has_alpha: bool = False  # where A1111's "stealth" metadata can hide
    size: tuple[int, int] | None = None  # the real pixel size

    def size_text(self) -> str | None:
        return f"{self.size[0]}x{self.size[1]}" if self.size else None

    def text(self, *keys: str) -> str | None:
        for key in keys:
            value = self.texts.get(key)
            if value and value.strip():
                return value
        return None
