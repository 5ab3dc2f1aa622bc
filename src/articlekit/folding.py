"""Texts folded for comparison: two renderings of the same line (markup, case, punctuation,
a site suffix aside) compare equal. Low layer: the front ends, metadata and the pipeline use it."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[\W_]+")
SOFT_HYPHEN = "\u00ad"  # an invisible break hint hyphenation plugins put inside words
AGREE_MIN_CHARS = 15  # a shorter folded text is not taken as contained in another (one word would)


def unhyphenated(text: str) -> str:
    """The text without soft hyphens ('Ver\u00adan\u00adstal\u00adtung' -> 'Veranstaltung'): left in,
    they would break every search for the words they sit in."""
    return text.replace(SOFT_HYPHEN, "") if SOFT_HYPHEN in text else text


def loose(text: str) -> str:
    """Case-folded words separated by single spaces: 'Jane  Doe — News' -> 'jane doe news'.
    How two renderings of the same line are compared."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NON_WORD.sub(" ", text).split())


def squash(text: str) -> str:
    """Letters and digits only, case-folded: 'Die Presse' and 'diepresse.com' -> comparable."""
    return _NON_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())  # (\w is isalnum() or "_")


def agree(a: str, b: str) -> bool:
    """Two renderings of the same headline (punctuation, case and a site suffix aside)."""
    return agree_loose(loose(a), loose(b))


def agree_loose(na: str, nb: str) -> bool:
    """`agree` on texts already in `loose` form (a caller comparing many pairs folds each once)."""
    return bool(na) and bool(nb) and (na == nb or (len(na) >= AGREE_MIN_CHARS and na in nb))
