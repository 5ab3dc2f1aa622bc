"""`articlekit explain PAGE -o report.html`: the HTML report of what was kept, removed and why,
run as a user would (the CLI in a subprocess), checked against `extract --explain` on the same page."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

import articlekit
from articlekit.report import html_report
from conftest import FIXTURES, SEED_PAGE, load_fixture
from test_cli import assert_clean_error, run

HTML_FIXTURE = "sh_bbc_assange_html"  # pruned subtrees, classified blocks and metadata blocks


def _page(kind: str, tmp_path: Path) -> Path:
    """The seed text dump, or the HTML fixture's page written out uncompressed (the CLI reads no gzip)."""
    if kind == "text":
        return SEED_PAGE
    path = tmp_path / "page.html"
    path.write_bytes(load_fixture(FIXTURES / HTML_FIXTURE).page_bytes())
    return path


def _explained(page: Path) -> dict[str, Any]:
    proc = run("extract", str(page), "--explain")
    assert proc.returncode == 0, proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


def _report(page: Path, tmp_path: Path) -> Any:
    out = tmp_path / "report.html"
    proc = run("explain", str(page), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""  # the report went to the file
    return lxml_html.fromstring(out.read_text(encoding="utf-8"))


def _texts(doc: Any, css_class: str) -> list[str]:
    return [el.text_content() for el in doc.find_class(css_class)]


def _blocks(doc: Any) -> list[tuple[str, str | None, str]]:
    """(verdict, reason or None, text) of each listed block, in the report's order."""
    out = []
    for li in doc.xpath("//ol[@class='blocks']/li"):
        reason = li.find_class("reason")
        out.append((li.get("class"), reason[0].text_content() if reason else None,
                    li.find_class("text")[0].text_content()))
    return out


@pytest.fixture(params=["text", "html"])
def page(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return _page(request.param, tmp_path)


def test_report_shows_every_reason_title_and_paragraph(page: Path, tmp_path: Path) -> None:
    data = _explained(page)
    doc = _report(page, tmp_path)
    reasons = {r["reason"] for r in data["removed"]}
    assert reasons and reasons <= set(_texts(doc, "reason"))
    assert data["title"] and data["title"] in doc.findtext(".//h1")
    kept = [text for verdict, _, text in _blocks(doc) if verdict == "kept"]
    assert kept == data["text"].split("\n\n")  # every body paragraph, in order


def test_report_lists_every_removed_block_with_its_reason(page: Path, tmp_path: Path) -> None:
    data = _explained(page)
    listed = Counter((reason, text) for verdict, reason, text in _blocks(_report(page, tmp_path))
                     if verdict == "removed")
    assert listed == Counter((r["reason"], r["text"]) for r in data["removed"])


def test_blocks_stand_in_page_order(page: Path) -> None:
    """A removed block with a place (`Removed.at`) has exactly that many body paragraphs above it."""
    article = articlekit.extract(page)
    doc = lxml_html.fromstring(html_report(article))
    kept_before: dict[tuple[str, str], list[int]] = {}
    kept = 0
    for li in doc.xpath("//h2[.='Blocks in page order']/following-sibling::ol[1]/li"):
        if li.get("class") == "kept":
            kept += 1
        else:
            key = (li.find_class("reason")[0].text_content(), li.find_class("text")[0].text_content())
            kept_before.setdefault(key, []).append(kept)
    for r in article.removed:
        if r.at is not None:
            assert r.at in kept_before[(r.reason, r.text)], r


def test_summary_bar_gives_each_reason_its_share_of_characters(page: Path) -> None:
    article = articlekit.extract(page)
    doc = lxml_html.fromstring(html_report(article))
    chars = Counter({"kept": sum(len(p) for p in article.paragraphs)})
    for r in article.removed:
        chars[r.reason] += len(r.text)
    total = sum(chars.values())
    widths = {}
    for span in doc.find_class("bar")[0]:
        reason = span.get("title").split(":")[0]
        widths[reason] = float(span.get("style").split("width:")[1].split("%")[0])
    assert set(widths) == set(chars)
    for reason, width in widths.items():
        assert width == pytest.approx(100 * chars[reason] / total, abs=0.01)


def test_report_shows_metadata_with_provenance(page: Path) -> None:
    article = articlekit.extract(page)
    doc = lxml_html.fromstring(html_report(article))
    rows = {tr[0].text_content(): (tr[1].text_content(), tr[2].text_content())
            for tr in doc.xpath("//h2[.='Metadata']/following-sibling::table[1]/tr[td]")}
    for name, source in article.provenance.items():
        if name != "text":
            assert rows[name][1] == source
    assert rows["title"][0] == article.title
    assert article.provenance["text"] in doc.text_content()


HOSTILE = (
    '<html><head><title>"><script>alert(1)</script></title>'
    '<meta property="og:image" content="javascript:alert(1)">'
    '<script>alert("real")</script></head><body onload="alert(1)"><article><h1>Council &lt;b&gt; budget</h1>'
    + "".join(
        f"<p>Paragraph {n}: the council met and argued about &lt;script&gt;alert(1)&lt;/script&gt; the harbour "
        f"and &lt;img src=x onerror=alert(1)&gt; the schools, <a href=\"javascript:alert(1)\">the tram</a>, "
        f"point {n} of many in a long evening.</p>"
        for n in range(5)
    )
    + '<div class="share"><a href="javascript:alert(2)">Share <img src=x onerror=alert(1)></a></div>'
    "</article></body></html>"
)


def test_page_content_cannot_run_script_in_the_report(tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    page.write_text(HOSTILE, encoding="utf-8")
    proc = run("explain", str(page))  # to stdout
    assert proc.returncode == 0, proc.stderr
    doc = lxml_html.fromstring(proc.stdout)
    for el in doc.iter():
        assert el.tag not in ("script", "img", "iframe", "object", "embed", "link", "a", "base", "meta") or (
            el.tag == "meta" and set(el.attrib) == {"charset"}), lxml_html.tostring(el)
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (el.tag, name)
            assert "javascript:" not in value.lower(), (el.tag, name, value)
            assert name not in ("src", "href", "srcset", "action"), (el.tag, name)  # nothing loaded or linked
    # The page's markup-looking text is shown as text.
    assert any("<script>alert(1)</script>" in text for text in _texts(doc, "text"))
    assert any("<img src=x onerror=alert(1)>" in text for text in _texts(doc, "text"))


def test_fallback_body_is_named_and_shown() -> None:
    """A page whose body came from a fallback stage: the report names the stage, shows its paragraphs."""
    nouns = ["river", "harbour", "lantern", "orchard", "meadow", "window", "letter", "garden"]
    verbs = ["sleeps", "waits", "turns", "sings", "burns"]
    skies = ["grey", "pale", "wide", "cold", "late"]
    lines = [f"The {n} {v} under a {m} sky tonight" for n in nouns for v, m in zip(verbs, skies, strict=True)]
    article = articlekit.extract("<html><body><div id='poem'>" + "".join(f"<p>{x}</p>" for x in lines)
                                 + "</div></body></html>")
    stage = article.provenance["text"]
    assert stage != "blocks"
    doc = lxml_html.fromstring(html_report(article))
    kept = [text for verdict, _, text in _blocks(doc) if verdict == "kept"]
    assert kept == article.paragraphs
    assert f"kept · {stage}" in _texts(doc, "verdict")


def test_report_from_stdin_to_stdout() -> None:
    proc = run("explain", "-", stdin=SEED_PAGE.read_bytes())
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("<!DOCTYPE html>")
    assert lxml_html.fromstring(proc.stdout).findtext(".//h1")


def test_empty_file_is_a_clean_error(tmp_path: Path) -> None:
    empty, out = tmp_path / "empty.html", tmp_path / "report.html"
    empty.write_bytes(b"")
    message = assert_clean_error(run("explain", str(empty), "-o", str(out)))
    assert "empty" in message.lower()
    assert not out.exists()


def test_unwritable_output_is_a_clean_error(tmp_path: Path) -> None:
    out = tmp_path / "no-such-dir" / "report.html"
    message = assert_clean_error(run("explain", str(SEED_PAGE), "-o", str(out)))
    assert "report.html" in message


def test_page_without_article_still_gets_its_report(tmp_path: Path) -> None:
    """Exit status 3 as `extract` gives, and the report written: it says why nothing was kept."""
    page, out = tmp_path / "menu.html", tmp_path / "report.html"
    page.write_text("<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>")
    proc = run("explain", str(page), "-o", str(out))
    assert proc.returncode == 3, proc.stderr
    assert "no article text" in proc.stderr
    reasons = {r.reason for r in articlekit.extract(page).removed}
    assert reasons and reasons <= set(_texts(lxml_html.fromstring(out.read_text(encoding="utf-8")), "reason"))
