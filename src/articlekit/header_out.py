"""After metadata: the blocks that gave the page's header (headline, byline, dateline, a text
dump's standfirst) leave the body, each with its role as the reason. An HTML page's standfirst
that repeats its declared description stays: it is the story's lead."""

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
    if kind == "text":
        if title_at is not None:  # (a list or a table with no prose to find it by)
            classify.story_under_headline(blocks, title_at)
    elif (headline_at := _headline_at(blocks, meta, title_at)) is not None:
        classify.story_of_headline(blocks, headline_at)
    _drop_headline(blocks, [c.value for c in found + head.candidates if c.field == "title"])
    # (A standfirst that repeats the declared description stays in the body: the pages of other
    # collections hold it as the story's lead; dropping it lost recall on 22 of meta-dev's 86.)


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


def _headline_at(blocks: Sequence[Block], meta: Metadata, title_at: int | None) -> int | None:
    """The heading that prints the page's title, else another block that does (not a heading
    on every page), else the block the header took for it."""
    title = meta.values.get("title")
    if isinstance(title, str) and (headline := loose(title)):
        longest = 2 * len(title) + 10  # (folding drops some characters, never half of them)
        printed = [i for i, b in enumerate(blocks) if len(b.text) <= longest and loose(b.text) == headline]
        return next((i for i in printed if blocks[i].kind == "heading"), printed[0] if printed else title_at)
    return title_at


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


