"""Marks that read more than one block: lines printed again and again, profile boxes, an
image's labels doubled on one line, link lists in text dumps."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from operator import attrgetter

from ..blocks import Block
from ..vocab import about_heading
from .common import BAD, PROSE_CHARS, SENTENCE_END, WORD, runs

LINK_LIST_MIN = 3  # list items in a row that may form a link list (text dumps)
LINK_LIST_CHARS = 80  # ... when they are this short on average and mostly not sentences
ITEM_LIST_CHARS = 50  # ... unless shorter than this on average and mostly lower-case:
ITEM_LIST_CAPITALS = 0.3  # fewer than this share of their (cased, 4+ letter) words capitalised,
ITEM_LIST_WORDS = 3  # of at least this many such words
_IDENTIFIER = re.compile(r"^\w+(?:[-_]\w+)+$")  # "medium-wide-browser": a class name, not words
_COUNT = re.compile(r"\s*\(\d[\d.,]*\)$")  # "March (119)": an archive's or a category's count of posts


def mark_repeated(blocks: Sequence[Block], classes: list[str]) -> None:
    """A line that occurs several times on a page is a label, a menu entry or a caption."""
    counts = Counter(map(attrgetter("text"), blocks))
    if len(counts) == len(blocks):
        return  # no text occurs twice (a long story: the common case worth skipping the loop)
    for i, b in enumerate(blocks):
        if b.path and (b.link_chars == 0 or len(b.text) >= 100):
            continue  # HTML: repeated menus are links; repeated plain lines are content (recipes, tables)
        # Text dumps: a block printed twice, whatever its length, is an image's alt text and
        # caption, a share widget's copy of the headline, or a menu printed at top and bottom.
        if classes[i] != BAD and counts.get(b.text, 0) > 1 and b.kind != "heading":
            classes[i] = BAD
            b.reason = "repeated"


PROFILE_NAME_WORDS = 4  # the longest name an "About <Name>" heading may hold
PROFILE_LOOKAHEAD = 3  # blocks after it where the profile's paragraph that names it again may sit


def mark_profiles(blocks: Sequence[Block], classes: list[str]) -> None:
    """A heading "About Jane Doe" over a paragraph that names Jane Doe again opens a profile box
    (the author's biography, or a press release's "About Acme"): like a biography, it ends the story."""
    for i, b in enumerate(blocks):
        if len(b.text) > 70 or not (m := about_heading().match(b.text)):
            continue
        name = m.group(1).rstrip(" :")
        words = name.split()
        if len(words) > PROFILE_NAME_WORDS or not all(w[0].isupper() for w in words):
            continue
        if any(len(x.text) >= PROSE_CHARS and name in x.text for x in blocks[i + 1:i + 1 + PROFILE_LOOKAHEAD]):
            classes[i], b.reason = BAD, "author-bio"


DOUBLED_MIN = 8  # the shortest phrase whose doubling is taken for an image's labels
DOUBLED_MAX = 200  # ... and the longest


def mark_doubled(blocks: Sequence[Block], classes: list[str]) -> None:
    """Text dumps: a block that starts with one phrase printed twice ("Jane Doe Jane Doe If we
    haven't met", "Neil Gaiman in 2002 Neil Gaiman in 2002") is an image's alternative text and
    title, or a teaser under them, which a renderer printed on one line."""
    for i, b in enumerate(blocks):
        if classes[i] != BAD and _starts_doubled(b.text):
            classes[i] = BAD
            b.reason = "caption"  # interrupts a story no more than an image does


def _starts_doubled(text: str) -> bool:
    """Whether the text starts with a phrase (DOUBLED_MIN to DOUBLED_MAX characters, whole
    words) followed by the same phrase again: after a space (lynx), or glued to it (w3m:
    "Shy owlShy owl", "Pamela WilsonPamela WilsonIf we haven't met")."""
    end = text.find(" ")
    if end < 0:
        return False
    word = text[:end]
    at = text.find(word, max(end, DOUBLED_MIN), DOUBLED_MAX + len(word))
    while at >= 0:
        spaced = text[at - 1] == " "
        unit = text[:at - 1] if spaced else text[:at]
        after = at + len(unit)
        if (
            len(unit) >= DOUBLED_MIN and text.startswith(unit, at)
            and (not spaced or after == len(text) or not text[after].isalnum())  # (glued: so is what follows)
        ):
            return True
        at = text.find(word, at + 1, DOUBLED_MAX + len(word))
    return False


def mark_link_lists(blocks: Sequence[Block], classes: list[str]) -> None:
    """Text dumps: a run of short list items that are not sentences is a menu or a link list."""
    for i, j in runs(blocks, ("list-item",)):
        run = blocks[i:j]
        if len(run) >= LINK_LIST_MIN:
            mean = sum(len(b.text) for b in run) / len(run)
            sentences = sum(1 for b in run if SENTENCE_END.search(_COUNT.sub("", b.text)))
            if (
                mean < LINK_LIST_CHARS and sentences < 0.3 * len(run)
                and not _item_list(run, mean) and not _introduced(blocks, classes, i)
            ):
                for k in range(i, j):
                    if classes[k] != BAD:
                        classes[k], blocks[k].reason = BAD, "link-list"


def _introduced(blocks: Sequence[Block], classes: list[str], i: int) -> bool:
    """The list starting at block i follows a line of the story that announces it ("The game
    has:", "You will need:"), not a boilerplate heading."""
    return i > 0 and classes[i - 1] != BAD and blocks[i - 1].text.endswith(":")


def _item_list(run: Sequence[Block], mean: float) -> bool:
    """Short items whose words are mostly lower-case ("8 ripe pears, peeled", "baby carrier",
    "Writing a blog post"): the story's own list, where menus and link lists are Title Case
    names and headlines. (Not lower-case identifiers: "wide-browser-and-larger".)"""
    if mean >= ITEM_LIST_CHARS or sum(1 for b in run if _IDENTIFIER.match(b.text)) * 2 >= len(run):
        return False
    cased = upper = 0
    for b in run:
        for w in WORD.findall(b.text):
            if len(w) > 3 and w[0].lower() != w[0].upper():  # (a letter with a case)
                cased += 1
                upper += w[0].isupper()
    return cased >= ITEM_LIST_WORDS and upper < ITEM_LIST_CAPITALS * cased
