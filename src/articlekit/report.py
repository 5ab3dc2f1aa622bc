"""An `Article` as a self-contained HTML report of the extraction (`articlekit explain`): the page's
blocks in page order, each kept or removed with its reason and stage, the metadata with where each
field came from, the stage that gave the body, the warnings, and a bar of how much of the page's
text each reason removed.

Every string from the page is escaped (quotes too) and the report has no scripts, no links and no
external resources: inline CSS only, so a hostile page cannot make the report run anything.
"""

from __future__ import annotations

import datetime as dt
import html
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .article import Article, Removed

FIRST_PASS = "blocks"  # provenance["text"] of a body our own first pass kept (fallback.py names the others)
METADATA_FIELDS = ("title", "byline", "authors", "date", "modified", "description", "site_name", "language",
                   "url", "canonical_url", "image", "tags")
_KEPT_COLOUR = "#4a8f4a"

_CSS = ("body{max-width:60em;margin:2em auto;padding:0 1em;font:15px/1.5 system-ui,sans-serif;color:#222}"
        "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em;"
        "text-align:left;vertical-align:top}.bar{display:flex;height:1.6em;border:1px solid #999;margin:.5em 0}"
        ".bar span{display:block;flex:none;height:100%}.swatch{display:inline-block;width:.9em;height:.9em;"
        "margin-right:.3em;vertical-align:middle}ol.blocks{padding-left:2.5em}ol.blocks li{margin:.3em 0;"
        "padding:.2em .5em}li.kept{border-left:4px solid #4a8f4a}li.removed{border-left:4px solid #b55;"
        "color:#666;background:#f7f3f3}.reason,.stage,.verdict{font:12px monospace;padding:0 .3em;"
        "border:1px solid #bbb;margin-right:.3em}.none{color:#999}.note{color:#555}")


class Row(NamedTuple):
    """One block of the report: a kept body paragraph (`removed` None) or a removed block."""

    text: str
    removed: Removed | None


def html_report(article: Article) -> str:
    """The report as one HTML5 document (see the module's docstring)."""
    rows, unplaced = page_rows(article)
    title = f"articlekit explain: {article.title}" if article.title else "articlekit explain"
    sections = [
        f"<h1>{_esc(title)}</h1>",
        _overview(article),
        _summary([*rows, *(Row(r.text, r) for r in unplaced)]),
        _metadata(article),
        _warnings(article.warnings),
        _blocks(rows, article),
        _pruned(unplaced),
    ]
    lang = f' lang="{_esc(article.language)}"' if article.language else ""
    return (f'<!DOCTYPE html>\n<html{lang}>\n<head>\n<meta charset="utf-8">\n<title>{_esc(title)}</title>\n'
            f"<style>{_CSS}</style>\n</head>\n<body>\n" + "\n".join(s for s in sections if s)
            + "\n</body>\n</html>\n")


def page_rows(article: Article) -> tuple[list[Row], list[Removed]]:
    """The body paragraphs and the removed blocks in page order, and the removed entries with no
    place among them (pruned subtrees: dropped before the page was cut into blocks).

    `Removed.at` counts the first pass's body paragraphs before a block. When a fallback stage
    gave the body instead, those counts do not index it: its paragraphs come first, then what the
    first pass removed that is not in the new body, in the first pass's order."""
    paragraphs = article.paragraphs
    placed = sorted((r for r in article.removed if r.at is not None), key=lambda r: r.at or 0)
    unplaced = [r for r in article.removed if r.at is None]
    if article.provenance.get("text", FIRST_PASS) != FIRST_PASS:
        body = set(paragraphs)
        rows = [Row(p, None) for p in paragraphs] + [Row(r.text, r) for r in placed if r.text not in body]
        return rows, [r for r in unplaced if r.text not in body]
    rows, taken = [], 0
    for r in placed:
        at = min(r.at or 0, len(paragraphs))
        rows += [Row(p, None) for p in paragraphs[taken:at]]
        taken = at
        rows.append(Row(r.text, r))
    rows += [Row(p, None) for p in paragraphs[taken:]]
    return rows, unplaced


def chars_by_reason(rows: Iterable[Row]) -> Counter[str]:
    """Characters of text per reason; the kept paragraphs under "kept"."""
    counts: Counter[str] = Counter()
    for row in rows:
        counts[row.removed.reason if row.removed else "kept"] += len(row.text)
    return counts


def _overview(article: Article) -> str:
    stage = article.provenance.get("text", FIRST_PASS)
    if stage == FIRST_PASS:
        how = "the first pass (stage <code>blocks</code>)"
    else:
        how = (f"the fallback stage <code>{_esc(stage)}</code>, a second pass over the page, after the first "
               "kept too little; the removed blocks below are the first pass's")
    kept = len(article.paragraphs)
    return (f'<p class="note">A {_esc(article.kind)} page. {kept} body paragraph{"" if kept == 1 else "s"}, '
            f"{len(article.removed)} removed entries. The body came from {how}.</p>")


def _summary(rows: Sequence[Row]) -> str:
    """The bar (one segment per reason, its width its share of the page's characters) and its key."""
    counts = chars_by_reason(rows)
    total = sum(counts.values())
    if not total:
        return "<h2>Where the page's text went</h2>\n<p class=\"none\">No text.</p>"
    order = sorted(counts, key=lambda reason: (reason != "kept", -counts[reason], reason))
    segments = "".join(
        f'<span style="width:{100 * counts[r] / total:.2f}%;background:{_colour(r)}" '
        f'title="{_esc(r)}: {counts[r]:,} characters"></span>' for r in order
    )
    key = "".join(
        f'<tr><td><span class="swatch" style="background:{_colour(r)}"></span>'
        f'<span class="{"verdict" if r == "kept" else "reason"}">{_esc(r)}</span></td>'
        f"<td>{counts[r]:,}</td><td>{100 * counts[r] / total:.1f}%</td></tr>" for r in order
    )
    return (f"<h2>Where the page's text went</h2>\n<p class=\"note\">{total:,} characters of text in all.</p>\n"
            f'<div class="bar">{segments}</div>\n'
            f"<table><tr><th>reason</th><th>characters</th><th>share</th></tr>{key}</table>")


def _colour(reason: str) -> str:
    """A stable colour per reason (crc32, not hash(): the same reason looks the same every run)."""
    if reason == "kept":
        return _KEPT_COLOUR
    return f"hsl({zlib.crc32(reason.encode()) % 360},55%,60%)"


def _metadata(article: Article) -> str:
    rows = "".join(
        f"<tr><th>{name}</th><td>{_value(getattr(article, name))}</td>"
        f"<td>{_or_none(article.provenance.get(name))}</td></tr>" for name in METADATA_FIELDS
    )
    return f"<h2>Metadata</h2>\n<table><tr><th>field</th><th>value</th><th>from</th></tr>{rows}</table>"


def _value(value: object) -> str:
    """A field's value as escaped text: lists joined, dates in ISO 8601; URLs as text, never links."""
    if isinstance(value, tuple):
        return _or_none(", ".join(str(v) for v in value) or None)
    if isinstance(value, dt.date):  # a datetime is a date too
        return _esc(value.isoformat())
    return _or_none(None if value is None else str(value))


def _or_none(text: str | None) -> str:
    return _esc(text) if text else '<span class="none">—</span>'


def _warnings(warnings: Sequence[str]) -> str:
    if not warnings:
        return '<h2>Warnings</h2>\n<p class="none">None: the page was within every limit.</p>'
    return "<h2>Warnings</h2>\n<ul>" + "".join(f"<li>{_esc(w)}</li>" for w in warnings) + "</ul>"


def _blocks(rows: Sequence[Row], article: Article) -> str:
    stage = article.provenance.get("text", FIRST_PASS)
    return ('<h2>Blocks in page order</h2>\n<ol class="blocks">\n'
            + "\n".join(_row(row, stage) for row in rows) + "\n</ol>")


def _row(row: Row, body_stage: str) -> str:
    if row.removed is None:
        return f'<li class="kept"><span class="verdict">kept · {_esc(body_stage)}</span>{_text(row.text)}</li>'
    return f'<li class="removed">{_labels(row.removed)}{_text(row.text)}</li>'


def _labels(removed: Removed) -> str:
    stage = f'<span class="stage">{_esc(removed.stage)}</span>' if removed.stage else ""
    return f'<span class="verdict">removed</span><span class="reason">{_esc(removed.reason)}</span>{stage}'


def _pruned(unplaced: Sequence[Removed]) -> str:
    if not unplaced:
        return ""
    items = "\n".join(f'<li class="removed">{_labels(r)}{_text(r.text)}</li>' for r in unplaced)
    return ("<h2>Pruned subtrees</h2>\n<p class=\"note\">Dropped from the HTML before the page was cut into "
            "blocks, so without a place among the blocks above; in the order pruning found them.</p>\n"
            f'<ol class="blocks">\n{items}\n</ol>')


def _text(text: str) -> str:
    return f'<span class="text">{_esc(text)}</span>'


def _esc(text: str) -> str:
    return html.escape(text, quote=True)
