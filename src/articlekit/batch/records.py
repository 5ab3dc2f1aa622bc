"""What flows through a batch run: input `Record`s in, one `Result` (one JSON line) out per record."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from ..article import Article
from ..load import MAX_BYTES

Status = Literal["ok", "error", "skipped"]
STATUSES: tuple[Status, ...] = ("ok", "error", "skipped")

# Error types the runner itself gives (besides exception class names such as `UnreadableInput`).
TIMEOUT = "timeout"  # the page took longer than --timeout
CRASH = "crash"  # the worker process died while extracting the page (segfault, killed, out of memory)


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a record has no article: `status` is "error" or "skipped"; `type` is machine-readable."""

    status: Status
    type: str
    message: str


@dataclass(frozen=True, slots=True)
class Record:
    """One page to extract.

    `page` is the raw page (bytes, or str for JSONL input); `compression` names the codec the bytes
    are still compressed with ("gz", "bz2", "xz", "zst"), undone in the worker so the reading
    process stays light. A record whose `failure` is set was already judged while reading (a
    corrupt WARC record, a non-HTML response...) and is written out as is.
    """

    id: str
    page: bytes | str | None
    url: str | None = None
    content_type: str | None = None
    compression: str | None = None
    failure: Failure | None = None


@dataclass(frozen=True, slots=True)
class WarcSlice:
    """A byte range of a .warc.gz that a worker reads itself (its records: those starting in it).

    After a worker died on the slice, `skip` page records are done and `poison` is written for the
    next one (the page that killed the worker) instead of extracting it again.
    """

    path: str
    display: str
    start: int
    end: int
    reader: str = "auto"
    max_bytes: int = MAX_BYTES
    skip: int = 0
    poison: Failure | None = None


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome for one input record: `line` is its output record as one line of JSON."""

    id: str
    url: str | None
    status: Status
    error_type: str | None
    line: str

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_dict(self) -> dict[str, Any]:
        """The output record as a dict (parsed from `line`)."""
        value: dict[str, Any] = json.loads(self.line)
        return value


@dataclass(frozen=True, slots=True)
class Shape:
    """What an output record carries beyond the article's fields: `explain` adds the removed
    blocks and the fields' provenance, `markdown` the body as Markdown (`Article.to_markdown`)."""

    explain: bool = False
    markdown: bool = False


@lru_cache(maxsize=4)
def article_keys(shape: Shape) -> tuple[str, ...]:
    """The Article fields an output record carries, in order (all of them null when not ok)."""
    keys = list(Article(text="", kind="text").to_dict(explain=shape.explain))
    drop = {"url"} if shape.explain else {"url", "provenance"}
    return (*(k for k in keys if k not in drop), *(("markdown",) if shape.markdown else ()))


def _dumps(obj: dict[str, Any]) -> str:
    # ensure_ascii=False keeps the output compact and readable; lone surrogates (from odd input)
    # are escaped by the writer when it encodes (see output.encode_line).
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def ok_line(rec_id: str, url: str | None, article: Article, shape: Shape) -> str:
    data = article.to_dict(explain=shape.explain)
    if shape.markdown:
        data["markdown"] = article.to_markdown()
    out: dict[str, Any] = {"id": rec_id, "url": url, "status": "ok", "ok": True, "error": None}
    for key in article_keys(shape):
        out[key] = data.get(key)
    return _dumps(out)


def failure_line(rec_id: str, url: str | None, failure: Failure, shape: Shape) -> str:
    out: dict[str, Any] = {
        "id": rec_id,
        "url": url,
        "status": failure.status,
        "ok": False,
        "error": {"type": failure.type, "message": failure.message},
    }
    for key in article_keys(shape):
        out[key] = None
    return _dumps(out)


def failure_result(rec_id: str, url: str | None, failure: Failure, shape: Shape) -> Result:
    return Result(rec_id, url, failure.status, failure.type, failure_line(rec_id, url, failure, shape))
