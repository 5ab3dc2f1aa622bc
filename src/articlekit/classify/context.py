"""The context passes: uncertain and short blocks take the side of their neighbours; a comment
thread, an author's biography or a list of sources ends the story."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ..blocks import Block
from ..phrases import recommends
from ..vocab import comment_header, phrase_tables
from .common import BAD, GOOD, LIST_MAX_LINKS, NEAR, SHORT, runs

STORY_ENDERS = frozenset({"comments", "author-bio", "sources"})  # reasons of blocks after which nothing is story
COMMENTS_AFTER = 300  # characters of story that must precede a comment thread's opening
_PLACEHOLDER = re.compile(r"^\[INS:\s*:INS\]$")  # an ad slot's placeholder in a lynx dump


def cut_comments(blocks: Sequence[Block], classes: list[str]) -> None:
    """Once the story has begun, a comment thread's opening (or the author's biography, or the
    list of its sources: the STORY_ENDERS) ends it: all that follows goes. In HTML, whose
    sidebars were pruned before, so does a heading of recommended stories (in a text dump, a
    sidebar before the story may hold one)."""
    header, ends = comment_header(), _header_ends()
    headers = {
        i for i, b in enumerate(blocks)
        if len(b.text) <= 140 and (b.text[:1].isdigit() or b.text.lower().endswith(ends)) and header.match(b.text)
    }
    seen = 0
    for i, b in enumerate(blocks):
        if classes[i] == GOOD:
            seen += len(b.text)
        opens = (
            b.reason in STORY_ENDERS or (i in headers and len(headers) >= 2)
            or (b.reason == "navigation" and bool(b.path) and recommends(b.text))
        )
        if opens and seen >= COMMENTS_AFTER:
            for k in range(i, len(blocks)):
                classes[k] = BAD
                blocks[k].reason = blocks[k].reason or b.reason or "comments"
            return


@cache
def _header_ends() -> tuple[str, ...]:
    """How a comment header that is not a count can end: its suffix's last character when that
    is punctuation ("says:" -> ":"), else the suffix ("says"); a cheap test before the regex."""
    suffixes = phrase_tables()["comments"]["suffixes"]
    return tuple({s[-1] if not s[-1].isalnum() else s for s in suffixes})


def use_context(blocks: Sequence[Block], classes: list[str]) -> None:
    """Resolve SHORT and NEAR blocks from their decided neighbours, in four linear passes."""
    firm = list(classes)
    # An ad slot between two paragraphs does not part them: neighbours are looked for through
    # it. (An image does part them: the line after it is often its caption.)
    unseen = [i for i, b in enumerate(blocks) if b.reason == "button" and not b.path and _PLACEHOLDER.match(b.text)]
    # 1. An uncertain block next to prose is prose; otherwise boilerplate.
    seen = _seen(classes, unseen)
    before, after = _prev_decided(seen), _next_decided(seen)
    for i, c in enumerate(classes):
        if c == NEAR:
            firm[i] = GOOD if GOOD in (before[i], after[i]) else BAD
    # 2. A list or table is judged whole: kept when prose is beside it and it is not a link list.
    after = _next_decided(_seen(firm, unseen))
    last, pos = None, 0
    for lo, hi in runs(blocks, ("list-item", "table-row")):
        last, pos = _scan(firm, pos, lo, last)
        items = blocks[lo:hi]
        chars = sum(len(b.text) for b in items)
        links = sum(b.link_chars for b in items)
        if GOOD in (last, after[hi - 1]) and links < LIST_MAX_LINKS * chars:
            for k in range(lo, hi):
                if firm[k] != BAD or classes[k] == NEAR:
                    firm[k] = GOOD
    # 3. A short block between prose is prose.
    seen = _seen(firm, unseen)
    after, last = _next_decided(seen), None
    for i in range(len(firm)):
        if firm[i] == SHORT and blocks[i].kind != "heading":
            firm[i] = seen[i] = GOOD if last == GOOD and after[i] == GOOD else BAD
        if seen[i] in _DECIDED:
            last = seen[i]
    # 4. A short heading belongs to what it introduces.
    nxt = None
    for i in range(len(firm) - 1, -1, -1):
        if firm[i] == SHORT:
            firm[i] = GOOD if nxt == GOOD else BAD
        if firm[i] in _DECIDED:
            nxt = firm[i]
    for i in range(len(classes)):
        if firm[i] == BAD and blocks[i].reason is None:
            blocks[i].reason = "too-short" if classes[i] == SHORT else "not-prose"
        classes[i] = firm[i]


_DECIDED = (GOOD, BAD)
_UNSEEN = "unseen"


def _seen(classes: list[str], unseen: list[int]) -> list[str]:
    """The classes with the blocks at `unseen` neither good nor bad."""
    if not unseen:
        return classes
    out = list(classes)
    for i in unseen:
        out[i] = _UNSEEN
    return out


def _prev_decided(classes: list[str]) -> list[str | None]:
    """For each block, the class of the nearest GOOD or BAD block before it."""
    out: list[str | None] = []
    last = None
    for c in classes:
        out.append(last)
        if c in _DECIDED:
            last = c
    return out


def _next_decided(classes: list[str]) -> list[str | None]:
    """For each block, the class of the nearest GOOD or BAD block after it."""
    return _prev_decided(classes[::-1])[::-1]


def _scan(classes: list[str], pos: int, stop: int, last: str | None) -> tuple[str | None, int]:
    """Advance from pos to stop, remembering the last decided class seen."""
    for k in range(pos, stop):
        if classes[k] in _DECIDED:
            last = classes[k]
    return last, max(pos, stop)
