"""Reading image sizes from headers: the fast path agrees with Pillow, odd files fall back."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from lemon_desktop.library.probe import NotAnImage, image_size, probe


def encoded(fmt: str, size: tuple[int, int], mode: str = "RGB", **options: object) -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, (10, 20, 30)[: len(mode)] if mode != "L" else 9).save(buf, fmt, **options)
    return buf.getvalue()


CASES = {
    "png": encoded("PNG", (321, 123)),
    "png-rgba": encoded("PNG", (5, 4000), "RGBA"),
    "jpeg": encoded("JPEG", (640, 17)),
    "jpeg-progressive": encoded("JPEG", (333, 222), progressive=True),
    "jpeg-exif": encoded("JPEG", (90, 60), exif=Image.Exif()),
    "jpeg-grey": encoded("JPEG", (77, 33), "L"),
    "webp-lossy": encoded("WEBP", (301, 99)),
    "webp-lossless": encoded("WEBP", (16383, 2), lossless=True),
    "webp-alpha": encoded("WEBP", (123, 45), "RGBA"),
    "webp-exif": encoded("WEBP", (64, 48), exif=b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x00"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_header_size_matches_pillow(name: str) -> None:
    data = CASES[name]
    with Image.open(io.BytesIO(data)) as image:
        expected = image.size
    assert (probe(data).width, probe(data).height) == expected


def test_unusual_jpeg_header_falls_back_to_pillow() -> None:
    data = CASES["jpeg"]
    # A frame header with height 0 (the size would follow in a DNL marker): not trusted.
    sof = data.index(b"\xff\xc0")
    zero_height = data[: sof + 5] + b"\x00\x00" + data[sof + 7 :]
    with pytest.raises(NotAnImage, match="header cannot be read"):
        image_size(zero_height, "jpeg")


def test_damaged_headers_are_not_images() -> None:
    with pytest.raises(NotAnImage):
        probe(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    with pytest.raises(NotAnImage):
        probe(b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 30)
    with pytest.raises(NotAnImage):
        probe(b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x00" * 20)
