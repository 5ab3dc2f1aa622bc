"""The command line, run as a user would: `python -m articlekit extract ...` in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEED_PAGE

SEED_TITLE = "Who are the MKO and why did Iraqi forces storm their camp?"


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "articlekit", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    )


def assert_clean_error(proc: subprocess.CompletedProcess[str], code: int = 1) -> str:
    """The CLI failed with `code`, said why on stderr, printed no traceback and nothing on stdout."""
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    assert proc.stderr.strip(), "no message on stderr"
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    return proc.stderr


def test_extract_seed_prints_json() -> None:
    proc = run("extract", str(SEED_PAGE))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["title"] == SEED_TITLE
    assert data["authors"] == ["Staff writer"]
    assert data["date"] == "2009-07-29"
    assert data["kind"] == "text"
    assert data["text"].startswith("Iraqi security forces today violently wrested control")
    assert data["text"].endswith("(American citizens have been among their victims.)")


def test_extract_relative_path_and_url_option() -> None:
    url = "https://example.com/news/2009/07/29/mko-camp-ashraf"
    proc = run("extract", "examples/seed_news_page.txt", "--url", url)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["url"] == url
    assert data["title"] == SEED_TITLE


def test_extract_from_stdin() -> None:
    proc = run("extract", "-", stdin=SEED_PAGE.read_bytes())
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["title"] == SEED_TITLE
    assert data["date"] == "2009-07-29"


def test_format_text_starts_with_title() -> None:
    proc = run("extract", str(SEED_PAGE), "--format", "text")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(SEED_TITLE + "\n")
    assert "Iraqi security forces today violently wrested control" in proc.stdout
    assert "Skip to: Content" not in proc.stdout
    with pytest.raises(json.JSONDecodeError):
        json.loads(proc.stdout)


def test_explain_lists_removed_blocks_with_reasons() -> None:
    proc = run("extract", str(SEED_PAGE), "--explain")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    removed = {r["text"]: r["reason"] for r in data["removed"]}
    for text in ("Skip to: Content", "Skip to next paragraph", "Recent posts", "Read Comments",
                 "View reader comments | Comment on this story"):
        assert removed.get(text), f"{text!r} not in removed, or without a reason: {removed}"
    assert removed.get(SEED_TITLE) == "title"
    assert removed.get("By Staff writer / July 29, 2009") == "byline"


def test_explain_with_text_format_shows_removed_blocks() -> None:
    proc = run("extract", str(SEED_PAGE), "--format", "text", "--explain")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(SEED_TITLE)
    output = proc.stdout + proc.stderr
    assert "Skip to: Content" in output
    assert "Read Comments" in output


def test_missing_file_is_a_clean_error(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-page.html"
    message = assert_clean_error(run("extract", str(missing)))
    assert "no-such-page.html" in message


def test_empty_stdin_is_a_clean_error() -> None:
    message = assert_clean_error(run("extract", "-", stdin=b""))
    assert "empty" in message.lower()


def test_empty_file_is_a_clean_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    message = assert_clean_error(run("extract", str(empty)))
    assert "empty" in message.lower()


def test_ftp_url_is_refused_clearly() -> None:
    message = assert_clean_error(run("extract", "ftp://example.com/article.html"))
    assert "ftp" in message.lower()
    assert "http" in message.lower()  # says what is supported


def test_binary_input_is_a_clean_error(tmp_path: Path) -> None:
    png = tmp_path / "image.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert_clean_error(run("extract", str(png)))


def test_extract_prints_markdown_with_the_headline_as_h1(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "articlekit", "extract", "examples/seed_news_page.txt", "--format", "markdown"],
        capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parents[1],
    ).stdout
    assert out.startswith("# Who are the MKO and why did Iraqi forces storm their camp?\n\n")
    assert "Iraqi security forces today violently wrested control" in out


def test_extract_prints_an_escaped_html_document(tmp_path: Path) -> None:
    import subprocess
    import sys

    page = tmp_path / "p.html"
    story = "".join(f"<p>Paragraph {n}: the council met and argued about the budget for the harbour, the "
                    f"schools and &lt;script&gt;alert(1)&lt;/script&gt; the tram, point {n} of many.</p>"
                    for n in range(5))
    page.write_text(f"<html><head><title>Budget</title></head><body><article><h1>Budget</h1>{story}</article></body></html>")
    out = subprocess.run([sys.executable, "-m", "articlekit", "extract", str(page), "--format", "html"],
                         capture_output=True, text=True, check=True).stdout
    assert out.startswith("<!DOCTYPE html>") and "<title>Budget</title>" in out
    assert "<script>" not in out and "&lt;script&gt;" in out
