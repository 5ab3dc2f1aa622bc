"""An `Article` as Markdown (CommonMark, tables as GFM pipe tables) or as a minimal HTML5 page.

Both render `Article.blocks`. Page text is always text: every character that could start
Markdown markup is backslash-escaped, and HTML is escaped, so a page cannot inject markup.
Links and images are written only when asked for, and only with http(s) or relative targets
(resolved against the article's URL); others (`javascript:`, `data:`...) are left out.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from .outline import ArticleBlock, Link

if TYPE_CHECKING:
    from .article import Article

# ASCII punctuation that can open inline markup anywhere (CommonMark + GFM's ~ strikethrough),
# each backslash-escaped (a translation table: one C pass over the text)
_INLINE_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<~"})
_HEADING_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<~#"})  # '#': a closing '#' run would be dropped
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")  # "&amp;" would become "&"
# What turns the start of a line into a block: a heading, a quote, a bullet, a numbered item.
_BLOCK_START = re.compile(r"^(?:([#>+\-=])|(\d{1,9})([.)]))")
_ITEM_NUMBER = re.compile(r"^(\d{1,9})[.)]\s+(?=\S)")  # a dump's numbered item keeps its number
_SAFE_SCHEMES = frozenset({"http", "https", ""})


def escape_markdown(text: str, special: dict[int, str] = _INLINE_SPECIAL) -> str:
    """`text` (whitespace collapsed) as Markdown that renders as exactly this text, wherever a
    block starts."""
    return _linked(" ".join(text.split()), (), None, special)


def markdown(article: Article, *, links: bool = False, images: bool = False, tables: bool = True) -> str:
    """The article as CommonMark: `# title`, then its blocks: headings by level, `-` / `1.`
    lists with nesting, `>` quotes, fenced code, pipe tables (GFM; rows as paragraphs when
    `tables=False`). Links (`links=True`, HTML pages only) and images (`images=True`) only on
    request."""
    base = article.canonical_url or article.url
    chunks: list[str] = []
    if article.title:
        chunks.append("# " + _heading_text(article.title))
    last_list = (-1, False, False)  # the last list: where it ended in `chunks`, ordered, its markers
    for run in _runs(article.blocks):
        first = run[0]
        if first.kind == "list-item":
            # CommonMark reads two lists of one type in a row as one list unless the markers change.
            end, ordered, alternated = last_list
            alternate = end == len(chunks) and ordered == first.ordered and not alternated
            chunks.append(_md_list(run, links, base, alternate))
            last_list = (len(chunks), first.ordered, alternate)
        elif first.kind == "quote":
            chunks.append("\n>\n".join("> " + _md_inline(b, links, base) for b in run))
        elif first.kind == "heading":
            marks = "#" * max(1, min(first.level, 6))
            chunks.append(marks + " " + _heading_text(first.text, first.links if links else (), base))
        elif first.kind == "table":
            if tables and first.rows:
                chunks.append(_md_table(first.rows))
            else:  # each row a paragraph, as in `text`
                chunks += [escape_markdown(row) for row in first.text.split("\n\n")]
        elif first.kind == "code":
            chunks.append(_md_code(first.code if first.code is not None else first.text))
        elif first.kind == "image":
            if images and (src := _safe_url(first.src, base)):
                chunks.append(_md_image(first, src))
        else:
            chunks.append(_md_inline(first, links, base))
    return "\n\n".join(chunks) + "\n" if chunks else ""


def _runs(blocks: Sequence[ArticleBlock]) -> Iterator[list[ArticleBlock]]:
    """The blocks, consecutive list items of one list and consecutive quotes together."""
    run: list[ArticleBlock] = []
    for b in blocks:
        if run and b.kind == run[-1].kind and b.kind in ("list-item", "quote") and not _new_list(run, b):
            run.append(b)
            continue
        if run:
            yield run
        run = [b]
    if run:
        yield run


def _new_list(run: list[ArticleBlock], item: ArticleBlock) -> bool:
    """A top-level item of another list than the run's (HTML says which list an item is in)."""
    if item.kind != "list-item" or item.depth > 1:
        return False
    top = next((b for b in reversed(run) if b.depth <= 1), run[0])
    return bool(item.group and top.group) and item.group != top.group


def _md_inline(b: ArticleBlock, links: bool, base: str | None) -> str:
    return _linked(b.text, b.links, base) if links and b.links else escape_markdown(b.text)


def _linked(text: str, found: Sequence[Link], base: str | None, special: dict[int, str] = _INLINE_SPECIAL) -> str:
    """`text` escaped, with each link whose target is safe as `[text](target)`: the links are
    found in the text in order, each after the previous one."""
    out, at = [], 0
    for link in found:
        start = text.find(link.text, at)
        href = _safe_url(link.href, base)
        if start < 0 or not href or not link.text:
            continue
        out += [text[at:start].translate(special), "[" + link.text.translate(special) + "](" + _destination(href) + ")"]
        at = start + len(link.text)
    out.append(text[at:].translate(special))
    joined = "".join(out)
    if "&" in joined:
        joined = _ENTITY.sub(r"\\&", joined)
    if m := _BLOCK_START.match(joined):
        joined = (f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}") + joined[m.end():]
    return joined


def _heading_text(text: str, found: Sequence[Link] = (), base: str | None = None) -> str:
    return _linked(" ".join(text.split()), found, base, _HEADING_SPECIAL)


def _md_list(items: list[ArticleBlock], links: bool, base: str | None, alternate: bool = False) -> str:
    """Nested lists: an item is indented to the content of the item it is under; a depth that
    jumps (a list whose parent item had no text of its own) counts as one level deeper.
    `alternate`: "*" bullets and "1)" numbers instead of "-" and "1.", to start a new list."""
    lines: list[str] = []
    indents: list[int] = []  # per open level, where its items' content starts
    numbers: list[int] = []
    bullet, delimiter = ("*", ")") if alternate else ("-", ".")
    for b in items:
        depth = min(b.depth, len(indents) + 1)
        del indents[depth - 1:], numbers[depth:]
        pad = indents[-1] if indents else 0
        if len(numbers) < depth:
            numbers.append(0)
        numbers[depth - 1] += 1
        content = _md_inline(b, links, base)
        if b.ordered:
            stated, rest = _stated_number(b.text)
            if stated is not None:
                numbers[depth - 1] = stated
                content = _md_inline(ArticleBlock(b.kind, rest, links=b.links), links, base)
            marker = f"{numbers[depth - 1]}{delimiter}"
        else:
            marker = bullet
        lines.append(" " * pad + marker + " " + content)
        indents.append(pad + len(marker) + 1)
    return "\n".join(lines)


def _stated_number(text: str) -> tuple[int | None, str]:
    """A dump keeps a numbered item's number in its text ("3. Stir"): (3, "Stir")."""
    m = _ITEM_NUMBER.match(text)
    return (int(m[1]), text[m.end():]) if m else (None, text)


def _md_table(rows: tuple[tuple[str, ...], ...]) -> str:
    """A GFM pipe table: the first row is the header; rows padded to the widest."""
    width = max(len(r) for r in rows)

    def line(cells: Sequence[str]) -> str:
        padded = [*cells, *([""] * (width - len(cells)))]
        return "| " + " | ".join(_cell(c) for c in padded) + " |"

    return "\n".join([line(rows[0]), "|" + " --- |" * width, *(line(r) for r in rows[1:])])


def _cell(text: str) -> str:
    return escape_markdown(text).replace("|", "\\|") if text else ""


def _md_code(code: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{code}\n{fence}"


def _md_image(b: ArticleBlock, src: str) -> str:
    title = f' "{_quote_title(b.caption)}"' if b.caption else ""
    return f"![{escape_markdown(b.alt or '')}]({_destination(src)}{title})"


def _quote_title(text: str) -> str:
    return " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"')


def _destination(url: str) -> str:
    """A link destination in angle brackets (spaces and parentheses allowed), '<' '>' encoded."""
    return "<" + url.replace("<", "%3C").replace(">", "%3E").replace("\n", "%0A") + ">"


def _safe_url(url: str | None, base: str | None) -> str | None:
    """`url` resolved against `base`, if it is http(s) (or relative with no base); else None."""
    if not url or not (url := url.strip()):
        return None
    try:
        resolved = urljoin(base, url) if base else url
        scheme = urlsplit(resolved).scheme.lower()
    except ValueError:
        return None
    return resolved if scheme in _SAFE_SCHEMES and not resolved.lower().startswith("javascript") else None


# --- HTML -----------------------------------------------------------------------------------

_CSS = ("body{max-width:42em;margin:2em auto;padding:0 1em;font:1.05em/1.55 Georgia,serif;color:#222}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em}"
        "blockquote{border-left:3px solid #ccc;margin-left:0;padding-left:1em}"
        ".meta{color:#666}pre{overflow:auto;background:#f5f5f5;padding:.5em}img{max-width:100%}")


def html_document(article: Article, *, links: bool = False, images: bool = False) -> str:
    """A minimal HTML5 document: title, byline and date, then the blocks; everything escaped,
    no scripts, no external resources but the article's own images when `images=True`."""
    base = article.canonical_url or article.url
    e = _esc
    head = ['<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{e(article.title or '')}</title>", f"<style>{_CSS}</style>"]
    if article.authors or article.byline:
        head.append(f'<meta name="author" content="{e(", ".join(article.authors) or article.byline or "")}">')
    if article.date is not None:
        head.append(f'<meta name="date" content="{e(article.date.isoformat())}">')
    if article.description:
        head.append(f'<meta name="description" content="{e(article.description)}">')
    body: list[str] = []
    if article.title:
        body.append(f"<h1>{e(article.title)}</h1>")
    meta = []
    if article.byline:
        meta.append(f'<span class="byline">{e(article.byline)}</span>')
    if article.date is not None:
        meta.append(f'<time datetime="{e(article.date.isoformat())}">{e(article.date.isoformat())}</time>')
    if meta:
        body.append(f'<p class="meta">{" · ".join(meta)}</p>')
    for run in _runs(article.blocks):
        body.append(_html_run(run, links, images, base))
    lang = f' lang="{e(article.language)}"' if article.language else ""
    return (f"<!DOCTYPE html>\n<html{lang}>\n<head>\n" + "\n".join(head) + "\n</head>\n<body>\n<article>\n"
            + "\n".join(x for x in body if x) + "\n</article>\n</body>\n</html>\n")


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _html_inline(b: ArticleBlock, links: bool, base: str | None) -> str:
    if not (links and b.links):
        return _esc(b.text)
    out, at = [], 0
    for link in b.links:
        start = b.text.find(link.text, at)
        href = _safe_url(link.href, base)
        if start < 0 or not href:
            continue
        out += [_esc(b.text[at:start]), f'<a href="{_esc(href)}">{_esc(link.text)}</a>']
        at = start + len(link.text)
    out.append(_esc(b.text[at:]))
    return "".join(out)


def _html_run(run: list[ArticleBlock], links: bool, images: bool, base: str | None) -> str:
    first = run[0]
    if first.kind == "list-item":
        return _html_list(run, links, base)
    if first.kind == "quote":
        return "<blockquote>" + "".join(f"<p>{_html_inline(b, links, base)}</p>" for b in run) + "</blockquote>"
    if first.kind == "heading":
        level = max(2, min(first.level, 6))  # the page's <h1> is the title
        return f"<h{level}>{_html_inline(first, links, base)}</h{level}>"
    if first.kind == "table":
        head, *rest = first.rows or ((first.text,),)
        rows = ["<tr>" + "".join(f"<th>{_esc(c)}</th>" for c in head) + "</tr>"]
        rows += ["<tr>" + "".join(f"<td>{_esc(c)}</td>" for c in r) + "</tr>" for r in rest]
        return "<table>\n" + "\n".join(rows) + "\n</table>"
    if first.kind == "code":
        return f"<pre><code>{_esc(first.code if first.code is not None else first.text)}</code></pre>"
    if first.kind == "image":
        if not images or not (src := _safe_url(first.src, base)):
            return ""
        caption = f"<figcaption>{_esc(first.caption)}</figcaption>" if first.caption else ""
        return f'<figure><img src="{_esc(src)}" alt="{_esc(first.alt or "")}">{caption}</figure>'
    if first.kind == "caption":
        return f'<p class="caption">{_html_inline(first, links, base)}</p>'
    return f"<p>{_html_inline(first, links, base)}</p>"


def _html_list(items: list[ArticleBlock], links: bool, base: str | None) -> str:
    out: list[str] = []
    open_lists: list[str] = []  # each with an open <li>
    for b in items:
        depth = min(b.depth, len(open_lists) + 1)
        while len(open_lists) > depth:
            out.append(f"</li></{open_lists.pop()}>")
        if len(open_lists) == depth:
            out.append("</li>")
        else:
            open_lists.append("ol" if b.ordered else "ul")
            out.append(f"<{open_lists[-1]}>")
        stated, rest = _stated_number(b.text) if b.ordered else (None, b.text)
        value = f' value="{stated}"' if stated is not None else ""
        shown = ArticleBlock(b.kind, rest, links=b.links) if stated is not None else b
        out.append(f"<li{value}>{_html_inline(shown, links, base)}")
    while open_lists:
        out.append(f"</li></{open_lists.pop()}>")
    return "".join(out)
