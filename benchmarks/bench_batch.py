"""Batch-mode measurements on a corpus from make_corpus.py (see docs/batch.md for results).

    python benchmarks/make_corpus.py 2000 /tmp/c2k --formats warc
    python benchmarks/bench_batch.py readers /tmp/c2k/pages.warc.gz        # warcio vs FastWARC
    python benchmarks/bench_batch.py throughput /tmp/c2k/pages.warc.gz     # loop vs --workers 1 vs 2
    python benchmarks/bench_batch.py rss /tmp/c2k/pages.warc.gz            # peak RSS, whole process tree
    python benchmarks/bench_batch.py check OUT.jsonl /tmp/c2k/manifest.json
    python benchmarks/bench_batch.py dask /tmp/c2k/pages.warc.gz           # LocalCluster vs local run
    python benchmarks/bench_batch.py resume /tmp/c2k/pages.warc.gz         # kill half-way, --resume

Every batch run is the real command line (`python -m articlekit batch ...`) in a child process;
the load average is printed with each timing, since other work on the machine skews them.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

CLI = [sys.executable, "-m", "articlekit", "batch"]


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def cpu_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, from /proc/stat."""
    try:
        with open("/proc/stat") as f:
            fields = [float(x) for x in f.readline().split()[1:]]
    except OSError:
        return 0.0, 0.0
    hz = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + fields[4]
    return (sum(fields) - idle) / hz, sum(fields) / hz


class Busy:
    """How many cores the whole machine kept busy between start and `cores()`."""

    def __init__(self) -> None:
        self.t0 = time.perf_counter()
        self.b0 = cpu_busy()[0]

    def cores(self) -> float:
        return (cpu_busy()[0] - self.b0) / max(time.perf_counter() - self.t0, 1e-9)


def wait_quiet(max_busy: float = 0.15, window: float = 3.0, give_up: float = 900.0) -> float:
    """Wait until the machine keeps less than max_busy cores busy for `window` seconds (other
    sessions share it); returns the seconds waited (give_up: measure anyway)."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < give_up:
        busy = Busy()
        time.sleep(window)
        if busy.cores() < max_busy:
            break
    return time.perf_counter() - t0


LAST_OTHERS = [0.0]  # cores that other processes kept busy during the last `cli` run


def tree_cpu(pid: int, seen: dict[int, float]) -> None:
    """Record the CPU seconds of pid and its descendants (the max seen per process)."""
    import psutil

    try:
        procs = [psutil.Process(pid)]
        procs += procs[0].children(recursive=True)
    except psutil.NoSuchProcess:
        return
    for p in procs:
        with contextlib.suppress(psutil.NoSuchProcess):
            t = p.cpu_times()
            seen[p.pid] = max(seen.get(p.pid, 0.0), t.user + t.system)


def cli(*args: str, check: bool = True) -> tuple[float, str]:
    """Run `articlekit batch ARGS`; LAST_OTHERS gets the cores used by *other* processes meanwhile."""
    busy = Busy()
    t0 = time.perf_counter()
    proc = subprocess.Popen([*CLI, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seen: dict[int, float] = {}
    while proc.poll() is None:
        tree_cpu(proc.pid, seen)
        time.sleep(0.1)
    elapsed = time.perf_counter() - t0
    err = proc.stderr.read() if proc.stderr else ""
    mine = sum(seen.values()) / elapsed
    LAST_OTHERS[0] = max(0.0, busy.cores() - mine - 0.02)  # 0.02: this sampler
    if check and proc.returncode != 0:
        raise SystemExit(f"batch failed ({proc.returncode}): {err}")
    return elapsed, err.strip()


def count_lines(path: str) -> int:
    with open(path, "rb") as f:
        return sum(1 for _ in f)


def records_in(path: str) -> list[Any]:
    from articlekit.batch.inputs import read_records

    return list(read_records([path]))


# --- readers ------------------------------------------------------------------------------------

def cmd_readers(args: argparse.Namespace) -> None:
    from articlekit.batch.warc import available_readers, iter_warc

    path = Path(args.warc)
    for name in available_readers():
        times = []
        n = 0
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            n = sum(1 for _ in iter_warc(path, codec="gz", max_bytes=64 << 20, reader=name))
            times.append(time.perf_counter() - t0)
        best = min(times)
        print(f"read {name:9s}: {n} page records, best of {args.repeat}: {best:.2f} s = {n / best:,.0f} records/s"
              f"  [{load()}]")
    if args.end_to_end:
        with tempfile.TemporaryDirectory() as tmp:
            for name in available_readers():
                out = os.path.join(tmp, f"{name}.jsonl")
                elapsed, _err = cli(args.warc, "-o", out, "--force", "--quiet", "--reader", name,
                                   "--workers", str(args.workers))
                n = count_lines(out)
                print(f"batch --reader {name:9s} --workers {args.workers}: {n / elapsed:.1f} pages/s  [{load()}]")


# --- throughput -----------------------------------------------------------------------------------

def cmd_throughput(args: argparse.Namespace) -> None:
    import articlekit
    from articlekit.batch.records import Shape, ok_line

    records = records_in(args.warc)
    pages = [r for r in records if r.failure is None]
    print(f"{len(records)} records, {len(pages)} pages to extract")
    with tempfile.TemporaryDirectory() as tmp:
        for rep in range(args.repeat):
            # extract in a loop, pages already in memory (the cost batch mode adds nothing to)
            waited = wait_quiet() if args.quiet_gate else 0.0
            busy = Busy()
            c0 = time.process_time()
            t0 = time.perf_counter()
            for r in pages:
                try:
                    article = articlekit.extract(r.page, url=r.url, content_type=r.content_type)
                    ok_line(r.id, r.url, article, Shape()) if args.with_json else None
                except articlekit.ArticlekitError:
                    pass
            wall = time.perf_counter() - t0
            loop = len(records) / wall
            others = max(0.0, busy.cores() - (time.process_time() - c0) / wall)
            print(f"[{rep}] loop over extract():      {loop:7.1f} pages/s  [others used {others:.2f} cores; "
                  f"waited {waited:.0f} s for quiet]")
            if args.ceiling:
                if args.quiet_gate:
                    wait_quiet()
                busy = Busy()
                half = len(pages) // 2
                procs = [subprocess.Popen([sys.executable, __file__, "_loop", args.warc, str(i * half), str(half)],
                                          stdout=subprocess.PIPE, text=True) for i in range(2)]
                r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
                t0 = time.perf_counter()
                both = sum(float(p.communicate()[0]) for p in procs)  # each child's own pages/s
                r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
                mine = (r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime) / (time.perf_counter() - t0)
                others = max(0.0, busy.cores() - mine)
                print(f"[{rep}] 2 loops in 2 processes:  {both:7.1f} pages/s ({both / loop:.2f} x loop: the machine's "
                      f"own 2-core scaling)  [others used {others:.2f} cores]")
            rates = {}
            for workers in args.workers:
                out = os.path.join(tmp, f"w{workers}.jsonl")
                if args.quiet_gate:
                    wait_quiet()
                elapsed, _err = cli(args.warc, "-o", out, "--force", "--quiet", "--workers", str(workers))
                rates[workers] = len(records) / elapsed
                print(f"[{rep}] batch --workers {workers}:        {rates[workers]:7.1f} pages/s "
                      f"({rates[workers] / loop:.2f} x loop)  [others used {LAST_OTHERS[0]:.2f} cores]")
            if 1 in rates and 2 in rates:
                print(f"[{rep}] workers 2 / workers 1: {rates[2] / rates[1]:.2f} x")


# --- peak RSS -------------------------------------------------------------------------------------

def tree_rss(pid: int) -> tuple[int, int]:
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0, 0
    total = 0
    for p in procs:
        with contextlib.suppress(psutil.NoSuchProcess):
            total += p.memory_info().rss
    return total, len(procs)


def cmd_rss(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = args.output or os.path.join(tmp, "out.jsonl")
        extra = ["--workers", str(args.workers)] if args.workers is not None else []
        if args.max_pages_per_worker:
            extra += ["--max-pages-per-worker", str(args.max_pages_per_worker)]
        t0 = time.perf_counter()
        proc = subprocess.Popen([*CLI, args.warc, "-o", out, "--force", *extra], stderr=subprocess.PIPE, text=True)
        peak = procs_at_peak = 0
        samples = []
        while proc.poll() is None:
            rss, n = tree_rss(proc.pid)
            samples.append(rss)
            if rss > peak:
                peak, procs_at_peak = rss, n
            time.sleep(0.05)
        err = proc.stderr.read() if proc.stderr else ""
        elapsed = time.perf_counter() - t0
        lines = count_lines(out)
    q = sorted(samples)
    print(f"{args.warc}: {lines} records in {elapsed:.1f} s; peak RSS of the process tree "
          f"{peak / 2**20:.1f} MiB ({procs_at_peak} processes); median {q[len(q) // 2] / 2**20:.1f} MiB  [{load()}]")
    print(err.strip())


# --- check an output against the manifest -----------------------------------------------------------

def cmd_check(args: argparse.Namespace) -> None:
    manifest = json.loads(Path(args.manifest).read_text())
    corrupt = manifest["corrupt"].get(args.file, {})
    statuses: Counter[str] = Counter()
    types: Counter[str] = Counter()
    ids: list[str] = []
    by_id: dict[str, dict[str, Any]] = {}
    with open(args.output, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            ids.append(rec["id"])
            statuses[rec["status"]] += 1
            if rec["error"]:
                types[f"{rec['status']}:{rec['error']['type']}"] += 1
            if rec["id"] in corrupt:
                by_id[rec["id"]] = rec
    print(f"{len(ids)} output records ({len(set(ids))} distinct ids); expected {manifest['n']}")
    print(f"statuses: {dict(statuses)}; sum {sum(statuses.values())}")
    print(f"error / skip types: {dict(types)}")
    for rid, kind in corrupt.items():
        rec = by_id.get(rid)
        got = "MISSING" if rec is None else f"{rec['status']} {rec['error']['type'] if rec['error'] else ''}"
        print(f"  corrupt {kind:15s} -> {got}")
    bad = [rid for rid, kind in corrupt.items()
           if kind != "bad-charset" and (by_id.get(rid) or {}).get("status") != "error"]
    ok = len(ids) == len(set(ids)) == manifest["n"] and not bad
    print("OK" if ok else f"NOT OK: {bad}")


# --- Dask -------------------------------------------------------------------------------------------

def cmd_dask(args: argparse.Namespace) -> None:
    import distributed

    with tempfile.TemporaryDirectory() as tmp:
        local, remote = os.path.join(tmp, "local.jsonl"), os.path.join(tmp, "dask.jsonl")
        elapsed, _ = cli(args.warc, "-o", local, "--force", "--quiet", "--workers", "2")
        print(f"local --workers 2: {elapsed:.1f} s  [{load()}]")
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      dashboard_address=None, silence_logs=40) as cluster:
            elapsed, _ = cli(args.warc, "-o", remote, "--force", "--quiet", "--dask", cluster.scheduler_address)
            print(f"dask LocalCluster(n_workers=2, threads_per_worker=1): {elapsed:.1f} s  [{load()}]")
        a = Path(local).read_bytes().splitlines()
        b = Path(remote).read_bytes().splitlines()
        same = sum(x == y for x, y in zip(a, b, strict=False))
        print(f"local {len(a)} records, dask {len(b)} records, identical lines {same}: "
              f"{'IDENTICAL' if a == b else 'DIFFERENT'}")


# --- resume after a kill ----------------------------------------------------------------------------

def cmd_resume(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        full, part = os.path.join(tmp, "full.jsonl"), os.path.join(tmp, "part.jsonl" + (".gz" if args.gz else ""))
        cli(args.warc, "-o", full, "--force", "--quiet")
        n = count_lines(full)
        proc = subprocess.Popen([*CLI, args.warc, "-o", part, "--quiet"], start_new_session=True)
        t0 = time.perf_counter()
        target = os.path.getsize(full) // 2 // (8 if args.gz else 1)
        while proc.poll() is None and (not os.path.exists(part) or os.path.getsize(part) < target):
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        print(f"killed the run after {time.perf_counter() - t0:.1f} s with {os.path.getsize(part)} bytes written")
        if not args.gz:
            data = Path(part).read_bytes()
            nl = b"\n"
            print(f"complete lines before resume: {data.count(nl)} of {n}; torn tail: {not data.endswith(nl)}")
        _elapsed, err = cli(args.warc, "-o", part, "--resume")
        print(err)
        import gzip

        opener: Any = gzip.open if args.gz else open
        with opener(part, "rt", encoding="utf-8") as f:
            got = [json.loads(line) for line in f]
        ids = [r["id"] for r in got]
        with open(full, encoding="utf-8") as f:
            want = [json.loads(line) for line in f]
        key = {r["id"]: r for r in want}
        same = all(key[r["id"]] == r for r in got)
        print(f"after --resume: {len(ids)} records, {len(set(ids))} distinct, expected {n}; "
              f"every record equals the uninterrupted run's: {same}")


def _loop(warc: str, start: int, count: int) -> None:
    import articlekit

    pages = [r for r in records_in(warc) if r.failure is None][start : start + count]
    t0 = time.perf_counter()
    for r in pages:
        with contextlib.suppress(articlekit.ArticlekitError):
            articlekit.extract(r.page, url=r.url, content_type=r.content_type)
    print(len(pages) / (time.perf_counter() - t0))


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "_loop":  # a child of `throughput --ceiling`
        _loop(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("readers")
    p.add_argument("warc")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--end-to-end", action="store_true")
    p.add_argument("--workers", type=int, default=2)
    p = sub.add_parser("throughput")
    p.add_argument("warc")
    p.add_argument("--repeat", type=int, default=2)
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    p.add_argument("--with-json", action="store_true", help="the loop also builds the output line")
    p.add_argument("--ceiling", action="store_true", help="also run 2 plain loops side by side (2-core scaling)")
    p.add_argument("--quiet-gate", action="store_true", help="wait for an idle machine before each measurement")
    p = sub.add_parser("rss")
    p.add_argument("warc")
    p.add_argument("--workers", type=int, default=None)
    p.add_argument("--max-pages-per-worker", type=int, default=None)
    p.add_argument("--output", help="keep the output here (default: a temporary file)")
    p = sub.add_parser("check")
    p.add_argument("output")
    p.add_argument("manifest")
    p.add_argument("--file", default="pages.warc.gz", help="which corpus file the output is of")
    p = sub.add_parser("dask")
    p.add_argument("warc")
    p = sub.add_parser("resume")
    p.add_argument("warc")
    p.add_argument("--gz", action="store_true", help="gzip output")
    args = ap.parse_args()
    {"readers": cmd_readers, "throughput": cmd_throughput, "rss": cmd_rss, "check": cmd_check,
     "dask": cmd_dask, "resume": cmd_resume}[args.cmd](args)


if __name__ == "__main__":
    main()
