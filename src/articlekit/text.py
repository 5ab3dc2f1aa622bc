"""Plain-text front end: lines -> paragraph blocks, for text dumps of any renderer.

Handles one-line-per-paragraph dumps (w3m, browsers' copy-paste, Common Crawl WET) and
hard-wrapped ones (lynx -dump): a wrapped line is joined to the next when the next line's first
word would not have fitted on it, which is exactly what a wrapping renderer does.
"""

from __future__ import annotations

import bisect
import re

from .blocks import Block, BlockKind
from .dates import month_names, unglued

MIN_WRAP = 40  # a run of lines narrower than this was not wrapped by a renderer
MAX_WRAP = 200  # nor a text with lines longer than this
MIN_PAGE_WRAP = 60  # renderers wrap pages at 72-100 columns
MAX_BEYOND = 0.2  # share of long lines that may run past the wrap column (unbreakable URLs)
# Lynx marks the items of a list nested in a list with "o", indented further than any
# paragraph (a wrapped Portuguese line may start with the word "o", but at the margin).
NESTED_INDENT = 6
WRAP_SLACK = 12  # lines may end this far short of (or, with indentation, beyond) the wrap column
GLUED_DATES_CHARS = 160  # lines up to this long are datelines whose dates may run together
_BULLET = re.compile(r"^(\s*)(?:[*•◦▪·+\-–□■☆★◆►»›]|\d{1,3}[.)])\s+(?=\S)")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+(?=\S)")
_MD_QUOTE = re.compile(r"^\s*>\s+(?=\S)")
# (No repeat runs over a bracket: a failed start then stops at the next one, and a line of
# brackets or link starts costs a linear scan, never a quadratic one.)
_MD_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()\[\]]*\)")
# A link's URL may hold spaces where the renderer wrapped it across lines (more than once: a
# line already joined may end inside it again); its text may hold brackets ('[[example.org]](…)').
_MD_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\([^)\s\[\]]*(?:\s+[^)\s\[\]]+)*\)")
_MD_ESCAPE = re.compile(r"\\([-\\`*_{}\[\]()#+.!|])")
_MD_EMPHASIS = re.compile(r"\*\*|__")
_CELL_SEP = re.compile(r"\s{3,}|\|")  # between the cells of a table row in a dump
_WIDE = re.compile(r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_BUTTON = re.compile(r"^\s*(?:IFRAME:|\(BUTTON\)|\[BUTTON\]|\[(?:IMG|image|INLINE)\])", re.I)
# A line made only of bracketed placeholders: w3m's "[image-name]", form fields "[ ] [Go]".
_PLACEHOLDERS = re.compile(
    r"^\s*(?:(?:\[[^\]\n]{0,80}\]\s*\|?\s*)+|\S+\.(?:jpe?g|png|gif|webp|svg|avif))\s*$", re.I
)
# An image's placeholder within a line: its file name (and query) in brackets, which a wrapping
# renderer may have broken across lines; or, at the start, a bracketed name glued to the text
# (w3m: "[ps4dualsho]The price of ...").
_INLINE_IMAGE = re.compile(
    r"\[[^\[\]]{0,300}?\.(?:jpe?g|png|gif|webp|svg|avif)(?:\?[^\[\]]*)?\]|^\[[^\[\]\s]{1,40}\](?=[^\W\d_])", re.I
)
_LONG_TOKEN = re.compile(r"\S{40}")  # a URL, or a word no renderer could break
_LYNX_META = re.compile(r"^\s*#\S+")  # lynx's "#alternate" / "#RSS" link lines
_TABLE_ROW = re.compile(r"\S\s{3,}\S.*\S\s{3,}\S|\|.*\|")
# What the patterns above need: one of these first characters (bullets, Markdown, "IFRAME:",
# "(BUTTON)", "[IMG]"; re.I also lets "I" match "ı" and "İ"), a digit, or a gap or bar inside.
_MARKER_FIRST = frozenset("*•◦▪·+-–□■☆★◆►»›#>([Iiİı")


def blocks(text: str) -> list[Block]:
    """Split a text dump into blocks; the wrap width is inferred from the line lengths."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cols = _line_cols(lines)
    # (html2text keeps a Markdown link whole on one line: those lines say nothing of the width)
    page_width = _page_width(_breakable(lines, cols) if "](" in text else cols)
    if not page_width:
        return _unwrapped_blocks(lines, _has_markdown(text))
    widths = _run_widths(cols, page_width)
    out: list[Block] = []
    para: list[str] = []
    para_kind: BlockKind = "paragraph"
    para_first = ""  # the paragraph's first line, markers and all: what its structure shows
    para_indent = 0
    prev = ""
    in_link = False  # the paragraph so far ends inside a Markdown link
    for k, (raw, width) in enumerate(zip(lines, widths, strict=True)):
        line = raw.rstrip()
        if not line:
            if para:
                _emit(out, para, para_kind, para_first)
                para = []
            prev, in_link = "", False
            continue
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        kind, content = _line_kind(line, stripped)
        continues = bool(para) and (
            in_link  # a Markdown link or image wrapped inside itself
            or (
                width > 0 and kind == "paragraph" and _wrapped(prev, line, width) and abs(indent - para_indent) <= 2
                and (not stripped[:1].isupper() or not _unsure(cols, widths, page_width, k)
                     or _wrapped(prev, line, page_width))
            )
        )
        if not continues:
            if para:
                _emit(out, para, para_kind, para_first)
                para = []
            para_kind, para_first = kind, line
            para_indent = indent if kind == "paragraph" else indent + 2
        para.append(content)
        prev = line
        in_link = _still_in_link(in_link, line)
    if para:
        _emit(out, para, para_kind, para_first)
    return out


def _has_markdown(text: str) -> bool:
    """Whether the text may hold what Markdown dumps (html2text) have: links and images,
    emphasis, escapes; without these there is no markup to undo and no link runs on to the
    next line. (A single character is found fastest: the pairs are looked for only after it.)"""
    return (
        "[" in text or "\\" in text or ("]" in text and "](" in text) or ("*" in text and "**" in text)
        or ("_" in text and "__" in text)
    )


def _unwrapped_blocks(lines: list[str], markdown: bool) -> list[Block]:
    """`blocks` for a dump that is not hard-wrapped: each line is a paragraph, unless a
    Markdown link runs on into the next line (indentation matters only to unwrapping)."""
    if not markdown:  # the common case, in a tight loop: one block per line
        plain: list[Block] = []
        for line in map(str.strip, lines):
            if not line:
                continue
            if _is_plain(line):
                plain.append(Block(line))
            else:
                kind, content = _line_kind(line, line)
                if content := _squeeze(content):
                    plain.append(_structured(Block(content, kind), line))
        return plain
    out: list[Block] = []
    para: list[str] = []
    para_kind: BlockKind = "paragraph"
    para_first = ""
    in_link = False
    for line in map(str.strip, lines):
        if not line:
            if para:
                _emit(out, para, para_kind, para_first)
                para = []
            in_link = False
            continue
        kind, content = _line_kind(line, line)
        if para and not in_link:
            _emit(out, para, para_kind, para_first)
            para = []
        if not para:
            para_kind, para_first = kind, line
        para.append(content)
        in_link = _still_in_link(in_link, line)
    if para:
        _emit(out, para, para_kind, para_first)
    return out


def _emit(out: list[Block], para: list[str], kind: BlockKind, first: str) -> None:
    """Append the paragraph made of these lines, unless nothing is left of it. `first` is its
    first line as the dump has it."""
    joined, link_chars = _unmark(_join(para))
    if len(joined) <= GLUED_DATES_CHARS:  # (a short line: a dateline's two dates may run together)
        joined = unglued(joined)
    if "[" in joined and kind != "button" and (text := _without_images(joined)) != joined:
        joined, kind = (text, kind) if text else (joined, "button")
    if joined:
        out.append(_structured(Block(joined, kind, link_chars=link_chars), first))


# A dump's bullets by list depth: lynx prints * + o #, w3m • ◦ ▪ (other bullets: depth 1).
_BULLET_DEPTH = {"+": 2, "o": 3, "#": 4, "◦": 2, "▪": 3}


def _structured(block: Block, line: str) -> Block:
    """The structure the line's markers show, for the renderers: a list item's depth and
    numbering, a Markdown heading's rank (in `depth`: `heading_level` stays 0, since the
    metadata weighs only the levels HTML states)."""
    stripped = line.lstrip()
    if block.kind == "list-item":
        marker = stripped[:1]
        block.depth, block.ordered = _BULLET_DEPTH.get(marker, 1), marker.isdigit()
    elif block.kind == "heading" and (rank := len(stripped) - len(stripped.lstrip("#"))):
        block.depth = min(rank, 6)
    return block


def _without_images(text: str) -> str:
    """The text without the images' placeholders a renderer left inside it ("[photo.jpg?w=640]
    The price of ..."): a file name is no part of the story."""
    return " ".join(_INLINE_IMAGE.sub(" ", text).split())


def _join(lines: list[str]) -> str:
    """Undo wrapping: a space between lines, except between two CJK characters."""
    if len(lines) == 1:
        return _squeeze(lines[0])
    text = lines[0].strip()
    for line in lines[1:]:
        line = line.strip()
        if text and line and _CJK.match(text[-1]) and _CJK.match(line[0]):
            text += line
        else:
            text = f"{text} {line}"
    return " ".join(text.split())


def _squeeze(text: str) -> str:
    """The text with runs of whitespace made one space, and none at either end."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # printable: the only whitespace is the space (nothing to do, most lines)
    return " ".join(text.split())


def _unmark(text: str) -> tuple[str, int]:
    """Markdown dumps (html2text): drop images, keep link text and count it as link text."""
    if "](" not in text and "**" not in text and "__" not in text and "\\" not in text:
        return text, 0
    text = _MD_IMAGE.sub("", unescape_markdown(text))
    link_chars = 0

    def link(m: re.Match[str]) -> str:
        nonlocal link_chars
        link_chars += len(m.group(1))
        return m.group(1)

    text = _MD_LINK.sub(link, text)
    text = _MD_EMPHASIS.sub("", text)
    return " ".join(text.split()), link_chars


def unescape_markdown(text: str) -> str:
    """'\\_Jane\\_' -> '_Jane_': the backslash escapes of a Markdown dump undone."""
    return _MD_ESCAPE.sub(r"\1", text) if "\\" in text else text


def _still_in_link(was: bool, line: str) -> bool:
    """Whether a paragraph ends inside a Markdown link after this line: a line with a bracket
    says so itself; a line without one continues a link's URL wrapped more than once (until a
    parenthesis closes it), never a link's text (lynx's '[photo …' alt texts have no URL)."""
    if "[" in line or "](" in line:
        return _md_open(line)
    return was and ")" not in line and " " not in line


def _md_open(line: str) -> bool:
    """The line ends inside a Markdown link's text (a '[' no ']' closes) or its URL (a '](' no
    ')' closes). String searches: a regex anchored at the line's end is quadratic on a line of
    brackets."""
    if line.rfind("[") > line.rfind("]"):
        return True
    url = line.rfind("](")
    return url >= 0 and line.find(")", url + 2) < 0


def _is_plain(stripped: str) -> bool:
    """A line (without its indentation) that is plain prose, as most are: its first character
    cannot start a marker, it has a space (a placeholder is one word) and no bar or double
    space (table rows), and it is printable (so the only whitespace in it is the space).
    `_line_kind` gives such a line as a paragraph, unchanged, and `_squeeze` leaves it alone.
    """
    first = stripped[0]
    return (
        first not in _MARKER_FIRST and not first.isdecimal() and " " in stripped and "|" not in stripped
        and "  " not in stripped and stripped.isprintable()
    )


def _line_kind(line: str, stripped: str) -> tuple[BlockKind, str]:
    """The line's kind and its content; `stripped` is the line without its indentation."""
    if stripped[:2] == "o " and len(line) - len(stripped) >= NESTED_INDENT:
        return "list-item", stripped[2:].lstrip()  # lynx's bullet of a list nested in a list
    if _is_plain(stripped):  # none of the patterns below can match
        return "paragraph", stripped
    if _BUTTON.match(line) or _PLACEHOLDERS.match(line):
        return "button", line.strip()
    if m := _MD_QUOTE.match(line):
        return "quote", line[m.end():].strip()
    if m := _MD_HEADING.match(line):
        return "heading", line[m.end():].strip()
    if (m := _BULLET.match(line)) and not _is_day_of_month(line[m.end(1):m.end()].strip(), line[m.end():]):
        numbered = line[m.end(1):m.end(1) + 1].isdigit()  # "3." is content; "*" is decoration
        if _PLACEHOLDERS.match(line[m.end():]):  # "* [photo.jpg]": a listed image, not an item
            return "button", line[m.end():]
        return "list-item", line.strip() if numbered else line[m.end():]
    if _LYNX_META.match(line):
        return "button", line.strip()
    if _TABLE_ROW.search(line.strip()):
        return "table-row", " | ".join(c for c in _CELL_SEP.split(line.strip()) if c)
    return "paragraph", line.strip()


def _is_day_of_month(marker: str, rest: str) -> bool:
    """"29. September 2024" is a date, not item 29 of a numbered list."""
    if not marker[:1].isdigit():
        return False
    word = rest.split(None, 1)[0].rstrip(".,").lower() if rest.strip() else ""
    return word in month_names()


def _line_cols(lines: list[str]) -> list[int]:
    """Each line's display width without trailing spaces (0 for a blank line)."""
    if all(map(str.isascii, lines)):  # one column per character: no per-line Python
        return list(map(len, map(str.rstrip, lines)))
    return [_cols(x.rstrip()) for x in lines]


def _cols(line: str) -> int:
    """Display width: renderers wrap at a column count, and CJK characters take two columns."""
    return len(line) + (len(_WIDE.findall(line)) if not line.isascii() else 0)


def _wrapped(prev: str, line: str, width: int) -> bool:
    """True when `prev` ended only because the first word of `line` did not fit."""
    first = line.split(None, 1)[0]
    return _cols(prev) + 1 + _cols(first) > width - 1


def _run_widths(cols: list[int], page_width: int) -> list[int]:
    """Per line, the wrap width of its run of consecutive lines (the longest among them, not
    counting unbreakable lines longer than the page's width, such as URLs).

    Renderers wrap table cells and indented blocks narrower than the page, so the column at
    which a paragraph was wrapped is a property of its run, not of the page. Runs narrower than
    MIN_WRAP are menus and labels, never wrapped prose.
    """
    out = [0] * len(cols)
    start = 0
    for i in range(len(cols) + 1):
        if i == len(cols) or not cols[i]:
            longest = max((n for n in cols[start:i] if n <= page_width + WRAP_SLACK), default=0)
            for k in range(start, i):
                out[k] = longest if longest >= MIN_WRAP else 0
            start = i + 1
    return out


def _unsure(cols: list[int], widths: list[int], page_width: int, i: int) -> bool:
    """Line i is the second of a two-line run narrower than the page: the run's width is the
    first line's own, so it says nothing of wrapping ('TAG: …' over 'By Jane Doe', a search box
    over the headline). Such a line continues the one above only when it starts with no capital,
    or when its first word would not have fitted at the page's width either (a long German noun)."""
    return (
        i >= 1 and bool(cols[i]) and bool(cols[i - 1]) and not (i >= 2 and cols[i - 2])
        and not (i + 1 < len(cols) and cols[i + 1]) and 0 < widths[i] < page_width - WRAP_SLACK
    )


def _breakable(lines: list[str], cols: list[int]) -> list[int]:
    """The line widths, with 0 for the long lines no renderer could have wrapped: they hold a
    URL-long token, or a Markdown link (html2text keeps a link, its URL and title on one line)."""
    return [
        0 if n > MIN_PAGE_WRAP + WRAP_SLACK and ("](" in line or _LONG_TOKEN.search(line)) else n
        for line, n in zip(lines, cols, strict=True)
    ]


def _page_width(cols: list[int]) -> int:
    """The renderer's wrap column, or 0 when the text is not hard-wrapped.

    In a wrapped dump many long lines end within a few columns of one width (the widest
    such column), and few lines run past it (unbreakable URLs). One-line-per-
    paragraph dumps (w3m -cols 4000, WET, copy-paste) have long lines of every length.
    """
    lengths = sorted(n for n in cols if n >= MIN_WRAP)
    if len(lengths) < 5:
        return 0
    needed = max(3, len(lengths) // 10)
    for width in sorted({n for n in lengths if MIN_PAGE_WRAP <= n <= MAX_WRAP}, reverse=True):
        beyond = len(lengths) - bisect.bisect_right(lengths, width + WRAP_SLACK)
        if beyond > MAX_BEYOND * len(lengths):
            return 0  # more lines run past this column than unbreakable URLs would explain
        within = bisect.bisect_right(lengths, width) - bisect.bisect_left(lengths, width - WRAP_SLACK)
        if within >= needed:
            return width
    return 0
