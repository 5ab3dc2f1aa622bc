"""Running batch extraction on a Dask cluster (the optional extra `articlekit[dask]`).

- `extract_partition(items)`: for `bag.map_partitions(...)`: items are dicts (`html`/`page`,
  `url`, `id`, `content_type`), `Record`s, or raw pages; returns the output records as dicts.
- `extract_bag(bag)`: the same, as a new bag.
- `extract_frame(df)`: for `ddf.map_partitions(extract_frame, meta=frame_meta())`: a pandas
  partition with `html`, `url`, `id` columns in, one row per output record out.
- `run_on_dask(records, address)`: what `articlekit batch --dask ADDRESS` uses: the local reader
  feeds chunks of records to the cluster, a bounded number at a time, and yields `Result`s in
  input order. A chunk whose worker died (Dask's `KilledWorker` after its retries) is retried
  record by record, so a page that kills workers ends as its own `crash` record.

Every function extracts with the same `process` as the local pool, so the records are
byte-for-byte those of a local run. Dask runs tasks in threads: the per-page time limit is an
asynchronous exception raised in the task's thread (see `worker.time_limit`).
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from ..load import MAX_BYTES
from .records import CRASH, Failure, Record, Result, Shape, article_keys, failure_result
from .run import PageLike, as_record
from .worker import Options, process

__all__ = ["extract_bag", "extract_frame", "extract_partition", "frame_meta", "run_on_dask"]


def _options(
    timeout: float | None, max_bytes: int, explain: bool, now: dt.datetime | None, markdown: bool = False
) -> Options:
    return Options(timeout=timeout, max_bytes=max_bytes, explain=explain, now=now, markdown=markdown)


def extract_chunk(records: list[Record], options: Options) -> list[Result]:
    """One Dask task: extract a few records."""
    return [process(record, options) for record in records]


def extract_partition(
    items: Iterable[PageLike],
    *,
    timeout: float | None = 5.0,
    max_bytes: int = MAX_BYTES,
    explain: bool = False,
    now: dt.datetime | None = None,
    markdown: bool = False,
) -> list[dict[str, Any]]:
    """The output records (dicts) for one partition of pages; `markdown`: each also carries the
    body as Markdown, as `articlekit batch --format markdown` writes it."""
    options = _options(timeout, max_bytes, explain, now, markdown)
    return [process(as_record(item, i), options).to_dict() for i, item in enumerate(items)]


def extract_bag(bag: Any, **kwargs: Any) -> Any:
    """`bag` of pages -> bag of output records (dicts); kwargs as for `extract_partition`."""
    return bag.map_partitions(extract_partition, **kwargs)


def frame_columns(explain: bool = False, markdown: bool = False) -> list[str]:
    return ["id", "url", "status", "ok", "error", *article_keys(Shape(explain, markdown))]


def frame_meta(explain: bool = False, markdown: bool = False) -> Any:
    """An empty pandas DataFrame with `extract_frame`'s columns (Dask's `meta=`)."""
    pd = importlib.import_module("pandas")

    columns = frame_columns(explain, markdown)
    return pd.DataFrame({c: pd.Series(dtype="bool" if c == "ok" else "object") for c in columns})


def extract_frame(
    df: Any,
    *,
    html: str = "html",
    url: str = "url",
    id: str = "id",
    timeout: float | None = 5.0,
    max_bytes: int = MAX_BYTES,
    explain: bool = False,
    now: dt.datetime | None = None,
    markdown: bool = False,
) -> Any:
    """A pandas partition of pages -> a pandas DataFrame of output records (one row each);
    `markdown`: a `markdown` column with the body as Markdown."""
    pd = importlib.import_module("pandas")

    options = _options(timeout, max_bytes, explain, now, markdown)
    rows = []
    has_url, has_id = url in df.columns, id in df.columns
    for i, (page, page_url, page_id) in enumerate(zip(
        df[html],
        df[url] if has_url else [None] * len(df),
        df[id] if has_id else [None] * len(df),
        strict=True,
    )):
        rec_id = str(page_id) if page_id is not None else str(df.index[i])
        record = Record(rec_id, page if isinstance(page, bytes | str) else None,
                        url=page_url if isinstance(page_url, str) else None)
        if record.page is None:
            record = Record(rec_id, None, url=record.url,
                            failure=Failure("error", "MissingField", f"row {rec_id} has no page in {html!r}"))
        rows.append(json.loads(process(record, options).line))
    columns = frame_columns(explain, markdown)
    out = pd.DataFrame(rows, columns=columns)
    if not rows:
        return frame_meta(explain, markdown)
    out["ok"] = out["ok"].astype("bool")
    return out


def _chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    chunk: list[Record] = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_on_dask(
    records: Iterable[Record],
    scheduler: Any,
    options: Options,
    *,
    chunk_size: int = 16,
    in_flight: int | None = None,
) -> Iterator[Result]:
    """Extract `records` on a Dask cluster (`scheduler`: an address or a `distributed.Client`),
    in input order, with at most `in_flight` chunks submitted at a time."""
    Client = importlib.import_module("distributed").Client

    own = not isinstance(scheduler, Client)
    client = Client(scheduler) if own else scheduler
    try:
        threads = sum(client.nthreads().values()) or 1
        limit = in_flight or 2 * threads + 2
        queue: deque[tuple[list[Record], Any]] = deque()
        for chunk in _chunks(records, chunk_size):
            queue.append((chunk, _submit(client, chunk, options)))
            while len(queue) >= limit:
                yield from _collect(client, *queue.popleft(), options)
        while queue:
            yield from _collect(client, *queue.popleft(), options)
    finally:
        if own:
            client.close()


def _submit(client: Any, chunk: list[Record], options: Options) -> Any:
    return client.submit(extract_chunk, chunk, options, pure=False)


def _collect(
    client: Any, chunk: list[Record], future: Any, options: Options, *, retried: bool = False
) -> Iterator[Result]:
    """The chunk's results. A chunk whose task failed is split and its records run one at a
    time: only then does a dead worker name the record that killed it. Even so, a record's task
    dies with its worker when another chunk in flight kills it, so a record is a crash only when
    its worker dies twice under it."""
    try:
        results: list[Result] = future.result()
    except Exception as exc:
        future.release()
        name = type(exc).__name__
        if len(chunk) > 1:
            for record in chunk:
                yield from _collect(client, [record], _submit(client, [record], options), options)
            return
        if name == "KilledWorker" and not retried:
            yield from _collect(client, chunk, _submit(client, chunk, options), options, retried=True)
            return
        kind = CRASH if name == "KilledWorker" else name
        detail = (f"the Dask worker died while extracting this page ({exc})" if kind == CRASH
                  else f"the Dask task failed: {exc!r}")
        yield failure_result(chunk[0].id, chunk[0].url, Failure("error", kind, detail[:2000]), options.shape)
        return
    future.release()
    yield from results
