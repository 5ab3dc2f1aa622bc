"""WARC and WET records as pages, read with FastWARC when installed, else warcio.

Reader choice (measured, see docs/batch.md): on the same 5,000-page .warc.gz FastWARC reads
~4,800 response records/s, warcio ~2,000/s; in a batch run the reading process competes with the
workers for the cores, so the faster reader is the default when it is there. FastWARC is a
compiled (Rust) wheel, so it stays optional; warcio (pure Python) is the fallback.

Neither reader gets past a corrupt gzip member (a truncated download, a torn write): they read
garbage into the record and then stop with an error. This module keeps going: it holds each
record until the reader has moved past it, and on an error it checks the held record's gzip member
itself (zlib checks the CRC), reports the bad record as an error record (with its id and URI when
its headers are still readable), then scans for the next gzip member that starts a WARC record and
restarts the reader there. No record after a corrupt one is lost.
"""

from __future__ import annotations

import bz2
import io
import lzma
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from ._compat import zstandard
from .records import Failure

PAGE_TYPES = ("response", "resource", "revisit", "conversion")
PAGE_MIMES = frozenset({"text/html", "application/xhtml+xml", "text/plain", "application/html"})
_GZ_MAGIC = b"\x1f\x8b\x08"
_SCAN = 1 << 20


@dataclass(frozen=True, slots=True)
class WarcPage:
    """A page-like WARC record: response, resource, revisit or conversion (WET)."""

    offset: int
    rec_type: str
    id: str
    url: str | None
    content_type: str | None  # the HTTP Content-Type (response), else the WARC one
    payload: bytes | None
    failure: Failure | None = None


@dataclass(frozen=True, slots=True)
class _Raw:
    offset: int
    rec_type: str
    rec_id: str | None
    url: str | None
    content_type: str | None
    payload: bytes | None
    too_large: bool = False


Backend = Callable[[IO[bytes], int], Iterator[_Raw]]


def available_readers() -> list[str]:
    names = []
    try:
        import fastwarc.warc  # noqa: F401
    except ImportError:
        pass
    else:
        names.append("fastwarc")
    try:
        import warcio.archiveiterator  # noqa: F401
    except ImportError:
        pass
    else:
        names.append("warcio")
    return names


def pick_reader(name: str = "auto") -> str:
    have = available_readers()
    if name == "auto":
        if not have:
            raise ImportError("reading WARC needs warcio or fastwarc: pip install 'articlekit[batch]'")
        return have[0]
    if name not in have:
        raise ImportError(f"the WARC reader {name!r} is not installed")
    return name


def _mime(content_type: str | None) -> str | None:
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


def _warcio(max_bytes: int) -> Backend:
    from warcio.archiveiterator import ArchiveIterator

    def read(f: IO[bytes], start: int) -> Iterator[_Raw]:
        it = ArchiveIterator(f, check_digests=False)
        for rec in it:
            rtype = rec.rec_type
            if rtype not in PAGE_TYPES:
                continue
            headers = rec.rec_headers
            ctype = headers.get_header("Content-Type")
            if rec.http_headers is not None and rtype in ("response", "revisit"):
                ctype = rec.http_headers.get_header("Content-Type")
            payload = None
            too_large = False
            if rtype != "revisit" and _is_page(rtype, ctype):
                payload = rec.content_stream().read(max_bytes + 1)
                too_large = len(payload) > max_bytes
                if too_large:
                    payload = None
            offset = it.get_record_offset()  # (warcio reads the record to its end here: after the payload)
            yield _Raw(offset, rtype, headers.get_header("WARC-Record-ID"), headers.get_header("WARC-Target-URI"),
                       ctype, payload, too_large)

    return read


def _fastwarc(max_bytes: int) -> Backend:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    types = WarcRecordType.response | WarcRecordType.resource | WarcRecordType.revisit | WarcRecordType.conversion

    def read(f: IO[bytes], start: int) -> Iterator[_Raw]:
        it = ArchiveIterator(f, record_types=types, parse_http=True, auto_decode="all", fsspec_args=False)
        for rec in it:
            rtype = str(rec.record_type)
            headers = rec.headers
            ctype = headers.get("Content-Type")
            if rec.http_headers is not None and rtype in ("response", "revisit"):
                ctype = rec.http_headers.get("Content-Type")
            payload = None
            too_large = False
            if rtype != "revisit" and _is_page(rtype, ctype):
                payload = rec.reader.read(max_bytes + 1)
                too_large = len(payload) > max_bytes
                if too_large:
                    payload = None
            yield _Raw(rec.stream_pos, rtype, headers.get("WARC-Record-ID"), headers.get("WARC-Target-URI"),
                       ctype, payload, too_large)

    return read


def _is_page(rtype: str, content_type: str | None) -> bool:
    mime = _mime(content_type)
    return mime is None or mime in PAGE_MIMES


def _page(raw: _Raw, path: str, max_bytes: int) -> WarcPage:
    rec_id = raw.rec_id or f"{path}@{raw.offset}"
    failure = None
    if raw.rec_type == "revisit":
        failure = Failure("skipped", "Revisit", "a revisit record: no payload of its own")
    elif not _is_page(raw.rec_type, raw.content_type):
        failure = Failure("skipped", "NotHTML", f"Content-Type {_mime(raw.content_type)!r} is not a page")
    elif raw.too_large:
        failure = Failure("error", "InputTooLarge", f"the payload exceeds max_bytes={max_bytes}")
    return WarcPage(raw.offset, raw.rec_type, rec_id, raw.url, raw.content_type,
                    raw.payload if failure is None else None, failure)


# --- checking and finding gzip members -------------------------------------------------------------

def _member(f: IO[bytes], offset: int) -> tuple[bool, int, bytes]:
    """Inflate the gzip member at offset: (intact, end offset, first bytes of its content)."""
    f.seek(offset)
    d = zlib.decompressobj(31)
    head = b""
    pos = offset
    step = 4096  # small steps at first, so that a broken member still shows its headers
    try:
        while not d.eof:
            chunk = f.read(step)
            if not chunk:
                return False, pos, head
            out = d.decompress(chunk)
            if len(head) < 65536:
                head += out[: 65536 - len(head)]
            pos += len(chunk)
            step = _SCAN if len(head) >= 65536 else step
        return True, pos - len(d.unused_data), head
    except zlib.error:
        return False, pos, _salvage(f, offset)


def _salvage(f: IO[bytes], offset: int) -> bytes:
    """As much of a broken member's start as inflates, in small steps (its headers, with luck)."""
    f.seek(offset)
    data = f.read(65536)
    d = zlib.decompressobj(31)
    head = b""
    for i in range(0, len(data), 64):
        try:
            head += d.decompress(data[i : i + 64])
        except zlib.error:
            break
        if d.eof or len(head) >= 65536:
            break
    return head


def _starts_record(f: IO[bytes], offset: int, gz: bool) -> bool:
    f.seek(offset)
    data = f.read(4096)
    if not gz:
        return data.startswith(b"WARC/")
    try:
        return zlib.decompressobj(31).decompress(data, 16).startswith(b"WARC/")
    except zlib.error:
        return False


def _next_start(f: IO[bytes], offset: int, gz: bool) -> int | None:
    """The first offset >= offset where a (gzip member holding a) WARC record starts."""
    magic = _GZ_MAGIC if gz else b"WARC/"
    pos = offset
    while True:
        f.seek(pos)
        chunk = f.read(_SCAN + len(magic))
        if len(chunk) < len(magic):
            return None
        i = chunk.find(magic)
        while i != -1:
            at_line_start = gz or (i == 0 and pos == 0) or chunk[i - 1 : i] == b"\n"
            if (at_line_start or (i == 0 and _prev_is_newline(f, pos))) and _starts_record(f, pos + i, gz):
                return pos + i
            i = chunk.find(magic, i + 1)
        if len(chunk) < _SCAN + len(magic):
            return None
        pos += _SCAN


def _prev_is_newline(f: IO[bytes], pos: int) -> bool:
    f.seek(pos - 1)
    return f.read(1) == b"\n"


def _plain_record_end(f: IO[bytes], offset: int) -> tuple[bool, int, bytes]:
    """For an uncompressed WARC: is the record at offset framed right? (ok, end, head bytes)."""
    f.seek(offset)
    head = f.read(65536)
    sep = head.find(b"\r\n\r\n")
    if sep == -1 or not head.startswith(b"WARC/"):
        return False, offset, head
    length = None
    for line in head[:sep].split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            try:
                length = int(value.strip())
            except ValueError:
                return False, offset, head
    if length is None:
        return False, offset, head
    end = offset + sep + 4 + length
    f.seek(end)
    tail = f.read(4)
    if tail != b"\r\n\r\n":
        return False, offset, head
    return True, end + 4, head


def _headers(head: bytes) -> dict[str, str]:
    """Whatever WARC headers can be read from the start of a (possibly truncated) record."""
    out: dict[str, str] = {}
    if not head.startswith(b"WARC/"):
        return out
    block = head.split(b"\r\n\r\n", 1)[0]
    for line in block.split(b"\r\n")[1:]:
        name, sep, value = line.partition(b":")
        if sep:
            out[name.strip().decode("latin-1").lower()] = value.strip().decode("utf-8", "replace")
    return out


# --- the resilient iterator ------------------------------------------------------------------------

def _open_plain(path: Path, codec: str | None) -> IO[bytes]:
    if codec == "bz2":
        return bz2.open(path, "rb")
    if codec == "xz":
        return lzma.open(path, "rb")
    if codec == "zst":
        return cast(IO[bytes], zstandard().ZstdDecompressor().stream_reader(open(path, "rb")))
    return open(path, "rb")


def iter_warc(path: Path, *, codec: str | None, max_bytes: int, reader: str = "auto",
              display: str | None = None, start: int = 0, end: int | None = None) -> Iterator[WarcPage]:
    """Every page-like record of a WARC / WET file, corrupt ones as error records, in file order.

    `start`/`end` (gzip or plain WARC only) restrict it to the records that start in that byte
    range; `start` must be where a record starts (see `slices`).
    """
    name = pick_reader(reader)
    backend = _fastwarc(max_bytes) if name == "fastwarc" else _warcio(max_bytes)
    shown = display or str(path)
    if codec in (None, "gz"):
        yield from _resilient(path, codec == "gz", backend, shown, max_bytes, start, end)
        return
    # Whole-file bz2 / xz / zstd: no member boundaries to resynchronise on; a corrupt stream ends
    # the file with one error record saying where.
    with _open_plain(path, codec) as f:
        last = 0
        try:
            for raw in backend(f, 0):
                last = raw.offset
                yield _page(raw, shown, max_bytes)
        except Exception as exc:
            yield _broken(shown, last, {}, f"unreadable {codec} WARC after offset {last}: {exc}")


def _broken(path: str, offset: int, headers: dict[str, str], message: str) -> WarcPage:
    rec_id = headers.get("warc-record-id") or f"{path}@{offset}"
    return WarcPage(offset, headers.get("warc-type", "unknown"), rec_id, headers.get("warc-target-uri"), None, None,
                    Failure("error", "CorruptRecord", message))


def _starts_member(f: IO[bytes], offset: int, gz: bool) -> bool:
    f.seek(offset)
    return f.read(5).startswith(_GZ_MAGIC if gz else b"WARC/")


def _junk(path: str, offset: int) -> WarcPage:
    """Bytes where a record should start but none does: reported (it may be a record whose very
    first bytes are damaged), never silently stepped over."""
    return WarcPage(offset, "unknown", f"{path}@{offset}", None, None, None,
                    Failure("error", "CorruptData", f"unreadable data at offset {offset}, not the start of a record"))


def slices(path: Path, size: int) -> Iterator[tuple[int, int]]:
    """Split a .warc.gz into byte ranges of about `size` bytes, each starting at a gzip member
    that starts a WARC record: workers read them in parallel (`iter_warc(start=, end=)`)."""
    with open(path, "rb") as f:
        total = f.seek(0, io.SEEK_END)
        start = 0
        while start < total:
            nxt = _next_start(f, start + size, True) if start + size < total else None
            end = total if nxt is None else nxt
            yield start, end
            start = end


def _resilient(path: Path, gz: bool, backend: Backend, shown: str, max_bytes: int,
               start: int = 0, end: int | None = None) -> Iterator[WarcPage]:
    check = _member if gz else _plain_record_end
    what = "bad gzip member" if gz else "bad record framing"
    with open(path, "rb") as f, open(path, "rb") as probe:
        size = probe.seek(0, io.SEEK_END)
        limit = size if end is None else min(end, size)  # records that start before it are ours
        while start < limit:
            f.seek(start)
            held: _Raw | None = None
            failed = False
            try:
                for raw in backend(f, start):
                    if raw.offset >= limit:
                        break
                    if held is not None:
                        yield _page(held, shown, max_bytes)
                    held = raw
            except Exception:  # the reader's own errors: zlib, OSError, ArchiveLoadFailed...
                failed = True
            # The reader has moved past `held` (or reached the end): check its member ourselves.
            bad: int | None = start
            if held is not None:
                intact, held_end, head = check(probe, held.offset)
                if intact and head.startswith(b"WARC/"):
                    yield _page(held, shown, max_bytes)
                    bad = held_end if failed else None
                else:
                    # Headers as salvaged from the member itself, as when the reader fails before
                    # the record: a file gives the same records whichever way it is sliced.
                    message = f"corrupt record at offset {held.offset} ({what})"
                    yield _broken(shown, held.offset, _headers(head), message)
                    bad = None
                    failed = True
                    resume_from = held.offset + 1
            elif not failed:
                return
            if not failed:
                return
            if bad is not None:
                # Step over intact records the reader skipped on purpose (request, warcinfo,
                # metadata); the first broken or page-like one is where it failed.
                while bad < limit:
                    intact, member_end, head = check(probe, bad)
                    headers = _headers(head)
                    rtype = headers.get("warc-type", "response")
                    if not intact or not head.startswith(b"WARC/") or rtype in PAGE_TYPES or member_end <= bad:
                        if not _starts_member(probe, bad, gz):
                            yield _junk(shown, bad)
                        elif rtype in PAGE_TYPES:
                            yield _broken(shown, bad, headers, f"corrupt record at offset {bad} ({what})")
                        break
                    bad = member_end
                else:
                    return
                resume_from = bad + 1
            if resume_from >= limit:
                return
            nxt = _next_start(probe, resume_from, gz)
            if nxt is None:
                return
            start = nxt
