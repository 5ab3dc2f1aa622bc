"""The whole pipeline, top to bottom: load -> front end -> classify -> metadata -> Article."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from collections.abc import Sequence

from lxml import etree

from . import classify, fallback, header_out, html, load, text
from .article import Article, Removed
from .blocks import Block
from .folding import loose
from .limits import Limits
from .limits import resolve as resolve_limits
from .metadata import Candidate, Metadata, html_sources, resolve
from .metadata.header import header


def extract(
    page: object,
    *,
    url: str | None = None,
    content_type: str | None = None,
    max_bytes: int | None = None,
    now: dt.datetime | None = None,
    limits: Limits | None = None,
) -> Article:
    """Extract the article from a page: HTML or a plain-text dump, as bytes, str, a Path, a
    binary file, a BeautifulSoup object or an lxml element.

    `url` is the page's address (used for relative metadata and dates in the URL);
    `content_type` an HTTP Content-Type header whose charset is trusted after a BOM;
    `now` the reference time beyond which dates are implausible (default: the clock).
    `limits` bounds the work per page (`articlekit.limits.Limits`: size, nesting, elements);
    `max_bytes`, if given, overrides `limits.max_bytes`.
    Raises `UnreadableInput` (or its subclass `InputTooLarge`, naming the limit) when the input
    cannot be read; a readable page without an article gives an Article with empty `text`.
    """
    limits = resolve_limits(limits, max_bytes)
    source = load.read(page, content_type=content_type, limits=limits)
    removed: list[Removed] = []
    found: list[Candidate] = []
    if source.kind == "html":
        tree = copy.deepcopy(source.tree) if source.tree is not None else html.parse(source.text, limits, source.utf8)
        walked = html.elements(tree, (*html.NEVER_TEXT, *html_sources.TAGS))  # one walk for the two below
        found = html_sources.declared(tree, url, walked)  # first: JSON-LD sits in <script>
        marks = html.index(tree, walked)  # one walk: what pruning and microdata look for
        authors_known = any(c.field == "authors" for c in found)
        found += html_sources.in_page(marks.itemprops, marks.bylines, authors_known=authors_known)
        declared = [str(c.value) for c in found if c.field == "title" and c.source != "h1"]
        parsed = html.blocks(tree, marks, titles=declared)
        blocks, removed = parsed.blocks, parsed.pruned
    else:
        blocks = text.blocks(source.text)
    classify.label(blocks)
    languages = [str(c.value) for c in found if c.field == "language"]
    head = header(blocks, url, known={c.field for c in found}, languages=languages)
    meta = resolve(found + head.candidates, now=now, url=url)
    header_out.take_out(source.kind, blocks, head, found, meta)
    article = _article(source.kind, url, blocks, removed, meta)
    if source.kind == "html" and len(article.text) < fallback.MIN_BODY:
        article = _second_opinion(article, source, blocks)
    return article


def _second_opinion(article: Article, source: load.Source, blocks: Sequence[Block]) -> Article:
    """When our pass finds almost no body, readability-lxml's is used if it finds clearly more."""
    page = source.text or etree.tostring(source.tree, encoding="unicode")
    if not fallback.worth_asking(page, blocks):
        return article
    shown = {loose(x) for x in (article.title, article.description, article.byline) if x}
    paragraphs = [p for p in fallback.second_opinion(page) if loose(p) not in shown]
    text = "\n\n".join(paragraphs)
    if len(text) < max(fallback.MIN_BODY, 2 * len(article.text)):
        return article
    return dataclasses.replace(article, text=text, provenance={**article.provenance, "text": "readability"})


def _article(
    kind: load.SourceKind, url: str | None, blocks: Sequence[Block], removed: list[Removed],
    meta: Metadata,
) -> Article:
    v = meta.values
    byline = next((b.text for b in blocks if b.reason == "byline"), None)
    removed += [Removed(b.text, b.reason) for b in blocks if b.reason is not None]
    return Article(
        text="\n\n".join(b.text for b in blocks if b.reason is None),
        kind=kind,
        title=v.get("title"),
        byline=byline,
        authors=tuple(v.get("authors", ())),
        date=v.get("date"),
        modified=v.get("modified"),
        description=v.get("description"),
        site_name=v.get("site_name"),
        language=v.get("language"),
        url=url,
        canonical_url=v.get("canonical_url"),
        image=v.get("image"),
        tags=tuple(v.get("tags", ())),
        removed=tuple(removed),
        provenance=meta.provenance,
    )
