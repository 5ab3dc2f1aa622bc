"""Run the hostile-input catalogue (tests/test_hostile.py), one fresh process per case, and print
a table: input, outcome, time of `extract`, peak memory (RSS) of the whole process.

    python benchmarks/hostile_catalogue.py              # every case, the 50 MB giants included
    python benchmarks/hostile_catalogue.py --only MB    # the cases whose name holds "MB"

A case passes when its outcome is the expected one (the catalogue's own checks), `extract`
took under 5 s and the process never held more than 1 GB. The peak RSS includes the Python
interpreter, the generated input and everything `extract` allocated. Exit status 1 if any case
fails. Cases marked xfail in the catalogue are known bugs elsewhere: listed, not counted.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests"
MAX_SECONDS = 5.0
MAX_RSS_MB = 1024


def child(name: str) -> None:
    """Run one case in this process and print one JSON line about it."""
    sys.path.insert(0, str(TESTS))
    import logging

    logging.getLogger().addHandler(logging.NullHandler())
    import test_hostile

    case = test_hostile.by_name(name)
    try:
        result, seconds = test_hostile.run_case(case)
    except Exception as exc:  # an exception extract must never raise: the case failed
        print(json.dumps({"outcome": f"CRASH {type(exc).__name__}: {exc}"[:300], "seconds": None,
                          "rss_mb": _rss_mb(), "expected": False}))
        return
    try:
        test_hostile.verify(case, result)
        expected, note = True, ""
    except AssertionError as exc:
        expected, note = False, f" [unexpected: {str(exc).splitlines()[0][:160]}]"
    print(json.dumps({"outcome": test_hostile.outcome(result)[:200] + note, "seconds": seconds,
                      "rss_mb": _rss_mb(), "expected": expected}))


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run the cases whose name contains this")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    sys.path.insert(0, str(TESTS))
    import test_hostile

    cases = [c for c in test_hostile.CASES if not args.only or args.only in c.name]
    rows, failures = [], 0
    print("| input | outcome | time | peak RSS | ok |\n|---|---|---:|---:|---|", flush=True)
    for case in cases:
        try:
            proc = subprocess.run([sys.executable, __file__, "--child", case.name], capture_output=True,
                                  text=True, timeout=300, check=False)
            line = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
            data = json.loads(line) if line else {"outcome": f"CRASH (exit {proc.returncode}): "
                                                  f"{proc.stderr.strip()[-200:]}", "seconds": None,
                                                  "rss_mb": 0, "expected": False}
        except subprocess.TimeoutExpired:
            data = {"outcome": "HANG (killed after 300 s)", "seconds": None, "rss_mb": 0, "expected": False}
        seconds = data["seconds"]
        ok = data["expected"] and seconds is not None and seconds < MAX_SECONDS and data["rss_mb"] < MAX_RSS_MB
        if case.xfail:
            verdict = "known bug (xfail)" if not ok else "ok (xfail passed)"
        else:
            verdict = "ok" if ok else "FAIL"
            failures += not ok
        time_text = f"{seconds:.2f} s" if seconds is not None else "-"
        outcome_text = str(data["outcome"]).replace("|", "\\|").replace("\n", " ")
        row = f"| {case.name} | {outcome_text} | {time_text} | {data['rss_mb']:.0f} MB | {verdict} |"
        rows.append(row)
        print(row, flush=True)
    print(f"\n{len(cases)} cases, {failures} failed (limits: {MAX_SECONDS:g} s, {MAX_RSS_MB} MB)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
