"""Masks that protect pixels: the composite keeps the original outside the mask exactly,
feathers inside the edited area only, and the change figure matches a hand-made case."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw

from lemon_desktop.imaging import (
    CompositeError,
    CompositeSettings,
    composite,
    composite_files,
)

SIZE = 64
GREY = (100, 100, 100)
RED = (220, 30, 30)


def _mask_left_half_edited() -> Image.Image:
    """Alpha 0 (edit here) on the left half, 255 (keep) on the right half."""
    mask = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 255))
    ImageDraw.Draw(mask).rectangle((0, 0, SIZE // 2 - 1, SIZE - 1), fill=(0, 0, 0, 0))
    return mask


def _hand_made_result() -> Image.Image:
    """Red where editing was allowed; on the protected right half the top quarter moved
    by 40 (a noticeable change) and the rest by 10 (under the threshold of 16)."""
    result = Image.new("RGB", (SIZE, SIZE), (110, 110, 110))
    draw = ImageDraw.Draw(result)
    draw.rectangle((0, 0, SIZE // 2 - 1, SIZE - 1), fill=RED)
    draw.rectangle((SIZE // 2, 0, SIZE - 1, SIZE // 4 - 1), fill=(140, 100, 100))
    return result


def test_pixels_outside_the_mask_are_the_originals_and_the_change_figure_is_exact() -> None:
    original = Image.new("RGB", (SIZE, SIZE), GREY)
    done = composite(original, _hand_made_result(), _mask_left_half_edited(), CompositeSettings(4))

    for y in range(SIZE):
        for x in range(SIZE // 2, SIZE):
            assert done.image.getpixel((x, y)) == GREY, (x, y)
    # Far from the edge (more than the feather) the edited area is the model's pixels.
    for y in range(SIZE):
        for x in range(SIZE // 2 - 5):
            assert done.image.getpixel((x, y)) == RED, (x, y)
    # The feather blends inside the edited area: next to the edge mostly the original.
    edge = done.image.getpixel((SIZE // 2 - 1, SIZE // 2))
    assert isinstance(edge, tuple)
    assert abs(edge[0] - GREY[0]) < abs(edge[0] - RED[0])

    report = done.report
    assert report.protected_pixels == SIZE * SIZE // 2
    assert report.changed_pixels == (SIZE // 2) * (SIZE // 4)
    assert report.changed_share == pytest.approx(0.25)
    assert report.largest_change == 40
    assert report.threshold == 16
    assert "25.0%" in report.sentence()


def test_no_feather_is_a_hard_edge_and_the_threshold_is_adjustable() -> None:
    original = Image.new("RGB", (SIZE, SIZE), GREY)
    done = composite(
        original,
        _hand_made_result(),
        _mask_left_half_edited(),
        CompositeSettings(feather=0, threshold=5),
    )
    assert done.image.getpixel((SIZE // 2 - 1, 0)) == RED
    assert done.image.getpixel((SIZE // 2, 0)) == GREY
    # With a threshold of 5 the moves by 10 count too: the whole protected half changed.
    assert done.report.changed_share == pytest.approx(1.0)


def test_the_heat_map_shows_where_protected_pixels_changed() -> None:
    original = Image.new("RGB", (SIZE, SIZE), GREY)
    done = composite(original, _hand_made_result(), _mask_left_half_edited())
    changed = done.heatmap().getpixel((SIZE - 1, 0))
    unchanged = done.heatmap().getpixel((SIZE - 1, SIZE - 1))
    edited = done.heatmap().getpixel((0, SIZE // 2))
    assert isinstance(changed, tuple) and isinstance(unchanged, tuple)
    assert isinstance(edited, tuple)
    assert changed[0] == 160  # 40 x 4: red in proportion to the change
    assert unchanged[0] == 40  # 10 x 4 over a grey of 33
    assert edited[2] > edited[0]  # the edited area is tinted blue


def test_a_result_of_another_size_is_scaled_to_the_original() -> None:
    original = Image.new("RGB", (SIZE, SIZE), GREY)
    big = _hand_made_result().resize((SIZE * 2, SIZE * 2), Image.Resampling.NEAREST)
    done = composite(original, big, _mask_left_half_edited(), CompositeSettings(0))
    assert done.resized_result and not done.resized_mask
    assert done.image.size == (SIZE, SIZE)
    assert done.image.getpixel((SIZE - 1, SIZE - 1)) == GREY


def test_an_original_with_alpha_keeps_its_alpha_outside_the_mask() -> None:
    original = Image.new("RGBA", (SIZE, SIZE), (*GREY, 90))
    done = composite(original, _hand_made_result(), _mask_left_half_edited())
    assert done.image.mode == "RGBA"
    assert done.image.getpixel((SIZE - 1, 3)) == (*GREY, 90)


def test_a_mask_that_keeps_everything_gives_the_original_back() -> None:
    original = Image.effect_noise((SIZE, SIZE), 50).convert("RGB")
    keep_all = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 255))
    done = composite(original, _hand_made_result(), keep_all)
    assert done.image.tobytes() == original.tobytes()


def test_files_in_and_out_are_lossless_png() -> None:
    original = Image.effect_noise((SIZE, SIZE), 60).convert("RGB")
    files = composite_files(
        _png(original), _png(_hand_made_result()), _png(_mask_left_half_edited())
    )
    back = Image.open(io.BytesIO(files.composite_png))
    assert back.format == "PNG"
    right = (SIZE // 2, 0, SIZE, SIZE)
    assert back.crop(right).tobytes() == original.crop(right).tobytes()
    assert Image.open(io.BytesIO(files.heatmap_png)).size == (SIZE, SIZE)
    assert files.report.protected_pixels == SIZE * SIZE // 2


def test_unusable_inputs_are_named() -> None:
    original = _png(Image.new("RGB", (SIZE, SIZE), GREY))
    opaque_mask = _png(Image.new("RGB", (SIZE, SIZE), (0, 0, 0)))
    with pytest.raises(CompositeError, match="no transparency"):
        composite_files(original, original, opaque_mask)
    with pytest.raises(CompositeError, match="edited result"):
        composite_files(original, b"<html>not an image</html>", opaque_mask)
    with pytest.raises(ValueError, match="feather"):
        CompositeSettings(feather=-1)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
