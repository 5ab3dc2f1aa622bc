"""The first opinion: each block judged alone, as GOOD (prose), NEAR (uncertain), SHORT (too
short to judge alone) or BAD (with a reason): a boilerplate phrase, decoration, a row of share
buttons, a dateline, a caption, link density."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..blocks import Block
from ..dates import find_date
from ..phrases import phrase_reason
from ..vocab import share_networks, stopwords, unspaced
from .common import BAD, GOOD, NEAR, PROSE_CHARS, SENTENCE, SHORT, SHORT_CHARS, WORD

SAMPLE_CHARS = 1500  # longer blocks are judged on their first this many characters
DENSE_SCRIPT_SHORT = 20  # the same thresholds for scripts without spaces (CJK)
DENSE_SCRIPT_PROSE = 50
DENSE_WORD_CHARS = 2  # characters a word of such a script has, on average
SCRIPT_PROBE = 20  # the first characters that tell a block in such a script
MAX_LINK_DENSITY = 0.5
FOREIGN_SENTENCES = 2  # sentence ends that make a stop-word-free block prose in another language
FOREIGN_LETTERS = 0.9  # ... whose words are (nearly all) letters only
DATELINE_CHARS = 80
CREDIT_WORDS = 60  # a block up to this long that ends with a photo credit is a caption
SHARE_NAMES = 0.6  # a block whose words are mostly network names is a row of share buttons
SHARE_ROW_WORDS = 40
_DIGIT = re.compile(r"\d")
# Numbers, month names and clock words: what is left of a dateline without them is its label.
_DATE_BITS = re.compile(
    r"\d+|\b(?:[a-z]{3,9}\.?)(?=\s+\d)|\b(?:am|pm|a\.m|p\.m|et|gmt|utc|est|edt|pst|pdt|cet|cest|hkt|ist)\b", re.I
)
_DENSE_PUNCT = re.compile(r"[，。、！？；：]|[.,!?]\s")
# A picture's credit closing its caption: "(Adel Hana/AP)", "(AP Photo/Evan Vucci)", "(Robert
# F. Bukaty / AP)": capitalised names on both sides of a slash, in the parentheses that end a
# short block. (Matched on those parentheses alone: no backtracking over the block.)
_CREDIT = re.compile(r"[A-Z\u00c0-\u024f][^()/]{0,40}/\s?[A-Z\u00c0-\u024f][^()/]{0,40}")


def stopword_signal(blocks: Sequence[Block]) -> tuple[bool, dict[int, tuple[list[str], int]]]:
    """Whether the page's language is one our stop-word lists know (else judge prose by shape),
    and the `split_words` of the first SAMPLE_CHARS of each block it read, by index (a few thousand
    words' worth: the first opinion reuses them)."""
    words: list[str] = []
    split: dict[int, tuple[list[str], int]] = {}
    for i, b in enumerate(blocks):  # a sample of the longer blocks is enough to tell
        if len(b.text) > 80:
            split[i] = split_words(b.text[:SAMPLE_CHARS])
            words += split[i][0]
            if len(words) > 3000:
                break
    return len(words) > 30 and _stop_ratio(words) > 0.08, split


def first_opinion(block: Block, use_stops: bool, split: tuple[list[str], int]) -> str:
    """GOOD, NEAR, SHORT or BAD (with a reason) for the block alone; `split` is `split_words` of
    its first SAMPLE_CHARS."""
    text = block.text
    size = len(text)
    # A long block is judged on its beginning: ratios come from there, its word count is scaled.
    sample = text[:SAMPLE_CHARS]
    words, word_chars = split
    n_words = len(words) * size // len(sample) if sample else 0
    if word_chars < len(sample) / 4:  # rules, ornaments, lone punctuation
        block.reason = "decoration"
        return BAD
    # (In scripts without spaces a "word" is a clause: count their words by characters.)
    phrase_words = n_words
    if n_words * 12 < size and any(map(unspaced, sample[:SCRIPT_PROBE])):
        phrase_words = max(n_words, size // DENSE_WORD_CHARS)
    if reason := phrase_reason(text, phrase_words, words if size <= SAMPLE_CHARS else None):
        block.reason = reason
        return BAD
    if 3 <= n_words <= SHARE_ROW_WORDS and _share_at_least(words, share_networks(), SHARE_NAMES):
        block.reason = "share"
        return BAD
    if n_words <= CREDIT_WORDS and text.endswith(")") and _ends_with_credit(text):
        block.reason = "caption"
        return BAD
    if size <= DATELINE_CHARS and _is_dateline(text):
        block.reason = "dateline"
        return BAD
    kind = block.kind
    if kind in ("button", "caption"):
        block.reason = kind
        return BAD
    link_density = block.link_density
    if link_density > MAX_LINK_DENSITY and kind != "quote":  # embedded posts are link-heavy
        block.reason = "link-dense"
        return BAD
    dense = n_words * 12 < size  # few spaces: Chinese, Japanese, Thai...
    short, prose = (DENSE_SCRIPT_SHORT, DENSE_SCRIPT_PROSE) if dense else (SHORT_CHARS, PROSE_CHARS)
    if size < short:
        return SHORT
    if size < prose or link_density >= 0.25:
        return NEAR
    if dense:  # no spaces to count words by: prose has the script's sentence punctuation
        prose_like = bool(_DENSE_PUNCT.search(text))
    elif use_stops:
        prose_like = _share_at_least(words, stopwords(), 0.15) or _foreign_prose(words, text)
    else:
        prose_like = bool(SENTENCE.search(text))
    return GOOD if prose_like else NEAR


def _ends_with_credit(text: str) -> bool:
    """The block's closing parentheses hold a photo credit (see _CREDIT)."""
    opened = text.rfind("(")
    return opened >= 0 and _CREDIT.fullmatch(text, opened + 1, len(text) - 1) is not None


def _foreign_prose(words: list[str], text: str) -> bool:
    """Sentences in a language our stop-word lists do not know (isiZulu on a page whose menus
    are English): not one listed stop word, yet several sentences."""
    if any(map(stopwords().__contains__, words)) or sum(map(str.isalpha, words)) < FOREIGN_LETTERS * len(words):
        return False  # (words of letters: not a list of codes, numbers or symbols)
    return len(SENTENCE.findall(text)) >= FOREIGN_SENTENCES


# ASCII bytes -> the same byte lower-cased when it is a word character (\w), else a space.
_ASCII_WORDS = bytes(
    ord(chr(c).lower()) if c < 128 and (chr(c).isalnum() or c == ord("_")) else 32 for c in range(256)
)


def split_words(text: str) -> tuple[list[str], int]:
    """The lower-cased words (\\w+) of a text, and their characters. ASCII text, most of it,
    takes a byte-table translation and a split: five times faster than the regex, same words."""
    if text.isascii():
        spaced = text.encode("ascii").translate(_ASCII_WORDS).decode("ascii")
        return spaced.split(), len(spaced) - spaced.count(" ")
    words = WORD.findall(text.lower())
    return words, sum(map(len, words))


def _share_at_least(words: list[str], vocabulary: frozenset[str], share: float) -> bool:
    """Whether at least `share` of the (non-empty) words are in the vocabulary, i.e.
    `sum(w in vocabulary for w in words) / len(words) >= share`; the first half of the
    words mostly decides it alone."""
    n, half = len(words), len(words) // 2
    head = sum(map(vocabulary.__contains__, words[:half]))
    if head / n >= share:
        return True
    if (head + n - half) / n < share:  # even if every later word were in it
        return False
    return (head + sum(map(vocabulary.__contains__, words[half:]))) / n >= share


def _is_dateline(text: str) -> bool:
    """A short line that is mostly a date and a time ("Nov. 19, 2019 8:03 am ET")."""
    if not _DIGIT.search(text):
        return False
    found = find_date(text)
    if found is None:
        return False
    rest = _DATE_BITS.sub(" ", text)
    return len(WORD.findall(rest)) <= 3


def _stop_ratio(words: list[str]) -> float:
    if not words:
        return 0.0
    return sum(map(stopwords().__contains__, words)) / len(words)
