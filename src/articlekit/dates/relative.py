"""Dates written relative to when the page was shown: 'heute um 12:19 Uhr', 'vor 3 Stunden'.

Only a reference time the caller gives (a crawl's fetch time) turns one into a date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ..vocab import _load, alternation
from .parse import _TIME, _zones


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


@lru_cache(maxsize=4096)
def is_update_line(text: str) -> bool:
    """The line opens with a label saying its date is the last change ('Updated: …', 'Stand: …',
    'Aktualisiert am …'), not the publication."""
    return _label(" ".join(text.casefold().split()))[0] in _vocab()["updated"]


PUBLISHED_REACH = 40  # characters after a publication label that may hold its date


def after_published_labels(text: str) -> list[str]:
    """What follows each publication label in a text ('Erschienen am: 01.11.2023 …' ->
    '01.11.2023 …'), PUBLISHED_REACH characters of it: where a labelled date stands in a longer
    line (a footer's 'Letzte Änderung: … Erschienen am: …')."""
    return [text[m.end():m.end() + PUBLISHED_REACH] for m in _published_label().finditer(text)]


@cache
def _published_label() -> re.Pattern[str]:
    labels = alternation(_vocab()["published"])
    return re.compile(rf"(?<![^\W\d_])(?:{labels})(?:\s+(?:am|on|le|el|il|em|op|den|dne))?\s*:?\s*", re.I)


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



@cache
def _ago_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """'vor 3 Stunden' (the word before) and '3 hours ago' (after)."""
    v = _vocab()
    n = rf"(?P<n>\d{{1,3}})\s*(?P<unit>{alternation(v['minutes'] | v['hours'] | v['days'])})"
    before = re.compile(rf"(?<!\w)(?:{alternation(v['ago_before'])})\s+{n}{_LINE_END}")
    after = re.compile(rf"(?<![\w.,:]){n}\s*(?:{alternation(v['ago_after'])}){_LINE_END}")
    return before, after


# A relative date ends its line or its segment ('Jane Doe · 3 hours ago'); 'Vor 3 Tagen hat der
# Rat …', 'Heute um 20:15 Uhr beginnt …' are sentences about something else.
_LINE_END = r"(?!\w)(?:\s*(?:uhr|h)(?!\w))?\.?\s*(?:$|[|·•])"


@cache
def _day_word_pattern() -> re.Pattern[str]:
    """'heute um 12:19 Uhr', 'today at 10:48 am', 'hier à 14h30'."""
    v = _vocab()
    day = rf"(?P<day>{alternation(v['today'] | v['yesterday'])})"
    joiner = rf"(?:\s*,?\s*(?:{alternation(v['joiners'])})?\s*)"
    time = r"(?P<time>\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?\s?m\.?)?)(?![\d.:])(?:\s+(?P<zone>[a-z]{2,5})(?!\w))?"
    return re.compile(rf"(?<!\w){day}{joiner}{time}{_LINE_END}")
