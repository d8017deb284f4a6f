"""Reading what other generators wrote, from real files they wrote (tests/data/foreign,
see its README), with sd-parsers as a second opinion where it reads the format."""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin
from sd_parsers import Eagerness, ParserManager

from lemon_desktop.cli import library as library_cli
from lemon_desktop.library.metadata import Provenance, embed, kind_of, read, strip
from lemon_desktop.library.metadata import _png as png_container

FOREIGN = Path(__file__).parent / "data" / "foreign"
# sd-parsers' stealth reader calls a Pillow method deprecated for Pillow 14.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:sd_parsers.*")


def _read(name: str) -> Provenance:
    record = read(FOREIGN / name)
    assert record is not None, name
    return record


# file: (kind, prompt start, negative start, model, seed, size)
REAL = {
    "automatic1111_cropped.png": (
        "a1111",
        "photo of a duck",
        "monochrome",
        "realistic_realisticVisionV20_v20",
        235284042,
        "512x400",
    ),
    "automatic1111_cropped.jpg": (
        "a1111",
        "photo of a duck",
        "monochrome",
        "realistic_realisticVisionV20_v20",
        235284042,
        "512x400",
    ),
    "automatic1111_stealth.png": (
        "a1111-stealth",
        "a circle",
        "a square",
        "realisticVisionV51_v51VAE",
        2015833630,
        "64x64",
    ),
    "img2img_cropped.png": (
        "comfyui",
        "photograph of victorian woman with wings",
        "watermark, text",
        "v1-5-pruned-emaonly.ckpt",
        280823642470253,
        None,
    ),
    "fooocus1_cropped.png": (
        "fooocus",
        "a smiling goldfish",
        None,
        "juggernautXL_v8Rundiffusion",
        6952411511246973023,
        "768x1280",
    ),
    "invokeai_imeta1.png": (
        "invokeai",
        "digital artwork, oil painting",
        "grainy+, photo",
        "juggernautXL",
        3293022630,
        "1024x1024",
    ),
    "invokeai_sdmeta1.png": (
        "invokeai",
        "professional full body photo",
        "rendering, glowing eyes, skinny",
        "deliberateForInvoke_v08",
        2980747362,
        "512x768",
    ),
    "invokeai_dream1.png": (
        "invokeai",
        "professional full body photo",
        "rendering, glowing eyes, skinny",
        None,
        2980747362,
        "512x768",
    ),
    "novelai1_cropped.png": (
        "novelai",
        "masterpiece, best quality,  cat, space, icon",
        "lowres, bad anatomy",
        "Stable Diffusion 1D44365E",
        2253955223,
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_files_of_other_generators(name: str) -> None:
    kind, prompt, negative, model, seed, size = REAL[name]
    record = _read(name)
    assert kind_of(record) == kind
    assert record.prompt and record.prompt.startswith(prompt)
    if negative is None:
        assert record.negative_prompt is None
    else:
        assert record.negative_prompt and record.negative_prompt.startswith(negative)
    assert record.model == model
    assert record.params.get("seed") == seed
    assert record.params.get("size") == size
    if kind not in ("a1111", "a1111-stealth"):
        # The original record is kept whole beside what was read from it.
        assert record.params["source_metadata"]


SD_PARSERS_READS = sorted(
    n for n in REAL if n != "automatic1111_stealth.png" and not n.startswith("invokeai_dream")
)


@pytest.mark.parametrize("name", SD_PARSERS_READS)
def test_agrees_with_sd_parsers(name: str) -> None:
    info = ParserManager().parse(FOREIGN / name)
    assert info is not None
    record = _read(name)
    assert record.prompt == next(iter(info.prompts)).value.strip()
    if info.negative_prompts:
        assert record.negative_prompt == next(iter(info.negative_prompts)).value.strip()
    if info.models and kind_of(record) != "novelai":  # sd-parsers splits NovelAI's hash off
        assert record.model == next(iter(info.models)).name


def test_comfyui_follows_the_graph_through_combined_conditioning() -> None:
    # Four area prompts combined by ConditioningCombine/SetArea nodes, a second pass with
    # its own prompt and checkpoint. The file of the first pass (704x1280) gets every text
    # that feeds that sampler, found by following links, and not the second pass's.
    with Image.open(FOREIGN / "night_evening_day_morning_cropped.png") as image:
        texts = {"prompt": image.info["prompt"], "workflow": image.info["workflow"]}
    record = read(_png(texts, (704, 1280)))
    assert record is not None and record.prompt is not None
    for area in ("(night:1.3)", "(evening:1.2)", "(daytime:1.2)", "morning sky", "landscape"):
        assert area in record.prompt
    assert "(realistic:1.2)" not in record.prompt  # the second pass's prompt
    assert (record.negative_prompt or "").startswith("(hands), text, error")
    assert record.model == "Anything-V3.0.ckpt"
    assert (record.params["seed"], record.params["size"]) == (335608130539327, "704x1280")
    # The one-pixel original matches neither pass: the last pass is taken.
    last = _read("night_evening_day_morning_cropped.png")
    assert last.model == "AbyssOrangeMix2_hard.safetensors"
    assert last.prompt and "(realistic:1.2)" in last.prompt


def _png(texts: dict[str, str], size: tuple[int, int] = (64, 32), mode: str = "RGB") -> bytes:
    info = PngImagePlugin.PngInfo()
    for key, value in texts.items():
        info.add_itxt(key, value)
    buffer = io.BytesIO()
    Image.new(mode, size, "white").save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def test_comfyui_picks_the_pass_whose_size_the_file_has() -> None:
    with Image.open(FOREIGN / "unclip_2pass_cropped.png") as image:
        prompt, workflow = image.info["prompt"], image.info["workflow"]
    first = read(_png({"prompt": prompt, "workflow": workflow}, (1280, 704)))
    second = read(_png({"prompt": prompt, "workflow": workflow}, (1920, 1088)))
    assert first and second
    assert first.model == "wd-1-5-beta2-aesthetic-unclip-h-fp32.safetensors"
    assert first.prompt and first.prompt.startswith("(waifu, anime")
    assert second.model == "cardosAnimated_v20.safetensors"
    assert second.prompt == "beautiful scenery landscape outdoors mountains"
    assert second.params["seed"] == 119080905858220


def test_comfyui_workflow_graph_alone_is_followed() -> None:
    with Image.open(FOREIGN / "img2img_cropped.png") as image:
        workflow = image.info["workflow"]
    record = read(_png({"workflow": workflow}))
    assert record is not None and kind_of(record) == "comfyui"
    assert record.prompt and record.prompt.startswith("photograph of victorian woman")
    assert record.negative_prompt == "watermark, text"
    assert record.model == "v1-5-pruned-emaonly.ckpt"


def test_fooocus_json_is_not_the_prompt() -> None:
    record = _read("fooocus1_cropped.png")
    assert not (record.prompt or "").startswith("{")
    assert record.params["source_metadata"]["parameters"]["version"] == "Fooocus v2.4.3"


MJ_JOB = "a7421d2f-b262-44f9-977c-ac23e9c7d3e3"
MJ_XMP = (
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:iptcExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" '
    f'iptcExt:DigImageGUID="{MJ_JOB}" iptcExt:DigitalSourceType='
    '"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia">'
    '<dc:description><rdf:Alt><rdf:li xml:lang="x-default">'
    f"a lemon-shaped cat --ar 2:1 --v 6 Job ID: {MJ_JOB}"
    "</rdf:li></rdf:Alt></dc:description></rdf:Description></rdf:RDF></x:xmpmeta>"
    '<?xpacket end="w"?>'
)


def test_midjourney_png_download() -> None:
    data = _png(
        {
            "Author": "someone",
            "Description": f"a lemon-shaped cat --ar 2:1 --v 6 Job ID: {MJ_JOB}",
            "XML:com.adobe.xmp": MJ_XMP,
        }
    )
    record = read(data)
    assert record is not None and kind_of(record) == "midjourney"
    assert record.prompt == "a lemon-shaped cat --ar 2:1 --v 6"
    assert record.task_id == MJ_JOB
    assert record.model == "midjourney"


@pytest.mark.parametrize("fmt", ["JPEG", "WEBP"])
def test_midjourney_xmp_description(fmt: str) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), "white").save(buffer, fmt, xmp=MJ_XMP.encode())
    record = read(buffer.getvalue())
    assert record is not None and kind_of(record) == "midjourney"
    assert record.prompt == "a lemon-shaped cat --ar 2:1 --v 6"
    assert record.task_id == MJ_JOB


def test_c2pa_manifest_in_jpeg_is_recorded_and_stripped() -> None:
    data = (FOREIGN / "c2pa_C.jpg").read_bytes()
    record = read(data)
    assert record is not None and record.params["content_credentials"] is True
    stripped = strip(data, "jpeg")
    assert b"\xff\xeb" not in stripped[: stripped.find(b"\xff\xda")]
    assert read(stripped) is None


def _chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def test_c2pa_manifest_in_png_is_recorded_beside_other_metadata() -> None:
    data = _png({"parameters": "a cat\nSteps: 4, Sampler: Euler, Seed: 1, Size: 64x32"})
    # caBX goes before IDAT; its content is a JUMBF box (only its presence is read).
    at = data.find(b"IDAT") - 4
    data = data[:at] + _chunk(b"caBX", b"\x00\x00\x00\x10jumb\x00\x00\x00\x08jumdc2pa") + data[at:]
    record = read(data)
    assert record is not None and record.prompt == "a cat"
    assert record.params["content_credentials"] is True
    assert b"caBX" not in strip(data, "png")


def _stealth_png(text: str, size: tuple[int, int] = (64, 64)) -> bytes:
    """Alpha low bits as the stealth-pnginfo extension writes them (column by column)."""
    payload = gzip.compress(text.encode())
    bits = "".join(f"{b:08b}" for b in b"stealth_pngcomp")
    bits += f"{len(payload) * 8:032b}" + "".join(f"{b:08b}" for b in payload)
    width, height = size
    assert len(bits) <= width * height
    alpha = bytearray([255] * (width * height))
    for i, bit in enumerate(bits):
        row, col = i % height, i // height
        alpha[row * width + col] = 254 | int(bit)
    image = Image.effect_noise(size, 40).convert("RGB")
    image.putalpha(Image.frombytes("L", size, bytes(alpha)))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("size", [(64, 64), (300, 400)])
def test_stealth_written_here_is_read(size: tuple[int, int]) -> None:
    # 400 rows: the signature is checked from the first rows before any full decode.
    text = "a circle\nNegative prompt: a square\nSteps: 20, Sampler: Euler, Seed: 7, Size: 64x64"
    record = read(_stealth_png(text, size))
    assert record is not None and kind_of(record) == "a1111-stealth"
    assert (record.prompt, record.negative_prompt, record.params["seed"]) == (
        "a circle",
        "a square",
        7,
    )


@pytest.mark.parametrize("source", ["real", "made"])
def test_strip_clears_stealth_bits(source: str) -> None:
    data = (
        (FOREIGN / "automatic1111_stealth.png").read_bytes()
        if source == "real"
        else _stealth_png("hidden prompt\nSteps: 1, Sampler: Euler, Seed: 1, Size: 64x64")
    )
    eager = ParserManager(eagerness=Eagerness.EAGER)
    assert eager.parse(io.BytesIO(data)) is not None  # sd-parsers reads it before...
    stripped = strip(data, "png")
    assert eager.parse(io.BytesIO(stripped)) is None  # ...and not after
    assert read(stripped) is None
    with Image.open(io.BytesIO(data)) as before, Image.open(io.BytesIO(stripped)) as after:
        assert after.size == before.size
        assert after.convert("RGB").tobytes() == before.convert("RGB").tobytes()
        if after.mode == "RGBA":  # alpha kept only where it was not fully opaque
            alpha = after.getchannel("A").tobytes()
            assert all(a & 1 for a in alpha)


def test_strip_leaves_a_plain_alpha_image_alone() -> None:
    image = Image.new("RGBA", (16, 16), (10, 20, 30, 128))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    data = buffer.getvalue()
    assert strip(data, "png") == data


def test_source_metadata_is_json() -> None:
    for name in REAL:
        json.dumps(_read(name).params)  # stored in the index as JSON


def _cli(home: Path, *argv: str) -> int:
    parser = argparse.ArgumentParser(prog="lemon-desktop")
    parser.add_argument("--home", type=Path, default=None)
    library_cli.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["--home", str(home), *argv])
    return int(args.handler(args))


def test_import_summary_counts_each_kind_of_metadata(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "from elsewhere"
    shutil.copytree(FOREIGN, folder, ignore=shutil.ignore_patterns("*.md"))
    (folder / "plain.png").write_bytes(_png({}))
    (folder / "midjourney.png").write_bytes(
        _png({"Description": f"a cat Job ID: {MJ_JOB}", "XML:com.adobe.xmp": MJ_XMP})
    )
    ours = Provenance(prompt="a lemon", model="gpt-image-1", app="lemon-desktop/0.1")
    (folder / "ours.png").write_bytes(embed(_png({}, (8, 8)), "png", ours))
    home = tmp_path / "home"
    assert _cli(home, "library", "import", str(folder), "--json") == 0
    report = json.loads(capsys.readouterr().out)
    assert report["metadata"] == {
        "a1111": 2,
        "a1111-stealth": 1,
        "comfyui": 3,
        "fooocus": 1,
        "invokeai": 3,
        "lemon-desktop": 1,
        "midjourney": 1,
        "none": 2,  # the plain PNG, and the C2PA file (counted apart)
        "novelai": 1,
    }
    assert report["content_credentials"] == 1
    assert sum(report["metadata"].values()) == len(report["imported"])
    # The window and `library show` see what was read: the negative prompt too.
    assert _cli(home, "library", "list", "--json", "--limit", "100") == 0
    listed = json.loads(capsys.readouterr().out)
    rows = listed["items"] if isinstance(listed, dict) else listed
    ducks = [r for r in rows if (r["prompt"] or "").startswith("photo of a duck")]
    assert [r["negative_prompt"] for r in ducks] == ["monochrome", "monochrome"]
    # Text: one line of counts. A second import adds nothing, so counts nothing.
    again = tmp_path / "again"
    shutil.copytree(folder, again)
    (again / "new.png").write_bytes(_png({}, (9, 9)))
    assert _cli(home, "library", "import", str(again)) == 0
    assert "\nMetadata: 1 none.\n" in capsys.readouterr().out + "\n"


def test_import_summary_text_names_each_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("img2img_cropped.png", "novelai1_cropped.png", "c2pa_C.jpg"):
        shutil.copy(FOREIGN / name, folder / name)
    assert _cli(tmp_path / "home", "library", "import", str(folder)) == 0
    out = capsys.readouterr().out
    assert "Metadata: 1 ComfyUI, 1 NovelAI, 1 none; 1 with content credentials (C2PA)." in out


def test_export_with_strip_leaves_nothing_for_sd_parsers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, out, home = tmp_path / "in", tmp_path / "out", tmp_path / "home"
    folder.mkdir()
    for name in ("automatic1111_stealth.png", "img2img_cropped.png", "c2pa_C.jpg"):
        shutil.copy(FOREIGN / name, folder / name)
    assert _cli(home, "library", "import", str(folder)) == 0
    assert _cli(home, "library", "export", "--to", str(out), "--strip-metadata") == 0
    capsys.readouterr()
    exported = sorted(out.iterdir())
    assert len(exported) == 3
    eager = ParserManager(eagerness=Eagerness.EAGER)
    for path in exported:
        assert eager.parse(path) is None, path.name
        assert read(path) is None, path.name


def _filtered_png(width: int, height: int, seed: int) -> bytes:
    """An RGBA PNG whose rows use every filter type (Pillow's encoder picks few)."""
    rng = random.Random(seed)
    pixels = [bytes(rng.randrange(256) for _ in range(width * 4)) for _ in range(height)]
    raw = bytearray()
    previous = bytes(width * 4)
    for row, line in enumerate(pixels):
        kind = row % 5
        out = bytearray()
        for i, value in enumerate(line):
            left = line[i - 4] if i >= 4 else 0
            up = previous[i]
            corner = previous[i - 4] if i >= 4 else 0
            p = left + up - corner
            paeth = min(
                (abs(p - left), 0, left), (abs(p - up), 1, up), (abs(p - corner), 2, corner)
            )
            predictor = (0, left, up, (left + up) // 2, paeth[2])[kind]
            out.append((value - predictor) & 0xFF)
        raw += bytes([kind]) + out
        previous = line
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(bytes(raw)))
        + _chunk(b"IEND", b"")
    )


def test_first_column_alpha_matches_a_full_decode_for_every_filter() -> None:
    for seed in range(3):
        data = _filtered_png(5, 160, seed)
        with Image.open(io.BytesIO(data)) as image:
            expected = image.getchannel("A").crop((0, 0, 1, 152)).tobytes()
        assert png_container.first_column_alpha(data, 152) == expected
