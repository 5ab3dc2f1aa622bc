"""Batch mode: inputs, output records, counts, ordering, timeouts, crashes, resume."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from articlekit.batch import Record, extract_many
from articlekit.batch.inputs import read_records, read_tasks
from articlekit.batch.output import prepare_resume
from articlekit.batch.records import WarcSlice
from articlekit.batch.warc import available_readers
from articlekit.cli import main
from test_batch_support import html_page, http_response, member, text_page, warc_record

READERS = available_readers()


def run_cli(*argv: str) -> int:
    return main(["batch", *argv])


def load(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def summary(err: str) -> dict[str, int]:
    m = re.search(r"read (\d+): (\d+) ok, (\d+) error, (\d+) skipped", err)
    assert m, err
    read, ok, error, skipped = map(int, m.groups())
    assert read == ok + error + skipped
    return {"read": read, "ok": ok, "error": error, "skipped": skipped}


# --- files, directories, globs -------------------------------------------------------------------

def test_directory_glob_and_compressed_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = tmp_path / "pages"
    (d / "sub").mkdir(parents=True)
    (d / "a.html").write_text(html_page(1))
    (d / "b.htm.gz").write_bytes(gzip.compress(html_page(2).encode()))
    (d / "c.txt.bz2").write_bytes(bz2.compress(text_page(3).encode()))
    (d / "d.html.xz").write_bytes(lzma.compress(html_page(4).encode()))
    (d / "sub" / "e.html").write_text(html_page(5))
    (d / "notes.md").write_text("not an input")
    (d / "empty.html").write_bytes(b"")
    (d / "broken.html.gz").write_bytes(gzip.compress(html_page(6).encode())[:80])
    (d / "binary.html").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "x1.html").write_text(html_page(7))
    (tmp_path / "x2.html").write_text(html_page(8))
    out = tmp_path / "out.jsonl"
    assert run_cli(str(d), str(tmp_path / "x*.html"), "-o", str(out), "--workers", "2") == 0
    recs = load(out)
    ids = [r["id"] for r in recs]
    assert ids == [str(d / n) for n in ("a.html", "b.htm.gz", "binary.html", "broken.html.gz", "c.txt.bz2",
                                         "d.html.xz", "empty.html")] + [str(d / "sub" / "e.html"),
                                        str(tmp_path / "x1.html"), str(tmp_path / "x2.html")]
    by_id = {r["id"]: r for r in recs}
    assert by_id[str(d / "a.html")]["ok"] is True
    assert "Paragraph 3 of story 1" in by_id[str(d / "a.html")]["text"]
    assert by_id[str(d / "c.txt.bz2")]["kind"] == "text"
    assert "story 4" in by_id[str(d / "d.html.xz")]["text"]
    for name in ("empty.html", "broken.html.gz", "binary.html"):
        r = by_id[str(d / name)]
        assert (r["status"], r["ok"], r["error"]["type"]) == ("error", False, "UnreadableInput"), r
        assert r["text"] is None
    assert set(recs[0]) >= {"id", "url", "ok", "status", "error", "title", "text", "date", "authors"}
    counts = summary(capsys.readouterr().err)
    assert counts == {"read": 10, "ok": 7, "error": 3, "skipped": 0}


def test_output_inside_an_input_directory_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(html_page(1))
    out = tmp_path / "out.jsonl"
    assert run_cli(str(tmp_path), "-o", str(out), "--quiet", "--workers", "0") == 0
    out2 = tmp_path / "again.jsonl"
    assert run_cli(str(tmp_path), "-o", str(out2), "--quiet", "--workers", "0") == 0
    assert [r["id"] for r in load(out)] == [str(tmp_path / "a.html")]
    again = load(out2)  # out.jsonl is read now: a JSONL line without an "html" field
    assert [r["status"] for r in again] == ["ok", "error"] and again[1]["error"]["type"] == "MissingField"


def test_zstd_pages_and_jsonl(tmp_path: Path) -> None:
    zstandard = pytest.importorskip("zstandard")
    (tmp_path / "a.html.zst").write_bytes(zstandard.ZstdCompressor().compress(html_page(1).encode()))
    line = json.dumps({"id": "j", "html": html_page(2)}) + "\n"
    (tmp_path / "b.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(line.encode()))
    recs = [r.to_dict() for r in extract_many(read_records([str(tmp_path)]), workers=0)]
    assert [(r["id"], r["ok"]) for r in recs] == [(str(tmp_path / "a.html.zst"), True), ("j", True)]


def test_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    assert run_cli(str(tmp_path / "nope.html"), "-o", str(tmp_path / "o.jsonl")) == 2
    assert run_cli(str(tmp_path / "*.warc"), "-o", str(tmp_path / "o.jsonl")) == 2


def test_existing_output_needs_resume_or_force(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_text(html_page(1))
    out = tmp_path / "o.jsonl"
    out.write_text("x\n")
    assert run_cli(str(page), "-o", str(out), "--quiet") == 2
    assert run_cli(str(page), "-o", str(out), "--quiet", "--force", "--workers", "0") == 0
    assert len(load(out)) == 1


# --- JSONL ----------------------------------------------------------------------------------------

def test_jsonl_fields_and_bad_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "pages.jsonl.gz"
    lines = [
        json.dumps({"key": "k1", "link": "https://example.com/2024/05/01/a", "body": html_page(1)}),
        "",
        '{"key": "k2", "body": "<p>cut',
        json.dumps({"key": "k3", "nobody": 1}),
        json.dumps({"link": "https://example.com/b", "body": text_page(4)}),
        json.dumps({"key": 5, "body": ""}),
        "[1, 2]",
    ]
    src.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    out = tmp_path / "out.jsonl.gz"
    assert run_cli(str(src), "-o", str(out), "--html-field", "body", "--url-field", "link",
                   "--id-field", "key", "--workers", "1") == 0
    recs = load(out)
    assert [r["id"] for r in recs] == ["k1", f"{src}:3", "k3", f"{src}:5", "5", f"{src}:7"]
    assert recs[0]["ok"] and recs[0]["url"] == "https://example.com/2024/05/01/a"
    assert [r["error"]["type"] if r["error"] else None for r in recs] == [
        None, "InvalidJSON", "MissingField", None, "UnreadableInput", "InvalidJSON"]
    assert recs[3]["kind"] == "text" and recs[3]["url"] == "https://example.com/b"
    assert summary(capsys.readouterr().err) == {"read": 6, "ok": 2, "error": 4, "skipped": 0}


# --- WARC and WET -----------------------------------------------------------------------------------

def make_warc(path: Path, *, corrupt: bool = True, gz: bool = True) -> dict[str, str]:
    """A WARC with pages, a PNG, an empty body and corrupt members; returns {record id: expected}."""
    expected: dict[str, str] = {}
    parts: list[bytes] = []

    def add(raw: bytes) -> None:
        parts.append(member(raw) if gz else raw)

    _, info = warc_record("warcinfo", b"software: test\r\n", content_type="application/warc-fields")
    add(info)
    for i in range(12):
        uri = f"https://example.com/news/2024/05/0{1 + i % 9}/story-{i}"
        _, req = warc_record("request", b"GET / HTTP/1.1\r\n\r\n", uri=uri,
                             content_type="application/http; msgtype=request")
        add(req)
        if i == 3:
            rid, raw = warc_record("response", http_response(b"\x89PNG\r\n\x1a\n" + bytes(300), "image/png"), uri=uri)
            expected[rid] = "skipped"
        elif i == 5:
            rid, raw = warc_record("response", http_response(b""), uri=uri)
            expected[rid] = "error"
        elif i == 7:
            body = html_page(i).replace("<head>", '<head><meta charset="iso-8859-1">').encode("latin-1")
            rid, raw = warc_record("response", http_response(body, "text/html; charset=ISO-8859-1"), uri=uri)
            expected[rid] = "ok"
        else:
            rid, raw = warc_record("response", http_response(html_page(i).encode()), uri=uri)
            expected[rid] = "ok"
        if corrupt and i in (0, 6, 11) and gz:  # truncated members: the first, one inside, the last
            parts.append(member(raw)[: len(member(raw)) // 2])
            expected[rid] = "error"
        elif corrupt and i == 9 and gz:
            add(raw)
            parts.append(b"\0" * 500)  # junk between members: reported, in case it was a record
            expected[f"{path}@{sum(map(len, parts)) - 500}"] = "error"
        else:
            add(raw)
    path.write_bytes(b"".join(parts))
    return expected


@pytest.mark.parametrize("reader", READERS)
def test_warc_records_corrupt_members_and_skips(tmp_path: Path, reader: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    warc = tmp_path / "crawl.warc.gz"
    expected = make_warc(warc)
    out = tmp_path / "out.jsonl"
    assert run_cli(str(warc), "-o", str(out), "--reader", reader, "--workers", "2") == 0
    recs = load(out)
    assert [r["id"] for r in recs] == list(expected)
    assert {r["id"]: r["status"] for r in recs} == expected
    by_status = {r["status"]: r for r in recs}
    assert by_status["skipped"]["error"]["type"] == "NotHTML"
    ok = [r for r in recs if r["ok"]]
    assert all(r["url"].startswith("https://example.com/news/") for r in ok)
    assert all("Paragraph 2 of story" in r["text"] for r in ok)
    corrupt = [r for r in recs if r["error"] and r["error"]["type"] == "CorruptRecord"]
    assert len(corrupt) == 3 and all(r["url"] for r in corrupt)
    assert [r["error"]["type"] for r in recs if r["id"].startswith(str(warc))] == ["CorruptData"]
    assert summary(capsys.readouterr().err) == {"read": 13, "ok": 7, "error": 5, "skipped": 1}


@pytest.mark.parametrize("reader", READERS)
def test_workers_reading_warc_slices_give_the_same_records(tmp_path: Path, reader: str) -> None:
    warc = tmp_path / "crawl.warc.gz"
    make_warc(warc)
    whole = [r.line for r in extract_many(read_records([str(warc)], warc_reader=reader), workers=0)]
    for size in (1, 700, 3000, 1 << 20):
        tasks = list(read_tasks([str(warc)], warc_reader=reader, slice_bytes=size))
        assert all(isinstance(t, WarcSlice) for t in tasks)
        sliced = [r.line for r in extract_many(tasks, workers=2)]
        assert sliced == whole, size


def test_crash_and_timeouts_inside_warc_slices(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    bodies = [html_page(0), "SEGV", html_page(2), "HANG", html_page(4), "SLOW", html_page(6), "EXIT", html_page(8)]
    parts = []
    for i, body in enumerate(bodies):
        _, raw = warc_record("response", http_response(body.encode()), uri=f"https://example.com/{i}",
                             rec_id=f"<urn:uuid:00000000-0000-4000-8000-00000000000{i}>")
        parts.append(member(raw))
    warc.write_bytes(b"".join(parts))
    tasks = list(read_tasks([str(warc)], slice_bytes=1500))
    assert 1 < len(tasks) < len(bodies)
    results = list(extract_many(tasks, workers=2, timeout=0.5, extractor="test_batch_support:misbehave"))
    assert [r.id[-2:-1] for r in results] == [str(i) for i in range(len(bodies))]
    kinds = [r.error_type if not r.ok else "ok" for r in results]
    assert kinds == ["ok", "crash", "ok", "timeout", "ok", "timeout", "ok", "crash", "ok"]
    assert results[3].to_dict()["url"] == "https://example.com/3"


@pytest.mark.parametrize("reader", READERS)
def test_uncompressed_warc(tmp_path: Path, reader: str) -> None:
    warc = tmp_path / "crawl.warc"
    expected = make_warc(warc, corrupt=False, gz=False)
    recs = [r.to_dict() for r in extract_many(read_records([str(warc)], warc_reader=reader), workers=0)]
    assert {r["id"]: r["status"] for r in recs} == expected


def test_charset_from_http_header(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    para = f"<p>Crème brûlée à la carte. {text_page(1)}</p>"
    body = "<html><body><article>" + para * 2 + "</article></body></html>"
    _rid, raw = warc_record("response", http_response(body.encode("cp1252"), "text/html; charset=windows-1252"),
                           uri="https://example.com/a")
    warc.write_bytes(member(raw))
    [rec] = list(read_records([str(warc)]))
    assert rec.content_type == "text/html; charset=windows-1252" and rec.url == "https://example.com/a"
    [res] = list(extract_many([rec], workers=0))
    assert res.ok and "Crème brûlée" in res.to_dict()["text"]


def test_wet_conversion_records(tmp_path: Path) -> None:
    wet = tmp_path / "crawl.warc.wet.gz"
    parts = []
    ids = []
    for i in range(3):
        rid, raw = warc_record("conversion", text_page(i).encode(), uri=f"https://example.com/{i}",
                               content_type="text/plain")
        ids.append(rid)
        parts.append(member(raw))
    wet.write_bytes(b"".join(parts))
    recs = [r.to_dict() for r in extract_many(read_records([str(wet)]), workers=1)]
    assert [r["id"] for r in recs] == ids
    assert all(r["ok"] and r["kind"] == "text" and "Paragraph 3" in r["text"] for r in recs)
    assert recs[2]["url"] == "https://example.com/2"


# --- extract_many ------------------------------------------------------------------------------------

def test_extract_many_order_and_equivalence() -> None:
    pages: list[Any] = [html_page(i) if i % 3 else text_page(i).encode() for i in range(30)]
    pages.append({"id": "d", "html": html_page(99), "url": "https://example.com/d"})
    parallel = list(extract_many(pages, workers=2, window=8))
    inline = list(extract_many(pages, workers=0))
    assert [r.id for r in parallel] == [str(i) for i in range(30)] + ["d"]
    assert [r.line for r in parallel] == [r.line for r in inline]
    assert all(r.ok for r in parallel)
    assert parallel[-1].to_dict()["url"] == "https://example.com/d"


def test_unordered_gives_every_record_once() -> None:
    results = list(extract_many([html_page(i) for i in range(20)], workers=2, ordered=False))
    assert sorted(int(r.id) for r in results) == list(range(20))


def test_worker_recycling_keeps_every_record() -> None:
    results = list(extract_many([text_page(i) for i in range(25)], workers=2, max_pages_per_worker=4))
    assert [r.id for r in results] == [str(i) for i in range(25)] and all(r.ok for r in results)


# --- timeouts and crashes ---------------------------------------------------------------------------

def test_timeouts_crashes_and_bugs_are_records() -> None:
    pages = [html_page(0), "SLOW", html_page(2), "SPIN", "SEGV", html_page(5), "EXIT", "BUG", "HANG", html_page(9)]
    t0 = time.monotonic()
    results = list(extract_many(pages, workers=2, timeout=0.5, extractor="test_batch_support:misbehave"))
    elapsed = time.monotonic() - t0
    assert [r.id for r in results] == [str(i) for i in range(10)]
    kinds = [r.error_type if not r.ok else "ok" for r in results]
    assert kinds == ["ok", "timeout", "ok", "timeout", "crash", "ok", "crash", "KeyError", "timeout", "ok"]
    assert "SIGSEGV" in results[4].to_dict()["error"]["message"]
    assert all(r.status == "error" for r in results if not r.ok)
    assert elapsed < 20


def test_time_limit_in_a_thread() -> None:
    import threading

    from articlekit.batch.worker import PageTimeout, time_limit

    seen: list[str] = []

    def spin() -> None:
        try:
            with time_limit(0.2):
                while True:
                    pass
        except PageTimeout:
            seen.append("timeout")

    t = threading.Thread(target=spin)
    t.start()
    t.join(5)
    assert seen == ["timeout"]


# --- resume -------------------------------------------------------------------------------------------

def test_resume_after_torn_output(tmp_path: Path) -> None:
    d = tmp_path / "pages"
    d.mkdir()
    for i in range(12):
        (d / f"p{i:02d}.html").write_text(html_page(i))
    full = tmp_path / "full.jsonl"
    assert run_cli(str(d), "-o", str(full), "--workers", "2", "--quiet") == 0
    lines = full.read_bytes().splitlines(keepends=True)
    for name in ("part.jsonl", "part.jsonl.gz"):
        part = tmp_path / name
        torn = b"".join(lines[:5]) + lines[5][:40]
        part.write_bytes(gzip.compress(torn) if name.endswith(".gz") else torn)
        if name.endswith(".gz"):  # a torn gzip stream: cut inside the deflate data
            part.write_bytes(part.read_bytes()[:-12])
        assert run_cli(str(d), "-o", str(part), "--resume", "--workers", "2", "--quiet") == 0
        recs = load(part)
        ids = [r["id"] for r in recs]
        assert len(ids) == len(set(ids)) == 12
        assert sorted(json.dumps(r, sort_keys=True) for r in recs) == sorted(
            json.dumps(r, sort_keys=True) for r in load(full))


def test_resume_after_kill(tmp_path: Path) -> None:
    d = tmp_path / "pages"
    d.mkdir()
    n = 1200  # a few seconds of work: the output is flushed about once a second
    for i in range(n):
        (d / f"p{i:04d}.html").write_text(html_page(i) * 3)
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "articlekit", "batch", str(d), "-o", str(out), "--workers", "1", "--quiet"]
    proc = subprocess.Popen(cmd, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or out.stat().st_size < 20000):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    before = out.read_bytes().count(b"\n")
    assert 0 < before < n, before
    assert run_cli(str(d), "-o", str(out), "--resume", "--workers", "2", "--quiet") == 0
    ids = [r["id"] for r in load(out)]
    assert len(ids) == len(set(ids)) == n
    assert sorted(ids) == sorted(str(p) for p in d.iterdir())


def test_prepare_resume_reads_ids(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    out.write_text('{"id":"a","ok":true}\n{"id":"b\\"q","ok":true}\n{"id":"c"')
    assert prepare_resume(str(out)) == {"a", 'b"q'}
    assert out.read_text().endswith("}\n")


def test_records_from_paths(tmp_path: Path) -> None:
    p = tmp_path / "a.html.gz"
    p.write_bytes(gzip.compress(html_page(1).encode()))
    [r] = list(extract_many([p], workers=0))
    assert r.ok and r.id == str(p)
    [r2] = list(extract_many([Record("x", None)], workers=0))
    assert r2.status == "error"


def test_format_markdown_adds_the_body_as_markdown_to_each_record(tmp_path: Path) -> None:
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    d = tmp_path / "pages"
    d.mkdir()
    (d / "healthline.html.gz").write_bytes((fixtures / "sh_healthline_lists_html" / "page.html.gz").read_bytes())
    (d / "seed.txt").write_bytes((fixtures / "seed_mko_camp_ashraf_text" / "page.txt").read_bytes())
    (d / "empty.html").write_bytes(b"")
    out = tmp_path / "out.jsonl"
    assert run_cli(str(d), "-o", str(out), "--format", "markdown", "--workers", "0", "-q") == 0
    records = {Path(r["id"]).name: r for r in load(out)}
    assert set(records) == {"healthline.html.gz", "seed.txt", "empty.html"}
    healthline = records["healthline.html.gz"]["markdown"]
    assert healthline.startswith("# 15 Tips to Overcome Binge Eating\n")
    assert "\n## 1\\. Ditch the diet\n" in healthline and "\n## 2\\. Avoid skipping meals\n" in healthline
    seed = records["seed.txt"]
    assert seed["markdown"].startswith(f"# {seed['title']}\n")
    assert seed["markdown"].count("\n\n") >= seed["text"].count("\n\n")
    assert records["empty.html"]["ok"] is False and records["empty.html"]["markdown"] is None
    plain = tmp_path / "plain.jsonl"
    run_cli(str(d), "-o", str(plain), "--workers", "0", "-q")
    assert all("markdown" not in r for r in load(plain))
