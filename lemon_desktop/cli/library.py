"""`lemon-desktop library`: list, search, import, export and check the local library.

Exit codes: 0 fine; 1 `verify` found problems it did not repair (in the files or
in library.db itself), or `export` left out images it could not read; 2 bad input
(query syntax, unknown id, bad template); 4 storage error (including a damaged
library.db that the library refuses to open).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..library import ImageNotFound, Library, LibraryError, QueryError
from ..library.lineage import Relative
from ..library.records import ImageRecord, ImportReport
from ..paths import default_home
from ..settings import load_settings
from .context import json_commands
from .output import terminal_safe
from .session import open_library

EXIT_PROBLEMS, EXIT_INPUT, EXIT_STORAGE = 1, 2, 4


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("library", help="browse and maintain the local image library")
    command = json_commands(parser, "library_command", "print JSON instead of text")

    p = command("list", "list images, newest first")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--query", default="", help="search text (see `search`)")
    p = command("search", "search with the gallery's query syntax, e.g. 'cat model:x fav'")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=50)
    p = command("show", "everything recorded about one image")
    p.add_argument("id", type=int)
    command("stats", "counts and sizes")
    p = command("import", "import the PNG, JPEG and WebP files below a folder")
    p.add_argument("dir", type=Path)
    p.add_argument(
        "--in-place",
        action="store_true",
        help="index the files where they are instead of copying them into the library",
    )
    p = command("export", "copy images out under readable names")
    p.add_argument("query", nargs="?", default="")
    p.add_argument("--to", type=Path, required=True, dest="to_dir")
    p.add_argument("--template", default="{date}_{model}_{prompt:40}_{n}")
    p.add_argument("--strip-metadata", action="store_true", help="remove prompts from the copies")
    p = command("delete", "move images to the trash")
    p.add_argument("ids", type=int, nargs="+")
    p = command("restore", "bring images back from the trash")
    p.add_argument("ids", type=int, nargs="+")
    command("empty-trash", "delete trashed images for good")
    p = command("verify", "check that files and index agree")
    p.add_argument("--repair", action="store_true", help="re-link moved files, index orphans")
    p.add_argument(
        "--remove-missing", action="store_true", help="with --repair: drop rows whose file is gone"
    )
    p.add_argument("--quick", action="store_true", help="skip re-hashing every file")
    parser.set_defaults(handler=run, needs_context=False)


def run(args: argparse.Namespace) -> int:
    home = Path(args.home if getattr(args, "home", None) else default_home()).expanduser()
    try:
        with _open(home, args) as library:
            return _COMMANDS[args.library_command](library, args)
    except (QueryError, ImageNotFound, ValueError) as exc:
        return _fail(exc, EXIT_INPUT)
    except (LibraryError, OSError) as exc:
        return _fail(exc, EXIT_STORAGE)


def _open(home: Path, args: argparse.Namespace) -> Library:
    if args.library_command == "verify" and args.repair:
        # The one command that may start a new index over a damaged library.db
        # (kept beside it); everything else refuses and says what to do.
        root = load_settings(home).library_root(home)
        return Library.open(root, start_over_if_damaged=True)
    return open_library(home)


def _fail(exc: BaseException, code: int) -> int:
    print(f"lemon-desktop: {_shown(exc)}", file=sys.stderr)
    return code


def _shown(text: object) -> str:
    """Text from outside (file names, prompts, reasons) as a terminal can show it: no
    control characters, and a file name that is not UTF-8 with its odd bytes escaped."""
    return terminal_safe(str(text).encode("utf-8", "backslashreplace").decode("utf-8"))


def _emit(args: argparse.Namespace, data: Any, text: str) -> None:
    if args.json:
        # A non-UTF-8 file name (lone surrogates) cannot be printed as UTF-8: escaped.
        out = json.dumps(data, indent=2, ensure_ascii=False)
        print(out.encode("utf-8", "backslashreplace").decode("utf-8"))
    else:
        print(text)


def _line(rec: ImageRecord) -> str:
    prompt = " ".join((rec.prompt or "").split())
    prompt = prompt[:60] + ("…" if len(prompt) > 60 else "")
    flags = ("★" if rec.favourite else " ") + (str(rec.rating) if rec.rating else " ")
    return (
        f"{rec.id:>7}  {rec.created[:16].replace('T', ' ')}  {flags}  "
        f"{rec.width}x{rec.height:<5} {rec.model or '-':<18} {prompt}"
    )


def _list(library: Library, args: argparse.Namespace, query: str) -> int:
    rows = library.page(query, max(1, args.limit), offset=getattr(args, "offset", 0)).rows
    records = [library.get(r.id) for r in rows]
    if args.json:
        _emit(args, [r.to_json() for r in records], "")
    elif not records:
        print("No images.")
    else:
        print("\n".join(_line(r) for r in records))
    return 0


def _show(library: Library, args: argparse.Namespace) -> int:
    rec = library.get(args.id)
    data = rec.to_json()
    text = "\n".join(f"{k:>15}: {v}" for k, v in data.items() if v not in (None, [], {}, ""))
    parents, children = library.parents(rec.id), library.children(rec.id)
    data["parents"] = [p.to_json() for p in parents]
    data["children"] = [c.to_json() for c in children]
    if parents:
        text += f"\n{'made by':>15}: {_shown(parents[0].operation)}, from"
        text += "".join(f"\n{'':>17}{_relative(p)}" for p in parents)
    if children:
        text += f"\n{'made from it':>15}:"
        text += "".join(f"\n{'':>17}{_relative(c, child=True)}" for c in children)
    _emit(args, data, text)
    return 0


def _relative(relative: Relative, *, child: bool = False) -> str:
    """A parent: `source #12`, `mask #13 (in the trash)`, `original a1b2c3d4e5f6… (deleted;
    was #9)`; a child: `#15 edit (this image as its source)`."""
    if relative.image_id is None:
        was = f"; was #{relative.recorded_id}" if relative.recorded_id is not None else ""
        where = f"{relative.sha256[:12]}… (deleted{was})"
    else:
        where = f"#{relative.image_id}" + (" (in the trash)" if relative.trashed else "")
    role = _shown("source" if relative.role == "input" else relative.role)
    if child:
        return f"{where} {_shown(relative.operation)} (this image as its {role})"
    return f"{role} {where}"


def _stats(library: Library, args: argparse.Namespace) -> int:
    s = library.stats()
    top = ", ".join(f"{m or '(none)'} {n}" for m, n in list(s.models.items())[:5])
    text = (
        f"{s.images} images ({s.bytes / 1e6:.1f} MB"
        + (f"; {s.linked} of them left where they were imported" if s.linked else "")
        + f"), {s.favourites} favourites, "
        f"{s.trashed} in the trash, {s.tags} tags, {s.albums} albums\n"
        f"models: {top or '-'}\nlibrary: {s.root}"
    )
    _emit(args, s.to_json(), text)
    return 0


def _import(library: Library, args: argparse.Namespace) -> int:
    def progress(done: int, total: int) -> None:
        print(f"\rimporting {done}/{total}", end="", file=sys.stderr, flush=True)

    report = library.import_folder(args.dir, progress, in_place=args.in_place)
    print(file=sys.stderr)
    text = (
        f"{'Indexed in place' if args.in_place else 'Imported'} {len(report.imported)}, "
        f"{len(report.duplicates)} already in the library, "
        f"{len(report.skipped)} skipped, {len(report.failed)} failed "
        f"({report.seconds:.1f} s)."
    )
    text += _metadata_counts(report)
    if report.unreadable:
        count = len(report.unreadable)
        text += f"\n{count} folder{'s' if count > 1 else ''} could not be read and were left out:"
        text += "".join(f"\n  {_shown(f)}: {_shown(r)}" for f, r in report.unreadable)
    if report.adopted:
        text += f"\nCopied {len(report.adopted)} images indexed in place into the library."
    for name, reason in report.failed:
        text += f"\n  failed: {_shown(name)}: {_shown(reason)}"
    for name, reason in report.skipped:
        if not reason.startswith("not a "):  # plain non-images are only counted
            text += f"\n  skipped: {_shown(name)}: {_shown(reason)}"
    _emit(args, report.to_json(), text)
    return 0


# How the import summary names each kind of metadata (lemon_desktop.library.metadata).
_METADATA_NAMES = {
    "lemon-desktop": "Lemon Desktop",
    "a1111": "A1111",
    "a1111-stealth": "A1111 stealth (alpha bits)",
    "comfyui": "ComfyUI",
    "invokeai": "InvokeAI",
    "novelai": "NovelAI",
    "fooocus": "Fooocus",
    "midjourney": "Midjourney",
    "none": "none",
}


def _metadata_counts(report: ImportReport) -> str:
    if not report.metadata:
        return ""
    ordered = sorted(report.metadata.items(), key=lambda kv: (kv[0] == "none", -kv[1], kv[0]))
    parts = [f"{n} {_METADATA_NAMES.get(kind, _shown(kind))}" for kind, n in ordered]
    text = "\nMetadata: " + ", ".join(parts)
    if report.content_credentials:
        text += f"; {report.content_credentials} with content credentials (C2PA)"
    return text + "."


def _export(library: Library, args: argparse.Namespace) -> int:
    paths = library.export(args.query, args.to_dir, args.template, args.strip_metadata)
    text = f"Exported {len(paths)} images to {_shown(args.to_dir)}."
    for image_id, reason in paths.skipped:
        text += f"\n  skipped: image {image_id}: {_shown(reason)}"
    if args.json:
        data: Any = [str(p) for p in paths]
        if paths.skipped:  # a list as before; an object only when something was left out
            data = {"exported": data, "skipped": [{"id": i, "reason": r} for i, r in paths.skipped]}
        _emit(args, data, text)
    else:
        print(text)
    return EXIT_PROBLEMS if paths.skipped else 0


def _delete(library: Library, args: argparse.Namespace) -> int:
    ids = library.delete(args.ids)
    _emit(args, ids, f"Moved {len(ids)} images to the trash.")
    return 0


def _restore(library: Library, args: argparse.Namespace) -> int:
    ids = library.restore(args.ids)
    _emit(args, ids, f"Restored {len(ids)} images.")
    return 0


def _empty(library: Library, args: argparse.Namespace) -> int:
    n = library.empty_trash()
    _emit(args, {"removed": n}, f"Deleted {n} images for good.")
    return 0


def _verify(library: Library, args: argparse.Namespace) -> int:
    report = library.verify(
        repair=args.repair, remove_missing=args.remove_missing, check_hashes=not args.quick
    )
    lines = []
    kept = library.damaged_index_kept
    if kept is not None and library.index_rescued:
        lines.append(
            f"library.db was damaged: it was kept as {_shown(kept)} and everything that "
            "could be read from it was copied into a new index."
        )
    elif kept is not None:
        lines.append(
            f"library.db was damaged: it was kept as {_shown(kept)} and a new index was "
            f"built from the image files ({len(report.reindexed)} images). Tags, albums, "
            "ratings and job history are in the damaged file."
        )
    lines.append(f"Checked {report.checked} images.")
    lines += [f"  index: {_shown(problem)}" for problem in report.index_problems]
    for name in ("relinked", "reindexed", "removed", "missing", "changed"):
        for image_id, path in getattr(report, name):
            lines.append(f"  {name}: image {image_id} {_shown(path)}")
    lines += [f"  orphaned: {_shown(path)}" for path in report.orphaned]
    lines += [f"  passed over: {_shown(p)}: {_shown(r)}" for p, r in report.passed_over]
    if report.ok:
        lines.append("All good.")
    elif report.index_problems and args.repair:
        lines.append(
            "library.db is damaged beyond what a repair can rebuild: restore it from a "
            "backup, or move it aside and run `lemon-desktop library verify --repair` "
            "to build a new index from the image files."
        )
    else:
        lines.append("Problems remain; try --repair.")
    data = report.to_json()
    data["damaged_index_kept"] = str(kept) if kept is not None else None
    _emit(args, data, "\n".join(lines))
    return 0 if report.ok else EXIT_PROBLEMS


_COMMANDS = {
    "list": lambda lib, a: _list(lib, a, a.query),
    "search": lambda lib, a: _list(lib, a, a.query),
    "show": _show,
    "stats": _stats,
    "import": _import,
    "export": _export,
    "delete": _delete,
    "restore": _restore,
    "empty-trash": _empty,
    "verify": _verify,
}
