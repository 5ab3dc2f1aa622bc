"""The page's language from the stop words of its body, when the markup declares none."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from ..blocks import Block
from ..vocab import _load
from .slug import WORD

_PROFILE_CHARS = 1500  # enough body text for a stop-word profile


def stopword_language(blocks: Sequence[Block], first: int) -> str | None:
    """The language whose stop words are most frequent in the body's first paragraphs."""
    texts, size = [], 0
    for b in blocks[first:]:  # (the body's first paragraphs: joining a long page whole is slow)
        if b.reason is None:
            texts.append(b.text)
            size += len(b.text) + 1  # (its separator counted: the join is longer than the sample)
            if size > _PROFILE_CHARS:
                break
    sample = " ".join(texts)[:_PROFILE_CHARS]
    words = WORD.findall(sample.casefold())
    if len(words) < 20:
        return None
    languages = _languages_of()
    counts: dict[str, int] = {}
    for w in words:
        for lang in languages.get(w, ()):
            counts[lang] = counts.get(lang, 0) + 1
    if not counts:
        return None
    lang, hits = max(counts.items(), key=lambda kv: kv[1])
    return lang if hits >= max(5, len(words) // 12) else None


@cache
def _languages_of() -> dict[str, tuple[str, ...]]:
    """Stop word -> the languages it belongs to (data/stopwords.toml)."""
    out: dict[str, list[str]] = {}
    for lang, words in _load("stopwords.toml").items():
        if isinstance(words, list) and len(lang) in (2, 3):
            for w in dict.fromkeys(w.casefold() for w in words):
                out.setdefault(w, []).append(lang)
    return {w: tuple(langs) for w, langs in out.items()}
