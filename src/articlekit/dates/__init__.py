"""Dates: a low layer (it imports only `vocab`), read by the front ends, classify and metadata.

- `parse`: a date written out (`parse_date` for a value that is a date, `find_date` in prose);
- `relative`: a date written relative to when the page was shown ('vor 3 Stunden');
- `order`: whether the page writes `06/01/2026` day first, decided from the page itself;
- `zones`: the publisher's day of a UTC timestamp, from the page's other dates.
"""

from .parse import (
    EARLIEST_YEAR,
    date_span,
    date_start,
    day_of,
    find_date,
    mentions_date,
    month_names,
    parse_date,
    slug_date,
    unglued,
    url_date,
)
from .relative import Relative, after_published_labels, find_relative, is_update_line
from .zones import in_local_time

__all__ = [
    "EARLIEST_YEAR", "Relative", "after_published_labels", "date_span", "date_start", "day_of", "find_date",
    "find_relative", "in_local_time", "is_update_line", "mentions_date", "month_names", "parse_date", "slug_date",
    "unglued", "url_date",
]
