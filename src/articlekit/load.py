"""Load: any supported input -> decoded text, its encoding, and whether it is HTML or plain text.

Only this module knows about bytes and encodings. Decoding order:

1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. known binary formats (PNG, PDF, gzip, ZIP...) and control-byte soup are refused;
3. UTF-16 without a BOM (NUL bytes at alternate positions);
4. strict UTF-8: a page that decodes as UTF-8 almost surely is UTF-8, whatever its <meta> says;
   also UTF-8 cut off mid-character, and UTF-8 with a few corrupt bytes;
5. the charset the transport (`content_type=`) or the page (<meta>, <?xml encoding?>) declares,
   if the bytes decode under it;
6. detection (chardet) on a sample, then the declared charset, then cp1252, taking the first
   that decodes with almost no errors; nothing is ever lost to a decoding error.

Declared and detected names are mapped to the superset browsers use (WHATWG): ISO-8859-1 and
ASCII are cp1252, GB2312 and GBK are GB18030, Shift_JIS is cp932, EUC-KR is cp949, Big5 is
Big5-HKSCS. Only encodings used on the web are honoured (no UTF-7, no Python-only codecs).

Reading is bounded: files and streams are read at most `max_bytes + 1` bytes deep.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from lxml import etree

from .errors import UnreadableInput
from .folding import unhyphenated
from .limits import DEFAULT_LIMITS, Limits, resolve, too_large

MAX_BYTES = DEFAULT_LIMITS.max_bytes  # default size limit; `extract(max_bytes=...)` changes it

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_:.-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([a-zA-Z0-9_:.-]+)", re.I)
_HTML_START = re.compile(
    r"\s*(?:<!doctype\s+html|<html[\s>]|<\?xml|<head[\s>]|<body[\s>]|<frameset[\s>]|<!--)", re.I
)
_HTML_TAG = re.compile(
    r"</?(?:html|head|body|div|p|a|span|br|table|tr|td|script|meta|title|h[1-6]|ul|li|img|article"
    r"|frameset|frame|iframe|style|link|section|main|nav|header|footer|form)\b",
    re.I,
)
_NON_ASCII = re.compile(rb"[\x80-\xff]")
# Magic numbers of common binary formats that sometimes arrive where a page was expected.
_BINARY_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ", "xz-compressed data"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"MZ", "a Windows executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Microsoft Office document"),
    (b"wOFF", "a web font (WOFF)"),
    (b"wOF2", "a web font (WOFF2)"),
    (b"OggS", "Ogg audio/video"),
    (b"ID3", "an MP3 audio file"),
    (b"\x00\x00\x01\x00", "an icon (ICO)"),
    (b"\x1aE\xdf\xa3", "a WebM/Matroska video"),
)
# Container formats whose real type sits a few bytes in.
_BINARY_AT_8 = ((b"WEBP", "a WebP image"), (b"AVI ", "an AVI video"), (b"WAVE", "a WAV audio file"))
_BINARY_AT_4 = ((b"ftyp", "an MP4/QuickTime video or HEIC image"),)
# Bytes that never occur in text (C0 controls other than tab, newlines, form feed and escape).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\v\f\r\x1b")
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_NOT_XML = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NOT_XML_BYTES = bytes([*range(1, 9), 0x0B, 0x0C, *range(0x0E, 0x20)])  # its ASCII part
# A translation that turns each of them into the first of them (and keeps every other byte).
_MARK_NOT_XML = bytes(1 if b in _NOT_XML_BYTES else b for b in range(256))
_NONCHARACTERS = re.compile(rb"\xef\xbf[\xbe\xbf]")  # U+FFFE and U+FFFF in UTF-8
# Encodings browsers decode with, as Python codec names, mapped to the superset they really use.
_WEB_ENCODINGS = frozenset(
    ["utf-8", "cp866", "koi8-r", "koi8-u", "mac-roman", "mac-cyrillic", "cp874", "cp932", "euc_jp",
     "iso2022_jp", "gb18030", "big5hkscs", "cp949"]
    + [f"cp125{i}" for i in range(9)]
    + [f"iso8859-{i}" for i in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)]
)
_SUPERSET = {
    "ascii": "cp1252", "latin-1": "cp1252", "iso8859-1": "cp1252", "iso8859-9": "cp1254",
    "iso8859-11": "cp874", "tis-620": "cp874", "gb2312": "gb18030", "gbk": "gb18030",
    "hz": "gb18030", "shift_jis": "cp932", "euc_kr": "cp949", "big5": "big5hkscs",
    "utf-8-sig": "utf-8",
}

SourceKind = Literal["html", "text"]


@dataclass(frozen=True, slots=True)
class Source:
    """A page ready for a front end: decoded text, or an lxml tree handed to us by the caller."""

    text: str
    kind: SourceKind
    encoding: str | None = None
    tree: Any = None  # an lxml element when the caller passed one (no re-parse)
    utf8: bytes | None = None  # the input bytes when they are exactly `text` in UTF-8 (no re-encode)


def read(
    page: object,
    *,
    content_type: str | None = None,
    max_bytes: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Source:
    """Turn bytes / str / Path / binary file / BeautifulSoup / lxml element into a `Source`.

    `max_bytes`, when given, overrides `limits.max_bytes`.
    """
    limits = resolve(limits, max_bytes)
    if isinstance(page, etree._ElementTree):
        page = page.getroot()
        if page is None:
            raise UnreadableInput("the lxml tree passed in is empty")
    if isinstance(page, etree._Element):
        if not isinstance(page.tag, str):
            raise UnreadableInput("cannot read a page from an lxml comment, entity or processing instruction")
        root = page.getroottree().getroot() if page.getparent() is None else page
        return Source(text="", kind="html", encoding=None, tree=root)
    if _is_soup(page):
        return _from_text(str(page), limits, force_html=True)
    if isinstance(page, Path):
        page = _read_path(page, limits)
    elif isinstance(page, io.IOBase) or callable(getattr(page, "read", None)):
        page = _read_file(page, limits)
    if isinstance(page, bytearray | memoryview):
        page = bytes(page)
    if isinstance(page, bytes):
        return _from_bytes(page, content_type, limits)
    if isinstance(page, str):
        if len(page) > limits.max_bytes:
            raise too_large(len(page), limits, what="characters")
        return _from_text(page, limits)
    raise UnreadableInput(
        f"cannot read a page from {type(page).__name__}: pass bytes, str, a pathlib.Path, "
        "a binary file object, a BeautifulSoup object or an lxml element"
    )


def _is_soup(page: object) -> bool:
    return type(page).__name__ == "BeautifulSoup" and type(page).__module__.startswith("bs4")


def _read_path(path: Path, limits: Limits) -> bytes | str:
    """Read a file, never more than max_bytes + 1 bytes (a device like /dev/zero reports size 0)."""
    try:
        with path.open("rb") as f:
            size = _regular_size(f)
            if size is not None and size > limits.max_bytes:
                raise too_large(size, limits)
            return _read_file(f, limits)
    except IsADirectoryError as exc:
        raise UnreadableInput(f"cannot read {path}: it is a directory, not a page") from exc
    except OSError as exc:
        raise UnreadableInput(f"cannot read {path}: {exc.strerror or exc}") from exc


def _regular_size(f: Any) -> int | None:
    st = os.fstat(f.fileno())
    return st.st_size if stat.S_ISREG(st.st_mode) else None


def _read_file(fileobj: Any, limits: Limits) -> bytes | str:
    """Read a binary (or text) file object to its end, but at most max_bytes + 1 bytes."""
    chunks: list[Any] = []
    total = 0
    try:
        while total <= limits.max_bytes:
            chunk = fileobj.read(min(1 << 20, limits.max_bytes + 1 - total))
            if not chunk:  # b"", "" at the end; None from a non-blocking stream with no data
                break
            if not isinstance(chunk, bytes | bytearray | str) or (chunks and type(chunk) is not type(chunks[0])):
                raise UnreadableInput(f"the file object returned {type(chunk).__name__}, not bytes or str")
            chunks.append(chunk)
            total += len(chunk)
    except (OSError, ValueError) as exc:
        if isinstance(exc, UnreadableInput):
            raise
        raise UnreadableInput(f"cannot read from the file object: {exc}") from exc
    if total > limits.max_bytes:
        raise too_large(total, limits, at_least=True)
    if not chunks:
        return b""
    if isinstance(chunks[0], str):
        return "".join(chunks)
    return b"".join(chunks)


def _from_bytes(data: bytes, content_type: str | None, limits: Limits) -> Source:
    if len(data) > limits.max_bytes:
        raise too_large(len(data), limits)
    if not data:
        raise UnreadableInput("input is empty (0 bytes)")
    if data.isspace():  # (not `data.strip()`, which copies a page that ends in a newline)
        raise UnreadableInput("input is empty (only whitespace)")
    text, encoding = decode(data, content_type)
    # Decoded as UTF-8 with nothing replaced: the bytes are the text's UTF-8, kept for the parser.
    exact = encoding == "utf-8" and "\ufffd" not in text
    return _from_text(text, limits, encoding=encoding, utf8=data if exact else None)


def _from_text(
    text: str, limits: Limits, *, encoding: str | None = None, force_html: bool = False,
    utf8: bytes | None = None,
) -> Source:
    if not text:
        raise UnreadableInput("input is empty")
    original = text
    if utf8 is None:
        utf8 = _encoded(text)
    # NUL is dropped, as browsers do; a leading BOM character is not content.
    if utf8 is None or b"\x00" in utf8:  # a byte search is far faster than a str one
        text = text.replace("\x00", "")
    text = text.removeprefix("\ufeff")
    if text.isspace() or not text:  # (`text.strip()` would copy a page ending in a newline)
        raise UnreadableInput("input is empty (only whitespace)")
    _reject_binary_text(text)
    text = _xml_safe(text, utf8)
    kind: SourceKind = "html" if force_html or looks_like_html(text) else "text"
    if kind == "text":
        text = _without_soft_hyphens(text, utf8)
    unchanged = utf8 is not None and text is original  # str methods return the same object then
    return Source(text=text, kind=kind, encoding=encoding, utf8=utf8 if unchanged else None)


def decode(data: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode page bytes; return the text and the name of the encoding used.

    Raises `UnreadableInput` for binary data (images, archives, PDFs, control-byte soup).
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    magic = _binary_kind(data)
    if magic:
        raise UnreadableInput(f"input is {magic}, not a web page")
    if utf16 := _utf16_without_bom(data):
        return data.decode(utf16, errors="replace"), utf16
    if _looks_binary(data):
        raise UnreadableInput("input is binary data (control bytes), not a web page or text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            # Truncated in the middle of a multi-byte character: still UTF-8.
            return data.decode("utf-8", errors="replace"), "utf-8"
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly, "utf-8"
    declared = _declared_charsets(data, content_type)
    for name in declared:
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    best: tuple[int, str, str] | None = None
    for name in dict.fromkeys([*_detected_charsets(data), *declared, "cp1252"]):
        text = data.decode(name, errors="replace")
        bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
        if bad <= max(2, len(text) // 1000):
            return text, name
        if best is None or bad < best[0]:
            best = (bad, text, name)
    assert best is not None
    return best[1], best[2]


def web_encoding(label: str) -> str | None:
    """The Python codec browsers use for a declared charset label, or None if not a web encoding."""
    try:
        name = codecs.lookup(label.strip().lower()).name
    except (LookupError, ValueError):
        return None
    name = _SUPERSET.get(name, name)
    return name if name in _WEB_ENCODINGS else None


def _declared_charsets(data: bytes, content_type: str | None) -> list[str]:
    labels = []
    if content_type and (m := _HEADER_CHARSET.search(content_type)):
        labels.append(m.group(1))
    head = data[:65536]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        if m2 := pattern.search(head):
            labels.append(m2.group(1).decode("ascii", "replace"))
    names = (web_encoding(label) for label in labels)
    # UTF-8 was tried first; a page that is not UTF-8 but says so is wrong about it.
    return list(dict.fromkeys(n for n in names if n and n != "utf-8"))


def _detected_charsets(data: bytes) -> list[str]:
    """chardet's guess on a sample that starts where the non-ASCII text starts."""
    first = _NON_ASCII.search(data)
    if first is None:
        return []
    start = max(0, first.start() - 256)
    sample = data[start:start + 32768]
    try:
        import chardet
    except ImportError:  # pragma: no cover - chardet comes with readability-lxml
        from bs4.dammit import UnicodeDammit

        guess = UnicodeDammit(sample, is_html=True).original_encoding
    else:
        guess = chardet.detect(sample).get("encoding")
    name = web_encoding(guess) if guess else None
    return [name] if name else []


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few corrupt bytes decodes as UTF-8 (with replacement characters).

    Text in a legacy encoding read as UTF-8 gives almost no valid multi-byte characters (none
    for cp1251 or cp1252 prose, at most 2 for every 5 errors for Big5 or Shift_JIS); UTF-8 with
    a few bad bytes gives many.
    """
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    bad = replaced - data.count(b"\xef\xbf\xbd")
    good = len(text) - len(text.encode("ascii", errors="ignore")) - replaced
    return text if good >= 4 and good >= 3 * bad else None


def _binary_kind(data: bytes) -> str | None:
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            return what
    if data.startswith(b"RIFF"):
        for magic, what in _BINARY_AT_8:
            if data[8:12] == magic:
                return what
    for magic, what in _BINARY_AT_4:
        if data[4:8] == magic:
            return what
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """The UTF-16 codec of BOM-less UTF-16, or None.

    Spaces, newlines and ASCII markup put a NUL byte at one parity (high byte first: even
    positions, big-endian); text bytes are almost never NUL at the other. The sample must then
    decode cleanly, without control characters.
    """
    head = data[:4000]
    if len(head) < 16 or b"\x00" not in head:  # (a search, not two slices and counts)
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    many, few = max(even, odd), min(even, odd)
    if many < len(head) // 20 or few * 10 > many:
        return None
    name = "utf-16-be" if even > odd else "utf-16-le"
    sample = head[: len(head) - len(head) % 2].decode(name, errors="replace")
    bad = sample.count("\ufffd") + len(_CONTROL_CHARS.findall(sample))
    return name if bad <= len(sample) // 100 else None


def _looks_binary(data: bytes) -> bool:
    """More than 5% control bytes in the first 4 KB: not text in any web encoding."""
    head = data[:4096]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > max(1, len(head) // 20)


def _xml_safe(text: str, utf8: bytes | None) -> str:
    """Only characters lxml accepts: a stray control character, U+FFFE/U+FFFF or a lone surrogate
    (possible in a `str`) becomes U+FFFD; vertical tab and form feed become line breaks. Left in,
    they make lxml refuse any later edit of the text node that holds them.
    `utf8` is `text` (before NUL removal) in UTF-8, None if a lone surrogate kept it from encoding."""
    if _xml_clean(text, utf8):
        return text
    return _NOT_XML.sub(lambda m: "\n" if m.group() in "\x0b\x0c" else "\ufffd", text)


def _xml_clean(text: str, utf8: bytes | None) -> bool:
    """No character `_NOT_XML` matches, checked on UTF-8 bytes: `bytes.translate` runs about
    four times faster than the regex, and almost every page is clean. (A translation table
    with no bytes to delete takes the fast path of `translate`; one search then finds a mark.)"""
    if utf8 is None or b"\x01" in utf8.translate(_MARK_NOT_XML):
        return False
    # U+FFFE and U+FFFF are EF BF BE and EF BF BF. A search for one byte runs on memchr, ten
    # times faster than one for two or three bytes, and EF is rare (it starts U+F000-U+FFFF).
    return b"\xef" not in utf8 or _NONCHARACTERS.search(utf8) is None


def _without_soft_hyphens(text: str, utf8: bytes | None) -> str:
    """A text dump without soft hyphens (U+00AD): invisible break hints that hyphenation
    plugins put inside words ('Ver\u00adan\u00adstal\u00adtung'), which would break every search
    for the word in our output. (HTML's are dropped from the text of its blocks and metadata,
    where `&shy;` has become the character: no scan of the whole page.)"""
    return unhyphenated(text) if utf8 is None or b"\xc2\xad" in utf8 else text  # (bytes: memchr, no decode)


def _encoded(text: str) -> bytes | None:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return None


def _reject_binary_text(text: str) -> None:
    head = text[:4096]
    if len(_CONTROL_CHARS.findall(head)) > max(1, len(head) // 20):
        raise UnreadableInput("input is binary data (control characters), not a web page or text")


def looks_like_html(text: str) -> bool:
    """Sniff markup: a document start, or enough tags in the first 64 KB."""
    head = text[:65536]
    if _HTML_START.match(head):
        return True
    return len(_HTML_TAG.findall(head, 0, 65536)) >= 3
