"""Helpers for the batch tests: small pages, WARC writing, and misbehaving extractors.

The extractors are imported by name ("test_batch_support:slow") inside worker processes.
"""

from __future__ import annotations

import gzip
import os
import signal
import time
import uuid
from typing import Any

import articlekit

PARAGRAPH = (
    "The city council voted on Tuesday to expand the riverside park, adding two hectares of "
    "meadow and a new footbridge that residents have asked for since the flood of 2019. "
)


def html_page(n: int, title: str | None = None) -> str:
    title = title or f"Council expands riverside park, story {n}"
    body = "".join(f"<p>{PARAGRAPH} Paragraph {i} of story {n}.</p>\n" for i in range(4))
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        f'<meta name="author" content="Jane Doe"></head><body>'
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>{body}</article><footer>Copyright 2024</footer></body></html>"
    )


def text_page(n: int) -> str:
    return f"Council expands riverside park, story {n}\n\nBy Jane Doe\n\n" + "\n\n".join(
        f"{PARAGRAPH} Paragraph {i} of story {n}." for i in range(4)
    ) + "\n"


# --- WARC writing -----------------------------------------------------------------------------------

def warc_record(rtype: str, body: bytes, *, uri: str | None = None, rec_id: str | None = None,
                content_type: str = "application/http; msgtype=response") -> tuple[str, bytes]:
    rec_id = rec_id or f"<urn:uuid:{uuid.uuid4()}>"
    lines = ["WARC/1.0", f"WARC-Type: {rtype}", f"WARC-Record-ID: {rec_id}", "WARC-Date: 2024-05-01T12:00:00Z"]
    if uri:
        lines.append(f"WARC-Target-URI: {uri}")
    lines += [f"Content-Type: {content_type}", f"Content-Length: {len(body)}"]
    return rec_id, ("\r\n".join(lines) + "\r\n\r\n").encode() + body + b"\r\n\r\n"


def http_response(body: bytes, content_type: str | None = "text/html; charset=utf-8") -> bytes:
    head = "HTTP/1.1 200 OK\r\n"
    if content_type:
        head += f"Content-Type: {content_type}\r\n"
    head += f"Content-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


def member(raw: bytes) -> bytes:
    return gzip.compress(raw, 1)


# --- extractors that misbehave (run inside workers) ------------------------------------------------

def _marker(page: Any) -> str:
    if isinstance(page, bytes):
        return page[:64].decode("latin-1")
    return str(page)[:64]


def misbehave(page: Any, **kwargs: Any) -> articlekit.Article:
    """Extract normally, unless the page starts with a command: SLOW, SPIN, HANG, SEGV, EXIT, BUG."""
    head = _marker(page)
    if head.startswith("SLOW"):
        time.sleep(60)
    elif head.startswith("SPIN"):
        while True:
            pass
    elif head.startswith("HANG"):  # like a long call into C: deaf to the worker's own alarm
        signal.signal(signal.SIGALRM, signal.SIG_IGN)
        time.sleep(60)
    elif head.startswith("SEGV"):
        os.kill(os.getpid(), signal.SIGSEGV)
        time.sleep(5)
    elif head.startswith("EXIT"):
        os._exit(3)
    elif head.startswith("BUG"):
        raise KeyError("a bug")
    return articlekit.extract(page, **kwargs)
