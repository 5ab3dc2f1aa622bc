"""Resolve: many candidates per field -> one value per field, and where it came from.

Every choice is made here. Sources are tried in order of reliability (`ORDER`), with these
corrections, one small function per field:
- title: the declared headline (og, JSON-LD, ...) with the site's name cut off; the visible
  headline instead when the declared one is that headline plus a site or section suffix;
- authors: people only: names that are the site, the publisher or an organisation are dropped;
- date: published (never modified); nothing later than `now`; a UTC stamp is written in the
  publisher's offset, or gives way to the publisher's day, when the page's other dates show
  them (`dates.zones`); a day-only value takes the time and offset of another source that
  gives the same day;
- language: a two- or three-letter code from markup, else the stop-word profile.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from ..dates import Relative, day_of, in_local_time
from ..folding import agree, agree_loose, loose, squash, unhyphenated
from .byline import normal_case
from .candidates import Candidate
from .titles import site_keys, strip_any_suffix, strip_site

__all__ = ["CHOOSERS", "ORDER", "Metadata", "agree", "agree_loose", "resolve"]

# Most reliable first, per field.
ORDER: dict[str, tuple[str, ...]] = {
    "title": ("og", "json-ld", "twitter", "microdata", "dublin-core", "meta", "h1", "headline", "title"),
    "authors": ("json-ld", "og", "meta", "twitter", "dublin-core", "microdata", "byline", "signature"),
    # a date written out in the URL beats one computed from 'vor 3 Stunden' and the reference time
    # (a dateline labelled as the last update is the date only when nothing else gives one)
    # (a WebPage's own dates, on a page with no article object, are often the URL's first day:
    # the last resort before a dateline's update, after a script's page state; a date line
    # anywhere on the page comes last)
    "date": ("json-ld", "og", "microdata", "meta", "dublin-core", "time", "hatom", "byline", "dateline", "url",
             "json-ld-page", "script-data", "url-slug", "updated", "relative", "title-date", "page-text"),
    "modified": ("json-ld", "og", "microdata", "meta", "dublin-core", "hatom", "dateline", "relative"),
    "description": ("og", "json-ld", "meta", "twitter", "dublin-core", "standfirst"),
    "site_name": ("og", "json-ld", "json-ld-site", "meta"),
    "language": ("html-lang", "json-ld", "og", "meta", "dublin-core", "stopwords"),
    "canonical_url": ("link-canonical", "og", "json-ld"),
    "image": ("og", "json-ld", "twitter"),
    "tags": ("og", "json-ld", "meta"),
}
_DECLARED_TITLES = frozenset({"og", "json-ld", "twitter", "microdata", "dublin-core", "meta"})
_VISIBLE_TITLES = ("h1", "headline")


@dataclass(slots=True)
class Metadata:
    values: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Context:
    """What every chooser may consult: all candidates by field, the reference time, the site."""

    by_field: dict[str, list[Candidate]]
    now: dt.datetime
    url: str | None
    site: set[str]  # squashed names of the site and its publisher (see titles.site_keys)

    def options(self, name: str) -> list[Candidate]:
        return self.by_field.get(name, [])


def _without_soft_hyphens(value: Any) -> Any:
    """Soft hyphens (U+00AD) are invisible break hints: a title or a name holds none."""
    if isinstance(value, str):
        return unhyphenated(value)
    if isinstance(value, tuple):  # (the authors)
        return tuple(unhyphenated(v) if isinstance(v, str) else v for v in value)
    return value


def resolve(cands: Sequence[Candidate], *, now: dt.datetime | None = None, url: str | None = None) -> Metadata:
    """`now`: the time the page was seen; when given, dates written relative to it ('heute um
    12:19 Uhr', '3 hours ago') are read against it (never against the clock)."""
    by_field: dict[str, list[Candidate]] = {}
    cands = [c for c in (_read_relative(c, now) for c in cands) if c is not None]
    cands = _settle_readings(cands, now or dt.datetime.now(dt.UTC))
    for c in sorted(cands, key=lambda c: _rank(c.field, c.source)):  # stable: page order within a source
        by_field.setdefault(c.field, []).append(c)
    names = [str(c.value) for c in by_field.get("site_name", [])]
    names += [o for c in by_field.get("organisations", []) for o in c.value]
    urls = [url] + [str(c.value) for c in by_field.get("canonical_url", [])]
    ctx = _Context(by_field, now or dt.datetime.now(dt.UTC), url, site_keys(names, urls))
    meta = Metadata()
    for name, chooser in CHOOSERS.items():
        chosen = chooser(ctx.options(name), ctx)
        if chosen is not None:
            meta.values[name] = _without_soft_hyphens(chosen.value)
            meta.provenance[name] = chosen.source
    return meta


def _rank(name: str, source: str) -> int:
    order = ORDER.get(name, ())
    return order.index(source) if source in order else len(order)


def _first(options: list[Candidate], ctx: _Context) -> Candidate | None:
    return options[0] if options else None


# --- title -----------------------------------------------------------------------------------

def _title(options: list[Candidate], ctx: _Context) -> Candidate | None:
    declared = [c for c in options if c.source in _DECLARED_TITLES]
    visible = [c for c in options if c.source in _VISIBLE_TITLES]
    if declared:
        best = _cut(declared[0], strip_site(declared[0].value, ctx.site))
        others = visible + declared[1:]
        if best is not declared[0]:  # it carried the site's name: maybe a section label too
            return _shorter_form(best, others, "end") or best
        return _shorter_form(best, visible, "start") or best
    page = [c for c in options if c.source == "title"]
    if page:
        title = page[0]
        for v in visible:  # the headline the reader sees, when <title> is it plus the site's name
            if loose(title.value).startswith(loose(v.value)):
                return v
        cut = strip_site(title.value, ctx.site)
        return _cut(title, cut if cut != title.value else strip_any_suffix(title.value))
    return _cut(visible[0], strip_site(visible[0].value, ctx.site)) if visible else None


def _shorter_form(best: Candidate, others: list[Candidate], end: str) -> Candidate | None:
    """Another title (the visible one, another declaration) is the chosen one less a decoration
    cut at a separator: 'Headline -Section' (once a site suffix was cut) or 'Kicker | Headline'."""
    forms: set[str] | None = None  # (the chosen title less each decoration, folded once)
    for v in others:
        target = loose(v.value)
        if len(target) < 10:
            continue
        if forms is None:
            matches = list(_DECORATION.finditer(best.value))
            if end == "end":
                forms = {loose(best.value[: m.start()]) for m in matches}
            else:
                forms = {loose(best.value[m.end():]) for m in matches if m.group().strip() in _BARS}
        if target in forms:
            return v
    return None


_DECORATION = re.compile(r"\s*(?:[|｜ㅣ•·»«/:\-–—]|--)\s*")
_BARS = frozenset("|｜ㅣ•·»«/")


def _cut(c: Candidate, value: str) -> Candidate:
    return c if value == c.value else Candidate(c.field, value, c.source)


# --- authors ---------------------------------------------------------------------------------

def _authors(options: list[Candidate], ctx: _Context) -> Candidate | None:
    """The first source that names people, once the site and organisations are taken out."""
    for c in options:
        people = tuple(normal_case(n) for n in c.value if not _is_organisation(n, ctx))
        if people:
            return _cut_authors(c, people)
    return None


def _is_organisation(name: str, ctx: _Context) -> bool:
    key = squash(name)
    return key in ctx.site or any(key == squash(o) for c in ctx.options("organisations") for o in c.value)


def _cut_authors(c: Candidate, people: tuple[str, ...]) -> Candidate:
    return c if people == tuple(c.value) else Candidate(c.field, people, c.source)


# --- dates -----------------------------------------------------------------------------------

def _date(options: list[Candidate], ctx: _Context) -> Candidate | None:
    plausible = [c for c in options if not _after(c.value, ctx.now)]
    if not plausible:
        return None
    best = plausible[0]
    # The first <time> of a page may be any widget's (a sidebar's recent posts): against the
    # day the URL's path gives, it loses (a day apart is a time zone, not another page).
    url = next((c for c in plausible if c.source == "url"), None)
    if best.source == "time" and url is not None and abs((day_of(url.value) - day_of(best.value)).days) > 1:
        best = url
    # A UTC stamp takes the publisher's offset, or day, from the page's other dates (not from
    # a relative one, computed from the reference time), else its country's zone.
    written = [c for c in plausible if c.source not in ("relative", "page-text")]
    local = in_local_time(best.value, [c.value for c in written], ctx.url) if _zoned(best.value) else best.value
    if local is not best.value:
        source = best.source if isinstance(local, dt.datetime) else next(c.source for c in written if c.value == local)
        best = Candidate(best.field, local, source)
    # A day-only (or zone-less) value that agrees with a zoned one from another source takes its
    # zone (not from a relative one: its time is the reference time's, not the page's).
    if not _zoned(best.value):
        for c in plausible[1:]:
            if _zoned(c.value) and c.source != "relative" and day_of(c.value) == day_of(best.value):
                return Candidate(best.field, c.value, best.source)
    return best


def _read_relative(c: Candidate, now: dt.datetime | None) -> Candidate | None:
    """A relative date as of the caller's reference time; without one it says nothing."""
    if not isinstance(c.value, Relative):
        return c
    return Candidate(c.field, c.value.at(now), c.source) if now is not None else None


def _settle_readings(cands: list[Candidate], now: dt.datetime) -> list[Candidate]:
    """A date read one way round ('06/01/2026' as June 1) takes its other reading when only that
    one is plausible (not after `now`), or when only that one is a day another source gives."""
    if not any(c.alt is not None for c in cands):
        return cands
    days = {day_of(c.value) for c in cands if c.field in ("date", "modified") and c.alt is None}
    out = []
    for c in cands:
        if c.alt is not None:
            taken, other = c.value, c.alt
            switch = (_after(taken, now) and not _after(other, now)) or (
                day_of(other) in days and day_of(taken) not in days and not _after(other, now)
            )
            c = Candidate(c.field, other if switch else taken, c.source)
        out.append(c)
    return out


def _zoned(value: Any) -> bool:
    return isinstance(value, dt.datetime) and value.tzinfo is not None


def _after(value: dt.date | dt.datetime, now: dt.datetime) -> bool:
    """Later than the reference time: impossible for a page seen at `now`."""
    if _zoned(value) and now.tzinfo is not None:
        assert isinstance(value, dt.datetime)
        return value > now + dt.timedelta(minutes=5)
    return day_of(value) > now.date()


def _modified(options: list[Candidate], ctx: _Context) -> Candidate | None:
    chosen = _date(options, ctx)
    published = _date(ctx.options("date"), ctx)
    if chosen and published and day_of(chosen.value) < day_of(published.value):
        return None  # "modified" before publication: one of the two is wrong; keep the published
    return chosen


# --- the rest --------------------------------------------------------------------------------

def _language(options: list[Candidate], ctx: _Context) -> Candidate | None:
    for c in options:
        code = str(c.value).replace("_", "-").split("-")[0].strip().lower()
        if 2 <= len(code) <= 3 and code.isalpha():
            return Candidate("language", code, c.source)
    return None


def _absolute(options: list[Candidate], ctx: _Context) -> Candidate | None:
    for c in options:
        value = str(c.value).strip()
        if value and not value.startswith(("data:", "javascript:")):
            return Candidate(c.field, _joined(ctx.url, value) if ctx.url else value, c.source)
    return None


_URL_SPECIAL = re.compile(r"[?#;\[\]\t\r\n]")  # what urlsplit splits at, checks or drops beyond the netloc


def _joined(base: str, value: str) -> str:
    """`urljoin(base, value)`. An absolute ASCII URL in the page's own scheme with nothing but a
    host and a path is what urljoin returns for it (it re-parses and re-assembles it unchanged)."""
    for scheme in ("https://", "http://"):
        if value.startswith(scheme) and base.startswith(scheme):
            if value[len(scheme):][:1] not in ("", "/") and value.isascii() and not _URL_SPECIAL.search(value):
                return value
            break
    return urljoin(base, value)


def _text(options: list[Candidate], ctx: _Context) -> Candidate | None:
    return next((c for c in options if str(c.value).strip()), None)


CHOOSERS: dict[str, Callable[[list[Candidate], _Context], Candidate | None]] = {
    "title": _title, "authors": _authors, "date": _date, "modified": _modified,
    "description": _text, "site_name": _text, "language": _language,
    "canonical_url": _absolute, "image": _absolute, "tags": _first,
}
