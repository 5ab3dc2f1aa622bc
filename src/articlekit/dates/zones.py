"""The publisher's day of a UTC timestamp. A page stamped '2020-02-25T02:25:54Z' by a site in
New York was published on the 24th there: its URL, its visible date or its other stamps say so.
The instant never changes; only the offset it is written in, when the page gives it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..vocab import _load

WEST, EAST = dt.timedelta(hours=-12), dt.timedelta(hours=14)  # the widest UTC offsets in use
OFFSET_STEP = dt.timedelta(minutes=15)  # every offset in use is a whole number of quarter hours
_ZERO = dt.timedelta(0)
MIDNIGHT = dt.time(0)  # a stamp at 00:00:00 UTC is often a day without a time: it keeps its day


def in_local_time(stamp: dt.datetime, others: Iterable[object], url: str | None = None) -> dt.date | dt.datetime:
    """`stamp`, written in UTC, as the publisher's other dates of the page show it:
    1. the same instant written with an offset: `stamp` in that offset;
    2. the same instant written without a zone (as the site's local time): the difference, a
       whole number of quarter hours, is the offset;
    3. a day written without a time, one day off but within reach of an offset: that day (its
       time is unknown: none is made up);
    4. else (unless it is 00:00, a bare day stored as a stamp) the zone of the site's country,
       when its domain names one (the zone most of its people keep).
    Otherwise, or when `stamp` is not in UTC, `stamp` itself."""
    if stamp.utcoffset() != _ZERO:
        return stamp
    dates = [o for o in others if isinstance(o, dt.date)]
    as_written = stamp.replace(tzinfo=None)
    for other in dates:
        if not isinstance(other, dt.datetime):
            continue
        offset = other.utcoffset()
        if offset is not None:
            if offset and other == stamp:
                return stamp.astimezone(other.tzinfo)
            continue
        shift = other - as_written
        if shift and WEST <= shift <= EAST and shift % OFFSET_STEP == _ZERO:
            return stamp.astimezone(dt.timezone(shift))
    reach = ((stamp + WEST).date(), (stamp + EAST).date())
    for other in dates:
        if not isinstance(other, dt.datetime) and other != stamp.date() and reach[0] <= other <= reach[1]:
            return other
    zone = country_zone(url) if stamp.time() != MIDNIGHT else None  # (midnight: a bare day stored)
    return stamp.astimezone(zone) if zone is not None else stamp


def country_zone(url: str | None) -> dt.tzinfo | None:
    """The time zone of the site's country (data/dates.toml, [country_zones]), if the system's
    zone database has it."""
    if not url or "//" not in url:
        return None
    tld = (urlsplit(url).hostname or "").rsplit(".", 1)[-1]
    name = _country_zones().get(tld)
    if name is None:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):  # (a system without the zone database)
        return None


@cache
def _country_zones() -> dict[str, str]:
    return dict(_load("dates.toml")["country_zones"])
