"""The readability-lxml second opinion: used only when our own pass finds almost no body."""

from __future__ import annotations

import articlekit


def test_page_of_short_lines_gets_its_body_from_the_second_opinion() -> None:
    lines = [f"Line {i} of the poem goes here, softly" for i in range(40)]
    page = "<html><body><div id='poem'>" + "".join(f"<p>{line}</p>" for line in lines) + "</div></body></html>"
    article = articlekit.extract(page)
    assert article.provenance.get("text") == "readability"
    assert "Line 17 of the poem goes here, softly" in article.paragraphs
    assert len(article.paragraphs) >= 35


def test_page_of_medium_paragraphs_still_gets_its_body() -> None:
    body = "".join(f"<p>Paragraph {i}: the council met on Tuesday and agreed to fund the bridge.</p>" for i in range(6))
    article = articlekit.extract(f"<html><body><article>{body}</article></body></html>")
    assert article.paragraphs[0] == "Paragraph 0: the council met on Tuesday and agreed to fund the bridge."
    assert len(article.paragraphs) == 6


def test_ordinary_article_does_not_ask_for_a_second_opinion() -> None:
    body = "".join(
        f"<p>Paragraph {i}: the council met on Tuesday and agreed, after a long and sometimes bitter debate that "
        f"lasted well into the night, to fund the new bridge across the river.</p>"
        for i in range(6)
    )
    article = articlekit.extract(f"<html><body><nav><a href='/'>Home</a></nav><article>{body}</article></body></html>")
    assert "text" not in article.provenance
    assert len(article.paragraphs) == 6
    assert article.paragraphs[0].startswith("Paragraph 0: the council met")
