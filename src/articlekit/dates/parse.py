"""Dates written out: parse the ways pages write a publication date, never inventing a missing part.

`parse_date` takes a string that should *be* a date (a meta tag, a JSON-LD value, a datetime
attribute); `find_date` looks for a date *inside* a line of prose (a byline, a dateline).
A result is a `datetime` with the page's offset when a time and zone are given, a naive
`datetime` when only a time is, and a `date` when only the day is known. A day or year that
the text does not give is never filled in (from today or otherwise): such strings give None.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache, lru_cache
from typing import Any

from ..vocab import _load

EARLIEST_YEAR = 1995  # the web's news archives start about here; earlier "dates" are noise


@cache
def _months() -> dict[str, int]:
    data = _load("dates.toml")["months"]
    return {name: int(num) for num, names in data.items() for name in names}


@cache
def month_names() -> frozenset[str]:
    """Every month name and abbreviation the date parser knows, lower-cased."""
    return frozenset(_months())


@cache
def _zones() -> dict[str, int]:
    return {k: int(v) for k, v in _load("dates.toml")["zones"].items()}


_ISO = re.compile(
    r"(\d(?<!\d\d)\d{3})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2}(?!\d))?)?"
)
_COMPACT = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?)?(?!\d)")
_TIME = re.compile(
    r"(?<![\d:])(\d{1,2})[:.h](\d{2})(?::(\d{2}))?\s*([ap]\.?\s?m\.?)?(?:\s*(?:uhr|h))?"
    r"\s*(?:\(?\s*(utc|gmt|[a-z]{2,4})\s*([+-]\d{1,2}(?::?\d{2})?)?\)?|([+-]\d{2}:?\d{2}))?",
    re.I,
)


# A year glued to the date after it ('28. Juni 201914. Januar 2020', '19.11.202119.11.2021',
# 'March 4, 2019March 5, 2019'): a theme prints the publication and update dates side by side
# and a dump keeps no space between them. Only before a date complete with its own year.
_GLUED_DATE = re.compile(
    r"(?<!\w)((?:19|20)\d{2})(?=(?:[^\W\d_]{3,},?\s)?"  # (a weekday may open the second date)
    r"(?:\d{1,2}(?:\.\s?\d{1,2}\.|/\d{1,2}/)\d{4}(?!\d)|\d{1,2}\.?\s?[^\W\d_]{3,}\.?,?\s\d{4}(?!\d)"
    r"|[^\W\d_]{3,}\.?\s\d{1,2}(?:st|nd|rd|th)?,?\s\d{4}(?!\d)))"
)


@cache
def _named_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    names = _month_alternation()
    month = rf"(?P<month>{names})\.?"
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er|º|\.)?"
    # (not after a letter or a dot, nor the second digit of a number glued to a word: "on28."; tested
    # after the first digit, see _NUMERIC)
    lone_day = r"(?P<day>\d(?<![^\W\d]\d)(?<!\.\d)(?<![^\W\d]\d\d)\d?)(?:st|nd|rd|th|er|º|\.)?"
    year = r"(?P<year>\d{4})"
    # "July 29, 2009" / "Jul. 29 2009"
    mdy = re.compile(rf"(?<!\w){month}\s+{day},?\s+(?:de\s+)?{year}(?!\d)", re.I)
    # "29 July 2009" / "29. Juli 2009" / "29 de julio de 2009" / "29 июля 2009 г."
    dmy = re.compile(rf"{lone_day}\s*(?:de\s+)?{month},?\s+(?:de\s+)?{year}(?!\d)", re.I)
    # "2009年7月29日" and Korean "2009년 7월 29일"
    cjk = re.compile(r"(?P<year>\d{4})\s*[年년.]\s*(?P<month>\d{1,2})\s*[月월.]\s*(?P<day>\d{1,2})\s*[日일]?")
    return mdy, dmy, cjk


# (A lookbehind that opens a pattern makes the regex engine try it at every character; checked
# after the first digit it is the same test, and the engine jumps from digit to digit.)
_NUMERIC = re.compile(r"(\d(?<![\d/.-]\d)\d?)([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-]|\.\d)")
# '2024/09/03': year first, then always month and day; not a URL's path ('/2024/09/03/')
_YMD_SLASH = re.compile(r"(\d(?<![\d/]\d)\d{3})/(\d{1,2})/(\d{1,2})(?![\d/])")


def parse_date(value: str) -> dt.date | dt.datetime | None:
    """A string that holds a date (meta tag, JSON-LD, datetime attribute) -> its value."""
    value = value.strip()
    if not value:
        return None
    if _STRICT_ISO.fullmatch(value):  # what markup mostly holds: the standard library reads it
        parsed = _from_iso(value)
        if parsed is not None:
            return parsed
    return find_date(value)


# '2019-11-20', '2019-11-20T05:47:00+01:00', '...T05:47:00.123Z': read as find_date reads them
_STRICT_ISO = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-](?:0\d|1[0-4]):[0-5]\d)?)?"
)


def _from_iso(value: str) -> dt.date | dt.datetime | None:
    try:
        if len(value) == 10:
            day = dt.date.fromisoformat(value)
            return day if day.year >= EARLIEST_YEAR else None
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.replace(microsecond=0) if moment.year >= EARLIEST_YEAR else None


_HAS_YEAR = re.compile(r"\d\d")
_HAS_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=8192)
def find_date(text: str, *, day_first: bool = False) -> dt.date | dt.datetime | None:
    """The first complete date written in `text`, with its time and zone when they follow it.

    `01/06/2026` is month-first (the US way) unless `day_first` (a page not in English) or a
    number above 12 says otherwise; `01.06.2026` is always day-first."""
    if not _HAS_YEAR.search(text):  # every form writes the year with digits: most lines end here
        return None
    found = _find_day(text, day_first)
    if found is None:
        return None
    _, day, end, time = found
    if time is None:
        time = _time_after(text[end:end + 40])
    if time is None:
        return day
    hour, minute, second, tz = time
    try:
        return dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=tz)
    except ValueError:
        return day


_Time = tuple[int, int, int, dt.tzinfo | None]


_Candidates = list[tuple[int, dt.date, int, _Time | None]]  # (start, day, end, time) per form found


def date_span(text: str) -> tuple[int, int] | None:
    """Where the first complete date in `text` begins and ends (its time not included)."""
    if not _HAS_YEAR.search(text):
        return None
    found = _find_day(text, False)
    return (found[0], found[2]) if found is not None else None


def _find_day(text: str, day_first: bool) -> tuple[int, dt.date, int, _Time | None] | None:
    candidates: _Candidates = []
    if _YEAR4.search(text):  # only '29.07.09' writes its year with two digits (the named forms are slow)
        _four_digit_forms(text, candidates)
    if m := _NUMERIC.search(text):
        a, sep, b, y = int(m.group(1)), m.group(2), int(m.group(3)), _full_year(m.group(4))
        # "/" and "-" are month-first (US) unless `day_first`, "." day-first (European), unless a
        # number > 12 says.
        month_first = (sep in "/-" and a <= 12 and not day_first) or b > 12
        d, mo = (b, a) if month_first else (a, b)
        day = _make_date(y, str(mo), str(d))
        if day:
            candidates.append((m.start(), day, m.end(), None))
    if not candidates and (m := _COMPACT.fullmatch(text.strip())):
        day = _make_date(m.group(1), m.group(2), m.group(3))
        if day:
            candidates.append((m.start(), day, m.end(), None))
    if not candidates:
        return None
    return min(candidates, key=lambda c: c[0])


_YEAR4 = re.compile(r"\d{4}")


def _four_digit_forms(text: str, candidates: _Candidates) -> None:
    """ISO, 'July 29, 2009', '29. Juli 2009', '2009年7月29日': the forms with a four-digit year."""
    if m := _ISO.search(text):
        day = _make_date(m.group(1), m.group(2), m.group(3))
        if day:
            time = None
            if m.group(4):
                time = (int(m.group(4)), int(m.group(5)), int(m.group(6) or 0), _offset(m.group(7)))
            candidates.append((m.start(), day, m.end(), time))
    if m := _YMD_SLASH.search(text):
        day = _make_date(m.group(1), m.group(2), m.group(3))
        if day:
            candidates.append((m.start(), day, m.end(), None))
    mdy, dmy, cjk = _named_patterns()
    months = _months()
    for pattern in (mdy, dmy) if names_month(text) else ():
        if (m := pattern.search(text)) and (month := months.get(m.group("month").lower())):
            day = _make_date(m.group("year"), str(month), m.group("day"))  # (.get: 'ARALIK' lowers to no key)
            if day:
                candidates.append((m.start(), day, m.end(), None))
    if m := cjk.search(text):
        day = _make_date(m.group("year"), m.group("month"), m.group("day"))
        if day:
            candidates.append((m.start(), day, m.end(), None))


def reads_both_ways(text: str) -> bool:
    """The first numeric date in `text` is one `day_first` would read otherwise ('06/01/2026',
    not '13/01/2026', '06.01.2026' or an ISO date): the only case where the order matters."""
    m = _NUMERIC.search(text)
    return m is not None and m.group(2) in "/-" and int(m.group(1)) <= 12 and int(m.group(3)) <= 12


_LETTERS = re.compile(r"[^\W\d_]+")
_DAY_SUFFIXES = ("st", "nd", "rd", "th", "er")


def names_month(text: str) -> bool:
    """A month's name stands in `text` as a word of its own, or glued to a day's suffix
    ('1stJuly'): where every named form writes it. (A set lookup per word: the patterns'
    alternation of 200 names is slow to try at each character of a line that names none.)"""
    months = _months()
    for word in _LETTERS.findall(text):
        word = word.lower()
        if word in months or (word[:2] in _DAY_SUFFIXES and word[2:] in months):
            return True
    return False


def _full_year(year: str) -> str:
    """'24' -> '2024', '98' -> '1998': a two-digit year as written, never today's."""
    if len(year) == 4:
        return year
    yy = int(year)
    return str(1900 + yy if yy >= EARLIEST_YEAR % 100 else 2000 + yy)


def _make_date(year: str, month: str, day: str) -> dt.date | None:
    try:
        value = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    return value if value.year >= EARLIEST_YEAR else None


def _time_after(text: str) -> _Time | None:
    """A clock time right after the date ("July 29, 2009 10:30 AM EDT", "29.07.2009, 14:46")."""
    m = _TIME.match(text.lstrip(" ,|-–—·/at\u00a0"))
    if not m:
        return None
    hour, minute, second = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    ampm = (m.group(4) or "").lower().replace(".", "").replace(" ", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    tz: dt.tzinfo | None = None
    if m.group(7):
        tz = _offset(m.group(7))
    elif m.group(5):
        base = _zones().get(m.group(5).lower())
        if base is not None:
            extra = _offset(m.group(6)) if m.group(6) else None
            delta = extra.utcoffset(None) if extra else None
            minutes = base + (int(delta.total_seconds() // 60) if delta else 0)
            tz = dt.timezone(dt.timedelta(minutes=minutes))
    return hour, minute, second, tz


def _offset(text: str | None) -> dt.tzinfo | None:
    if not text:
        return None
    if text.upper() == "Z":
        return dt.UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours = int(digits[:2]) if digits else 0
    minutes = int(digits[2:4]) if len(digits) >= 4 else 0
    if hours > 14 or minutes > 59:
        return None
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def day_of(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|\b)|/((?:19|20)\d{2})(\d{2})(\d{2})/|/((?:19|20)\d{2})/(\d{2})(\d{2})/"
)


# ... and a slug's own: '/20220127-gedenkstunde', 'bericht_vom_22.04.2020_', '/meldungen/29-10-2021'
# (day first: the dotted form always, the dashed one only when its first number is above 12)
_SLUG_DATE = re.compile(
    r"/((?:19|20)\d{2})(\d{2})(\d{2})[-_.]|(?<=[/_-])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})(?![\d.])"
    r"|/(1[3-9]|2\d|3[01])-(\d{1,2})-((?:19|20)\d{2})(?![\d-])"
)


def url_date(url: str) -> dt.date | None:
    """The day written in a URL's path: '/2019/11/20/', '/2019-11-20/', '/20191120/', '/2024/0424/'."""
    if m := _URL_DATE.search(url):
        groups = [g for g in m.groups() if g is not None]
        return _make_date(groups[0], groups[1], groups[2])
    return None


def slug_date(url: str) -> dt.date | None:
    """A day written in the URL's slug: '/20220127-title', '_22.04.2020_', '/29-10-2021' (weaker
    evidence than the path's folders: a slug may name an event's day)."""
    if url_date(url) is not None:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0]
    if not (m := _SLUG_DATE.search(path)):
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    if year is None:
        day, month, year = (m.group(4), m.group(5), m.group(6)) if m.group(4) else (m.group(7), m.group(8), m.group(9))
    return _make_date(year, month, day)


_CLOCK = re.compile(r"\d(?<![\d.:]\d)\d?[:.h]\d{2}(?![\d.:])")


@lru_cache(maxsize=4096)
def mentions_date(text: str) -> bool:
    """A date or a time of day, even an incomplete one ('8 января, 17:46', 'Today 10:48 am'):
    evidence that a line is a dateline, never a value."""
    if find_date(text) is not None or _CLOCK.search(text):
        return True
    return names_month(text) and bool(_day_month().search(text))


def date_start(text: str) -> int | None:
    """Where the first date written in `text` begins (a complete date, or a day and month such
    as '8 января'); None when there is none. For cutting a date off a line ("Jane Doe on
    November 12, 2019")."""
    if not _HAS_DIGIT.search(text):  # every form writes its day with digits: most bylines end here
        return None
    starts: list[int] = []
    named = names_month(text)
    if _HAS_YEAR.search(text):
        if _YEAR4.search(text):
            if m := _ISO.search(text):
                starts.append(m.start())
            if named:
                starts += [m.start() for p in _named_patterns() if (m := p.search(text))]
        if m := _NUMERIC.search(text):
            starts.append(m.start())
    if named and (m := _day_month().search(text)):
        starts.append(m.start())
    return min(starts) if starts else None


@cache
def _month_alternation() -> str:
    """The month names as one regex group, their common beginnings factored out ('j(?:an(?:uary|…'):
    an alternation of 200 names tried one by one at each word is slow. The same as `alternation`
    wherever a name must end at a word's end (every pattern here): then one name at most fits."""
    trie: dict[str, Any] = {}
    for name in _months():
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}  # (a name ends here)

    def group(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + group(sub) for ch, sub in node.items() if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"
        return f"(?:{body})?" if "" in node else body

    return group(trie)


@cache
def _day_month() -> re.Pattern[str]:
    return re.compile(rf"\d(?<!\d\d)\d?\.?\s*(?:{_month_alternation()})(?!\w)", re.I)


def unglued(text: str) -> str:
    """`text` with a space between a year and the date glued to it."""
    return _GLUED_DATE.sub(r"\1 ", text) if _HAS_YEAR.search(text) else text
