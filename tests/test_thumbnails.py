"""Thumbnail cache and loader: right size, cached by hash, never crashed by bad files."""

from __future__ import annotations

import gc
import hashlib
import io
import logging
import os
import struct
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QRunnable, QThread, QThreadPool
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from lemon_desktop.ui import thumbnail_loader as thumbnails
from lemon_desktop.ui.thumbnail_loader import ThumbnailCache, ThumbnailLoader

LOGGER = "lemon_desktop.ui.thumbnail_loader"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write(path: Path, image: Image.Image, fmt: str, **save: object) -> str:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **save)
    path.write_bytes(buffer.getvalue())
    return _sha(buffer.getvalue())


def _noise(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    noise = Image.effect_noise(size, 50)
    return Image.merge("RGB", (noise, noise, noise)).convert(mode)


@pytest.fixture
def cache(tmp_path: Path, qapp: QApplication) -> ThumbnailCache:
    return ThumbnailCache(tmp_path / "cache")


def _chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def _bomb_png() -> bytes:
    """A 50000x50000 PNG header and a token IDAT: tiny on disk, 10 GB if decoded."""
    header = struct.pack(">IIBBBBB", 50000, 50000, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 4096))
        + _chunk(b"IEND", b"")
    )


# ---------------------------------------------------------------- decoding


@pytest.mark.parametrize(
    ("source_size", "target", "expected"),
    [((800, 400), 256, (256, 128)), ((300, 900), 150, (50, 150)), ((100, 50), 256, (100, 50))],
)
def test_size_and_aspect(
    cache: ThumbnailCache,
    tmp_path: Path,
    source_size: tuple[int, int],
    target: int,
    expected: tuple[int, int],
) -> None:
    path = tmp_path / "image.png"
    sha = _write(path, _noise(source_size), "PNG")
    image = cache.render(path, sha, target)
    assert (image.width(), image.height()) == expected


def test_exif_orientation_is_applied(cache: ThumbnailCache, tmp_path: Path) -> None:
    # Stored landscape, left half red; orientation 6 means "rotate 90° clockwise to view".
    stored = Image.new("RGB", (80, 40), "blue")
    stored.paste(Image.new("RGB", (40, 40), "red"), (0, 0))
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "rotated.jpg"
    sha = _write(path, stored, "JPEG", exif=exif.tobytes(), quality=95)
    image = cache.render(path, sha, 64)
    assert (image.width(), image.height()) == (32, 64)
    top, bottom = image.pixelColor(16, 4), image.pixelColor(16, 60)
    assert top.red() > 200 and top.blue() < 60
    assert bottom.blue() > 200 and bottom.red() < 60


def test_wrong_extension_is_decoded_by_content(cache: ThumbnailCache, tmp_path: Path) -> None:
    path = tmp_path / "really-a-jpeg.png"
    sha = _write(path, _noise((200, 100)), "JPEG")
    assert cache.render(path, sha, 64).size().toTuple() == (64, 32)


# ---------------------------------------------------------------- cache


def test_cache_hit_never_touches_the_source(cache: ThumbnailCache, tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    sha = _write(path, _noise((640, 480)), "PNG")
    assert cache.load_cached(sha, 128) is None
    first = cache.render(path, sha, 128)
    path.unlink()
    again = cache.load_cached(sha, 128)
    assert again is not None and again.size() == first.size()
    assert cache.cached_path(sha, 128) == tmp_path / "cache" / "128" / sha[:2] / f"{sha}.jpg"
    assert cache.load_cached(sha, 64) is None  # sizes are cached separately


def test_alpha_is_cached_as_png(cache: ThumbnailCache, tmp_path: Path) -> None:
    image = _noise((300, 300), "RGBA")
    image.putalpha(Image.linear_gradient("L").resize((300, 300)))
    path = tmp_path / "alpha.webp"
    sha = _write(path, image, "WEBP", lossless=True)
    cache.render(path, sha, 100)
    cached = cache.cached_path(sha, 100)
    assert cached.suffix == ".png" and cached.exists()
    loaded = cache.load_cached(sha, 100)
    assert loaded is not None and loaded.hasAlphaChannel()


def test_no_temporary_files_left_behind(cache: ThumbnailCache, tmp_path: Path) -> None:
    path = tmp_path / "image.jpg"
    sha = _write(path, _noise((400, 300)), "JPEG")
    cache.render(path, sha, 128)
    files = [p.name for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert files == [f"{sha}.jpg"]


def test_damaged_cache_file_is_discarded(cache: ThumbnailCache, tmp_path: Path) -> None:
    path = tmp_path / "image.jpg"
    sha = _write(path, _noise((400, 300)), "JPEG")
    cache.render(path, sha, 128)
    cache.cached_path(sha, 128).write_bytes(b"\xff\xd8 torn write")
    assert cache.load_cached(sha, 128) is None
    assert not cache.cached_path(sha, 128).exists()
    assert cache.render(path, sha, 128).width() == 128


def test_evict_forgets_every_size(cache: ThumbnailCache, tmp_path: Path) -> None:
    path = tmp_path / "image.jpg"
    sha = _write(path, _noise((400, 300)), "JPEG")
    for size in (64, 128):
        cache.render(path, sha, size)
    cache.evict(sha)
    assert cache.load_cached(sha, 64) is None and cache.load_cached(sha, 128) is None


def test_bad_cache_keys_are_rejected(cache: ThumbnailCache) -> None:
    with pytest.raises(ValueError):
        cache.cached_path("../../etc/passwd", 128)
    with pytest.raises(ValueError):
        cache.cached_path("ab" * 32, 0)


# ---------------------------------------------------------------- hostile files


def _hostile_files(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    good = io.BytesIO()
    _noise((600, 400)).save(good, "PNG")
    cases = {
        "truncated.png": good.getvalue()[: len(good.getvalue()) // 2],
        "random.png": bytes(range(256)) * 64,
        "bomb.png": _bomb_png(),
        "empty.png": b"",
        "svg-named.png": b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>',
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        yield name, path
    yield "missing.png", tmp_path / "missing.png"
    (tmp_path / "folder.png").mkdir()
    yield "folder.png", tmp_path / "folder.png"
    os.mkfifo(tmp_path / "fifo.png")  # opening a FIFO for reading would block forever
    yield "fifo.png", tmp_path / "fifo.png"


def test_hostile_files_give_placeholder_and_one_log_line(
    cache: ThumbnailCache, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    placeholder = cache.placeholder(96)
    for name, path in _hostile_files(tmp_path):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger=LOGGER):
            started = time.perf_counter()
            image = cache.render(path, _sha(name.encode()), 96)
            elapsed = time.perf_counter() - started
        assert image == placeholder, name
        assert elapsed < 1.0, name
        warnings = [r for r in caplog.records if r.name == LOGGER]
        assert len(warnings) == 1, name
        assert str(path) in warnings[0].getMessage()
        assert cache.load_cached(_sha(name.encode()), 96) is None  # failures are not cached


def test_bomb_message_names_the_size(
    cache: ThumbnailCache, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "bomb.png"
    path.write_bytes(_bomb_png())
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        cache.render(path, _sha(b"bomb"), 64)
    assert "50000x50000" in caplog.text


def test_placeholder_has_requested_size(cache: ThumbnailCache) -> None:
    image = cache.placeholder(48)
    assert (image.width(), image.height()) == (48, 48) and not image.isNull()


# ---------------------------------------------------------------- loader


class _Blocker(QRunnable):
    """Occupies the pool's only thread until released, so requests stay queued."""

    def __init__(self) -> None:
        super().__init__()
        self.started = threading.Event()
        self.release = threading.Event()

    def run(self) -> None:
        self.started.set()
        self.release.wait(10)


@pytest.fixture
def pool() -> Iterator[QThreadPool]:
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    yield pool
    pool.waitForDone(10_000)


@pytest.fixture
def blocked(pool: QThreadPool) -> Iterator[_Blocker]:
    blocker = _Blocker()
    blocker.setAutoDelete(False)
    pool.start(blocker)
    assert blocker.started.wait(5)
    yield blocker
    blocker.release.set()


def test_loader_delivers_on_the_gui_thread(
    qtbot: QtBot, cache: ThumbnailCache, tmp_path: Path, pool: QThreadPool
) -> None:
    path = tmp_path / "image.png"
    sha = _write(path, _noise((500, 250)), "PNG")
    loader = ThumbnailLoader(cache, pool)
    threads: list[QThread] = []
    loader.ready.connect(lambda *_: threads.append(QThread.currentThread()))
    with qtbot.waitSignal(loader.ready, timeout=5000) as blocker:
        loader.request(path, sha, 100)
    got_sha, got_size, image = blocker.args
    assert (got_sha, got_size) == (sha, 100)
    assert isinstance(image, QImage) and image.size().toTuple() == (100, 50)
    assert threads == [QApplication.instance().thread()]  # type: ignore[union-attr]
    assert loader.pending_count() == 0

    path.unlink()  # the second request is served from the cache
    with qtbot.waitSignal(loader.ready, timeout=5000) as blocker:
        loader.request(path, sha, 100)
    assert blocker.args[2].size().toTuple() == (100, 50)


def test_loader_dedupes_in_flight_requests(
    qtbot: QtBot, cache: ThumbnailCache, tmp_path: Path, pool: QThreadPool, blocked: _Blocker
) -> None:
    path = tmp_path / "image.jpg"
    sha = _write(path, _noise((400, 400)), "JPEG")
    loader = ThumbnailLoader(cache, pool)
    delivered: list[tuple[str, int]] = []
    loader.ready.connect(lambda s, n, _image: delivered.append((s, n)))
    for _ in range(3):
        loader.request(path, sha, 64)
    loader.request(path, sha, 32)
    assert loader.pending_count() == 2
    blocked.release.set()
    qtbot.waitUntil(lambda: loader.pending_count() == 0, timeout=5000)
    pool.waitForDone(5000)
    qtbot.wait(50)
    assert sorted(delivered) == [(sha, 32), (sha, 64)]


def test_cancel_pending_drops_queued_work(
    qtbot: QtBot, cache: ThumbnailCache, tmp_path: Path, pool: QThreadPool, blocked: _Blocker
) -> None:
    path = tmp_path / "image.jpg"
    sha = _write(path, _noise((400, 400)), "JPEG")
    loader = ThumbnailLoader(cache, pool)
    delivered: list[int] = []
    loader.ready.connect(lambda _s, n, _image: delivered.append(n))
    for size in (16, 32, 48):
        loader.request(path, sha, size)
    loader.cancel_pending()
    assert loader.pending_count() == 0
    blocked.release.set()
    pool.waitForDone(5000)
    qtbot.wait(50)
    assert delivered == []
    # Cancelled work can be asked for again.
    with qtbot.waitSignal(loader.ready, timeout=5000):
        loader.request(path, sha, 16)


def test_cancel_frees_queued_requests_at_once(
    cache: ThumbnailCache, tmp_path: Path, pool: QThreadPool, blocked: _Blocker
) -> None:
    # Scrolling fast queues thousands of requests; once cancelled none may stay
    # referenced from the pool's queue until a thread gets round to it.
    loader = ThumbnailLoader(cache, pool)
    for size in range(1, 1001):
        loader.request(tmp_path / "image.jpg", _sha(b"x"), size)
    loader.cancel_pending()
    gc.collect()
    assert not [o for o in gc.get_objects() if isinstance(o, thumbnails._Ticket)]
    blocked.release.set()


def test_newest_request_runs_first(
    qtbot: QtBot, cache: ThumbnailCache, tmp_path: Path, pool: QThreadPool, blocked: _Blocker
) -> None:
    path = tmp_path / "image.jpg"
    sha = _write(path, _noise((400, 400)), "JPEG")
    loader = ThumbnailLoader(cache, pool)
    delivered: list[int] = []
    loader.ready.connect(lambda _s, n, _image: delivered.append(n))
    for size in (16, 32, 48):
        loader.request(path, sha, size)
    blocked.release.set()
    qtbot.waitUntil(lambda: len(delivered) == 3, timeout=5000)
    assert delivered == [48, 32, 16]  # the rows scrolled to last are on screen now


def test_loader_placeholder_for_damaged_source(
    qtbot: QtBot, cache: ThumbnailCache, tmp_path: Path
) -> None:
    path = tmp_path / "bomb.png"
    path.write_bytes(_bomb_png())
    loader = ThumbnailLoader(cache)
    with qtbot.waitSignal(loader.ready, timeout=5000) as blocker:
        loader.request(path, _sha(b"bomb"), 80)
    assert blocker.args[2] == cache.placeholder(80)
    loader.pool.waitForDone(5000)
