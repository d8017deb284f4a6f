"""Every input image and mask checked against its route's profile before anything is sent.

Each problem names the input (`inputs[0] (photo.png)`, `mask`) and the rule it breaks:
how many images, which formats, how many bytes, the mask's format and size (equal to
the first image's), and a mask that would protect everything or nothing. A format the
route does not take is converted to PNG when that loses nothing, and the check says so
in a note rather than doing it silently. Blocking (Pillow reads the files): run it off
the event loop.
"""

from __future__ import annotations

import hashlib
import io
import ipaddress
from dataclasses import dataclass
from pathlib import Path
from typing import cast
from urllib.parse import urlsplit

from PIL import Image, UnidentifiedImageError

from .profiles.inputs import InputProfile
from .profiles.schema import FieldProblem, InvalidRequest
from .request import ImageRequest, InputImage

_FORMATS = {"PNG": "png", "JPEG": "jpeg", "WEBP": "webp"}
# Formats Pillow reads whose pixels a PNG holds exactly.
_CONVERTIBLE = {"GIF": "gif", "BMP": "bmp", "TIFF": "tiff", "TGA": "tga", "PPM": "ppm"}
_PNG_MODES = frozenset({"1", "L", "LA", "I", "I;16", "P", "PA", "RGB", "RGBA"})
_PRIVATE_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})
_MAX_PIXELS = 16384 * 16384


@dataclass(frozen=True)
class CheckedImage:
    """An input as it will be sent."""

    name: str  # how messages name it: `inputs[0] (photo.png)`
    source: InputImage
    path: Path | None  # a local file; None for a public URL
    format: str  # as read from the file ("png", "jpeg", "webp", "gif", ...)
    width: int
    height: int
    size: int
    # Sent as a PNG made from the file (losslessly), not the file itself.
    to_png: bool = False

    @property
    def local(self) -> bool:
        return self.path is not None

    @property
    def sent_format(self) -> str:
        return "png" if self.to_png else self.format


@dataclass(frozen=True)
class CheckedInputs:
    images: tuple[CheckedImage, ...]
    mask: CheckedImage | None
    notes: tuple[str, ...] = ()


def _name(source: InputImage, index: int, group: str) -> str:
    where = f"{group}[{index}]" if group != "mask" else "mask"
    shown = Path(source.path).name if source.path else source.url or source.label
    return f"{where} ({shown})" if shown else where


def _public_url_problem(name: str, url: str, local_gateway: bool = False) -> str | None:
    """Why the gateway would refuse to fetch `url`; a gateway on loopback (the sandbox)
    is on the same machine, so there a loopback URL is as public as it gets."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"{name}: only public http(s) URLs can be fetched by the gateway."
    if parts.username or parts.password or parts.fragment:
        return f"{name}: the gateway refuses URLs with credentials or a fragment."
    host = parts.hostname.lower().rstrip(".")
    private = host in _PRIVATE_NAMES or host.endswith(".localhost")
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None and (not address.is_global or address.is_multicast):
        private = True
    if private and not (local_gateway and host in ("127.0.0.1", "::1", "localhost")):
        return (
            f"{name}: {host} is a local or private address, which the gateway refuses to "
            "fetch; give the file itself instead of a URL."
        )
    return None


class _Checker:
    def __init__(self, request: ImageRequest, profile: InputProfile, local_gateway: bool) -> None:
        self.local_gateway = local_gateway
        self.request = request
        self.profile = profile
        self.problems: list[FieldProblem] = []
        self.notes: list[str] = []
        self.what = f"{request.model} {profile.operation}"

    def fail(self, field: str, message: str) -> None:
        self.problems.append(FieldProblem(field, message))

    def run(self) -> CheckedInputs:
        self._count()
        images: list[CheckedImage] = []
        groups = [("inputs", self.request.inputs), ("references", self.request.references)]
        for group, sources in groups:
            for index, source in enumerate(sources):
                checked = self._image(source, _name(source, index, group), group)
                if checked is not None:
                    images.append(checked)
        self._total(images)
        mask = self._mask(images[0] if images else None)
        self._transparency(images, mask)
        self._local_reach(images)
        if self.problems:
            raise InvalidRequest(self.problems)
        return CheckedInputs(tuple(images), mask, tuple(self.notes))

    # ----- the rules ------------------------------------------------------------------

    def _count(self) -> None:
        count = len(self.request.source_images)
        profile = self.profile
        if count > profile.max_images:
            self.fail(
                "inputs",
                f"{self.what} takes at most {profile.max_images} input image"
                f"{'s' if profile.max_images != 1 else ''}; {count} were given (the gateway "
                "would refuse them as too_many_images). Remove "
                f"{count - profile.max_images}.",
            )
        elif count < profile.min_images:
            self.fail(
                "inputs",
                f"{self.what} needs at least {profile.min_images} input image"
                f"{'s' if profile.min_images != 1 else ''}; {count} "
                f"{'was' if count == 1 else 'were'} given.",
            )

    def _image(self, source: InputImage, name: str, group: str) -> CheckedImage | None:
        if source.path is None:
            if source.url is None:
                self.fail(group, f"{name}: neither a file nor a URL is given.")
                return None
            problem = _public_url_problem(name, source.url, self.local_gateway)
            if problem:
                self.fail(group, problem)
                return None
            # The gateway fetches it and checks it (400/413 naming the input).
            return CheckedImage(name, source, None, "remote", 0, 0, 0)
        checked = self._read(source, name, group)
        if checked is None:
            return None
        profile = self.profile
        if checked.format not in profile.formats or (profile.needs_png and checked.format != "png"):
            checked = self._convert(checked, group)
        if checked is not None and checked.size > profile.max_bytes:
            self.fail(
                group,
                f"{name} is {checked.size / 1e6:.1f} MB; {self.what} takes at most "
                f"{profile.max_bytes // (1024 * 1024)} MB per image.",
            )
        if checked is not None and profile.square and checked.width != checked.height:
            self.fail(
                group,
                f"{name} is {checked.width}x{checked.height}; {self.what} takes square "
                "images only. Crop it to a square first.",
            )
        return checked

    def _read(self, source: InputImage, name: str, group: str) -> CheckedImage | None:
        assert source.path is not None
        path = Path(source.path)
        try:
            size = path.stat().st_size
            with Image.open(path) as image:
                kind = image.format or ""
                width, height = image.size
                mode = image.mode
        except FileNotFoundError:
            self.fail(group, f"{name}: the file {path} does not exist.")
            return None
        except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
            self.fail(group, f"{name}: {path} is not a readable image.")
            return None
        if width * height > _MAX_PIXELS:
            self.fail(group, f"{name} is {width}x{height}: too many pixels to send.")
            return None
        fmt = _FORMATS.get(kind) or _CONVERTIBLE.get(kind)
        if fmt is None or (fmt not in _FORMATS.values() and mode not in _PNG_MODES):
            self.fail(
                group,
                f"{name} is {kind or 'of an unknown format'}; {self.what} takes "
                f"{', '.join(f.upper() for f in self.profile.formats)}.",
            )
            return None
        return CheckedImage(name, source, path, fmt, width, height, size)

    def _convert(self, checked: CheckedImage, group: str) -> CheckedImage | None:
        if "png" not in self.profile.formats:
            self.fail(group, f"{checked.name} is {checked.format.upper()}; {self.what} "
                      f"takes {', '.join(f.upper() for f in self.profile.formats)}.")  # fmt: skip
            return None
        why = "needs PNG" if self.profile.needs_png else f"takes no {checked.format.upper()}"
        self.notes.append(
            f"{checked.name} is {checked.format.upper()}; {self.what} {why}, so it is sent "
            "as a PNG of the same pixels (lossless conversion)."
        )
        # The PNG's size is only known once it is written; judged then by the gateway.
        return CheckedImage(
            checked.name, checked.source, checked.path, checked.format,
            checked.width, checked.height, checked.size, to_png=True,
        )  # fmt: skip

    def _total(self, images: list[CheckedImage]) -> None:
        total = sum(image.size for image in images)
        if total > self.profile.max_total_bytes:
            self.fail(
                "inputs",
                f"The input images add up to {total / 1e6:.0f} MB; one request takes at most "
                f"{self.profile.max_total_bytes // (1024 * 1024)} MB.",
            )

    def _mask(self, first: CheckedImage | None) -> CheckedImage | None:
        source = self.request.mask
        if source is None:
            return None
        if not self.profile.mask:
            self.fail("mask", f"mask: {self.what} takes no mask; remove it.")
            return None
        if source.path is None:
            url = source.url
            if url and (problem := _public_url_problem("mask", url, self.local_gateway)):
                self.fail("mask", problem)
            return CheckedImage("mask", source, None, "remote", 0, 0, 0)
        checked = self._read(source, _name(source, 0, "mask"), "mask")
        if checked is None or checked.path is None:
            return None
        with Image.open(checked.path) as image:
            alpha = _alpha(image)
        if alpha is None:
            self.fail(
                "mask",
                f"{checked.name} has no alpha channel; a mask is a PNG whose fully "
                "transparent pixels mark where the image may change.",
            )
            return None
        if checked.format != "png":
            if checked.format == "jpeg":
                self.fail("mask", f"{checked.name} is a JPEG; a mask must be a PNG with alpha.")
                return None
            self.notes.append(
                f"{checked.name} is {checked.format.upper()}; masks are sent as PNG, so it "
                "is converted (lossless)."
            )
            checked = CheckedImage(
                checked.name, checked.source, checked.path, checked.format,
                checked.width, checked.height, checked.size, to_png=True,
            )  # fmt: skip
        if checked.size > self.profile.max_bytes:
            self.fail(
                "mask",
                f"{checked.name} is {checked.size / 1e6:.1f} MB; a mask may be at most "
                f"{self.profile.max_bytes // (1024 * 1024)} MB.",
            )
        if (
            first is not None
            and first.local
            and (checked.width, checked.height)
            != (
                first.width,
                first.height,
            )
        ):
            self.fail(
                "mask",
                f"{checked.name} is {checked.width}x{checked.height}; it must be the size of "
                f"the first image, {first.name}, which is {first.width}x{first.height}.",
            )
        low, high = alpha
        if low > 0:
            self.fail(
                "mask",
                f"{checked.name} masks nothing: it has no fully transparent pixel, so no part "
                "of the image may change. Make the area to edit transparent.",
            )
        elif high == 0:
            self.fail(
                "mask",
                f"{checked.name} masks everything: every pixel is transparent, so it protects "
                "nothing. Send no mask to change the whole image, or keep some area opaque.",
            )
        return checked

    def _transparency(self, images: list[CheckedImage], mask: CheckedImage | None) -> None:
        """A square-PNG edit without a mask (dall-e-2) edits where the image is transparent."""
        profile = self.profile
        if not (profile.square and profile.mask) or mask is not None or not images:
            return
        first = images[0]
        if first.path is None:
            return
        with Image.open(first.path) as image:
            alpha = _alpha(image)
        if alpha is None or alpha[0] > 0:
            self.fail(
                "mask",
                f"{first.name} has no transparent area and no mask was given; {self.what} "
                "edits where the image is transparent or where a mask says.",
            )

    def _local_reach(self, images: list[CheckedImage]) -> None:
        """Local files reach a route only as multipart or uploads, as the route allows."""
        profile = self.profile
        local = [image for image in images if image.local]
        mask = self.request.mask
        if mask is not None and mask.path is not None and profile.route.endswith("/generations"):
            self.fail(
                "mask",
                f"mask: {self.what} takes a mask only as a public URL (mask_url); a "
                "local file cannot be sent there.",
            )
        if not local:
            return
        if profile.public_urls_only:
            self.fail(
                "inputs",
                f"{self.what} takes only public image URLs on {profile.route}; the gateway "
                "refuses local and private addresses, so local files cannot be sent to it.",
            )
            return
        limit = profile.max_multipart_images
        if limit is not None and len(local) > limit and "file_ids" not in profile.forms:
            self.fail(
                "inputs",
                f"{self.what} takes {limit} local image as a file on {profile.route}; the "
                f"other {len(local) - limit} must be public URLs (image_urls), since the "
                "gateway refuses local and private addresses. Give one file, or URLs of "
                "images that are already online.",
            )


def _alpha(image: Image.Image) -> tuple[int, int] | None:
    """The lowest and highest alpha of an image, or None when it has no alpha."""
    if image.mode in ("RGBA", "LA", "PA"):
        channel = image.getchannel("A")
    elif image.mode == "P" and "transparency" in image.info:
        channel = image.convert("RGBA").getchannel("A")
    else:
        return None
    low, high = cast(tuple[int, int], channel.getextrema())
    return int(low), int(high)


def check_inputs(
    request: ImageRequest, profile: InputProfile, *, local_gateway: bool = False
) -> CheckedInputs:
    """The request's images and mask as they will be sent; InvalidRequest lists every
    problem, each naming its input and the rule. `local_gateway`: the gateway runs on
    loopback (the sandbox), where loopback URLs are the ones it can fetch."""
    return _Checker(request, profile, local_gateway).run()


class InputChangedBeforeSending(InvalidRequest):
    """A file to convert no longer has the hash the request names."""


def write_png(checked: CheckedImage, target: Path) -> Path:
    """The lossless PNG of a checked image that is sent converted (the source's hash
    checked first: the PNG's own hash is a different one)."""
    assert checked.path is not None
    data = checked.path.read_bytes()
    expected = checked.source.sha256.lower()
    if expected and hashlib.sha256(data).hexdigest() != expected:
        raise InputChangedBeforeSending(
            [FieldProblem(checked.name, f"{checked.name} changed on disk after it was chosen.")]
        )
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        frame = image if image.mode in _PNG_MODES else image.convert("RGBA")
        frame.save(target, "PNG")
    return target
