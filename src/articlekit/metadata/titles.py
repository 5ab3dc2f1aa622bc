"""Titles: cut the site's name (and a section label) off a declared title.

`Headline | Site`, `Site - Headline`, `Headline – Site – 30.01.2024`, `Headline：Site`: a part is cut
only when it names the site (its og:site_name, its publisher, its host), so a headline that
merely contains a dash or a colon keeps all of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from ..folding import squash

# Separators between a headline and the site's name: spaced dashes, bars, bullets, guillemets;
# full-width bars and colons and the Hangul letter used as a bar need no spaces.
SEPARATORS = re.compile(r"\s+[|\-–—·•»«/:]{1,2}\s+|\s*[｜|：ㅣ]\s*|\s*--\s*|\s+::\s+")
_HOST_NOISE = frozenset({"www", "m", "amp", "mobile", "edition", "news", "com", "co", "org", "net", "de"})


def site_keys(site_names: Iterable[str], urls: Iterable[str | None]) -> set[str]:
    """Squashed names the site goes by: its declared names and the labels of its host."""
    keys = {k for k in (squash(n) for n in site_names) if len(k) >= 2}
    for url in dict.fromkeys(urls):  # (the page's URL and its canonical one are often the same)
        host = urlsplit(url).hostname if url and "//" in url else None
        if host:
            labels = [lab for lab in host.split(".") if lab not in _HOST_NOISE and len(lab) >= 2]
            keys.update(squash(lab) for lab in labels[:-1] or labels)
            keys.add(squash(host.removeprefix("www.")))
    return keys


def is_site_part(part: str, keys: set[str]) -> bool:
    """The part names the site: equal to a key, or a key with a little around it ('kicker.de',
    'News - SRF', 'Tageszeitung junge Welt')."""
    p = squash(part)
    if not p:
        return False
    if p in keys:
        return True
    return len(part.split()) <= 4 and any(len(k) >= 3 and k in p and len(p) <= len(k) + 16 for k in keys)


def strip_site(title: str, keys: set[str]) -> str:
    """Cut the parts that name the site, and whatever follows (or precedes) them at that end."""
    spans = _parts(title)
    if len(spans) < 2:
        return title
    site = [i for i, (a, b) in enumerate(spans) if is_site_part(title[a:b], keys)]
    if not site:
        return title
    cut = site[0]
    if cut > 0:  # "Headline | Section | Site": keep what comes before the section and the site
        while cut > 1 and _is_label(title[spans[cut - 1][0]:spans[cut - 1][1]]):
            cut -= 1
        return title[spans[0][0]:spans[cut - 1][1]].strip()
    if len(site) < len(spans):  # "Site | Headline"
        start = next(i for i in range(len(spans)) if i not in site)
        return title[spans[start][0]:].strip()
    return title


def strip_any_suffix(title: str) -> str:
    """No site name known (a bare <title>): drop a short last part, the usual site suffix."""
    spans = _parts(title)
    if len(spans) < 2:
        return title
    last = title[spans[-1][0]:spans[-1][1]]
    first = title[spans[0][0]:spans[-2][1]]
    if len(last.split()) <= 3 and len(last) < len(first) / 2:
        return first.strip()
    return title


def _is_label(part: str) -> bool:
    return len(part.split()) <= 2 and len(part) <= 20


def _parts(title: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in SEPARATORS.finditer(title):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(title):
        spans.append((start, len(title)))
    return spans
