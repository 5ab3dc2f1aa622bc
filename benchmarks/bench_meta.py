"""Metadata benchmark on meta-dev: title, authors, date for articlekit and its peers.

    python benchmarks/bench_meta.py                      # articlekit + peers on HTML, articlekit on text
    python benchmarks/bench_meta.py --no-peers --report title   # articlekit only, its title misses
    python benchmarks/bench_meta.py --sets html w3m --report all

Pages: `../shared/bench/meta-dev/` (86 HTML pages; 26 also rendered by w3m, lynx, inscriptis,
html2text). Every extractor gets the page URL from truth.json; articlekit also gets the page's
`crawl_date` as `now`. Peers run on HTML only (they find nothing on text): trafilatura (its date
comes from htmldate), newspaper4k, and htmldate's `find_date` on its own as a date-only row (given
the crawl date as its latest possible date). Text renderings are scored over all their pages. Each extractor runs in
its own child process on pages already in memory, so pages/s is pure extraction time.

The scoring is the one meta-dev's SOURCE.md defines:
- title exact: equal after normalisation (NFKC, casefold, unified quotes and dashes, collapsed
  whitespace, soft hyphens and zero-width characters removed, enclosing quotes and trailing
  punctuation dropped) to `title` or any `title_alt`;
- authors: per-page F1 between name sets (normalised as above, accents folded, a leading
  "By"/"Von"/"Par" dropped, split on , ; & and and/und/et/y), over the pages with `authors`;
  `authors: []` scores 1 only when nothing is predicted; names in `authors_extra` are ignored;
- date: the predicted day is `date` or one of `date_alt`, a zone-aware prediction first moved
  into the offset of the truth's `datetime`;
- body: word 4-gram shingle F1 per page (benchmarks/shingles.py), mean over the pages.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import json
import multiprocessing as mp
import os
import re
import sys
import time
import unicodedata
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shingles import score_page

BENCH = Path(os.environ.get("ARTICLEKIT_BENCH", Path(__file__).resolve().parents[2] / "shared" / "bench"))
META = BENCH / "meta-dev"
RENDERERS = ("w3m", "lynx", "inscriptis", "html2text")
SETS = ("html", *RENDERERS)
FIELDS = ("title", "authors", "date")

Prediction = dict[str, Any]  # {"title": str|None, "authors": [str], "date": iso str|None}


# --- pages -----------------------------------------------------------------------------------

def load_truth() -> dict[str, dict[str, Any]]:
    truth: dict[str, dict[str, Any]] = json.loads((META / "truth.json").read_text())
    return truth


def load_pages(which: str) -> dict[str, tuple[bytes, str, str | None]]:
    """{id: (page bytes, url, crawl_date)} for one set."""
    pages = {}
    for pid, entry in sorted(load_truth().items()):
        if which == "html":
            data = gzip.decompress((META / "html" / f"{pid}.html.gz").read_bytes())
        else:
            path = META / "text" / which / f"{pid}.txt"
            if not path.exists():
                continue
            data = path.read_bytes()
        pages[pid] = (data, entry["url"], entry.get("crawl_date"))
    return pages


# --- extractors (each imported only in its own child process) --------------------------------

def _end_of_day(crawl_date: str | None) -> dt.datetime | None:
    if not crawl_date:
        return None
    day = dt.date.fromisoformat(crawl_date[:10])
    return dt.datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=dt.UTC)


def run_articlekit(data: bytes, url: str, crawl_date: str | None) -> Prediction:
    import articlekit

    art = articlekit.extract(data, url=url, now=_end_of_day(crawl_date))
    return {
        "title": art.title, "authors": list(art.authors),
        "date": art.date.isoformat() if art.date else None,
        "provenance": dict(art.provenance), "body": art.text,
    }


def run_trafilatura(data: bytes, url: str, crawl_date: str | None) -> Prediction:
    import trafilatura

    doc = trafilatura.bare_extraction(data, url=url, with_metadata=True)
    if doc is None:
        return {"title": None, "authors": [], "date": None, "body": ""}
    author = getattr(doc, "author", None)
    return {
        "title": getattr(doc, "title", None),
        "authors": [a for a in re.split(r";", author) if a.strip()] if author else [],
        "date": getattr(doc, "date", None), "body": getattr(doc, "text", None) or "",
    }


def run_newspaper(data: bytes, url: str, crawl_date: str | None) -> Prediction:
    warnings.filterwarnings("ignore")
    from newspaper import Article, Config

    config = Config()
    config.fetch_images = False  # else it downloads every image over the network
    art = Article(url, config=config)
    art.download(input_html=data.decode("utf-8", "replace"))
    with contextlib.suppress(ImportError):  # a missing Japanese tokenizer stops it after the metadata
        art.parse()
    date = art.publish_date
    return {
        "title": art.title or None, "authors": list(art.authors or []),
        "date": date.isoformat() if isinstance(date, dt.date) else None, "body": art.text or "",
    }


def run_htmldate(data: bytes, url: str, crawl_date: str | None) -> Prediction:
    """htmldate's `find_date` on its own (trafilatura's date comes from it, with other settings):
    the publication date (`original_date`), no later than the crawl when one is known."""
    from htmldate import find_date

    kwargs: dict[str, Any] = {"url": url, "original_date": True, "outputformat": "%Y-%m-%d"}
    if crawl_date:
        kwargs["max_date"] = crawl_date[:10]
    return {"title": None, "authors": [], "date": find_date(data.decode("utf-8", "replace"), **kwargs),
            "body": "", "fields": ["date"]}


EXTRACTORS: dict[str, Callable[[bytes, str, str | None], Prediction]] = {
    "articlekit": run_articlekit,
    "trafilatura": run_trafilatura,
    "newspaper4k": run_newspaper,
    "htmldate": run_htmldate,  # a date only: its other columns are not scored
}


def _child(name: str, which: str, queue: Any) -> None:
    warnings.filterwarnings("ignore")
    fn = EXTRACTORS[name]
    pages = load_pages(which)
    fn(*next(iter(pages.values())))  # warm up imports and caches
    out: dict[str, Prediction] = {}
    errors: dict[str, str] = {}
    start = time.perf_counter()
    for pid, (data, url, crawl) in pages.items():
        try:
            out[pid] = fn(data, url, crawl)
        except Exception as exc:  # a peer's crash is a result, not a stop
            out[pid] = {"title": None, "authors": [], "date": None}
            errors[pid] = f"{type(exc).__name__}: {exc}"
    elapsed = time.perf_counter() - start
    queue.put({"out": out, "errors": errors, "seconds": elapsed})


def run(name: str, which: str) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(name, which, queue))
    proc.start()
    result: dict[str, Any] = queue.get()
    proc.join()
    return result


# --- scoring (SOURCE.md) ---------------------------------------------------------------------

_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2039": "'", "\u203a": "'",
    "\u0060": "'", "\u00b4": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
    "\u00ab": '"', "\u00bb": '"', "\u300c": '"', "\u300d": '"', "\u300e": '"', "\u300f": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\ufe58": "-", "\ufe63": "-", "\uff0d": "-",
    "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
})
_ENCLOSING = "\"'"
_TRAILING_PUNCT = ".,;:!?…。、！？·|-"


def norm(text: str) -> str:
    """NFKC, casefold, unified quotes and dashes, invisible characters out, whitespace collapsed,
    enclosing quotes and trailing punctuation dropped."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    text = " ".join(text.split())
    while len(text) >= 2 and text[0] in _ENCLOSING and text[-1] in _ENCLOSING:
        text = text[1:-1].strip()
    return text.rstrip(_TRAILING_PUNCT + " ").strip()


def title_ok(pred: str | None, entry: dict[str, Any]) -> bool:
    if not pred:
        return False
    p = norm(pred)
    return any(p == norm(t) for t in [entry["title"], *entry.get("title_alt", [])] if t)


_LEAD = re.compile(r"^(?:by|von|par)\s+", re.I)
_SPLIT = re.compile(r"\s*(?:[,;&]|\s(?:and|und|et|y)\s)\s*", re.I)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", norm(text))
    return unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))


def name_set(names: Iterable[str]) -> set[str]:
    out = set()
    for raw in names:
        for part in _SPLIT.split(_LEAD.sub("", _fold(raw))):
            part = _LEAD.sub("", part).strip()
            if part:
                out.add(part)
    return out


def authors_f1(pred: list[str], entry: dict[str, Any]) -> float:
    truth = name_set(entry["authors"])
    guess = name_set(pred) - name_set(entry.get("authors_extra", []))
    if not truth:
        return 1.0 if not guess else 0.0
    if not guess:
        return 0.0
    hit = len(truth & guess)
    return 2 * hit / (len(truth) + len(guess))


def date_ok(pred: str | None, entry: dict[str, Any]) -> bool:
    if not pred:
        return False
    try:
        value: dt.date = dt.datetime.fromisoformat(pred) if "T" in pred or " " in pred else dt.date.fromisoformat(pred)
    except ValueError:
        return False
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None and entry.get("datetime"):
            zone = dt.datetime.fromisoformat(entry["datetime"]).tzinfo
            if zone is not None:
                value = value.astimezone(zone)
        value = value.date()
    return value.isoformat() in {entry["date"], *entry.get("date_alt", [])}


def after_crawl(pred: str | None, entry: dict[str, Any]) -> bool:
    """A predicted date later than the page's crawl date (impossible); a zone-aware one in UTC."""
    if not pred or not entry.get("crawl_date"):
        return False
    day = pred[:10]
    if "T" in pred:
        value = dt.datetime.fromisoformat(pred)
        if value.tzinfo is not None:
            day = value.astimezone(dt.UTC).date().isoformat()
    return day > entry["crawl_date"][:10]


def score(out: dict[str, Prediction], truth: dict[str, dict[str, Any]]) -> dict[str, Any]:
    pids = list(out)
    titled = [title_ok(out[p]["title"], truth[p]) for p in pids]
    f1s = [authors_f1(out[p]["authors"], truth[p]) for p in pids if "authors" in truth[p]]
    dated = [date_ok(out[p]["date"], truth[p]) for p in pids]
    bodies = [score_page(out[p].get("body") or "", truth[p]["body"]).f1 for p in pids if truth[p].get("body")]
    return {
        "n": len(pids),
        "title": sum(titled) / len(pids), "authors": sum(f1s) / max(1, len(f1s)),
        "date": sum(dated) / len(pids), "body": sum(bodies) / max(1, len(bodies)),
        "future": sum(after_crawl(out[p]["date"], truth[p]) for p in pids),
    }


# --- report ----------------------------------------------------------------------------------

def report(field: str, which: str, out: dict[str, Prediction], truth: dict[str, dict[str, Any]]) -> None:
    for pid, pred in out.items():
        entry = truth[pid]
        prov = pred.get("provenance", {})
        if field in ("title", "all") and not title_ok(pred["title"], entry):
            print(f"  [{which}] {pid} title  ({prov.get('title')}): {pred['title']!r}\n"
                  f"{'':>{len(which) + 5}}truth: {entry['title']!r} alt={entry.get('title_alt', [])}")
        if field in ("authors", "all") and "authors" in entry and authors_f1(pred["authors"], entry) < 1:
            print(f"  [{which}] {pid} authors ({prov.get('authors')}): {pred['authors']}\n"
                  f"{'':>{len(which) + 5}}truth: {entry['authors']} extra={entry.get('authors_extra', [])}")
        if field in ("date", "all") and not date_ok(pred["date"], entry):
            print(f"  [{which}] {pid} date ({prov.get('date')}): {pred['date']}  "
                  f"truth: {entry.get('datetime') or entry['date']} alt={entry.get('date_alt', [])}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", nargs="+", default=list(SETS), choices=SETS)
    ap.add_argument("--no-peers", action="store_true", help="articlekit only")
    ap.add_argument("--report", choices=("title", "authors", "date", "all"), help="list articlekit's misses")
    args = ap.parse_args()
    truth = load_truth()
    print(f"{'set':11} {'extractor':12} {'pages':>5} {'title exact':>11} {'authors F1':>10} {'date':>6} "
          f"{'body F1':>7} {'pages/s':>8} {'>crawl':>6} {'errors':>6}")
    for which in args.sets:
        names = ["articlekit"] if args.no_peers or which != "html" else list(EXTRACTORS)
        for name in names:
            res = run(name, which)
            s = score(res["out"], truth)
            scored = next(iter(res["out"].values()), {}).get("fields", ["title", "authors", "date", "body"])

            def cell(key: str, width: int, scored: list[str] = scored, s: dict[str, Any] = s) -> str:
                return f"{s[key]:{width}.3f}" if key in scored else f"{'-':>{width}}"

            print(f"{which:11} {name:12} {s['n']:5d} {cell('title', 11)} {cell('authors', 10)} {cell('date', 6)} "
                  f"{cell('body', 7)} {s['n'] / res['seconds']:8.1f} {s['future']:6d} {len(res['errors']):6d}",
                  flush=True)
            for pid, err in list(res["errors"].items())[:3]:
                print(f"    error {pid}: {err[:150]}")
            if name == "articlekit" and args.report:
                report(args.report, which, res["out"], truth)


if __name__ == "__main__":
    main()
