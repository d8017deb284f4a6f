"""Files the app writes, read back by other tools' rules: sd-parsers itself, and
restatements of AUTOMATIC1111's and sd-prompt-reader's rules."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from sd_parsers import ParserManager
from sd_parsers.data import PromptInfo

from lemon_desktop.library import Library
from lemon_desktop.library.metadata import Provenance, embed, read

# A1111 modules/infotext_utils.py: the settings line's items, and its rule that the last
# line is the settings line only if the pattern finds at least three items in it.
A1111_RE_PARAM = re.compile(r'\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)')


def a1111_parse(text: str) -> dict[str, str]:
    """A restatement of A1111's parse_generation_parameters (prompt, negative, items)."""
    *lines, last = text.strip().split("\n")
    if len(A1111_RE_PARAM.findall(last)) < 3:
        lines.append(last)
        last = ""
    result: dict[str, str] = {}
    prompt, negative, done_with_prompt = "", "", False
    for line in lines:
        line = line.strip()
        if line.startswith("Negative prompt:"):
            done_with_prompt = True
            line = line[16:].strip()
        if done_with_prompt:
            negative += ("" if negative == "" else "\n") + line
        else:
            prompt += ("" if prompt == "" else "\n") + line
    for key, value in A1111_RE_PARAM.findall(last):
        result[key] = value
    result["Prompt"], result["Negative prompt"] = prompt, negative
    return result


def prompt_reader_parse(text: str) -> dict[str, str]:
    """sd-prompt-reader 1.3.5's A1111 rule: the settings start at "\\nSteps:"."""
    steps = text.find("\nSteps:")
    negative_at = text.find("\nNegative prompt:")
    result = {"Prompt": text, "Negative prompt": ""}
    if steps < 0:
        return result
    settings = text[steps:].strip()
    if negative_at >= 0:
        result["Prompt"] = text[:negative_at].strip()
        result["Negative prompt"] = text[negative_at + len("\nNegative prompt:") : steps].strip()
    else:
        result["Prompt"] = text[:steps].strip()
    for key, value in re.findall(r"\s*([^:,]+):\s*([^,]+)", settings):
        result.setdefault(key, value)
    return result


# The shapes the issue found misread: no size in the request (dall-e-2's default,
# nano-banana, flux-schnell, midjourney), an n, a negative prompt only in the params.
CASES = {
    "no size": Provenance(prompt="a red fox in snow", model="flux-schnell"),
    "size and n": Provenance(
        prompt="a lighthouse", model="dall-e-3", params={"size": "1024x1024", "n": 1}
    ),
    "negative in params": Provenance(
        prompt="a cat, watercolour",
        model="nano-banana",
        params={"negative_prompt": "blurry, text", "aspect_ratio": "16:9"},
    ),
    "seed and long lines": Provenance(
        prompt="line one\nline two: with a colon, and a comma",
        model="gpt-image-2",
        params={"seed": 42, "quality": "high"},
        negative_prompt="ugly",
    ),
}


def _image(fmt: str, size: tuple[int, int] = (80, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise(size, 40).convert("RGB").save(buffer, fmt.upper())
    return buffer.getvalue()


def _parameters_text(data: bytes) -> str:
    with Image.open(io.BytesIO(data)) as image:
        if image.format == "PNG":
            return str(image.info["parameters"])
        comment = image.getexif().get_ifd(0x8769)[0x9286]
    assert comment[:8] == b"UNICODE\x00"
    return bytes(comment[8:]).decode("utf-16-be")


def _sd_parsers(data: bytes) -> PromptInfo:
    info = ParserManager().parse(io.BytesIO(data))
    assert info is not None, "sd-parsers found nothing"
    return info


@pytest.mark.parametrize("fmt", ["png", "jpeg", "webp"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_other_readers_recover_prompt_negative_size_and_model(fmt: str, case: str) -> None:
    p = CASES[case]
    out = embed(_image(fmt), fmt, p)
    negative = p.negative_prompt or ""

    info = _sd_parsers(out)
    assert [x.value for x in info.prompts] == [p.prompt]
    assert [x.value for x in info.negative_prompts] == ([negative] if negative else [])
    assert [m.name for m in info.models] == [p.model]
    assert info.metadata["Size"] == "80x48"  # the real pixel size, asked for or not

    text = _parameters_text(out)
    for parse in (a1111_parse, prompt_reader_parse):
        found = parse(text)
        assert found["Prompt"] == p.prompt, parse.__name__
        assert found["Negative prompt"] == negative, parse.__name__
        assert found["Size"] == "80x48", parse.__name__
        assert found["Model"] == p.model, parse.__name__

    back = read(out)
    assert back is not None and back.negative_prompt == (negative or None)


def test_only_true_values_are_written() -> None:
    text = _parameters_text(embed(_image("png"), "png", CASES["no size"]))
    settings = a1111_parse(text)
    # Keys the readers insist on, which a hosted model does not report, say so.
    assert (settings["Steps"], settings["Sampler"], settings["Schedule type"]) == ("unknown",) * 3
    assert "Seed" not in settings and "CFG scale" not in settings
    seeded = a1111_parse(
        _parameters_text(embed(_image("png"), "png", CASES["seed and long lines"]))
    )
    assert seeded["Seed"] == "42"


def test_no_key_is_too_short_for_a1111() -> None:
    text = _parameters_text(embed(_image("png"), "png", CASES["size and n"]))
    last = text.split("\n")[-1]
    items = [item.split(":")[0].strip() for item in last.split(", ")]
    assert len(A1111_RE_PARAM.findall(last)) == len(items)
    assert "Batch size" in items


def test_requested_size_is_kept_beside_the_real_one() -> None:
    p = Provenance(prompt="x", model="gpt-image-1", params={"size": "auto"})
    settings = a1111_parse(_parameters_text(embed(_image("webp"), "webp", p)))
    assert (settings["Size"], settings["Requested size"]) == ("80x48", "auto")


def test_jpeg_long_prompt_keeps_settings_for_every_reader() -> None:
    p = Provenance(prompt="a very long prompt " * 5000, model="gpt-image-1")
    out = embed(_image("jpeg"), "jpeg", p)
    info = _sd_parsers(out)
    assert [m.name for m in info.models] == ["gpt-image-1"]
    assert info.metadata["Size"] == "80x48"
    assert p.prompt and p.prompt.startswith(info.prompts[0].value)
    settings = a1111_parse(_parameters_text(out))
    assert settings["Prompt cut"].startswith("kept ")
    assert settings["Prompt cut"].endswith(f" of {len(p.prompt)} characters")
    assert read(out) == Provenance(**{**p.__dict__, "app": read(out).app})  # type: ignore[union-attr]


def test_a_requests_negative_prompt_reaches_the_index(tmp_path: Path) -> None:
    # The generation pipeline records the request's parameters; the negative prompt
    # among them is the record's negative prompt, in the file and in `library show`.
    p = Provenance(prompt="a cat", model="flux-pro", params={"negative_prompt": "dogs"})
    assert p.negative_prompt == "dogs"
    with Library.open(tmp_path / "lib") as lib:
        stored = lib.add_bytes(_image("png"), p)
        assert lib.get(stored.id).to_json()["negative_prompt"] == "dogs"
        assert "\nNegative prompt: dogs\n" in _parameters_text(stored.path.read_bytes())
