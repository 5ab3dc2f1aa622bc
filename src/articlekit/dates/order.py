"""Which way round a page writes '06/01/2026': decided from the page, not a fixed default.

The page's own evidence, strongest first:
1. its locale, when it names a region ('en-US' month first, 'en-GB' or 'de-AT' day first), as
   the markup declares it or the URL's path names its edition ('/en-gb/news/…');
2. other dates on the same page that only one order can read ('13/01/2026' or the dotted
   '13.01.2026' day first, '01/13/2026' month first);
3. the site's country, from its host's country-code domain ('.de' day first, '.us' month first);
4. its language ('en' month first, any other day first).
With none of these, month first (the US way). One date can also be settled by the URL's own
date (`PageOrder.read`). The word lists are data: `data/dates.toml`, [day_order].
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from ..vocab import _load
from .parse import day_of, find_date, parse_date, reads_both_ways, url_date

# a numeric date only one order can read: a first number above 12 is a day, a second one a month
_NUMERIC = re.compile(r"(\d(?<![\d/.-]\d)\d?)([./-])(\d{1,2})\2(\d{4})(?![\d/-]|\.\d)")  # (see parse._NUMERIC)
SCAN_CHARS = 200  # the lines searched for other dates are short ones (datelines, teasers' dates)
_PATH_LOCALE = re.compile(r"/([a-z]{2}[-_][a-z]{2})(?=/|$)", re.I)  # a path segment: 'en-gb', 'de_AT'

DateValue = dt.date | dt.datetime


@dataclass(frozen=True, slots=True)
class _Words:
    month_first_locales: frozenset[str]
    month_first_languages: frozenset[str]
    mixed_regions: frozenset[str]
    month_first_tlds: frozenset[str]
    generic_tlds: frozenset[str]


@cache
def _words() -> _Words:
    data = _load("dates.toml")["day_order"]
    return _Words(**{k: frozenset(v) for k, v in data.items()})


def readings(text: str) -> tuple[DateValue, DateValue] | None:
    """(month first, day first): the two readings of the first date in `text`, when they differ
    ('06/01/2026'); None when the text has no date or only one reading ('13/01/2026', '06.01.2026')."""
    if not reads_both_ways(text):  # (cheap: most dates, ISO ones first, are read one way only)
        return None
    month_first = find_date(text)
    if month_first is None:
        return None
    day_first = find_date(text, day_first=True)
    if day_first is None or day_first == month_first:
        return None
    return month_first, day_first


def parse_both(value: str) -> tuple[DateValue | None, DateValue | None]:
    """`parse_date` for a value the markup declares, and the other reading when its day and
    month read either way ('06/01/2026' in a <meta>): resolve settles which from the page."""
    parsed = parse_date(value)
    if parsed is None or ("/" not in value and "-" not in value):
        return parsed, None
    both = readings(value)
    return (parsed, both[1] if both[0] == parsed else both[0]) if both else (parsed, None)


def from_locale(language: str | None) -> bool | None:
    """Day first per a locale that names its region ('en-GB' -> True, 'en_US' -> False); None
    when no region is named or it writes both orders."""
    if not language:
        return None
    code = language.strip().replace("_", "-").lower()
    parts = code.split("-")
    if len(parts) < 2 or not parts[1].isalpha() or len(parts[1]) != 2:
        return None
    words = _words()
    if parts[1] in words.mixed_regions:
        return None
    return f"{parts[0]}-{parts[1]}" not in words.month_first_locales


def url_locales(url: str | None, languages: Iterable[str]) -> list[str]:
    """The locales the URL's path names in the page's language ('msn.com/en-gb/news/…' on a page
    in 'en' -> 'en-gb'): a site's edition. (A segment such as '/up-to/' names no language.)"""
    if not url or "//" not in url:
        return []
    spoken = {lang.strip().replace("_", "-").lower().split("-")[0] for lang in languages}
    found = _PATH_LOCALE.findall(urlsplit(url).path)
    return [f for f in found if f[:2].lower() in spoken]


def from_language(language: str | None) -> bool | None:
    """Day first per the language alone ('en' -> False, 'de' -> True); None when unknown."""
    if not language:
        return None
    code = language.strip().replace("_", "-").lower().split("-")[0]
    if not (2 <= len(code) <= 3 and code.isalpha()):
        return None
    return code not in _words().month_first_languages


def from_domain(url: str | None) -> bool | None:
    """Day first per the site's country-code domain ('.de', '.co.uk' -> True; '.us' -> False);
    None for generic domains ('.com', '.org', '.io')."""
    if not url or "//" not in url:
        return None
    host = urlsplit(url).hostname or ""
    tld = host.rsplit(".", 1)[-1]
    words = _words()
    if len(tld) != 2 or not tld.isalpha() or tld in words.generic_tlds:
        return None
    return tld not in words.month_first_tlds


def from_other_dates(texts: Iterable[str]) -> bool | None:
    """Day first per the page's other numeric dates that only one order reads; None when they
    say nothing or disagree as often as they agree."""
    day_first = month_first = 0
    for text in texts:
        if len(text) > SCAN_CHARS or not any(ch in text for ch in "./-"):
            continue
        for a, sep, b, _ in _NUMERIC.findall(text):
            first, second = int(a), int(b)
            if sep == "." and 1 <= first <= 31 and 1 <= second <= 12:
                day_first += 1  # a dotted date is written day first wherever it is written
            elif first > 12 and 1 <= second <= 12:
                day_first += 1
            elif second > 12 and 1 <= first <= 12:
                month_first += 1
    if day_first == month_first:
        return None
    return day_first > month_first


class PageOrder:
    """The order one page writes its numeric dates in, decided once, and only when a date needs
    it (most pages write none that is ambiguous). `languages`: the page's declared languages or
    locales, most reliable first; `guess`: a language from its text, asked only when needed;
    `texts`: the page's lines, read only when needed."""

    def __init__(
        self,
        *,
        languages: Iterable[str] = (),
        url: str | None = None,
        texts: Callable[[], Iterable[str]] = lambda: (),
        guess: Callable[[], str | None] = lambda: None,
    ) -> None:
        self.languages = [x for x in languages if x]
        self.url = url
        self._texts, self._guess = texts, guess
        self._day_first: bool | None = None

    def day_first(self) -> bool:
        if self._day_first is None:
            self._day_first = self._decide()
        return self._day_first

    def _decide(self) -> bool:
        spoken = self.languages or [g for g in [self._guess()] if g]  # (the edition in the URL: in which language)
        for lang in [*self.languages, *url_locales(self.url, spoken)]:
            if (found := from_locale(lang)) is not None:
                return found
        if (found := from_other_dates(self._texts())) is not None:
            return found
        if (found := from_domain(self.url)) is not None:
            return found
        for language in [*self.languages, self._guess()]:
            if (found := from_language(language)) is not None:
                return found
        return False

    def read(self, text: str) -> DateValue | None:
        """The date `text` writes, its day and month in this page's order; a date the URL also
        writes settles the order for that date alone."""
        return self.read_both(text)[0]

    def read_both(self, text: str) -> tuple[DateValue | None, DateValue | None]:
        """(`read`, the other reading when the day and month could be read the other way round)."""
        date = find_date(text)  # (cached: the header asks it of most lines first; most write no date)
        if date is None:
            return None, None  # (nor has it two readings)
        both = readings(text)
        if both is None:
            return date, None
        month_first, day_first = both
        if (in_url := url_date(self.url) if self.url else None) is not None:
            for reading, other in (both, both[::-1]):
                if day_of(reading) == in_url:
                    return reading, other
        return (day_first, month_first) if self.day_first() else (month_first, day_first)
