"""Where the HTML path's time goes, phase by phase, and metadata's share of it.

    python benchmarks/profile_phases.py            # the 181 scrapinghub pages, one pass
    python benchmarks/profile_phases.py --repeat 3 # the fastest of three passes per phase (each
                                                   # from cold caches, after the same warm-up)

Runs the steps of `articlekit.pipeline.extract` one by one on pages already in memory and times
each with the CPU clock. One-time costs (regex compiles, data files) are paid first on other
pages (meta-dev), so every page here is seen once with cold per-text caches, as in a batch run.
Metadata is `html_sources.declared` + `html_sources.in_page` + the text header + `resolve`;
`walk` is the one walk over the tree whose elements both `declared` and `html.index` read.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lxml import etree

import articlekit
from articlekit import classify, header_out, html, load, pipeline
from articlekit.limits import DEFAULT_LIMITS
from articlekit.metadata import html_sources, resolve
from articlekit.metadata.header import header
from articlekit.segment import segment
from bench_body import BENCH, load_pages

METADATA = ("declared", "in_page", "text_header", "resolve")


def one_pass(pages: list[tuple[bytes, str]]) -> dict[str, float]:
    spent: dict[str, float] = defaultdict(float)
    for data, url in pages:
        clock = time.process_time()

        def tick(phase: str) -> None:
            nonlocal clock
            now = time.process_time()
            spent[phase] += now - clock
            clock = now

        source = load.read(data)
        tick("load")
        tree = html.parse(source.text, DEFAULT_LIMITS, source.utf8)
        tick("parse")
        walked = html.elements(tree, (*html.NEVER_TEXT, *html_sources.TAGS))
        tick("walk")
        found = html_sources.declared(tree, url, walked)
        tick("declared")
        marks = html.index(tree, walked)
        tick("index")
        authors_known = any(c.field == "authors" for c in found)
        found += html_sources.in_page(marks.itemprops, marks.bylines, authors_known=authors_known, hatom=marks.hatom)
        tick("in_page")
        titles = [str(c.value) for c in found if c.field == "title" and c.source != "h1"]
        removed: list[articlekit.Removed] = []
        html._prune(tree, marks, removed, titles)
        etree.strip_tags(tree, *html._INLINE)
        tick("prune")
        body = tree.find("body")
        blocks = segment(body if body is not None else tree)
        tick("segment")
        classify.label(blocks)
        classified = [b.reason for b in blocks]
        tick("classify")
        languages = [str(c.value) for c in found if c.field == "language"]
        head = header(blocks, url, known={c.field for c in found}, languages=languages)
        tick("text_header")
        meta = resolve(found + head.candidates, url=url)
        tick("resolve")
        header_out.take_out("html", blocks, head, found, meta)
        pipeline._article("html", url, blocks, removed, meta, classified)
        tick("article")
    return spent


def clear_text_caches() -> None:
    """Empty the bounded caches (`lru_cache(maxsize=...)`: dates, bylines, class names, lines
    seen before), which a second pass over the same pages would find full; the unbounded ones
    hold data loaded once (phrase tables)."""
    for module in list(sys.modules.values()):
        if not module.__name__.startswith("articlekit"):
            continue
        for value in list(vars(module).values()):
            info = getattr(value, "cache_info", None)
            if info is not None and info().maxsize is not None:
                value.cache_clear()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=1, help="passes; each phase's fastest is reported")
    args = ap.parse_args()
    warm_up = [gzip.decompress(p.read_bytes()) for p in sorted((BENCH / "meta-dev" / "html").glob("*.html.gz"))[:40]]
    pages = list(load_pages("html").values())
    passes = []
    for _ in range(max(1, args.repeat)):
        # Every pass starts from the same state: one-time costs paid on other pages, and each
        # page of the pass met for the first time (as in a batch run, not from a warm cache).
        clear_text_caches()
        for data in warm_up:
            articlekit.extract(data)
        passes.append(one_pass(pages))
    best = {phase: min(p[phase] for p in passes) for phase in passes[0]}
    total = sum(best.values())
    for phase, seconds in best.items():
        print(f"{phase:12} {1000 * seconds / len(pages):6.3f} ms/page  {100 * seconds / total:5.1f} %")
    share = sum(best[p] for p in METADATA) / total
    print(f"{'total':12} {1000 * total / len(pages):6.3f} ms/page   metadata {100 * share:.1f} %")


if __name__ == "__main__":
    main()
