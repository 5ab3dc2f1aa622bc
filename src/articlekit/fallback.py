"""A second opinion for the rare HTML page where our own pass finds (almost) no body.

readability-lxml scores the page its own way; its summary is a subtree of the page, so its text
is still the page's own text. It costs more parses (of the page, and of readability's
serialised summary) and readability's scoring, so it runs only when it can matter.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence

from lxml import etree, html

from .blocks import Block
from .classify import template

MIN_BODY = 200  # below this many characters of body, ask for a second opinion ...
MIN_PROSE = 400  # ... if the page shows at least this much text in blocks of a few words ...
MIN_WORDS = 8  # a line of prose, not a label or a list entry
MAX_PAGE = 500_000  # ... and is small enough: readability-lxml is quadratic in its elements
_WORD = re.compile(r"\w+")
TEMPLATE_REPEATS = 3  # blocks alike but for their numbers, this many times: a listing, not prose
_RAW_TEXT = ("xmp", "plaintext", "script", "style", "noscript", "template", "textarea", "iframe")
_BLOCKS = ("p", "li", "h2", "h3", "h4", "blockquote", "pre", "td", "dd")


def worth_asking(page_html: str, blocks: Sequence[Block]) -> bool:
    """Only a page with prose that we failed to keep deserves a second (costly) opinion."""
    if len(page_html) > MAX_PAGE:
        return False
    long = [b.text for b in blocks if b.text.count(" ") >= MIN_WORDS - 1]
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
        summary = Document(etree.tostring(page, encoding="unicode")).summary(html_partial=True)
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
    of one block to the first of the next ("said" + "and was" -> "saidand was")."""
    return " ".join(el.itertext())
