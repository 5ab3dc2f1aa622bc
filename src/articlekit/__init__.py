"""articlekit: raw news pages (HTML or plain-text dumps) -> clean, typed articles.

    >>> import articlekit
    >>> article = articlekit.extract(page_bytes, url="https://example.com/news/1")
    >>> article.title, article.date, article.text
"""

from .article import Article, Removed
from .errors import ArticlekitError, FetchError, InputTooLarge, UnreadableInput
from .limits import DEFAULT_LIMITS, Limits
from .pipeline import extract
from .version import __version__

__all__ = [
    "DEFAULT_LIMITS",
    "Article",
    "ArticlekitError",
    "FetchError",
    "InputTooLarge",
    "Limits",
    "Removed",
    "UnreadableInput",
    "__version__",
    "extract",
]
