"""Bylines: "By Jane Doe and John Roe / July 29, 2009" -> names (and the date, if any).

Everything language-specific (prefixes, joiners, roles, prompts) is data: `data/bylines.toml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ..dates import date_span, date_start, month_names
from ..vocab import _load, alternation, stopwords

_SPLIT_DATE = re.compile(
    r"\s+[|/–—·•]\s+|\s+-\s+|\s*\|\s*|\s+·\s*|·(?=\s*\d)"  # 'Jane Doe·11 октября 2018', not Catalan 'l·l'
    r"|,\s+(?=(?:updated|published|posted|aktualisiert)\b)", re.I
)
_PARENS = re.compile(r"\s*\([^)]*\)")
_PLACEHOLDER = re.compile(r"\s*\[[^\]]*\]\s*")  # a dump's image or button placeholder: a separator
_NOT_NAME_CHARS = re.compile(r"[\d\[\]{}<>=/\\#@:!?\"“”„«»←→]|https?|www\.|\.(?:com|org|net)\b", re.I)
# An address, or a handle glued to a name ('Jane Doe@janedoe'); linear on a run of '@' (no token
# holds one around another).
_ADDRESS = re.compile(r"(?<!\S)[^\s@]+@[^\s@]+\.\S+|(?<=[^\W\d_])@\w+|https?://\S+|www\.\S+")
_SPLIT_DATE_CHARS = re.compile(r"[|/–—·•,-]")  # each separator _SPLIT_DATE splits at holds one of these
_CLOCK = re.compile(  # the time after a date: '10:47 AM EST', 'um 14:07 Uhr'
    r"(?:um\s+|at\s+|à\s+)?\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?|\s*uhr)?"
    r"(?:\s*(?:utc|gmt|[ecmp][sd]t|cet|cest|mez|mesz|bst)\b)?\s*", re.I
)
_CATEGORY = re.compile(r"(?<!\s)\s+in\s+(?=[A-ZÀ-Þ])")  # a blog's category after the author ('Fatima in Gefühle')
# The signature under an embedded social post: '— Elon Musk (@elonmusk) November 4, 2023'.
# Anchored: it is matched at the line's start only (a search would retry it at every space).
_POST_CREDIT = re.compile(r"\A\s*[—–-]\s*[^()]{1,60}\(@\w{1,30}\)\s*\S.{0,30}\d{4}\s*$")
_HANDLE = re.compile(r"[a-z][a-z0-9_.-]{1,29}")  # a blog's account name ('gizzmo', 'c1ph4')
_MAX_NAME_WORDS = 5
META_LINE_CHARS = 160  # a byline or dateline is a short line
_NAMES_HEAD = re.compile(r"\s*[,@|·•]\s*|\s+[-–—/]\s+")
_NAMES_HEAD_CHARS = re.compile(r"[,@|·•\-–—/]")  # each separator _NAMES_HEAD splits at holds one of these
_CAMEL_GLUE = re.compile(r"[a-zà-ÿ][A-ZÀ-Þ]")
CASELESS_NAME_WORD = 5  # characters: a CJK name's parts are short


@dataclass(frozen=True, slots=True)
class _Vocab:
    prefix: re.Pattern[str]  # "By", "Von", "Par", ...
    glued_prefix: re.Pattern[str]  # "VonUlrich Exner": a renderer dropped the space after it
    late_prefix: re.Pattern[str]  # "Analysis by", "Kommentar von": a word or two, then a prefix
    joiner: re.Pattern[str]  # "," ";" "and" "und" ...
    roles: tuple[str, ...]
    role_tail: re.Pattern[str]  # a role at the end of a name: "Jane Doe, Staff writer"
    cut: re.Pattern[str]  # prompts and labels that end a name: "Follow", "Email", "Updated"
    labels: frozenset[str]  # twitter:label values that announce the author
    credentials: frozenset[str]  # "MS", "RD", "PhD" (dots removed): after a name, never a name
    date_words: re.Pattern[str]  # "on", "am" left at the end once a date is cut off
    other_credit: re.Pattern[str]  # "Editing by", "Photos:": the people after it did other work
    desk_tail: re.Pattern[str]  # "Scott Gilbertson Gear Team": a full name, then the desk's
    # Words that rule the two slow alternations out with a set lookup (most lines name no prompt
    # and end in no role): the first word of each prompt, the last word of each role.
    prompt_firsts: frozenset[str]
    role_lasts: frozenset[str]
    joiner_words: frozenset[str]

    def split_names(self, text: str) -> list[str]:
        """`joiner.split(text)`: a line with no separator character and none of the joining
        words ('and', 'und', ...) as a word of its own is one part."""
        if not _JOINER_CHARS.search(text) and self.joiner_words.isdisjoint(map(str.lower, _LETTERS.findall(text))):
            return [text]
        return self.joiner.split(text)

    def cut_at(self, line: str, words: list[str] | None = None) -> re.Match[str] | None:
        """`cut.search(line)`: a prompt starts with a word of its own, so only a line holding
        one of their first words can hold one. `words`: the line's `_LETTERS`, when known."""
        if self.prompt_firsts.isdisjoint(map(str.lower, _LETTERS.findall(line) if words is None else words)):
            return None
        return self.cut.search(line)

    def may_end_in_role(self, line: str, words: list[str] | None = None) -> bool:
        """Whether `role_tail` can match: the line's last word is a role's last word, or a role
        is glued to it ('Ulrich ExnerKorrespondent'). `words`: the line's `_LETTERS`, when known."""
        words = _LETTERS.findall(line) if words is None else words
        return bool(words) and (words[-1].lower() in self.role_lasts or _ROLE_GLUE.search(words[-1]) is not None)


@cache
def _vocab() -> _Vocab:
    data = _load("bylines.toml")
    prefixes = alternation(data["prefixes"])
    strong = alternation(data["strong_prefixes"])
    roles = tuple(r.casefold() for r in data["roles"])
    glued = alternation([w.capitalize() for w in data["strong_prefixes"]])  # 'VonUlrich': capitals tell
    return _Vocab(
        prefix=re.compile(rf"^\s*(?:{prefixes})(?:\s*[:：]\s*|\s+)", re.I),
        glued_prefix=re.compile(rf"^\s*({glued})(?=[A-ZÀ-Þ][a-zß-ÿ])"),
        late_prefix=re.compile(rf"^\s*(?:\w+\s+){{1,2}}(?:{strong})\s+(?-i:(?=[A-ZÀ-ÞА-ЯЁ]))", re.I),
        joiner=re.compile(rf"\s*(?:[,;]?\s(?:{alternation(data['joiners'])})\s|[,;、，&])\s*", re.I),
        roles=roles,
        # "Jane Doe, Staff writer", or glued by a renderer: "Ulrich ExnerKorrespondent"
        role_tail=re.compile(
            rf"(?:[\s,]+|(?-i:(?<=[a-zß-ÿ])(?=[A-ZÀ-Þ])))(?:{alternation(list(roles))})\.?$", re.I
        ),
        cut=re.compile(rf"(?:^|\s)(?:\d+\s+)?(?:{alternation(data['prompts'])})(?:\s|$|[.:,])", re.I),
        labels=frozenset(label.casefold() for label in data["author_labels"]),
        credentials=frozenset(c.replace(".", "") for c in data["credentials"]),
        date_words=re.compile(rf"(?:^|[\s,]+)(?:{alternation(data['date_words'])})$", re.I),
        desk_tail=re.compile(
            rf"^(?P<name>\S+(?:\s+\S+){{1,3}}?)[\s,]+(?-i:[A-ZÀ-Þ][^\W\d_]+)\s+(?:{alternation(data['desks'])})\.?$",
            re.I,
        ),
        other_credit=re.compile(rf"^\s*(?:{alternation(data['other_credits'])})(?:\s|$)", re.I),
        prompt_firsts=frozenset(_LETTERS.findall(p.lower())[0] for p in data["prompts"]),
        role_lasts=frozenset(_LETTERS.findall(r)[-1] for r in roles),
        joiner_words=frozenset(w.lower() for w in data["joiners"]),
    )


_LETTERS = re.compile(r"[^\W\d_]+")  # (every prompt starts, every role ends, with a letter)
_JOINER_CHARS = re.compile(r"[,;、，&]")  # the joiners that need no word (see `joiner`)
_ROLE_GLUE = re.compile(r"[a-zß-ÿ][A-ZÀ-Þ]")  # where role_tail takes a role glued to a name


_EMPHASIS = re.compile(r"[_*]+")  # Markdown emphasis: never part of a name


@lru_cache(maxsize=4096)
def unmarked(line: str) -> str:
    """'_VonUlrich Exner_Korrespondent' (html2text: emphasis, a link glued to its prefix) ->
    'Von Ulrich Exner Korrespondent'."""
    if "_" in line or "*" in line:
        line = " ".join(_EMPHASIS.sub(" ", line).split())
    m = _vocab().glued_prefix.match(line)  # (as `sub(r"\1 ", line, count=1)`: the pattern is anchored)
    return line if m is None else f"{m.group(1)} {line[m.end():]}"


def starts_like_byline(line: str) -> bool:
    """'By …', 'Von …', 'Par …': a line that introduces its author."""
    return bool(_vocab().prefix.match(unmarked(line)))


@lru_cache(maxsize=4096)  # (each finder under the headline asks it of the same few lines)
def looks_like_byline(line: str) -> bool:
    """'By Jane Doe', or 'Jane Doe, Staff writer' / '박준석 기자': a name introduced or followed by a role."""
    v = _vocab()
    line = unmarked(line)
    if v.prefix.match(line):
        return True
    if len(line) > 80:
        return False
    line = _without_addresses(line).strip()  # '정덕현 칼럼니스트 <email>': the address after the role
    words: list[str] | None = _LETTERS.findall(line)  # (the same for `head` when nothing is cut)
    if m := v.cut_at(line, words):
        head, words = line[: m.start()], None
    else:
        head = line
    head = head.strip(" .,")
    # the role ends the line: only its last characters can match (a search from the start is slow)
    if len(head.split()) >= 3 and v.desk_tail.match(head):  # (a name of two words or more, a word, the desk)
        return True
    if not v.may_end_in_role(head, words):
        return False
    return bool(v.role_tail.search(head, max(0, len(head) - ROLE_TAIL_CHARS))) and not is_role(head)


ROLE_TAIL_CHARS = 48  # longer than any role in bylines.toml, with its separator


def without_prefix(line: str) -> str:
    """'By Jane Doe', 'Analysis by Jane Doe' -> 'Jane Doe'; other lines as they are."""
    v = _vocab()
    if (bare := v.prefix.sub("", line, count=1)) != line:  # ('By Walter von Aachen' keeps its 'von')
        return bare.strip()
    return v.late_prefix.sub("", line, count=1).strip()


@lru_cache(maxsize=4096)  # (the byline finders ask it of each line under the headline in turn)
def is_prefix_only(line: str) -> bool:
    """'Von', 'By:': a byline's prefix on a line of its own, the names on the next."""
    line = line.strip()
    m = _vocab().prefix.match(line + " ")
    return m is not None and m.end() >= len(line)


def is_author_label(label: str) -> bool:
    """'Written by', 'Verfasst von': a label (twitter:label1, a caption) announcing the author."""
    return label.strip(" :").casefold() in _vocab().labels


def _not_name_word(word: str) -> bool:
    key = word.strip(".,:").casefold()
    return key in _not_name_words() or key in month_names() or key in _label_words()


@cache
def _word_set(*keys: str) -> frozenset[str]:
    """The case-folded words of these lists of bylines.toml, as one set."""
    data = _load("bylines.toml")
    return frozenset(w.casefold() for key in keys for w in data[key])


def _not_name_words() -> frozenset[str]:
    return _word_set("not_name_words", "weekdays")


def _label_words() -> frozenset[str]:
    return _word_set("label_words", "list_heading_words")


def has_label_word(text: str) -> bool:
    """'Most Popular', 'Related Stories': a label of the page, not a person."""
    return any(w.casefold().strip(".,:") in _label_words() for w in text.split())


def has_list_heading_word(text: str) -> bool:
    """'Ähnliche Beiträge', 'Utopia Newsletter': a list's heading, not a person nor a desk."""
    return any(w.casefold().strip(".,:") in _word_set("list_heading_words") for w in text.split())


def is_role(text: str) -> bool:
    return text.strip(" .,").casefold() in _vocab().roles


def parse_byline(line: str, *, strict: bool = True) -> list[str]:
    """The people a byline names; a lone role ("Staff writer") when it names nobody.

    `strict=False` (structured sources: JSON-LD, meta) accepts names that are not capitalised.
    """
    return list(_parsed(line, strict))


@lru_cache(maxsize=4096)  # (the header's finders parse the same lines under the headline in turn)
def _parsed(line: str, strict: bool) -> tuple[str, ...]:
    v = _vocab()
    if "(@" in line and _POST_CREDIT.match(line):  # an embedded post's signature, not the page's byline
        return ()
    if strict:  # visible text: a dump's markup around the names goes (structured values keep 'kei_eno')
        line = unmarked(line)
    head = _cut_date(_SPLIT_DATE.split(line, maxsplit=1)[0] if _SPLIT_DATE_CHARS.search(line) else line, v)
    if v.other_credit.match(head):  # 'Photos by Jane Doe': a credit, not a byline
        return ()
    prefixed = without_prefix(head)
    if strict and prefixed != head and date_start(line) is not None and (handle := _handle(prefixed)):
        return (handle,)  # 'by oz on December 4, 2006': a blog's author by the account name
    if category := _CATEGORY.search(prefixed):  # 'von Fatima in Gefühle, Popkultur': the rest is not names
        prefixed = prefixed[: category.start()]
    head = without_placeholders(prefixed)
    head = _without_addresses(_PARENS.sub("", head) if "(" in head else head)
    names: list[str] = []
    role_only: list[str] = []
    parts = [p.strip(" .,:;|-–—\u00a0") for p in v.split_names(head)]
    for part in parts:
        if not part:
            continue
        if v.other_credit.match(part):  # '…; Editing by John Roe': the rest credits other work
            break
        if is_role(part):
            role_only.append(part)
            continue
        if is_credential(part):
            continue
        part = _clean_part(part, v)
        if part and is_name(part, strict=strict):
            names.append(part)
    return tuple(_drop_place(names) or role_only[:1])


def _handle(text: str) -> str | None:
    """A lower-case account name alone ('gizzmo', 'c1ph4'), no function word, label or month,
    nor a word that says how ('by email', 'by hand') or a default account ('by admin')."""
    text = text.strip(" .,:;")
    if not _HANDLE.fullmatch(text) or text in _word_set("not_handles") or text.casefold() in stopwords():
        return None
    return None if _not_name_word(text) or has_label_word(text) or is_role(text) else text


def normal_case(name: str) -> str:
    """'JANE DOE' -> 'Jane Doe', "MARY O'NEIL-SMITH" -> "Mary O'Neil-Smith": a name of two or more
    words printed in capitals, in the case it is written in. One word ('PMJS': an acronym, a
    handle), 'Jane DOE' and initials ('J. R.') stay as they are. For the final value only: the
    finders compare names with the line they came from."""
    words = name.split()
    letters = [c for c in name if c.isalpha()]
    if len(words) < 2 or len(letters) < 4 or not all(c.isupper() for c in letters):
        return name
    return " ".join(w if len(w.rstrip(".")) <= 1 else w.title() for w in words)


def is_credential(text: str) -> bool:
    """'MS', 'RD', 'Ph.D.': a degree or licence written after a name."""
    return text.strip(" ,").replace(".", "") in _vocab().credentials


def _cut_date(text: str, v: _Vocab) -> str:
    """'Rachael Link, MS, RD on November 12, 2019' -> 'Rachael Link, MS, RD': the date and the
    word that introduces it go; a line that starts with its date keeps it (it is split later).
    A dateline that names its author after the date gives what follows it: 'Posted on September
    21, 2020 by Adi Tzlil', 'Veröffentlicht am 12. Juni 2017 von Jane Doe'."""
    start = date_start(text)
    if start is None:
        return text
    head = _without_date_words(text[:start], v) if start else ""
    if not _names_in(head, v) and (tail := _after_date(text, start)) and v.prefix.match(tail):
        return tail  # (only when no name precedes the date: 'Jane Doe, May 4, 2020 by Reuters')
    return head if start else text


def _without_date_words(head: str, v: _Vocab) -> str:
    """'Fabian am Dienstag' -> 'Fabian': the words that lead into a date ('on', 'am', a weekday
    or a month); a surname that is a label word stays ('Jane Read')."""
    words = head.rstrip(" ,·-–—/|").split()
    while words and (v.date_words.fullmatch(words[-1].rstrip(",")) or _is_day_word(words[-1])):
        words.pop()
    return " ".join(words).rstrip(" ,")


def _is_day_word(word: str) -> bool:
    key = word.strip(".,:").casefold()
    return key in month_names() or key in _word_set("weekdays")


def _names_in(head: str, v: _Vocab) -> bool:
    """Whether the words before a date may name someone: a prefix, or a capitalised word that
    is no prompt ('Posted', 'Veröffentlicht'), label, weekday or clock ('5:45 AM PST')."""
    if v.prefix.match(head):
        return True
    words = _LETTERS.findall(_CLOCK.sub(" ", head) if any(ch.isdigit() for ch in head) else head)  # ('5:45 AM PST')
    return any(w[:1].isupper() and w.lower() not in v.prompt_firsts and not _not_name_word(w) for w in words)


def _after_date(text: str, start: int) -> str:
    """What follows the complete date that begins at `start`, and its clock time ('10:47 AM')."""
    span = date_span(text)
    if span is None or span[0] != start:
        return ""
    rest = text[span[1]:].lstrip(" ,")
    if (again := date_span(rest)) and again[0] == 0:  # the update date glued on ('22. Mai 202222. Mai 2022')
        rest = rest[again[1]:].lstrip(" ,")
    clock = _CLOCK.match(rest)
    return rest[clock.end():] if clock else rest


def names_fill(text: str, names: list[str], slack: int = 3) -> bool:
    """The line is these names (joined by commas, 'and', …) and at most `slack` other characters:
    'Ярослав Кузишин, Антон Зелинский, Карина Гасимова', not 'Lê Phương said on Monday'."""
    rest = text
    for name in names:
        rest = rest.replace(name, " ", 1)
    rest = _vocab().joiner.sub(" ", f" {rest} ")
    return bool(names) and len(rest.replace(" ", "")) <= slack


def _without_addresses(line: str) -> str:
    """`_ADDRESS.sub(" ", line)`: every address holds '@', 'http' or 'www.' (most lines none)."""
    return _ADDRESS.sub(" ", line) if "@" in line or "http" in line or "www." in line else line


def without_placeholders(text: str) -> str:
    """'[img] Jane Doe [img] John Roe' -> 'Jane Doe, John Roe'."""
    return (_PLACEHOLDER.sub(", ", text) if "[" in text else text).strip(" ,")


_TRAILING_NUMBERS = re.compile(r"\s\d.*$")  # 'Jane Doe 8 January, 17:46': a date after the name


def _clean_part(part: str, v: _Vocab) -> str:
    if (m := v.cut_at(part)) and not _surname_like_prompt(part, m.start()):
        part = part[: m.start()]
    part = _TRAILING_NUMBERS.sub("", part)
    if len(part.split()) >= 3 and (desk := v.desk_tail.match(part)):  # (see looks_like_byline)
        part = desk.group("name")
    prev = None
    while prev != part:  # "Jane Doe, Senior Staff Writer", "Jane Doe PhD"
        prev = part
        if v.may_end_in_role(part):
            part = v.role_tail.sub("", part).strip(" ,.-–—")
        words = part.split()
        if len(words) > 1 and is_credential(words[-1]):
            part = " ".join(words[:-1]).strip(" ,")
    return _undouble(v.prefix.sub("", part).strip())


def _surname_like_prompt(part: str, cut_at: int) -> bool:
    """'Rachael Link': a capitalised prompt word after a lone first name is the surname (cutting
    it would leave a first name alone); 'Jane Doe Link' still loses its prompt."""
    words = part.split()
    return (len(words) == 2 and cut_at > 0 and all(w[:1].isupper() and w[1:2].islower() for w in words))


def _undouble(name: str) -> str:
    """'Jane Doe Jane Doe' (a name rendered twice, e.g. avatar text + link) -> 'Jane Doe'."""
    words = name.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and half and words[:half] == words[half:]:
        return " ".join(words[:half])
    return name


def _drop_place(names: list[str]) -> list[str]:
    """'Anna Martel und Lea Wagner, Nairobi': a trailing one-word part after full names is a place."""
    while len(names) >= 2 and len(names[-1].split()) == 1 and all(" " in n for n in names[:-1]):
        names = names[:-1]
    return names


def is_name(text: str, *, strict: bool = True) -> bool:
    """Looks like a person's name: a few words, no digits or markup, most of them capitalised;
    not one word that is a label, a weekday or a month ('Name', 'Auteurs', 'Donnerstag')."""
    words = text.split()
    if not 1 <= len(words) <= _MAX_NAME_WORDS or len(text) > 60 or _NOT_NAME_CHARS.search(text):
        return False
    if len(words) == 1 and _not_name_word(text):
        return False
    if text.endswith((".", "!", "?")) and len(words) > 3:
        return False
    if not strict:
        return True
    caps = [w[:1].isupper() or w[:1].lower() == w[:1].upper() for w in words]
    if caps[0] and sum(caps) >= max(1, len(words) - 1):
        return True
    return caps[0] and caps[-1] and _with_particles(words)


def clean_names(raw: list[str], *, strict: bool = False) -> list[str]:
    """Names from structured sources: strip prefixes and roles, drop prompts and duplicates."""
    out: list[str] = []
    seen: set[str] = set()
    for value in raw:
        for name in parse_byline(value, strict=strict) if len(value) < 200 else []:
            key = name.casefold()
            if key not in seen and not is_role(name):
                seen.add(key)
                out.append(name)
    return out


# --- full names, as the header's finders need them ---------------------------------------------

@lru_cache(maxsize=4096)
def names_line(text: str) -> bool:
    """A byline: 'By …' with names, a name with a role ('Jane Doe, Staff writer'), or a line
    that opens with full names and ends soon after ('Jane Doe@JaneDoe', 'Jane Doe, AP')."""
    if len(text) > META_LINE_CHARS:
        return False
    if looks_like_byline(text) and all_full_names(parse_byline(text)):
        return True
    head, *rest = _NAMES_HEAD.split(text, maxsplit=1) if _NAMES_HEAD_CHARS.search(text) else [text]
    if (bare := without_prefix(head)) != head and (names := all_full_names(parse_byline(bare))):
        return names_fill(bare, names)  # 'Analysis by Jane Doe, CNN Editor-at-large'
    if not rest or len(text.split()) > 10:
        return False
    names = all_full_names(parse_byline(head))
    if not names or not names_fill(head, names) or not all(w[:1].isupper() for n in names for w in n.split()):
        return False  # (capitals are evidence only in a cased script)
    return all(capitalised(w) for w in rest[0].split())


def is_names(text: str) -> bool:
    """'Noora Mykkanen', 'VonUlrich Exner_Korrespondent': a byline, not the end of a wrapped headline."""
    return names_line(text) or bool(all_full_names(parse_byline(text)))


def plain_person_name(name: str) -> bool:
    """A bare name with no prefix to vouch for it: letters of a cased script, no words glued
    together ('MilitärDonald'), no function words ('Der Morgen', 'Most Popular')."""
    words = name.split()
    if _CAMEL_GLUE.search(name) or not all(w[:1].isupper() for w in words):
        return False
    return not has_label_word(name) and not any(w.casefold() in stopwords() for w in words)


def strict_person_name(name: str) -> bool:
    """A plain person's name (`plain_person_name`) with no word a name never has ('Ähnliche
    Artikel') and no letter alone but an initial ('T Pebble Beach': what 'AT&T' left)."""
    words = name.split()
    return plain_person_name(name) and not any(_not_name_word(w) or len(w) == 1 for w in words)


def all_full_names(names: list[str]) -> list[str]:
    """Names of two to four words, each capitalised (or written in a script without case, and
    then short: '松岡 大地', not '多国間連携に注力 アフガンやガザ対応に批判も')."""
    ok = all(2 <= len(n.split()) <= 4 and all(capitalised(w) for w in n.split()) for n in names)
    return names if names and ok else []


def _with_particles(words: list[str]) -> bool:
    """'Jose de la Cruz': the lower-case words between the first and the last are name
    particles, and the others no function words ('Die Fahrzeuge der Zeit' is a phrase). Only a
    byline's names may have them: a bare line of them is as often a place ('Santa Cruz do Sul')."""
    inner = [w for w in words[1:-1] if not capitalised(w)]
    named = [w for w in words if capitalised(w)]
    return all(w in _word_set("name_particles") for w in inner) and not any(w.casefold() in stopwords() for w in named)


def capitalised(word: str) -> bool:
    return word[:1].isupper() or (word[:1].lower() == word[:1].upper() and len(word) <= CASELESS_NAME_WORD)
