"""A metadata candidate: one value for one field, and the source it came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Candidate:
    field: str  # "title", "authors", "date", "modified", "description", "site_name", ...
    value: Any  # str, tuple[str, ...] for authors/tags, date/datetime for dates
    source: str  # "json-ld", "og", "meta", "microdata", "time", "h1", "title", "byline", "url", ...
    # a date whose day and month read either way ('06/01/2026'): the reading not taken, which
    # resolve takes instead when only it is plausible or only it agrees with another source
    alt: Any = None
