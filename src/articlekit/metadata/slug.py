"""The URL's slug: its words folded to ASCII, and the share of them a line holds (evidence
that the line is the page's headline)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote, urlsplit

WORD = re.compile(r"[^\W_]+")
_URL_WORDS = frozenset({"html", "htm", "shtml", "php", "aspx", "asp", "jsp", "amp", "index"})
_UMLAUT = re.compile("[äöüÄÖÜ]")
_NOT_ASCII_LETTER = re.compile(r"[^\W\d_a-z]")  # (on case-folded text)
_SLUG_SEPARATORS = re.compile(r"[-_.+]")


@lru_cache(maxsize=256)
def slug_words(url: str | None) -> frozenset[str]:
    """The words of the URL's slug ('.../sweden-tells-5-000-000-households-how-survive/') folded
    to ASCII; empty when the URL has no wordy slug (numeric ids, CJK sites)."""
    if not url or "//" not in url:
        return frozenset()
    path = unquote(urlsplit(url).path)
    best: list[str] = []
    for segment in path.split("/"):
        words = [w for w in _SLUG_SEPARATORS.split(_fold(segment))
                 if len(w) >= 3 and w.isalpha() and w not in _URL_WORDS]
        if len(words) > len(best):
            best = words
    return frozenset(best) if len(best) >= 2 else frozenset()


def slug_overlap(text: str, slug: frozenset[str]) -> float:
    """Share of the slug's words the text contains (umlauts also as 'ae', 'oe', 'ue')."""
    return len(slug & folded_words(text)) / len(slug) if slug else 0.0


@lru_cache(maxsize=4096)
def folded_words(text: str) -> frozenset[str]:
    words = frozenset(WORD.findall(_fold(text)))
    if text.isascii():  # most lines: the other spellings would be the same
        return words
    # slugifiers that drop letters that are not ASCII cut a word there ('veículos' -> 've-culos');
    # other characters go as in _fold ('Sinwar’s' -> 'sinwars')
    cut = _NOT_ASCII_LETTER.sub(" ", text.casefold()).encode("ascii", "ignore").decode("ascii")
    words |= frozenset(WORD.findall(cut))
    if _UMLAUT.search(text) is None:
        return words
    return words | frozenset(WORD.findall(_fold(_umlauts(text))))


def _fold(text: str) -> str:
    """ASCII letters and digits, as slugs are written: 'Höcke' -> 'hocke' (and 'hoecke' via _umlauts)."""
    if text.isascii():  # (most texts: nothing to fold but the case)
        return text.lower()
    text = unicodedata.normalize("NFKD", text.casefold().replace("ß", "ss"))
    return text.encode("ascii", "ignore").decode("ascii")


def _umlauts(text: str) -> str:
    return text.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
