"""Resource limits: how much work one page may cost. One place for every limit and its default.

`extract(page, limits=Limits(max_depth=200))` changes them for one call; `DEFAULT_LIMITS` is what
every call uses otherwise. A page over a limit raises `InputTooLarge`, whose message names the
limit (`max_bytes`, `max_depth`, `max_elements`, `max_attributes`) and both numbers.
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

# libxml2 (with XML_PARSE_HUGE, as we parse) stops building the tree at this depth; deeper
# content would be silently lost, so `max_depth` cannot be raised beyond it.
PARSER_MAX_DEPTH = 2047


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


def too_deep(limits: Limits, depth: int | None = None) -> InputTooLarge:
    nested = f"{depth:,} levels deep" if depth is not None else f"more than {limits.max_depth:,} levels deep"
    return InputTooLarge(f"page nests elements {nested}, above the max_depth limit of {limits.max_depth:,}")


def check_tree(root: Any, limits: Limits) -> None:
    """Raise `InputTooLarge` if the tree under `root` breaks `max_elements` or `max_depth`.

    Both counts run inside libxml2's XPath engine: linear in the tree size, no Python loop.
    """
    elements = int(_ELEMENT_COUNT(root))
    if elements > limits.max_elements:
        raise InputTooLarge(
            f"page has {elements:,} elements, above the max_elements limit of {limits.max_elements:,}"
        )
    # Fewer elements than max_depth cannot nest deeper than it: most pages skip the depth walk.
    if elements > limits.max_depth and limits.max_depth < PARSER_MAX_DEPTH and _deeper_than(limits.max_depth)(root):
        raise too_deep(limits)


_ELEMENT_COUNT = etree.XPath("count(descendant-or-self::*)")  # compiled once, not per page


@lru_cache(maxsize=8)
def _deeper_than(depth: int) -> Any:
    """An XPath that is true when an element sits `depth` levels below the context element."""
    return etree.XPath("boolean(self::*" + "/*" * depth + ")")


def resolve(limits: Limits | None, max_bytes: int | None = None) -> Limits:
    """`limits` (default `DEFAULT_LIMITS`) with `max_bytes` overriding its size limit if given."""
    limits = limits if limits is not None else DEFAULT_LIMITS
    if max_bytes is not None and max_bytes != limits.max_bytes:
        limits = dataclasses.replace(limits, max_bytes=max_bytes)
    return limits


# --- Attribute bombs ----------------------------------------------------------------------------
# A scanner that follows the HTML tokenizer (WHATWG, as libxml2 2.14 implements it) just far
# enough to find every start tag the parser will see, and stops at the first one with too many
# attributes. It must never skip markup the parser reads: raw-text elements end where the parser
# ends them (script data with its escape states), whitespace is exactly the parser's
# (\t \n \f \r space), and a quote left open runs to the end of the input, as it does for the
# parser. Counting too many (a duplicate attribute) only makes it stricter. One regex, one call.
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


def _raw_text_element(name: str, raw_start: str) -> str:
    """The start tag of raw-text element `name` and its content, as far as the parser takes it."""
    if name == "script":  # script data has escape states
        return rf"script{_NAME_END}{raw_start}(?:[^<]++|<(?!/script{_NAME_END}|!--)|{_ESCAPED})*+"
    if name == "plaintext":  # never ends
        return rf"plaintext{_NAME_END}{raw_start}[\s\S]*+"
    return rf"{name}{_NAME_END}{raw_start}(?:[^<]++|<(?!/{name}{_NAME_END}))*+"


def _markup_scanner(max_attributes: int) -> re.Pattern[str]:
    attrs = rf"(?:{_ATTR}){{0,{max_attributes}}}+"
    start = rf"{attrs}{_TAG_END}"
    # A raw-text element opens only when its tag is not self-closing: libxml2 honours the slash
    # there (<script/> holds no script). Self-closing means the separators before ">" end with
    # "/"; a "/" that ends an unquoted value (<title a=1/>) is part of the value, not a slash.
    # It must be exact: a wrong guess either way puts the scan out of step with the parser.
    raw_start = rf"{attrs}(?:[\t\n\f\r /]*[\t\n\f\r ])?(?:>|\Z)"
    # No capturing groups: a group inside a possessive repeat trips CPython 3.11's re module.
    raw_text = "|".join(_raw_text_element(name, raw_start) for name in _RAW_TEXT)
    first_letters = "".join(sorted({name[0] for name in _RAW_TEXT}))
    # Everything after "<" is one group, end tags (half of all tags) first: no other branch
    # starts with "/". The raw-text start tags keep their place before the generic one (which
    # would match them too), behind one test of their first letter that most tags fail.
    return re.compile(
        rf"""(?:
            <(?:
                /(?:[a-z][^\t\n\f\r />]*+(?:{_ATTR})*+{_TAG_END}|>|[^a-z>][^>]*+>?|\Z)
              | !--(?:-?>|[\s\S]*?(?:--!?>|\Z))
              | [!?][^>]*+>?
              | (?=[{first_letters}])(?:{raw_text})
              | [a-z][^\t\n\f\r />]*+{start}
              | (?![a-z!?/])
            )
          | [^<]++
        )*+""",
        re.I | re.A | re.X,
    )


_scanner = lru_cache(maxsize=4)(_markup_scanner)
_TAG_NAME = re.compile(r"<([a-z][^\t\n\f\r />]{0,40})", re.I | re.A)


def check_markup(text: str, limits: Limits) -> None:
    """Raise `InputTooLarge` if a start tag in `text` has more than `max_attributes` attributes.

    Runs before the parser, which would take minutes on such a tag (it is quadratic in them).
    """
    end = _scanner(limits.max_attributes).match(text)
    stop = end.end() if end else 0
    if stop < len(text):
        name = m.group(1).lower() if (m := _TAG_NAME.match(text, stop)) else "an"
        raise InputTooLarge(
            f"page has a <{name}> element with more than {limits.max_attributes:,} attributes, "
            f"above the max_attributes limit of {limits.max_attributes:,}"
        )
