"""Issue 5's title check: does the title found in a text dump equal the one the HTML path finds?

    python benchmarks/bench_titles.py            # lynx and w3m renderings of the scrapinghub pages
    python benchmarks/bench_titles.py --url      # the same, passing each page's URL (as WET records have)

Titles are compared after whitespace normalisation (and, as a second figure, after the
meta-dev normalisation: NFKC, case folding, punctuation dropped). `reachable` is the ceiling:
the share of pages whose HTML title is printed in the dump as a block of its own (normalised,
perhaps numbered: '4. Title'); an og:title the page never shows cannot be found in its dump.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

import articlekit
from articlekit.text import blocks

BENCH = Path(os.environ.get("ARTICLEKIT_BENCH", Path(__file__).resolve().parents[2] / "shared" / "bench"))


def loose(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def shown(title: str | None, dump: str) -> bool:
    """The title is a block of the dump, alone or after a list number."""
    want = loose(title)
    return bool(want) and any(
        (got := loose(b.text)) == want or (got.endswith(" " + want) and got.split()[0].isdigit())
        for b in blocks(dump)
    )


def main() -> None:
    truth = json.loads((BENCH / "scrapinghub" / "ground-truth.json").read_text())
    html_titles = {}
    for pid, entry in truth.items():
        page = gzip.decompress((BENCH / "scrapinghub" / "html" / f"{pid}.html.gz").read_bytes())
        html_titles[pid] = articlekit.extract(page, url=entry["url"]).title
    for renderer in ("lynx", "w3m"):
        exact = similar = found = reachable = 0
        misses = []
        for pid in truth:
            url = truth[pid]["url"] if "--url" in sys.argv else None  # a WET record carries its URL
            data = (BENCH / "scrapinghub-text" / renderer / f"{pid}.txt").read_bytes()
            article = articlekit.extract(data, url=url)
            reachable += shown(html_titles[pid], data.decode("utf-8", "replace"))
            want, got = " ".join((html_titles[pid] or "").split()), " ".join((article.title or "").split())
            found += bool(got)
            exact += bool(want) and want == got
            similar += bool(want) and loose(want) == loose(got)
            if loose(want) != loose(got):
                misses.append((pid[:10], want[:60], got[:60]))
        n = len(truth)
        print(f"{renderer:5} equal {exact / n:.3f}  equal-normalised {similar / n:.3f}  "
              f"found {found / n:.3f}  reachable {reachable / n:.3f}  (pages {n})")
        if "-v" in sys.argv:
            for m in misses[:20]:
                print("   ", *m, sep=" | ")


if __name__ == "__main__":
    main()
