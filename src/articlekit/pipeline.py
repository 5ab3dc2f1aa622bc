"""The whole pipeline, top to bottom: load -> front end -> classify -> metadata -> Article."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from collections.abc import Sequence

from lxml import etree

from . import classify, fallback, html, load, text
from .article import Article, ArticleBlock, Removed
from .blocks import Block
from .limits import Limits
from .limits import resolve as resolve_limits
from .metadata import Candidate, Metadata, html_sources, resolve
from .metadata.resolve import agree
from .metadata.text_sources import header
from .metadata.titles import loose
from .structure import article_blocks


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
    classified = [b.reason for b in blocks]  # (what metadata changes after this is its own decision)
    head = header(blocks, url, known={c.field for c in found})
    meta = resolve(found + head.candidates, now=now, url=url)
    _use_header_blocks(blocks, head.used, meta)
    title_at = next((i for i, role in head.used.items() if role == "title"), None)
    if source.kind == "text" and title_at is not None:  # (a list or a table with no prose to find it by)
        classify.story_under_headline(blocks, title_at)
    _drop_headline(blocks, [c.value for c in found + head.candidates if c.field == "title"])
    _drop_standfirst(blocks, meta)
    article = _article(source.kind, url, blocks, removed, meta, classified)
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
    return dataclasses.replace(article, text=text, provenance={**article.provenance, "text": "readability"},
                               blocks=tuple(ArticleBlock("paragraph", p) for p in paragraphs))


def _use_header_blocks(blocks: Sequence[Block], used: dict[int, str], meta: Metadata) -> None:
    """Blocks that gave the title, byline, standfirst or dateline are not body text."""
    title = meta.values.get("title")
    for i, role in used.items():
        if role == "title" and not (title and agree(blocks[i].text, title)):
            continue
        blocks[i].reason = role
    if title and (headline := loose(title)):
        for b in blocks:
            if b.kind == "heading" and b.reason is None and loose(b.text) == headline:
                b.reason = "title"
        # the body's first block is the headline itself, whatever markup it got (a list item, a cell)
        lead = next((b for b in blocks if b.reason is None), None)
        if lead is not None and loose(lead.text) == headline:
            lead.reason = "title"


HEADLINE_WINDOW = 3  # the first body blocks among which the page's headline may still sit


def _drop_headline(blocks: Sequence[Block], titles: list[str]) -> None:
    """The visible headline is not body, even when another of the page's titles was chosen
    (og:title "Sweden drops Assange rape investigation" over the h1 "Julian Assange: …")."""
    headlines = {loose(t) for t in titles} - {""}
    body = [b for b in blocks if b.reason is None][:HEADLINE_WINDOW]
    for b in body:
        if b.kind == "heading" and loose(b.text) in headlines:  # (agreeing both ways: equal)
            b.reason = "title"
            return


STANDFIRST_WINDOW = 3  # blocks after the headline where a standfirst may sit
STANDFIRST_CHARS = 400


def _drop_standfirst(blocks: Sequence[Block], meta: Metadata) -> None:
    """The standfirst (dek) under the headline repeats the page's description: it is the
    description, not the body's first paragraph."""
    description = meta.values.get("description")
    if not description:
        return
    start = next((i + 1 for i, b in enumerate(blocks) if b.reason == "title"), None)
    if start is None:
        start = next((i for i, b in enumerate(blocks) if b.reason is None), len(blocks))
    for i in range(start, min(start + STANDFIRST_WINDOW, len(blocks))):
        b = blocks[i]
        if b.reason is None and len(b.text) <= STANDFIRST_CHARS and _repeats(description, b.text):
            if _apart_from_story(blocks, i):
                b.reason = "description"
            return


def _apart_from_story(blocks: Sequence[Block], i: int) -> bool:
    """A dek is a heading, or sits outside the container of the paragraphs that follow it;
    a lead paragraph that the page also uses as its description shares their parent."""
    b = blocks[i]
    if b.kind == "heading" or not b.path:
        return True
    after = next((x for x in blocks[i + 1:] if x.reason is None and x.kind == "paragraph"), None)
    return after is None or after.path[:-1] != b.path[:-1]


def _repeats(description: str, text: str) -> bool:
    """The description is this text, give or take a short site suffix ("… — www.site.ru")."""
    d, t = loose(description), loose(text)
    return bool(t) and d.startswith(t) and len(d) - len(t) <= 30


_METADATA_REASONS = frozenset({"title", "byline", "description", "date"})


def _article(
    kind: load.SourceKind, url: str | None, blocks: Sequence[Block], removed: list[Removed],
    meta: Metadata, classified: Sequence[str | None],
) -> Article:
    """`removed`: the pruned subtrees; `classified`: each block's reason after classification."""
    v = meta.values
    byline = next((b.text for b in blocks if b.reason == "byline"), None)
    removed = [Removed(r.text, r.reason, "prune") for r in removed]
    kept: list[Block] = []
    for b, first in zip(blocks, classified, strict=True):
        if b.reason is None:
            kept.append(b)
        else:
            stage = "metadata" if b.reason in _METADATA_REASONS and b.reason != first else "classify"
            removed.append(Removed(b.text, b.reason, stage, len(kept)))
    return Article(
        text="\n\n".join(b.text for b in kept),
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
        blocks=article_blocks(kept),
    )
