"""Classify: decide for every block whether it is body text, and if not, why.

Three passes, in the spirit of jusText, then where the story is, as Readability finds it:
1. `opinion`: each block alone: boilerplate phrase, button, link-dense, short, prose; then
   `marks` that read several blocks (repeated lines, profile boxes, doubled labels, link lists).
2. `context`: short and uncertain blocks take the side of their neighbours, so a prompt
   between two story paragraphs goes while a short story paragraph stays; a comment thread,
   an author's biography or a list of sources ends the story.
3. Where the story is: on HTML the element that holds it (`container`); in a text dump the run
   of blocks with the most prose and the least boilerplate (`run`). Prose outside it goes.
Every block that is not content ends with a `reason`.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..blocks import Block
from ..phrases import phrase_reason
from .common import BAD, GOOD, NEAR, SENTENCE_END, SHORT, WORD
from .container import main_container, story_of_headline
from .context import cut_comments, use_context
from .marks import mark_doubled, mark_link_lists, mark_profiles, mark_repeated
from .opinion import SAMPLE_CHARS, first_opinion, split_words, stopword_signal
from .run import is_lone, main_run, story_under_headline, template

__all__ = [
    "BAD",
    "GOOD",
    "NEAR",
    "SHORT",
    "WORD",
    "is_lone",
    "label",
    "phrase_reason",
    "split_words",
    "story_of_headline",
    "story_under_headline",
    "template",
]

ANCHOR_WORDS = 8  # on a page without prose, a sentence of this many words is its prose, not a label


def label(blocks: Sequence[Block]) -> None:
    """Set `reason` on each block that is not body text (None = keep)."""
    if not blocks:
        return
    use_stops, split = stopword_signal(blocks)  # (the blocks it split are not split again)
    classes = [
        first_opinion(b, use_stops, split[i] if i in split else split_words(b.text[:SAMPLE_CHARS]))
        for i, b in enumerate(blocks)
    ]
    if GOOD not in classes:
        _anchor_short_prose(blocks, classes)
    is_html = any(b.path for b in blocks)
    if not is_html:  # HTML has no renderer doubling alt texts
        mark_doubled(blocks, classes)  # (first: an image's label printed under each photo is a caption)
    mark_repeated(blocks, classes)
    mark_profiles(blocks, classes)
    if not is_html:  # HTML has link density for this
        mark_link_lists(blocks, classes)
    first = list(classes)
    use_context(blocks, classes)
    cut_comments(blocks, classes)
    if is_html:
        main_container(blocks, first)
    else:
        main_run(blocks, classes, first)


def _anchor_short_prose(blocks: Sequence[Block], classes: list[str]) -> None:
    """A page without one block long enough to be prose alone (a short post of two-line
    paragraphs) would lose all of them to context: its sentences are its prose."""
    for i, b in enumerate(blocks):
        if classes[i] == NEAR and SENTENCE_END.search(b.text) and len(WORD.findall(b.text)) >= ANCHOR_WORDS:
            classes[i] = GOOD
