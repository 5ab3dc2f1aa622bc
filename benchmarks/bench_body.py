"""Body-extraction benchmark on the scrapinghub pages (HTML) and their lynx / w3m dumps.

    python benchmarks/bench_body.py                 # articlekit on html, lynx, w3m
    python benchmarks/bench_body.py --peers         # + trafilatura, readability-lxml (html)
    python benchmarks/bench_body.py --sets html --report 10   # the 10 worst pages, explained
    python benchmarks/bench_body.py --sets html --peers --repeat 3   # best of 3 interleaved runs each

Each extractor runs in its own child process on pages already in memory, so pages/s is pure
extraction time on one core and peak RSS is that extractor's own.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing as mp
import os
import re
import resource
import sys
import time
from collections import defaultdict
from functools import cache
from pathlib import Path
from queue import Empty
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shingles import score_page, summarise

BENCH = Path(os.environ.get("ARTICLEKIT_BENCH", Path(__file__).resolve().parents[2] / "shared" / "bench"))
SETS = ("html", "lynx", "w3m")


def load_pages(which: str) -> dict[str, tuple[bytes, str]]:
    """{id: (page bytes, url)} for one set."""
    truth = json.loads((BENCH / "scrapinghub" / "ground-truth.json").read_text())
    pages = {}
    for pid, entry in sorted(truth.items()):
        if which == "html":
            data = gzip.decompress((BENCH / "scrapinghub" / "html" / f"{pid}.html.gz").read_bytes())
        else:
            data = (BENCH / "scrapinghub-text" / which / f"{pid}.txt").read_bytes()
        pages[pid] = (data, entry["url"])
    return pages


def truth_bodies() -> dict[str, str]:
    truth = json.loads((BENCH / "scrapinghub" / "ground-truth.json").read_text())
    return {pid: e["articleBody"] for pid, e in truth.items()}


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


EXTRACTORS = {
    "articlekit": run_articlekit,
    "trafilatura": run_trafilatura,
    "trafilatura-fast": run_trafilatura_fast,
    "readability-lxml": run_readability,
    "html-text": run_html_text,
}


def _child(name: str, which: str, queue: Any) -> None:
    fn = EXTRACTORS[name]
    pages = load_pages(which)
    fn(*next(iter(pages.values())))  # warm up imports and caches
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out, errors = {}, {}
    # CPU time of this process: pages per CPU-second is pages/s on one core, and unlike wall
    # time it barely moves when other work shares the machine.
    start, wall = time.process_time(), time.perf_counter()
    for pid, (data, url) in pages.items():
        try:
            out[pid] = fn(data, url)
        except Exception as exc:  # a peer's crash is a result, not a stop
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--peers", action="store_true", help="also run trafilatura and readability-lxml")
    ap.add_argument("--sets", nargs="+", default=list(SETS), choices=SETS)
    ap.add_argument("--report", type=int, default=0, help="explain the N worst pages of articlekit")
    ap.add_argument("--by-language", action="store_true")
    ap.add_argument("--save", help="write per-page predictions (articlekit) to this JSON file")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run every extractor this many times, interleaved, and report its fastest run "
                         "(a shared machine slows runs at random; the fastest is the least disturbed)")
    args = ap.parse_args()
    truth = truth_bodies()
    print(f"{'set':6} {'extractor':18} {'P':>6} {'R':>6} {'F1':>6} {'pageF1':>7} {'empty':>5} "
          f"{'pages/s':>8} {'wall p/s':>8} {'peak MB':>8} {'errors':>6}")
    for which in args.sets:
        names = ["articlekit"]
        if args.peers and which == "html":
            names += ["trafilatura", "trafilatura-fast", "readability-lxml", "html-text"]
        runs: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
        for _ in range(max(1, args.repeat)):
            for name in names:
                runs[name].append(run(name, which))
        for name in names:
            res = min(runs[name], key=lambda r: r["seconds"])
            out = res["out"]
            scores = {pid: score_page(out.get(pid, ""), truth[pid]) for pid in truth}
            empties = sum(1 for pid in truth if not out.get(pid, "").strip())
            s = summarise(scores.values(), empties)
            print(f"{which:6} {name:18} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
                  f"{s.mean_page_f1:7.3f} {s.empty:5d} {len(out) / res['seconds']:8.1f} {len(out) / res['wall']:8.1f} "
                  f"{res['peak_kb'] / 1024:8.1f} {len(res['errors']):6d}", flush=True)
            if name == "articlekit":
                if args.by_language:
                    _by_language(scores, truth)
                if args.report:
                    _report(scores, out, truth, args.report)
                if args.save:
                    Path(args.save).write_text(json.dumps(out, ensure_ascii=False, indent=0))


def _by_language(scores: dict[str, Any], truth: dict[str, str]) -> None:
    groups: dict[str, list[Any]] = defaultdict(list)
    for pid, s in scores.items():
        groups[language_of(truth[pid])].append(s)
    groups["not en"] = [s for lang, ss in groups.items() if lang != "en" for s in ss]
    for lang, ss in sorted(groups.items()):
        sm = summarise(ss)
        print(f"    {lang:10} pages={len(ss):3d} P={sm.precision:.3f} R={sm.recall:.3f} F1={sm.f1:.3f} "
              f"pageF1={sm.mean_page_f1:.3f}")


def _report(scores: dict[str, Any], out: dict[str, str], truth: dict[str, str], n: int) -> None:
    """The worst pages: what was kept that should not be, and what was lost."""
    worst = sorted(scores, key=lambda pid: scores[pid].f1)[:n]
    for pid in worst:
        s = scores[pid]
        pred_lines = [ln for ln in out.get(pid, "").split("\n") if ln.strip()]
        true_text = " ".join(re.findall(r"\w+", truth[pid]))
        pred_text = " ".join(re.findall(r"\w+", out.get(pid, "")))
        extra = [ln for ln in pred_lines if " ".join(re.findall(r"\w+", ln)) not in true_text]
        lost = [ln for ln in truth[pid].split("\n") if ln.strip()
                and " ".join(re.findall(r"\w+", ln)) not in pred_text]
        print(f"\n## {pid[:12]} F1={s.f1:.3f} P={s.precision or 0:.3f} R={s.recall or 0:.3f}")
        for ln in extra[:6]:
            print(f"   + kept:  {ln[:110]}")
        for ln in lost[:6]:
            print(f"   - lost:  {ln[:110]}")


if __name__ == "__main__":
    main()
