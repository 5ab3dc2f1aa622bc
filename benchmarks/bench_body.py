"""Body-extraction benchmark on every body set in ../shared/bench, peers in the same run.

    python benchmarks/bench_body.py --all --peers            # every set; a table each, then a summary
    python benchmarks/bench_body.py scrapinghub meta-dev     # some sets, articlekit only
    python benchmarks/bench_body.py scrapinghub --report 10  # the 10 worst pages: what was lost, and why
    python benchmarks/bench_body.py scrapinghub --peers --repeat 3   # best of 3 interleaved runs each
    python benchmarks/bench_body.py --derived                # robustness variants (see below)

Sets (each one whose files are present in the bench folder):
- `scrapinghub`: 181 news pages (HTML); `scrapinghub-lynx`, `scrapinghub-w3m`: their text dumps;
- `meta-dev`: 86 news pages of other publishers (HTML); `meta-dev-w3m`, `-lynx`, `-inscriptis`,
  `-html2text`: 26 of them rendered as text.
Derived sets (`--derived`) are the scrapinghub pages with the markup cues we never control taken
away, to see how much of a score rests on them: `-noattr` without class, id, role, itemprop and
rel attributes; `-html4` with HTML5's semantic elements (article, main, nav, aside, footer,
header, section, figure) turned into <div>, as on pages written before them; `-br` with every
<p> turned into its text and two <br>, as hand-written and early blog pages separate paragraphs.

Each extractor runs in its own child process on pages already in memory, so pages/s is pure
extraction time on one core and peak RSS is that extractor's own. The metric is the scrapinghub
benchmark's (benchmarks/shingles.py): P and R are means over pages, F1 = 2PR/(P+R);
`pageF1` is the mean of per-page F1 (meta-dev's own score). `empty>=50` counts pages with an
empty body whose truth has 50 words or more.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import multiprocessing as mp
import os
import re
import resource
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from functools import cache
from pathlib import Path
from queue import Empty
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shingles import score_page, summarise

BENCH = Path(os.environ.get("ARTICLEKIT_BENCH", Path(__file__).resolve().parents[2] / "shared" / "bench"))
SH, META = BENCH / "scrapinghub", BENCH / "meta-dev"
RENDERERS = ("w3m", "lynx", "inscriptis", "html2text")
REAL_SETS = ("scrapinghub", "scrapinghub-lynx", "scrapinghub-w3m", "meta-dev",
             *(f"meta-dev-{r}" for r in RENDERERS))
DERIVED_SETS = ("scrapinghub-noattr", "scrapinghub-html4", "scrapinghub-br")
ALIASES = {"html": "scrapinghub", "lynx": "scrapinghub-lynx", "w3m": "scrapinghub-w3m"}
MIN_TRUTH_WORDS = 50  # an empty body for a page whose truth has this many words is a failure

Pages = dict[str, tuple[bytes, str]]  # {id: (page bytes, url)}


def _sh_truth() -> dict[str, Any]:
    return dict(json.loads((SH / "ground-truth.json").read_text()))


def _meta_truth() -> dict[str, Any]:
    return dict(json.loads((META / "truth.json").read_text()))


def truth_bodies(which: str) -> dict[str, str]:
    if which.startswith("scrapinghub"):
        return {pid: e["articleBody"] for pid, e in _sh_truth().items()}
    pages = load_pages(which)  # (a rendering holds some of the pages)
    return {pid: e["body"] for pid, e in _meta_truth().items() if pid in pages and "body" in e}


def available(which: str) -> bool:
    if which.startswith("scrapinghub-") and which not in DERIVED_SETS:
        return (BENCH / "scrapinghub-text" / which.split("-", 1)[1]).is_dir()
    if which.startswith("scrapinghub"):
        return (SH / "html").is_dir()
    if which == "meta-dev":
        return (META / "html").is_dir()
    return (META / "text" / which.removeprefix("meta-dev-")).is_dir()


def load_pages(which: str) -> Pages:
    """{id: (page bytes, url)} for one set."""
    which = ALIASES.get(which, which)
    pages: Pages = {}
    if which.startswith("scrapinghub"):
        variant = which.removeprefix("scrapinghub").lstrip("-")
        for pid, entry in sorted(_sh_truth().items()):
            if variant in ("lynx", "w3m"):
                data = (BENCH / "scrapinghub-text" / variant / f"{pid}.txt").read_bytes()
            else:
                data = gzip.decompress((SH / "html" / f"{pid}.html.gz").read_bytes())
                if variant:
                    data = _derive(data, variant)
            pages[pid] = (data, entry["url"])
        return pages
    renderer = which.removeprefix("meta-dev").lstrip("-")
    for pid, entry in sorted(_meta_truth().items()):
        if not renderer:
            pages[pid] = (gzip.decompress((META / "html" / f"{pid}.html.gz").read_bytes()), entry["url"])
        elif (path := META / "text" / renderer / f"{pid}.txt").exists():
            pages[pid] = (path.read_bytes(), entry["url"])
    return pages


_CUE_ATTRS = ("class", "id", "role", "itemprop", "rel")
_HTML5 = frozenset({"article", "main", "nav", "aside", "footer", "header", "section", "figure", "figcaption"})


def _derive(data: bytes, variant: str) -> bytes:
    """The page without the markup cues the variant names (see the module docstring)."""
    from lxml import etree
    from lxml import html as lxml_html

    # (decoded first: the pages are UTF-8, and lxml would guess another charset for some)
    root = lxml_html.document_fromstring(data.decode("utf-8", "replace"))
    for el in root.iter(etree.Element):
        if variant == "noattr":
            for name in _CUE_ATTRS:
                el.attrib.pop(name, None)
        elif variant == "html4" and el.tag in _HTML5:
            el.tag = "div"
    if variant == "br":
        for p in list(root.iter("p")):
            p.append(lxml_html.Element("br"))
            p.append(lxml_html.Element("br"))
            p.drop_tag()
    return bytes(lxml_html.tostring(root, encoding="utf-8", doctype="<!DOCTYPE html>"))


# --- extractors (each imported only in its own child process) --------------------------------

def run_articlekit(data: bytes, url: str) -> str:
    import articlekit

    return articlekit.extract(data, url=url).text


def run_trafilatura(data: bytes, url: str) -> str:
    import trafilatura

    return trafilatura.extract(data, url=url) or ""


def run_trafilatura_fast(data: bytes, url: str) -> str:
    import trafilatura

    return trafilatura.extract(data, url=url, fast=True) or ""


def run_readability(data: bytes, url: str) -> str:
    from lxml import html
    from readability import Document

    summary = Document(data, url=url).summary(html_partial=True)
    return html.fromstring(summary).text_content() if summary.strip() else ""


def run_html_text(data: bytes, url: str) -> str:
    import html_text

    return str(html_text.extract_text(data.decode("utf-8", "replace")))


EXTRACTORS: dict[str, Callable[[bytes, str], str]] = {
    "articlekit": run_articlekit,
    "trafilatura": run_trafilatura,
    "trafilatura-fast": run_trafilatura_fast,
    "readability-lxml": run_readability,
    "html-text": run_html_text,
}
PEERS = ("trafilatura", "readability-lxml")
SPEED_PEERS = ("trafilatura-fast", "html-text")  # with --repeat on scrapinghub: the speed table's rows


def _child(name: str, which: str, queue: Any) -> None:
    import warnings

    warnings.filterwarnings("ignore")
    fn = EXTRACTORS[name]
    pages = load_pages(which)
    with contextlib.suppress(Exception):  # (a crash is counted below, page by page)
        fn(*next(iter(pages.values())))  # warm up imports and caches
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out, errors = {}, {}
    # CPU time of this process: pages per CPU-second is pages/s on one core, and unlike wall
    # time it barely moves when other work shares the machine.
    start, wall = time.process_time(), time.perf_counter()
    for pid, (data, url) in pages.items():
        try:
            out[pid] = fn(data, url)
        except Exception as exc:  # a crash is a result, not a stop
            out[pid], errors[pid] = "", f"{type(exc).__name__}: {exc}"
    elapsed = time.process_time() - start
    wall = time.perf_counter() - wall
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    queue.put({"out": out, "errors": errors, "seconds": elapsed, "wall": wall, "peak_kb": peak, "base_kb": base_rss})


def run(name: str, which: str) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(name, which, queue))
    proc.start()
    while True:  # a child that dies (an import error, a crash) must not hang the run
        try:
            result: dict[str, Any] = queue.get(timeout=1.0)
            break
        except Empty:
            if not proc.is_alive():
                raise SystemExit(f"{name} on {which}: the benchmark process died (exit {proc.exitcode})") from None
    proc.join()
    return result


_SCRIPTS = (("ko", re.compile(r"[\uac00-\ud7a3]")), ("ja", re.compile(r"[\u3040-\u30ff]")),
            ("zh", re.compile(r"[\u4e00-\u9fff]")), ("ru", re.compile(r"[\u0400-\u04ff]")),
            ("ar", re.compile(r"[\u0600-\u06ff]")), ("he", re.compile(r"[\u0590-\u05ff]")))


@cache
def _stopword_lists() -> dict[str, frozenset[str]]:
    import tomllib

    path = Path(__file__).resolve().parents[1] / "src" / "articlekit" / "data" / "stopwords.toml"
    return {lang: frozenset(words) for lang, words in tomllib.loads(path.read_text()).items()}


def language_of(text: str) -> str:
    """The language of a ground-truth body: its script, else the stop-word list it hits most."""
    for lang, script in _SCRIPTS:
        if len(script.findall(text[:2000])) > 50:
            return lang
    words = re.findall(r"\w+", text.lower())[:1000]
    hits = {lang: sum(w in stops for w in words) for lang, stops in _stopword_lists().items()}
    best = max(hits, key=lambda lang: hits[lang])
    return best if hits[best] >= 10 else "other"


_HEADER = (f"{'set':20} {'extractor':17} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} {'pageF1':>7} "
           f"{'empty':>5} {'e>=50':>5} {'errors':>6} {'pages/s':>8} {'peak MB':>8}")


def _row(which: str, name: str, res: dict[str, Any], truth: dict[str, str]) -> dict[str, Any]:
    out = res["out"]
    scores = {pid: score_page(out.get(pid, ""), truth[pid]) for pid in truth}
    empty = [pid for pid in truth if not out.get(pid, "").strip()]
    bad_empty = [pid for pid in empty if len(re.findall(r"\w+", truth[pid])) >= MIN_TRUTH_WORDS]
    s = summarise(scores.values(), len(empty))
    row = {"set": which, "name": name, "s": s, "scores": scores, "bad_empty": bad_empty,
           "errors": res["errors"], "speed": len(out) / res["seconds"], "peak": res["peak_kb"] / 1024}
    print(f"{which:20} {name:17} {s.pages:5d} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
          f"{s.mean_page_f1:7.3f} {s.empty:5d} {len(bad_empty):5d} {len(res['errors']):6d} "
          f"{row['speed']:8.1f} {row['peak']:8.1f}", flush=True)
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="*", help=f"set names: {', '.join(REAL_SETS + DERIVED_SETS)} "
                    "(html, lynx, w3m: the scrapinghub ones)")
    ap.add_argument("--all", action="store_true", help="every body set present in the bench folder")
    ap.add_argument("--derived", action="store_true", help="add the derived robustness sets")
    ap.add_argument("--sets", dest="sets_opt", nargs="+", default=[], help="(the same as the positional names)")
    ap.add_argument("--peers", action="store_true", help="also run trafilatura and readability-lxml on every set")
    ap.add_argument("--report", type=int, default=0, help="explain the N worst pages of articlekit on each set")
    ap.add_argument("--by-language", action="store_true")
    ap.add_argument("--save", help="write per-page predictions of articlekit ({set: {id: text}}) to this JSON file")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run every extractor this many times, interleaved, and report its fastest run "
                         "(a shared machine slows runs at random; the fastest is the least disturbed)")
    args = ap.parse_args()
    names = [ALIASES.get(n, n) for n in args.sets + args.sets_opt]
    if args.all or not names:
        names += [s for s in REAL_SETS if available(s)]
    if args.derived:
        names += list(DERIVED_SETS)
    names = list(dict.fromkeys(names))
    unknown = [n for n in names if n not in REAL_SETS + DERIVED_SETS]
    if unknown:
        ap.error(f"unknown set(s): {', '.join(unknown)}")
    rows: list[dict[str, Any]] = []
    saved: dict[str, dict[str, str]] = {}
    for which in names:
        truth = truth_bodies(which)
        extractors = ["articlekit"]
        if args.peers:
            extractors += list(PEERS)
            if args.repeat > 1 and which == "scrapinghub":
                extractors += list(SPEED_PEERS)
        runs: dict[str, list[dict[str, Any]]] = {name: [] for name in extractors}
        for _ in range(max(1, args.repeat)):
            for name in extractors:
                runs[name].append(run(name, which))
        print(f"\n{_HEADER}")
        for name in extractors:
            res = min(runs[name], key=lambda r: r["seconds"])
            rows.append(_row(which, name, res, truth))
            if name != "articlekit":
                continue
            saved[which] = res["out"]
            if args.by_language:
                _by_language(rows[-1]["scores"], truth)
            if args.report:
                _report(rows[-1]["scores"], load_pages(which), res["out"], truth, args.report)
    _summary(rows)
    if args.save:
        Path(args.save).write_text(json.dumps(saved, ensure_ascii=False, indent=0))


def _summary(rows: list[dict[str, Any]]) -> None:
    """Per extractor, over the sets it ran on: mean P, R and F1 of the sets, its margin over
    trafilatura's F1 on the worst set, empties and errors."""
    by_name: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_name[row["name"]].append(row)
    traf = {row["set"]: row["s"].f1 for row in rows if row["name"] == "trafilatura"}
    print(f"\nsummary over {len({r['set'] for r in rows})} sets")
    print(f"{'extractor':17} {'sets':>4} {'mean P':>7} {'mean R':>7} {'mean F1':>7} {'min F1-traf':>11} "
          f"{'empty':>5} {'e>=50':>5} {'errors':>6}")
    for name, rs in by_name.items():
        n = len(rs)
        margins = [r["s"].f1 - traf[r["set"]] for r in rs if r["set"] in traf]
        margin = f"{min(margins):+11.3f}" if margins and name != "trafilatura" else f"{'':>11}"
        print(f"{name:17} {n:4d} {sum(r['s'].precision for r in rs) / n:7.3f} "
              f"{sum(r['s'].recall for r in rs) / n:7.3f} {sum(r['s'].f1 for r in rs) / n:7.3f} {margin} "
              f"{sum(r['s'].empty for r in rs):5d} {sum(len(r['bad_empty']) for r in rs):5d} "
              f"{sum(len(r['errors']) for r in rs):6d}")
    for row in rows:  # (peers read no text dumps: their empties there are no news)
        for pid in row["bad_empty"] if row["name"] == "articlekit" else ():
            print(f"  empty: {row['name']} on {row['set']}: {pid[:16]} {row['errors'].get(pid, '')}")


def _by_language(scores: dict[str, Any], truth: dict[str, str]) -> None:
    groups: dict[str, list[Any]] = defaultdict(list)
    for pid, s in scores.items():
        groups[language_of(truth[pid])].append(s)
    groups["not en"] = [s for lang, ss in groups.items() if lang != "en" for s in ss]
    for lang, ss in sorted(groups.items()):
        sm = summarise(ss)
        print(f"    {lang:10} pages={len(ss):3d} P={sm.precision:.3f} R={sm.recall:.3f} F1={sm.f1:.3f} "
              f"pageF1={sm.mean_page_f1:.3f}")


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text))


def _report(scores: dict[str, Any], pages: Pages, out: dict[str, str], truth: dict[str, str], n: int) -> None:
    """The worst pages: what was kept that should not be, what was lost and the reason each
    lost line was removed for (re-extracted here, in this process), and the body's stage."""
    import articlekit

    worst = sorted(scores, key=lambda pid: scores[pid].f1)[:n]
    for pid in worst:
        s = scores[pid]
        data, url = pages[pid]
        try:
            article = articlekit.extract(data, url=url)
            removed = [(_words(r.text), r.reason) for r in article.removed]
            stage = article.provenance.get("text", "blocks")
        except Exception as exc:
            removed, stage = [], f"error: {type(exc).__name__}"
        pred_lines = [ln for ln in out.get(pid, "").split("\n") if ln.strip()]
        true_text, pred_text = _words(truth[pid]), _words(out.get(pid, ""))
        extra = [ln for ln in pred_lines if _words(ln) not in true_text]
        lost = [ln for ln in truth[pid].split("\n") if ln.strip() and _words(ln) not in pred_text]
        reasons: Counter[str] = Counter()
        print(f"\n## {pid[:12]} F1={s.f1:.3f} P={s.precision or 0:.3f} R={s.recall or 0:.3f} body from: {stage}")
        for ln in extra[:6]:
            print(f"   + kept:  {ln[:110]}")
        for k, ln in enumerate(lost):
            w = _words(ln)
            why = next((reason for text, reason in removed if w and (w in text or (text and text in w))), "?")
            reasons[why] += len(w)
            if k < 6:
                print(f"   - lost:  [{why}] {ln[:100]}")
        if reasons:
            print("   lost characters by reason: " + ", ".join(f"{r} {c}" for r, c in reasons.most_common()))


if __name__ == "__main__":
    main()
