"""Resource limits: how much work one page may cost. One place for every limit and its default.

`extract(page, limits=Limits(max_depth=200))` changes them for one call; `DEFAULT_LIMITS` is what
every call uses otherwise. Only `max_bytes` rejects a page (`InputTooLarge`, naming the limit and
both numbers): input that large cannot be read within bounded memory. The other limits degrade
the page the way browsers do, and the `Article` says so in `warnings`:

- `max_attributes`: the attributes after the first `max_attributes` of a tag are dropped, in the
  markup, before libxml2 (quadratic in attributes per tag) sees them (`fit_attributes`);
- `max_depth`: elements nested deeper are re-attached at that depth, as siblings, their text kept
  (`unnest_markup` before a re-parse when libxml2 stopped at its own ceiling, `fit_tree` after);
- `max_elements`: markup is unwrapped into plain text, cheapest loss first (inline markup, then
  list items and table cells...), until the page is within the limit (`fit_tree`).

`max_seconds` is enforced by the batch runner, which runs pages in worker processes it can stop;
`extract` itself runs in the caller's thread and cannot be interrupted safely, so it only
carries the value.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lxml import etree

from .errors import InputTooLarge

# libxml2 (with XML_PARSE_HUGE, as we parse) stops parsing at this depth: the rest of the page is
# cut off. `unnest_markup` keeps pages that go deeper from reaching it; `max_depth` is at most it.
PARSER_MAX_DEPTH = 2047
# The levels libxml2 adds above the page's own elements (<html>, <body>) in `unnest_markup`'s count.
IMPLIED_LEVELS = 2


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-page limits. Every field has a sane default; all can be changed."""

    max_bytes: int = 64 * 1024 * 1024
    """Largest input, in bytes (characters for a `str`). Checked before anything is decoded."""
    max_depth: int = 1024
    """Deepest element nesting in an HTML page (real pages stay under ~60; at most 2047)."""
    max_elements: int = 100_000
    """Most elements in an HTML page (large real news pages have a few thousand)."""
    max_attributes: int = 200
    """Most attributes on one element (real pages stay under ~80). libxml2's HTML parser
    checks each new attribute against all earlier ones: 100,000 attributes take minutes."""
    max_seconds: float = 5.0
    """Time per page; enforced by the batch runner (`articlekit batch --timeout`)."""

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_depth", "max_elements", "max_attributes"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"{name} must be a positive integer, not {value!r}")
        if self.max_depth > PARSER_MAX_DEPTH:
            raise ValueError(
                f"max_depth can be at most {PARSER_MAX_DEPTH} (the HTML parser's own limit), "
                f"not {self.max_depth}"
            )
        if not isinstance(self.max_seconds, int | float) or not self.max_seconds > 0:
            raise ValueError(f"max_seconds must be a positive number, not {self.max_seconds!r}")


DEFAULT_LIMITS = Limits()


def too_large(size: int, limits: Limits, *, what: str = "bytes", at_least: bool = False) -> InputTooLarge:
    more = "more than " if at_least else ""
    return InputTooLarge(
        f"input is {more}{size:,} {what}, above the max_bytes limit of {limits.max_bytes:,}"
    )


def resolve(limits: Limits | None, max_bytes: int | None = None) -> Limits:
    """`limits` (default `DEFAULT_LIMITS`) with `max_bytes` overriding its size limit if given."""
    limits = limits if limits is not None else DEFAULT_LIMITS
    if max_bytes is not None and max_bytes != limits.max_bytes:
        limits = dataclasses.replace(limits, max_bytes=max_bytes)
    return limits


# --- The warnings -------------------------------------------------------------------------------


def attributes_warning(elements: int, limits: Limits) -> str:
    return (f"max_attributes: {elements:,} {_plural(elements, 'element')} had more than "
            f"{limits.max_attributes:,} attributes; the extra attributes were dropped")


def depth_warning(moved: int, limits: Limits) -> str:
    return (f"max_depth: the page nests elements more than {limits.max_depth:,} levels deep; "
            f"{moved:,} {_plural(moved, 'element')} below that depth were re-attached at it, their text kept")


def elements_warning(count: int, unwrapped: list[str], limits: Limits) -> str:
    return (f"max_elements: the page has {count:,} elements, above the max_elements limit of "
            f"{limits.max_elements:,}; unwrapped into plain text: {', then '.join(unwrapped)}")


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


# --- Fitting the tree: depth and element count ----------------------------------------------------


def fit_tree(root: Any, limits: Limits, *, moved: int = 0) -> list[str]:
    """Bring the tree under `root` within `max_depth` and `max_elements`; one warning per limit
    it was over. `moved`: elements already re-attached by `unnest_markup` (counted in the warning).

    The counts run inside libxml2's XPath engine (linear, no Python loop); most pages are within
    both limits and pay one count.
    """
    warnings = []
    elements = int(_ELEMENT_COUNT(root))
    # Fewer elements than max_depth cannot nest deeper than it: most pages skip the depth walk.
    if elements > limits.max_depth and _deeper_than(limits.max_depth)(root):
        moved += _flatten_below(root, limits.max_depth)
    if moved:
        warnings.append(depth_warning(moved, limits))
    if elements > limits.max_elements:
        warnings.append(_unwrap_until_within(root, elements, limits))
    return warnings


_ELEMENT_COUNT = etree.XPath("count(descendant-or-self::*)")  # compiled once, not per page


@lru_cache(maxsize=8)
def _deeper_than(depth: int) -> Any:
    """An XPath that is true when an element sits `depth` levels below the context element."""
    return etree.XPath("boolean(self::*" + "/*" * depth + ")")


@lru_cache(maxsize=8)
def _at_depth(depth: int) -> Any:
    """An XPath for the elements `depth - 1` levels below the context element (which is at 1)
    that have child elements."""
    return etree.XPath("self::*" + "/*" * (depth - 1) + "[*]")


def _flatten_below(root: Any, max_depth: int) -> int:
    """Re-attach every element deeper than `max_depth` at that depth, as browsers do (Blink
    attaches an element past its depth limit to the parent of the current node): the descendants
    of each element at `max_depth` become its following siblings, in document order, each with
    its own text, and every text stays where it was in reading order. Returns how many moved."""
    moved = 0
    for top in _at_depth(max_depth)(root):
        moved += _flatten(top)
    return moved


def _flatten(top: Any) -> int:
    """Turn the descendants of `top` into its following siblings (see `_flatten_below`). The
    elements themselves move (libxml2 accepts tag names that lxml would refuse to create)."""
    flat: list[Any] = []
    tails: list[list[str]] = []  # the text after each moved element, before the next one starts
    dropped: list[Any] = []  # comments and processing instructions: only their tails stay
    for event, node in list(etree.iterwalk(top, events=("start", "end", "comment", "pi"))):
        if node is top:
            continue
        if event == "start":
            flat.append(node)
            tails.append([])
        else:
            if event != "end":
                dropped.append(node)
            if node.tail and tails:
                tails[-1].append(node.tail)
            elif node.tail:  # a comment before the first element: its tail stays in `top`'s text
                top.text = (top.text or "") + node.tail
    if not flat:
        return 0
    if top.tail:  # the text after `top` now follows its last descendant
        tails[-1].append(top.tail)
    for node in dropped:
        node.getparent().remove(node)
    top.tail = None
    anchor = top
    for node in flat:
        anchor.addnext(node)
        anchor = node
    for node, texts in zip(flat, tails, strict=True):
        node.tail = "".join(texts) or None
    return len(flat)


# Unwrapped in this order until the page is within max_elements, the cheapest loss first: inline
# markup (the segmenter unwraps most of it anyway), then the items of lists and tables (where
# giant pages put their hundreds of thousands of rows), containers, and last the text blocks.
# Each stage is (what the warning calls it, its tags, whether its boundaries separate words).
_UNWRAP_STAGES: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    ("inline markup", (
        "a", "span", "b", "i", "em", "strong", "u", "s", "small", "big", "font", "sup", "sub", "abbr",
        "mark", "cite", "q", "code", "kbd", "var", "time", "label", "ins", "del", "bdi", "bdo", "wbr",
        "nobr", "tt", "strike", "dfn", "data", "img", "picture", "source", "br"), False),
    ("list items and table cells", (
        "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "col",
        "colgroup"), True),
    ("containers", (
        "div", "section", "ul", "ol", "dl", "table", "center", "form", "fieldset", "details", "summary",
        "figure", "hgroup", "header", "address", "menu", "dir"), True),
    ("paragraphs and headings", (
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "figcaption", "caption", "hr"),
     True),
)
# What the last stage keeps: the document's frame and what metadata reads.
_FRAME = frozenset({"html", "head", "body", "title", "meta", "link", "base", "script", "style"})


def _unwrap_until_within(root: Any, elements: int, limits: Limits) -> str:
    """Unwrap markup stage by stage (see `_UNWRAP_STAGES`) until the tree has at most
    `max_elements` elements; a last stage unwraps everything but `_FRAME`. Text is kept, words
    stay apart. Returns the warning."""
    done: list[str] = []
    for what, tags, separates in _UNWRAP_STAGES:
        _unwrap(root, tags, separates=separates)
        done.append(what)
        if int(_ELEMENT_COUNT(root)) <= limits.max_elements:
            return elements_warning(elements, done, limits)
    for el in root.iter(etree.Element):  # (renamed first: strip_tags refuses some names libxml2 parses)
        if el.tag not in _FRAME:
            el.tag = _OTHER
    _unwrap(root, (_OTHER,), separates=True)
    done.append("all other elements")
    return elements_warning(elements, done, limits)


_UNWRAPPING = "articlekit-unwrapping"  # the tag an element holding others gets until it is unwrapped
_OTHER = "articlekit-other"  # the tag of the elements the last stage unwraps


def _unwrap(root: Any, tags: tuple[str, ...], *, separates: bool) -> None:
    """Replace the elements of `tags` by their content. A block's text does not run into the
    text around it: it gets a space on either side.

    Elements without children (`<li>x</li>`, most of a giant page) have their text joined, run
    by run, into the text before them, and are then removed in one C call: `strip_tags` would
    leave a text node apiece, and lxml reads adjacent text nodes by appending one to the next,
    quadratic in their number. The few that hold other elements are unwrapped by `strip_tags`."""
    space = " " if separates else ""
    leaves: list[Any] = []
    holders: list[Any] = []
    for el in root.iter(*tags):
        (holders if len(el) else leaves).append(el)
    runs: list[tuple[Any, bool, list[str]]] = []  # (the node a run follows, whether it is the parent, texts)
    last = None
    for el in leaves:
        before = el.getprevious()
        if before is None or before is not last:  # (a leaf's previous leaf, if any, came just before it)
            runs.append((el.getparent(), True, []) if before is None else (before, False, []))
        runs[-1][2].extend((space, el.text or "", space, el.tail or ""))
        last = el
    for node, is_parent, texts in runs:
        if is_parent:
            node.text = (node.text or "") + "".join(texts)
        else:
            node.tail = (node.tail or "") + "".join(texts)
    for el in holders:
        el.text = space + el.text if el.text else space or None
        el.tail = space + el.tail if el.tail else space or None
        el.tag = _UNWRAPPING
    etree.strip_elements(root, *tags, with_tail=True)  # the leaves: their texts moved already
    etree.strip_tags(root, _UNWRAPPING)


# --- Attribute bombs ----------------------------------------------------------------------------
# A scanner that follows the HTML tokenizer (WHATWG, as libxml2 2.14 implements it) just far
# enough to find every start tag the parser will see, and stops at the first one with too many
# attributes. It must never skip markup the parser reads: raw-text elements end where the parser
# ends them (script data with its escape states), whitespace is exactly the parser's
# (\t \n \f \r space), and a quote left open runs to the end of the input, as it does for the
# parser. Counting too many (a duplicate attribute) only makes it stricter. One regex, one call
# for a page within the limit; one more per tag over it (`fit_attributes`).
#
# Written for the speed of `re`, which tries the branches of an alternation one by one and skips
# a branch cheaply only when it starts with a plain literal ("<", "/", "!", "="): the branches
# are ordered and gated so that most tags try few of them. Every reordering is between branches
# that cannot match at the same place, so the match is the same.
_WS = r"[\t\n\f\r ]"
_VALUE = r"""(?:"[^"]*+"?|'[^']*+'?|[^\t\n\f\r >]*+)"""
# One attribute: separators, a name, then maybe "=" and a value ("=" right after the name, or
# after whitespace). It only ever repeats inside a possessive repeat, which never backtracks into
# it, so it needs no atomic group of its own; `(?:…|)` matches as `(?:…)?` does, but faster.
_ATTR = (
    r"""(?:[\t\n\f\r /]*+[^\t\n\f\r />][^\t\n\f\r />=]*+"""
    rf"""(?:={_WS}*+{_VALUE}|{_WS}++={_WS}*+{_VALUE}|))"""
)
_NAME_END = r"(?=[\t\n\f\r />]|\Z)"
_TAG_END = r"[\t\n\f\r /]*+(?:>|\Z)"
# A raw-text element opens only when its tag is not self-closing: libxml2 honours the slash
# there (<script/> holds no script). Self-closing means the separators before ">" end with
# "/"; a "/" that ends an unquoted value (<title a=1/>) is part of the value, not a slash.
# It must be exact: a wrong guess either way puts the scan out of step with the parser.
_RAW_TAG_END = r"(?:[\t\n\f\r /]*[\t\n\f\r ])?(?:>|\Z)"
_SCRIPT_END = rf"</script{_NAME_END}"
# Dashes go by whole runs: a run followed by ">" ends an escape when it is two or more long. (A
# lookahead over the run at every dash would make a page of a million dashes quadratic.)
_DASHES = r"-++(?!>)|-(?=>)"
_DOUBLE_ESCAPED = rf"(?:[^<-]++|{_DASHES}|<(?!/script{_NAME_END}))*+"
_ESCAPED = (
    rf"<!--(?:-*+>|(?:[^<-]++|{_DASHES}|<(?!/?script{_NAME_END})"
    rf"|<script{_NAME_END}{_DOUBLE_ESCAPED}{_SCRIPT_END})*+"
    rf"(?:-{{2,}}>|<script{_NAME_END}{_DOUBLE_ESCAPED}(?:-{{2,}}>|\Z)|(?={_SCRIPT_END})|\Z))"
)


# Raw-text elements: the parser reads their content as text, up to their end tag.
_RAW_TEXT = ("script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title", "plaintext")


def _raw_text_content(name: str) -> str:
    """The content of raw-text element `name`, as far as the parser takes it."""
    if name == "script":  # script data has escape states
        return rf"(?:[^<]++|<(?!/script{_NAME_END}|!--)|{_ESCAPED})*+"
    if name == "plaintext":  # never ends
        return r"[\s\S]*+"
    return rf"(?:[^<]++|<(?!/{name}{_NAME_END}))*+"


def _raw_text_element(name: str, attrs: str) -> str:
    """The start tag of raw-text element `name` (with `attrs`) and its content."""
    return rf"{name}{_NAME_END}{attrs}{_RAW_TAG_END}{_raw_text_content(name)}"


def _raw_text_elements(attrs: str) -> str:
    """The raw-text elements, one alternation, behind one test of their first letter that most
    tags fail. It must come before the generic start tag, which would match them too."""
    first_letters = "".join(sorted({name[0] for name in _RAW_TEXT}))
    raw_text = "|".join(_raw_text_element(name, attrs) for name in _RAW_TEXT)
    return rf"(?=[{first_letters}])(?:{raw_text})"


def _markup_scanner(max_attributes: int) -> re.Pattern[str]:
    attrs = rf"(?:{_ATTR}){{0,{max_attributes}}}+"
    # No capturing groups: a group inside a possessive repeat trips CPython 3.11's re module.
    # Everything after "<" is one group, end tags (half of all tags) first: no other branch
    # starts with "/".
    return re.compile(
        rf"""(?:
            <(?:
                /(?:[a-z][^\t\n\f\r />]*+(?:{_ATTR})*+{_TAG_END}|>|[^a-z>][^>]*+>?|\Z)
              | !--(?:-?>|[\s\S]*?(?:--!?>|\Z))
              | [!?][^>]*+>?
              | {_raw_text_elements(attrs)}
              | [a-z][^\t\n\f\r />]*+{attrs}{_TAG_END}
              | (?![a-z!?/])
            )
          | [^<]++
        )*+""",
        re.I | re.A | re.X,
    )


_scanner = lru_cache(maxsize=4)(_markup_scanner)
_ATTRIBUTES = re.compile(rf"(?:{_ATTR})*+", re.A)
_TAG_NAME = re.compile(r"<([a-z][^\t\n\f\r />]*+)", re.I | re.A)


@lru_cache(maxsize=4)
def _first_attributes(count: int) -> re.Pattern[str]:
    return re.compile(rf"<[a-z][^\t\n\f\r />]*+(?:{_ATTR}){{{count}}}+", re.I | re.A)


@lru_cache(maxsize=len(_RAW_TEXT) + 1)
def _tag_rest(raw_text: str | None) -> re.Pattern[str]:
    """What follows a start tag's attributes: its end, and for a raw-text element its content."""
    if raw_text is None:
        return re.compile(_TAG_END)
    return re.compile(rf"{_RAW_TAG_END}{_raw_text_content(raw_text)}|{_TAG_END}", re.I | re.A)


def fit_attributes(text: str, limits: Limits) -> tuple[str, int]:
    """`text` with every start tag cut to its first `max_attributes` attributes, as parsers keep
    the first of them, and how many tags were cut; `text` itself when none was.

    Runs before the parser, which would take minutes on such a tag (it is quadratic in them), in
    linear time: the scan resumes after each cut tag, never going back.
    """
    scan = _scanner(limits.max_attributes)
    pieces: list[str] = []
    pos = cut = 0
    while (stop := _matched_end(scan, text, pos)) < len(text):
        # `stop` is the "<" of a start tag with more attributes than the limit.
        kept = _first_attributes(limits.max_attributes).match(text, stop)
        name = _TAG_NAME.match(text, stop)
        if kept is None or name is None:  # (cannot happen: the scan stops only at such tags)
            break
        attributes_end = _matched_end(_ATTRIBUTES, text, kept.end())
        raw_text = name.group(1).lower()
        end = _matched_end(_tag_rest(raw_text if raw_text in _RAW_TEXT else None), text, attributes_end)
        # The space keeps the tag's end from joining the last kept value (<a x=1 y/> -> <a x=1 />).
        pieces += (text[pos:kept.end()], " ", text[attributes_end:end])
        pos = end
        cut += 1
    if not cut:
        return text, 0
    pieces.append(text[pos:])
    return "".join(pieces), cut


def _matched_end(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """Where `pattern`, matched at `pos`, ends (`pos` if it does not match)."""
    match = pattern.match(text, pos)
    return match.end() if match else pos


# --- Deep nesting, before the parser ------------------------------------------------------------
# libxml2 stops parsing at PARSER_MAX_DEPTH and drops the rest of the page. When it did, the page
# is parsed again from markup in which start tags that would open deeper than the limit are
# written as empty elements (<div/>: libxml2 honours the slash on any element): their content
# then follows them at that depth, as siblings, as Blink attaches elements past its depth limit.
# The depth is counted as libxml2's HTML tree builder counts it (void elements, self-closing tags
# and raw-text elements open nothing; an end tag closes up to the nearest element of its name
# unless one that outranks it is in between), except that start tags are not taken to close
# elements implicitly, so the count can only be higher than libxml2's: safe for the ceiling.
_VOID = frozenset({
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "isindex", "keygen", "link", "meta", "param", "source", "track", "wbr",
})
_MERGED = frozenset({"html", "head", "body"})  # a second one opens nothing: libxml2 merges it
# libxml2's htmlEndPriority: an end tag does not close through an element that outranks it.
_END_PRIORITY = {"div": 150, "td": 160, "th": 160, "tr": 170, "thead": 180, "tbody": 180, "tfoot": 180,
                 "table": 190, "head": 200, "body": 200, "html": 220}
_DEFAULT_END_PRIORITY = 100
# Elements that a start tag of the same name closes (<p>a<p>b, <li>1<li>2): not nesting.
_CLOSED_BY_ITSELF = frozenset({"p", "li", "dt", "dd", "option", "tr", "td", "th"})


@lru_cache(maxsize=1)
def _tokens() -> re.Pattern[str]:
    """One token of markup per match: the scanner's branches, with the names of tags captured."""
    attrs = rf"(?:{_ATTR})*+"
    return re.compile(
        rf"""<(?:
                /(?P<end>[a-z][^\t\n\f\r />]*+){attrs}{_TAG_END}
              | /(?:>|[^a-z>][^>]*+>?|\Z)
              | !--(?:-?>|[\s\S]*?(?:--!?>|\Z))
              | [!?][^>]*+>?
              | {_raw_text_elements(attrs)}
              | (?P<start>[a-z][^\t\n\f\r />]*+){attrs}(?P<slash>[\t\n\f\r /]*+)(?P<close>>|\Z)
              | (?![a-z!?/])
            )
          | [^<]++""",
        re.I | re.A | re.X,
    )


def unnest_markup(text: str, max_depth: int) -> tuple[str, int]:
    """`text` with every start tag that would open an element deeper than `max_depth` (counting
    <html> and <body>) written as an empty element, and how many were."""
    cap = max(0, max_depth - IMPLIED_LEVELS - 1)  # the emptied elements sit one level below the open ones
    stack = _OpenElements()
    pieces: list[str] = []
    pos = emptied = 0
    for token in _tokens().finditer(text):
        if start := token.group("start"):
            name = start.lower()
            if name in _VOID or name in _MERGED or token.group("slash").endswith("/"):
                continue
            if stack.top == name and name in _CLOSED_BY_ITSELF:
                stack.pop()
            if len(stack.names) < cap:
                stack.push(name)
            elif token.group("close"):  # "<div ...>" -> "<div ... />" (a tag cut off by the end opens nothing)
                pieces += (text[pos:token.end() - 1], " />")
                pos = token.end()
                emptied += 1
        elif end := token.group("end"):
            stack.close(end.lower())
    pieces.append(text[pos:])
    return "".join(pieces), emptied


class _OpenElements:
    """The names of the open elements, with a count of each: an end tag for an element that is
    not open (most of them, past the cap) is ignored without a walk down the stack."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.counts: dict[str, int] = {}

    @property
    def top(self) -> str | None:
        return self.names[-1] if self.names else None

    def push(self, name: str) -> None:
        self.names.append(name)
        self.counts[name] = self.counts.get(name, 0) + 1

    def pop(self) -> None:
        name = self.names.pop()
        self.counts[name] -= 1

    def close(self, name: str) -> None:
        """Close up to the nearest open `name`, unless an element that outranks it is open above
        that (libxml2's htmlAutoCloseOnClose)."""
        if not self.counts.get(name):
            return
        priority = _END_PRIORITY.get(name, _DEFAULT_END_PRIORITY)
        for i in range(len(self.names) - 1, -1, -1):
            if self.names[i] == name:
                while len(self.names) > i:
                    self.pop()
                return
            if _END_PRIORITY.get(self.names[i], _DEFAULT_END_PRIORITY) > priority:
                return
