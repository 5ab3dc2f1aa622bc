"""Metadata from the blocks themselves: the visible headline, standfirst, byline and dateline.

This is all a plain-text dump offers, and on HTML pages it is the visible evidence that
agrees or disagrees with the markup. The headline is found first (`headline`); the byline and
dateline are then looked for just under it, the standfirst between them.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..blocks import Block
from ..dates import (
    after_published_labels,
    date_span,
    find_date,
    find_relative,
    is_update_line,
    mentions_date,
    slug_date,
    url_date,
)
from ..dates.order import PageOrder
from .byline import (
    META_LINE_CHARS,
    all_full_names,
    has_list_heading_word,
    is_prefix_only,
    looks_like_byline,
    names_fill,
    parse_byline,
    plain_person_name,
    starts_like_byline,
    strict_person_name,
    without_placeholders,
)
from .candidates import Candidate
from .headline import LOOK_AHEAD, declared_form, find_title, headline_text
from .language import stopword_language
from .lines import PROMPT_REASONS, WIDGET_REASONS, by_distance, has_markup, is_prose, photo_dated, segments
from .slug import slug_words

UNDER_TITLE = 8  # blocks under the headline searched for its byline and dateline
DATE_LINE_CHARS = 60  # a line this short with a date under a line of names is their dateline
# 'Phishing-2-3840px-82adf0aebe8ed409.png)', 'ueberzeugen/forum-538944/comment/ "Kommentar lesen")':
# a piece of a wrapped URL, alone or followed by the link's title
# (ASCII only: a CJK paragraph has no spaces either)
_URL_PIECE = re.compile(r"^[!-~]{20,}$|^(?=[^\s/%=]*[/%=])[!-~]{20,}(?:\s|$)")
DEBRIS_CHARS = 300  # longer blocks hold text a reader sees, whatever links they also hold
SIGNATURE_ABOVE = 3  # blocks above the last body block where a labelled signature may sit
META_SEGMENT_WORDS = 5  # 'Januar 2026', '3 Minuten Lesezeit': the other segments of a meta line are short
DEK_BLOCKS = 4  # a standfirst of up to three paragraphs under a dateline, the name glued to the last
_TAIL_NAME = re.compile(r"[.!?…]\s+(\S+(?:\s\S+){1,3})$")
BODY_DATELINE_ABOVE = 3  # blocks above the story's first paragraph searched for its dateline
STANDFIRST_CHARS = 300  # a standfirst is a sentence or two
LEAD_BLOCKS = 3  # the story's first paragraphs, one of which may open with its date ('27.1.2022 - Bei …')
LEAD_LABEL_WORDS = 3  # 'Pressemitteilung vom 25. Januar 2022 | Berlin – …', 'Karlsruhe, (12.11.2021).'
# what follows a date that opens a paragraph as its dateline, not as part of a sentence ('Am
# 8. November 2021 findet …'): a dash, a bar, a colon, an opening quote, a closing parenthesis
_SENTENCE_MARK = re.compile(r"[.!?]")  # a label before the lead's date is no sentence
_AFTER_LEAD_DATE = re.compile(r"\s*(?:,?\s*\d{1,2}[:.]\d{2}(?:\s*Uhr)?\s*)?[-–—|:„“\"»«•)]")


@dataclass(slots=True)
class Header:
    """What the blocks say of the page's metadata: candidates, and the blocks that gave them.
    Each finder returns one of its own (what it found), which `header` adds to the page's."""

    candidates: list[Candidate] = field(default_factory=list)
    used: dict[int, str] = field(default_factory=dict)  # block index -> "title" / "byline" / ...

    def add(self, found: Header | None) -> Header | None:
        """Take in what a finder found (in its order); returns it."""
        if found is not None:
            self.used.update(found.used)
            self.candidates.extend(found.candidates)
        return found

    def at(self, role: str) -> int | None:
        """The first block used for `role`."""
        return next((i for i, r in self.used.items() if r == role), None)


def header(
    blocks: Sequence[Block], url: str | None = None, *, known: Collection[str] = (), languages: Sequence[str] = (),
    pruned: Sequence[str] = (),
) -> Header:
    """Candidates from the blocks. `known`: the fields the markup already gives (HTML); for those
    the stop-word language guess is skipped. `languages`: the languages or locales the markup
    declares ('en-GB', 'de'): evidence for the order of a date's day and month. `pruned`: the
    texts of the subtrees pruned before the page became blocks (a footer's 'Erschienen am …')."""
    found = Header()
    found.candidates.extend(_from_url(url))
    if not blocks:
        return found
    first = next((i for i, b in enumerate(blocks) if b.reason is None), len(blocks) // 3)
    # Markup that declares a title (HTML) makes the page-wide evidence unnecessary: the visible
    # headline only confirms it, and an HTML page renders its headline near its story.
    slug = slug_words(url)
    title_at = find_title(blocks, first, slug, whole_page="title" not in known)
    anchor = title_at if title_at is not None else max(0, first - 1)
    language = stopword_language(blocks, first) if "language" not in known else None
    # (the stop words are counted for the order only when a date needs it and the markup gives no language)
    order = PageOrder(languages=languages, url=url, texts=lambda: (b.text for b in blocks),
                      guess=lambda: language or stopword_language(blocks, first))
    under = _below(blocks, anchor, UNDER_TITLE)  # (the byline's and the dateline's search reach)
    byline = found.add(_find_byline(blocks, anchor, order, under=under))
    if byline is None:  # (even when the markup names someone: it may be the site itself)
        byline = found.add(_far_byline(blocks, first, found.used, order))
    if byline is None:  # (a signature under the story is no byline for the standfirst search)
        found.add(_find_signature(blocks, found.used))
    byline_at = byline.at("byline") if byline is not None else None
    found.add(_find_dateline(blocks, anchor, first, found.used, order, headline=title_at, under=under))
    if (
        "date" not in known and not any(c.field == "date" for c in found.candidates)
        and found.add(_page_date(blocks, first, found.used, order)) is None
    ):
        found.add(_labelled_date(pruned, order))
    if title_at is not None:
        found.used[title_at] = "title"
        headline, wrapped = headline_text(blocks, title_at)
        if wrapped:  # (the wrapped last line)
            found.used[title_at + 1] = "title"
        if "title" not in known and (declared := declared_form(blocks, title_at, headline, slug)):
            found.candidates.append(Candidate("title", declared, "headline"))  # first: the one resolve takes
        found.candidates.append(Candidate("title", headline, "headline"))
        if "description" not in known:  # (declared, a standfirst would only leave the body)
            found.add(_find_standfirst(blocks, title_at, byline_at, found.used))
    if language:
        found.candidates.append(Candidate("language", language, "stopwords"))
    return found


def _find_byline(blocks: Sequence[Block], anchor: int, order: PageOrder, *, under: int | None = None) -> Header | None:
    """The byline under the headline (or just above it), by decreasing evidence:
    'By …' or '… Staff writer' (a segment of the line); a line with a date that starts with
    names; a bare name line next to a date or repeated (avatar text and link). `under`: the
    anchor's `_below` (the caller's, when known)."""
    under = _below(blocks, anchor, UNDER_TITLE) if under is None else under
    window = range(max(0, anchor - 3), under + 1)
    for finder in (_prefixed_names, _names_with_date, _names_among_meta, _bare_names, _name_after_dek):
        for i in window:
            if i != anchor and (names := finder(blocks, i, anchor)):
                return _take_byline(blocks, i, names, order)
    return None


def _below(blocks: Sequence[Block], i: int, count: int) -> int:
    """The index `count` blocks under block i, not counting a Markdown dump's link and image
    debris (a share bar's URLs wrapped over several lines puts the byline far under the
    headline in blocks, not in what a reader sees), nor widgets (captions, share buttons, ads)."""
    j = i
    while count > 0 and j + 1 < len(blocks):
        j += 1
        if blocks[j].reason not in WIDGET_REASONS and not _is_debris(blocks[j].text):
            count -= 1
    return j


@lru_cache(maxsize=4096)
def _is_debris(text: str) -> bool:
    if len(text) > DEBRIS_CHARS:
        return False
    return _URL_PIECE.match(text) is not None or has_markup(text)


def _far_byline(blocks: Sequence[Block], first: int, used: Mapping[int, str], order: PageOrder) -> Header | None:
    """No byline by the headline (a dump may render the headline far from the story): the
    'By …' line of full names nearest the start of the body."""
    stop = min(len(blocks), first + LOOK_AHEAD + 1)
    for i in by_distance(first, stop, above=first, below=LOOK_AHEAD):
        text = blocks[i].text
        if blocks[i].reason in PROMPT_REASONS or len(text) > META_LINE_CHARS:
            continue
        if not (starts_like_byline(text) or is_prefix_only(text)):
            continue  # only lines that open with 'By', 'Von', … ('Von' alone: the names are on the next)
        if (names := all_full_names(_prefixed_names(blocks, i, first))) and i not in used:
            return _take_byline(blocks, i, names, order)
    return None


def _find_signature(blocks: Sequence[Block], used: Mapping[int, str]) -> Header | None:
    """No byline at the top: some sites sign at the bottom ('Lê Phương', '(责编：牛镛、岳弘彬)',
    '정덕현 칼럼니스트 <email>'), on a short line of its own right after the story's last paragraph.
    A line that says it is a byline (a prefix, a role) may sit a little higher: the block taken
    for the last paragraph may be a copyright line or a credit under the signature."""
    last = next((i for i in range(len(blocks) - 1, -1, -1) if blocks[i].reason is None), None)
    if last is None:
        return None
    for i in range(max(0, last - SIGNATURE_ABOVE), min(len(blocks), last + 3)):
        text = blocks[i].text.strip(" ()（）")
        if len(text) > 60 or i in used:
            continue
        if starts_like_byline(text) or looks_like_byline(text):
            names = parse_byline(text)  # '(责编：牛镛、岳弘彬)', 'Von Jane Doe', '정덕현 칼럼니스트'
        elif last <= i <= last + 1 and is_prose(blocks[i - 1]):  # a bare name under the last paragraph
            names = [n for n in all_full_names(parse_byline(text)) if plain_person_name(n)]
            names = names if names_fill(text, names) else []
        else:
            names = []
        if names:
            return Header([Candidate("authors", tuple(names), "signature")], {i: "byline"})
    return None


def _take_byline(blocks: Sequence[Block], i: int, names: list[str], order: PageOrder) -> Header:
    found = Header([Candidate("authors", tuple(names), "byline")], {i: "byline"})
    if is_prefix_only(blocks[i].text) and i + 1 < len(blocks):  # 'Von' / 'Dirk Knop': both lines
        found.used[i + 1] = "byline"
    date, alt = order.read_both(blocks[i].text)
    if date:
        found.candidates.append(Candidate("date", date, "byline", alt))
    return found


def _prefixed_names(blocks: Sequence[Block], i: int, anchor: int) -> list[str]:
    """'By Jane Doe', 'Do 25.04.24 | 14:07 Uhr | Von Jane Doe', '박준석 기자', or 'Von' alone
    with the names in the next block."""
    text = blocks[i].text
    if len(text) > META_LINE_CHARS:
        return []
    if is_prefix_only(text) and i + 1 < len(blocks):
        return parse_byline(text + " " + blocks[i + 1].text)
    for segment in segments(text):
        if looks_like_byline(segment) and (names := parse_byline(segment)):
            return names
    return []


def _names_with_date(blocks: Sequence[Block], i: int, anchor: int) -> list[str]:
    """'Yasmine Hassan · CBC News · Posted: Aug 08, 2024', 'Jane Doe og John Roe Offentliggjort 6. feb 2025',
    or a line of names alone over a short line with the date ('Published 10:02 AM EST Nov 19, 2019')."""
    text = blocks[i].text
    if i < anchor or len(text) > META_LINE_CHARS:
        return []
    dated = find_date(text) is not None
    if not dated and not (
        i + 1 < len(blocks) and len(blocks[i + 1].text) <= DATE_LINE_CHARS and find_date(blocks[i + 1].text)
    ):
        return []
    names = all_full_names(parse_byline(segments(text)[0].strip()))
    if dated:
        return names
    # (no prefix, no date on the line: it opens with a person's name; a publisher's may follow)
    return [n for n in names if strict_person_name(n)] if names and strict_person_name(names[0]) else []


def _names_among_meta(blocks: Sequence[Block], i: int, anchor: int) -> list[str]:
    """'Januar 2026 • Gregor Meier • 3 Minuten': one segment of a meta line is a full name, the
    others carry numbers (a date, a time, a reading time)."""
    text = blocks[i].text
    if i < anchor or len(text) > META_LINE_CHARS:
        return []
    parts = [seg.strip() for seg in segments(text) if seg.strip()]
    if len(parts) < 2 or not any(ch.isdigit() for ch in text):
        return []
    for k, seg in enumerate(parts):
        if not any(ch.isdigit() for ch in seg) and (names := all_full_names(parse_byline(seg))):
            others = parts[:k] + parts[k + 1:]  # a sentence after a dash is no meta segment
            if all(len(o.split()) <= META_SEGMENT_WORDS for o in others):
                return names
    return []


def _bare_names(blocks: Sequence[Block], i: int, anchor: int) -> list[str]:
    """'Noora Mykkanen' alone on its line, a few blocks under the headline, next to a dateline
    or repeated (an avatar's text and the link)."""
    if not anchor < i <= anchor + 6 or blocks[i].kind in ("button", "table-row") or len(blocks[i].text) > 400:
        return []  # (cheap tests first; placeholders may make a long line short)
    text = without_placeholders(blocks[i].text)
    if len(text) > 80:
        return []
    names = all_full_names(parse_byline(text))
    if not names or not text.startswith(names[0]) or len(text) - sum(len(n) for n in names) > 25:
        return []  # the line is its names (and a joiner, a short prompt), nothing else
    if has_list_heading_word(names[0]):
        return []  # a list's heading next to its teasers' dates ('Utopia Newsletter', 'Ähnliche Beiträge')
    if 0 < i < len(blocks) - 1 and is_prose(blocks[i - 1]) and is_prose(blocks[i + 1]):
        return []  # a name between two paragraphs of the story: a caption, a quote's speaker
    near = blocks[max(0, i - 4):i + 4]
    if mentions_date(text) or any(b.text == blocks[i].text for b in blocks[i + 1:i + 3]) or any(
        mentions_date(b.text) for b in near if len(b.text) < 120
    ):
        return names
    return []


def _name_after_dek(blocks: Sequence[Block], i: int, anchor: int) -> list[str]:
    """'He told the truth about the threat. John Nichols': a dump unwrapped the standfirst and
    the byline under it into one paragraph."""
    if not anchor < i <= anchor + DEK_BLOCKS or not (m := _TAIL_NAME.search(blocks[i].text)):
        return []
    names = all_full_names(parse_byline(m.group(1)))
    return names if len(names) == 1 and names[0] == m.group(1) and plain_person_name(names[0]) else []


def _find_dateline(
    blocks: Sequence[Block], anchor: int, first: int, used: Mapping[int, str], order: PageOrder,
    *, headline: int | None = None, under: int | None = None,
) -> Header | None:
    """The short line holding a date nearest the byline (when there is one), else nearest the
    headline, else just above the story's first paragraph; lines under it before lines over it
    ("Posted: July 29, 2009 10:30 ET"). A line labelled as the last update ('Updated: …',
    'Stand: …') gives the modified date; it is the date only when no other line gives one.
    `headline`: the headline's block, never a dateline (the anchor without one is only the line
    above the first paragraph: it may be one). `under`: the anchor's `_below`, when known."""
    byline = next((i for i, role in used.items() if role == "byline"), None)
    around = [(byline, 3, _below(blocks, byline, UNDER_TITLE) - byline)] if byline is not None else []
    # last, just above the story's first paragraph (a dump may put menus between headline and story)
    under = _below(blocks, anchor, UNDER_TITLE) if under is None else under
    places = [*around, (anchor, 3, under - anchor), (first, BODY_DATELINE_ABOVE, 0)]
    lines = [i for centre, above, below in places for i in by_distance(centre, len(blocks), above=above, below=below)
             if i not in used and i != headline and len(blocks[i].text) <= META_LINE_CHARS
             and not photo_dated(blocks[i].text)]
    lines = list(dict.fromkeys(lines))  # (the places overlap: each line once, at its nearest)
    update: tuple[int, Candidate] | None = None
    for i in lines:
        date, alt = order.read_both(blocks[i].text)
        if not date:
            continue
        if update is None and is_update_line(blocks[i].text):
            update = (i, Candidate("modified", date, "dateline", alt))
            continue
        return _with_update(Header([Candidate("date", date, "dateline", alt)], {i: "date"}), update)
    if (lead := _lead_date(blocks, first, used, order)) is not None:
        return _with_update(lead, update)
    if update:  # the only date written out is the update's: the date too, after the URL's
        i, modified = update
        return Header([modified, Candidate("date", modified.value, "updated", modified.alt)], {i: "date"})
    # No date written out: one relative to when the page was shown ('heute um 12:19 Uhr'),
    # which only the caller's reference time can read (see resolve).
    for i in lines:
        if relative := find_relative(blocks[i].text):
            field = "modified" if relative.updated else "date"
            return Header([Candidate(field, relative, "relative")], {i: "date"})
    return None


def _with_update(found: Header, update: tuple[int, Candidate] | None) -> Header:
    if update:
        found.used[update[0]] = "date"
        found.candidates.append(update[1])
    return found


def _lead_date(blocks: Sequence[Block], first: int, used: Mapping[int, str], order: PageOrder) -> Header | None:
    """A date that opens one of the story's first paragraphs, set off from the sentence after
    it ('01.02.2022 „Der Arbeitsmarkt …', '(21. November 2022) Energieverbraucher …'). The
    paragraph stays in the body: the date is part of its first line, not a line of its own."""
    lead = [i for i in range(first, len(blocks))
            if blocks[i].reason is None and blocks[i].kind != "heading" and i not in used][:LEAD_BLOCKS]
    for i in lead:
        text = blocks[i].text
        if (span := date_span(text)) is None:
            continue
        label = text[:span[0]]
        if len(label.split()) <= LEAD_LABEL_WORDS and not _SENTENCE_MARK.search(label) and (
            _AFTER_LEAD_DATE.match(text, span[1])
        ):
            date, alt = order.read_both(text[:span[1]])
            if date:
                return Header([Candidate("date", date, "dateline", alt)])
    return None


def _page_date(blocks: Sequence[Block], first: int, used: Mapping[int, str], order: PageOrder) -> Header | None:
    """The last resort: a short line anywhere on the page that writes a date ('Datum: 19.11.2021
    Autor: …', 'last edited 2019-11-10', a post's date in a list): one the classifier saw as a
    dateline before any other, the nearest the story's start first. Nothing leaves the body."""
    n = len(blocks)
    nearest = [first, *by_distance(first, n, above=n, below=n)] if first < n else list(range(n - 1, -1, -1))
    for i in sorted(nearest, key=lambda i: blocks[i].reason != "dateline"):  # (stable)
        text = blocks[i].text
        if i in used or len(text) > META_LINE_CHARS or photo_dated(text):
            continue
        date, alt = order.read_both(text)
        if date:
            return Header([Candidate("date", date, "page-text", alt)])
    return None


def _labelled_date(pruned: Sequence[str], order: PageOrder) -> Header | None:
    """Past the last resort: a date labelled as the publication's in a pruned subtree (a post's
    footer: 'Letzte Änderung: 31.10.2023 … Erschienen am: 01.11.2023')."""
    for text in pruned:
        for part in after_published_labels(text):
            date, alt = order.read_both(part)
            if date:
                return Header([Candidate("date", date, "page-text", alt)])
    return None


def _find_standfirst(
    blocks: Sequence[Block], title_at: int, byline_at: int | None, used: Mapping[int, str]
) -> Header | None:
    """The standfirst (dek) of a page whose markup gives no description (a text dump): the first
    block between the headline and the byline under it, when it is a sentence. (With no byline
    there, a dek cannot be told from a lead paragraph that retells the headline: none is taken.)"""
    if byline_at is None or not title_at < byline_at <= title_at + UNDER_TITLE:
        return None
    between = [i for i in range(title_at + 1, byline_at) if i not in used]
    return _standfirst(blocks, between[0]) if between and _is_sentence(blocks[between[0]].text) else None


def _standfirst(blocks: Sequence[Block], i: int) -> Header:
    return Header([Candidate("description", blocks[i].text, "standfirst")], {i: "description"})


def _is_sentence(text: str) -> bool:
    """A short run of prose: ends like a sentence, a few words (or a CJK line) long."""
    text = text.rstrip()
    if len(text) > STANDFIRST_CHARS or not text.endswith((".", "!", "?", "…", "。", '"', "”", "»")):
        return False
    words = len(text.split())
    return words >= 4 or (len(text) >= 15 and words * 12 < len(text))


def _from_url(url: str | None) -> Iterator[Candidate]:
    if url and (value := url_date(url)):
        yield Candidate("date", value, "url")
    elif url and (value := slug_date(url)):
        yield Candidate("date", value, "url-slug")
