"""After metadata: the blocks that gave the page's header (headline, byline, dateline,
standfirst) leave the body, each with its role as the reason. Moved as it was from `pipeline`."""

from __future__ import annotations

from collections.abc import Sequence

from . import classify
from .blocks import Block
from .folding import agree, loose
from .load import SourceKind
from .metadata import Candidate, Metadata
from .metadata.header import Header


def take_out(kind: SourceKind, blocks: Sequence[Block], head: Header, found: list[Candidate], meta: Metadata) -> None:
    """`head`: what the header search found in the blocks; `found`: the markup's candidates."""
    _use_header_blocks(blocks, head.used, meta)
    title_at = next((i for i, role in head.used.items() if role == "title"), None)
    if kind == "text" and title_at is not None:  # (a list or a table with no prose to find it by)
        classify.story_under_headline(blocks, title_at)
    _drop_headline(blocks, [c.value for c in found + head.candidates if c.field == "title"])
    _drop_standfirst(blocks, meta)


def _use_header_blocks(blocks: Sequence[Block], used: dict[int, str], meta: Metadata) -> None:
    """Blocks that gave the title, byline, standfirst or dateline are not body text."""
    title = meta.values.get("title")
    for i, role in used.items():
        if role == "title" and not (title and agree(blocks[i].text, title)):
            continue
        blocks[i].reason = role
    if title and (headline := loose(title)):
        for b in blocks:
            if b.kind == "heading" and b.reason is None and loose(b.text) == headline:
                b.reason = "title"
        # the body's first block is the headline itself, whatever markup it got (a list item, a cell)
        lead = next((b for b in blocks if b.reason is None), None)
        if lead is not None and loose(lead.text) == headline:
            lead.reason = "title"


HEADLINE_WINDOW = 3  # the first body blocks among which the page's headline may still sit


def _drop_headline(blocks: Sequence[Block], titles: list[str]) -> None:
    """The visible headline is not body, even when another of the page's titles was chosen
    (og:title "Sweden drops Assange rape investigation" over the h1 "Julian Assange: …")."""
    headlines = {loose(t) for t in titles} - {""}
    body = [b for b in blocks if b.reason is None][:HEADLINE_WINDOW]
    for b in body:
        if b.kind == "heading" and loose(b.text) in headlines:  # (agreeing both ways: equal)
            b.reason = "title"
            return


STANDFIRST_WINDOW = 3  # blocks after the headline where a standfirst may sit
STANDFIRST_CHARS = 400


def _drop_standfirst(blocks: Sequence[Block], meta: Metadata) -> None:
    """The standfirst (dek) under the headline repeats the page's description: it is the
    description, not the body's first paragraph."""
    description = meta.values.get("description")
    if not description:
        return
    start = next((i + 1 for i, b in enumerate(blocks) if b.reason == "title"), None)
    if start is None:
        start = next((i for i, b in enumerate(blocks) if b.reason is None), len(blocks))
    for i in range(start, min(start + STANDFIRST_WINDOW, len(blocks))):
        b = blocks[i]
        if b.reason is None and len(b.text) <= STANDFIRST_CHARS and _repeats(description, b.text):
            if _apart_from_story(blocks, i):
                b.reason = "description"
            return


def _apart_from_story(blocks: Sequence[Block], i: int) -> bool:
    """A dek is a heading, or sits outside the container of the paragraphs that follow it;
    a lead paragraph that the page also uses as its description shares their parent."""
    b = blocks[i]
    if b.kind == "heading" or not b.path:
        return True
    after = next((x for x in blocks[i + 1:] if x.reason is None and x.kind == "paragraph"), None)
    return after is None or after.path[:-1] != b.path[:-1]


def _repeats(description: str, text: str) -> bool:
    """The description is this text, give or take a short site suffix ("… — www.site.ru")."""
    d, t = loose(description), loose(text)
    return bool(t) and d.startswith(t) and len(d) - len(t) <= 30
