"""Classify: decide for every block whether it is body text, and if not, why.

Three passes, in the spirit of jusText:
1. `_first_opinion`: each block alone: boilerplate phrase, button, link-dense, short, prose.
2. `_use_context`: short and uncertain blocks take the side of their neighbours, so a prompt
   between two story paragraphs goes while a short story paragraph stays.
3. `_main_run`: the article is the run of blocks with the most prose and the least boilerplate
   (a maximum-sum segment); prose far outside it (teasers, comments, footers) goes.
Every block that is not content ends with a `reason`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from operator import attrgetter

from .blocks import Block
from .dates import find_date
from .vocab import (
    about_heading,
    any_phrase,
    comment_header,
    max_phrase_words,
    phrase_rules,
    phrase_tables,
    share_networks,
    stopwords,
    unspaced,
)

GOOD, NEAR, SHORT, BAD = "good", "near", "short", "bad"

SAMPLE_CHARS = 1500  # longer blocks are judged on their first this many characters
SHORT_CHARS = 50  # below this a block is too short to judge alone
PROSE_CHARS = 120  # above this, with stop words and few links, a block is prose
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
RESCUE_LINKS = 0.5  # inside the article, an uncertain paragraph with fewer links than this is kept
RESCUE_LONG_LINKS = 0.75  # ... and a long sentence-ending one with fewer than this
LIST_MAX_LINKS = 0.3  # a list whose text is more than this share links is a link list
LINK_LIST_MIN = 3  # list items in a row that may form a link list (text dumps)
LINK_LIST_CHARS = 80  # ... when they are this short on average and mostly not sentences
ITEM_LIST_CHARS = 50  # ... unless shorter than this on average and mostly lower-case:
ITEM_LIST_CAPITALS = 0.3  # fewer than this share of their (cased, 4+ letter) words capitalised,
ITEM_LIST_WORDS = 3  # of at least this many such words
STORY_ENDERS = frozenset({"comments", "author-bio", "sources"})  # reasons of blocks after which nothing is story
COMMENTS_AFTER = 300  # characters of story that must precede a comment thread's opening
ANCESTOR_LEVELS = 5  # how far up a paragraph's score reaches
SIBLING_SHARE = 0.2  # a sibling of the article's container with this share of its score joins it
GROW_PROSE = 0.5  # the container grows to its parent when this share of what that adds is prose
GROW_LINKS = 0.25  # ... and no more than this share is link text
# In the main-run search (text dumps), a boilerplate block costs a fixed amount plus its length:
# a menu of thirty short lines must weigh more than one long paragraph. Structure that is not
# story (teaser headlines, link lists, repeated labels) costs more than the prompts, credits and
# placeholders that interrupt a story.
INTERRUPTION_COST = 30.0
BAD_BLOCK_COST = {"not-prose": 150.0, "link-list": 150.0, "repeated": 150.0, "dateline": 150.0}
BAD_WEIGHT = 0.6
TAIL_SHARE = 0.1  # the last tenth of a text dump's blocks ...
TAIL_WEIGHT = 0.3  # ... weighs this much
GAP_COST = 600.0  # the most one uninterrupted stretch of boilerplate costs the story's run
PROMOTED_WEIGHT = 0.3  # a block that is content thanks to its neighbours weighs this much
LONE_CHARS = 250  # prose shorter than this with no prose on either side (a teaser's summary) ...
LONE_WEIGHT = 0.5  # ... weighs this much
MAX_TRAILING_LABELS = 5  # up to this many labels that end the run only thanks to their neighbours go

_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
# Numbers, month names and clock words: what is left of a dateline without them is its label.
_DATE_BITS = re.compile(
    r"\d+|\b(?:[a-z]{3,9}\.?)(?=\s+\d)|\b(?:am|pm|a\.m|p\.m|et|gmt|utc|est|edt|pst|pdt|cet|cest|hkt|ist)\b", re.I
)
# Only running prose votes for the article's container (as in Readability): lists, tables and
# captions are kept when they sit inside it, but teaser lists and tickers must not choose it.
_VOTERS = frozenset({"paragraph", "quote", "preformatted"})
_STRIP = re.compile(r"^[\W_]+")
_SENTENCE_END = re.compile(r"[.!?。！？…:;\"”»)]\s*$")
_DENSE_PUNCT = re.compile(r"[，。、！？；：]|[.,!?]\s")
_SENTENCE = re.compile(r"\w[.!?。！？](?:\s|$)")
_IDENTIFIER = re.compile(r"^\w+(?:[-_]\w+)+$")  # "medium-wide-browser": a class name, not words
_COUNT = re.compile(r"\s*\(\d[\d.,]*\)$")  # "March (119)": an archive's or a category's count of posts
# A picture's credit closing its caption: "(Adel Hana/AP)", "(AP Photo/Evan Vucci)", "(Robert
# F. Bukaty / AP)": capitalised names on both sides of a slash, in the parentheses that end a
# short block. (Matched on those parentheses alone: no backtracking over the block.)
_CREDIT = re.compile(r"[A-Z\u00c0-\u024f][^()/]{0,40}/\s?[A-Z\u00c0-\u024f][^()/]{0,40}")
_PLACEHOLDER = re.compile(r"^\[INS:\s*:INS\]$")  # an ad slot's placeholder in a lynx dump


def label(blocks: Sequence[Block]) -> None:
    """Set `reason` on each block that is not body text (None = keep)."""
    if not blocks:
        return
    use_stops, split = _stopword_signal(blocks)  # (the blocks it split are not split again)
    classes = [
        _first_opinion(b, use_stops, split[i] if i in split else _words(b.text[:SAMPLE_CHARS]))
        for i, b in enumerate(blocks)
    ]
    is_html = any(b.path for b in blocks)
    if not is_html:  # HTML has no renderer doubling alt texts
        _mark_doubled(blocks, classes)  # (first: an image's label printed under each photo is a caption)
    _mark_repeated(blocks, classes)
    _mark_profiles(blocks, classes)
    if not is_html:  # HTML has link density for this
        _mark_link_lists(blocks, classes)
    first = list(classes)
    _use_context(blocks, classes)
    _cut_comments(blocks, classes)
    if is_html:
        _main_container(blocks, first)
    else:
        _main_run(blocks, classes, first)


def _stopword_signal(blocks: Sequence[Block]) -> tuple[bool, dict[int, tuple[list[str], int]]]:
    """Whether the page's language is one our stop-word lists know (else judge prose by shape),
    and the `_words` of the first SAMPLE_CHARS of each block it read, by index (a few thousand
    words' worth: the first opinion reuses them)."""
    words: list[str] = []
    split: dict[int, tuple[list[str], int]] = {}
    for i, b in enumerate(blocks):  # a sample of the longer blocks is enough to tell
        if len(b.text) > 80:
            split[i] = _words(b.text[:SAMPLE_CHARS])
            words += split[i][0]
            if len(words) > 3000:
                break
    return len(words) > 30 and _stop_ratio(words) > 0.08, split


def _first_opinion(block: Block, use_stops: bool, split: tuple[list[str], int]) -> str:
    """GOOD, NEAR, SHORT or BAD (with a reason) for the block alone; `split` is `_words` of
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
        prose_like = bool(_SENTENCE.search(text))
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
    return len(_SENTENCE.findall(text)) >= FOREIGN_SENTENCES


# ASCII bytes -> the same byte lower-cased when it is a word character (\w), else a space.
_ASCII_WORDS = bytes(
    ord(chr(c).lower()) if c < 128 and (chr(c).isalnum() or c == ord("_")) else 32 for c in range(256)
)


def _words(text: str) -> tuple[list[str], int]:
    """The lower-cased words (\\w+) of a text, and their characters. ASCII text, most of it,
    takes a byte-table translation and a split: five times faster than the regex, same words."""
    if text.isascii():
        spaced = text.encode("ascii").translate(_ASCII_WORDS).decode("ascii")
        return spaced.split(), len(spaced) - spaced.count(" ")
    words = _WORD.findall(text.lower())
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
    return len(_WORD.findall(rest)) <= 3


def phrase_reason(text: str, n_words: int, words: list[str] | None = None) -> str | None:
    """The reason of the first boilerplate phrase the block starts with, if it is short enough.

    `words`, when given, are the block's lower-cased words (`_words(text)`): they rule most
    blocks out without a regex (see `_may_hold_phrase`).
    """
    rules = phrase_rules()
    if n_words > max_phrase_words():
        return None
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
    return bool(wordless) and any(p in text.lower() for p in wordless)


@cache
def _phrase_words() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """(the first word of each phrase matched at a block's start, one word of each phrase
    matched anywhere, the phrases of either kind that have no word)."""
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
    return frozenset(firsts), frozenset(keys), tuple(wordless)


def _stop_ratio(words: list[str]) -> float:
    if not words:
        return 0.0
    return sum(map(stopwords().__contains__, words)) / len(words)


def _mark_repeated(blocks: Sequence[Block], classes: list[str]) -> None:
    """A line that occurs several times on a page is a label, a menu entry or a caption."""
    counts = Counter(map(attrgetter("text"), blocks))
    if len(counts) == len(blocks):
        return  # no text occurs twice (a long story: the common case worth skipping the loop)
    for i, b in enumerate(blocks):
        if b.path and (b.link_chars == 0 or len(b.text) >= 100):
            continue  # HTML: repeated menus are links; repeated plain lines are content (recipes, tables)
        # Text dumps: a block printed twice, whatever its length, is an image's alt text and
        # caption, a share widget's copy of the headline, or a menu printed at top and bottom.
        if classes[i] != BAD and counts.get(b.text, 0) > 1 and b.kind != "heading":
            classes[i] = BAD
            b.reason = "repeated"


PROFILE_NAME_WORDS = 4  # the longest name an "About <Name>" heading may hold
PROFILE_LOOKAHEAD = 3  # blocks after it where the profile's paragraph that names it again may sit


def _mark_profiles(blocks: Sequence[Block], classes: list[str]) -> None:
    """A heading "About Jane Doe" over a paragraph that names Jane Doe again opens a profile box
    (the author's biography, or a press release's "About Acme"): like a biography, it ends the story."""
    for i, b in enumerate(blocks):
        if len(b.text) > 70 or not (m := about_heading().match(b.text)):
            continue
        name = m.group(1).rstrip(" :")
        words = name.split()
        if len(words) > PROFILE_NAME_WORDS or not all(w[0].isupper() for w in words):
            continue
        if any(len(x.text) >= PROSE_CHARS and name in x.text for x in blocks[i + 1:i + 1 + PROFILE_LOOKAHEAD]):
            classes[i], b.reason = BAD, "author-bio"


DOUBLED_MIN = 8  # the shortest phrase whose doubling is taken for an image's labels
DOUBLED_MAX = 200  # ... and the longest


def _mark_doubled(blocks: Sequence[Block], classes: list[str]) -> None:
    """Text dumps: a block that starts with one phrase printed twice ("Jane Doe Jane Doe If we
    haven't met", "Neil Gaiman in 2002 Neil Gaiman in 2002") is an image's alternative text and
    title, or a teaser under them, which a renderer printed on one line."""
    for i, b in enumerate(blocks):
        if classes[i] != BAD and _starts_doubled(b.text):
            classes[i] = BAD
            b.reason = "caption"  # interrupts a story no more than an image does


def _starts_doubled(text: str) -> bool:
    """Whether the text starts with a phrase (DOUBLED_MIN to DOUBLED_MAX characters, whole
    words) followed by the same phrase again: after a space (lynx), or glued to it (w3m:
    "Shy owlShy owl", "Pamela WilsonPamela WilsonIf we haven't met")."""
    end = text.find(" ")
    if end < 0:
        return False
    word = text[:end]
    at = text.find(word, max(end, DOUBLED_MIN), DOUBLED_MAX + len(word))
    while at >= 0:
        spaced = text[at - 1] == " "
        unit = text[:at - 1] if spaced else text[:at]
        after = at + len(unit)
        if (
            len(unit) >= DOUBLED_MIN and text.startswith(unit, at)
            and (not spaced or after == len(text) or not text[after].isalnum())  # (glued: so is what follows)
        ):
            return True
        at = text.find(word, at + 1, DOUBLED_MAX + len(word))
    return False


def _mark_link_lists(blocks: Sequence[Block], classes: list[str]) -> None:
    """Text dumps: a run of short list items that are not sentences is a menu or a link list."""
    for i, j in _runs(blocks, ("list-item",)):
        run = blocks[i:j]
        if len(run) >= LINK_LIST_MIN:
            mean = sum(len(b.text) for b in run) / len(run)
            sentences = sum(1 for b in run if _SENTENCE_END.search(_COUNT.sub("", b.text)))
            if (
                mean < LINK_LIST_CHARS and sentences < 0.3 * len(run)
                and not _item_list(run, mean) and not _introduced(blocks, classes, i)
            ):
                for k in range(i, j):
                    if classes[k] != BAD:
                        classes[k], blocks[k].reason = BAD, "link-list"


def _introduced(blocks: Sequence[Block], classes: list[str], i: int) -> bool:
    """The list starting at block i follows a line of the story that announces it ("The game
    has:", "You will need:"), not a boilerplate heading."""
    return i > 0 and classes[i - 1] != BAD and blocks[i - 1].text.endswith(":")


def _item_list(run: Sequence[Block], mean: float) -> bool:
    """Short items whose words are mostly lower-case ("8 ripe pears, peeled", "baby carrier",
    "Writing a blog post"): the story's own list, where menus and link lists are Title Case
    names and headlines. (Not lower-case identifiers: "wide-browser-and-larger".)"""
    if mean >= ITEM_LIST_CHARS or sum(1 for b in run if _IDENTIFIER.match(b.text)) * 2 >= len(run):
        return False
    cased = upper = 0
    for b in run:
        for w in _WORD.findall(b.text):
            if len(w) > 3 and w[0].lower() != w[0].upper():  # (a letter with a case)
                cased += 1
                upper += w[0].isupper()
    return cased >= ITEM_LIST_WORDS and upper < ITEM_LIST_CAPITALS * cased


def _cut_comments(blocks: Sequence[Block], classes: list[str]) -> None:
    """Once the story has begun, a comment thread's opening (or the author's biography, or the
    list of its sources: the STORY_ENDERS) ends it: all that follows goes. In HTML, whose
    sidebars were pruned before, so does a heading of recommended stories (in a text dump, a
    sidebar before the story may hold one)."""
    header, ends = comment_header(), _header_ends()
    headers = {
        i for i, b in enumerate(blocks)
        if len(b.text) <= 140 and (b.text[:1].isdigit() or b.text.lower().endswith(ends)) and header.match(b.text)
    }
    seen = 0
    for i, b in enumerate(blocks):
        if classes[i] == GOOD:
            seen += len(b.text)
        opens = (
            b.reason in STORY_ENDERS or (i in headers and len(headers) >= 2)
            or (b.reason == "navigation" and bool(b.path) and _recommends(b.text))
        )
        if opens and seen >= COMMENTS_AFTER:
            for k in range(i, len(blocks)):
                classes[k] = BAD
                blocks[k].reason = blocks[k].reason or b.reason or "comments"
            return


@cache
def _header_ends() -> tuple[str, ...]:
    """How a comment header that is not a count can end: its suffix's last character when that
    is punctuation ("says:" -> ":"), else the suffix ("says"); a cheap test before the regex."""
    suffixes = phrase_tables()["comments"]["suffixes"]
    return tuple({s[-1] if not s[-1].isalnum() else s for s in suffixes})


def _use_context(blocks: Sequence[Block], classes: list[str]) -> None:
    """Resolve SHORT and NEAR blocks from their decided neighbours, in four linear passes."""
    firm = list(classes)
    # An ad slot between two paragraphs does not part them: neighbours are looked for through
    # it. (An image does part them: the line after it is often its caption.)
    unseen = [i for i, b in enumerate(blocks) if b.reason == "button" and not b.path and _PLACEHOLDER.match(b.text)]
    # 1. An uncertain block next to prose is prose; otherwise boilerplate.
    seen = _seen(classes, unseen)
    before, after = _prev_decided(seen), _next_decided(seen)
    for i, c in enumerate(classes):
        if c == NEAR:
            firm[i] = GOOD if GOOD in (before[i], after[i]) else BAD
    # 2. A list or table is judged whole: kept when prose is beside it and it is not a link list.
    after = _next_decided(_seen(firm, unseen))
    last, pos = None, 0
    for lo, hi in _runs(blocks, ("list-item", "table-row")):
        last, pos = _scan(firm, pos, lo, last)
        items = blocks[lo:hi]
        chars = sum(len(b.text) for b in items)
        links = sum(b.link_chars for b in items)
        if GOOD in (last, after[hi - 1]) and links < LIST_MAX_LINKS * chars:
            for k in range(lo, hi):
                if firm[k] != BAD or classes[k] == NEAR:
                    firm[k] = GOOD
    # 3. A short block between prose is prose.
    seen = _seen(firm, unseen)
    after, last = _next_decided(seen), None
    for i in range(len(firm)):
        if firm[i] == SHORT and blocks[i].kind != "heading":
            firm[i] = seen[i] = GOOD if last == GOOD and after[i] == GOOD else BAD
        if seen[i] in _DECIDED:
            last = seen[i]
    # 4. A short heading belongs to what it introduces.
    nxt = None
    for i in range(len(firm) - 1, -1, -1):
        if firm[i] == SHORT:
            firm[i] = GOOD if nxt == GOOD else BAD
        if firm[i] in _DECIDED:
            nxt = firm[i]
    for i in range(len(classes)):
        if firm[i] == BAD and blocks[i].reason is None:
            blocks[i].reason = "too-short" if classes[i] == SHORT else "not-prose"
        classes[i] = firm[i]


_DECIDED = (GOOD, BAD)
_UNSEEN = "unseen"


def _seen(classes: list[str], unseen: list[int]) -> list[str]:
    """The classes with the blocks at `unseen` neither good nor bad."""
    if not unseen:
        return classes
    out = list(classes)
    for i in unseen:
        out[i] = _UNSEEN
    return out


def _prev_decided(classes: list[str]) -> list[str | None]:
    """For each block, the class of the nearest GOOD or BAD block before it."""
    out: list[str | None] = []
    last = None
    for c in classes:
        out.append(last)
        if c in _DECIDED:
            last = c
    return out


def _next_decided(classes: list[str]) -> list[str | None]:
    """For each block, the class of the nearest GOOD or BAD block after it."""
    return _prev_decided(classes[::-1])[::-1]


def _scan(classes: list[str], pos: int, stop: int, last: str | None) -> tuple[str | None, int]:
    """Advance from pos to stop, remembering the last decided class seen."""
    for k in range(pos, stop):
        if classes[k] in _DECIDED:
            last = classes[k]
    return last, max(pos, stop)


def _runs(blocks: Sequence[Block], kinds: tuple[str, ...]) -> list[tuple[int, int]]:
    """[lo, hi) ranges of consecutive blocks of the given kinds."""
    out, lo = [], None
    for i, b in enumerate(blocks):
        if b.kind in kinds:
            lo = i if lo is None else lo
        elif lo is not None:
            out.append((lo, i))
            lo = None
    if lo is not None:
        out.append((lo, len(blocks)))
    return out


def _main_run(blocks: Sequence[Block], classes: list[str], first: list[str]) -> None:
    """Keep only the maximum-sum run: prose counts for, boilerplate against (Kadane).

    Blocks that are content only thanks to their neighbours count for less than prose, so a
    run of teasers and captions cannot outweigh the story; so do short paragraphs standing
    alone between non-prose (a teaser's summary between its headline and the next one's) and
    prose in the page's last lines, where footers, contact notices and disclaimers sit. A
    heading of recommended stories, and a row of share buttons printed under each of several
    teasers, cost in full what a whole stretch of boilerplate costs.
    """
    best, best_start, best_end = 0.0, 0, -1
    total, start, gap = 0.0, 0, 0.0
    card_rows = _card_share_rows(blocks)
    n = len(blocks)
    tail = n * (1 - TAIL_SHARE)
    for i, b in enumerate(blocks):
        if classes[i] == GOOD:
            weight = 1.0 if first[i] == GOOD else PROMOTED_WEIGHT
            if (
                weight == 1.0 and len(b.text) < LONE_CHARS and (i == 0 or first[i - 1] != GOOD)
                and (i + 1 == n or first[i + 1] != GOOD)  # (cheap tests first: most prose has prose beside it)
                and _is_lone(blocks, first, i)
            ):
                weight = LONE_WEIGHT
            total += len(b.text) * weight * (TAIL_WEIGHT if i >= tail else 1.0)
            gap = 0.0
        else:  # one interruption (an ad box, a link list) costs at most GAP_COST
            cost = BAD_BLOCK_COST.get(b.reason or "", INTERRUPTION_COST) + BAD_WEIGHT * len(b.text)
            cost = min(cost, max(0.0, GAP_COST - gap))
            if b.reason == "navigation" and _recommends(b.text):  # "Most popular", "You may also like"
                cost = GAP_COST  # in full: what follows must outweigh it alone
            elif b.reason == "share" and b.text in card_rows:  # each card's own buttons: cards,
                cost = GAP_COST  # not a story, lie between them
            total, gap = total - cost, gap + cost
        if total <= 0:
            total, start = 0.0, i + 1
        elif total > best:
            best, best_start, best_end = total, start, i
    # The story starts with its own prose, not with a headline or label that joined it only
    # thanks to its neighbours (a teaser's title, a video's caption just above the lead).
    while best_start < best_end and (
        classes[best_start] != GOOD or _borrowed_label(blocks[best_start], first[best_start])
    ):
        best_start += 1
    best_end = _without_trailing_labels(blocks, classes, first, best_start, best_end)
    for i, b in enumerate(blocks):
        if b.reason is None and not best_start <= i <= best_end:
            b.reason = "outside-main"


CARD_ROWS = 3  # a row of share buttons printed this often is each teaser card's own ...
CARD_ROW_WORDS = 3  # ... when it names this many networks or more ("Whatsapp | Facebook | Pin")


def _card_share_rows(blocks: Sequence[Block]) -> set[str]:
    """The rows of share buttons that the page prints again and again: one under each teaser
    of a list ("You may like…" cards), where a story has one row at its top or bottom."""
    rows = Counter(b.text for b in blocks if b.reason == "share" and len(_WORD.findall(b.text)) >= CARD_ROW_WORDS)
    return {text for text, n in rows.items() if n >= CARD_ROWS}


def _without_trailing_labels(
    blocks: Sequence[Block], classes: list[str], first: list[str], start: int, end: int
) -> int:
    """The run's end without the few labels it finished with (a sign-off link, a section's name,
    a teaser's title after the last paragraph); a longer list of them (tour dates, results) is
    the story's own."""
    last = end
    while last > start and (classes[last] != GOOD or _borrowed_label(blocks[last], first[last])):
        last -= 1
    labels = sum(1 for k in range(last + 1, end + 1) if classes[k] == GOOD)
    return last if labels <= MAX_TRAILING_LABELS else end


def _borrowed_label(block: Block, first: str) -> bool:
    """Content only thanks to its neighbours, and not a sentence."""
    return first != GOOD and _SENTENCE_END.search(block.text) is None


def _recommends(text: str) -> bool:
    """The block starts with the heading of a list of recommended stories (the phrases of
    `[recommended]` in data/phrases.toml)."""
    return _recommended_heading().match(_STRIP.sub("", text.lower())) is not None


@cache
def _recommended_heading() -> re.Pattern[str]:
    return next(rule.pattern for rule in phrase_rules() if rule.table == "recommended")


def _is_lone(blocks: Sequence[Block], first: list[str], i: int) -> bool:
    """No prose just before or after block i: neither a paragraph nor an uncertain block that
    ends like a sentence (a story's short paragraph does; a headline does not)."""
    return not any(
        first[k] == GOOD or (first[k] == NEAR and _SENTENCE_END.search(blocks[k].text) is not None)
        for k in (i - 1, i + 1) if 0 <= k < len(blocks)
    )


def _main_container(blocks: Sequence[Block], first: list[str]) -> None:
    """HTML: keep the element that holds the article, and its siblings that hold prose.

    As in Readability, a paragraph credits its parent fully, its grandparent by half and a few
    more ancestors by less, and a container's score shrinks with its link density. So the
    article's own container outscores both a single wrapped paragraph and a page wrapper that
    also holds teasers, menus and comments.
    """
    scores: dict[int, float] = {}
    parent, chars, links, count, good = _subtree_totals(blocks)
    for b in blocks:
        if b.reason is not None or len(b.text) < 25 or not b.path or b.kind not in _VOTERS:
            continue
        gain = 1 + b.text.count(",") + b.text.count("，") + min(len(b.text) / 100, 3)
        for level, el in enumerate(_distinct_ancestors(b.path, count)):
            scores[el] = scores.get(el, 0.0) + gain / (1 if level == 0 else 2 if level == 1 else level * 3)
    if not scores:
        return
    final = {el: sc * (1 - links[el] / chars[el]) if chars[el] else sc for el, sc in scores.items()}
    top = max(final, key=final.__getitem__)
    # Climb while the parent adds mostly prose and few links: the rest of a split article.
    while (up := parent.get(top)) is not None:
        added = chars[up] - chars[top]
        if good.get(up, 0) - good.get(top, 0) < GROW_PROSE * added or links[up] - links[top] > GROW_LINKS * added:
            break
        top = up
    floor = max(10.0, SIBLING_SHARE * final.get(top, 0.0))
    keep = {top} | {el for el, up in parent.items() if up == parent.get(top) and final.get(el, 0) >= floor}
    keep |= _story_parts(top, (parent, chars, links, count, good), final, floor)
    for b in blocks:
        if b.reason is None and keep.isdisjoint(b.path):
            b.reason = "outside-main"
    _rescue_inside(blocks, first, keep)


PART_LEVELS = 2  # the story's other parts are looked for among the siblings of this many of its ancestors
PART_PROSE = 0.6  # ... and hold at least this share of prose


def _story_parts(top: int, totals: Totals, final: dict[int, float], floor: float) -> set[int]:
    """The other parts of a story split into wrappers around ads and widgets (article >
    block > content > sections, then a second block > content > sections): elements beside
    the container or beside its nearest ancestors that score like a sibling would and hold
    mostly prose and few links. A pure wrapper, which scoring skips, scores as the element it
    wraps."""
    parent, chars, links, count, good = totals
    scored = dict(final)
    for el, score in final.items():
        up = parent.get(el)
        while up is not None and count[up] == count[el] and up not in scored:
            scored[up] = score
            up = parent.get(up)
    children: dict[int, list[int]] = {}
    for el, up in parent.items():
        children.setdefault(up, []).append(el)
    parts: set[int] = set()
    node: int | None = top
    for _ in range(PART_LEVELS):
        up = parent.get(node) if node is not None else None
        if up is None:
            break
        for el in children.get(up, ()):
            if el != node and scored.get(el, 0.0) >= floor and chars[el] and (
                good.get(el, 0) >= PART_PROSE * chars[el] and links[el] <= GROW_LINKS * chars[el]
            ):
                parts.add(el)
        node = up
    return parts


def _rescue_inside(blocks: Sequence[Block], first: list[str], keep: set[int]) -> None:
    """Inside the article's container, what lost only on context comes back: a short paragraph
    after an in-story link box, a long paragraph with many inline links, a list or a table."""
    inside = [not keep.isdisjoint(b.path) for b in blocks]
    for i, b in enumerate(blocks):
        if not inside[i]:
            continue
        if (
            (b.reason == "not-prose" and first[i] == NEAR and b.link_density < RESCUE_LINKS)
            or (b.reason == "too-short" and b.link_chars == 0 and b.kind == "paragraph" and _SENTENCE.search(b.text))
            or (
                b.reason in ("too-short", "not-prose") and b.kind in ("list-item", "table-row")
                and b.link_density < LIST_MAX_LINKS
            )
            or (
                b.reason == "link-dense" and len(b.text) >= PROSE_CHARS and b.link_density < RESCUE_LONG_LINKS
                and _SENTENCE_END.search(b.text)
            )
        ):
            b.reason = None
    # Then a short heading inside the article belongs to the paragraph it introduces.
    for i in range(len(blocks) - 2, -1, -1):
        b = blocks[i]
        if inside[i] and b.kind == "heading" and b.reason == "too-short" and blocks[i + 1].reason is None:
            b.reason = None


Totals = tuple[dict[int, int], dict[int, int], dict[int, int], dict[int, int], dict[int, int]]


def _subtree_totals(blocks: Sequence[Block]) -> Totals:
    """parent, and per element its characters, link characters, blocks and prose characters.

    Each block adds to its own element; the sums then flow up once, deepest first, so the
    cost grows with blocks plus elements rather than blocks times depth.
    """
    parent: dict[int, int] = {}
    depth: dict[int, int] = {}
    chars: dict[int, int] = {}
    links: dict[int, int] = {}
    count: dict[int, int] = {}
    good: dict[int, int] = {}
    for b in blocks:
        path = b.path
        if not path:
            continue
        leaf = path[-1]
        if leaf not in depth:
            for i in range(len(path) - 1, -1, -1):
                if path[i] in depth:
                    break
                depth[path[i]] = i
                if i:
                    parent[path[i]] = path[i - 1]
        n = len(b.text)
        chars[leaf] = chars.get(leaf, 0) + n
        links[leaf] = links.get(leaf, 0) + b.link_chars
        count[leaf] = count.get(leaf, 0) + 1
        if b.reason is None:
            good[leaf] = good.get(leaf, 0) + n
    for el in sorted(depth, key=depth.__getitem__, reverse=True):
        up = parent.get(el)
        if up is None:
            continue
        for totals in (chars, links, count, good):
            if el in totals:
                totals[up] = totals.get(up, 0) + totals[el]
    return parent, chars, links, count, good


def _distinct_ancestors(path: tuple[int, ...], count: dict[int, int]) -> list[int]:
    """The block's ancestors, nearest first, skipping pure wrappers: an element that holds no
    more blocks than the one below it (div > div > p) is the same content, not a level up."""
    out: list[int] = []
    below = count[path[-1]]
    for el in reversed(path[:-1]):
        if count[el] > below:
            out.append(el)
            below = count[el]
            if len(out) == ANCESTOR_LEVELS:
                break
    return out


WEAK_STORY = 500  # a text dump's story with less text than this may be a list or a table ...
UNDER_HEADLINE_MIN = 5  # ... when at least this many lines under its headline hold more
# Under the headline, its byline, date, images and their labels (repeated lines) are passed over;
# lines judged too short, not prose or outside the story found are the story's; any other reason
# ends it.
_HEADER_ROLES = frozenset(
    {"title", "byline", "date", "dateline", "description", "decoration", "button", "caption", "repeated"}
)
_STORY_LINES = frozenset({"too-short", "not-prose", "outside-main"})


def template(text: str) -> str:
    """The text with each number as 0: lines alike but for their numbers ("Result 1 of 300",
    "Result 2 of 300") are one template, a listing's, not prose."""
    return _DIGITS.sub("0", text)


def _one_template(lines: Iterable[str]) -> bool:
    """Most lines are one line with other numbers: a listing."""
    shapes = Counter(map(template, lines))
    return shapes.most_common(1)[0][1] * 2 > shapes.total()


def story_under_headline(blocks: Sequence[Block], title_at: int) -> None:
    """Text dumps: when the story found holds almost no text but the headline was found, the
    story is a list or a table (standings, a calendar) that has no prose to be found by: the
    lines under the headline, past its byline and date, up to the first boilerplate."""
    kept = sum(len(b.text) for b in blocks if b.reason is None)
    if kept >= WEAK_STORY:
        return
    run: list[int] = []
    for i in range(title_at + 1, len(blocks)):
        reason = blocks[i].reason
        if reason in _HEADER_ROLES or (reason == "share" and not run):
            continue
        if reason is not None and reason not in _STORY_LINES:
            break
        run.append(i)
    if (
        len(run) < UNDER_HEADLINE_MIN or blocks[run[0]].reason is None  # (the story found is right there)
        or sum(len(blocks[i].text) for i in run) <= kept or _one_template(blocks[i].text for i in run)
    ):
        return
    for b in blocks:
        if b.reason is None:
            b.reason = "outside-main"
    for i in run:
        blocks[i].reason = None
