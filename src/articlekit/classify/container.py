"""HTML: where the story is. The element that holds the article, scored as Readability scores
it, its siblings and the other parts of a story split around ads; inside it, what lost only on
context comes back."""

from __future__ import annotations

from collections.abc import Sequence

from ..blocks import Block
from .common import LIST_MAX_LINKS, NEAR, PROSE_CHARS, SENTENCE, SENTENCE_END

RESCUE_LINKS = 0.5  # inside the article, an uncertain paragraph with fewer links than this is kept
RESCUE_LONG_LINKS = 0.75  # ... and a long sentence-ending one with fewer than this
ANCESTOR_LEVELS = 5  # how far up a paragraph's score reaches
SIBLING_SHARE = 0.2  # a sibling of the article's container with this share of its score joins it
GROW_PROSE = 0.5  # the container grows to its parent when this share of what that adds is prose
GROW_LINKS = 0.25  # ... and no more than this share is link text
# Only running prose votes for the article's container (as in Readability): lists, tables and
# captions are kept when they sit inside it, but teaser lists and tickers must not choose it.
_VOTERS = frozenset({"paragraph", "quote", "preformatted"})


def main_container(blocks: Sequence[Block], first: list[str]) -> None:
    """HTML: keep the element that holds the article, and its siblings that hold prose.

    As in Readability, a paragraph credits its parent fully, its grandparent by half and a few
    more ancestors by less, and a container's score shrinks with its link density. So the
    article's own container outscores both a single wrapped paragraph and a page wrapper that
    also holds teasers, menus and comments.
    """
    scores: dict[int, float] = {}
    parent, chars, links, count, good = _subtree_totals(blocks)
    for b in blocks:
        if b.reason is not None or len(b.text) < 25 or not b.path or b.kind not in _VOTERS:
            continue
        gain = 1 + b.text.count(",") + b.text.count("，") + min(len(b.text) / 100, 3)
        for level, el in enumerate(_distinct_ancestors(b.path, count)):
            scores[el] = scores.get(el, 0.0) + gain / (1 if level == 0 else 2 if level == 1 else level * 3)
    if not scores:
        return
    final = {el: sc * (1 - links[el] / chars[el]) if chars[el] else sc for el, sc in scores.items()}
    top = max(final, key=final.__getitem__)
    # Climb while the parent adds mostly prose and few links: the rest of a split article.
    while (up := parent.get(top)) is not None:
        added = chars[up] - chars[top]
        if good.get(up, 0) - good.get(top, 0) < GROW_PROSE * added or links[up] - links[top] > GROW_LINKS * added:
            break
        top = up
    floor = max(10.0, SIBLING_SHARE * final.get(top, 0.0))
    keep = {top} | {el for el, up in parent.items() if up == parent.get(top) and final.get(el, 0) >= floor}
    keep |= _story_parts(top, (parent, chars, links, count, good), final, floor)
    for b in blocks:
        if b.reason is None and keep.isdisjoint(b.path):
            b.reason = "outside-main"
    _rescue_inside(blocks, first, keep)
    _lead_above(blocks)


PART_LEVELS = 2  # the story's other parts are looked for among the siblings of this many of its ancestors
PART_PROSE = 0.6  # ... and hold at least this share of prose


def _story_parts(top: int, totals: Totals, final: dict[int, float], floor: float) -> set[int]:
    """The other parts of a story split into wrappers around ads and widgets (article >
    block > content > sections, then a second block > content > sections): elements beside
    the container or beside its nearest ancestors that score like a sibling would and hold
    mostly prose and few links. A pure wrapper, which scoring skips, scores as the element it
    wraps."""
    parent, chars, links, count, good = totals
    scored = dict(final)
    for el, score in final.items():
        up = parent.get(el)
        while up is not None and count[up] == count[el] and up not in scored:
            scored[up] = score
            up = parent.get(up)
    path = [top]  # the container and the ancestors whose other children may be its parts
    while len(path) <= PART_LEVELS and (up := parent.get(path[-1])) is not None:
        path.append(up)
    beside = set(path[1:])
    return {
        el for el, above in parent.items()
        if above in beside and el not in path and scored.get(el, 0.0) >= floor and chars[el]
        and good.get(el, 0) >= PART_PROSE * chars[el] and links[el] <= GROW_LINKS * chars[el]
    }


LEAD_SCAN = 10  # blocks above the story's first kept block searched for its headline
LEAD_CHARS = 80  # a lead is a sentence or more
LEAD_PASS_CHARS = 160  # shorter blocks between the headline and the story are its furniture


def _lead_above(blocks: Sequence[Block]) -> None:
    """The story's lead, printed in an element of its own between the headline (the page's
    <h1>) and the story's container: prose left outside the container, with only the
    header's furniture around it (kicker, dateline, byline, share buttons, images, captions)."""
    start = next((i for i, b in enumerate(blocks) if b.reason is None), None)
    if start is None:
        return
    leads: list[Block] = []
    story = {b.text for b in blocks[start:] if b.reason is None}  # (a summary repeats the story's lines)
    for b in reversed(blocks[max(0, start - LEAD_SCAN):start]):
        if b.kind == "heading" and b.heading_level == 1:
            for lead in leads:
                lead.reason = None
            return
        if b.reason == "outside-main" and _reads_as_lead(b) and b.text not in story:
            leads.append(b)
        elif len(b.text) >= LEAD_PASS_CHARS and b.reason != "caption":
            return  # more than furniture: this is no story's header


def _reads_as_lead(b: Block) -> bool:
    return (b.kind in ("paragraph", "heading") and len(b.text) >= LEAD_CHARS and b.link_density <= GROW_LINKS
            and SENTENCE_END.search(b.text) is not None)


def _rescue_inside(blocks: Sequence[Block], first: list[str], keep: set[int]) -> None:
    """Inside the article's container, what lost only on context comes back: a short paragraph
    after an in-story link box, a long paragraph with many inline links, a list or a table."""
    inside = [not keep.isdisjoint(b.path) for b in blocks]
    for i, b in enumerate(blocks):
        if not inside[i]:
            continue
        if (
            (b.reason == "not-prose" and first[i] == NEAR and b.link_density < RESCUE_LINKS)
            or (b.reason == "too-short" and b.link_chars == 0 and b.kind == "paragraph" and SENTENCE.search(b.text))
            or (
                b.reason in ("too-short", "not-prose") and b.kind in ("list-item", "table-row")
                and b.link_density < LIST_MAX_LINKS
            )
            or (
                b.reason == "link-dense" and len(b.text) >= PROSE_CHARS and b.link_density < RESCUE_LONG_LINKS
                and SENTENCE_END.search(b.text)
            )
        ):
            b.reason = None
    # Then a short heading inside the article belongs to the paragraph it introduces.
    for i in range(len(blocks) - 2, -1, -1):
        b = blocks[i]
        if inside[i] and b.kind == "heading" and b.reason == "too-short" and blocks[i + 1].reason is None:
            b.reason = None


Totals = tuple[dict[int, int], dict[int, int], dict[int, int], dict[int, int], dict[int, int]]


def _subtree_totals(blocks: Sequence[Block]) -> Totals:
    """parent, and per element its characters, link characters, blocks and prose characters.

    Each block adds to its own element; the sums then flow up once, deepest first, so the
    cost grows with blocks plus elements rather than blocks times depth.
    """
    parent: dict[int, int] = {}
    depth: dict[int, int] = {}
    chars: dict[int, int] = {}
    links: dict[int, int] = {}
    count: dict[int, int] = {}
    good: dict[int, int] = {}
    for b in blocks:
        path = b.path
        if not path:
            continue
        leaf = path[-1]
        if leaf not in depth:
            for i in range(len(path) - 1, -1, -1):
                if path[i] in depth:
                    break
                depth[path[i]] = i
                if i:
                    parent[path[i]] = path[i - 1]
        n = len(b.text)
        chars[leaf] = chars.get(leaf, 0) + n
        links[leaf] = links.get(leaf, 0) + b.link_chars
        count[leaf] = count.get(leaf, 0) + 1
        if b.reason is None:
            good[leaf] = good.get(leaf, 0) + n
    for el in sorted(depth, key=depth.__getitem__, reverse=True):
        up = parent.get(el)
        if up is None:
            continue
        for totals in (chars, links, count, good):
            if el in totals:
                totals[up] = totals.get(up, 0) + totals[el]
    return parent, chars, links, count, good


def _distinct_ancestors(path: tuple[int, ...], count: dict[int, int]) -> list[int]:
    """The block's ancestors, nearest first, skipping pure wrappers: an element that holds no
    more blocks than the one below it (div > div > p) is the same content, not a level up."""
    out: list[int] = []
    below = count[path[-1]]
    for el in reversed(path[:-1]):
        if count[el] > below:
            out.append(el)
            below = count[el]
            if len(out) == ANCESTOR_LEVELS:
                break
    return out


OTHER_STORY_PROSE = 300  # characters of prose under the page's headline that make it a story ...
OTHER_STORY_PARAGRAPHS = 2  # ... in at least this many paragraphs


def story_of_headline(blocks: Sequence[Block], title_at: int) -> None:
    """HTML, after metadata: on a page that runs several stories one after another (the next
    articles loaded below the first), the body found may be another story than the page's:
    the longest. When the headline's nearest ancestor that holds prose the body left out holds
    nothing of the body, and the body opens under a headline of its own, the story under the
    page's headline is the body."""
    head = blocks[title_at]
    kept = [i for i, b in enumerate(blocks) if b.reason is None]
    if not kept or not head.path:
        return
    left_out = [i for i, b in enumerate(blocks) if b.reason == "outside-main" and b.kind in _VOTERS
                and len(b.text) >= PROSE_CHARS and i != title_at]
    if len(left_out) < OTHER_STORY_PARAGRAPHS:
        return
    for el in reversed(head.path):  # the headline's nearest ancestor that holds prose left out
        prose = [len(blocks[i].text) for i in left_out if el in blocks[i].path]
        if len(prose) >= OTHER_STORY_PARAGRAPHS and sum(prose) >= OTHER_STORY_PROSE:
            break
    else:
        return
    story = el
    if any(story in blocks[i].path for i in kept) or not _opens_under_own_headline(blocks, kept, head):
        return
    for i in kept:
        blocks[i].reason = "outside-main"
    for b in blocks:
        if b.reason == "outside-main" and story in b.path:
            b.reason = None


def _opens_under_own_headline(blocks: Sequence[Block], kept: list[int], head: Block) -> bool:
    """The body's container (the deepest element that holds all of it), which does not hold the
    page's headline, holds a headline before the body's first paragraph: an h1 or h2, or one of
    the page headline's rank or above (another story's)."""
    paths = [blocks[i].path for i in kept]
    common = 0
    while all(len(p) > common and p[common] == paths[0][common] for p in paths):
        common += 1
    if not common or paths[0][common - 1] in head.path:
        return False
    container = paths[0][common - 1]
    first_prose = next((i for i in kept if blocks[i].kind in _VOTERS), kept[0])
    rank = max(head.heading_level, 2)
    return any(
        b.kind == "heading" and 0 < b.heading_level <= rank and container in b.path
        for b in blocks[: first_prose + 1]
    )
