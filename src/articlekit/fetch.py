"""Fetch a page over HTTP(S) for the CLI: a timeout, a size cap and a redirect limit."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from . import __version__
from .errors import FetchError

TIMEOUT = 10.0
MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # the final URL, after redirects
    body: bytes
    content_type: str | None


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urllib.parse.urlsplit(newurl).scheme not in ("http", "https"):
            raise FetchError(f"refusing to follow a redirect to a non-HTTP URL: {newurl}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> Fetched:
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs can be fetched, not {url!r}")
    opener = urllib.request.build_opener(_LimitedRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": f"articlekit/{__version__}"})
    try:
        with opener.open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"{url} is {int(declared):,} bytes, above the {max_bytes:,}-byte limit")
            body = response.read(max_bytes + 1)
            if len(body) > max_bytes:
                raise FetchError(f"{url} is larger than the {max_bytes:,}-byte limit")
            return Fetched(response.geturl(), body, response.headers.get("Content-Type"))
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:
            raise FetchError(f"too many redirects fetching {url} (limit {MAX_REDIRECTS})") from exc
        raise FetchError(f"{url} answered HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise FetchError(f"cannot fetch {url}: {exc.reason}") from exc
    except TimeoutError as exc:
        raise FetchError(f"timed out after {timeout:g} s fetching {url}") from exc
    except OSError as exc:
        raise FetchError(f"cannot fetch {url}: {exc}") from exc
