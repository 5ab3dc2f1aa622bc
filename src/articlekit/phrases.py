"""Boilerplate phrases (data/phrases.toml) matched against a block's text: the reason of the
first phrase a short block starts with (or holds, for the tables matched anywhere). Low in the
layers: the HTML front end and the metadata read it too."""

from __future__ import annotations

import re
from functools import cache

from .vocab import any_phrase, max_phrase_words, phrase_rules, phrase_tables, unspaced

_WORD = re.compile(r"\w+")

_STRIP = re.compile(r"^[\W_]+")


def phrase_reason(text: str, n_words: int, words: list[str] | None = None) -> str | None:
    """The reason of the first boilerplate phrase the block starts with, if it is short enough.

    `words`: the block's lower-cased words (`\\w+`), when the caller has them; they rule most
    blocks out without a regex (see `_may_hold_phrase`).
    """
    rules = phrase_rules()
    if n_words > max_phrase_words():
        return None
    if words is None:
        words = _WORD.findall(text.lower())
    if words and words[0][0] != "_" and not _may_hold_phrase(text, words):
        return None
    lowered = _STRIP.sub("", text.lower())
    if not any_phrase().match(lowered):  # one regex rules most blocks out
        return None
    for rule in rules:
        if n_words <= rule.max_words and rule.pattern.match(lowered):
            return rule.reason
    return None


def _may_hold_phrase(text: str, words: list[str]) -> bool:
    """False when no phrase rule can match the block, judged on its words alone.

    A phrase matches at word boundaries, so each of its words is a whole word of the block.
    After leading punctuation is stripped, the block starts with its first word (unless that
    starts with "_", which the caller rules out): a phrase that matches at the start has that
    word as its own first word. A phrase that may match anywhere has its key word somewhere.
    """
    firsts, keys, wordless = _phrase_words()
    if words[0] in firsts or not keys.isdisjoint(words):
        return True
    return wordless is not None and wordless.search(text) is not None


@cache
def _phrase_words() -> tuple[frozenset[str], frozenset[str], re.Pattern[str] | None]:
    """(the first word of each phrase matched at a block's start, one word of each phrase
    matched anywhere, one pattern of the phrases of either kind that have no word to look for:
    none, or in a script written without spaces)."""
    firsts, keys, wordless = set(), set(), []
    for table in phrase_tables().values():
        for phrase in table.get("phrases", ()):
            found = _WORD.findall(phrase.lower())
            if not found or unspaced(phrase[0]) or unspaced(phrase[-1]):  # (no word to look for)
                wordless.append(phrase.lower())
            elif table.get("anywhere"):
                keys.add(max(found, key=len))
            elif _WORD.match(phrase.lower()):
                firsts.add(found[0])
            # (a phrase that starts with punctuation cannot match a block that starts with a word)
    # (one pattern for them all: each test on its own lower-cased the block again)
    pattern = re.compile("|".join(map(re.escape, wordless)), re.IGNORECASE) if wordless else None
    return frozenset(firsts), frozenset(keys), pattern


def recommends(text: str) -> bool:
    """The block starts with the heading of a list of recommended stories (the phrases of
    `[recommended]` in data/phrases.toml)."""
    return _recommended_heading().match(_STRIP.sub("", text.lower())) is not None


@cache
def _recommended_heading() -> re.Pattern[str]:
    return next(rule.pattern for rule in phrase_rules() if rule.table == "recommended")
