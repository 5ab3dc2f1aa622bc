"""Fuzz `extract` with hypothesis: random HTML and random text dumps, 10,000 examples each.

    python benchmarks/fuzz.py                 # 10,000 HTML pages + 10,000 text dumps
    python benchmarks/fuzz.py --examples 500  # a quick run
    python benchmarks/fuzz.py --kinds html bytes scanner

Each example goes through the checks of tests/test_properties.py (`check_page`): only
`ArticlekitError` may escape, no word of the output is missing from the page's own text, and
the same input gives the same output; output from the readability fallback is held to the same
rule unless --exempt-fallback. Unlike the test suite, a failure does not stop the run:
every example is tried (generation only, no shrinking) and failures are grouped by their first
line, each with the shortest input that showed it. Exit status 1 if anything failed.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import test_properties
from test_properties import (
    TRICKY,
    _check_scanner,
    check_page,
    html_pages,
    text_dumps,
)

KINDS: dict[str, tuple[Any, Callable[[Any], None]]] = {
    "html": (html_pages(), check_page),
    "text": (text_dumps(), check_page),
    "bytes": (st.binary(max_size=2000), check_page),
    "unicode": (st.text(max_size=2000), check_page),
    "scanner": (st.lists(st.sampled_from(TRICKY), max_size=20).map(
        lambda parts: "".join(parts[:10]) + '<div x="1" y="2" z="3">' + "".join(parts[10:]) + "</div>"),
        lambda page: _check_scanner(page, 2)),
}


def fuzz(kind: str, examples: int) -> dict[str, Any]:
    strategy, check = KINDS[kind]
    failures: dict[str, list[Any]] = {}
    count = [0]

    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def run(example: Any) -> None:
        count[0] += 1
        try:
            check(example)
        except Exception as exc:  # every failure is recorded; the run goes on
            key = f"{type(exc).__name__}: {str(exc).splitlines()[0][:160] if str(exc) else ''}"
            seen = failures.setdefault(key, [0, example, traceback.format_exc(limit=-3)])
            seen[0] += 1
            if len(repr(example)) < len(repr(seen[1])):
                seen[1] = example

    start = time.perf_counter()
    run()
    return {"kind": kind, "examples": count[0], "seconds": time.perf_counter() - start, "failures": failures}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--kinds", nargs="+", default=["html", "text"], choices=sorted(KINDS))
    parser.add_argument("--save", metavar="JSON", help="write every failure's shortest input here")
    parser.add_argument("--exempt-fallback", action="store_true",
                        help="let the readability fallback's invented words through, as the test suite does")
    args = parser.parse_args()
    test_properties.EXEMPT_FALLBACK = args.exempt_fallback
    logging.getLogger().addHandler(logging.NullHandler())  # libraries' log noise is not a failure
    failed = False
    saved: list[dict[str, Any]] = []
    for kind in args.kinds:
        result = fuzz(kind, args.examples)
        saved += [{"kind": kind, "failure": key, "count": n, "input": repr(example), "traceback": tb}
                  for key, (n, example, tb) in result["failures"].items()]
        bad = sum(n for n, _, _ in result["failures"].values())
        print(f"{kind:8} {result['examples']:>6} examples  {result['seconds']:7.1f} s  "
              f"{bad} failed ({len(result['failures'])} distinct)", flush=True)
        for key, (n, example, tb) in sorted(result["failures"].items(), key=lambda kv: -kv[1][0]):
            failed = True
            print(f"  {n:>5} x {key}\n        shortest input: {example!r}"[:1200])
            print("        " + tb.strip().splitlines()[-3].strip()[:300])
    if args.save:
        Path(args.save).parent.mkdir(parents=True, exist_ok=True)
        Path(args.save).write_text(json.dumps(saved, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
