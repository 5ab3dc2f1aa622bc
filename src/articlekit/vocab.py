"""Rules that are data: loaded once from `data/*.toml` and compiled into regexes."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@cache  # (each data file is read once per process, however many rules it feeds; callers only read)
def _load(name: str) -> dict[str, Any]:
    with resources.files("articlekit.data").joinpath(name).open("rb") as fh:
        return tomllib.load(fh)


def alternation(words: Iterable[str]) -> str:
    """The words as regex alternatives, escaped, the longest first (so a word never loses to a
    shorter one it starts with: "mis à jour" before "mis")."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class PhraseRule:
    table: str  # its table in phrases.toml
    reason: str
    max_words: int
    pattern: re.Pattern[str]


@cache
def phrase_tables() -> dict[str, Any]:
    """`data/phrases.toml` as loaded."""
    return _load("phrases.toml")


@cache
def phrase_rules() -> tuple[PhraseRule, ...]:
    """One compiled alternation per table, matched at the start of the normalised block, or
    anywhere in it for the tables marked `anywhere`. The first table that matches wins."""
    rules = []
    for name, table in phrase_tables().items():
        if "phrases" not in table:
            continue
        anywhere = bool(table.get("anywhere"))
        lead = r".*?" if anywhere else ""  # (the boundary is in the alternation)
        pattern = re.compile(rf"{lead}{phrase_alternation(table['phrases'], anywhere=anywhere)}", re.S)
        rules.append(PhraseRule(name, table.get("reason", name), int(table["max_words"]), pattern))
    return tuple(rules)


def phrase_alternation(phrases: list[str], *, anywhere: bool = False) -> str:
    """The phrases as one regex group, longest first; each ends at a word boundary unless it
    ends in punctuation ("tags:", "comments ("), and, matched anywhere, starts at one. Scripts
    written without spaces (Chinese, Japanese) have no word boundaries inside a sentence: a
    phrase in them is matched as it stands. (The boundaries sit outside the groups: a `\b` in
    each of hundreds of alternatives made every block's scan several times slower.)"""
    bare = [p.lower() for p in phrases if unspaced(p[0]) or unspaced(p[-1])]
    spaced = [p.lower() for p in phrases if not (unspaced(p[0]) or unspaced(p[-1]))]
    groups = []
    if spaced:
        groups.append((r"\b" if anywhere else "") + f"(?:{alternation(spaced)})" + r"(?:(?<=\W)|\b)")
    if bare:
        groups.append(f"(?:{alternation(bare)})")
    return "(?:" + "|".join(groups) + ")"


_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")  # kana and Han


def unspaced(char: str) -> bool:
    """A character of a script written without spaces between words."""
    return _UNSPACED.match(char) is not None


@cache
def boilerplate_attr_words() -> tuple[frozenset[str], frozenset[str], tuple[tuple[str, frozenset[str]], ...]]:
    """(content words, embed words, ((reason, boilerplate words), ...)) from `html_patterns.toml`."""
    data = _load("html_patterns.toml")
    content = frozenset(data["content"]["words"])
    embed = frozenset(data["embed"]["words"])
    reasons = tuple((reason, frozenset(t["words"])) for reason, t in data["boilerplate"].items())
    return content, embed, reasons


@cache
def boilerplate_attr_parts() -> dict[str, str]:
    """{part: reason} for the parts that name boilerplate wherever they stand in a class name
    (the `anywhere` lists of `html_patterns.toml`)."""
    data = _load("html_patterns.toml")["boilerplate"]
    return {part: reason for reason, t in data.items() for part in t.get("anywhere", ())}


@cache
def stopwords() -> frozenset[str]:
    """The union of every language's stop words: a language-blind measure of prose."""
    return frozenset(w for ws in _load("stopwords.toml").values() for w in ws)


@cache
def comment_header() -> re.Pattern[str]:
    """A comment's header line: "jane says:", "Bob on May 2 at 4 pm said:", "34 responses to …"."""
    table = phrase_tables()["comments"]
    suffixes = "|".join(sorted((re.escape(x) for x in table["suffixes"]), key=len, reverse=True))
    counted = "|".join(sorted((re.escape(x) for x in table["counted"]), key=len, reverse=True))
    return re.compile(rf"^(?:.{{1,60}}\s(?:{suffixes})$|\d+\s+(?:{counted})\b.{{0,120}}$)", re.I)


@cache
def about_heading() -> re.Pattern[str]:
    """The heading of a profile box ("About Jane Doe", "Sobre Carlos Nadalim"), the name captured."""
    about = phrase_alternation(phrase_tables()["author-bio"]["about"])
    return re.compile(rf"^{about}\s+(\w.{{0,60}})$", re.I)


@cache
def share_networks() -> frozenset[str]:
    """Names that make up a row of share buttons ("facebook twitter whatsapp email")."""
    return frozenset(phrase_tables()["share"]["networks"])


@cache
def max_phrase_words() -> int:
    return max(rule.max_words for rule in phrase_rules())
