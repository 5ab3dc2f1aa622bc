"""The body's kept blocks as `ArticleBlock`s: the structure the front ends saw, for renderers.

The front ends record the structure in the walk they already make (`segment.segment`,
`text.blocks`); this only translates it. Consecutive table rows of one table become one table.
"""

from __future__ import annotations

from collections.abc import Iterable

from .blocks import Block
from .outline import ArticleBlock, ArticleBlockKind, Link

_KIND: dict[str, ArticleBlockKind] = {
    "heading": "heading", "list-item": "list-item", "quote": "quote", "caption": "caption",
    "preformatted": "code",
}
UNKNOWN_HEADING_LEVEL = 2  # a dump's heading whose rank it does not show: a section heading


def article_blocks(kept: Iterable[Block]) -> tuple[ArticleBlock, ...]:
    """The body blocks (those with no reason), in order, with their structure."""
    out: list[ArticleBlock] = []
    rows: list[Block] = []
    for b in kept:
        if b.kind == "table-row":
            if rows and rows[-1].group != b.group:
                out.append(_table(rows))
                rows = []
            rows.append(b)
            continue
        if rows:
            out.append(_table(rows))
            rows = []
        caption = b.text if b.kind == "caption" else None
        out += [ArticleBlock("image", "", src=src, alt=alt, caption=caption) for src, alt in b.images]
        out.append(_block(b))
    if rows:
        out.append(_table(rows))
    return tuple(out)


def _block(b: Block) -> ArticleBlock:
    kind = _KIND.get(b.kind, "paragraph")
    links = tuple(Link(text, href) for text, href in b.links)
    if kind == "heading":
        return ArticleBlock(kind, b.text, level=b.heading_level or b.depth or UNKNOWN_HEADING_LEVEL, links=links)
    if kind == "list-item":
        return ArticleBlock(kind, b.text, depth=max(1, b.depth), ordered=b.ordered, group=b.group, links=links)
    if kind == "code":
        return ArticleBlock(kind, b.text, code=b.raw if b.raw is not None else b.text)
    return ArticleBlock(kind, b.text, links=links)


def _table(rows: list[Block]) -> ArticleBlock:
    """One table from its rows. A dump's row is its cells joined by " | " (`text._line_kind`),
    which no cell holds; an HTML row without cells is one cell."""
    cells = [r.cells or (tuple(r.text.split(" | ")) if not r.path else (r.text,)) for r in rows]
    links = tuple(Link(text, href) for r in rows for text, href in r.links)
    return ArticleBlock("table", "\n\n".join(r.text for r in rows), rows=tuple(cells), group=rows[0].group,
                        links=links)
