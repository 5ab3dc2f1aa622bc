"""A process pool for pages: bounded, in order, with a per-page deadline and crash isolation.

Why not `multiprocessing.Pool` or `ProcessPoolExecutor`: neither can stop one task that runs too
long, a dead worker hangs the first and breaks the second for every pending task. Here each
worker has its own pipes, the parent knows which record each worker is on, and:

- a task is a `Record` (the parent read it) or a `WarcSlice` (a byte range of a .warc.gz that the
  worker reads itself, sending one result per record);
- a worker holds at most `depth` tasks (one running, the next waiting in its pipe), and the
  parent reads ahead of the oldest unfinished task by at most `window` records: memory is flat;
- a page that outlives its deadline (`timeout` plus a grace period; the worker's own SIGALRM
  normally fires first) gets its worker killed and becomes a `timeout` record;
- a worker that dies (segfault, OOM killer, `kill -9`) turns the record it was running into a
  `crash` record; the records queued behind it go to the other workers; a new worker replaces it;
- the parent never blocks writing to a worker (non-blocking pipes and a selector), so it always
  sees deadlines and results in time.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import multiprocessing as mp
import os
import pickle
import selectors
import signal
import struct
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection
from typing import Any

from .records import CRASH, TIMEOUT, Failure, Record, Result, WarcSlice, failure_result
from .worker import Options, process, worker_main

Task = Record | WarcSlice

_PRELOAD = ["articlekit.batch.worker"]
_MAX_START_FAILURES = 3
_MAX_SLICE_TRIES = 3  # a WARC range whose reading kills the worker this often at the same record
_SLICE_WEIGHT = 16  # a WARC range counts as this many records in the read-ahead window
_PIPE_SIZE = 1 << 20  # Linux lets anyone raise a pipe to /proc/sys/fs/pipe-max-size (1 MiB by default)


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _header(n: int) -> bytes:
    """The length prefix `Connection.recv_bytes` reads."""
    if n > 0x7FFFFFFF:
        return struct.pack("!i", -1) + struct.pack("!Q", n)
    return struct.pack("!i", n)


@dataclass(eq=False)
class _Worker:
    proc: Any
    results: Connection
    task_fd: int
    started: float
    ready: bool = False
    outbuf: deque[memoryview] = field(default_factory=deque)  # bytes queued for the task pipe
    inflight: deque[tuple[int, Task]] = field(default_factory=deque)
    head_since: float = 0.0  # when the oldest in-flight record started running (about)
    done: int = 0  # records finished by this worker
    retiring: bool = False


def _widen(fd: int) -> None:
    setsize = getattr(fcntl, "F_SETPIPE_SZ", None)
    if setsize is None:  # pragma: no cover - not Linux
        return
    with contextlib.suppress(OSError):
        fcntl.fcntl(fd, setsize, _PIPE_SIZE)


def _signal_name(code: int | None) -> str:
    if code is None:
        return "unknown exit status"
    if code < 0:
        try:
            return f"killed by signal {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


class LocalPool:
    """Runs `process` over records in worker processes. Use `run(records)`; one run per pool."""

    def __init__(
        self,
        workers: int,
        options: Options,
        *,
        depth: int = 2,
        window: int | None = None,
        ordered: bool = True,
        max_pages_per_worker: int | None = None,
        grace: float | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError("workers must be >= 1")
        self.n = workers
        self.options = options
        self.depth = max(1, depth)
        self.window = max(window or 64 * workers, workers * self.depth + 1)
        self.ordered = ordered
        self.max_pages = max_pages_per_worker if max_pages_per_worker and max_pages_per_worker > 0 else None
        timeout = options.timeout if options.timeout and options.timeout > 0 else None
        self.hard_timeout = None if timeout is None else timeout + (grace if grace is not None else max(2.0, timeout))
        self.ctx = _context()
        self.sel = selectors.DefaultSelector()
        self.workers: list[_Worker] = []
        self.start_failures = 0
        self.crashes = 0
        self.timeouts = 0

    # --- workers ---------------------------------------------------------------------------------

    def _spawn(self) -> _Worker:
        task_r, task_w = os.pipe()
        res_r, res_w = self.ctx.Pipe(duplex=False)
        _widen(task_w)  # a whole page per write: fewer wake-ups on both sides
        _widen(res_r.fileno())
        task_conn = Connection(task_r, writable=False)
        proc = self.ctx.Process(target=worker_main, args=(task_conn, res_w, self.options), daemon=True)
        proc.start()
        task_conn.close()
        res_w.close()
        os.set_blocking(task_w, False)
        w = _Worker(proc, res_r, task_w, time.monotonic())
        self.sel.register(res_r.fileno(), selectors.EVENT_READ, (w, "result"))
        self.sel.register(proc.sentinel, selectors.EVENT_READ, (w, "exit"))
        self.workers.append(w)
        return w

    def _unregister(self, w: _Worker) -> None:
        for fd in (w.results.fileno(), w.proc.sentinel, w.task_fd):
            with contextlib.suppress(KeyError, ValueError):
                self.sel.unregister(fd)

    def _close(self, w: _Worker, kill: bool) -> None:
        self._unregister(w)
        if w in self.workers:
            self.workers.remove(w)
        with contextlib.suppress(OSError):
            os.close(w.task_fd)
        if kill and w.proc.is_alive():
            w.proc.kill()
        w.proc.join(timeout=None if kill else 5)
        if w.proc.is_alive():  # pragma: no cover - a worker that ignores EOF
            w.proc.kill()
            w.proc.join()
        w.results.close()

    def _send(self, w: _Worker, seq: int, task: Task) -> None:
        now = time.monotonic()
        if not w.inflight:
            w.head_since = now
        w.inflight.append((seq, task))
        was_empty = not w.outbuf
        payload = pickle.dumps((seq, task), protocol=pickle.HIGHEST_PROTOCOL)
        w.outbuf.append(memoryview(_header(len(payload))))
        w.outbuf.append(memoryview(payload))
        self._flush(w)
        if was_empty and w.outbuf:
            self._watch_write(w, True)

    def _watch_write(self, w: _Worker, on: bool) -> None:
        try:
            if on:
                self.sel.register(w.task_fd, selectors.EVENT_WRITE, (w, "write"))
            else:
                self.sel.unregister(w.task_fd)
        except (KeyError, ValueError):
            pass

    def _flush(self, w: _Worker) -> None:
        while w.outbuf:
            try:
                n = os.writev(w.task_fd, list(w.outbuf)[:64])  # no copy into one buffer
            except BlockingIOError:
                return
            except OSError as exc:  # the worker is gone; its exit is handled by the sentinel
                if exc.errno in (errno.EPIPE, errno.EBADF):
                    w.outbuf.clear()
                    return
                raise
            while n:
                head = w.outbuf[0]
                if n >= len(head):
                    n -= len(head)
                    w.outbuf.popleft()
                else:
                    w.outbuf[0] = head[n:]
                    n = 0

    # --- the run --------------------------------------------------------------------------------

    def run(self, tasks: Iterable[Task]) -> Iterator[Result]:
        """Results for every record of `tasks` (Records, or WarcSlices the workers read)."""
        source = iter(tasks)
        exhausted = False
        pending: deque[tuple[int, Task]] = deque()  # tasks read (or handed back) not yet sent
        st = _State()
        next_seq = 0  # the seq of the next task read from the source
        try:
            for _ in range(self.n):
                self._spawn()
            while True:
                # 1. Read ahead within the window; records already judged skip the workers.
                while not exhausted and len(pending) < self.n * self.depth and st.outstanding < self.window:
                    try:
                        task = next(source)
                    except StopIteration:
                        exhausted = True
                        break
                    seq = next_seq
                    next_seq += 1
                    st.weights[seq] = _SLICE_WEIGHT if isinstance(task, WarcSlice) else 1
                    st.outstanding += st.weights[seq]
                    if isinstance(task, Record) and task.failure is not None:
                        st.finished[seq] = [process(task, self.options)]
                        st.complete.add(seq)
                    else:
                        pending.append((seq, task))
                # 2. Hand tasks to ready workers with room.
                for w in list(self.workers):
                    while pending and w.ready and not w.retiring and len(w.inflight) < self.depth:
                        if self.max_pages is not None and w.done >= self.max_pages:
                            w.retiring = True
                            break
                        seq, task = pending.popleft()
                        self._send(w, seq, task)
                    if w.retiring and not w.inflight:
                        self._close(w, kill=False)
                        self._spawn()
                # 3. Yield what is finished.
                yield from st.ready(self.ordered)
                if exhausted and st.outstanding == 0:
                    return
                if not self.workers:  # every worker retired or died with nothing left to start
                    self._spawn()
                # 4. Wait for results, exits, writable pipes or the next deadline.
                self._wait(pending, st)
        finally:
            for w in list(self.workers):
                self._close(w, kill=True)
            self.sel.close()

    def _deadline(self) -> float | None:
        if self.hard_timeout is None:
            return None
        heads = [w.head_since for w in self.workers if w.inflight and w.ready]
        return min(heads) + self.hard_timeout if heads else None

    def _wait(self, pending: deque[tuple[int, Task]], st: _State) -> None:
        deadline = self._deadline()
        timeout = _TICK if deadline is None else min(_TICK, max(0.0, deadline - time.monotonic()))
        events = self.sel.select(timeout)
        for w in self.workers:  # a task still buffered for a worker is pushed on every wake
            if w.outbuf:
                self._flush(w)
        dead: list[_Worker] = []
        for key, _mask in events:
            w, what = key.data
            if w not in self.workers or w in dead:
                continue
            if what == "write":
                self._flush(w)
                if not w.outbuf:
                    self._watch_write(w, False)
            elif what == "result":
                # read everything already there: a slice sends many small messages
                while True:
                    if not self._receive(w, st):
                        dead.append(w)
                        break
                    if not w.results.poll():
                        break
            elif what == "exit":
                while w.results.poll() and self._receive(w, st):  # results it sent before dying
                    pass
                dead.append(w)
        for w in dead:
            self._dead(w, pending, st, timed_out=False)
        if self.hard_timeout is not None:
            now = time.monotonic()
            for w in list(self.workers):
                if w.inflight and w.ready and now - w.head_since > self.hard_timeout:
                    self._dead(w, pending, st, timed_out=True)

    def _receive(self, w: _Worker, st: _State) -> bool:
        """Read one message from a worker; False when the pipe is closed or broken."""
        try:
            message = w.results.recv_bytes()
            value = pickle.loads(message)
        except (EOFError, OSError, pickle.UnpicklingError):
            return False
        now = time.monotonic()
        w.head_since = now
        if value is None:
            w.ready = True
            self.start_failures = 0
            return True
        seq, index, result, last = value
        if result is not None:
            got = st.finished.setdefault(seq, [])
            if index >= len(got):  # (a re-sent slice does not repeat what was received)
                got.append(result)
                w.done += 1
        if last:
            st.finished.setdefault(seq, [])  # (a range may hold no page record at all)
            st.complete.add(seq)
            if w.inflight and w.inflight[0][0] == seq:
                w.inflight.popleft()
            else:  # pragma: no cover - tasks finish in the order sent
                w.inflight = deque(item for item in w.inflight if item[0] != seq)
        return True

    def _dead(self, w: _Worker, pending: deque[tuple[int, Task]], st: _State, *, timed_out: bool) -> None:
        """A worker died or overran: its running record fails, the rest of its tasks go back."""
        self._close(w, kill=True)
        code = w.proc.exitcode
        if not w.ready:
            self.start_failures += 1
            if self.start_failures >= _MAX_START_FAILURES:
                raise RuntimeError(f"batch workers cannot start ({_signal_name(code)})")
        if w.inflight:
            seq, task = w.inflight.popleft()
            if timed_out:
                self.timeouts += 1
                seconds = self.options.timeout or 0.0
                failure = Failure("error", TIMEOUT, f"extraction took longer than {seconds:g} s (worker stopped)")
            else:
                self.crashes += 1
                failure = Failure("error", CRASH,
                                  f"the worker process died while extracting this page ({_signal_name(code)})")
            if isinstance(task, Record):
                st.finished[seq] = [failure_result(task.id, task.url, failure, self.options.shape)]
                st.complete.add(seq)
            else:
                done = len(st.finished.get(seq, []))
                st.attempts[(seq, done)] = tries = st.attempts.get((seq, done), 0) + 1
                if tries < _MAX_SLICE_TRIES:
                    pending.appendleft((seq, replace(task, skip=done, poison=failure)))
                else:  # it is the reading that dies, not one page: give up on the rest of the range
                    where = f"{task.display}@{task.start}#{done}"
                    lost = Failure("error", "CorruptData", f"the reader died {tries} times at record {done} of "
                                   f"the range {task.start}-{task.end}; the rest of that range is not read")
                    st.finished.setdefault(seq, []).append(failure_result(where, None, lost, self.options.shape))
                    st.complete.add(seq)
            pending.extendleft(reversed(w.inflight))
            w.inflight.clear()
        self._spawn()


@dataclass
class _State:
    """Results of one run, per task seq, and what has been yielded."""

    finished: dict[int, list[Result]] = field(default_factory=dict)
    complete: set[int] = field(default_factory=set)
    weights: dict[int, int] = field(default_factory=dict)
    attempts: dict[tuple[int, int], int] = field(default_factory=dict)
    outstanding: int = 0  # weight of the tasks read whose results are not all yielded
    next_out: int = 0  # ordered mode: the task whose results are yielded next
    emitted: dict[int, int] = field(default_factory=dict)  # results already yielded, per task

    def ready(self, ordered: bool) -> Iterator[Result]:
        seqs = [self.next_out] if ordered else sorted(self.finished)
        while seqs:
            seq = seqs.pop(0)
            got = self.finished.get(seq)
            if got is None:
                break
            start = self.emitted.get(seq, 0)
            yield from got[start:]
            self.emitted[seq] = len(got)
            if seq not in self.complete:
                if ordered:
                    break
                continue
            del self.finished[seq]
            self.emitted.pop(seq, None)
            self.complete.discard(seq)
            self.outstanding -= self.weights.pop(seq)
            if ordered:
                self.next_out += 1
                seqs.append(self.next_out)


_TICK = 0.5  # the longest the pool sleeps without looking at its buffered tasks


def _context() -> Any:
    """forkserver (preloaded with articlekit) where there is one: fast, safe respawns."""
    methods = mp.get_all_start_methods()
    if "forkserver" in methods:
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)
        return ctx
    return mp.get_context("spawn")  # pragma: no cover - Windows


def run_inline(records: Iterable[Record], options: Options) -> Iterator[Result]:
    """`workers=0`: everything in this process (no crash isolation; time limit via SIGALRM)."""
    for record in records:
        yield process(record, options)
