"""The exceptions `extract` may raise. Anything else escaping `extract` is a bug.

A page that can be read but holds no article is *not* an error: `extract` returns an
`Article` whose `text` is empty and whose `removed` says why each block was dropped.
"""

from __future__ import annotations


class ArticlekitError(Exception):
    """Base class of every error articlekit raises on purpose."""


class UnreadableInput(ArticlekitError, ValueError):
    """The input cannot be turned into text: empty, binary, or of an unsupported type."""


class InputTooLarge(UnreadableInput):
    """The input exceeds a configured limit (size or nesting); the message names the limit."""


class FetchError(ArticlekitError):
    """A URL could not be fetched (bad scheme, timeout, HTTP error, too large, too many redirects)."""
