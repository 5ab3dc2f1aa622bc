"""`extract_many` (the library call) and `run` (what `articlekit batch` does around it)."""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..load import MAX_BYTES
from .inputs import CODECS, _page_record
from .pool import LocalPool, default_workers, run_inline
from .records import STATUSES, Record, Result, WarcSlice
from .worker import Options

PageLike = Record | WarcSlice | bytes | str | Path | Mapping[str, Any]


def as_record(item: PageLike, index: int) -> Record:
    """A Record from what a caller may hand `extract_many`."""
    if isinstance(item, Record):
        return item
    if isinstance(item, WarcSlice):
        raise TypeError("a WarcSlice is read by the process pool only")
    if isinstance(item, Path):
        codec = CODECS.get(item.suffix.lower())
        return _page_record(item, str(item), codec, MAX_BYTES)
    if isinstance(item, bytes | str):
        return Record(str(index), item)
    if isinstance(item, Mapping):
        page = item.get("html", item.get("page"))
        rec_id = item.get("id")
        return Record(
            str(index) if rec_id is None else str(rec_id),
            page if isinstance(page, bytes | str) else None,
            url=item.get("url"),
            content_type=item.get("content_type"),
        )
    raise TypeError(f"cannot make a batch record from {type(item).__name__}")


def extract_many(
    records: Iterable[PageLike],
    workers: int | None = None,
    *,
    timeout: float | None = 5.0,
    max_bytes: int = MAX_BYTES,
    explain: bool = False,
    markdown: bool = False,
    now: dt.datetime | None = None,
    ordered: bool = True,
    window: int | None = None,
    max_pages_per_worker: int | None = None,
    extractor: str | None = None,
) -> Iterator[Result]:
    """Extract many pages in parallel: one `Result` per record, in input order by default.

    `records`: `Record`s, or bytes / str pages (ids "0", "1"...), `Path`s, or dicts with
    `html` (or `page`), `url`, `id`, `content_type`. `workers`: processes (default: every core;
    0 runs in this process, without crash isolation). `timeout`: seconds per page; a page over it
    becomes an error record of type "timeout"; a worker that dies makes its page a "crash"
    record. `markdown`: each record also carries the body as Markdown. `extractor`:
    "module:function" to call instead of `articlekit.extract`. Memory stays flat: at most
    `window` records (default 64 per worker) are read ahead of the oldest unfinished.
    """
    options = Options(timeout=timeout, max_bytes=max_bytes, explain=explain, now=now, extractor=extractor,
                      markdown=markdown)
    n = default_workers() if workers is None else workers
    if n <= 0:
        return run_inline((as_record(item, i) for i, item in enumerate(records)), options)
    stream = (item if isinstance(item, WarcSlice) else as_record(item, i) for i, item in enumerate(records))
    pool = LocalPool(n, options, window=window, ordered=ordered, max_pages_per_worker=max_pages_per_worker)
    return pool.run(stream)


@dataclass
class Counts:
    """What a run did; `read == ok + error + skipped` always holds."""

    read: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    resumed: int = 0  # records already in the output (--resume), not redone
    started: float = field(default_factory=time.monotonic)

    def add(self, result: Result) -> None:
        self.read += 1
        self.statuses[result.status] += 1
        if result.error_type and result.status == "error":
            self.errors[result.error_type] += 1

    def summary(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        parts = ", ".join(f"{self.statuses[s]} {s}" for s in STATUSES)
        text = f"read {self.read}: {parts}"
        if self.errors:
            text += " (errors: " + ", ".join(f"{k} {v}" for k, v in self.errors.most_common()) + ")"
        if self.resumed:
            text += f"; {self.resumed} already in the output, not redone"
        return f"{text}; {elapsed:.1f} s, {self.read / elapsed:.1f} pages/s"


def progress(quiet: bool) -> Any:
    """A tqdm bar on stderr when it is a terminal (and not --quiet); else None."""
    if quiet or not sys.stderr.isatty():
        return None
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is in the batch extra
        return None
    return tqdm(unit=" pages", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)
