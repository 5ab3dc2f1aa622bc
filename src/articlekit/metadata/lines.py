"""What kind of line a block is, as the headline and header finders ask it: prose, a photo's
caption, a meta line (a byline or a dateline), and the blocks around a place nearest first."""

from __future__ import annotations

import re
from functools import lru_cache

from ..blocks import Block
from ..dates import find_date
from .byline import META_LINE_CHARS, looks_like_byline

SENTENCE_END = re.compile(r"[.!?。！？:]$")
SEGMENTS = re.compile(r"\s+[|/–—·•]\s+|\s*[|·•]\s*|\s+-\s+")
_SEGMENT_CHARS = re.compile(r"[|/–—·•-]")  # each separator SEGMENTS splits at holds one of these
# A URL, a Markdown link or image, script: (each alternative opens with a character the regex
# engine can scan for, a literal one: '[{}]' in the branches made it try every position; a line
# opening with '[' is matched apart)
_MARKUP = re.compile(r"https?:|www\.|%2[Ff]|\]\(|\{|\}|/(?<=\w/)\w+/\w|\(\)")
_MARKUP_START = re.compile(r"\s*!?\[")
_CREDIT = re.compile(r"\([^()]*[:/][^()]*\)")
PROMPT_REASONS = frozenset({
    "skip-link", "comment-prompt", "navigation", "share", "newsletter", "advertisement",
    "legal", "login", "button",
})
# Blocks a page puts between its headline and its story that say nothing about the distance:
WIDGET_REASONS = frozenset({
    "share", "button", "decoration", "caption", "dateline", "byline", "date", "advertisement",
    "newsletter", "login", "skip-link",
})
# '(AP Photo/Alex Brandon)', '(Foto: Jane Doe)' closing the line; not a time '(07:05 pm ET)' nor a
# date '(Unverändert gültig seit: 05.11.2021)': a credit holds no digit
_PHOTO_CREDIT_END = re.compile(r"\([^()\d]*(?:[^\W\d_]\s*/|[^\W\d_]:\s)[^()\d]*\)[\s.]*$")


def has_markup(text: str) -> bool:
    """A URL, a Markdown link or image, script ('{', '()') in the line."""
    return _MARKUP_START.match(text) is not None or _MARKUP.search(text) is not None


def photo_dated(text: str) -> bool:
    """A caption whose date is the photo's: '…＝ワシントンで2025年1月13日、AP', '…, Friday, Aug. 30,
    2024, in Johnstown, Pa. (AP Photo/Alex Brandon)' (a credit that ends the line; a time after
    it is the story's: '(Bild: dpa) 13:37 Uhr')."""
    return "＝" in text or _PHOTO_CREDIT_END.search(text) is not None


def is_caption(text: str) -> bool:
    """'… (AP Photo/Alex Brandon)', '…＝13日、気象庁' (the Japanese press's caption sign): a
    photo's caption, whatever date it names."""
    return "＝" in text or _CREDIT.search(text) is not None


@lru_cache(maxsize=4096)
def is_meta_line(text: str) -> bool:
    if len(text) > META_LINE_CHARS:
        return False
    return looks_like_byline(text) or find_date(text) is not None


@lru_cache(maxsize=4096)  # (each byline finder splits the same lines under the headline)
def segments(text: str) -> tuple[str, ...]:
    """`SEGMENTS.split(text)`; a line with none of the separators' characters is one segment
    (a set scan: the split tries its three alternatives at every character)."""
    if _SEGMENT_CHARS.search(text) is None:
        return (text,)
    return tuple(SEGMENTS.split(text))


def by_distance(centre: int, n: int, *, above: int, below: int) -> list[int]:
    """Indexes around `centre`, nearest first; at equal distance the one below."""
    around = [i for i in range(centre - above, centre + below + 1) if 0 <= i < n and i != centre]
    return sorted(around, key=lambda i: (abs(i - centre) + (0.5 if i < centre else 0)))


def is_prose(block: Block) -> bool:
    return len(block.text) >= 60 and block.text.rstrip().endswith((".", "!", "?", "…", "。", '"', "”"))
