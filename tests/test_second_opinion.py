"""The readability-lxml second opinion: used only when our own pass finds almost no body."""

from __future__ import annotations

import articlekit


def test_page_of_short_lines_gets_its_body_from_the_second_opinion() -> None:
    # Forty distinct short lines (lines alike but for a number would be a listing, not a poem).
    nouns = ["river", "harbour", "lantern", "orchard", "meadow", "window", "letter", "garden"]
    verbs = ["sleeps", "waits", "turns", "sings", "burns"]
    skies = ["grey", "pale", "wide", "cold", "late"]
    lines = [f"The {n} {v} under a {m} sky tonight" for n in nouns for v, m in zip(verbs, skies, strict=True)]
    page = "<html><body><div id='poem'>" + "".join(f"<p>{line}</p>" for line in lines) + "</div></body></html>"
    article = articlekit.extract(page)
    assert article.provenance.get("text") == "readability"
    assert "The lantern turns under a wide sky tonight" in article.paragraphs
    assert len(article.paragraphs) >= 35


def test_page_of_medium_paragraphs_still_gets_its_body() -> None:
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    things = ["the bridge", "a library", "the ferry", "two schools", "the park", "a clinic"]
    body = "".join(f"<p>On {d} the council met in the town hall and agreed to fund {t}.</p>"
                   for d, t in zip(days, things, strict=True))
    article = articlekit.extract(f"<html><body><article>{body}</article></body></html>")
    assert article.paragraphs[0] == "On Monday the council met in the town hall and agreed to fund the bridge."
    assert len(article.paragraphs) == 6


def test_ordinary_article_does_not_ask_for_a_second_opinion() -> None:
    body = "".join(
        f"<p>Paragraph {i}: the council met on Tuesday and agreed, after a long and sometimes bitter debate that "
        f"lasted well into the night, to fund the new bridge across the river.</p>"
        for i in range(6)
    )
    article = articlekit.extract(f"<html><body><nav><a href='/'>Home</a></nav><article>{body}</article></body></html>")
    assert article.provenance["text"] == "blocks"
    assert len(article.paragraphs) == 6
    assert article.paragraphs[0].startswith("Paragraph 0: the council met")


def test_the_second_opinion_never_glues_words_across_elements() -> None:
    """readability's text_content() joins text nodes with nothing between them: the last word
    of one block and the first of the next became one word that is nowhere on the page."""
    from articlekit.fallback import second_opinion

    page = ("<html><body><div><ul><li>The council said<ul><li>and was clear that the library stays open "
            "for the whole summer, whatever the budget office says about it.</li></ul></li></ul>"
            + "<p>Residents filled the hall for two hours to argue for the library and its staff.</p>" * 3
            + "</body></html>")
    words = {w for p in second_opinion(page) for w in p.split()}
    assert "saidand" not in words
