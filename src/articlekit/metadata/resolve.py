"""Resolve: many candidates per field -> one value per field, and where it came from.

Every choice is made here, by two principles: sources are tried in order of reliability, and a
visible value that agrees with a structured one beats both (it is what the reader sees, and the
markup vouches for it). Dates in the future or before 1995 are not trusted.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .candidates import Candidate
from .dates import day_of

# Most reliable first, per field.
_ORDER: dict[str, tuple[str, ...]] = {
    "title": ("json-ld", "og", "microdata", "twitter", "dublin-core", "meta", "h1", "headline", "title"),
    "authors": ("json-ld", "microdata", "meta", "og", "dublin-core", "byline", "twitter"),
    "date": ("json-ld", "og", "microdata", "meta", "dublin-core", "time", "byline", "dateline", "url"),
    "modified": ("json-ld", "og", "microdata", "meta", "dublin-core"),
    "description": ("og", "json-ld", "meta", "twitter", "dublin-core", "standfirst"),
    "site_name": ("og", "json-ld", "json-ld-site", "meta"),
    "language": ("html-lang", "json-ld", "og", "meta", "dublin-core"),
    "canonical_url": ("link-canonical", "og"),
    "image": ("og", "json-ld", "twitter"),
    "tags": ("og", "json-ld", "meta"),
}
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»«/]\s+|\s+::\s+")


@dataclass(slots=True)
class Metadata:
    values: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, str] = field(default_factory=dict)


def resolve(cands: Sequence[Candidate], *, now: dt.datetime | None = None) -> Metadata:
    by_field: dict[str, list[Candidate]] = {}
    for c in cands:
        by_field.setdefault(c.field, []).append(c)
    meta = Metadata()
    for name, chooser in _CHOOSERS.items():
        options = sorted(by_field.get(name, []), key=lambda c: _rank(name, c.source))
        chosen = chooser(options, by_field, now)
        if chosen is not None:
            meta.values[name] = chosen.value
            meta.provenance[name] = chosen.source
    return meta


def _rank(name: str, source: str) -> int:
    order = _ORDER.get(name, ())
    return order.index(source) if source in order else len(order)


def _first(options: list[Candidate], *_: Any) -> Candidate | None:
    return options[0] if options else None


def _title(options: list[Candidate], by_field: dict[str, list[Candidate]], _: Any) -> Candidate | None:
    """The visible headline when the markup agrees with it; else the best structured title."""
    if not options:
        return None
    visible = [c for c in options if c.source in ("h1", "headline")]
    declared = [c for c in options if c.source not in ("h1", "headline")]
    for v in visible:
        if any(_agree(v.value, d.value) for d in declared):
            return v
    site_names = [c.value for c in by_field.get("site_name", [])]
    structured = [c for c in declared if c.source != "title"]
    if structured:
        best = structured[0]
        return Candidate("title", strip_site_name(best.value, site_names), best.source)
    page_title = [c for c in declared if c.source == "title"]
    if page_title:
        return Candidate("title", strip_site_name(page_title[0].value, site_names), "title")
    return visible[0]


def strip_site_name(title: str, site_names: Sequence[str]) -> str:
    """'Headline | Site' -> 'Headline': drop the part that is the site's name, else the shortest end."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    keys = {_norm(s) for s in site_names}
    kept = [p for p in parts if not _is_site_part(_norm(p), keys)]
    if kept and len(kept) < len(parts):
        return _rejoin(title, kept)
    # No site name known: the site usually is the short last (or first) part.
    if len(parts[-1].split()) <= 4 and len(parts[-1]) < len(parts[0]):
        return _rejoin(title, parts[:-1])
    if len(parts[0].split()) <= 3 and len(parts[0]) < len(parts[-1]):
        return _rejoin(title, parts[1:])
    return title


def _is_site_part(part: str, site_keys: set[str]) -> bool:
    """The part is the site name, or the site name with a little more ("The Site Blog")."""
    return part in site_keys or any(k and k in part and len(part) < len(k) + 6 for k in site_keys)


def _rejoin(title: str, parts: list[str]) -> str:
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end] if 0 <= start < end else " ".join(parts)


def _agree(a: str, b: str) -> bool:
    na, nb = _norm(a), _norm(b)
    return bool(na) and bool(nb) and (na == nb or (len(na) >= 15 and na in nb))


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def _date(options: list[Candidate], _by: Any, now: dt.datetime | None) -> Candidate | None:
    today = (now or dt.datetime.now(dt.UTC)).date() + dt.timedelta(days=1)
    plausible = [c for c in options if day_of(c.value) <= today]
    if not plausible:
        return None
    best = plausible[0]
    # A day-only value that agrees with a timed one from another source gets its time and zone.
    if not isinstance(best.value, dt.datetime):
        for c in plausible[1:]:
            if isinstance(c.value, dt.datetime) and c.value.date() == best.value:
                return Candidate(best.field, c.value, best.source)
    return best


def _language(options: list[Candidate], *_: Any) -> Candidate | None:
    for c in options:
        code = str(c.value).replace("_", "-").split("-")[0].strip().lower()
        if 2 <= len(code) <= 3 and code.isalpha():
            return Candidate("language", code, c.source)
    return None


_CHOOSERS = {
    "title": _title, "authors": _first, "date": _date, "modified": _date,
    "description": _first, "site_name": _first, "language": _language,
    "canonical_url": _first, "image": _first, "tags": _first,
}
