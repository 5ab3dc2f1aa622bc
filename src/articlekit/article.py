"""The typed result of an extraction."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

from .outline import ArticleBlock

Kind = Literal["html", "text"]
DateValue = dt.date | dt.datetime


@dataclass(frozen=True, slots=True)
class Removed:
    """A block left out of the body, with the machine-readable reason why.

    `stage` says which step decided: "prune" (an HTML subtree dropped before the page was cut
    into blocks), "classify" or "metadata" (the block became the title, byline...). `at` is
    where the block stood: the number of body paragraphs (`Article.paragraphs`) before it;
    None for pruned subtrees, which never became blocks.
    """

    text: str
    reason: str
    stage: str = ""
    at: int | None = None


def _empty_provenance() -> Mapping[str, str]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Article:
    """One extracted article. `text` is the body: paragraphs separated by one blank line."""

    text: str
    kind: Kind
    title: str | None = None
    byline: str | None = None
    authors: tuple[str, ...] = ()
    date: DateValue | None = None
    modified: DateValue | None = None
    description: str | None = None
    site_name: str | None = None
    language: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    image: str | None = None
    tags: tuple[str, ...] = ()
    removed: tuple[Removed, ...] = ()
    provenance: Mapping[str, str] = field(default_factory=_empty_provenance)
    warnings: tuple[str, ...] = ()
    """One message per limit the page went over and how it was handled (extra attributes dropped,
    deep nesting flattened, markup unwrapped), naming the limit and the numbers; empty for
    almost every page."""
    blocks: tuple[ArticleBlock, ...] = ()  # the body with its structure (see ArticleBlock)

    @property
    def paragraphs(self) -> list[str]:
        return self.text.split("\n\n") if self.text else []

    def to_dict(self, *, explain: bool = True, blocks: bool = False) -> dict[str, Any]:
        """Plain JSON-ready dict; dates as ISO 8601. `explain=False` leaves out `removed`;
        `blocks=True` adds `blocks` (each `ArticleBlock.to_dict()`), left out by default since
        it repeats the text."""
        out: dict[str, Any] = {
            "url": self.url,
            "title": self.title,
            "byline": self.byline,
            "authors": list(self.authors),
            "date": _iso(self.date),
            "modified": _iso(self.modified),
            "description": self.description,
            "site_name": self.site_name,
            "language": self.language,
            "canonical_url": self.canonical_url,
            "image": self.image,
            "tags": list(self.tags),
            "kind": self.kind,
            "text": self.text,
            "provenance": dict(self.provenance),
            "warnings": list(self.warnings),
        }
        if explain:
            out["removed"] = [{"text": r.text, "reason": r.reason} for r in self.removed]
        if blocks:
            out["blocks"] = [b.to_dict() for b in self.blocks]
        return out

    def to_json(self, *, explain: bool = True, blocks: bool = False, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(explain=explain, blocks=blocks), ensure_ascii=False, indent=indent)

    def to_markdown(self, *, links: bool = False, images: bool = False, tables: bool = True) -> str:
        """The article as CommonMark (tables as GFM pipe tables): see `articlekit.render`."""
        from .render import markdown

        return markdown(self, links=links, images=images, tables=tables)

    def to_html(self, *, links: bool = False, images: bool = False) -> str:
        """The article as a minimal, escaped HTML5 document: see `articlekit.render`."""
        from .render import html_document

        return html_document(self, links=links, images=images)


def _iso(value: DateValue | None) -> str | None:
    return value.isoformat() if value is not None else None
