"""Bylines: "By Jane Doe and John Roe / July 29, 2009" -> names (and the date, if any)."""

from __future__ import annotations

import re
from functools import cache

from ..vocab import _load

_SPLIT_DATE = re.compile(r"\s+[|/–—·•]\s+|\s+-\s+|,\s+(?=(?:updated|published|posted)\b)", re.I)
_MAX_NAME_WORDS = 5


@cache
def _vocab() -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...], tuple[str, ...]]:
    data = _load("bylines.toml")
    prefixes = "|".join(sorted((re.escape(p) for p in data["prefixes"]), key=len, reverse=True))
    prefix = re.compile(rf"^\s*(?:{prefixes})(?:\s+|(?<=:))", re.I)
    joiners = "|".join(re.escape(j) for j in data["joiners"])
    joiner = re.compile(rf"\s*(?:,|;|\s(?:{joiners})\s)\s*", re.I)
    return prefix, joiner, tuple(data["roles"]), tuple(data["not_names"])


def starts_like_byline(line: str) -> bool:
    """'By …', 'Von …', 'Par …': a line that introduces its author."""
    return bool(_vocab()[0].match(line))


def parse_byline(line: str) -> list[str]:
    """The people a byline names; a lone role ("Staff writer") when it names nobody."""
    prefix, joiner, roles, not_names = _vocab()
    head = _SPLIT_DATE.split(line, maxsplit=1)[0]
    head = prefix.sub("", head, count=1).strip()
    names: list[str] = []
    role_only: list[str] = []
    for part in joiner.split(head):
        part = part.strip(" .,:;|-–—\u00a0")
        if not part:
            continue
        low = part.lower()
        if any(bad in low for bad in not_names):
            continue
        if low in roles:
            role_only.append(part)
            continue
        part = _strip_role(part, roles)
        if is_name(part):
            names.append(part)
    return names or role_only[:1]


def _strip_role(part: str, roles: tuple[str, ...]) -> str:
    low = part.lower()
    for role in roles:
        if low.endswith(" " + role):
            return part[: -len(role) - 1].strip(" ,")
    return part


def is_name(text: str) -> bool:
    """Looks like a person's name: a few words, no digits, most of them capitalised."""
    words = text.split()
    if not 1 <= len(words) <= _MAX_NAME_WORDS or any(ch.isdigit() for ch in text):
        return False
    if len(text) > 60 or (text.endswith((".", "!", "?")) and len(words) > 3):
        return False
    caps = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return caps >= max(1, len(words) - 1)


def clean_names(raw: list[str]) -> list[str]:
    """Names from structured sources: strip prefixes and roles, drop prompts and duplicates."""
    out: list[str] = []
    seen: set[str] = set()
    for value in raw:
        for name in parse_byline(value) if len(value) < 200 else []:
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                out.append(name)
    return out
