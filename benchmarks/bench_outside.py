"""Body extraction on page collections of other projects, peers in the same run: pages nobody
here tuned on (the bench sets in ../shared/bench are the ones we tune on).

    python benchmarks/bench_outside.py trafilatura PATH   # trafilatura's evaluation pages
    python benchmarks/bench_outside.py readability PATH   # Mozilla Readability's test pages
    python benchmarks/bench_outside.py readability PATH --worst 10
    python benchmarks/bench_outside.py trafilatura PATH --meta   # title, authors, date (+ htmldate)
    python benchmarks/bench_outside.py trafilatura PATH --render inscriptis   # the pages as text dumps
    python benchmarks/bench_outside.py trafilatura PATH --meta --render w3m   # (w3m, lynx: the programs)

Neither collection is copied into this repository (their licences and sizes are their own);
fetch them and pass the folder:
- `trafilatura`: github.com/adbar/trafilatura, `tests/` (`evaldata.json` and the pages in
  `eval/` and `cache/`), 990 pages of news, blogs, shops and institutions, most of them
  German. Each page has up to six snippets that must be in the body and up to six that must
  not; scored as trafilatura's own `tests/evaluate.py` scores them (whitespace-normalised
  substring matching; P, R, F1, accuracy over all snippets). It is trafilatura's own tuning
  set: expect trafilatura to do well on it.
- `readability`: github.com/mozilla/readability, `test/test-pages/` (130 pages; each folder
  has `source.html` and the `expected.html` Readability.js extracts). Scored with the
  scrapinghub metric (benchmarks/shingles.py) against the text of `expected.html`: Readability's
  own output, so readability-lxml is at home here.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_body import EXTRACTORS, PEERS
from shingles import score_page, summarise

Page = tuple[str, bytes, Any]  # (id, page bytes, what it is scored against)


def trafilatura_pages(root: Path) -> Iterator[Page]:
    evaldata = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    for url, item in sorted(evaldata.items()):
        for folder in ("eval", "cache"):
            if (path := root / folder / item["file"]).is_file():
                yield url, path.read_bytes(), item
                break


def readability_pages(root: Path) -> Iterator[Page]:
    from lxml import html

    for folder in sorted(p for p in root.iterdir() if (p / "source.html").is_file()):
        expected = (folder / "expected.html").read_bytes().decode("utf-8")
        yield folder.name, (folder / "source.html").read_bytes(), html.fromstring(expected).text_content()


RENDER_SECONDS = 60  # a browser that takes longer on one page gives an empty dump
# The text browsers' dump commands (meta-dev's SOURCE.md), reading UTF-8 from standard input.
BROWSERS = {
    "w3m": ["w3m", "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8", "-cols", "100"],
    "lynx": ["lynx", "-dump", "-nolist", "-force_html", "-stdin", "-assume_charset=utf-8",
             "-display_charset=utf-8", "-width=100"],
}


def rendered(pages: list[Page], renderer: str) -> list[Page]:
    """The pages as text dumps, for the text front end on pages nobody tuned it on: rendered
    with inscriptis (`get_text`) or html2text (Unicode kept, wrapped at 78 columns), which the
    caller installs (`pip install inscriptis html2text`; neither is a dependency), or with the
    w3m and lynx programs as meta-dev's dumps were made (100 columns), page bytes read as UTF-8."""
    if renderer in BROWSERS:
        if shutil.which(BROWSERS[renderer][0]) is None:  # (else every page would score as an empty dump)
            raise SystemExit(f"{renderer} is not installed (Debian: apt-get install {renderer})")

        def render(page: str) -> str:
            done = subprocess.run(BROWSERS[renderer], input=page.encode("utf-8"), capture_output=True,
                                  timeout=RENDER_SECONDS)
            return done.stdout.decode("utf-8", "replace")
    elif renderer == "inscriptis":
        from inscriptis import get_text

        def render(page: str) -> str:
            return str(get_text(page))
    else:
        import html2text

        def render(page: str) -> str:
            converter = html2text.HTML2Text()
            converter.body_width, converter.unicode_snob = 78, True
            return str(converter.handle(page))
    out = []
    for pid, data, truth in pages:
        try:
            dump = render(data.decode("utf-8", "replace"))
        except Exception:  # a page the renderer cannot read (or a hung browser) is an empty dump
            dump = ""
        out.append((pid, dump.encode("utf-8"), truth))
    return out


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def snippet_scores(out: dict[str, str], pages: list[Page]) -> dict[str, float]:
    tp = fp = fn = tn = 0
    for pid, _, item in pages:
        found = _norm(out[pid])
        hits = sum(_norm(w) in found for w in item["with"])
        wrong = sum(_norm(w) in found for w in item["without"])
        tp, fn = tp + hits, fn + len(item["with"]) - hits
        fp, tn = fp + wrong, tn + len(item["without"]) - wrong
    precision, recall = tp / ((tp + fp) or 1), tp / ((tp + fn) or 1)
    f1 = 2 * precision * recall / ((precision + recall) or 1)
    return {"P": precision, "R": recall, "F1": f1, "acc": (tp + tn) / ((tp + tn + fp + fn) or 1)}


def text_scores(out: dict[str, str], pages: list[Page]) -> dict[str, float]:
    s = summarise(score_page(out[pid], truth) for pid, _, truth in pages)
    return {"P": s.precision, "R": s.recall, "F1": s.f1, "pageF1": s.mean_page_f1}


SETS: dict[str, tuple[Callable[[Path], Iterator[Page]], Callable[[dict[str, str], list[Page]], dict[str, float]]]] = {
    "trafilatura": (trafilatura_pages, snippet_scores),
    "readability": (readability_pages, text_scores),
}


def run(name: str, pages: list[Page]) -> tuple[dict[str, str], float]:
    fn = EXTRACTORS[name]
    out: dict[str, str] = {}
    start = time.process_time()
    for pid, data, _ in pages:
        try:
            out[pid] = fn(data, pid if pid.startswith("http") else "")
        except Exception:  # a crash is an empty body, counted like one
            out[pid] = ""
    return out, time.process_time() - start


# --- metadata (trafilatura's pages: title, author and date for most of them) -----------------

def _words(text: str | list[str] | None) -> set[str]:
    joined = "; ".join(text) if isinstance(text, list) else text or ""  # (some annotations list them)
    return set(re.findall(r"\w+", joined.casefold()))


def _token_f1(found: str | None, truth: str | list[str]) -> float:
    a, b = _words(found), _words(truth)
    both = len(a & b)
    return 2 * both / (len(a) + len(b)) if both else 0.0


def meta_articlekit(data: bytes, url: str) -> tuple[str | None, str | None, str | None]:
    import articlekit

    a = articlekit.extract(data, url=url)
    day = a.date.isoformat()[:10] if a.date else None
    return a.title, "; ".join(a.authors) or None, day


def meta_trafilatura(data: bytes, url: str) -> tuple[str | None, str | None, str | None]:
    import trafilatura

    m = trafilatura.extract_metadata(data, default_url=url)
    return (m.title, m.author, m.date) if m else (None, None, None)


def meta_htmldate(data: bytes, url: str) -> tuple[str | None, str | None, str | None]:
    from htmldate import find_date

    return None, None, find_date(data, url=url)


META_RUNNERS = {"articlekit": meta_articlekit, "trafilatura": meta_trafilatura, "htmldate": meta_htmldate}


def meta_report(pages: list[Page]) -> None:
    """Title (exact, case and spacing aside), authors (mean word F1) and date (the day) against
    the annotations, over the pages that have each; htmldate's `find_date` for the date alone."""
    for name, fn in META_RUNNERS.items():
        title = author = date = 0.0
        n_title = n_author = n_date = 0
        for pid, data, item in pages:
            try:
                found = fn(data, pid)
            except Exception:  # a crash is a miss
                found = (None, None, None)
            if item.get("title"):
                n_title += 1
                title += found[0] is not None and sorted(_words(found[0])) == sorted(_words(item["title"]))
            if item.get("author"):
                n_author += 1
                author += _token_f1(found[1], item["author"])
            if item.get("date"):
                n_date += 1
                date += found[2] == item["date"]
        if name == "htmldate":
            print(f"meta         {name:17} date {date / n_date:.3f} ({n_date} pages)")
        else:
            print(f"meta         {name:17} title {title / n_title:.3f} ({n_title})  authors {author / n_author:.3f} "
                  f"({n_author})  date {date / n_date:.3f} ({n_date})")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("set", choices=sorted(SETS))
    ap.add_argument("path", type=Path)
    ap.add_argument("--worst", type=int, default=0, help="list the N pages where articlekit trails trafilatura most")
    ap.add_argument("--meta", action="store_true", help="trafilatura's pages: title, authors and date instead")
    ap.add_argument("--render", choices=("inscriptis", "html2text", "w3m", "lynx"),
                    help="render every page as a text dump first (every extractor reads the dump)")
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    load, score = SETS[args.set]
    pages = list(load(args.path))
    if args.render:
        pages = rendered(pages, args.render)
    if args.meta:
        return meta_report(pages)
    outs = {}
    for name in ("articlekit", *PEERS):
        out, seconds = run(name, pages)
        outs[name] = out
        empty = sum(not o.strip() for o in out.values())
        figures = "  ".join(f"{k} {v:.3f}" for k, v in score(out, pages).items())
        speed = len(pages) / seconds
        print(f"{args.set:12} {name:17} pages {len(pages):4}  {figures}  empty {empty:3}  {speed:6.1f} pages/s")
    if args.worst:
        gaps = sorted(pages, key=lambda p: score({p[0]: outs["articlekit"][p[0]]}, [p])["F1"]
                      - score({p[0]: outs["trafilatura"][p[0]]}, [p])["F1"])
        for pid, _, _ in gaps[:args.worst]:
            ours, theirs = len(outs["articlekit"][pid]), len(outs["trafilatura"][pid])
            print(f"   {pid}  articlekit {ours} chars, trafilatura {theirs}")


if __name__ == "__main__":
    main()
