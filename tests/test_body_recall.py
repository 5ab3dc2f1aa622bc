"""Body recall on page shapes no rule was written for: a story split into parts, pages where
the first pass keeps too little (the fallback cascade)."""

from __future__ import annotations

import articlekit

FIRST_PART = [
    f"Paragraph {n} of the first part: the council met on Tuesday evening and argued for hours "
    f"about the budget for the harbour, the schools and the new tram line, item {n} of many."
    for n in range(1, 9)
]
SECOND_PART = [
    f"Paragraph {n} of the second part: after the break the mayor answered questions from "
    f"residents, who asked about rents, parking and the closing of the old market, point {n}."
    for n in range(1, 5)
]


def _split_story() -> str:
    """A story cut into two wrappers around an ad, the first one also holding a header of
    short lines (so the container chosen is the first part's content, not the whole)."""
    head = "".join(f"<p>Label {n}</p>" for n in range(6))
    first = "".join(f"<section><div><p>{p}</p></div></section>" for p in FIRST_PART)
    second = "".join(f"<section><div><p>{p}</p></div></section>" for p in SECOND_PART)
    return (
        "<html><body><div class='page'><article><h1>Council argues over the harbour budget</h1>"
        f"<div class='s-block'><div class='s-head'>{head}</div><div class='s-content'>{first}</div></div>"
        "<div class='s-slot'><p>Advertisement</p></div>"
        f"<div class='s-block'><div class='s-content'>{second}</div></div>"
        "</article><div class='s-more'><a href='/1'>Harbour plans</a> <a href='/2'>Tram line</a></div>"
        "</div></body></html>"
    )


def test_a_story_split_into_wrappers_around_an_ad_is_kept_whole() -> None:
    article = articlekit.extract(_split_story())
    assert article.paragraphs == FIRST_PART + SECOND_PART
    assert "Harbour plans" not in article.text
