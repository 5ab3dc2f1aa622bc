"""Metadata from the blocks themselves: the visible headline, standfirst, byline and dateline.

This is all a plain-text dump offers, and on HTML pages it is the visible evidence that
agrees or disagrees with the markup. The header zone is the few blocks around the start of
the body; nothing further down is taken for a title or a byline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..blocks import Block
from .byline import is_name, parse_byline, starts_like_byline
from .candidates import Candidate
from .dates import find_date

LOOK_BACK = 10  # blocks before the first body block that may hold the headline
LOOK_AHEAD = 4  # blocks after it that may still be header (standfirst, byline, dateline)
_TITLE_END_OK = re.compile(r"[^.;,:]$|\.\.\.$|…$")
_PROMPT_REASONS = frozenset({
    "skip-link", "comment-prompt", "navigation", "share", "newsletter", "advertisement",
    "legal", "login", "button", "repeated", "link-dense",
})


@dataclass(slots=True)
class Header:
    candidates: list[Candidate] = field(default_factory=list)
    used: dict[int, str] = field(default_factory=dict)  # block index -> "title" / "byline" / ...


def header(blocks: Sequence[Block]) -> Header:
    found = Header()
    first = next((i for i, b in enumerate(blocks) if b.reason is None), None)
    if first is None:
        return found
    lo, hi = max(0, first - LOOK_BACK), min(len(blocks), first + LOOK_AHEAD + 1)
    byline_at = _find_byline(blocks, lo, hi, found)
    _find_dateline(blocks, lo, hi, found)
    anchor = byline_at if byline_at is not None else first
    title_at = _find_title(blocks, lo, anchor, byline_at is not None)
    if title_at is not None:
        found.used[title_at] = "title"
        found.candidates.append(Candidate("title", blocks[title_at].text, "headline"))
        between = [i for i in range(title_at + 1, anchor) if i not in found.used]
        if byline_at is not None and len(between) == 1 and _is_prose(blocks[between[0]]):
            found.used[between[0]] = "description"
            found.candidates.append(Candidate("description", blocks[between[0]].text, "standfirst"))
    return found


def _find_byline(blocks: Sequence[Block], lo: int, hi: int, found: Header) -> int | None:
    for i in range(lo, hi):
        text = blocks[i].text
        if len(text) > 150 or not starts_like_byline(text):
            continue
        names = parse_byline(text)
        if not names:
            continue
        found.used[i] = "byline"
        found.candidates.append(Candidate("authors", tuple(names), "byline"))
        if date := find_date(text):
            found.candidates.append(Candidate("date", date, "byline"))
        return i
    return None


def _find_dateline(blocks: Sequence[Block], lo: int, hi: int, found: Header) -> None:
    """A short line that is mostly a date ("Updated: July 29, 2009 10:30 ET")."""
    for i in range(lo, hi):
        text = blocks[i].text
        if i in found.used or len(text) > 80:
            continue
        if date := find_date(text):
            found.used[i] = "date"
            found.candidates.append(Candidate("date", date, "dateline"))
            return


def _find_title(blocks: Sequence[Block], lo: int, anchor: int, have_byline: bool) -> int | None:
    """The headline: the nearest title-like block above the byline (or the body's start)."""
    stop = anchor - 1 if have_byline else anchor
    # With a byline, at most one block (the standfirst) may separate it from the headline.
    floor = max(lo, anchor - 3) if have_byline else lo
    for i in range(stop, floor - 1, -1):
        b = blocks[i]
        if _is_title_like(b):
            if not have_byline and i + 1 < len(blocks) and not _is_prose(blocks[i + 1]):
                continue  # a label over a menu, not a headline over a story
            return i
    return None


def _is_title_like(block: Block) -> bool:
    text = block.text
    words = text.split()
    if block.reason in _PROMPT_REASONS or block.kind in ("list-item", "button", "table-row"):
        return False
    if not 3 <= len(words) <= 30 or len(text) > 200 or (is_name(text) and len(words) <= 3):
        return False
    return bool(_TITLE_END_OK.search(text)) or text.endswith(("?", "!"))


def _is_prose(block: Block) -> bool:
    return len(block.text) >= 60 and block.text.rstrip().endswith((".", "!", "?", "…", "。", '"', "”"))
