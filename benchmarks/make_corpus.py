"""Synthetic batch corpus: N pages drawn from the bench pages, with a few corrupt records mixed in.

    python benchmarks/make_corpus.py 20000 /tmp/corpus                 # every format
    python benchmarks/make_corpus.py 2000 /tmp/c2k --formats warc,wet  # just the archives

Writes, under OUT:

- `pages.warc.gz`: one gzip member per record (as crawlers write them): a `warcinfo`, then for each
  page a `request` and a `response` (HTTP headers + the HTML). Mixed in: non-HTML responses
  (`image/png`, `application/pdf`: batch reports them as `skipped`) and corrupt responses: a
  truncated gzip member, a binary body, an empty body, a bogus charset.
- `pages.wet.gz`: `conversion` records holding the lynx / w3m dumps of the same pages (plain text).
- `pages.jsonl`: `{"id", "url", "html"}` per line, with a broken JSON line, an empty and a
  binary-looking page, and a line without the html field.
- `pages/`: a directory of `.html.gz`, `.html` and `.txt` files, with a truncated `.gz`, an empty
  and a binary file.
- `manifest.json`: how many records of each kind each file holds, and the ids of the corrupt ones.

Pages come from `../shared/bench/scrapinghub` (`$ARTICLEKIT_BENCH` overrides the folder). The
same seed gives the same corpus byte for byte. Compression is cheap: each distinct page body is
deflated once and the per-record headers are deflated in front of it (a full flush resets the
deflate window, so the two parts join into one valid gzip member).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import struct
import sys
import time
import uuid
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

BENCH = Path(os.environ.get("ARTICLEKIT_BENCH", Path(__file__).resolve().parents[2] / "shared" / "bench"))
FORMATS = ("warc", "wet", "jsonl", "dir")
CORRUPT_KINDS = ("truncated-gzip", "binary-body", "empty-body", "bad-charset")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


@dataclass
class Page:
    pid: str
    url: str
    html: bytes
    text: bytes  # a lynx or w3m dump of the same page
    deflated_html: bytes = b""
    deflated_text: bytes = b""


@dataclass
class Manifest:
    records: Counter[str] = field(default_factory=Counter)
    corrupt: dict[str, dict[str, str]] = field(default_factory=dict)  # file -> {id: kind}

    def note(self, fmt: str, kind: str) -> None:
        self.records[f"{fmt}:{kind}"] += 1


def load_pages(bench: Path) -> list[Page]:
    truth = json.loads((bench / "scrapinghub" / "ground-truth.json").read_text())
    pages = []
    for i, (pid, entry) in enumerate(sorted(truth.items())):
        html = gzip.decompress((bench / "scrapinghub" / "html" / f"{pid}.html.gz").read_bytes())
        dump = "lynx" if i % 2 == 0 else "w3m"
        text_path = bench / "scrapinghub-text" / dump / f"{pid}.txt"
        text = text_path.read_bytes() if text_path.exists() else b""
        pages.append(Page(pid, entry["url"], html, text))
    return pages


# --- gzip members built from a pre-deflated body ------------------------------------------------

def _raw_deflate(data: bytes, mode: int) -> bytes:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(mode)


def gzip_member(head: bytes, body: bytes, deflated_body: bytes) -> bytes:
    """One gzip member holding head + body, reusing `deflated_body` (raw deflate, Z_FINISH)."""
    crc = zlib.crc32(body, zlib.crc32(head))
    size = (len(head) + len(body)) & 0xFFFFFFFF
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
    return header + _raw_deflate(head, zlib.Z_FULL_FLUSH) + deflated_body + struct.pack("<II", crc, size)


def plain_member(data: bytes) -> bytes:
    return gzip_member(data, b"", _raw_deflate(b"", zlib.Z_FINISH))


# --- WARC ---------------------------------------------------------------------------------------

def warc_head(rtype: str, rid: str, uri: str | None, length: int, extra: dict[str, str], date: str) -> bytes:
    lines = ["WARC/1.0", f"WARC-Type: {rtype}", f"WARC-Record-ID: {rid}", f"WARC-Date: {date}"]
    if uri is not None:
        lines.append(f"WARC-Target-URI: {uri}")
    lines += [f"{k}: {v}" for k, v in extra.items()]
    lines.append(f"Content-Length: {length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


END = b"\r\n\r\n"  # after each record's content


def http_head(status: str, content_type: str | None, length: int) -> bytes:
    lines = [f"HTTP/1.1 {status}", "Server: nginx"]
    if content_type is not None:
        lines.append(f"Content-Type: {content_type}")
    lines.append(f"Content-Length: {length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def record_id(rng: random.Random) -> str:
    return f"<urn:uuid:{uuid.UUID(int=rng.getrandbits(128), version=4)}>"


def plan(n: int, rng: random.Random, corrupt_every: int, skipped_every: int) -> list[str]:
    """What each of the n records is: 'page', a corrupt kind, or 'png' / 'pdf' (skipped)."""
    kinds = ["page"] * n
    slots = list(range(n))
    rng.shuffle(slots)
    n_corrupt = max(len(CORRUPT_KINDS), n // corrupt_every) if n >= 20 and corrupt_every > 0 else 0
    n_skipped = max(2, n // skipped_every) if n >= 20 and skipped_every > 0 else 0
    for i, slot in enumerate(slots[:n_corrupt]):
        kinds[slot] = CORRUPT_KINDS[i % len(CORRUPT_KINDS)]
    for i, slot in enumerate(slots[n_corrupt:n_corrupt + n_skipped]):
        kinds[slot] = ("png", "pdf")[i % 2]
    return kinds


def page_url(page: Page, i: int) -> str:
    return f"{page.url}{'&' if '?' in page.url else '?'}copy={i}"


def write_warc(out: BinaryIO, pages: list[Page], kinds: list[str], rng: random.Random, m: Manifest) -> None:
    date = "2024-05-01T12:00:00Z"
    info = b"software: articlekit make_corpus\r\nformat: WARC File Format 1.0\r\n"
    out.write(plain_member(warc_head("warcinfo", record_id(rng), None, len(info),
                                     {"Content-Type": "application/warc-fields"}, date) + info + END))
    corrupt = m.corrupt.setdefault("pages.warc.gz", {})
    for i, kind in enumerate(kinds):
        page = pages[i % len(pages)]
        uri = page_url(page, i)
        req = f"GET /{i} HTTP/1.1\r\nHost: example.com\r\n\r\n".encode()
        out.write(plain_member(warc_head("request", record_id(rng), uri, len(req),
                                         {"Content-Type": "application/http; msgtype=request"}, date) + req + END))
        rid = record_id(rng)
        body, deflated, ctype = page.html, page.deflated_html, "text/html; charset=utf-8"
        if kind == "png":
            body, deflated, ctype = PNG, b"", "image/png"
        elif kind == "pdf":
            body, deflated, ctype = PDF, b"", "application/pdf"
        elif kind == "binary-body":
            body, deflated = rng.randbytes(4096), b""
        elif kind == "empty-body":
            body, deflated = b"", b""
        elif kind == "bad-charset":
            text = page.html.decode("utf-8", "replace")
            body, deflated, ctype = text.encode("cp1252", "replace"), b"", "text/html; charset=x-no-such-charset"
        if not deflated:
            deflated = _raw_deflate(body + END, zlib.Z_FINISH)
        http = http_head("200 OK", ctype, len(body))
        head = warc_head("response", rid, uri, len(http) + len(body),
                         {"Content-Type": "application/http; msgtype=response"}, date) + http
        member = gzip_member(head, body + END, deflated)
        if kind == "truncated-gzip":
            member = member[: max(len(head) // 2, len(member) // 2)]
        out.write(member)
        if kind in CORRUPT_KINDS:
            corrupt[rid] = kind
        m.note("warc", kind)


def write_wet(out: BinaryIO, pages: list[Page], kinds: list[str], rng: random.Random, m: Manifest) -> None:
    date = "2024-05-01T12:00:00Z"
    info = b"software: articlekit make_corpus\r\nformat: WARC File Format 1.0\r\n"
    out.write(plain_member(warc_head("warcinfo", record_id(rng), None, len(info),
                                     {"Content-Type": "application/warc-fields"}, date) + info + END))
    corrupt = m.corrupt.setdefault("pages.wet.gz", {})
    for i, kind in enumerate(kinds):
        page = pages[i % len(pages)]
        rid = record_id(rng)
        body, deflated = page.text, page.deflated_text
        if kind in ("binary-body", "png", "pdf"):
            body, deflated, kind = rng.randbytes(2048), b"", "binary-body"
        elif kind == "empty-body":
            body, deflated = b"", b""
        elif kind == "bad-charset":
            body, deflated, kind = page.text.decode("utf-8", "replace").encode("cp1252", "replace"), b"", "page"
        if not deflated:
            deflated = _raw_deflate(body + END, zlib.Z_FINISH)
        head = warc_head("conversion", rid, page_url(page, i), len(body),
                         {"Content-Type": "text/plain", "WARC-Refers-To": record_id(rng)}, date)
        member = gzip_member(head, body + END, deflated)
        if kind == "truncated-gzip":
            member = member[: max(len(head) // 2, len(member) // 2)]
        out.write(member)
        if kind in CORRUPT_KINDS:
            corrupt[rid] = kind
        m.note("wet", kind)


# --- JSONL and a directory ----------------------------------------------------------------------

def jsonl_lines(pages: list[Page], kinds: list[str], rng: random.Random, m: Manifest) -> Iterator[bytes]:
    corrupt = m.corrupt.setdefault("pages.jsonl", {})
    texts: dict[str, str] = {}
    for i, kind in enumerate(kinds):
        page = pages[i % len(pages)]
        rid = f"page-{i:07d}"
        obj: dict[str, Any] = {"id": rid, "url": page_url(page, i)}
        html = texts.get(page.pid)
        if html is None:
            html = texts[page.pid] = page.html.decode("utf-8", "replace")
        if kind == "truncated-gzip":  # the JSONL analogue: a line cut short
            line = json.dumps({**obj, "html": html}, ensure_ascii=False).encode()
            corrupt[rid] = "truncated-line"
            m.note("jsonl", kind)
            yield line[: len(line) // 2] + b"\n"
            continue
        if kind in ("binary-body", "png", "pdf"):
            obj["html"] = rng.randbytes(2048).decode("latin-1")
            kind = "binary-body"
        elif kind == "empty-body":
            obj["html"] = ""
        elif kind == "bad-charset":
            kind = "missing-field"
        else:
            obj["html"] = html
        if kind != "page":
            corrupt[rid] = kind
        m.note("jsonl", kind)
        yield json.dumps(obj, ensure_ascii=False).encode() + b"\n"


def write_dir(root: Path, pages: list[Page], kinds: list[str], rng: random.Random, m: Manifest) -> None:
    corrupt = m.corrupt.setdefault("pages/", {})
    gz_cache: dict[str, bytes] = {}
    for i, kind in enumerate(kinds):
        page = pages[i % len(pages)]
        sub = root / f"{i // 1000:04d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        name = f"page-{i:07d}"
        if kind == "truncated-gzip":
            data = gzip.compress(page.html, 1)
            path, content = sub / f"{name}.html.gz", data[: len(data) // 2]
        elif kind in ("binary-body", "png", "pdf"):
            path, content, kind = sub / f"{name}.html", rng.randbytes(4096), "binary-body"
        elif kind == "empty-body":
            path, content = sub / f"{name}.html", b""
        elif i % 10 == 1 and page.text:
            path, content, kind = sub / f"{name}.txt", page.text, "page"
        elif i % 10 == 2:
            path, content, kind = sub / f"{name}.html", page.html, "page"
        else:
            if page.pid not in gz_cache:
                gz_cache[page.pid] = (BENCH_HTML / f"{page.pid}.html.gz").read_bytes()
            path, content, kind = sub / f"{name}.html.gz", gz_cache[page.pid], "page"
        path.write_bytes(content)
        if kind != "page":
            corrupt[str(path)] = kind
        m.note("dir", kind)


BENCH_HTML = BENCH / "scrapinghub" / "html"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("n", type=int, help="records per file")
    ap.add_argument("out", type=Path)
    ap.add_argument("--formats", default=",".join(FORMATS), help=f"comma-separated subset of {FORMATS}")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--corrupt-every", type=int, default=1000,
                    help="about one corrupt record per this many (0: none)")
    ap.add_argument("--skipped-every", type=int, default=2000,
                    help="about one non-HTML response per this many (0: none)")
    args = ap.parse_args(argv)
    formats = [f for f in args.formats.split(",") if f]
    unknown = set(formats) - set(FORMATS)
    if unknown:
        ap.error(f"unknown formats: {sorted(unknown)}")
    global BENCH_HTML
    BENCH_HTML = BENCH / "scrapinghub" / "html"
    t0 = time.perf_counter()
    pages = load_pages(BENCH)
    for p in pages:
        p.deflated_html = _raw_deflate(p.html + END, zlib.Z_FINISH)
        p.deflated_text = _raw_deflate(p.text + END, zlib.Z_FINISH)
    rng = random.Random(args.seed)
    order = list(range(len(pages)))
    rng.shuffle(order)
    pages = [pages[i] for i in order]
    kinds = plan(args.n, rng, args.corrupt_every, args.skipped_every)
    args.out.mkdir(parents=True, exist_ok=True)
    m = Manifest()
    if "warc" in formats:
        with open(args.out / "pages.warc.gz", "wb") as f:
            write_warc(f, pages, kinds, random.Random(args.seed + 1), m)
    if "wet" in formats:
        with open(args.out / "pages.wet.gz", "wb") as f:
            write_wet(f, pages, kinds, random.Random(args.seed + 2), m)
    if "jsonl" in formats:
        with open(args.out / "pages.jsonl", "wb") as f:
            f.writelines(jsonl_lines(pages, kinds, random.Random(args.seed + 3), m))
    if "dir" in formats:
        write_dir(args.out / "pages", pages, kinds, random.Random(args.seed + 4), m)
    manifest = {"n": args.n, "seed": args.seed, "records": dict(sorted(m.records.items())), "corrupt": m.corrupt}
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    print(f"wrote {args.n} records x {formats} to {args.out} in {time.perf_counter() - t0:.1f} s: "
          f"{dict(sorted(m.records.items()))}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
