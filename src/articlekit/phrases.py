"""Boilerplate phrases (data/phrases.toml) matched against a block's text: the reason of the
first phrase a short block starts with (or holds, for the tables matched anywhere). Low in the
layers: the HTML front end and the metadata read it too."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from .vocab import PhraseRule, max_phrase_words, phrase_alternation, phrase_rules, phrase_tables, unspaced

_WORD = re.compile(r"\w+")

_STRIP = re.compile(r"^[\W_]+")


def phrase_reason(text: str, n_words: int, words: list[str] | None = None) -> str | None:
    """The reason of the first boilerplate phrase the block starts with, if it is short enough.

    `words`: the block's lower-cased words (`\\w+`), when the caller has them. Only the tables
    that can match are tried, each with only its phrases that start with the block's first word
    (see `_Index`): a few short alternatives instead of a thousand.
    """
    if n_words > max_phrase_words():
        return None
    if words is None:
        words = _WORD.findall(text.lower())
    if not words:  # (no word: nothing is left once the leading punctuation is stripped)
        return None
    rules = phrase_rules()
    lowered = _STRIP.sub("", text.lower())
    for i, pattern in _index().patterns(text, words):
        if n_words <= rules[i].max_words and pattern.match(lowered):
            return rules[i].reason
    return None


class _Index:
    """The phrase rules split by the word a block must hold for each phrase to match.

    A phrase matches at word boundaries, so each of its words is a whole word of the block.
    After leading punctuation is stripped, the block starts with its first word: a phrase
    matched at the start has that word as its own first word (one that starts with punctuation
    never matches). A phrase matched anywhere has its longest word somewhere in the block. The
    phrases with no word to look for (in a script written without spaces) are tried when one
    pattern of them all finds one in the block.
    """

    def __init__(self, rules: tuple[PhraseRule, ...], tables: dict[str, Any]) -> None:
        self.rules = rules
        self.by_first: dict[str, dict[int, list[str]]] = {}  # first word -> rule -> its phrases
        self.by_key: dict[str, set[int]] = {}  # a word of a phrase matched anywhere -> rules
        self.wordless_rules: dict[int, list[str]] = {}
        wordless: list[str] = []
        for i, rule in enumerate(rules):
            anywhere = bool(tables[rule.table].get("anywhere"))
            for phrase in (p.lower() for p in tables[rule.table]["phrases"]):
                found = _WORD.findall(phrase)
                if not found or unspaced(phrase[0]) or unspaced(phrase[-1]):
                    wordless.append(phrase)
                    self.wordless_rules.setdefault(i, []).append(phrase)
                elif anywhere:
                    self.by_key.setdefault(max(found, key=len), set()).add(i)
                elif _WORD.match(phrase):
                    self.by_first.setdefault(found[0], {}).setdefault(i, []).append(phrase)
        self.wordless = re.compile("|".join(map(re.escape, wordless)), re.I) if wordless else None
        self._compiled: dict[tuple[str, int], re.Pattern[str]] = {}

    def patterns(self, text: str, words: list[str]) -> list[tuple[int, re.Pattern[str]]]:
        """(rule index, pattern) of each rule that may match the block, in the rules' order."""
        found: dict[int, re.Pattern[str]] = {}
        if words[0][0] == "_":  # (stripping took the underscore off its first word: try all)
            return list(enumerate(rule.pattern for rule in self.rules))
        for i in self.by_first.get(words[0], {}):
            found[i] = self._pattern(words[0], i)
        for word in set(words).intersection(self.by_key):
            for i in self.by_key[word]:
                found[i] = self.rules[i].pattern
        if self.wordless is not None and self.wordless.search(text):
            for i in self.wordless_rules:  # (the whole table: its first words' part lacks these)
                found[i] = self.rules[i].pattern
        return sorted(found.items(), key=lambda item: item[0])

    def _pattern(self, first: str, i: int) -> re.Pattern[str]:
        """Rule i's phrases that start with the word `first`, compiled when first asked for."""
        if (pattern := self._compiled.get((first, i))) is None:
            pattern = re.compile(phrase_alternation(self.by_first[first][i]), re.S)
            self._compiled[(first, i)] = pattern
        return pattern


@cache
def _index() -> _Index:
    return _Index(phrase_rules(), phrase_tables())


def recommends(text: str) -> bool:
    """The block starts with the heading of a list of recommended stories (the phrases of
    `[recommended]` in data/phrases.toml)."""
    return _recommended_heading().match(_STRIP.sub("", text.lower())) is not None


@cache
def _recommended_heading() -> re.Pattern[str]:
    return next(rule.pattern for rule in phrase_rules() if rule.table == "recommended")
