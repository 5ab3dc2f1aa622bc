"""Turning command-line inputs into a stream of `Record`s.

Inputs are files, directories (walked recursively, in sorted order) and glob patterns. Each file
is recognised by its name, else by its first bytes: a single page (`.html`, `.htm`, `.xhtml`,
`.txt`), JSONL (`.jsonl`, `.ndjson`), or WARC / WET (`.warc`, `.wet`, `.arc`); each possibly
compressed (`.gz`, `.bz2`, `.xz`; `.zst` with the optional `zstandard` package).
"""

from __future__ import annotations

import bz2
import glob
import gzip
import io
import json
import lzma
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..load import MAX_BYTES
from ._compat import zstandard
from .records import Failure, Record, WarcSlice
from .warc import iter_warc, pick_reader, slices

CODECS = {".gz": "gz", ".bz2": "bz2", ".xz": "xz", ".zst": "zst", ".zstd": "zst"}
_MAGIC = ((b"\x1f\x8b", "gz"), (b"BZh", "bz2"), (b"\xfd7zXZ\x00", "xz"), (b"\x28\xb5\x2f\xfd", "zst"))
PAGE_EXTS = frozenset({".html", ".htm", ".xhtml", ".shtml", ".txt"})
JSONL_EXTS = frozenset({".jsonl", ".ndjson", ".jsonlines"})
WARC_EXTS = frozenset({".warc", ".wet", ".arc"})
KNOWN_EXTS = PAGE_EXTS | JSONL_EXTS | WARC_EXTS
SLICE_BYTES = 1 << 20  # compressed bytes of WARC per worker task (about 30 news pages)


class InputError(ValueError):
    """An input on the command line does not exist or matches nothing (a usage error)."""


@dataclass(frozen=True, slots=True)
class Fields:
    """Which JSONL fields hold the page, its URL and its id."""

    html: str = "html"
    url: str = "url"
    id: str = "id"
    content_type: str = "content_type"


def _split_name(name: str) -> tuple[str, str | None]:
    """('page.html', 'gz') for 'page.html.gz'."""
    lower = name.lower()
    for ext, codec in CODECS.items():
        if lower.endswith(ext):
            return name[: -len(ext)], codec
    return name, None


def detect(path: Path) -> tuple[str, str | None]:
    """(format, codec): format is 'page', 'jsonl' or 'warc'; codec as in CODECS or None."""
    stem, codec = _split_name(path.name)
    head = b""
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError:
        pass
    if codec is None:
        codec = next((c for magic, c in _MAGIC if head.startswith(magic)), None)
    ext = os.path.splitext(stem)[1].lower()
    if ext in JSONL_EXTS:
        return "jsonl", codec
    if ext in WARC_EXTS:
        return "warc", codec
    if ext in PAGE_EXTS:
        return "page", codec
    return _sniff(path, codec), codec


def _sniff(path: Path, codec: str | None) -> str:
    try:
        with open_stream(path, codec) as f:
            head = f.read(256)
    except Exception:
        return "page"
    if head.startswith(b"WARC/"):
        return "warc"
    if head.lstrip().startswith(b"{"):
        return "jsonl"
    return "page"


def open_stream(path: Path, codec: str | None) -> IO[bytes]:
    if codec == "gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if codec == "bz2":
        return bz2.open(path, "rb")
    if codec == "xz":
        return lzma.open(path, "rb")
    if codec == "zst":
        try:
            zstd = zstandard()
        except ImportError as exc:
            raise InputError(f"{path}: reading .zst needs the optional 'zstandard' package") from exc
        reader = zstd.ZstdDecompressor().stream_reader(open(path, "rb"), read_across_frames=True, closefd=True)  # noqa: SIM115
        return io.BufferedReader(reader)  # (for readline)
    return open(path, "rb")


def _wanted(name: str) -> bool:
    stem, _codec = _split_name(name)
    return os.path.splitext(stem)[1].lower() in KNOWN_EXTS


def _walk(root: str) -> Iterator[str]:
    entries = sorted(os.scandir(root), key=lambda e: e.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path)
        elif entry.is_file() and _wanted(entry.name):
            yield entry.path


def _is_glob(arg: str) -> bool:
    return any(c in arg for c in "*?[")


def check_inputs(args: Sequence[str]) -> None:
    """Fail fast, before any work, on inputs that do not exist or match nothing."""
    for arg in args:
        if os.path.exists(arg):
            continue
        if _is_glob(arg) and next(glob.iglob(arg, recursive=True), None) is not None:
            continue
        raise InputError(f"no such file or directory: {arg}" if not _is_glob(arg) else f"no file matches {arg}")


def expand(args: Sequence[str]) -> Iterator[str]:
    """The files the inputs name, in order: each argument in turn, directories sorted."""
    for arg in args:
        if os.path.isdir(arg):
            yield from _walk(arg)
        elif os.path.exists(arg):
            yield arg
        elif _is_glob(arg):
            for match in sorted(glob.glob(arg, recursive=True)):
                if os.path.isdir(match):
                    yield from _walk(match)
                elif os.path.isfile(match):
                    yield match


def read_records(
    args: Sequence[str],
    *,
    fields: Fields | None = None,
    max_bytes: int = MAX_BYTES,
    warc_reader: str = "auto",
    exclude: str | None = None,
) -> Iterator[Record]:
    """Every input record of the inputs, lazily, in input order. `exclude`: a file never read
    (the output, when a directory or glob being read would match it)."""
    fields = fields or Fields()
    skip = os.path.realpath(exclude) if exclude and exclude != "-" else None
    for name in expand(args):
        if skip is not None and os.path.realpath(name) == skip:
            continue
        path = Path(name)
        fmt, codec = detect(path)
        if fmt == "warc":
            yield from _warc_records(path, name, codec, max_bytes, warc_reader)
        elif fmt == "jsonl":
            yield from _jsonl_records(path, name, codec, fields, max_bytes)
        else:
            yield _page_record(path, name, codec, max_bytes)


def read_tasks(
    args: Sequence[str],
    *,
    fields: Fields | None = None,
    max_bytes: int = MAX_BYTES,
    warc_reader: str = "auto",
    exclude: str | None = None,
    slice_bytes: int = SLICE_BYTES,
) -> Iterator[Record | WarcSlice]:
    """Like `read_records`, but a .warc.gz comes as `WarcSlice`s (byte ranges) that the workers
    read themselves: the reading process then does almost nothing per page."""
    fields = fields or Fields()
    skip = os.path.realpath(exclude) if exclude and exclude != "-" else None
    for name in expand(args):
        if skip is not None and os.path.realpath(name) == skip:
            continue
        path = Path(name)
        fmt, codec = detect(path)
        if fmt == "warc" and codec == "gz":
            reader = pick_reader(warc_reader)
            try:
                for start, end in slices(path, slice_bytes):
                    yield WarcSlice(str(path), name, start, end, reader, max_bytes)
            except OSError as exc:
                yield Record(f"{name}@?", None,
                             failure=Failure("error", "UnreadableInput", f"cannot read {name}: {exc}"))
        else:
            yield from read_records([name], fields=fields, max_bytes=max_bytes, warc_reader=warc_reader)


def _page_record(path: Path, name: str, codec: str | None, max_bytes: int) -> Record:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Record(name, None, failure=Failure(
                "error", "InputTooLarge", f"the file has {size} bytes, more than max_bytes={max_bytes}"))
        data = path.read_bytes()
    except OSError as exc:
        return Record(name, None, failure=Failure("error", "UnreadableInput", f"cannot read {name}: {exc}"))
    return Record(name, data, compression=codec)


def _warc_records(path: Path, name: str, codec: str | None, max_bytes: int, reader: str) -> Iterator[Record]:
    try:
        for page in iter_warc(path, codec=codec, max_bytes=max_bytes, reader=reader, display=name):
            yield Record(page.id, page.payload, url=page.url, content_type=page.content_type, failure=page.failure)
    except OSError as exc:
        yield Record(f"{name}@?", None, failure=Failure("error", "UnreadableInput", f"cannot read {name}: {exc}"))


def _jsonl_records(path: Path, name: str, codec: str | None, fields: Fields, max_bytes: int) -> Iterator[Record]:
    limit = max_bytes * 2 + 65536  # a page, JSON-escaped, and its other fields
    lineno = 0
    try:
        with open_stream(path, codec) as f:
            while True:
                line = f.readline(limit)
                if not line:
                    return
                lineno += 1
                rec_id = f"{name}:{lineno}"
                if len(line) >= limit and not line.endswith(b"\n"):
                    while line and not line.endswith(b"\n"):  # skip the rest of the line
                        line = f.readline(limit)
                    yield Record(rec_id, None, failure=Failure("error", "InputTooLarge",
                                                               f"line {lineno} is longer than {limit} bytes"))
                    continue
                if not line.strip():  # blank lines are not records
                    continue
                yield _jsonl_record(line, rec_id, lineno, fields)
    except (OSError, EOFError, lzma.LZMAError) as exc:
        yield Record(f"{name}:{lineno + 1}", None, failure=Failure(
            "error", "UnreadableInput", f"{name} is unreadable from line {lineno + 1} on: {exc}"))


def _jsonl_record(line: bytes, rec_id: str, lineno: int, fields: Fields) -> Record:
    try:
        obj = json.loads(line)
    except ValueError as exc:
        return Record(rec_id, None, failure=Failure("error", "InvalidJSON", f"line {lineno}: {exc}"))
    if not isinstance(obj, dict):
        return Record(rec_id, None, failure=Failure("error", "InvalidJSON", f"line {lineno} is not a JSON object"))
    given = obj.get(fields.id)
    if given is not None and given != "":
        rec_id = given if isinstance(given, str) else json.dumps(given)
    url = obj.get(fields.url)
    url = url if isinstance(url, str) else None
    page = obj.get(fields.html)
    if not isinstance(page, str):
        return Record(rec_id, None, url=url, failure=Failure(
            "error", "MissingField", f"line {lineno} has no string field {fields.html!r}"))
    ctype = obj.get(fields.content_type)
    return Record(rec_id, page, url=url, content_type=ctype if isinstance(ctype, str) else None)
