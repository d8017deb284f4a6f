"""The command line with input images, over real loopback HTTP: `edit` (mask, composite,
JSON with parents, file ids and the change outside the mask), `vary`, `upscale`,
`remove-background`, `generate --ref`, `library show` with parents and children, and
an edit job killed with SIGKILL, then resumed or retried: the same bytes, one create,
no second upload."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw

from lemon_desktop.sandbox import SandboxServer
from tests.test_jobs_crash import cli, env_for, job_state

SIZE = 128
RIGHT = (SIZE // 2, 0, SIZE, SIZE)


@pytest.fixture
def slow_sandbox() -> Iterator[SandboxServer]:
    with SandboxServer(task_seconds=2.0) as server:
        server.set_options(mask_leak=0.0)
        yield server


@pytest.fixture
def pictures(tmp_path: Path) -> tuple[Path, Path]:
    photo = tmp_path / "photo.png"
    Image.merge(
        "RGB",
        (
            Image.linear_gradient("L").resize((SIZE, SIZE)),
            Image.effect_noise((SIZE, SIZE), 30),
            Image.linear_gradient("L").resize((SIZE, SIZE)).rotate(90),
        ),
    ).save(photo)
    mask = tmp_path / "mask.png"
    keep = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 255))
    ImageDraw.Draw(keep).rectangle((0, 0, SIZE // 2 - 1, SIZE - 1), fill=(0, 0, 0, 0))
    keep.save(mask)
    return photo, mask


def run(home: Path, sandbox: SandboxServer, *args: str, code: int = 0) -> str:
    result = subprocess.run(
        cli(home, sandbox, *args), env=env_for(sandbox), capture_output=True, text=True, timeout=90
    )
    assert result.returncode == code, result.stderr
    return result.stdout


def run_json(home: Path, sandbox: SandboxServer, *args: str, code: int = 0) -> Any:
    return json.loads(run(home, sandbox, *args, "--json", code=code))


def _right_half(path: str | Path) -> bytes:
    with Image.open(path) as image:
        return image.convert("RGB").crop(RIGHT).tobytes()


def test_edit_with_a_mask_composites_and_reports_parents_file_ids_and_the_leak(
    home: Path, sandbox: SandboxServer, pictures: tuple[Path, Path]
) -> None:
    photo, mask = pictures
    sandbox.set_options(mask_leak=0.5)
    record = run_json(
        home, sandbox, "edit", str(photo), "--prompt", "lemon yellow", "--model", "gpt-image-2",
        "--mask", str(mask), "--composite", "--feather", "3", "--upload",
    )  # fmt: skip
    assert record["state"] == "done"
    (image,) = record["images"]
    assert [p["role"] for p in image["parents"]] == ["input", "mask"]
    photo_id = image["parents"][0]["image_id"]
    assert len(record["file_ids"]) == 2 and sorted(record["uploaded"]) == sorted(record["file_ids"])
    (made,) = record["composites"]
    assert made["feather"] == 3 and 0.3 < record["outside_mask"]["changed_share"] < 0.7
    assert _right_half(made["path"]) == _right_half(photo)
    assert _right_half(image["path"]) != _right_half(photo)  # the leak the composite undid
    assert [p["role"] for p in made["parents"]] == ["result", "original", "mask"]

    shown = run_json(home, sandbox, "library", "show", str(photo_id))
    children = {c["image_id"]: c["operation"] for c in shown["children"]}
    assert children == {image["id"]: "edit", made["image_id"]: "composite",
                        made["change_map_id"]: "change-map"}  # fmt: skip
    text = run(home, sandbox, "library", "show", str(made["image_id"]))
    assert "made by: composite, from" in text and f"result #{image['id']}" in text
    found = run_json(home, sandbox, "library", "search", f"is:edit from:{photo_id}")
    assert [row["id"] for row in found] == [image["id"]]


def test_vary_upscale_and_remove_background_take_ids_or_files(
    home: Path, sandbox: SandboxServer, pictures: tuple[Path, Path]
) -> None:
    photo, _mask = pictures
    varied = run_json(home, sandbox, "vary", str(photo), "--size", "256x256")
    photo_id = varied["images"][0]["parents"][0]["image_id"]
    bigger = run_json(home, sandbox, "upscale", str(photo_id))
    cut = run_json(home, sandbox, "remove-background", str(photo_id))
    for record, operation in (
        (varied, "variation"),
        (bigger, "upscale"),
        (cut, "remove-background"),
    ):
        assert record["state"] == "done"
        (parent,) = record["images"][0]["parents"]
        assert (parent["image_id"], parent["operation"]) == (photo_id, operation)
    assert bigger["images"][0]["width"] > SIZE
    ids = {row["id"] for row in run_json(home, sandbox, "library", "search", "is:variation")}
    assert ids == {varied["images"][0]["id"]}
    ops = run_json(home, sandbox, "library", "search", f"op:upscale from:{photo_id}")
    assert [row["id"] for row in ops] == [bigger["images"][0]["id"]]


def test_generate_with_a_reference_is_image_to_image(
    home: Path, sandbox: SandboxServer, pictures: tuple[Path, Path]
) -> None:
    photo, _mask = pictures
    record = run_json(home, sandbox, "generate", "a lemon", "--model", "nano-banana",
                      "--ref", str(photo))  # fmt: skip
    assert record["state"] == "done" and sandbox.stats.image_to_image_requests == 1
    (parent,) = record["images"][0]["parents"]
    assert (parent["role"], parent["operation"]) == ("reference", "image-to-image")


def test_input_problems_are_refused_before_anything_is_sent(
    home: Path, sandbox: SandboxServer, pictures: tuple[Path, Path], tmp_path: Path
) -> None:
    photo, _mask = pictures
    small = tmp_path / "small-mask.png"
    Image.new("RGBA", (16, 16), (0, 0, 0, 0)).save(small)
    cases = [
        ("edit", str(photo), "--prompt", "x", "--composite"),  # --composite without a mask
        ("edit", str(tmp_path / "missing.png"), "--prompt", "x"),
        ("edit", "999", "--prompt", "x"),
        ("edit", str(photo), "--prompt", "x", "--mask", str(small)),  # not the image's size
        ("edit", *[str(photo)] * 4, "--prompt", "x", "--model", "grok-imagine-image"),
    ]
    for args in cases:
        result = subprocess.run(cli(home, sandbox, *args), env=env_for(sandbox),
                                capture_output=True, text=True, timeout=60)  # fmt: skip
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr.startswith("lemon-desktop: "), result.stderr
    assert sandbox.stats.create_requests == 0 and sandbox.stats.file_uploads == 0


def _kill_edit_when(home: Path, sandbox: SandboxServer, ready: Any, *args: str) -> None:
    process = subprocess.Popen(
        cli(home, sandbox, "edit", *args),
        env=env_for(sandbox),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    try:
        while not ready():
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, "never got there"
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=10)


def test_an_edit_killed_while_running_resumes_with_one_create_and_no_second_upload(
    home: Path, slow_sandbox: SandboxServer, pictures: tuple[Path, Path]
) -> None:
    photo, mask = pictures
    original = _right_half(photo)
    _kill_edit_when(
        home, slow_sandbox, lambda: job_state(home) == "running",
        str(photo), "--prompt", "yellow", "--mask", str(mask), "--model", "gpt-image-2",
        "--async", "--upload", "--composite", "--poll-interval", "0.1",
    )  # fmt: skip
    assert slow_sandbox.stats.file_uploads == 2
    # Nothing of the user's is needed any more: the library holds the inputs.
    photo.unlink()
    mask.unlink()
    [job] = run_json(home, slow_sandbox, "jobs", "resume")
    assert job["state"] == "done", job
    assert slow_sandbox.stats.create_requests == 1
    assert slow_sandbox.stats.file_uploads == 2
    (image,) = job["images"]
    assert _right_half(image["path"]) == original  # the model had the very same bytes
    [made] = run_json(home, slow_sandbox, "library", "search", "is:composite")
    assert _right_half(made["path"]) == original
    parents = run_json(home, slow_sandbox, "library", "show", str(made["id"]))["parents"]
    assert [p["role"] for p in parents] == ["result", "original", "mask"]


def test_an_edit_killed_while_sending_is_retried_without_uploading_again(
    home: Path, slow_sandbox: SandboxServer, pictures: tuple[Path, Path]
) -> None:
    photo, mask = pictures
    original = _right_half(photo)
    slow_sandbox.set_faults("latency=1.5@create")
    _kill_edit_when(
        home, slow_sandbox,
        lambda: job_state(home) == "submitting" and slow_sandbox.stats.file_uploads == 2,
        str(photo), "--prompt", "yellow", "--mask", str(mask), "--model", "gpt-image-2",
        "--upload",
    )  # fmt: skip
    slow_sandbox.set_faults(None)
    photo.unlink()
    mask.unlink()
    time.sleep(1.6)  # the gateway finishes what it received
    sent_before = slow_sandbox.stats.create_requests
    run(home, slow_sandbox, "jobs", "resume")
    [unknown] = run_json(home, slow_sandbox, "jobs", "list")
    assert unknown["state"] == "unknown"  # never re-sent on its own

    [retried] = run_json(home, slow_sandbox, "jobs", "retry", unknown["id"])
    assert retried["state"] == "done", retried
    assert retried["sent"]["uploaded"] == [] and len(retried["sent"]["file_ids"]) == 2
    assert slow_sandbox.stats.file_uploads == 2
    assert slow_sandbox.stats.create_requests == sent_before + 1
    assert _right_half(retried["images"][0]["path"]) == original
