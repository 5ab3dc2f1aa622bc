"""The body's structure as typed blocks (`ArticleBlock`), which `Article.blocks` holds and the
renderers read: low in the layers, so that neither needs the other."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

ArticleBlockKind = Literal["heading", "paragraph", "list-item", "quote", "table", "code", "image", "caption"]


@dataclass(frozen=True, slots=True)
class Link:
    """A link inside a block: its text (as it appears in the block's text) and its target."""

    text: str
    href: str


@dataclass(frozen=True, slots=True)
class ArticleBlock:
    """One body block with its structure. The blocks' texts, images aside (their `text` is ""),
    joined by blank lines are exactly `Article.text`; a table's text is its rows' texts so joined.

    heading: `level` 1-6 (2 when a text dump does not show it); list-item: `depth` (1 = top
    level) and `ordered`; table: `rows` of cells; code: `code` with its line breaks; image:
    `src`, `alt`, and `caption` when the figure's caption follows it. `links` (HTML only):
    the links inside, in order.
    """

    kind: ArticleBlockKind
    text: str
    level: int = 0
    depth: int = 0
    ordered: bool = False
    group: int = 0  # the list or table an item or row belongs to (0: unknown; then adjacent ones are one)
    rows: tuple[tuple[str, ...], ...] = ()
    code: str | None = None
    src: str | None = None
    alt: str | None = None
    caption: str | None = None
    links: tuple[Link, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The kind, the text, and the fields that kind uses."""
        out: dict[str, Any] = {"kind": self.kind, "text": self.text}
        if self.kind == "heading":
            out["level"] = self.level
        elif self.kind == "list-item":
            out["depth"], out["ordered"] = self.depth, self.ordered
        elif self.kind == "table":
            out["rows"] = [list(row) for row in self.rows]
        elif self.kind == "code":
            out["code"] = self.code
        elif self.kind == "image":
            out["src"], out["alt"], out["caption"] = self.src, self.alt, self.caption
        if self.links:
            out["links"] = [{"text": link.text, "href": link.href} for link in self.links]
        return out
