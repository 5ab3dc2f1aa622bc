"""The exceptions `extract` may raise. Anything else escaping `extract` is a bug.

A page that can be read but holds no article is *not* an error: `extract` returns an
`Article` whose `text` is empty and whose `removed` says why each block was dropped.
Every message names the problem in words ("input is a PNG image, not a web page"); the full
list, with the limits and their defaults, is in docs/errors.md.
"""

from __future__ import annotations


class ArticlekitError(Exception):
    """Base class of every error articlekit raises on purpose."""


class UnreadableInput(ArticlekitError, ValueError):
    """The input cannot be turned into text: empty, binary, unreadable, or of an unsupported type."""


class InputTooLarge(UnreadableInput):
    """The input is above `max_bytes` (or inflates past it); the message names the limit and gives
    both numbers. The other `Limits` degrade a page instead (see `Article.warnings`)."""


class FetchError(ArticlekitError):
    """A URL could not be fetched (bad scheme, timeout, HTTP error, too large, redirect loop or too
    many redirects, not a web page); the message says which."""
