"""The Markdown renderer, read back with a CommonMark parser (markdown-it-py): headings, lists,
quotes, tables and code come back as the same structure, and page text that looks like
markup comes back as text."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

import articlekit

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PARSER = MarkdownIt("commonmark").enable("table")


def parse(markdown: str) -> list[Any]:
    return list(PARSER.parse(markdown))


def plain(inline: Any) -> str:
    """What an inline token reads as, its escapes undone (a soft break is a space)."""
    return "".join(" " if c.type == "softbreak" else c.content for c in inline.children or [])


def headings(tokens: list[Any]) -> list[tuple[int, str]]:
    """(level, text) of each heading."""
    return [(int(t.tag[1]), plain(tokens[i + 1])) for i, t in enumerate(tokens) if t.type == "heading_open"]


def inline_texts(tokens: list[Any], opener: str) -> list[str]:
    """The text of every inline token inside the blocks `opener` opens (e.g. 'bullet_list_open')."""
    out, depth = [], 0
    for t in tokens:
        if t.type == opener:
            depth += 1
        elif t.type == opener.replace("_open", "_close"):
            depth -= 1
        elif depth and t.type == "inline":
            out.append(plain(t))
    return out


def test_a_real_pages_headings_parse_back_as_headings() -> None:
    """healthline: fifteen numbered <h2> tips under the <h1>; '1.' must not turn into a list."""
    page = gzip.decompress((FIXTURES / "sh_healthline_lists_html" / "page.html.gz").read_bytes())
    article = articlekit.extract(page)
    found = headings(parse(article.to_markdown()))
    assert found[0] == (1, article.title)
    tips = [text for level, text in found if level == 2]
    assert tips[:3] == ["1. Ditch the diet", "2. Avoid skipping meals", "3. Practice mindfulness"]
    assert len(tips) >= 15
    assert not any(t.type == "ordered_list_open" for t in parse(article.to_markdown())[:40])


STRUCTURED = """<html><head><title>How the ferry timetable changes</title></head><body><article>
<h1>How the ferry timetable changes</h1>
<p>The council published the new ferry timetable on Monday, after months of talks with the operator.</p>
<h2>What changes</h2>
<ul><li>The first boat leaves at six.</li><li>The last boat leaves at ten.</li></ul>
<p>Tickets bought before May stay valid, the operator said, and season passes cost the same.</p>
<h3>The steps</h3>
<ol><li>Buy a pass online.</li><li>Show it on board.</li></ol>
<blockquote><p>We listened to the people who take the boat every day, said the mayor.</p></blockquote>
<table><tr><th>Route</th><th>Boats a day</th></tr><tr><td>Harbour - Island</td><td>12</td></tr>
<tr><td>Island - Point</td><td>8</td></tr></table>
<pre>06:00 harbour
06:40 island</pre>
<p>Written with *stars*, a # sign, &lt;b&gt;tags&lt;/b&gt; and [brackets](like-links) in the text.</p>
</article></body></html>"""


def test_lists_quotes_tables_and_code_parse_back_as_themselves() -> None:
    tokens = parse(articlekit.extract(STRUCTURED).to_markdown())
    assert headings(tokens) == [(1, "How the ferry timetable changes"), (2, "What changes"), (3, "The steps")]
    assert inline_texts(tokens, "bullet_list_open") == ["The first boat leaves at six.", "The last boat leaves at ten."]
    assert inline_texts(tokens, "ordered_list_open") == ["Buy a pass online.", "Show it on board."]
    quote = "We listened to the people who take the boat every day, said the mayor."
    assert inline_texts(tokens, "blockquote_open") == [quote]
    cells = ["Route", "Boats a day", "Harbour - Island", "12", "Island - Point", "8"]
    assert inline_texts(tokens, "table_open") == cells
    assert sum(t.type == "tr_open" for t in tokens) == 3
    code = [t for t in tokens if t.type in ("fence", "code_block")]
    assert [t.content for t in code] == ["06:00 harbour\n06:40 island\n"]


def test_text_that_looks_like_markup_stays_text() -> None:
    tokens = parse(articlekit.extract(STRUCTURED).to_markdown())
    paragraph = next(t for t in tokens if t.type == "inline" and t.content.startswith("Written with"))
    kinds = {child.type for child in paragraph.children or []}
    assert kinds == {"text"}  # no emphasis, link or HTML inside
    assert plain(paragraph) == (
        "Written with *stars*, a # sign, <b>tags</b> and [brackets](like-links) in the text."
    )


def test_the_seed_text_dump_renders_with_its_headline_as_h1() -> None:
    article = articlekit.extract(FIXTURES / "seed_mko_camp_ashraf_text" / "page.txt")
    tokens = parse(article.to_markdown())
    assert headings(tokens)[0] == (1, article.title)
    paragraphs = [plain(t) for i, t in enumerate(tokens)
                  if t.type == "inline" and tokens[i - 1].type == "paragraph_open"]
    assert paragraphs == article.paragraphs


def test_two_lists_in_a_row_stay_two_lists() -> None:
    """CommonMark reads a list right after a list of its type as one list unless the markers
    change: the second one takes '*' (or '1)')."""
    page = ("<html><body><article><h1>Packing for the ferry</h1>"
            "<p>The operator published two short lists for travellers on Monday, one for each crossing.</p>"
            "<ul><li>Bring the ticket.</li></ul><ul><li>Bring a coat.</li></ul>"
            "<ol><li>Board at the front.</li></ol><ol><li>Leave at the back.</li></ol>"
            "<p>Both lists are posted at the harbour office as well, the operator said on Monday.</p>"
            "</article></body></html>")
    tokens = parse(articlekit.extract(page).to_markdown())
    assert sum(t.type == "bullet_list_open" for t in tokens) == 2
    assert sum(t.type == "ordered_list_open" for t in tokens) == 2
    assert inline_texts(tokens, "bullet_list_open") == ["Bring the ticket.", "Bring a coat."]
