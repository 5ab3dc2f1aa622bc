"""Extracting one record, with a time limit; and the loop a worker process runs.

The same `process` serves the local process pool, the in-process mode (`workers=0`) and Dask
tasks, so every runner writes byte-identical records for the same input.
"""

from __future__ import annotations

import bz2
import contextlib
import ctypes
import datetime as dt
import importlib
import logging
import lzma
import pickle
import signal
import threading
import warnings
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from types import FrameType
from typing import Any

from ..article import Article
from ..errors import ArticlekitError, InputTooLarge, UnreadableInput
from ..load import MAX_BYTES
from ..pipeline import extract
from ._compat import zstandard
from .records import CRASH, TIMEOUT, Failure, Record, Result, Shape, WarcSlice, failure_result, ok_line

__all__ = ["CRASH", "TIMEOUT", "Options", "PageTimeout", "process", "time_limit"]


@dataclass(frozen=True, slots=True)
class Options:
    """How each page is extracted: the same for every record of a run."""

    timeout: float | None = 5.0
    max_bytes: int = MAX_BYTES
    explain: bool = False
    now: dt.datetime | None = None
    extractor: str | None = None  # "module:function" called instead of articlekit.extract (same signature)
    markdown: bool = False  # records also carry the body as Markdown

    @property
    def shape(self) -> Shape:
        return Shape(self.explain, self.markdown)


class PageTimeout(BaseException):
    """Raised inside `extract` when a page takes longer than the time limit."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise `PageTimeout` in this thread if the block runs longer than `seconds`.

    In the main thread (a worker process) a SIGALRM timer; in other threads (Dask runs tasks in
    threads) an asynchronous exception set from a timer thread. Either way the exception arrives
    between two Python bytecodes, so a long call into C is interrupted only when it returns: the
    process pool's hard deadline (kill the worker) covers that case.
    """
    if not seconds or seconds <= 0:
        yield
        return
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        def on_alarm(signum: int, frame: FrameType | None) -> None:
            raise PageTimeout(seconds)

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        return
    ident = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(PageTimeout))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
        timer.cancel()


def inflate(data: bytes, codec: str, max_bytes: int) -> bytes:
    """Undo a file's compression, refusing to produce more than max_bytes (decompression bombs)."""
    try:
        return _inflate(data, codec, max_bytes)
    except (zlib.error, lzma.LZMAError, OSError, EOFError) as exc:
        raise UnreadableInput(f"corrupt {codec} data: {exc}") from exc


def _inflate(data: bytes, codec: str, max_bytes: int) -> bytes:
    if codec == "gz":
        d: Any = zlib.decompressobj(47)  # gzip or zlib header; concatenated members are handled below
        buf = bytearray()
        rest = data
        while rest:
            buf += d.decompress(rest, max_bytes + 1 - len(buf))
            if len(buf) > max_bytes:
                raise InputTooLarge(f"decompressed page exceeds max_bytes={max_bytes}")
            if d.unconsumed_tail:
                rest = d.unconsumed_tail
                continue
            if not d.eof:
                raise UnreadableInput("truncated gzip data")
            rest = d.unused_data
            if rest:
                d = zlib.decompressobj(47)
        return bytes(buf)
    if codec == "bz2":
        d = bz2.BZ2Decompressor()
    elif codec == "xz":
        d = lzma.LZMADecompressor()
    elif codec == "zst":
        return _inflate_zstd(data, max_bytes)
    else:
        raise UnreadableInput(f"unknown compression {codec!r}")
    out = bytes(d.decompress(data, max_bytes + 1))
    if len(out) > max_bytes:
        raise InputTooLarge(f"decompressed page exceeds max_bytes={max_bytes}")
    if not d.eof:
        raise UnreadableInput(f"truncated {codec} data")
    return out


def _inflate_zstd(data: bytes, max_bytes: int) -> bytes:
    try:
        zstd = zstandard()
    except ImportError as exc:
        raise UnreadableInput("a .zst page needs the optional 'zstandard' package") from exc
    try:
        out = zstd.ZstdDecompressor().stream_reader(data).read(max_bytes + 1)
    except zstd.ZstdError as exc:
        raise UnreadableInput(f"corrupt zst data: {exc}") from exc
    if len(out) > max_bytes:
        raise InputTooLarge(f"decompressed page exceeds max_bytes={max_bytes}")
    return bytes(out)


_EXTRACTORS: dict[str, Callable[..., Article]] = {}


def _extractor(name: str | None) -> Callable[..., Article]:
    if name is None:
        return extract
    fn = _EXTRACTORS.get(name)
    if fn is None:
        module, _, attr = name.partition(":")
        fn = _EXTRACTORS[name] = getattr(importlib.import_module(module), attr or "extract")
    return fn


def process(record: Record, options: Options) -> Result:
    """Extract one record into its output `Result`. Never raises (but for KeyboardInterrupt)."""
    if record.failure is not None:
        return failure_result(record.id, record.url, record.failure, options.shape)
    try:
        with time_limit(options.timeout):
            page = record.page
            if page is None:
                raise UnreadableInput("no page")
            if record.compression is not None and isinstance(page, bytes):
                page = inflate(page, record.compression, options.max_bytes)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                article = _extractor(options.extractor)(page, url=record.url, content_type=record.content_type,
                                  max_bytes=options.max_bytes, now=options.now)
            line = ok_line(record.id, record.url, article, options.shape)
        return Result(record.id, record.url, "ok", None, line)
    except PageTimeout:
        failure = Failure("error", TIMEOUT, f"extraction took longer than {options.timeout:g} s")
    except ArticlekitError as exc:
        failure = Failure("error", type(exc).__name__, str(exc))
    except Exception as exc:  # a bug in articlekit: the run goes on, the record says what happened
        failure = Failure("error", type(exc).__name__, f"unexpected error (a bug): {exc!r}"[:2000])
    return failure_result(record.id, record.url, failure, options.shape)


def iter_slice(task: WarcSlice, options: Options) -> Iterator[tuple[int, Result]]:
    """(index, result) for each page record of a WARC slice, from `task.skip` on."""
    from pathlib import Path

    from .warc import iter_warc

    pages = iter_warc(Path(task.path), codec="gz", max_bytes=task.max_bytes, reader=task.reader,
                      display=task.display, start=task.start, end=task.end)
    i = -1
    try:
        for i, page in enumerate(pages):
            if i < task.skip:
                continue
            if i == task.skip and task.poison is not None:
                record = Record(page.id, None, url=page.url, failure=task.poison)
            else:
                record = Record(page.id, page.payload, url=page.url, content_type=page.content_type,
                                failure=page.failure)
            yield i, process(record, options)
    except Exception as exc:  # the reader itself failed: one record says where, the rest is lost
        where = f"{task.display}@{task.start}#{i + 1}"
        failure = Failure("error", "CorruptData", f"reading stopped after record {i + 1} of the range "
                          f"{task.start}-{task.end}: {exc!r}"[:2000])
        yield i + 1, failure_result(where, None, failure, options.shape)


# --- the worker process -------------------------------------------------------------------------

_WARM_UP_PAGES = (
    "<html><head><title>Warm-up</title></head><body><article><h1>Warm-up</h1><p>By Jane Doe, "
    "May 2, 2019</p><p>A paragraph of prose, long enough to be judged as one, and with a date.</p>"
    "</article></body></html>",
    "Warm-up\n\nBy Jane Doe\n\nA paragraph of prose, long enough to be judged as one, with a date.\n",
)


def _warm_up() -> None:
    """Load the data files and compile the patterns before the first page, outside any timer: a
    page's time limit is for the page, not for the worker's first use of the library."""
    from .. import pipeline

    for page in _WARM_UP_PAGES:
        with contextlib.suppress(Exception):
            pipeline.extract(page)


def worker_main(tasks: Connection, results: Connection, options: Options) -> None:
    """Loop: receive a pickled (seq, task); send back (seq, index, Result, last) for each of its
    records, `last` on the final message (a slice ends with (seq, -1, None, True)); stop at EOF.
    A task is a `Record` or a `WarcSlice`."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    logging.disable(logging.WARNING)  # bs4's decoding notes and the like would garble the progress bar
    _warm_up()
    results.send_bytes(pickle.dumps(None))  # ready
    while True:
        try:
            message = tasks.recv_bytes()
        except (EOFError, OSError):
            return
        seq, task = pickle.loads(message)
        if isinstance(task, WarcSlice):
            for i, result in iter_slice(task, options):
                results.send_bytes(pickle.dumps((seq, i, result, False), protocol=pickle.HIGHEST_PROTOCOL))
            results.send_bytes(pickle.dumps((seq, -1, None, True)))
        else:
            result = process(task, options)
            results.send_bytes(pickle.dumps((seq, 0, result, True), protocol=pickle.HIGHEST_PROTOCOL))
