"""What the Markdown keeps of a story's structure, and what it costs (issue 16).

    python benchmarks/bench_structure.py            # the 181 scrapinghub pages

1. Body F1 (benchmarks/shingles.py) of `text`, and of the words of `to_markdown()` read back
   with a CommonMark parser (markdown-it-py) and stripped of their markup: the two must agree.
2. Pages per CPU-second of `extract` alone and of `extract` + `to_markdown` (best of three).
3. The story's structure: every <h2>/<h3>, <ul>/<ol>, <table> and <blockquote> of the page
   whose text is in the extracted body, and the share of them the Markdown writes as the
   matching construct (a heading, a list holding the items, a table holding the first row's
   cells, a quote holding the text).
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lxml import html
from markdown_it import MarkdownIt

import articlekit
from articlekit.folding import loose
from bench_body import load_pages, truth_bodies
from shingles import score_page, summarise

PARSER = MarkdownIt("commonmark").enable("table")
KINDS = {"h2": "heading", "h3": "heading", "ul": "list", "ol": "list", "table": "table", "blockquote": "quote"}
_OPENERS = {"heading": ("heading_open",), "list": ("bullet_list_open", "ordered_list_open"),
            "table": ("table_open",), "quote": ("blockquote_open",)}


def plain(inline: Any) -> str:
    return "".join(" " if c.type == "softbreak" else c.content for c in inline.children or [])


def markdown_text(tokens: list[Any]) -> str:
    """The words a reader of the rendered Markdown sees, one block per line."""
    return "\n\n".join(plain(t) if t.type == "inline" else t.content for t in tokens if t.type in ("inline", "fence"))


def constructs(tokens: list[Any]) -> dict[str, list[str]]:
    """Per construct kind, the loose text of each one (a list's or a table's items joined by |)."""
    found: dict[str, list[str]] = {kind: [] for kind in _OPENERS}
    stack: list[tuple[str, list[str]]] = []
    for t in tokens:
        kind = next((k for k, openers in _OPENERS.items() if t.type in openers), None)
        if kind is not None:
            stack.append((kind, []))
        elif stack and t.type.endswith("_close") and t.type.replace("_close", "_open") in _OPENERS[stack[-1][0]]:
            kind, parts = stack.pop()
            found[kind].append("|".join(parts))
        elif t.type == "inline":
            for _, parts in stack:
                parts.append(loose(plain(t)))
    return found


def story_elements(page: bytes, article: articlekit.Article) -> list[tuple[str, list[str]]]:
    """(kind, loose texts) of the structure elements whose text is in the body: a list's items
    and a heading each a paragraph of it, a table's first row's cells and a quote's text inside it."""
    paragraphs = {loose(p) for p in article.paragraphs}
    body = loose(article.text)
    root = html.fromstring(page)
    out = []
    for el in root.iter(*KINDS):
        kind = KINDS[el.tag]
        if kind == "list":
            parts = [loose(li.text_content()) for li in el.findall("li")]
        elif kind == "table":
            row = el.find(".//tr")
            parts = [loose(c.text_content()) for c in row.findall("./*")] if row is not None else []
        else:
            parts = [loose(el.text_content())]
        parts = [p for p in parts if p]
        whole = kind in ("heading", "list")  # (a short heading's words are in many a sentence)
        if parts and all((p in paragraphs) if whole else (p in body) for p in parts) and sum(map(len, parts)) >= 8:
            out.append((kind, parts))
    return out


def kept(kind: str, parts: list[str], found: dict[str, list[str]]) -> bool:
    if kind == "heading":
        return parts[0] in found["heading"]
    return any(all(p in construct for p in parts) for construct in found[kind])


def main() -> None:
    pages = load_pages("scrapinghub")
    truth = truth_bodies("scrapinghub")
    text_scores, md_scores = [], []
    seen: Counter[str] = Counter()
    matched: Counter[str] = Counter()
    for pid, (data, url) in pages.items():
        article = articlekit.extract(data, url=url)
        tokens = list(PARSER.parse(article.to_markdown()))
        text_scores.append(score_page(article.text, truth[pid]))
        md_scores.append(score_page(markdown_text(tokens[3:] if tokens[:1] and tokens[0].tag == "h1" else tokens),
                                    truth[pid]))
        found = constructs(tokens)
        for kind, parts in story_elements(data, article):
            seen[kind] += 1
            matched[kind] += kept(kind, parts, found)
    t, m = summarise(text_scores), summarise(md_scores)
    print(f"body F1: text {t.f1:.4f}, markdown stripped {m.f1:.4f} (difference {m.f1 - t.f1:+.4f})")
    plain_speed, md_speed = _speed(pages, False), _speed(pages, True)
    print(f"pages/CPU-s: extract {plain_speed:.1f}, extract + to_markdown {md_speed:.1f} "
          f"({100 * md_speed / plain_speed:.0f}%)")
    for kind in _OPENERS:
        if seen[kind]:
            share = 100 * matched[kind] / seen[kind]
            print(f"{kind:8} {matched[kind]:4} of {seen[kind]:4} story elements kept ({share:.0f}%)")
    total, hit = sum(seen.values()), sum(matched.values())
    print(f"{'all':8} {hit:4} of {total:4} ({100 * hit / max(total, 1):.0f}%)")


def _speed(pages: dict[str, tuple[bytes, str]], markdown: bool) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for data, url in pages.values():
            article = articlekit.extract(data, url=url)
            if markdown:
                article.to_markdown()
        best = min(best, time.process_time() - start)
    return len(pages) / best


if __name__ == "__main__":
    main()
