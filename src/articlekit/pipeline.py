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
from .limits import Limits, fit_tree
from .limits import resolve as resolve_limits
from .metadata import Candidate, Metadata, html_sources, resolve
from .metadata.header import header
from .outline import ArticleBlock
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
    Raises `UnreadableInput` when the input cannot be read (its subclass `InputTooLarge` above
    `max_bytes`); a page over another limit is brought within it and `Article.warnings` says how;
    a readable page without an article gives an Article with empty `text`.
    """
    limits = resolve_limits(limits, max_bytes)
    source = load.read(page, content_type=content_type, limits=limits)
    removed: list[Removed] = []
    found: list[Candidate] = []
    declared: list[str] = []
    warnings: list[str] = []  # how the page was brought within the limits
    if source.kind == "html":
        if source.tree is not None:
            tree = copy.deepcopy(source.tree)
            warnings = fit_tree(tree, limits)
        else:
            tree, warnings = html.parse_page(source.text, limits, source.utf8)
        walked = html.elements(tree, (*html.NEVER_TEXT, *html_sources.TAGS))  # one walk for the two below
        found = html_sources.declared(tree, url, walked)  # first: JSON-LD sits in <script>
        marks = html.index(tree, walked)  # one walk: what pruning and microdata look for
        authors_known = any(c.field == "authors" for c in found)
        found += html_sources.in_page(marks.itemprops, marks.bylines, authors_known=authors_known, hatom=marks.hatom)
        declared = [str(c.value) for c in found if c.field == "title" and c.source != "h1"]
        parsed = html.blocks(tree, marks, titles=declared)
        blocks, removed = parsed.blocks, parsed.pruned
    else:
        blocks = text.blocks(source.text)
    classify.label(blocks)
    classified = [b.reason for b in blocks]  # (what metadata changes after this is its own decision)
    languages = [str(c.value) for c in found if c.field == "language"]
    head = header(blocks, url, known={c.field for c in found}, languages=languages, pruned=[r.text for r in removed])
    meta = resolve(found + head.candidates, now=now, url=url)
    header_out.take_out(source.kind, blocks, head, found, meta)
    article = _article(source.kind, url, blocks, removed, meta, classified)
    if warnings:
        article = dataclasses.replace(article, warnings=tuple(warnings))
    if len(article.text) < fallback.MIN_BODY:
        if source.kind == "html":
            article = _fall_back(article, source, blocks, removed, declared, limits, degraded=bool(warnings))
        elif whole := fallback.whole_text(blocks):
            article = _with_body(article, whole.split("\n\n"), "all-prose")
    return article


def _fall_back(
    article: Article, source: load.Source, blocks: Sequence[Block], removed: Sequence[Removed],
    titles: Sequence[str], limits: Limits, *, degraded: bool,
) -> Article:
    """When our pass finds almost no body on a page that shows prose, the fallback cascade
    (fallback.py): our pass with pruning relaxed step by step, then readability-lxml's
    candidate; the first that finds clearly more gives the body, and names itself, unless
    readability's holds clearly more prose than our relaxed pass's (`fallback.outweighs`)."""
    shown = {loose(x) for x in (article.title, article.description, article.byline) if x}
    asked: dict[str, list[str]] = {}  # each stage's paragraphs, as the cascade ran them
    if fallback.worth_asking([*(b.text for b in blocks), *(r.text for r in removed)]):
        page = _page_text(source)
        for name, found in fallback.stages(page, titles, limits, degraded=degraded):
            asked[name] = found
            paragraphs = [p for p in found if loose(p) not in shown]
            if fallback.takes("\n\n".join(paragraphs), article.text):
                if name == "no-names" and not degraded:  # the second opinion all the same: the
                    # relaxed pass may have found a promotion where readability finds the story
                    other = [p for p in fallback.second_opinion(page) if loose(p) not in shown]
                    if fallback.outweighs(other, paragraphs) and fallback.takes("\n\n".join(other), article.text):
                        name, paragraphs = "readability", other
                return _with_body(article, paragraphs, name)
    # A short post: readability's candidate, if it reads as one (asked only when a line our pass
    # dropped for its length could be one).
    if not article.text and not degraded and fallback.may_be_post(blocks):
        found = asked["readability"] if "readability" in asked else fallback.second_opinion(_page_text(source))
        paragraphs = [p for p in found if loose(p) not in shown]
        if fallback.reads_as_post(paragraphs, blocks):
            return _with_body(article, fallback.without_labels(paragraphs), "readability")
    return article


def _page_text(source: load.Source) -> str:
    return source.text or etree.tostring(source.tree, encoding="unicode")


def _with_body(article: Article, paragraphs: list[str], stage: str) -> Article:
    """The article with the body a fallback stage gave (plain paragraphs), named in provenance."""
    return dataclasses.replace(
        article, text="\n\n".join(paragraphs), provenance={**article.provenance, "text": stage},
        blocks=tuple(ArticleBlock("paragraph", p) for p in paragraphs),
    )


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
        provenance={**meta.provenance, "text": "blocks"},
        blocks=article_blocks(kept),
    )
