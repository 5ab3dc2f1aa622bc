"""Fetch a page over HTTP(S) for the CLI: http and https only, one deadline for the whole
fetch, a size cap, a redirect limit, and a clear `FetchError` for every way it can fail.

Nothing else is ever fetched: the page's own references (images, frames, entities) are not
followed; redirects are followed by hand so that each hop is checked (scheme, loop, count).
"""

from __future__ import annotations

import http.client
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass
from typing import Any

from .errors import FetchError
from .version import __version__

TIMEOUT = 10.0  # seconds for the whole fetch: connection, redirects, headers and body
MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5

_REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 64 * 1024
# Content types that are certainly not a page: refused before the body is read.
_NOT_A_PAGE = {
    "image": "an image", "audio": "an audio file", "video": "a video", "font": "a font",
    "model": "a 3D model",
}
_NOT_A_PAGE_APPLICATION = {
    "pdf": "a PDF document", "zip": "a ZIP archive", "gzip": "a gzip archive", "x-gzip": "a gzip archive",
    "x-tar": "a tar archive", "x-7z-compressed": "a 7-Zip archive", "x-rar-compressed": "a RAR archive",
    "vnd.rar": "a RAR archive", "x-bzip2": "a bzip2 archive", "wasm": "WebAssembly code",
    "x-msdownload": "a Windows executable", "vnd.ms-excel": "a spreadsheet", "msword": "a Word document",
    "vnd.openxmlformats-officedocument.wordprocessingml.document": "a Word document",
    "vnd.openxmlformats-officedocument.spreadsheetml.sheet": "a spreadsheet",
    "vnd.openxmlformats-officedocument.presentationml.presentation": "a presentation",
}


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # the final URL, after redirects
    body: bytes
    content_type: str | None


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Hand every 3xx back to `fetch`, which follows it after its own checks."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        return None


def fetch(
    url: str,
    *,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
) -> Fetched:
    """GET `url` (http or https) and return its body; raise `FetchError` saying what went wrong."""
    deadline = time.monotonic() + timeout
    opener = urllib.request.build_opener(_NoRedirects())
    seen = [url]
    current = url
    while True:
        _check_scheme(current, redirected=len(seen) > 1)
        response = _open(opener, current, deadline, timeout)
        with response:
            if response.status in _REDIRECTS:
                current = _next_hop(response, current, seen, max_redirects)
                continue
            _check_type(current, response.headers.get("Content-Type"))
            body = _read(response, current, deadline, timeout, max_bytes)
            return Fetched(response.geturl() or current, body, response.headers.get("Content-Type"))


def _check_scheme(url: str, *, redirected: bool) -> None:
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError as exc:
        raise FetchError(f"not a valid URL: {url!r} ({exc})") from exc
    if parts.scheme.lower() not in ("http", "https"):
        what = "follow a redirect to" if redirected else "fetch"
        raise FetchError(f"only http and https URLs can be fetched; refusing to {what} {url!r}")
    if not parts.hostname:
        raise FetchError(f"not a valid URL: {url!r} has no host name")


def _open(opener: urllib.request.OpenerDirector, url: str, deadline: float, timeout: float) -> Any:
    request = urllib.request.Request(url, headers={
        "User-Agent": f"articlekit/{__version__}",
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
        "Accept-Encoding": "gzip, deflate",
    })
    try:
        return opener.open(request, timeout=_remaining(deadline, timeout, url))
    except urllib.error.HTTPError as exc:
        if exc.code in _REDIRECTS:
            return exc  # an HTTPError is a response too: `fetch` follows it
        exc.close()
        raise FetchError(f"{url} answered HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise _connection_error(url, exc.reason, timeout) from exc
    except (OSError, http.client.HTTPException, ValueError) as exc:
        raise _connection_error(url, exc, timeout) from exc


def _next_hop(response: Any, url: str, seen: list[str], max_redirects: int) -> str:
    location = response.headers.get("Location")
    if not location:
        raise FetchError(f"{url} answered HTTP {response.status} (a redirect) without a Location")
    target = urllib.parse.urljoin(url, str(location).strip())
    if target in seen:
        chain = " -> ".join([*seen[seen.index(target):], target])
        raise FetchError(f"redirect loop fetching {seen[0]}: {chain}")
    if len(seen) > max_redirects:
        raise FetchError(f"too many redirects fetching {seen[0]}: more than {max_redirects} (the limit)")
    seen.append(target)
    return target


def _check_type(url: str, content_type: str | None) -> None:
    if not content_type:
        return
    mime = content_type.split(";", 1)[0].strip().lower()
    major, _, minor = mime.partition("/")
    what = _NOT_A_PAGE.get(major) or (_NOT_A_PAGE_APPLICATION.get(minor) if major == "application" else None)
    if what:
        raise FetchError(f"{url} is {what} (Content-Type {mime}), not a web page")


def _read(response: Any, url: str, deadline: float, timeout: float, max_bytes: int) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.strip().isdigit() and int(declared) > max_bytes:
        raise FetchError(f"{url} is {int(declared):,} bytes, above the {max_bytes:,}-byte limit")
    encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
    decoder = _decoder(encoding, url)
    chunks: list[bytes] = []
    size = received = 0
    try:
        while True:
            _set_socket_timeout(response, _remaining(deadline, timeout, url))
            chunk = response.read1(_CHUNK) if hasattr(response, "read1") else response.read(_CHUNK)
            if not chunk:
                break
            received += len(chunk)
            if decoder is not None:  # never inflate more than the limit (a gzip bomb)
                chunk = decoder.decompress(chunk, max_bytes + 1 - size)
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"{url} is larger than the {max_bytes:,}-byte limit")
        if declared and declared.strip().isdigit() and received < int(declared):
            raise http.client.IncompleteRead(b"", int(declared) - received)
    except zlib.error as exc:
        raise FetchError(f"{url} sent a corrupt {encoding} body: {exc}") from exc
    except (OSError, http.client.HTTPException, ValueError) as exc:
        raise _connection_error(url, exc, timeout) from exc
    return b"".join(chunks)


def _decoder(encoding: str, url: str) -> Any:
    if encoding in ("identity", ""):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj()
    raise FetchError(f"{url} sent its body in an unsupported encoding ({encoding})")


def _remaining(deadline: float, timeout: float, url: str) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"timed out after {timeout:g} s fetching {url}")
    return left


def _set_socket_timeout(response: Any, seconds: float) -> None:
    """Each read may wait only for what is left of the deadline (a server dripping bytes)."""
    sock = getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)
    if isinstance(sock, socket.socket):
        sock.settimeout(seconds)


def _connection_error(url: str, reason: object, timeout: float) -> FetchError:
    if isinstance(reason, TimeoutError) or "timed out" in str(reason):
        return FetchError(f"timed out after {timeout:g} s fetching {url}")
    if isinstance(reason, socket.gaierror):
        host = urllib.parse.urlsplit(url).hostname
        return FetchError(f"cannot fetch {url}: the host name {host!r} could not be resolved")
    if isinstance(reason, ConnectionRefusedError):
        return FetchError(f"cannot fetch {url}: the connection was refused")
    if isinstance(reason, http.client.IncompleteRead):
        return FetchError(f"cannot fetch {url}: the connection closed before the whole body arrived")
    if isinstance(reason, OSError) and reason.strerror:
        return FetchError(f"cannot fetch {url}: {reason.strerror}")
    return FetchError(f"cannot fetch {url}: {reason}")
