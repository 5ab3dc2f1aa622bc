"""HTML front end, second half: the one walk that cuts a pruned tree into blocks.

Inline text accumulates until the next block boundary; each block also gets the structure the
renderers need (list depth and numbering, table cells, a <pre>'s line breaks, the pictures
before it and its links). `html.blocks` prunes the tree, then calls `segment`.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from .blocks import Block, BlockKind
from .folding import unhyphenated

_BLOCK_KIND: dict[str, BlockKind] = {
    "p": "paragraph", "div": "paragraph", "section": "paragraph", "article": "paragraph",
    "main": "paragraph", "header": "paragraph", "center": "paragraph", "form": "paragraph",
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
    "h6": "heading", "li": "list-item", "dt": "list-item", "dd": "list-item",
    "ul": "paragraph", "ol": "paragraph", "dl": "paragraph",
    "blockquote": "quote", "pre": "preformatted", "tr": "table-row", "table": "paragraph",
    "tbody": "paragraph", "thead": "paragraph", "figure": "paragraph", "figcaption": "caption",
    "caption": "caption", "address": "paragraph", "hr": "paragraph", "body": "paragraph",
    "td": "table-row", "th": "table-row",
}
_CELL = frozenset({"td", "th"})


def segment(body: Any) -> list[Block]:
    """One walk over the tree: inline text accumulates until the next block boundary. Each block
    also gets the structure the renderers need: list depth and numbering, table cells, a <pre>'s
    line breaks, the pictures before it and its links."""
    out: list[Block] = []
    parts: list[str] = []
    link_chars = 0
    link_depth = 0
    kind_stack: list[tuple[BlockKind, int]] = []  # enclosing block kinds and heading levels
    path: list[int] = []  # serial numbers of the enclosing block elements (id() of lxml
    serial = 0  # proxies is not stable: a freed proxy's id is reused by the next one)
    lists: list[tuple[bool, int]] = []  # the enclosing lists, innermost last: (numbered, serial)
    tables: list[int] = []  # the serials of the enclosing tables
    cells: list[int] = []  # where in `parts` each cell of the current row starts
    images: list[tuple[str, str]] = []  # (src, alt) met since the last block
    links: list[tuple[str, str]] = []  # (text, href) of the links closed in the current block
    link_at, link_href, flushes = 0, "", 0  # the open link: where its text starts, its target

    # Whitespace met while `parts` is empty is not collected: the flush would drop it anyway,
    # and most whitespace between blocks then costs no flush at all. (A "\n" from the page,
    # which `_ends_with_break` takes for a <br>, could only have caused a flush finding no text.)
    def flush() -> None:
        nonlocal link_chars, flushes
        if not parts:
            return
        joined = unhyphenated("".join(parts))  # (`&shy;`, parsed, is the character)
        text = " ".join(joined.split())
        if text:
            kind, level = kind_stack[-1] if kind_stack else ("paragraph", 0)
            block = Block(text, kind, min(link_chars, len(text)), level, path=tuple(path))
            if kind == "list-item":
                block.depth = max(1, len(lists))
                block.ordered, block.group = lists[-1] if lists else (False, 0)
            elif kind == "table-row":
                block.group = tables[-1] if tables else 0
                if cells:
                    block.cells = _cells(parts, cells)
            elif kind == "preformatted":
                block.raw = joined.strip("\n").rstrip()
            if images:
                block.images = tuple(images)
                images.clear()
            if links:
                block.links = tuple(links)
            out.append(block)
        parts.clear()
        cells.clear()
        links.clear()
        flushes += 1
        link_chars = 0

    for event, el in etree.iterwalk(body, events=("start", "end")):
        tag = el.tag
        if not isinstance(tag, str):
            continue
        kind = _BLOCK_KIND.get(tag)
        if event == "start":
            if kind is not None:
                if tag in _CELL:
                    parts.append(" | ")
                    cells.append(len(parts))
                else:
                    if parts:
                        flush()
                    serial += 1
                    path.append(serial)
                    kind_stack.append(_kind_for(tag, kind, kind_stack))
                    if tag in _LISTS:
                        lists.append((tag == "ol", serial))
                    elif tag == "table":
                        tables.append(serial)
            elif tag == "br":
                # <br><br> separates paragraphs in pages without <p>: judge them one by one.
                if _ends_with_break(parts):
                    flush()
                else:
                    parts.append("\n")
            elif tag == "a":
                link_depth += 1
                if link_depth == 1:
                    link_at, link_href, flushes = len(parts), el.get("href") or "", 0
            elif tag == "img":
                if src := el.get("src") or el.get("data-src"):
                    images.append((src, el.get("alt") or ""))
                continue
            text = el.text  # (each read of .text or .tail builds a new str: read once)
            if text and (parts or not text.isspace()):
                parts.append(text)
                if link_depth:
                    link_chars += len(text.strip())
        else:
            if kind is not None and tag not in _CELL:
                if parts:
                    flush()
                kind_stack.pop()
                path.pop()
                if tag in _LISTS:
                    lists.pop()
                elif tag == "table":
                    tables.pop()
            elif tag == "a":
                link_depth -= 1
                # (a link cut by a block inside it has no one text: it is left out)
                if link_depth == 0 and link_href and not flushes and (anchor := _joined(parts[link_at:])):
                    links.append((anchor, link_href))
            tail = el.tail
            if tail and (parts or not tail.isspace()):
                parts.append(tail)
                if link_depth:
                    link_chars += len(tail.strip())
    flush()
    return out


_LISTS = frozenset({"ul", "ol", "dl"})


def _joined(parts: list[str]) -> str:
    return " ".join(unhyphenated("".join(parts)).split())


def _cells(parts: list[str], starts: list[int]) -> tuple[str, ...]:
    """A table row's cells: the text from each cell's start to the next one's."""
    ends = [*(i - 1 for i in starts[1:]), len(parts)]  # (each start follows its " | " marker)
    return tuple(_joined(parts[a:b]) for a, b in zip(starts, ends, strict=True))


def _ends_with_break(parts: list[str]) -> bool:
    """The text so far ends with a <br> and nothing but whitespace after it."""
    for part in reversed(parts):
        if part == "\n":
            return True
        if part.strip():
            return False
    return False


def _kind_for(
    tag: str, kind: BlockKind, stack: list[tuple[BlockKind, int]]
) -> tuple[BlockKind, int]:
    """Blocks inside a quote, list item or caption keep that kind (a <p> in a <blockquote>)."""
    if kind == "heading":
        return kind, int(tag[1])
    if stack and kind == "paragraph" and stack[-1][0] in ("quote", "list-item", "caption"):
        return stack[-1]
    return kind, 0
