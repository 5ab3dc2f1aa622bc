"""The CLI's URL fetching against a real HTTP server on 127.0.0.1 (a thread in the test process).

The server misbehaves on purpose: slow headers, a body dripped byte by byte, huge bodies with
and without Content-Length, gzip bombs, redirect chains and loops, redirects to file://,
404/500 answers and images. Every failure must be a `FetchError` that says what happened, and
arrive within the timeout.
"""

from __future__ import annotations

import gzip
import http.server
import io
import json
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from typing import Any

import pytest

from articlekit import FetchError
from articlekit.cli import main
from articlekit.fetch import fetch

ARTICLE = (
    "<!DOCTYPE html><html><head><title>Local news story</title></head><body><article>"
    "<h1>Local news story</h1>"
    + "".join(
        f"<p>Paragraph {i}: the council met on Tuesday and agreed to repair the old bridge over the river "
        f"before the winter, after residents had complained about it for many years.</p>"
        for i in range(6)
    )
    + "</article></body></html>"
).encode()

Handler = Callable[["_Handler"], None]
ROUTES: dict[str, Handler] = {}
STOP = threading.Event()


def route(path: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        ROUTES[path] = fn
        return fn

    return register


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        handler = ROUTES.get(path)
        try:
            if handler is None:
                self.reply(404, b"<h1>Not here</h1>")
            else:
                handler(self)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should

    def reply(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        headers = {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(body)), **(headers or {})}
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str, status: int = 302) -> None:
        self.reply(status, b"", {"Location": location})

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _sleep(seconds: float) -> None:
    STOP.wait(seconds)


@route("/article")
def _article(h: _Handler) -> None:
    h.reply(200, ARTICLE)


@route("/article-gzip")
def _article_gzip(h: _Handler) -> None:
    h.reply(200, gzip.compress(ARTICLE), {"Content-Encoding": "gzip"})


@route("/gzip-bomb")
def _gzip_bomb(h: _Handler) -> None:
    h.reply(200, gzip.compress(b" " * 50_000_000), {"Content-Encoding": "gzip"})


@route("/slow-headers")
def _slow_headers(h: _Handler) -> None:
    _sleep(10)
    h.reply(200, ARTICLE)


@route("/drip")
def _drip(h: _Handler) -> None:
    """Headers at once, then one byte every 0.1 s: no single read times out, the whole does."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", str(len(ARTICLE)))
    h.end_headers()
    for byte in ARTICLE:
        if STOP.is_set():
            return
        h.wfile.write(bytes([byte]))
        h.wfile.flush()
        _sleep(0.1)


@route("/huge-declared")
def _huge_declared(h: _Handler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", str(10**12))
    h.end_headers()
    h.wfile.write(b"<html>")


@route("/huge-chunked")
def _huge_chunked(h: _Handler) -> None:
    """No Content-Length: the body just keeps coming (connection-close framing)."""
    h.protocol_version = "HTTP/1.0"
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()
    block = b"<p>" + b"x" * 65_536 + b"</p>"
    for _ in range(10_000):
        if STOP.is_set():
            return
        h.wfile.write(block)


@route("/loop-a")
def _loop_a(h: _Handler) -> None:
    h.redirect("/loop-b")


@route("/loop-b")
def _loop_b(h: _Handler) -> None:
    h.redirect("/loop-a", 301)


@route("/self")
def _self(h: _Handler) -> None:
    h.redirect("/self")


@route("/chain")
def _chain(h: _Handler) -> None:
    """/chain?n=K redirects K times (each hop a new URL), then serves the article."""
    n = int(urllib.parse.parse_qs(urllib.parse.urlsplit(h.path).query).get("n", ["0"])[0])
    if n > 0:
        h.redirect(f"/chain?n={n - 1}", 307)
    else:
        h.reply(200, ARTICLE)


@route("/to-file")
def _to_file(h: _Handler) -> None:
    h.redirect("file:///etc/passwd")


@route("/no-location")
def _no_location(h: _Handler) -> None:
    h.reply(302, b"moved")


@route("/status-500")
def _status_500(h: _Handler) -> None:
    h.reply(500, b"<h1>Internal Server Error</h1>")


@route("/png")
def _png(h: _Handler) -> None:
    h.reply(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, {"Content-Type": "image/png"})


@route("/png-as-html")
def _png_as_html(h: _Handler) -> None:
    h.reply(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, {"Content-Type": "text/html"})


@route("/pdf")
def _pdf(h: _Handler) -> None:
    h.reply(200, b"%PDF-1.4\n%%EOF\n", {"Content-Type": "application/pdf"})


@route("/cp1251")
def _cp1251(h: _Handler) -> None:
    paragraphs = "".join(
        f"<p>Городской совет одобрил строительство {n} велосипедных дорожек вдоль реки, и жители города "
        "довольны этим решением, хотя владельцы магазинов опасаются потерять покупателей.</p>"
        for n in ("новых", "двух", "трёх", "широких")
    )
    body = f"<html><body><article>{paragraphs}</article></body></html>".encode("cp1251")
    h.reply(200, body, {"Content-Type": "text/html; charset=windows-1251"})


@route("/truncated")
def _truncated(h: _Handler) -> None:
    """Promises 10,000 bytes, sends 100, closes."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "10000")
    h.end_headers()
    h.wfile.write(ARTICLE[:100])
    h.close_connection = True


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    STOP.clear()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        STOP.set()
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(autouse=True)
def _no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


def _fails(url: str, *words: str, **kwargs: Any) -> str:
    start = time.monotonic()
    with pytest.raises(FetchError) as info:
        fetch(url, **kwargs)
    elapsed = time.monotonic() - start
    message = str(info.value)
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"
    timeout = kwargs.get("timeout", 10.0)
    assert elapsed < timeout + 1.5, f"took {elapsed:.1f} s"
    return message


def test_fetches_a_page(server: str) -> None:
    got = fetch(f"{server}/article")
    assert got.body == ARTICLE
    assert got.url == f"{server}/article"
    assert got.content_type == "text/html; charset=utf-8"


def test_gzip_body_is_inflated(server: str) -> None:
    assert fetch(f"{server}/article-gzip").body == ARTICLE


def test_gzip_bomb_stops_at_the_size_cap(server: str) -> None:
    _fails(f"{server}/gzip-bomb", "larger than", "1,000,000-byte limit", max_bytes=1_000_000)


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/x", "file:///etc/passwd", "gopher://x", "javascript:alert(1)",
                                 "data:text/html,<p>x</p>", "/etc/passwd"])
def test_only_http_and_https(url: str) -> None:
    _fails(url, "only http and https")


def test_not_a_url() -> None:
    _fails("http://", "no host")
    _fails("http://[::1", "not a valid URL")


def test_slow_headers_time_out(server: str) -> None:
    message = _fails(f"{server}/slow-headers", "timed out after 0.5 s", timeout=0.5)
    assert "/slow-headers" in message


def test_dripping_body_hits_the_overall_deadline(server: str) -> None:
    """Every byte arrives within the socket timeout; the deadline still covers the whole fetch."""
    _fails(f"{server}/drip", "timed out after 1 s", timeout=1.0)


def test_huge_declared_length_is_refused_before_reading(server: str) -> None:
    _fails(f"{server}/huge-declared", "1,000,000,000,000 bytes", "above the 1,000,000-byte limit",
           max_bytes=1_000_000)


def test_endless_body_stops_at_the_size_cap(server: str) -> None:
    _fails(f"{server}/huge-chunked", "larger than the 2,000,000-byte limit", max_bytes=2_000_000)


def test_redirect_loop(server: str) -> None:
    message = _fails(f"{server}/loop-a", "redirect loop")
    assert "/loop-a -> " in message and "/loop-b" in message


def test_redirect_to_itself(server: str) -> None:
    _fails(f"{server}/self", "redirect loop")


def test_redirect_chain_within_the_limit(server: str) -> None:
    got = fetch(f"{server}/chain?n=3", max_redirects=3)
    assert got.body == ARTICLE
    assert got.url == f"{server}/chain?n=0"


def test_too_many_redirects(server: str) -> None:
    _fails(f"{server}/chain?n=9", "too many redirects", "more than 5")
    _fails(f"{server}/chain?n=2", "too many redirects", "more than 1", max_redirects=1)


def test_redirect_to_a_file_url_is_refused(server: str) -> None:
    _fails(f"{server}/to-file", "refusing to follow a redirect to", "file:///etc/passwd")


def test_redirect_without_location(server: str) -> None:
    _fails(f"{server}/no-location", "HTTP 302", "without a Location")


@pytest.mark.parametrize(("path", "words"), [("/missing", ("HTTP 404", "Not Found")),
                                             ("/status-500", ("HTTP 500", "Internal Server Error"))])
def test_http_errors(server: str, path: str, words: tuple[str, ...]) -> None:
    _fails(f"{server}{path}", *words)


def test_image_is_refused_by_its_type(server: str) -> None:
    _fails(f"{server}/png", "is an image (Content-Type image/png), not a web page")


def test_pdf_is_refused_by_its_type(server: str) -> None:
    _fails(f"{server}/pdf", "is a PDF document")


def test_truncated_body(server: str) -> None:
    _fails(f"{server}/truncated", "closed before the whole body arrived")


def test_connection_refused() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound, not listening: nobody answers
        _fails(f"http://127.0.0.1:{port}/", "connection was refused")


def test_unresolvable_host() -> None:
    _fails("http://articlekit-does-not-exist.invalid/", "could not be resolved")


def _cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def test_cli_extracts_a_url(server: str) -> None:
    code, out, err = _cli("extract", f"{server}/article")
    assert code == 0, err
    data = json.loads(out)
    assert data["url"] == f"{server}/article"
    assert "repair the old bridge" in data["text"]


def test_cli_uses_the_transport_charset(server: str) -> None:
    code, out, err = _cli("extract", f"{server}/cp1251", "--format", "text")
    assert code == 0, err
    assert "владельцы магазинов опасаются потерять покупателей" in out


@pytest.mark.parametrize(("path", "words"), [
    ("/png", ("image",)),
    ("/png-as-html", ("PNG image",)),  # mislabelled: the page sniffing still catches it
    ("/missing", ("404",)),
    ("/loop-a", ("redirect loop",)),
    ("/to-file", ("file:///etc/passwd",)),
])
def test_cli_failures_are_one_clear_line(server: str, path: str, words: tuple[str, ...]) -> None:
    code, out, err = _cli("extract", f"{server}{path}")
    assert code == 1
    assert out == ""
    assert err.startswith("articlekit: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for word in words:
        assert word in err
