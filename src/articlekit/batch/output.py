"""Writing output records (JSONL, gzip when the name ends in .gz) and resuming a run."""

from __future__ import annotations

import gzip
import json
import os
import sys
import time
import zlib
from pathlib import Path
from typing import IO

_ID_PREFIX = b'{"id":'
_FLUSH_EVERY = 1.0  # seconds: a killed run loses at most about this much work


def encode_line(line: str) -> bytes:
    """UTF-8, with any lone surrogate escaped as \\udcXX (still valid JSON)."""
    return line.encode("utf-8", "backslashreplace") + b"\n"


def is_gzip_name(path: str) -> bool:
    return path.lower().endswith(".gz")


class Writer:
    """Appends output lines to a file (or stdout for "-"), flushing about once a second."""

    def __init__(self, path: str, *, append: bool = False, compresslevel: int = 3) -> None:
        self.path = path
        self._raw: IO[bytes] | None = None
        if path == "-":
            self.f: IO[bytes] = sys.stdout.buffer
        elif is_gzip_name(path):
            self._raw = open(path, "ab" if append else "wb")  # noqa: SIM115
            self.f = gzip.GzipFile(fileobj=self._raw, mode="wb", compresslevel=compresslevel)  # type: ignore[assignment]
        else:
            self.f = open(path, "ab" if append else "wb")  # noqa: SIM115
        self._last = time.monotonic()

    def write(self, line: str) -> None:
        self.f.write(encode_line(line))
        now = time.monotonic()
        if now - self._last >= _FLUSH_EVERY:
            self.flush()
            self._last = now

    def flush(self) -> None:
        self.f.flush()
        if self._raw is not None:
            self._raw.flush()

    def close(self) -> None:
        if self.path == "-":
            self.f.flush()
            return
        self.f.close()
        if self._raw is not None:
            self._raw.close()


def _line_id(line: bytes) -> str | None:
    """The id of an output line, or None if the line is not a complete record."""
    if not line.endswith(b"\n"):
        return None
    if line.startswith(_ID_PREFIX):
        try:
            value, _end = json.JSONDecoder().raw_decode(line[len(_ID_PREFIX):].decode("utf-8"))
        except ValueError:
            value = None
        if isinstance(value, str) and line.rstrip().endswith(b"}"):
            return value
    try:
        obj = json.loads(line)
    except ValueError:
        return None
    rec_id = obj.get("id") if isinstance(obj, dict) else None
    return rec_id if isinstance(rec_id, str) else None


def prepare_resume(path: str) -> set[str]:
    """Ids already in the output file; cut a torn last line (a killed run) so appending is safe.

    A gzip output whose end is torn is rewritten with its complete lines (gzip cannot be cut at a
    line); an intact one is appended to as a new gzip member.
    """
    if path == "-" or not os.path.exists(path):
        return set()
    done: set[str] = set()
    if not is_gzip_name(path):
        good = 0
        with open(path, "rb") as f:
            for line in f:
                rec_id = _line_id(line)
                if rec_id is None:
                    break
                done.add(rec_id)
                good += len(line)
        if good != os.path.getsize(path):
            os.truncate(path, good)
        return done
    torn = False
    try:
        with gzip.open(path, "rb") as g:
            for line in g:
                rec_id = _line_id(line)
                if rec_id is None:
                    torn = True
                    break
                done.add(rec_id)
    except (EOFError, OSError, zlib.error):
        torn = True
    if torn:
        tmp = f"{path}.resume-tmp"
        with gzip.open(path, "rb") as g, gzip.open(tmp, "wb", compresslevel=3) as out:
            try:
                for line in g:
                    if _line_id(line) is None:
                        break
                    out.write(line)
            except (EOFError, OSError, zlib.error):
                pass
        os.replace(tmp, path)
    return done


def output_exists(path: str) -> bool:
    return path != "-" and Path(path).exists() and Path(path).stat().st_size > 0
