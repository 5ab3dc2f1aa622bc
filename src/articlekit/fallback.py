"""The body fallback: a named cascade for the HTML page where our first pass finds (almost) no body.

A page that shows prose must never come back empty. When the first pass (stage "blocks") keeps
less than MIN_BODY characters, the cascade tries, in order, until one finds clearly more:
1. "no-names": the page again, without pruning by the class/id vocabulary (a story inside a
   "widget" or a "sidebar-content" wrapper that our names took for boilerplate): names are the
   weakest evidence we prune on;
2. "readability": readability-lxml's candidate, an independent second opinion. Its summary is a
   subtree of the page, so its text is still the page's own text. It costs more parses (of the
   page, and of readability's serialised summary) and readability's scoring;
3. "unpruned": the page again with no pruning at all (hidden and semantic boilerplate too), the
   classifier alone deciding: the last resort, for pages too large for readability.
A stage's body is taken when it holds at least MIN_BODY characters and twice the body so far.
When "no-names" is taken, readability is asked all the same, and its candidate gives the body
instead when it holds OUTWEIGHS times the prose (`outweighs`): two independent passes, the one
that found the story wins over one that found a promotion box.
When the body is still empty, readability's candidate is taken whatever its length if it reads
as a short post (`reads_as_post`). `Article.provenance["text"]` names the stage that gave the
body. A text dump has one stage, "all-prose": the story run's restriction lifted (`whole_text`).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from lxml import etree, html

from . import classify
from . import html as front
from .blocks import Block
from .classify import template
from .folding import unhyphenated
from .limits import Limits

MIN_BODY = 200  # below this many characters of body, the cascade runs ...
MIN_PROSE = 400  # ... if the page shows at least this much text in blocks of a few words
MIN_WORDS = 8  # a line of prose, not a label or a list entry
MAX_PAGE = 500_000  # readability-lxml is quadratic in its elements: it reads pages up to this size
OUTWEIGHS = 2.0  # readability's candidate replaces our relaxed pass's when its prose is this many times more
DENSE_WORD_CHARS = 2  # characters a word of a script without spaces (CJK) has, on average
SPACED_CHARS = 12  # a line with a space per this many characters is written with spaces between words
_DENSE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")  # kana, CJK, hangul
_WORD = re.compile(r"\w+")
TEMPLATE_REPEATS = 3  # blocks alike but for their numbers, this many times: a listing, not prose
_RAW_TEXT = ("xmp", "plaintext", "script", "style", "noscript", "template", "textarea", "iframe")
_BLOCKS = ("p", "li", "h2", "h3", "h4", "blockquote", "pre", "td", "dd")


def stages(page_html: str, titles: Sequence[str], limits: Limits, *, degraded: bool) -> Iterator[tuple[str, list[str]]]:
    """The cascade after the first pass, in order: each stage's name and body paragraphs, each
    run only when the one before it was not taken. Not readability on a page brought within a
    limit (`degraded`): it would parse the raw page again, without the limits."""
    yield "no-names", relaxed(page_html, "no-names", titles, limits)
    if not degraded:
        yield "readability", second_opinion(page_html)
    yield "unpruned", relaxed(page_html, "none", titles, limits)


def takes(text: str, kept: str) -> bool:
    """A stage's body is taken when it holds MIN_BODY characters and twice the body so far."""
    return len(text) >= max(MIN_BODY, 2 * len(kept))


def outweighs(candidate: Sequence[str], taken: Sequence[str]) -> bool:
    """Whether readability's candidate holds clearly more prose than the stage taken."""
    return prose_chars(candidate) >= OUTWEIGHS * max(1, prose_chars(taken))


def prose_chars(paragraphs: Iterable[str]) -> int:
    """The characters of the paragraphs that are lines of prose (`is_prose_line`)."""
    return sum(len(p) for p in paragraphs if is_prose_line(p))


def is_prose_line(text: str) -> bool:
    """A line of MIN_WORDS words or more; in a script without spaces (CJK), the words counted
    by its characters."""
    if _has_words(text):
        return True
    if text.count(" ") * SPACED_CHARS >= len(text) or len(text) // DENSE_WORD_CHARS < MIN_WORDS:
        return False
    return len(_DENSE.findall(text)) * 2 >= len(text)  # (not 'Datenschutzerklärung' or a URL)


def _has_words(text: str) -> bool:
    """A line of MIN_WORDS space-separated words or more."""
    return text.count(" ") >= MIN_WORDS - 1


def relaxed(page_html: str, pruning: front.Pruning, titles: Sequence[str], limits: Limits) -> list[str]:
    """The body of our own pass over the page again, with pruning relaxed to `pruning`."""
    tree = front.parse(page_html, limits)
    walked = front.elements(tree, front.NEVER_TEXT)
    parsed = front.blocks(tree, front.index(tree, walked), titles=titles, pruning=pruning)
    classify.label(parsed.blocks)
    return [b.text for b in parsed.blocks if b.reason is None]


_LOST_ON_LENGTH = frozenset({"too-short", "not-prose", "outside-main"})
LABEL_WORDS = 3  # a line of this many words that ends in a colon is a label ('Gefällt mir:')


def may_be_post(blocks: Sequence[Block]) -> bool:
    """Whether a short post could be there to find: a line of MIN_WORDS words that our pass
    dropped only for its length or place (else readability is not worth asking)."""
    return any(b.reason in _LOST_ON_LENGTH and _has_words(b.text) for b in blocks)


def reads_as_post(paragraphs: Sequence[str], blocks: Sequence[Block]) -> bool:
    """A body too short for the cascade's MIN_BODY is still worth giving when nothing else was
    found: a short post ('„Ich weiß, ich bin betrunken …“ – „Dann sag es nicht.“'). Readability's
    paragraphs are one when a line of them has MIN_WORDS words and each such line is a block our
    pass saw and dropped only for its length or place (never for a reason that names it
    boilerplate: a sidebar's tagline, a browser notice, a list of links)."""
    long = [p for p in paragraphs if _has_words(p)]
    lost = {b.text for b in blocks if b.reason in _LOST_ON_LENGTH}
    return bool(long) and all(p in lost for p in long)


def without_labels(paragraphs: Sequence[str]) -> list[str]:
    """The paragraphs without the labels among them ('Gefällt mir:', 'Share:')."""
    return [p for p in paragraphs if not (p.endswith(":") and p.count(" ") < LABEL_WORDS)]


def whole_text(blocks: Sequence[Block]) -> str:
    """A text dump's cascade, when its story run kept under MIN_BODY characters: every block
    that lost only for lying outside the run (prose, or content beside prose), if that is
    clearly more; else ""."""
    kept = "\n\n".join(b.text for b in blocks if b.reason is None)
    lines = [b.text for b in blocks if b.reason is None or b.reason == "outside-main"]
    text = "\n\n".join(lines)
    return text if takes(text, kept) and worth_asking(lines) else ""


def worth_asking(texts: Iterable[str]) -> bool:
    """Only a page with prose that we failed to keep deserves the cascade. `texts`: every text
    the first pass saw, its blocks and the subtrees it pruned."""
    long = [t for t in texts if is_prose_line(t)]
    # Search results and product grids repeat one template ("example.com/3 … page 3 of …"):
    # many lines of words, but a listing, which a second opinion would turn into a "body".
    shapes = [template(t) for t in long]
    seen = Counter(shapes)
    prose = sum(len(t) for t, shape in zip(long, shapes, strict=True) if seen[shape] < TEMPLATE_REPEATS)
    return prose >= MIN_PROSE


def second_opinion(page_html: str) -> list[str]:
    """readability-lxml's article paragraphs, or [] when it finds nothing either."""
    from readability import Document

    try:
        page = html.fromstring(page_html)
        # readability serialises and re-parses its summary: raw-text elements (<xmp>, <plaintext>)
        # would come back as entity text. Drop them, and keep only paragraphs of the page's words.
        etree.strip_elements(page, *_RAW_TEXT, with_tail=False)
        page_words = set(_WORD.findall(_text(page)))
        markup = etree.tostring(page, encoding="unicode")
        if len(markup) > MAX_PAGE:
            return []
        summary = Document(markup).summary(html_partial=True)
        root = html.fromstring(summary) if summary.strip() else None
    except (etree.ParserError, etree.XMLSyntaxError, ValueError, TypeError) as exc:
        logging.getLogger(__name__).debug("readability failed: %s", exc)
        return []
    if root is None:
        return []
    paragraphs = [" ".join(_text(el).split()) for el in root.iter(*_BLOCKS)]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        whole = " ".join(_text(root).split())
        paragraphs = [whole] if whole else []
    return [p for p in paragraphs if page_words.issuperset(_WORD.findall(p))]


def _text(el: etree._Element) -> str:
    """An element's text with a space between text nodes: `text_content()` glues the last word
    of one block to the first of the next ("said" + "and was" -> "saidand was"). Without soft
    hyphens, as our own blocks are."""
    return unhyphenated(" ".join(el.itertext()))
