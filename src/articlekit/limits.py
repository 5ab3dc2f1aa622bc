"""Resource limits: how much work one page may cost. One place for every limit and its default.

`extract(page, limits=Limits(max_depth=200))` changes them for one call; `DEFAULT_LIMITS` is what
every call uses otherwise. A page over a limit raises `InputTooLarge`, whose message names the
limit (`max_bytes`, `max_depth`, `max_elements`) and both numbers. `max_seconds` is enforced by
the batch runner, which runs pages in worker processes it can stop; `extract` itself runs in
the caller's thread and cannot be interrupted safely, so it only carries the value.
"""

from __future__ import annotations

import dataclasses
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
    max_elements: int = 300_000
    """Most elements in an HTML page (large real news pages have a few thousand)."""
    max_seconds: float = 5.0
    """Time per page; enforced by the batch runner (`articlekit batch --timeout`)."""

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_depth", "max_elements"):
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
    elements = int(root.xpath("count(descendant-or-self::*)"))
    if elements > limits.max_elements:
        raise InputTooLarge(
            f"page has {elements:,} elements, above the max_elements limit of {limits.max_elements:,}"
        )
    if limits.max_depth < PARSER_MAX_DEPTH and _deeper_than(limits.max_depth)(root):
        raise too_deep(limits)


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
