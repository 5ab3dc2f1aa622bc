"""Load: any supported input -> decoded text, its encoding, and whether it is HTML or plain text.

Only this module knows about bytes and encodings. Decoding order: byte-order mark, then strict
UTF-8 (a page that decodes as UTF-8 almost surely is UTF-8, whatever its <meta> claims), then the
charset the transport or the page declares, then detection (bs4's UnicodeDammit), then cp1252
with replacement so that nothing is ever lost to a decoding error.
"""

from __future__ import annotations

import codecs
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from lxml import etree

from .errors import InputTooLarge, UnreadableInput

MAX_BYTES = 64 * 1024 * 1024  # default size limit; `extract(max_bytes=...)` changes it

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([a-zA-Z0-9_:.-]+)", re.I)
_HTML_START = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>]|<\?xml|<head[\s>]|<body[\s>]|<!--)", re.I)
_HTML_TAG = re.compile(
    r"</?(?:html|head|body|div|p|a|span|br|table|tr|td|script|meta|title|h[1-6]|ul|li|img|article)\b",
    re.I,
)
# Magic numbers of common binary formats that sometimes arrive where a page was expected.
_BINARY_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ", "xz-compressed data"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
)

SourceKind = Literal["html", "text"]


@dataclass(frozen=True, slots=True)
class Source:
    """A page ready for a front end: decoded text, or an lxml tree handed to us by the caller."""

    text: str
    kind: SourceKind
    encoding: str | None = None
    tree: Any = None  # an lxml element when the caller passed one (no re-parse)


def read(
    page: object,
    *,
    content_type: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Source:
    """Turn bytes / str / Path / binary file / BeautifulSoup / lxml element into a `Source`."""
    if isinstance(page, etree._Element):
        root = page.getroottree().getroot() if page.getparent() is None else page
        return Source(text="", kind="html", encoding=None, tree=root)
    if _is_soup(page):
        return _from_text(str(page), max_bytes, force_html=True)
    if isinstance(page, Path):
        page = _read_path(page, max_bytes)
    elif isinstance(page, io.IOBase) or hasattr(page, "read"):
        page = _read_file(page, max_bytes)
    if isinstance(page, bytearray | memoryview):
        page = bytes(page)
    if isinstance(page, bytes):
        return _from_bytes(page, content_type, max_bytes)
    if isinstance(page, str):
        return _from_text(page, max_bytes)
    raise UnreadableInput(
        f"cannot read a page from {type(page).__name__}: pass bytes, str, a pathlib.Path, "
        "a binary file object, a BeautifulSoup object or an lxml element"
    )


def _is_soup(page: object) -> bool:
    return type(page).__name__ == "BeautifulSoup" and type(page).__module__.startswith("bs4")


def _read_path(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputTooLarge(_too_large(size, max_bytes))
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableInput(f"cannot read {path}: {exc.strerror or exc}") from exc


def _read_file(fileobj: Any, max_bytes: int) -> bytes | str:
    data = fileobj.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputTooLarge(_too_large(len(data), max_bytes, at_least=True))
    if not isinstance(data, bytes | str):
        raise UnreadableInput(f"file object returned {type(data).__name__}, not bytes or str")
    return data


def _too_large(size: int, limit: int, *, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    return f"input is {more}{size:,} bytes, above the max_bytes limit of {limit:,}"


def _from_bytes(data: bytes, content_type: str | None, max_bytes: int) -> Source:
    if len(data) > max_bytes:
        raise InputTooLarge(_too_large(len(data), max_bytes))
    if not data.strip():
        raise UnreadableInput("input is empty")
    text, encoding = decode(data, content_type)
    return _from_text(text, max_bytes, encoding=encoding)


def _from_text(
    text: str, max_bytes: int, *, encoding: str | None = None, force_html: bool = False
) -> Source:
    if len(text) > max_bytes:
        raise InputTooLarge(_too_large(len(text), max_bytes))
    text = text.replace("\x00", "")
    if not text.strip():
        raise UnreadableInput("input is empty (only whitespace)")
    _reject_binary_text(text)
    kind: SourceKind = "html" if force_html or looks_like_html(text) else "text"
    return Source(text=text, kind=kind, encoding=encoding)


def decode(data: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode page bytes; return the text and the name of the encoding used."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    magic = _binary_kind(data)
    if magic:
        raise UnreadableInput(f"input is {magic}, not a web page")
    if _looks_utf16(data):
        name = "utf-16-le" if data[1] == 0 else "utf-16-be"
        return data.decode(name, errors="replace"), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            # Truncated in the middle of a multi-byte character: still UTF-8.
            return data.decode("utf-8", errors="replace"), "utf-8"
    for name in _declared_charsets(data, content_type):
        try:
            return data.decode(name), name
        except (UnicodeDecodeError, LookupError):
            continue
    return _detect(data)


def _declared_charsets(data: bytes, content_type: str | None) -> list[str]:
    names = []
    if content_type and (m := _HEADER_CHARSET.search(content_type)):
        names.append(m.group(1))
    if m2 := _META_CHARSET.search(data[:4096]):
        names.append(m2.group(1).decode("ascii", "replace"))
    # Declared Latin-1/ASCII pages are in practice cp1252 (the WHATWG rule).
    return ["cp1252" if n.lower() in ("iso-8859-1", "latin-1", "us-ascii", "ascii") else n
            for n in names if n.lower().replace("-", "") != "utf8"]


def _detect(data: bytes) -> tuple[str, str]:
    from bs4.dammit import UnicodeDammit

    dammit = UnicodeDammit(data[:200_000], is_html=True)
    name = dammit.original_encoding
    if name:
        try:
            return data.decode(name, errors="replace"), name
        except LookupError:
            pass
    return data.decode("cp1252", errors="replace"), "cp1252"


def _binary_kind(data: bytes) -> str | None:
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            return what
    return None


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: many NUL bytes at alternating positions in ASCII-heavy text."""
    head = data[:2000]
    if len(head) < 8:
        return False
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return max(even, odd) > len(head) // 4 and min(even, odd) < len(head) // 50


def _reject_binary_text(text: str) -> None:
    head = text[:4096]
    controls = sum(1 for ch in head if ch < " " and ch not in "\t\n\r\f\v")
    if controls > len(head) // 10:
        raise UnreadableInput("input looks like binary data, not a web page or text")


def looks_like_html(text: str) -> bool:
    """Sniff markup: a document start, or enough tags in the first 64 KB."""
    head = text[:65536]
    if _HTML_START.match(head):
        return True
    return len(_HTML_TAG.findall(head, 0, 65536)) >= 3
