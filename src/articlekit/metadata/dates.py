"""Dates: parse the ways pages write a publication date, never inventing a missing part.

`parse_date` takes a string that should *be* a date (a meta tag, a JSON-LD value, a datetime
attribute); `find_date` looks for a date *inside* a line of prose (a byline, a dateline).
A result is a `datetime` with the page's offset when a time and zone are given, a naive
`datetime` when only a time is, and a `date` when only the day is known. A day or year that
the text does not give is never filled in (from today or otherwise): such strings give None.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache

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
    r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2}(?!\d))?)?"
)
_COMPACT = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?)?(?!\d)")
_TIME = re.compile(
    r"(?<![\d:])(\d{1,2})[:.h](\d{2})(?::(\d{2}))?\s*([ap]\.?\s?m\.?)?(?:\s*(?:uhr|h))?"
    r"\s*(?:\(?\s*(utc|gmt|[a-z]{2,4})\s*([+-]\d{1,2}(?::?\d{2})?)?\)?|([+-]\d{2}:?\d{2}))?",
    re.I,
)


@cache
def _named_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    names = "|".join(sorted((re.escape(m) for m in _months()), key=len, reverse=True))
    month = rf"(?P<month>{names})\.?"
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er|º|\.)?"
    year = r"(?P<year>\d{4})"
    # "July 29, 2009" / "Jul. 29 2009"
    mdy = re.compile(rf"(?<!\w){month}\s+{day},?\s+(?:de\s+)?{year}(?!\d)", re.I)
    # "29 July 2009" / "29. Juli 2009" / "29 de julio de 2009" / "29 июля 2009 г."
    dmy = re.compile(rf"(?<![^\W\d])(?<!\.){day}\s*(?:de\s+)?{month},?\s+(?:de\s+)?{year}(?!\d)", re.I)
    # "2009年7月29日" and Korean "2009년 7월 29일"
    cjk = re.compile(r"(?P<year>\d{4})\s*[年년.]\s*(?P<month>\d{1,2})\s*[月월.]\s*(?P<day>\d{1,2})\s*[日일]?")
    return mdy, dmy, cjk


_NUMERIC = re.compile(r"(?<![\d/.])(\d{1,2})([./])(\d{1,2})\2(\d{4}|\d{2})(?![\d/]|\.\d)")


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
    day, end, time = found
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


def _find_day(text: str, day_first: bool) -> tuple[dt.date, int, _Time | None] | None:
    candidates: _Candidates = []
    if _YEAR4.search(text):  # only '29.07.09' writes its year with two digits (the named forms are slow)
        _four_digit_forms(text, candidates)
    if m := _NUMERIC.search(text):
        a, sep, b, y = int(m.group(1)), m.group(2), int(m.group(3)), _full_year(m.group(4))
        # "/" is month-first (US) and "." or "-" day-first (European), unless a number > 12 says.
        month_first = (sep == "/" and a <= 12 and not day_first) or b > 12
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
    _, day, end, time = min(candidates, key=lambda c: c[0])
    return day, end, time


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
    mdy, dmy, cjk = _named_patterns()
    months = _months()
    for pattern in (mdy, dmy):
        if m := pattern.search(text):
            day = _make_date(m.group("year"), str(months[m.group("month").lower()]), m.group("day"))
            if day:
                candidates.append((m.start(), day, m.end(), None))
    if m := cjk.search(text):
        day = _make_date(m.group("year"), m.group("month"), m.group("day"))
        if day:
            candidates.append((m.start(), day, m.end(), None))


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


def url_date(url: str) -> dt.date | None:
    """The day written in a URL's path: '/2019/11/20/', '/2019-11-20/', '/20191120/', '/2024/0424/'."""
    m = _URL_DATE.search(url)
    if not m:
        return None
    groups = [g for g in m.groups() if g is not None]
    return _make_date(groups[0], groups[1], groups[2])


_CLOCK = re.compile(r"(?<![\d.:])\d{1,2}[:.h]\d{2}(?![\d.:])")


@lru_cache(maxsize=4096)
def mentions_date(text: str) -> bool:
    """A date or a time of day, even an incomplete one ('8 января, 17:46', 'Today 10:48 am'):
    evidence that a line is a dateline, never a value."""
    if find_date(text) is not None or _CLOCK.search(text):
        return True
    return bool(_day_month().search(text))


def date_start(text: str) -> int | None:
    """Where the first date written in `text` begins (a complete date, or a day and month such
    as '8 января'); None when there is none. For cutting a date off a line ("Jane Doe on
    November 12, 2019")."""
    starts: list[int] = []
    if _HAS_YEAR.search(text):
        if _YEAR4.search(text):
            if m := _ISO.search(text):
                starts.append(m.start())
            starts += [m.start() for p in _named_patterns() if (m := p.search(text))]
        if m := _NUMERIC.search(text):
            starts.append(m.start())
    if m := _day_month().search(text):
        starts.append(m.start())
    return min(starts) if starts else None


@cache
def _day_month() -> re.Pattern[str]:
    names = "|".join(sorted((re.escape(m) for m in _months()), key=len, reverse=True))
    return re.compile(rf"(?<!\d)\d{{1,2}}\.?\s*(?:{names})(?!\w)", re.I)


# --- dates relative to when the page was shown -------------------------------------------------

@dataclass(frozen=True, slots=True)
class Relative:
    """A date written relative to when the page was shown: 'heute um 12:19 Uhr' (days_back 0,
    clock), 'gestern, 18:30' (1), 'vor 3 Stunden' (ago), a bare '13:37 Uhr' under a headline.
    Only the reference time the caller gives (`now`: a crawl's fetch time) can turn it into a
    date; `updated` when its label says it is the last change ('Stand: 10:49 Uhr')."""

    days_back: int = 0
    clock: tuple[int, int] | None = None
    ago: dt.timedelta | None = None
    updated: bool = False
    zone: int | None = None  # minutes east of UTC, when the clock names its zone ('10:01 pm PST')

    def at(self, now: dt.datetime) -> dt.date | dt.datetime:
        """The value as of `now`: the day is `now`'s day in the zone the clock names (else in
        `now`'s own); the clock stays the site's local time, naive: `now` may be a bound (the
        end of a crawl's day) rather than the moment the page was shown, so a zoned '10:01 pm'
        could seem to lie after it."""
        if self.ago is not None:
            return now - self.ago
        local = now
        if self.zone is not None and now.tzinfo is not None:
            local = now.astimezone(dt.timezone(dt.timedelta(minutes=self.zone)))
        day = local.date() - dt.timedelta(days=self.days_back)
        if self.clock is None:
            return day
        return dt.datetime(day.year, day.month, day.day, *self.clock)


RELATIVE_CHARS = 80  # a relative dateline is a short line of its own


@lru_cache(maxsize=4096)
def find_relative(text: str) -> Relative | None:
    """A date written relative to the page's display time in a short line (see `Relative`):
    a day word next to a clock time, an 'N hours ago', or a line that is only a clock time."""
    if not _HAS_DIGIT.search(text):  # every form writes a number: a time or a count
        return None
    folded = " ".join(text.casefold().split())
    if len(folded) <= RELATIVE_CHARS and (found := _relative(folded)):
        return found
    # a dump may glue it to the caption above: '(Bild: dpa) 13:37 Uhr'
    tail = _AFTER_CAPTION.search(folded)
    return _relative(tail.group(1)) if tail and len(tail.group(1)) <= RELATIVE_CHARS else None


_HAS_DIGIT = re.compile(r"\d")
_AFTER_CAPTION = re.compile(r"[)|·•]\s*([^)|·•]+)$")


def _relative(folded: str) -> Relative | None:
    label, rest = _label(folded)
    updated = label in _vocab()["updated"]
    if m := _ago_patterns()[0].search(rest) or _ago_patterns()[1].search(rest):
        n = int(m.group("n"))
        unit = m.group("unit").rstrip(".")
        if unit in _vocab()["days"]:
            return Relative(days_back=n, updated=updated)
        minutes = n * 60 if unit in _vocab()["hours"] else n
        return Relative(ago=dt.timedelta(minutes=minutes), updated=updated)
    if (m := _day_word_pattern().search(rest)) and (zone := _zone(m.group("zone"))) != _NO_ZONE:
        clock = _clock(m.group("time"))
        if clock is not None:
            days_back = 0 if m.group("day") in _vocab()["today"] else 1
            return Relative(days_back=days_back, clock=clock, updated=updated, zone=zone)
    # The header of a story of the day; a time needs its 'Uhr', 'pm', zone or label ('2:07' is a
    # video's length).
    m = _BARE_TIME.fullmatch(rest)
    if m and (m.group("mark") or m.group("zone") or label) and (zone := _zone(m.group("zone"))) != _NO_ZONE:
        clock = _clock(m.group("time"))
        return Relative(clock=clock, updated=updated, zone=zone) if clock is not None else None
    return None


_BARE_TIME = re.compile(
    r"(?P<time>\d{1,2}[:.h]\d{2}\s*(?P<mark>[ap]\.?\s?m\.?|uhr|h|hrs)?)\.?(?:\s*(?P<zone>[a-z]{2,5}))?"
)
_NO_ZONE = -1  # a word after the time that names no zone we know: not a dateline


def _zone(word: str | None) -> int | None:
    """Minutes east of UTC for 'pst', 'cet', …; None when no zone is written; _NO_ZONE when the
    word is not a zone."""
    if word is None or word in ("uhr", "h", "hrs"):  # (the clock's own word, no zone)
        return None
    return _zones().get(word, _NO_ZONE)
_LABEL_END = re.compile(r"^[\s:,.\-–—|]+")


def _clock(text: str) -> tuple[int, int] | None:
    m = _TIME.match(text)
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2))
    ampm = (m.group(4) or "").lower().replace(".", "").replace(" ", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    return (hour, minute) if hour <= 23 and minute <= 59 else None


def _label(folded: str) -> tuple[str, str]:
    """('stand', '10:49 uhr') from 'stand: 10:49 uhr': a dateline's leading label, if any."""
    for label in _labels_longest_first():
        if folded.startswith(label) and not folded[len(label):len(label) + 1].isalnum():
            return label, _LABEL_END.sub("", folded[len(label):])
    return "", folded


@cache
def _vocab() -> dict[str, frozenset[str]]:
    data = _load("dates.toml")
    words = {k: frozenset(v) for k, v in data["relative"].items()}
    words.update({k: frozenset(v) for k, v in data["labels"].items()})
    return words


@cache
def _labels_longest_first() -> tuple[str, ...]:
    return tuple(sorted(_vocab()["updated"] | _vocab()["published"], key=len, reverse=True))


def _alternatives(words: frozenset[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _ago_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """'vor 3 Stunden' (the word before) and '3 hours ago' (after)."""
    v = _vocab()
    n = rf"(?P<n>\d{{1,3}})\s*(?P<unit>{_alternatives(v['minutes'] | v['hours'] | v['days'])})"
    before = re.compile(rf"(?<!\w)(?:{_alternatives(v['ago_before'])})\s+{n}{_LINE_END}")
    after = re.compile(rf"(?<![\w.,:]){n}\s*(?:{_alternatives(v['ago_after'])}){_LINE_END}")
    return before, after


# A relative date ends its line or its segment ('Jane Doe · 3 hours ago'); 'Vor 3 Tagen hat der
# Rat …', 'Heute um 20:15 Uhr beginnt …' are sentences about something else.
_LINE_END = r"(?!\w)(?:\s*(?:uhr|h)(?!\w))?\.?\s*(?:$|[|·•])"


@cache
def _day_word_pattern() -> re.Pattern[str]:
    """'heute um 12:19 Uhr', 'today at 10:48 am', 'hier à 14h30'."""
    v = _vocab()
    day = rf"(?P<day>{_alternatives(v['today'] | v['yesterday'])})"
    joiner = rf"(?:\s*,?\s*(?:{_alternatives(v['joiners'])})?\s*)"
    time = r"(?P<time>\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?\s?m\.?)?)(?![\d.:])(?:\s+(?P<zone>[a-z]{2,5})(?!\w))?"
    return re.compile(rf"(?<!\w){day}{joiner}{time}{_LINE_END}")
