"""Text dumps: where the story is. The maximum-sum run of blocks (prose for, boilerplate
against), and, when that holds almost nothing, the lines under the headline."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from ..blocks import Block
from ..phrases import recommends
from .common import GOOD, NEAR, SENTENCE_END, WORD

# In the main-run search (text dumps), a boilerplate block costs a fixed amount plus its length:
# a menu of thirty short lines must weigh more than one long paragraph. Structure that is not
# story (teaser headlines, link lists, repeated labels) costs more than the prompts, credits and
# placeholders that interrupt a story.
INTERRUPTION_COST = 30.0
BAD_BLOCK_COST = {"not-prose": 150.0, "link-list": 150.0, "repeated": 150.0, "dateline": 150.0}
BAD_WEIGHT = 0.6
TAIL_SHARE = 0.1  # the last tenth of a text dump's blocks ...
TAIL_WEIGHT = 0.3  # ... weighs this much
GAP_COST = 600.0  # the most one uninterrupted stretch of boilerplate costs the story's run
PROMOTED_WEIGHT = 0.3  # a block that is content thanks to its neighbours weighs this much
LONE_CHARS = 250  # prose shorter than this with no prose on either side (a teaser's summary) ...
LONE_WEIGHT = 0.5  # ... weighs this much
MAX_TRAILING_LABELS = 5  # up to this many labels that end the run only thanks to their neighbours go
_DIGITS = re.compile(r"\d+")


def main_run(blocks: Sequence[Block], classes: list[str], first: list[str]) -> None:
    """Keep only the maximum-sum run: prose counts for, boilerplate against (Kadane).

    Blocks that are content only thanks to their neighbours count for less than prose, so a
    run of teasers and captions cannot outweigh the story; so do short paragraphs standing
    alone between non-prose (a teaser's summary between its headline and the next one's) and
    prose in the page's last lines, where footers, contact notices and disclaimers sit. A
    heading of recommended stories, and a row of share buttons printed under each of several
    teasers, cost in full what a whole stretch of boilerplate costs.
    """
    best, best_start, best_end = 0.0, 0, -1
    total, start, gap = 0.0, 0, 0.0
    card_rows = _card_share_rows(blocks)
    n = len(blocks)
    tail = n * (1 - TAIL_SHARE)
    for i, b in enumerate(blocks):
        if classes[i] == GOOD:
            weight = 1.0 if first[i] == GOOD else PROMOTED_WEIGHT
            if (
                weight == 1.0 and len(b.text) < LONE_CHARS and (i == 0 or first[i - 1] != GOOD)
                and (i + 1 == n or first[i + 1] != GOOD)  # (cheap tests first: most prose has prose beside it)
                and is_lone(blocks, first, i)
            ):
                weight = LONE_WEIGHT
            total += len(b.text) * weight * (TAIL_WEIGHT if i >= tail else 1.0)
            gap = 0.0
        else:  # one interruption (an ad box, a link list) costs at most GAP_COST
            cost = BAD_BLOCK_COST.get(b.reason or "", INTERRUPTION_COST) + BAD_WEIGHT * len(b.text)
            cost = min(cost, max(0.0, GAP_COST - gap))
            if b.reason == "navigation" and recommends(b.text):  # "Most popular", "You may also like"
                cost = GAP_COST  # in full: what follows must outweigh it alone
            elif b.reason == "share" and b.text in card_rows:  # each card's own buttons: cards,
                cost = GAP_COST  # not a story, lie between them
            total, gap = total - cost, gap + cost
        if total <= 0:
            total, start = 0.0, i + 1
        elif total > best:
            best, best_start, best_end = total, start, i
    # The story starts with its own prose, not with a headline or label that joined it only
    # thanks to its neighbours (a teaser's title, a video's caption just above the lead).
    while best_start < best_end and (
        classes[best_start] != GOOD or _borrowed_label(blocks[best_start], first[best_start])
    ):
        best_start += 1
    best_end = _without_trailing_labels(blocks, classes, first, best_start, best_end)
    for i, b in enumerate(blocks):
        if b.reason is None and not best_start <= i <= best_end:
            b.reason = "outside-main"


CARD_ROWS = 3  # a row of share buttons printed this often is each teaser card's own ...
CARD_ROW_WORDS = 3  # ... when it names this many networks or more ("Whatsapp | Facebook | Pin")


def _card_share_rows(blocks: Sequence[Block]) -> set[str]:
    """The rows of share buttons that the page prints again and again: one under each teaser
    of a list ("You may like…" cards), where a story has one row at its top or bottom."""
    rows = Counter(b.text for b in blocks if b.reason == "share" and len(WORD.findall(b.text)) >= CARD_ROW_WORDS)
    return {text for text, n in rows.items() if n >= CARD_ROWS}


def _without_trailing_labels(
    blocks: Sequence[Block], classes: list[str], first: list[str], start: int, end: int
) -> int:
    """The run's end without the few labels it finished with (a sign-off link, a section's name,
    a teaser's title after the last paragraph); a longer list of them (tour dates, results) is
    the story's own."""
    last = end
    while last > start and (classes[last] != GOOD or _borrowed_label(blocks[last], first[last])):
        last -= 1
    labels = sum(1 for k in range(last + 1, end + 1) if classes[k] == GOOD)
    return last if labels <= MAX_TRAILING_LABELS else end


def _borrowed_label(block: Block, first: str) -> bool:
    """Content only thanks to its neighbours, and not a sentence."""
    return first != GOOD and SENTENCE_END.search(block.text) is None


def is_lone(blocks: Sequence[Block], first: list[str], i: int) -> bool:
    """No prose just before or after block i: neither a paragraph nor an uncertain block that
    ends like a sentence (a story's short paragraph does; a headline does not)."""
    return not any(
        first[k] == GOOD or (first[k] == NEAR and SENTENCE_END.search(blocks[k].text) is not None)
        for k in (i - 1, i + 1) if 0 <= k < len(blocks)
    )


WEAK_STORY = 500  # a text dump's story with less text than this may be a list or a table ...
UNDER_HEADLINE_MIN = 5  # ... when at least this many lines under its headline hold more
# Under the headline, its byline, date, images and their labels (repeated lines) are passed over;
# lines judged too short, not prose or outside the story found are the story's; any other reason
# ends it.
_HEADER_ROLES = frozenset(
    {"title", "byline", "date", "dateline", "description", "decoration", "button", "caption", "repeated"}
)
_STORY_LINES = frozenset({"too-short", "not-prose", "outside-main"})


def template(text: str) -> str:
    """The text with each number as 0: lines alike but for their numbers ("Result 1 of 300",
    "Result 2 of 300") are one template, a listing's, not prose."""
    return _DIGITS.sub("0", text)


def _one_template(lines: Iterable[str]) -> bool:
    """Most lines are one line with other numbers: a listing."""
    shapes = Counter(map(template, lines))
    return shapes.most_common(1)[0][1] * 2 > shapes.total()


def story_under_headline(blocks: Sequence[Block], title_at: int) -> None:
    """Text dumps: when the story found is not the headline's, the lines under the headline,
    past its byline and date, up to the first boilerplate. Two cases: the story found holds
    almost no text (the story is a list or a table, standings or a calendar, that has no prose
    to be found by); or it holds no paragraph of prose while the headline's lines hold two (a
    list of teasers, each a headline and its summary, outweighed a short story)."""
    kept = sum(len(b.text) for b in blocks if b.reason is None)
    teasers = kept >= WEAK_STORY  # (a story found this long is the headline's unless it holds no prose)
    if teasers and any(_prose_paragraph(b) for b in blocks if b.reason is None):
        return
    run: list[int] = []
    for i in range(title_at + 1, len(blocks)):
        reason = blocks[i].reason
        if reason in _HEADER_ROLES or (reason == "share" and not run):
            continue
        if reason is not None and reason not in _STORY_LINES:
            break
        run.append(i)
    if teasers:
        if sum(_prose_paragraph(blocks[i]) for i in run) < UNDER_HEADLINE_PROSE:
            return
    elif (
        len(run) < UNDER_HEADLINE_MIN or blocks[run[0]].reason is None  # (the story found is right there)
        or sum(len(blocks[i].text) for i in run) <= kept or _one_template(blocks[i].text for i in run)
    ):
        return
    for b in blocks:
        if b.reason is None:
            b.reason = "outside-main"
    for i in run:
        blocks[i].reason = None


UNDER_HEADLINE_PROSE = 2  # paragraphs of prose under the headline that outweigh a body of teasers
PROSE_PARAGRAPH = 150  # characters of a paragraph of prose (not a list item, not a label)


def _prose_paragraph(b: Block) -> bool:
    return b.kind == "paragraph" and len(b.text) >= PROSE_PARAGRAPH and SENTENCE_END.search(b.text) is not None
