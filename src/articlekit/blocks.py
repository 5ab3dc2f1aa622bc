"""The block model shared by both front ends: a paragraph-level unit and its features.

Front ends compute every feature once; the classifier and the metadata resolver only read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

BlockKind = Literal[
    "heading", "paragraph", "list-item", "quote", "caption", "table-row", "preformatted",
    "button", "other",
]


@dataclass(slots=True)
class Block:
    text: str
    kind: BlockKind = "paragraph"
    link_chars: int = 0  # characters of text inside links (HTML only)
    heading_level: int = 0  # 1-6 for headings
    path: tuple[int, ...] = ()  # ids of the enclosing block elements, outermost first (HTML only)
    # Structure, for Article.blocks and the renderers (the classifier does not read it):
    depth: int = 0  # list items: 1 in a top-level list, 2 in a list inside it... (see text._structured)
    group: int = 0  # list items, table rows: which list or table (HTML: its serial; text: 0)
    ordered: bool = False  # list items: in a numbered list
    cells: tuple[str, ...] = ()  # table rows: the cells' texts
    raw: str | None = None  # preformatted: the text with its line breaks (`text` has them squeezed)
    images: tuple[tuple[str, str], ...] = ()  # (src, alt) of the pictures met since the last block
    links: tuple[tuple[str, str], ...] = ()  # (link text, href) of the links inside, in order (HTML only)
    # Set by classify / metadata:
    reason: str | None = None  # None = content; otherwise why it is not part of the body

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0
