"""Metadata from the blocks themselves: the visible headline, standfirst, byline and dateline.

This is all a plain-text dump offers, and on HTML pages it is the visible evidence that
agrees or disagrees with the markup. A dump holds the whole page (menus, teasers, the story,
more teasers), so the headline is found by evidence, not position alone:
- the words of the URL's slug (`/2024/11/18/sweden-tells-households-...`), when it has one;
- a byline or dateline right under it; prose soon after it; being a heading;
- being near where the classifier saw the body start.
The byline and dateline are then looked for just under the headline.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from urllib.parse import unquote, urlsplit

from ..blocks import Block
from ..classify import phrase_reason
from ..dates import find_date, find_relative, mentions_date, url_date
from ..folding import loose
from ..text import unescape_markdown
from ..vocab import _load, stopwords
from .byline import (
    has_label_word,
    is_name,
    is_prefix_only,
    looks_like_byline,
    names_fill,
    parse_byline,
    starts_like_byline,
    without_placeholders,
    without_prefix,
)
from .candidates import Candidate

LOOK_BACK = 10  # blocks before the first body block that count as "near the body"
LOOK_AHEAD = 4  # blocks after it that may still be header (standfirst, byline, dateline)
UNDER_TITLE = 8  # blocks under the headline searched for its byline and dateline
META_LINE_CHARS = 160  # a byline or dateline is a short line
MIN_SCORE = 1.0  # below this no block is taken for the headline
_SENTENCE_END = re.compile(r"[.!?。！？:]$")
_TITLE_END_OK = re.compile(r"[^.;,:。，；：、]$|\.\.\.$|…$")
_SEGMENTS = re.compile(r"\s+[|/–—·•]\s+|\s*[|·•]\s*|\s+-\s+")
_KICKER = re.compile(r"^(?P<kicker>[^-–—|:]{2,40}?)\s+[-–—|]\s+(?P<title>\S.{15,})$")
_WORD = re.compile(r"[^\W_]+")
_MARKUP = re.compile(r"https?:|www\.|%2[Ff]|\]\(|^\s*!?\[|[{}]|\w/\w+/\w|\(\)")
_URL_WORDS = frozenset({"html", "htm", "shtml", "php", "aspx", "asp", "jsp", "amp", "index"})
_CREDIT = re.compile(r"\([^()]*[:/][^()]*\)")
_WIDE = re.compile(r"[\u0e00-\u0eff\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
WRAP_COLUMN = 60  # a heading this long, followed by a few words, was hard-wrapped by the renderer
_PROMPT_REASONS = frozenset({
    "skip-link", "comment-prompt", "navigation", "share", "newsletter", "advertisement",
    "legal", "login", "button",
})
_BAD_KINDS = frozenset({"list-item", "button", "table-row", "preformatted", "caption"})


@dataclass(slots=True)
class Header:
    candidates: list[Candidate] = field(default_factory=list)
    used: dict[int, str] = field(default_factory=dict)  # block index -> "title" / "byline" / ...


def header(blocks: Sequence[Block], url: str | None = None, *, known: Collection[str] = ()) -> Header:
    """Candidates from the blocks. `known`: the fields the markup already gives (HTML); for those
    the stop-word language guess is skipped."""
    found = Header()
    found.candidates.extend(_from_url(url))
    if not blocks:
        return found
    first = next((i for i, b in enumerate(blocks) if b.reason is None), len(blocks) // 3)
    # Markup that declares a title (HTML) makes the page-wide evidence unnecessary: the visible
    # headline only confirms it, and an HTML page renders its headline near its story.
    title_at = _find_title(blocks, first, slug_words(url), whole_page="title" not in known)
    anchor = title_at if title_at is not None else max(0, first - 1)
    language = stopword_language(blocks, first) if "language" not in known else None
    day_first = _DayFirst(blocks, first, language)
    byline_at = _find_byline(blocks, anchor, found, day_first)
    if byline_at is None:  # (even when the markup names someone: it may be the site itself)
        byline_at = _far_byline(blocks, first, found, day_first)
        if byline_at is None:
            _find_signature(blocks, found)
    _find_dateline(blocks, anchor, first, found, day_first)
    if title_at is not None:
        found.used[title_at] = "title"
        headline = _headline_text(blocks, title_at, found)
        if "title" not in known and (declared := _declared_form(blocks, title_at, headline, slug_words(url))):
            found.candidates.append(Candidate("title", declared, "headline"))  # first: the one resolve takes
        found.candidates.append(Candidate("title", headline, "headline"))
        if "description" in known:  # the markup declares it: only the block alone under the headline
            _find_standfirst_between(blocks, title_at, byline_at, found)
        else:
            _find_standfirst(blocks, title_at, byline_at, found)
    if language:
        found.candidates.append(Candidate("language", language, "stopwords"))
    return found


class _DayFirst:
    """Whether '05/10/2018' is day-first: yes unless the page is in English. On an HTML page the
    markup's language is not known here: the stop words are counted only when a date needs it."""

    def __init__(self, blocks: Sequence[Block], first: int, language: str | None) -> None:
        self.blocks, self.first, self.language = blocks, first, language
        self._value: bool | None = None

    def __call__(self) -> bool:
        if self._value is None:
            language = self.language or stopword_language(self.blocks, self.first)
            self._value = language not in (None, "en")
        return self._value


def _dated(text: str, day_first: _DayFirst) -> dt.date | dt.datetime | None:
    """The date a line writes; the page's language settles '05/10/2018' only when it matters."""
    date = find_date(text)
    if date is None or "/" not in text or find_date(text, day_first=True) == date:
        return date  # (only 'a/b/yyyy' reads differently by language)
    return find_date(text, day_first=day_first())


# --- headline --------------------------------------------------------------------------------

def _find_title(blocks: Sequence[Block], first: int, slug: frozenset[str], *, whole_page: bool = True) -> int | None:
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
        if not page.candidate(i) or _score_bound(blocks[i], i, first, slug) <= best_score:
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


SLUG_VOUCH = 0.75  # share of the slug's words a line must hold for its shape not to count against it
MAX_LOOK_BACK = 1000  # blocks above the story start where its headline may be (bounds the work on huge pages)
FAR_SLUG = 0.6  # below the story's start, a headline must hold this share of the slug's words


def _ends_with(text: str, tail: str) -> bool:
    return len(tail) < len(text) and text.endswith(tail)


def _headline_over_standfirst(blocks: Sequence[Block], above: int, chosen: int) -> bool:
    """Two title-like blocks in a row: the first is the headline, the second its standfirst
    (unless the first is a breadcrumb that ends with the headline)."""
    upper, lower = blocks[above].text, blocks[chosen].text
    return _is_title_like(blocks[above]) and lower not in upper and not _SEGMENTS.search(upper)


def _score_bound(b: Block, i: int, first: int, slug: frozenset[str]) -> float:
    """The most `_Page.score` can give this block (cheap: skips hopeless blocks)."""
    bound = 4.0 * slug_overlap(b.text, slug) + META_UNDER + 1.0 + 0.25 + REPEATED + QUOTED
    bound += _heading_evidence(b)
    return bound + (1.0 if i <= first else 0.0)


def _heading_evidence(b: Block) -> float:
    """An h1 says 'headline' more than an h2-h6; a heading of unknown level (a Markdown dump's
    '#' and '##' both arrive as level 0) says it in between."""
    if b.kind != "heading":
        return 0.0
    return {0: 1.0, 1: 1.5}.get(b.heading_level, 0.5)


LONG_TITLE = 120  # characters: longer lines are rarely headlines (captions, teasers, standfirsts)
META_UNDER = 2.0  # a byline or dateline under the headline, no other title-like line between
META_NEAR = 1.0  # ... with another title-like line between (that line is likelier the headline)
# Blocks a page puts between its headline and its story that say nothing about the distance:
_WIDGET_REASONS = frozenset({
    "share", "button", "decoration", "caption", "dateline", "byline", "date", "advertisement",
    "newsletter", "login", "skip-link",
})
REPEATED = 1.0  # printed again elsewhere on the page (share widgets, breadcrumbs, related lists)
REPEAT_MIN_WORDS = 4  # shorter lines repeat for other reasons (menus, sections, the site's name)


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
        if any(_is_prose(x) for x in blocks[i + 1:i + 7]):
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
            if self.blocks[j].reason not in _WIDGET_REASONS:
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
            if _is_meta_line(self.blocks[j].text):
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
        return any(
            abs(j - i) > 1 and len(other) <= 2 * len(key) + 40 and not _caption_or_notice(self.blocks[j])
            for j, other in self._folded.holding(key)
        )


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


REPEAT_MAX_CHARS = 480
REPEAT_SCAN = 3000  # blocks from each end of the page searched for a repeated headline
QUOTED = 2.0  # a comment header quotes the line: the page's own title
# '6 thoughts on “Title”', '34 responses to “Title”', '3 Gedanken zu „Title“': a count, a few
# words, the title in quotes to the end of the line
_QUOTING = re.compile(r"^\d+\s+\S+(?:\s+\S+){0,2}?\s+[“\"„«‘‹](?P<title>.{8,})[”\"“»’›]\s*$")


def _caption_or_notice(block: Block) -> bool:
    """A caption ('… | Bild: Jane Doe/rbb') or a copyright line repeats a photo's or the site's
    name, not the headline."""
    if block.reason in ("legal", "cookie-notice", "caption"):
        return True
    return phrase_reason(block.text, len(block.text.split())) in ("legal", "cookie-notice", "caption")


_NOT_TITLE_REASONS = frozenset({"caption", "dateline", "byline", "date", "decoration"})


def _title_penalty(text: str) -> float:
    """Evidence against a line being a headline, whatever its place."""
    penalty = 0.0
    if find_date(text) is not None:  # a caption ("…, Friday, Aug. 30, 2024 (AP Photo)") or a teaser
        penalty += 1.5
    if _CRUMBS.search(text):  # a breadcrumb, or the headline with the site's name
        penalty += 0.5
    if _GLUED.search(text):  # 'Log inRegisterLog out', 'HomeNewsBusiness': a menu's labels run together
        penalty += GLUED_PENALTY
    if _IMAGE.search(text):  # 'main article image', 'Example GmbH Logo': an image's alternative text
        penalty += IMAGE_PENALTY
    if len(text) > LONG_TITLE:  # headlines are short; captions and teasers' first sentences are not
        penalty += 1.0
    if _is_caption(text):
        penalty += 2.0
    if _is_prompt(text):  # '0 Email this to someone', 'Share on Facebook', 'Sign in'
        penalty += PROMPT_PENALTY
    if _names_line(text):  # 'By Jane Doe, Staff Writer', 'Jane Doe and John Roe, Associated Press'
        penalty += BYLINE_PENALTY
    if text[:1].isdigit() and _QUOTING.match(text):  # '6 thoughts on “Headline”': a comment header
        penalty += PROMPT_PENALTY
    return penalty


_CRUMBS = re.compile(r"\s[|/>»]\s")
_GLUED = re.compile(r"[a-zà-ÿ][A-ZÀ-Þ][a-zà-ÿ]+[A-ZÀ-Þ]")
GLUED_PENALTY = 2.0
IMAGE_PENALTY = 2.0
_IMAGE = re.compile(r"\b(?:logo|image|icon|thumbnail|placeholder)$", re.I)
PROMPT_PENALTY = 3.0
_COUNT = re.compile(r"^[\d\s.,:|]+")


@lru_cache(maxsize=4096)
def _is_prompt(text: str) -> bool:
    """A control's label: a boilerplate phrase (data/phrases.toml), also after a counter
    ('0 Email this to someone')."""
    rest = _COUNT.sub("", text)
    return phrase_reason(rest, len(rest.split())) in _PROMPT_REASONS


BYLINE_PENALTY = 3.0
_NAMES_HEAD = re.compile(r"\s*[,@|·•]\s*|\s+[-–—/]\s+")


@lru_cache(maxsize=4096)
def _names_line(text: str) -> bool:
    """A byline: 'By …' with names, a name with a role ('Jane Doe, Staff writer'), or a line
    that opens with full names and ends soon after ('Jane Doe@JaneDoe', 'Jane Doe, AP')."""
    if len(text) > META_LINE_CHARS:
        return False
    if looks_like_byline(text) and _all_full_names(parse_byline(text)):
        return True
    head, *rest = _NAMES_HEAD.split(text, maxsplit=1)
    if (bare := without_prefix(head)) != head and (names := _all_full_names(parse_byline(bare))):
        return names_fill(bare, names)  # 'Analysis by Jane Doe, CNN Editor-at-large'
    if not rest or len(text.split()) > 10:
        return False
    names = _all_full_names(parse_byline(head))
    if not names or not names_fill(head, names) or not all(w[:1].isupper() for n in names for w in n.split()):
        return False  # (capitals are evidence only in a cased script)
    return all(_capitalised(w) for w in rest[0].split())


def _is_title_like(block: Block, *, vouched: bool = False) -> bool:
    """A headline's shape: a few words (or a CJK line), no sentence or list punctuation at its
    end, no markup, not a bare name or date. Cheap tests first: most blocks fail early.
    `vouched`: the URL's slug names the line, so a name's shape ('Royal Self-Indicting
    Arrogance', 'The Impeachment Clock') or a Title-Cased line's full stop does not count against it."""
    text = block.text
    if len(text) > 250 or block.reason in _PROMPT_REASONS or block.kind in _BAD_KINDS:
        return False
    words = text.count(" ") + 1
    dense = words * 12 < len(text) and _WIDE.search(text) is not None  # CJK, Thai: few spaces
    if not (8 <= len(text) <= 150 if dense else (2 if vouched else 3) <= words <= 30):
        return False
    if block.link_density > 0.5:
        return False
    if not (_TITLE_END_OK.search(text) or text.endswith(("?", "!")) or (vouched and _title_cased(text))):
        return False
    return _title_words_ok(text, dense, vouched)


def _title_cased(text: str) -> bool:
    """'Home Depot Stock Is Falling After Its Earnings Release. Why You Shouldn't Worry.': a
    headline's capitals, whatever its last character (a caption or a standfirst is a sentence)."""
    words = [w for w in _WORD.findall(text) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)


TITLE_CASE_SHARE = 0.8


@lru_cache(maxsize=4096)
def _title_words_ok(text: str, dense: bool, vouched: bool = False) -> bool:
    if _MARKUP.search(text):  # a URL, a Markdown link or image, script
        return False
    if sum(1 for w in _WORD.findall(text) if not w.isdigit()) < (1 if dense else 2 if vouched else 3):
        return False  # "12 of 12", "1/3"
    # a bare name ('Jane Doe'); a CJK line this long is no name ('商品の改造が商標法違反に！？')
    if not (vouched or dense) and len(text) <= 40 and len(text.split()) <= 3 and is_name(text):
        return False
    return not (len(text) < 60 and find_date(text) is not None)


def _headline_text(blocks: Sequence[Block], i: int, found: Header) -> str:
    """The headline's text: a wrapped last line joined back, Markdown escapes and a kicker dropped."""
    text = blocks[i].text
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    if (blocks[i].kind == "heading" and nxt is not None and nxt.kind != "heading"
            and len(text) >= WRAP_COLUMN and len(nxt.text.split()) <= 4 and not _SENTENCE_END.search(text)
            and not _MARKUP.search(nxt.text) and not _is_names(unescape_markdown(nxt.text).strip(" _*"))):
        found.used[i + 1] = "title"
        text = f"{text} {nxt.text}"
    return _drop_kicker(_RULE.sub("", unescape_markdown(text))).strip(" _|*#")


# A horizontal rule a dump glued to the line ('… in Iran unrest ━━━━━━'): box drawing, '=', '-', '~'
_RULE = re.compile(r"^[\s\u2500-\u259f=~-]{3,}(?=\S)|(?<=\S)\s*[\u2500-\u259f=~-]{3,}\s*$")


def _declared_form(blocks: Sequence[Block], i: int, headline: str, slug: frozenset[str]) -> str | None:
    """The title the page declares for itself (its og:title), when a dump shows it apart from
    the visible headline: the last item of the breadcrumb trail above it, or the kicker over it
    joined as 'Kicker: Headline' when the URL's slug holds the kicker's words too."""
    return (_crumb_title(blocks, i, headline, slug) or _punctuated_title(blocks, i, headline)
            or _kicker_title(blocks, i, headline, slug))


PUNCTUATED_NEAR = 16  # blocks around the headline where the page may print it again, punctuated
_LIST_MARK = re.compile(r"^(?:\d{1,2}\.\s+)?[#*•·\s]*")


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


CRUMB_ABOVE = 16  # blocks above the headline where its breadcrumb trail may end
CRUMB_WORDS = 3  # 'Home', 'Politik', 'Deutschland': a trail's items before the page's own name
_NUMBERED = re.compile(r"^(\d{1,2})\.\s+(?:#+\s*)?(\S.*)$")


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


KICKER_WORDS = 3  # 'Kenia', 'Krieg in Nahost': a kicker is a few words


def _kicker_title(blocks: Sequence[Block], i: int, headline: str, slug: frozenset[str]) -> str | None:
    """'Kenia' over 'Nairobi von unten' at /522721.kenia-nairobi-von-unten.html: the slug names
    the kicker's words, the headline lacks them: the page's title is 'Kenia: Nairobi von unten'."""
    if i == 0 or not slug:
        return None
    kicker = blocks[i - 1].text.strip(" _*#")
    if not 1 <= len(kicker.split()) <= KICKER_WORDS or not kicker[:1].isupper() or _SENTENCE_END.search(kicker):
        return None
    words = {w for w in _folded_words(kicker) if len(w) >= 3 and w.isalpha()}
    if not words or not words <= slug or words & _folded_words(headline):
        return None
    title = f"{kicker}: {headline}"
    # the slug spells out kicker and headline together ('kenia-nairobi-von-unten'), not a story
    # that merely names the kicker ('david-eriksen-dukket-opp-da-tone-damli-fodte': 'Tone Damli')
    return title if slug_overlap(title, slug) >= SLUG_VOUCH else None


def _is_names(text: str) -> bool:
    """'Noora Mykkanen', 'VonUlrich Exner_Korrespondent': a byline, not the end of a wrapped headline."""
    return _names_line(text) or bool(_all_full_names(parse_byline(text)))


def _drop_kicker(text: str) -> str:
    """'Minderheit in Syrien - Drusen fordern …': a short kicker rendered in front of the headline."""
    m = _KICKER.match(text)
    if m and len(m.group("kicker").split()) <= 4 and len(m.group("title").split()) >= 4:
        return m.group("title").strip()
    return text


@lru_cache(maxsize=256)
def slug_words(url: str | None) -> frozenset[str]:
    """The words of the URL's slug ('.../sweden-tells-5-000-000-households-how-survive/') folded
    to ASCII; empty when the URL has no wordy slug (numeric ids, CJK sites)."""
    if not url or "//" not in url:
        return frozenset()
    path = unquote(urlsplit(url).path)
    best: list[str] = []
    for segment in path.split("/"):
        words = [w for w in re.split(r"[-_.+]", _fold(segment))
                 if len(w) >= 3 and w.isalpha() and w not in _URL_WORDS]
        if len(words) > len(best):
            best = words
    return frozenset(best) if len(best) >= 2 else frozenset()


def slug_overlap(text: str, slug: frozenset[str]) -> float:
    """Share of the slug's words the text contains (umlauts also as 'ae', 'oe', 'ue')."""
    return len(slug & _folded_words(text)) / len(slug) if slug else 0.0


@lru_cache(maxsize=4096)
def _folded_words(text: str) -> frozenset[str]:
    words = frozenset(_WORD.findall(_fold(text)))
    if text.isascii():  # most lines: the other spellings would be the same
        return words
    # slugifiers that drop letters that are not ASCII cut a word there ('veículos' -> 've-culos');
    # other characters go as in _fold ('Sinwar’s' -> 'sinwars')
    cut = _NOT_ASCII_LETTER.sub(" ", text.casefold()).encode("ascii", "ignore").decode("ascii")
    words |= frozenset(_WORD.findall(cut))
    if _UMLAUT.search(text) is None:
        return words
    return words | frozenset(_WORD.findall(_fold(_umlauts(text))))


_UMLAUT = re.compile("[äöüÄÖÜ]")
_NOT_ASCII_LETTER = re.compile(r"[^\W\d_a-z]")  # (on case-folded text)


def _fold(text: str) -> str:
    """ASCII letters and digits, as slugs are written: 'Höcke' -> 'hocke' (and 'hoecke' via _umlauts)."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("ß", "ss"))
    return text.encode("ascii", "ignore").decode("ascii")


def _umlauts(text: str) -> str:
    return text.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")


# --- byline, dateline, standfirst ------------------------------------------------------------

def _find_byline(blocks: Sequence[Block], anchor: int, found: Header, day_first: _DayFirst) -> int | None:
    """The byline under the headline (or just above it), by decreasing evidence:
    'By …' or '… Staff writer' (a segment of the line); a line with a date that starts with
    names; a bare name line next to a date or repeated (avatar text and link)."""
    window = range(max(0, anchor - 3), _below(blocks, anchor, UNDER_TITLE) + 1)
    for finder in (_prefixed_names, _names_with_date, _names_among_meta, _bare_names, _name_after_dek):
        for i in window:
            if i != anchor and (names := finder(blocks, i, anchor)):
                return _take_byline(blocks, i, names, found, day_first)
    return None


def _below(blocks: Sequence[Block], i: int, count: int) -> int:
    """The index `count` blocks under block i, not counting a Markdown dump's link and image
    debris (a share bar's URLs wrapped over several lines puts the byline far under the
    headline in blocks, not in what a reader sees), nor widgets (captions, share buttons, ads)."""
    j = i
    while count > 0 and j + 1 < len(blocks):
        j += 1
        if blocks[j].reason not in _WIDGET_REASONS and not _is_debris(blocks[j].text):
            count -= 1
    return j


# 'Phishing-2-3840px-82adf0aebe8ed409.png)', 'ueberzeugen/forum-538944/comment/ "Kommentar lesen")':
# a piece of a wrapped URL, alone or followed by the link's title
# (ASCII only: a CJK paragraph has no spaces either)
_URL_PIECE = re.compile(r"^[!-~]{20,}$|^(?=[^\s/%=]*[/%=])[!-~]{20,}(?:\s|$)")


DEBRIS_CHARS = 300  # longer blocks hold text a reader sees, whatever links they also hold


@lru_cache(maxsize=4096)
def _is_debris(text: str) -> bool:
    if len(text) > DEBRIS_CHARS:
        return False
    return _URL_PIECE.match(text) is not None or _MARKUP.search(text) is not None


def _far_byline(blocks: Sequence[Block], first: int, found: Header, day_first: _DayFirst) -> int | None:
    """No byline by the headline (a dump may render the headline far from the story): the
    'By …' line of full names nearest the start of the body."""
    stop = min(len(blocks), first + LOOK_AHEAD + 1)
    for i in _by_distance(first, stop, above=first, below=LOOK_AHEAD):
        text = blocks[i].text
        if blocks[i].reason in _PROMPT_REASONS or len(text) > META_LINE_CHARS:
            continue
        if not (starts_like_byline(text) or is_prefix_only(text)):
            continue  # only lines that open with 'By', 'Von', … ('Von' alone: the names are on the next)
        if (names := _all_full_names(_prefixed_names(blocks, i, first))) and i not in found.used:
            return _take_byline(blocks, i, names, found, day_first)
    return None


def _find_signature(blocks: Sequence[Block], found: Header) -> None:
    """No byline at the top: some sites sign at the bottom ('Lê Phương', '(责编：牛镛、岳弘彬)',
    '정덕현 칼럼니스트 <email>'), on a short line of its own right after the story's last paragraph.
    A line that says it is a byline (a prefix, a role) may sit a little higher: the block taken
    for the last paragraph may be a copyright line or a credit under the signature."""
    last = next((i for i in range(len(blocks) - 1, -1, -1) if blocks[i].reason is None), None)
    if last is None:
        return
    for i in range(max(0, last - SIGNATURE_ABOVE), min(len(blocks), last + 3)):
        text = blocks[i].text.strip(" ()（）")
        if len(text) > 60 or i in found.used:
            continue
        if starts_like_byline(text) or looks_like_byline(text):
            names = parse_byline(text)  # '(责编：牛镛、岳弘彬)', 'Von Jane Doe', '정덕현 칼럼니스트'
        elif last <= i <= last + 1 and _is_prose(blocks[i - 1]):  # a bare name under the last paragraph
            names = [n for n in _all_full_names(parse_byline(text)) if _plain_person_name(n)]
            names = names if names_fill(text, names) else []
        else:
            names = []
        if names:
            found.used[i] = "byline"
            found.candidates.append(Candidate("authors", tuple(names), "signature"))
            return


SIGNATURE_ABOVE = 3  # blocks above the last body block where a labelled signature may sit


_CAMEL_GLUE = re.compile(r"[a-zà-ÿ][A-ZÀ-Þ]")


def _plain_person_name(name: str) -> bool:
    """A bare name with no prefix to vouch for it: letters of a cased script, no words glued
    together ('MilitärDonald'), no function words ('Der Morgen', 'Most Popular')."""
    words = name.split()
    if _CAMEL_GLUE.search(name) or not all(w[:1].isupper() for w in words):
        return False
    return not has_label_word(name) and not any(w.casefold() in stopwords() for w in words)


def _take_byline(blocks: Sequence[Block], i: int, names: list[str], found: Header, day_first: _DayFirst) -> int:
    found.used[i] = "byline"
    if is_prefix_only(blocks[i].text) and i + 1 < len(blocks):  # 'Von' / 'Dirk Knop': both lines
        found.used[i + 1] = "byline"
    found.candidates.append(Candidate("authors", tuple(names), "byline"))
    if date := _dated(blocks[i].text, day_first):
        found.candidates.append(Candidate("date", date, "byline"))
    return i


def _prefixed_names(blocks: Sequence[Block], i: int, anchor: int) -> list[str]:
    """'By Jane Doe', 'Do 25.04.24 | 14:07 Uhr | Von Jane Doe', '박준석 기자', or 'Von' alone
    with the names in the next block."""
    text = blocks[i].text
    if len(text) > META_LINE_CHARS:
        return []
    if is_prefix_only(text) and i + 1 < len(blocks):
        return parse_byline(text + " " + blocks[i + 1].text)
    for segment in _SEGMENTS.split(text):
        if looks_like_byline(segment) and (names := parse_byline(segment)):
            return names
    return []


def _names_with_date(blocks: Sequence[Block], i: int, anchor: int) -> list[str]:
    """'Yasmine Hassan · CBC News · Posted: Aug 08, 2024', 'Jane Doe og John Roe Offentliggjort 6. feb 2025'."""
    text = blocks[i].text
    if i < anchor or len(text) > META_LINE_CHARS or find_date(text) is None:
        return []
    head = _SEGMENTS.split(text, maxsplit=1)[0].strip()
    return _all_full_names(parse_byline(head))


def _names_among_meta(blocks: Sequence[Block], i: int, anchor: int) -> list[str]:
    """'Januar 2026 • Gregor Meier • 3 Minuten': one segment of a meta line is a full name, the
    others carry numbers (a date, a time, a reading time)."""
    text = blocks[i].text
    if i < anchor or len(text) > META_LINE_CHARS:
        return []
    segments = [seg.strip() for seg in _SEGMENTS.split(text) if seg.strip()]
    if len(segments) < 2 or not any(ch.isdigit() for ch in text):
        return []
    for k, seg in enumerate(segments):
        if not any(ch.isdigit() for ch in seg) and (names := _all_full_names(parse_byline(seg))):
            others = segments[:k] + segments[k + 1:]  # a sentence after a dash is no meta segment
            if all(len(o.split()) <= META_SEGMENT_WORDS for o in others):
                return names
    return []


META_SEGMENT_WORDS = 5  # 'Januar 2026', '3 Minuten Lesezeit': the other segments of a meta line are short


def _bare_names(blocks: Sequence[Block], i: int, anchor: int) -> list[str]:
    """'Noora Mykkanen' alone on its line, a few blocks under the headline, next to a dateline
    or repeated (an avatar's text and the link)."""
    if not anchor < i <= anchor + 6 or blocks[i].kind in ("button", "table-row") or len(blocks[i].text) > 400:
        return []  # (cheap tests first; placeholders may make a long line short)
    text = without_placeholders(blocks[i].text)
    if len(text) > 80:
        return []
    names = _all_full_names(parse_byline(text))
    if not names or not text.startswith(names[0]) or len(text) - sum(len(n) for n in names) > 25:
        return []  # the line is its names (and a joiner, a short prompt), nothing else
    if 0 < i < len(blocks) - 1 and _is_prose(blocks[i - 1]) and _is_prose(blocks[i + 1]):
        return []  # a name between two paragraphs of the story: a caption, a quote's speaker
    near = blocks[max(0, i - 4):i + 4]
    if mentions_date(text) or any(b.text == blocks[i].text for b in blocks[i + 1:i + 3]) or any(
        mentions_date(b.text) for b in near if len(b.text) < 120
    ):
        return names
    return []


DEK_BLOCKS = 4  # a standfirst of up to three paragraphs under a dateline, the name glued to the last
_TAIL_NAME = re.compile(r"[.!?…]\s+(\S+(?:\s\S+){1,3})$")


def _name_after_dek(blocks: Sequence[Block], i: int, anchor: int) -> list[str]:
    """'He told the truth about the threat. John Nichols': a dump unwrapped the standfirst and
    the byline under it into one paragraph."""
    if not anchor < i <= anchor + DEK_BLOCKS or not (m := _TAIL_NAME.search(blocks[i].text)):
        return []
    names = _all_full_names(parse_byline(m.group(1)))
    return names if len(names) == 1 and names[0] == m.group(1) and _plain_person_name(names[0]) else []


def _all_full_names(names: list[str]) -> list[str]:
    """Names of two to four words, each capitalised (or written in a script without case, and
    then short: '松岡 大地', not '多国間連携に注力 アフガンやガザ対応に批判も')."""
    ok = all(2 <= len(n.split()) <= 4 and all(_capitalised(w) for w in n.split()) for n in names)
    return names if names and ok else []


CASELESS_NAME_WORD = 5  # characters: a CJK name's parts are short


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or (word[:1].lower() == word[:1].upper() and len(word) <= CASELESS_NAME_WORD)


def _photo_dated(text: str) -> bool:
    """A caption whose date is the photo's: '…＝ワシントンで2025年1月13日、AP', '…, Friday, Aug. 30,
    2024, in Johnstown, Pa. (AP Photo/Alex Brandon)' (a credit that ends the line; a time after
    it is the story's: '(Bild: dpa) 13:37 Uhr')."""
    return "＝" in text or _PHOTO_CREDIT_END.search(text) is not None


# '(AP Photo/Alex Brandon)', '(Foto: Jane Doe)' closing the line; not a time '(07:05 pm ET)'
_PHOTO_CREDIT_END = re.compile(r"\([^()]*(?:[^\W\d_]\s*/|[^\W\d_]:\s)[^()]*\)[\s.]*$")


def _is_caption(text: str) -> bool:
    """'… (AP Photo/Alex Brandon)', '…＝13日、気象庁' (the Japanese press's caption sign): a
    photo's caption, whatever date it names."""
    return "＝" in text or _CREDIT.search(text) is not None


@lru_cache(maxsize=4096)
def _is_meta_line(text: str) -> bool:
    if len(text) > META_LINE_CHARS:
        return False
    return looks_like_byline(text) or find_date(text) is not None


BODY_DATELINE_ABOVE = 3  # blocks above the story's first paragraph searched for its dateline


def _find_dateline(
    blocks: Sequence[Block], anchor: int, first: int, found: Header, day_first: _DayFirst
) -> None:
    """The short line holding a date nearest the byline (when there is one), else nearest the
    headline, else just above the story's first paragraph; lines under it before lines over it
    ("Updated: July 29, 2009 10:30 ET")."""
    byline = next((i for i, role in found.used.items() if role == "byline"), None)
    around = [(byline, 3, _below(blocks, byline, UNDER_TITLE) - byline)] if byline is not None else []
    # last, just above the story's first paragraph (a dump may put menus between headline and story)
    places = [*around, (anchor, 3, _below(blocks, anchor, UNDER_TITLE) - anchor), (first, BODY_DATELINE_ABOVE, 0)]
    lines = [i for centre, above, below in places for i in _by_distance(centre, len(blocks), above=above, below=below)
             if i not in found.used and i != anchor and len(blocks[i].text) <= META_LINE_CHARS
             and not _photo_dated(blocks[i].text)]
    for i in lines:
        if date := _dated(blocks[i].text, day_first):
            found.used[i] = "date"
            found.candidates.append(Candidate("date", date, "dateline"))
            return
    # No date written out: one relative to when the page was shown ('heute um 12:19 Uhr'),
    # which only the caller's reference time can read (see resolve).
    for i in lines:
        if relative := find_relative(blocks[i].text):
            found.used[i] = "date"
            field = "modified" if relative.updated else "date"
            found.candidates.append(Candidate(field, relative, "relative"))
            return


def _by_distance(centre: int, n: int, *, above: int, below: int) -> list[int]:
    """Indexes around `centre`, nearest first; at equal distance the one below."""
    around = [i for i in range(centre - above, centre + below + 1) if 0 <= i < n and i != centre]
    return sorted(around, key=lambda i: (abs(i - centre) + (0.5 if i < centre else 0)))


def _find_standfirst(blocks: Sequence[Block], title_at: int, byline_at: int | None, found: Header) -> None:
    """The standfirst (dek) of a page whose markup gives no description (a text dump): the first
    block between the headline and the byline under it, when it is a sentence. (With no byline
    there, a dek cannot be told from a lead paragraph that retells the headline: none is taken.)"""
    if byline_at is None or not title_at < byline_at <= title_at + UNDER_TITLE:
        return
    between = [i for i in range(title_at + 1, byline_at) if i not in found.used]
    if between and _is_sentence(blocks[between[0]].text):
        _take_standfirst(blocks, between[0], found)


def _find_standfirst_between(
    blocks: Sequence[Block], title_at: int, byline_at: int | None, found: Header
) -> None:
    """One prose block alone between the headline and the byline is the standfirst."""
    if byline_at is None or byline_at <= title_at:
        return
    between = [i for i in range(title_at + 1, byline_at) if i not in found.used]
    if len(between) == 1 and _is_prose(blocks[between[0]]):
        _take_standfirst(blocks, between[0], found)


def _take_standfirst(blocks: Sequence[Block], i: int, found: Header) -> None:
    found.used[i] = "description"
    found.candidates.append(Candidate("description", blocks[i].text, "standfirst"))


STANDFIRST_CHARS = 300  # a standfirst is a sentence or two


def _is_sentence(text: str) -> bool:
    """A short run of prose: ends like a sentence, a few words (or a CJK line) long."""
    text = text.rstrip()
    if len(text) > STANDFIRST_CHARS or not text.endswith((".", "!", "?", "…", "。", '"', "”", "»")):
        return False
    words = len(text.split())
    return words >= 4 or (len(text) >= 15 and words * 12 < len(text))


def _is_prose(block: Block) -> bool:
    return len(block.text) >= 60 and block.text.rstrip().endswith((".", "!", "?", "…", "。", '"', "”"))


def _from_url(url: str | None) -> Iterator[Candidate]:
    if url and (value := url_date(url)):
        yield Candidate("date", value, "url")


# --- language --------------------------------------------------------------------------------

_PROFILE_CHARS = 1500  # enough body text for a stop-word profile


def stopword_language(blocks: Sequence[Block], first: int) -> str | None:
    """The language whose stop words are most frequent in the body's first paragraphs."""
    sample = " ".join(b.text for b in blocks[first:] if b.reason is None)[:_PROFILE_CHARS]
    words = _WORD.findall(sample.casefold())
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
