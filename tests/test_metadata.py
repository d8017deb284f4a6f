"""Provenance metadata: embedded without re-encoding, readable by us and by Pillow."""

from __future__ import annotations

import io
import json
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, PngImagePlugin

from lemon_desktop.library.metadata import (
    APP_ID,
    MetadataError,
    Provenance,
    a1111_parameters,
    embed,
    parse_a1111_parameters,
    read,
    sniff_format,
    strip,
)

CHINESE = "一只在月光下的橘猫，水彩风格 🐱🌙"
PROVENANCE = Provenance(
    prompt="a lighthouse at dusk, oil painting",
    model="gpt-image-1",
    params={"size": "1024x1536", "n": 1, "quality": "high", "seed": 1234, "style": "vivid"},
    revised_prompt="A lighthouse standing on a rocky coast at dusk, painted in oils.",
    negative_prompt="blurry, low contrast",
    task_id="task_abc123",
    source_url="https://cdn.example.com/img/abc.png",
    usage={"input_tokens": 12, "output_tokens": 4160},
    cost_usd="0.167",
    created="2025-03-01T12:00:00Z",
)


def _image(fmt: str, mode: str = "RGB", size: tuple[int, int] = (96, 64), **save: Any) -> bytes:
    noise = Image.effect_noise(size, 60)
    image = Image.merge(
        "RGB",
        (noise, noise.rotate(90, expand=False), noise.transpose(Image.Transpose.FLIP_LEFT_RIGHT)),
    )
    if mode == "RGBA":
        alpha = Image.linear_gradient("L").resize(size)
        image = Image.merge("RGBA", (*image.split(), alpha))
    buffer = io.BytesIO()
    image.save(buffer, fmt.upper(), **save)
    return buffer.getvalue()


def _pixels(data: bytes) -> tuple[str, tuple[int, int], bytes]:
    with Image.open(io.BytesIO(data)) as image:
        return image.mode, image.size, image.tobytes()


def _stamped(p: Provenance) -> Provenance:
    return Provenance(**{**p.__dict__, "app": APP_ID})


SAMPLES = {
    "png-rgb": ("png", lambda: _image("png")),
    "png-rgba": ("png", lambda: _image("png", "RGBA")),
    "jpeg": ("jpeg", lambda: _image("jpeg", quality=90)),
    "webp-vp8": ("webp", lambda: _image("webp", quality=80)),
    "webp-vp8l-alpha": ("webp", lambda: _image("webp", "RGBA", lossless=True)),
    "webp-vp8x-alpha": ("webp", lambda: _image("webp", "RGBA", quality=80)),
}


@pytest.fixture(params=sorted(SAMPLES))
def sample(request: pytest.FixtureRequest) -> tuple[str, bytes]:
    fmt, make = SAMPLES[request.param]
    return fmt, make()


# ---------------------------------------------------------------- round trips


def test_embed_keeps_pixels_and_reads_back(sample: tuple[str, bytes]) -> None:
    fmt, original = sample
    out = embed(original, fmt, PROVENANCE)  # type: ignore[arg-type]
    assert _pixels(out) == _pixels(original)
    assert read(out) == _stamped(PROVENANCE)


def test_non_latin1_prompt_round_trips(sample: tuple[str, bytes]) -> None:
    fmt, original = sample
    p = Provenance(prompt=CHINESE, model="seedream-4", negative_prompt="模糊", params={"n": 1})
    out = embed(original, fmt, p)  # type: ignore[arg-type]
    assert read(out) == _stamped(p)
    assert _pixels(out) == _pixels(original)


def test_embed_twice_replaces_instead_of_duplicating(sample: tuple[str, bytes]) -> None:
    fmt, original = sample
    once = embed(original, fmt, PROVENANCE)  # type: ignore[arg-type]
    second = Provenance(prompt="second", model="m")
    twice = embed(once, fmt, second)  # type: ignore[arg-type]
    assert read(twice) == _stamped(second)
    assert twice.count(f'"app":"{APP_ID}"'.encode()) == 1  # one JSON copy, not two
    assert len(twice) < len(once) + 200


def test_read_accepts_a_path(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(embed(_image("png"), "png", PROVENANCE))
    assert read(path) == _stamped(PROVENANCE)


def test_explicit_app_is_kept() -> None:
    p = Provenance(prompt="x", app="someone-else/2")
    assert read(embed(_image("png"), "png", p)) == p


# ---------------------------------------------------------------- what other tools see


def _png_text_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    found, pos = [], 8
    while pos < len(data):
        length, kind = struct.unpack_from(">I4s", data, pos)
        payload = data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack_from(">I", data, pos + 8 + length)
        assert crc == zlib.crc32(kind + payload) & 0xFFFFFFFF, kind
        if kind in (b"tEXt", b"iTXt", b"zTXt"):
            found.append((kind, payload.partition(b"\x00")[0]))
        pos += 12 + length
    return found


def test_png_pillow_sees_parameters_and_latin1_uses_text() -> None:
    out = embed(_image("png"), "png", PROVENANCE)
    with Image.open(io.BytesIO(out)) as image:
        # Size is the image's real pixel size, whatever the request asked for.
        assert image.info["parameters"] == a1111_parameters(_stamped(PROVENANCE), (96, 64))
        assert json.loads(image.info["lemon-desktop"])["task_id"] == "task_abc123"
        assert image.text["parameters"].startswith("a lighthouse at dusk")  # type: ignore[attr-defined]
    chunks = _png_text_chunks(out)
    assert (b"tEXt", b"parameters") in chunks
    assert (b"iTXt", b"lemon-desktop") in chunks


def test_png_non_latin1_parameters_use_itxt() -> None:
    out = embed(_image("png"), "png", Provenance(prompt=CHINESE))
    assert (b"iTXt", b"parameters") in _png_text_chunks(out)
    with Image.open(io.BytesIO(out)) as image:
        assert image.text["parameters"].split("\n")[0] == CHINESE  # type: ignore[attr-defined]


def test_a1111_text_shape() -> None:
    text = a1111_parameters(PROVENANCE, (1024, 1536))
    prompt, negative, params = text.split("\n")
    assert prompt == PROVENANCE.prompt
    assert negative == "Negative prompt: blurry, low contrast"
    # Steps first (sd-prompt-reader), Sampler and a third sampler key (sd-parsers); what
    # the request did not carry is "unknown", never an invented number.
    assert params.startswith(
        "Steps: unknown, Sampler: unknown, Schedule type: unknown, Seed: 1234, "
        "Size: 1024x1536, Model: gpt-image-1, "
    )
    assert "Quality: high" in params
    assert "Batch size: 1" in params  # "N: 1" is too short a key for A1111's pattern


def _user_comment(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        return image.getexif().get_ifd(0x8769)[0x9286]


@pytest.mark.parametrize("fmt", ["jpeg", "webp"])
def test_exif_user_comment_is_piexif_style(fmt: str) -> None:
    out = embed(_image(fmt), fmt, Provenance(prompt=CHINESE, model="m"))  # type: ignore[arg-type]
    comment = _user_comment(out)
    # piexif.helper.UserComment.load (used by A1111 and most readers) decodes UTF-16BE.
    assert comment[:8] == b"UNICODE\x00"
    assert comment[8:].decode("utf-16-be") == a1111_parameters(
        Provenance(prompt=CHINESE, model="m"), (96, 64)
    )
    with Image.open(io.BytesIO(out)) as image:
        assert image.getexif().endian == ">"  # big-endian TIFF, as piexif writes
        xmp = image.info["xmp"]
    assert b"lemon:provenance" in (xmp if isinstance(xmp, bytes) else xmp.encode())


def test_webp_simple_file_gets_vp8x_with_canvas_and_flags() -> None:
    original = _image("webp", size=(123, 45), quality=80)
    assert original[12:16] == b"VP8 "
    out = embed(original, "webp", PROVENANCE)
    assert out[12:16] == b"VP8X"
    flags = out[20]
    assert flags & 0x08 and flags & 0x04 and not flags & 0x10
    width = int.from_bytes(out[24:27], "little") + 1
    height = int.from_bytes(out[27:30], "little") + 1
    assert (width, height) == (123, 45)
    assert struct.unpack_from("<I", out, 4)[0] == len(out) - 8


def test_webp_lossless_alpha_sets_alpha_flag() -> None:
    out = embed(_image("webp", "RGBA", lossless=True), "webp", PROVENANCE)
    assert out[20] & 0x10
    assert _pixels(out)[0] == "RGBA"


def test_jpeg_existing_orientation_is_kept() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6
    original = _image("jpeg", exif=exif.tobytes())
    out = embed(original, "jpeg", PROVENANCE)
    with Image.open(io.BytesIO(out)) as image:
        assert image.getexif()[0x0112] == 6
    assert read(out) == _stamped(PROVENANCE)


def test_jpeg_long_prompt_uses_extended_xmp() -> None:
    # 40k CJK characters: 120 KB of UTF-8 JSON, 80 KB of UTF-16; both over one segment.
    prompt = ("水墨山水，" * 8000) + "🐉"
    p = Provenance(prompt=prompt, model="m", params={"size": "1024x1024"})
    original = _image("jpeg")
    out = embed(original, "jpeg", p)
    assert read(out) == _stamped(p)
    assert out.count(b"http://ns.adobe.com/xmp/extension/\x00") >= 2
    assert _pixels(out) == _pixels(original)
    comment = _user_comment(out)[8:].decode("utf-16-be")
    # The EXIF copy cuts the prompt, never garbled, and keeps the settings line whole.
    kept, _, settings = comment.rpartition("\n")
    assert 30_000 < len(kept) < len(prompt) and prompt.startswith(kept)
    assert "Size: 96x64, Requested size: 1024x1024, Model: m" in settings
    assert settings.endswith(f"Prompt cut: kept {len(kept)} of {len(prompt)} characters")
    with Image.open(io.BytesIO(out)) as image:
        assert b"HasExtendedXMP" in (
            image.info["xmp"]
            if isinstance(image.info["xmp"], bytes)
            else image.info["xmp"].encode()
        )


def test_long_prompt_png_and_webp_keep_everything() -> None:
    p = Provenance(prompt="長" * 100_000)
    for fmt in ("png", "webp"):
        assert read(embed(_image(fmt), fmt, p)) == _stamped(p)  # type: ignore[arg-type]


# ---------------------------------------------------------------- foreign files


def test_reads_a1111_png_written_by_pillow() -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text(
        "parameters",
        "masterpiece, 1girl\nNegative prompt: lowres\n"
        "Steps: 20, Sampler: DPM++ 2M, CFG scale: 7, Seed: 42, Size: 512x768, Model: sdxl",
    )
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "PNG", pnginfo=info)
    p = read(buffer.getvalue())
    assert p is not None and p.app == "a1111"
    assert (p.prompt, p.negative_prompt, p.model) == ("masterpiece, 1girl", "lowres", "sdxl")
    assert p.params == {
        "steps": 20,
        "sampler": "DPM++ 2M",
        "cfg_scale": 7,
        "seed": 42,
        "size": "512x768",
    }


def test_reads_little_endian_user_comment_from_pillow_exif() -> None:
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9286] = (
        b"UNICODE\x00" + f"{CHINESE}\nSteps: 4, Seed: 1, Size: 8x8".encode("utf-16-le")
    )
    p = read(_image("jpeg", exif=exif.tobytes()))
    assert p is not None and p.prompt == CHINESE and p.params["size"] == "8x8"


def test_our_json_wins_over_parameters_and_damaged_json_falls_back() -> None:
    out = embed(_image("png"), "png", PROVENANCE)
    assert read(out) == _stamped(PROVENANCE)
    broken = out.replace(b'{"schema"', b'["schema"', 1)  # same length, not JSON
    broken = _fix_crcs(broken)
    p = read(broken)
    assert p is not None and p.app == "a1111" and p.prompt == PROVENANCE.prompt


def _fix_crcs(data: bytes) -> bytes:
    out, pos = bytearray(data[:8]), 8
    while pos < len(data):
        (length,) = struct.unpack_from(">I", data, pos)
        body = data[pos + 4 : pos + 8 + length]
        out += data[pos : pos + 8 + length] + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
        pos += 12 + length
    return bytes(out)


def test_image_without_metadata_reads_none(sample: tuple[str, bytes]) -> None:
    assert read(sample[1]) is None


# ---------------------------------------------------------------- A1111 text parsing


def test_parse_real_a1111_text() -> None:
    text = (
        "(masterpiece:1.2), best quality, a castle\r\n"
        "on a hill, <lora:detail:0.6>\r\n"
        "Negative prompt: worst quality, lowres,\r\n"
        "bad hands\r\n"
        "Steps: 30, Sampler: Euler a, Schedule type: Karras, CFG scale: 6.5, Seed: 3816573620, "
        "Size: 832x1216, Model hash: 31e35c80fc, Model: sd_xl_base_1.0, Denoising strength: 0.4, "
        'Lora hashes: "detail: 62f1, other: 9a0b", Version: v1.10.1\r\n'
        "Template: a castle on a hill\r\n"
        "Negative Template: worst quality"
    )
    p = parse_a1111_parameters(text)
    assert p.prompt == "(masterpiece:1.2), best quality, a castle\non a hill, <lora:detail:0.6>"
    assert p.negative_prompt == "worst quality, lowres,\nbad hands"
    assert p.model == "sd_xl_base_1.0"
    assert p.params["cfg_scale"] == 6.5
    assert p.params["seed"] == 3816573620
    assert p.params["size"] == "832x1216"
    assert p.params["model_hash"] == "31e35c80fc"
    assert p.params["schedule_type"] == "Karras"
    assert p.params["lora_hashes"] == "detail: 62f1, other: 9a0b"
    assert p.params["version"] == "v1.10.1"
    assert p.params["template"] == "a castle on a hill"
    assert p.params["negative_template"] == "worst quality"


@pytest.mark.parametrize(
    ("text", "prompt", "negative", "params"),
    [
        ("just a prompt", "just a prompt", None, {}),
        ("a: b, c", "a: b, c", None, {}),
        ("Negative prompt: ugly", None, "ugly", {}),
        ("cat\nSteps: 4", "cat", None, {"steps": 4}),
        (
            "\ufeffcat\n\nSteps: 4, Seed: 5, Size: 64x64\n",
            "cat",
            None,
            {"steps": 4, "seed": 5, "size": "64x64"},
        ),
        ("", None, None, {}),
    ],
)
def test_parse_is_tolerant(
    text: str, prompt: str | None, negative: str | None, params: dict[str, Any]
) -> None:
    p = parse_a1111_parameters(text)
    assert (p.prompt, p.negative_prompt, p.params) == (prompt, negative, params)


def test_parse_swarmui_json() -> None:
    text = json.dumps(
        {"sui_image_params": {"prompt": "fox", "negativeprompt": "", "model": "flux", "seed": 7}}
    )
    p = parse_a1111_parameters(text)
    assert (p.prompt, p.negative_prompt, p.model, p.params) == ("fox", None, "flux", {"seed": 7})


def test_a1111_round_trip_with_awkward_values() -> None:
    p = Provenance(
        prompt="line one\nline two: with colon",
        model="flux-pro",
        params={
            "size": "1024x1024",
            "style": "a, b",
            "extra": {"k": [1, 2]},
            "guidance": 3.5,
            "quoted": 'say "hi"',
        },
        negative_prompt="ugly",
    )
    back = parse_a1111_parameters(a1111_parameters(p))
    assert (back.prompt, back.negative_prompt, back.model) == (p.prompt, "ugly", "flux-pro")
    assert back.params == p.params


# ---------------------------------------------------------------- provenance JSON


def test_provenance_json_round_trip_and_tolerance() -> None:
    assert Provenance.from_json(PROVENANCE.to_json()) == PROVENANCE
    odd = Provenance.from_json(
        {
            "prompt": 5,
            "params": "x",
            "usage": [1],
            "cost_usd": 0.25,
            "future_field": 1,
            "model": "m",
        }
    )
    assert odd == Provenance(model="m", cost_usd="0.25")
    with pytest.raises(MetadataError):
        Provenance.from_json(["not", "an", "object"])


# ---------------------------------------------------------------- strip


def test_strip_removes_everything_and_keeps_pixels(sample: tuple[str, bytes]) -> None:
    fmt, original = sample
    out = strip(embed(original, fmt, PROVENANCE), fmt)  # type: ignore[arg-type]
    assert read(out) is None
    assert _pixels(out) == _pixels(original)
    assert b"lighthouse" not in out and b"l\x00i\x00g\x00h\x00t" not in out
    with Image.open(io.BytesIO(out)) as image:
        assert "exif" not in image.info and "xmp" not in image.info
        assert not {"parameters", "lemon-desktop"} & set(image.info)


def test_strip_keeps_orientation_only() -> None:
    exif = Image.Exif()
    exif[0x0112] = 8
    exif[0x010F] = "CameraMaker"
    out = strip(embed(_image("jpeg", exif=exif.tobytes()), "jpeg", PROVENANCE), "jpeg")
    with Image.open(io.BytesIO(out)) as image:
        kept = dict(image.getexif())
    assert kept == {0x0112: 8}
    assert read(out) is None


# ---------------------------------------------------------------- hostile input


def _corruptions() -> list[tuple[str, bytes]]:
    png, jpeg, webp = _image("png"), _image("jpeg"), _image("webp")
    bad_length = png[:8] + png[8:33] + struct.pack(">I", 0x7FFFFFF0) + png[37:]
    return [
        ("empty", b""),
        ("random", bytes(range(256)) * 4),
        ("png-truncated", png[: len(png) // 2]),
        ("png-header-only", png[:16]),
        ("png-bad-length", bad_length),
        ("jpeg-truncated", jpeg[: len(jpeg) // 2]),
        ("jpeg-soi-only", jpeg[:4]),
        ("jpeg-bad-length", jpeg[:2] + b"\xff\xe0\xff\xff" + jpeg[6:40]),
        ("webp-truncated", webp[: len(webp) // 2]),
        ("webp-bad-chunk", webp[:12] + b"VP8 " + struct.pack("<I", 10**9) + webp[20:]),
        ("webp-riff-only", b"RIFF\x04\x00\x00\x00WEBP"),
    ]


@pytest.mark.parametrize(("name", "data"), _corruptions())
def test_hostile_input(name: str, data: bytes) -> None:
    assert read(data) is None
    fmt = sniff_format(data) or "png"
    with pytest.raises(MetadataError) as raised:
        embed(data, fmt, PROVENANCE)  # type: ignore[arg-type]
    assert str(raised.value)
    with pytest.raises(MetadataError):
        strip(data, fmt)  # type: ignore[arg-type]


def test_hostile_metadata_content() -> None:
    # A zTXt bomb under our keyword and an entity-laden XMP: both are just ignored.
    bomb = zlib.compress(b"A" * 50_000_000, 9)
    chunk_body = b"lemon-desktop\x00\x00" + bomb
    chunk = struct.pack(">I", len(chunk_body)) + b"zTXt" + chunk_body
    chunk += struct.pack(">I", zlib.crc32(b"zTXt" + chunk_body) & 0xFFFFFFFF)
    png = _image("png")
    assert read(png[:33] + chunk + png[33:]) is None
    xmp = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/">&a;</x:xmpmeta>'
    )
    jpeg = _image("jpeg")
    segment = b"http://ns.adobe.com/xap/1.0/\x00" + xmp
    hostile = jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(segment) + 2) + segment + jpeg[2:]
    assert read(hostile) is None


def test_wrong_format_and_missing_path(tmp_path: Path) -> None:
    with pytest.raises(MetadataError, match="not jpeg"):
        embed(_image("png"), "jpeg", PROVENANCE)
    with pytest.raises(MetadataError, match="unsupported"):
        embed(_image("png"), "gif", PROVENANCE)  # type: ignore[arg-type]
    assert read(tmp_path / "missing.png") is None
    assert read(tmp_path) is None
    assert issubclass(MetadataError, ValueError)
