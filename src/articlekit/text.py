"""Plain-text front end: lines -> paragraph blocks, for text dumps of any renderer.

Handles one-line-per-paragraph dumps (w3m, browsers' copy-paste, Common Crawl WET) and
hard-wrapped ones (lynx -dump): a wrapped line is joined to the next when the next line's first
word would not have fitted on it, which is exactly what a wrapping renderer does.
"""

from __future__ import annotations

import re
from collections import Counter

from .blocks import Block, BlockKind

_BULLET = re.compile(r"^(\s*)(?:[*•◦▪·+\-–□■☆★◆►»›]|\d{1,3}[.)])\s+(?=\S)")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+(?=\S)")
_BUTTON = re.compile(r"^\s*(?:IFRAME:|\(BUTTON\)|\[BUTTON\]|\[(?:IMG|image|INLINE)\])", re.I)
# A line made only of bracketed placeholders: w3m's "[image-name]", form fields "[ ] [Go]".
_PLACEHOLDERS = re.compile(
    r"^\s*(?:(?:\[[^\]\n]{0,80}\]\s*\|?\s*)+|\S+\.(?:jpe?g|png|gif|webp|svg|avif))\s*$", re.I
)
_LYNX_META = re.compile(r"^\s*#\S+")  # lynx's "#alternate" / "#RSS" link lines
_TABLE_ROW = re.compile(r"\S\s{3,}\S.*\S\s{3,}\S|\|.*\|")
_SENTENCE_END = re.compile(r"[.!?:;。！？»\"”’)]$")


def blocks(text: str) -> list[Block]:
    """Split a text dump into blocks; the wrap width is inferred from the line lengths."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    width = _wrap_width(lines)
    out: list[Block] = []
    para: list[str] = []
    para_kind: BlockKind = "paragraph"
    para_indent = 0

    def flush() -> None:
        nonlocal para_kind
        if para:
            joined = " ".join(" ".join(para).split())
            if joined:
                out.append(Block(joined, para_kind))
        para.clear()
        para_kind = "paragraph"

    prev = ""
    for raw in lines:
        line = raw.rstrip()
        if not line.strip():
            flush()
            prev = ""
            continue
        indent = len(line) - len(line.lstrip())
        kind, content = _line_kind(line)
        continues = (
            bool(para) and width > 0 and kind == "paragraph"
            and _wrapped(prev, line, width) and abs(indent - para_indent) <= 2
        )
        if not continues:
            flush()
            para_kind = kind
            para_indent = indent if kind == "paragraph" else indent + 2
        para.append(content)
        prev = line
    flush()
    return out


def _line_kind(line: str) -> tuple[BlockKind, str]:
    if _BUTTON.match(line) or _PLACEHOLDERS.match(line):
        return "button", line.strip()
    if m := _MD_HEADING.match(line):
        return "heading", line[m.end():].strip()
    if m := _BULLET.match(line):
        return "list-item", line[m.end():]
    if _LYNX_META.match(line):
        return "button", line.strip()
    if _TABLE_ROW.search(line.strip()):
        return "table-row", " | ".join(c for c in re.split(r"\s{3,}|\|", line.strip()) if c)
    return "paragraph", line.strip()


def _wrapped(prev: str, line: str, width: int) -> bool:
    """True when `prev` ended only because the first word of `line` did not fit."""
    first = line.split(None, 1)[0]
    return len(prev) + 1 + len(first) > width - 1


def _wrap_width(lines: list[str]) -> int:
    """The renderer's wrap column, or 0 when the text is not hard-wrapped.

    A wrapped dump has many lines ending just short of one column and none much beyond it.
    """
    lengths = [len(x.rstrip()) for x in lines if x.strip()]
    if len(lengths) < 10:
        return 0
    longest = max(lengths)
    if longest > 200:
        return 0
    counts = Counter(lengths)
    near = sum(c for n, c in counts.items() if longest - 12 <= n <= longest)
    return longest if near >= max(5, len(lengths) // 20) else 0


def is_heading_like(block: Block) -> bool:
    """A short line that does not end like a sentence: a headline, a section name, a label."""
    return len(block.text) < 200 and not _SENTENCE_END.search(block.text)
