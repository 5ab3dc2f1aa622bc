"""The visible headline: the block with the most evidence of being this page's title, and the
title the page declares for itself when a dump shows it apart from that headline.

A dump holds the whole page (menus, teasers, the story, more teasers), so the headline is found
by evidence, not position alone: the words of the URL's slug; a byline or dateline right under
it; prose soon after it; being a heading; being near where the classifier saw the body start.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from ..blocks import Block
from ..dates import find_date
from ..folding import loose
from ..phrases import phrase_reason
from ..text import unescape_markdown
from .byline import is_name, is_names, names_line
from .lines import (
    PROMPT_REASONS,
    SEGMENTS,
    SENTENCE_END,
    WIDGET_REASONS,
    has_markup,
    is_caption,
    is_meta_line,
    is_prose,
)
from .slug import WORD, folded_words, slug_overlap

LOOK_BACK = 10  # blocks before the first body block that count as "near the body"
LOOK_AHEAD = 4  # blocks after it that may still be header (standfirst, byline, dateline)
MIN_SCORE = 1.0  # below this no block is taken for the headline
_BAD_END = frozenset(".;,:。，；：、")  # a headline ends in none of these, unless in '...'
_KICKER = re.compile(r"^(?P<kicker>[^-–—|:]{2,40}?)\s+[-–—|]\s+(?P<title>\S.{15,})$")
_WIDE = re.compile(r"[\u0e00-\u0eff\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
WRAP_COLUMN = 60  # a heading this long, followed by a few words, was hard-wrapped by the renderer
_BAD_KINDS = frozenset({"list-item", "button", "table-row", "preformatted", "caption"})
SLUG_VOUCH = 0.75  # share of the slug's words a line must hold for its shape not to count against it
MAX_LOOK_BACK = 1000  # blocks above the story start where its headline may be (bounds the work on huge pages)
FAR_SLUG = 0.6  # below the story's start, a headline must hold this share of the slug's words
LONG_TITLE = 120  # characters: longer lines are rarely headlines (captions, teasers, standfirsts)
META_UNDER = 2.0  # a byline or dateline under the headline, no other title-like line between
META_NEAR = 1.0  # ... with another title-like line between (that line is likelier the headline)
REPEATED = 1.0  # printed again elsewhere on the page (share widgets, breadcrumbs, related lists) ...
IMAGE_LABEL_COPIES = 2  # ... but not a line printed this many times again within the story
REPEAT_MIN_WORDS = 4  # shorter lines repeat for other reasons (menus, sections, the site's name)
REPEAT_MAX_CHARS = 480
REPEAT_SCAN = 3000  # blocks from each end of the page searched for a repeated headline
QUOTED = 2.0  # a comment header quotes the line: the page's own title
# '6 thoughts on “Title”', '34 responses to “Title”', '3 Gedanken zu „Title“': a count, a few
# words, the title in quotes to the end of the line
_QUOTING = re.compile(r"^\d+\s+\S+(?:\s+\S+){0,2}?\s+[“\"„«‘‹](?P<title>.{8,})[”\"“»’›]\s*$")
_NOT_TITLE_REASONS = frozenset({"caption", "dateline", "byline", "date", "decoration"})
_CRUMBS = re.compile(r"\s[|/>»]\s")
_GLUED = re.compile(r"[a-zà-ÿ][A-ZÀ-Þ][a-zà-ÿ]+[A-ZÀ-Þ]")
GLUED_PENALTY = 2.0
IMAGE_PENALTY = 2.0
_IMAGE = re.compile(r"\b(?:logo|image|icon|thumbnail|placeholder)$", re.I)
IMAGE_TAIL = 12  # characters: the longest word of _IMAGE and a newline `$` allows after it
PROMPT_PENALTY = 3.0
_COUNT = re.compile(r"^[\d\s.,:|]+")
BYLINE_PENALTY = 3.0
TITLE_CASE_SHARE = 0.8
# A horizontal rule a dump glued to the line ('… in Iran unrest ━━━━━━'): box drawing, '=', '-', '~'
_RULE = re.compile(r"^[\s\u2500-\u259f=~-]{3,}(?=\S)|(?<=\S)\s*[\u2500-\u259f=~-]{3,}\s*$")
_RULE_CHAR = re.compile(r"[\u2500-\u259f=~-]")  # in any rule _RULE takes off (or the line opens with a space)
PUNCTUATED_NEAR = 16  # blocks around the headline where the page may print it again, punctuated
_LIST_MARK = re.compile(r"^(?:\d{1,2}\.\s+)?[#*•·\s]*")
CRUMB_ABOVE = 16  # blocks above the headline where its breadcrumb trail may end
CRUMB_WORDS = 3  # 'Home', 'Politik', 'Deutschland': a trail's items before the page's own name
_NUMBERED = re.compile(r"^(\d{1,2})\.\s+(?:#+\s*)?(\S.*)$")
KICKER_WORDS = 3  # 'Kenia', 'Krieg in Nahost': a kicker is a few words


def find_title(blocks: Sequence[Block], first: int, slug: frozenset[str], *, whole_page: bool = True) -> int | None:
    """The block with the most evidence of being this page's headline. `whole_page`: also far
    from the story (a dump may render it there), and with its repetitions elsewhere as evidence."""
    n = len(blocks)
    last = min(n, first + LOOK_AHEAD + 1)
    # the slug's words, or a byline under the line and its repetition elsewhere, vouch for a
    # headline far below where the classifier saw the story start (a menu line taken for it)
    stop = n if whole_page else last
    page = _Page(blocks, first, slug, whole_page)
    best, best_score = None, MIN_SCORE
    for i in range(max(0, min(first, n) - MAX_LOOK_BACK), stop):  # headlines sit near the story
        if i >= last and slug and slug_overlap(blocks[i].text, slug) < FAR_SLUG:
            continue
        if not page.candidate(i) or _score_bound(blocks[i], i, first, slug, whole_page) <= best_score:
            continue
        if i >= last and (page.meta_under(i) < META_UNDER or not (slug or page.repeated(i))):
            continue  # far below the story's start: only a headline with its byline or dateline
        score = page.score(i)
        if score > best_score:
            best, best_score = i, score
    if best is None:
        return None
    for j in range(best + 1, min(n, best + 3)):  # 'Start / Ausland / Headline' over 'Headline'
        if _is_title_like(blocks[j]) and _ends_with(blocks[best].text, blocks[j].text):
            return j  # the breadcrumb's last item is the headline
    if best and page.candidate(best - 1) and _headline_over_standfirst(blocks, best - 1, best) and (
        page.score(best - 1) >= best_score - 1
    ):
        return best - 1
    return best


def _ends_with(text: str, tail: str) -> bool:
    return len(tail) < len(text) and text.endswith(tail)


def _headline_over_standfirst(blocks: Sequence[Block], above: int, chosen: int) -> bool:
    """Two title-like blocks in a row: the first is the headline, the second its standfirst
    (unless the first is a breadcrumb that ends with the headline)."""
    upper, lower = blocks[above].text, blocks[chosen].text
    return _is_title_like(blocks[above]) and lower not in upper and not SEGMENTS.search(upper)


def _score_bound(b: Block, i: int, first: int, slug: frozenset[str], whole_page: bool) -> float:
    """The most `_Page.score` can give this block (cheap: skips hopeless blocks)."""
    bound = 4.0 * slug_overlap(b.text, slug) + META_UNDER + 1.0 + 0.25 + (REPEATED + QUOTED if whole_page else 0.0)
    bound += _heading_evidence(b)
    return bound + (1.0 if i <= first else 0.0)


def _heading_evidence(b: Block) -> float:
    """An h1 says 'headline' more than an h2-h6; a heading of unknown level (a Markdown dump's
    '#' and '##' both arrive as level 0) says it in between."""
    if b.kind != "heading":
        return 0.0
    return {0: 1.0, 1: 1.5}.get(b.heading_level, 0.5)


class _Page:
    """What the headline's score consults about the whole page, computed once or on demand."""

    def __init__(self, blocks: Sequence[Block], first: int, slug: frozenset[str], whole_page: bool = True) -> None:
        self.blocks, self.first, self.slug, self.whole_page = blocks, first, slug, whole_page
        self._candidate: dict[int, bool] = {}
        self._folded: _Folded | None = None
        self._repeated: dict[int, bool] = {}
        self._quoted: frozenset[str] | None = None

    def candidate(self, i: int) -> bool:
        """Title-like, and not a byline, a dateline or a caption."""
        if (known := self._candidate.get(i)) is None:
            b = self.blocks[i]
            known = b.reason not in _NOT_TITLE_REASONS and (
                _is_title_like(b) or (self.vouched(i) and _is_title_like(b, vouched=True))
            )
            self._candidate[i] = known
        return known

    def vouched(self, i: int) -> bool:
        """The slug's words are (nearly all) this line's: evidence enough for an odd shape (in a
        dump; on an HTML page the markup's title makes the visible one a confirmation only)."""
        return self.whole_page and bool(self.slug) and slug_overlap(self.blocks[i].text, self.slug) >= SLUG_VOUCH

    def score(self, i: int) -> float:
        blocks, slug = self.blocks, self.slug
        b = blocks[i]
        score = 0.0
        if slug:
            score += 4.0 * slug_overlap(b.text, slug)
        score += _heading_evidence(b)
        score += self.meta_under(i)
        if any(is_prose(x) for x in blocks[i + 1:i + 7]):
            score += 1.0
        if self._near_body(i):
            score += 1.0
        if b.reason in ("repeated", "outside-main", "not-prose", "too-short", None):
            score += 0.25
        if self.whole_page and self.repeated(i):
            score += REPEATED
        if self.whole_page and loose(b.text) in self._quoted_titles():
            score += QUOTED
        return score - _title_penalty(b.text)

    def _near_body(self, i: int) -> bool:
        """Shortly above the story's first paragraph, not counting the widgets between
        (share buttons, datelines, captions, images)."""
        if not i <= self.first:
            return False
        if self.first - i <= LOOK_BACK:
            return True
        count = 0  # the blocks between that count
        for j in range(self.first - 1, i, -1):
            if self.blocks[j].reason not in WIDGET_REASONS:
                count += 1
                if count > LOOK_BACK:
                    return False
        return True

    def meta_under(self, i: int) -> float:
        """A byline or dateline among the blocks under the line: the header of a story (with a
        shorter title-like line between, that line is likelier the headline; a longer one is a
        standfirst)."""
        between = False
        for j in range(i + 1, min(len(self.blocks), i + 7)):
            if is_meta_line(self.blocks[j].text):
                return META_NEAR if between else META_UNDER
            between = between or (self.candidate(j) and len(self.blocks[j].text) <= LONG_TITLE)
        return 0.0

    def _quoted_titles(self) -> frozenset[str]:
        """The titles comment headers quote: '6 thoughts on “How to Adopt a Success Mindset”'."""
        if self._quoted is None:
            self._quoted = frozenset(
                loose(m.group("title")) for b in self.blocks
                if b.text[:1].isdigit() and len(b.text) <= REPEAT_MAX_CHARS and (m := _QUOTING.match(b.text))
            )
        return self._quoted

    def repeated(self, i: int) -> bool:
        """The line's text is printed again in another block of the page (whole, or with a
        little around it: '14. Headline', 'Headline - Photo', '10 thoughts on “Headline”')."""
        if (known := self._repeated.get(i)) is None:
            known = self._repeated[i] = self._printed_again(i)
        return known

    def _printed_again(self, i: int) -> bool:
        text = self.blocks[i].text
        key = loose(text)
        if len(key.split()) < REPEAT_MIN_WORDS and not (len(key) >= 10 and len(text.split()) * 12 < len(text)):
            return False
        if self._folded is None:
            # Only blocks short enough to be "the headline with a little around it" can match,
            # and only near the page's start or end (a 50 MB dump has 250,000 blocks).
            n = len(self.blocks)
            scanned = range(n) if n <= 2 * REPEAT_SCAN else [*range(REPEAT_SCAN), *range(n - REPEAT_SCAN, n)]
            self._folded = _Folded([(j, loose(self.blocks[j].text)) for j in scanned
                                    if len(self.blocks[j].text) <= REPEAT_MAX_CHARS])
        again = [(j, other) for j, other in self._folded.holding(key) if abs(j - i) > 1]
        if sum(other == key and j > self.first for j, other in again) >= IMAGE_LABEL_COPIES:
            return False  # the same line under several pictures of the story: their label
        return any(len(other) <= 2 * len(key) + 40 and not _caption_or_notice(self.blocks[j]) for j, other in again)


class _Folded:
    """The `loose` forms of some blocks, searched for a text as one string: one C-speed `find`
    over them all instead of a substring test per block (a dump of 60,000 title-like lines
    asks this for each)."""

    def __init__(self, folded: list[tuple[int, str]]) -> None:
        self.folded = folded
        self.joined = "\n".join(other for _, other in folded)  # ('loose' forms hold no newline)
        self.starts = list(itertools.accumulate((len(other) + 1 for _, other in folded[:-1]), initial=0))

    def holding(self, key: str) -> Iterator[tuple[int, str]]:
        """The (index, folded text) of each block whose folded text holds `key` (no newline)."""
        at = self.joined.find(key)
        while at >= 0:
            k = bisect.bisect_right(self.starts, at) - 1
            yield self.folded[k]
            nxt = self.starts[k + 1] if k + 1 < len(self.starts) else len(self.joined)
            at = self.joined.find(key, nxt)  # (the next block's: one answer per block)


def _caption_or_notice(block: Block) -> bool:
    """A caption ('… | Bild: Jane Doe/rbb') or a copyright line repeats a photo's or the site's
    name, not the headline."""
    if block.reason in ("legal", "cookie-notice", "caption"):
        return True
    return phrase_reason(block.text, len(block.text.split())) in ("legal", "cookie-notice", "caption")


def _title_penalty(text: str) -> float:
    """Evidence against a line being a headline, whatever its place."""
    penalty = 0.0
    if find_date(text) is not None:  # a caption ("…, Friday, Aug. 30, 2024 (AP Photo)") or a teaser
        penalty += 1.5
    if _CRUMBS.search(text):  # a breadcrumb, or the headline with the site's name
        penalty += 0.5
    if _GLUED.search(text):  # 'Log inRegisterLog out', 'HomeNewsBusiness': a menu's labels run together
        penalty += GLUED_PENALTY
    # 'main article image', 'Example GmbH Logo': an image's alternative text (only the end is searched)
    if _IMAGE.search(text, max(0, len(text) - IMAGE_TAIL)):
        penalty += IMAGE_PENALTY
    if len(text) > LONG_TITLE:  # headlines are short; captions and teasers' first sentences are not
        penalty += 1.0
    if is_caption(text):
        penalty += 2.0
    if _is_prompt(text):  # '0 Email this to someone', 'Share on Facebook', 'Sign in'
        penalty += PROMPT_PENALTY
    if names_line(text):  # 'By Jane Doe, Staff Writer', 'Jane Doe and John Roe, Associated Press'
        penalty += BYLINE_PENALTY
    if text[:1].isdigit() and _QUOTING.match(text):  # '6 thoughts on “Headline”': a comment header
        penalty += PROMPT_PENALTY
    return penalty


@lru_cache(maxsize=4096)
def _is_prompt(text: str) -> bool:
    """A control's label: a boilerplate phrase (data/phrases.toml), also after a counter
    ('0 Email this to someone')."""
    rest = _COUNT.sub("", text)
    return phrase_reason(rest, len(rest.split())) in PROMPT_REASONS


def _is_title_like(block: Block, *, vouched: bool = False) -> bool:
    """A headline's shape: a few words (or a CJK line), no sentence or list punctuation at its
    end, no markup, not a bare name or date. Cheap tests first: most blocks fail early.
    `vouched`: the URL's slug names the line, so a name's shape ('Royal Self-Indicting
    Arrogance', 'The Impeachment Clock') or a Title-Cased line's full stop does not count against it."""
    text = block.text
    if len(text) > 250 or block.reason in PROMPT_REASONS or block.kind in _BAD_KINDS:
        return False
    words = text.count(" ") + 1
    dense = words * 12 < len(text) and _WIDE.search(text) is not None  # CJK, Thai: few spaces
    if not (8 <= len(text) <= 150 if dense else (2 if vouched else 3) <= words <= 30):
        return False
    if block.link_density > 0.5:
        return False
    if not (_title_end_ok(text) or text.endswith(("?", "!")) or (vouched and _title_cased(text))):
        return False
    return _title_words_ok(text, dense, vouched)


def _title_end_ok(text: str) -> bool:
    r"""`re.search(r"[^.;,:。，；：、]$|\.\.\.$|…$", text)` read off the last characters (a regex
    search would try every position of the line)."""
    return bool(text) and (text[-1] not in _BAD_END or text.endswith("..."))


def _title_cased(text: str) -> bool:
    """'Home Depot Stock Is Falling After Its Earnings Release. Why You Shouldn't Worry.': a
    headline's capitals, whatever its last character (a caption or a standfirst is a sentence)."""
    words = [w for w in WORD.findall(text) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)


@lru_cache(maxsize=4096)
def _title_words_ok(text: str, dense: bool, vouched: bool = False) -> bool:
    if has_markup(text):  # a URL, a Markdown link or image, script
        return False
    if sum(1 for w in WORD.findall(text) if not w.isdigit()) < (1 if dense else 2 if vouched else 3):
        return False  # "12 of 12", "1/3"
    # a bare name ('Jane Doe'); a CJK line this long is no name ('商品の改造が商標法違反に！？')
    if not (vouched or dense) and len(text) <= 40 and len(text.split()) <= 3 and is_name(text):
        return False
    return not (len(text) < 60 and find_date(text) is not None)


def headline_text(blocks: Sequence[Block], i: int) -> tuple[str, bool]:
    """The headline's text: a wrapped last line joined back, Markdown escapes and a kicker
    dropped; and whether the next block was that wrapped last line (then it is the title's too)."""
    text = blocks[i].text
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    if (blocks[i].kind == "heading" and nxt is not None and nxt.kind != "heading"
            and len(text) >= WRAP_COLUMN and len(nxt.text.split()) <= 4 and not SENTENCE_END.search(text)
            and not has_markup(nxt.text) and not is_names(unescape_markdown(nxt.text).strip(" _*"))):
        return _headline_form(f"{text} {nxt.text}"), True
    return _headline_form(text), False


def _headline_form(text: str) -> str:
    text = unescape_markdown(text)
    if text[:1].isspace() or _RULE_CHAR.search(text):  # (a rule's characters, or spaces opening the line)
        text = _RULE.sub("", text)
    return _drop_kicker(text).strip(" _|*#")


def declared_form(blocks: Sequence[Block], i: int, headline: str, slug: frozenset[str]) -> str | None:
    """The title the page declares for itself (its og:title), when a dump shows it apart from
    the visible headline: the last item of the breadcrumb trail above it, or the kicker over it
    joined as 'Kicker: Headline' when the URL's slug holds the kicker's words too."""
    return (_crumb_title(blocks, i, headline, slug) or _punctuated_title(blocks, i, headline)
            or _kicker_title(blocks, i, headline, slug))


def _punctuated_title(blocks: Sequence[Block], i: int, headline: str) -> str | None:
    """'Schnellere Integration "Job-Turbo" hilft …': the renderer ran the kicker into the headline;
    the breadcrumb or a share line nearby prints the same words with the colon between them
    ('Schnellere Integration: "Job-Turbo" hilft …'): that is the page's title."""
    key = loose(headline)
    if ": " in headline or len(key.split()) < REPEAT_MIN_WORDS:
        return None
    for j in range(max(0, i - PUNCTUATED_NEAR), min(len(blocks), i + 3)):
        other = _LIST_MARK.sub("", blocks[j].text).strip()
        if j != i and ": " in other and len(other) <= len(headline) + 8 and loose(other) == key:
            return other
    return None


def _crumb_title(blocks: Sequence[Block], i: int, headline: str, slug: frozenset[str]) -> str | None:
    """'1. Home' '2. Sport' '3. Leichtathletik' '4. Berlin-Marathon: Sebastian Hendel im Porträt':
    a numbered trail of short items whose last one names this page. It is the page's title when
    it ends with the headline, or holds more of the slug's words than the headline does."""
    for j in range(i - 1, max(-1, i - CRUMB_ABOVE), -1):
        m = _NUMBERED.match(blocks[j].text)
        if m is None or blocks[j].kind != "list-item":
            continue
        k, name = int(m.group(1)), m.group(2).strip(" #*_")
        if k < 2 or not _is_trail(blocks, j, k) or len(name.split()) < REPEAT_MIN_WORDS:
            return None
        if loose(name).endswith(loose(headline)) or slug_overlap(name, slug) > slug_overlap(headline, slug):
            return name
        return None
    return None


def _is_trail(blocks: Sequence[Block], last: int, k: int) -> bool:
    """The k - 1 blocks above `last` are items '1.' to 'k-1.' of a few words each."""
    if last - (k - 1) < 0:
        return False
    for n, b in enumerate(blocks[last - k + 1:last], 1):
        m = _NUMBERED.match(b.text)
        if m is None or int(m.group(1)) != n or len(m.group(2).split()) > CRUMB_WORDS:
            return False
    return True


def _kicker_title(blocks: Sequence[Block], i: int, headline: str, slug: frozenset[str]) -> str | None:
    """'Kenia' over 'Nairobi von unten' at /522721.kenia-nairobi-von-unten.html: the slug names
    the kicker's words, the headline lacks them: the page's title is 'Kenia: Nairobi von unten'."""
    if i == 0 or not slug:
        return None
    kicker = blocks[i - 1].text.strip(" _*#")
    if not 1 <= len(kicker.split()) <= KICKER_WORDS or not kicker[:1].isupper() or SENTENCE_END.search(kicker):
        return None
    words = {w for w in folded_words(kicker) if len(w) >= 3 and w.isalpha()}
    if not words or not words <= slug or words & folded_words(headline):
        return None
    title = f"{kicker}: {headline}"
    # the slug spells out kicker and headline together ('kenia-nairobi-von-unten'), not a story
    # that merely names the kicker ('david-eriksen-dukket-opp-da-tone-damli-fodte': 'Tone Damli')
    return title if slug_overlap(title, slug) >= SLUG_VOUCH else None


def _drop_kicker(text: str) -> str:
    """'Minderheit in Syrien - Drusen fordern …': a short kicker rendered in front of the headline."""
    m = _KICKER.match(text)
    if m and len(m.group("kicker").split()) <= 4 and len(m.group("title").split()) >= 4:
        return m.group("title").strip()
    return text
