"""What the classifier's passes share: the classes a block can get, and the shapes of text
(words, sentence ends) and of a block list (runs of one kind) that more than one pass reads."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..blocks import Block

GOOD, NEAR, SHORT, BAD = "good", "near", "short", "bad"
SHORT_CHARS = 50  # below this a block is too short to judge alone
PROSE_CHARS = 120  # above this, with stop words and few links, a block is prose
LIST_MAX_LINKS = 0.3  # a list whose text is more than this share links is a link list
WORD = re.compile(r"\w+")
SENTENCE_END = re.compile(r"[.!?。！？…:;\"”»)]\s*$")
SENTENCE = re.compile(r"\w[.!?。！？](?:\s|$)")


def runs(blocks: Sequence[Block], kinds: tuple[str, ...]) -> list[tuple[int, int]]:
    """[lo, hi) ranges of consecutive blocks of the given kinds."""
    out, lo = [], None
    for i, b in enumerate(blocks):
        if b.kind in kinds:
            lo = i if lo is None else lo
        elif lo is not None:
            out.append((lo, i))
            lo = None
    if lo is not None:
        out.append((lo, len(blocks)))
    return out
