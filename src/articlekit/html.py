"""HTML front end: parse once with lxml, prune boilerplate subtrees, cut the rest into blocks.

Everything markup-specific happens here; the classifier only sees `Block`s. Pruned subtrees are
kept as `Removed` entries so that every dropped piece of text says why it was dropped.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from lxml import etree

from .article import Removed
from .blocks import Block
from .errors import InputTooLarge, UnreadableInput
from .folding import agree_loose, loose, unhyphenated
from .limits import DEFAULT_LIMITS, Limits, attributes_warning, fit_attributes, fit_tree, unnest_markup
from .phrases import phrase_reason
from .segment import segment
from .vocab import boilerplate_attr_parts, boilerplate_attr_words

_local = threading.local()


def _parser() -> Any:
    """One parser per thread: an lxml parser must not be used by two threads at once.

    huge_tree lets libxml2 keep deep trees and long text nodes (limits.py bounds both).
    """
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = etree.HTMLParser(
            remove_comments=True, remove_pis=True, no_network=True, recover=True, encoding="utf-8",
            default_doctype=False, huge_tree=True, collect_ids=False,  # no id() lookups: no id table
        )
        _local.parser = parser
    return parser
# Subtrees that never hold article text.
NEVER_TEXT = (
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "button", "select", "input", "textarea", "option", "video", "audio", "map",
    "head", "title", "meta", "link", "base", *("rt", "rp"),
)
# Ruby annotations: the reading printed above a word (<ruby>漢字<rt>かんじ</rt></ruby>), part of
# the word it annotates: stripped without the space other stripped elements leave.
_RUBY = frozenset({"rt", "rp"})
# Inline formatting: unwrapped before segmentation (after pruning, which reads their classes).
_INLINE = (
    "span", "b", "i", "em", "strong", "u", "s", "small", "big", "font", "sup", "sub", "abbr",
    "mark", "cite", "q", "code", "kbd", "var", "time", "label", "ins", "del", "bdi", "bdo", "wbr",
    "nobr", "tt", "strike", "dfn", "data",
)
# Semantic boilerplate containers, with the reason they give.
_SEMANTIC = {"nav": "navigation", "aside": "sidebar", "footer": "footer", "menu": "navigation"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_MAIN_TAGS = frozenset({"article", "main"})
_MAIN_ROLES = frozenset({"main", "article"})
_STATE_ATTRS = frozenset({"hidden", "style", "role"})
_READ_ATTRS = _STATE_ATTRS | {"class", "id", "itemprop", "rel", "property"}  # the attributes the index looks at
_RDFA_VOCABULARIES = ("schema:", "dc:", "dcterms:")  # RDFa properties metadata reads (Drupal's schema:dateCreated)
_ROLE_REASON = {
    "navigation": "navigation", "banner": "header", "contentinfo": "footer",
    "complementary": "sidebar", "dialog": "hidden", "alert": "hidden",
}



@dataclass(slots=True)
class HtmlPage:
    """The parsed page: its tree (for metadata) and its blocks (for classification)."""

    tree: Any
    blocks: list[Block] = field(default_factory=list)
    pruned: list[Removed] = field(default_factory=list)


def parse(text: str, limits: Limits = DEFAULT_LIMITS, utf8: bytes | None = None) -> Any:
    """`parse_page`'s tree alone."""
    return parse_page(text, limits, utf8)[0]


def parse_page(text: str, limits: Limits = DEFAULT_LIMITS, utf8: bytes | None = None) -> tuple[Any, list[str]]:
    """Parse HTML text into an lxml tree (the only parse of the page), within `limits`, and say
    how the page was brought within them: one warning per limit (see `limits.py`).

    Markup without a single element (only a comment or a doctype) gives an empty <html>.
    The HTML parser never expands DTD entities and never loads anything (no file, no network).
    `utf8`, if given, is `text` already encoded as UTF-8 (the input bytes): it saves encoding.
    """
    warnings = []
    fitted, cut = fit_attributes(text, limits)  # before libxml2, which is quadratic in attributes per tag
    if cut:
        warnings.append(attributes_warning(cut, limits))
        text, utf8 = fitted, None
    root, halted = _parse_within_ceiling(text, utf8)
    moved = 0
    if halted:  # libxml2 stopped at its own depth ceiling, and the rest of the page was lost
        root, moved = _parse_unnested(text, limits)
    warnings += fit_tree(root, limits, moved=moved)
    return root, warnings


def _parse_within_ceiling(text: str, utf8: bytes | None) -> tuple[Any, bool]:
    """The tree libxml2 builds, and whether it stopped at its depth ceiling (the tree is cut)."""
    parser = _parser()
    try:
        root = etree.fromstring(utf8 if utf8 is not None else text.encode("utf-8", "replace"), parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise UnreadableInput(f"HTML could not be parsed: {exc}") from exc
    halted = False
    for error in parser.error_log:  # this thread's parser, so this parse's errors
        if error.type_name == "ERR_RESOURCE_LIMIT":  # libxml2 stopped; the tree is truncated
            if "depth" not in error.message.lower():
                raise InputTooLarge(f"page is beyond what the HTML parser can hold: {error.message.strip()}")
            halted = True
    if root is None:
        root = etree.Element("html")
    return root, halted


def _parse_unnested(text: str, limits: Limits) -> tuple[Any, int]:
    """Parse again with the start tags past `max_depth` written as empty elements. Should the
    count of open elements have been too low for libxml2 all the same, every start tag is."""
    root, moved = None, 0
    for depth in (limits.max_depth, 0):
        unnested, moved = unnest_markup(text, depth)
        root, halted = _parse_within_ceiling(unnested, None)
        if not halted:
            break
    return root, moved


def elements(root: Any, tags: Iterable[str]) -> dict[str, list[Any]]:
    """The elements of each tag, in document order, from one walk over the tree: the metadata
    (`<meta>`, JSON-LD `<script>`...) and `index` (the elements it strips) share it."""
    found: dict[str, list[Any]] = {tag: [] for tag in tags}
    for el in root.iter(*found):
        found[el.tag].append(el)
    return found


def index(root: Any, walked: dict[str, list[Any]]) -> Index:
    """Strip the subtrees that never hold text, then mark what pruning and metadata look for.
    `walked`: `elements(root, ...)` for at least the tags of NEVER_TEXT."""
    _open_swallowing_noscripts(walked["noscript"])
    _keep_words_apart(el for tag in NEVER_TEXT if tag not in _RUBY for el in walked[tag])
    etree.strip_elements(root, *NEVER_TEXT, with_tail=False)
    return Index(root)


NOSCRIPT_ELEMENTS = 25  # a <noscript> fallback (a tracking pixel, an image, a notice) is small


def _open_swallowing_noscripts(noscripts: Iterable[Any]) -> None:
    """A browser reads a <noscript> as raw text up to its end tag; libxml2 reads it as markup,
    and '<noscript><div></noscript>' then swallows the rest of the page into the noscript.
    One holding more elements than any fallback would is opened (its content stays)."""
    for el in noscripts:
        if sum(1 for _ in itertools.islice(el.iter(), NOSCRIPT_ELEMENTS + 1)) > NOSCRIPT_ELEMENTS:
            el.tag = "div"


def _keep_words_apart(stripped: Iterable[Any]) -> None:
    """The text after a stripped element must not run into the text before it: 'Share' +
    <button>…</button> + 'this' are two words. (Its tail, or the text after it, gets a space.)
    Each element is handled on its own: the order does not matter."""
    for el in stripped:
        tail = el.tail
        follow = tail if tail else _next_text(el)
        if follow and follow[0].isalnum():  # (a comma or a quote mark may follow unspaced)
            el.tail = " " + (tail or "")


def _next_text(el: Any) -> str | None:
    """The text right after `el` when it has no tail: its next sibling's own text."""
    nxt = el.getnext()
    return nxt.text if nxt is not None and isinstance(nxt.tag, str) else None


Pruning = Literal["full", "no-names", "none"]
"""How much `blocks` prunes: everything below; all but the class/id vocabulary (`named`); nothing
(the classifier alone decides). The body fallback relaxes it in this order."""


def blocks(root: Any, found: Index, titles: Sequence[str] = (), pruning: Pruning = "full") -> HtmlPage:
    """Prune boilerplate subtrees, then cut the remaining body into blocks. `found` is
    `index(root)` (metadata reads it too); `titles` are the headlines the markup declares
    (og:title, JSON-LD...), which tell the page's story from others on it."""
    page = HtmlPage(tree=root)
    if pruning != "none":
        _prune(root, found, page.pruned, titles, names=pruning == "full")
    _bold_lines_as_headings(root)
    etree.strip_tags(root, *_INLINE)  # their text stays; the walk below visits far fewer nodes
    body = root.find("body")
    page.blocks = segment(body if body is not None else root)
    return page


BOLD_HEADING_CHARS = 120  # a paragraph all in bold up to this long is a subheading ...
_CELLS_AND_ITEMS = frozenset({"td", "th", "li", "dd", "dt", "caption"})
_NOT_HEADING_ENDS = (".", "!", "?", ":", "…", ",", ";")  # ... unless it ends as a sentence or a label


def _bold_lines_as_headings(root: Any) -> None:
    """A short paragraph all in bold that introduces a paragraph (<p><strong>Right-wing
    resistance</strong></p><p>…) is the subheading older and hand-written pages print: it becomes
    an <h4>, read as one. Not in a table cell or a list item (a cell's label), nor bold that ends
    a sentence (emphasis) or in a colon (a label: 'Read more:'); not the first line of its box,
    nor a line right under the headline (a byline), nor one no paragraph follows (a signature)."""
    for p in root.iter("p"):
        if len(p) != 1 or (p.text and not p.text.isspace()):
            continue
        bold = p[0]
        if bold.tag not in ("strong", "b") or (bold.tail and not bold.tail.isspace()) or len(bold):
            continue
        text = (bold.text or "").strip()
        if not text or len(text) > BOLD_HEADING_CHARS or text.rstrip("\"'”’»").endswith(_NOT_HEADING_ENDS):
            continue
        before, after, parent = p.getprevious(), p.getnext(), p.getparent()
        if (
            before is not None and before.tag != "h1" and after is not None and after.tag == "p"
            and (parent is None or parent.tag not in _CELLS_AND_ITEMS)
        ):
            p.tag = "h4"


def _prune(
    root: Any, found: Index, removed: list[Removed], titles: Sequence[str] = (), *, names: bool = True
) -> None:
    """Drop semantic, hidden and (if `names`) class/id-named boilerplate, unless it holds the
    article; other stories preloaded on the page and sections headed by a related-content
    heading go even so, and so do hover cards inside paragraphs."""
    guard = _Guard(root, found.main, _headline(root, titles))
    for el in _other_stories(found.main, titles):
        _drop(el, "related", removed, guard, check=False)
    for el, reason in found.semantic:
        _drop(el, reason, removed, guard, track=True)
    for el, reason in found.named if names else ():
        # (A consent dialog is never the story's wrapper when the story's headline is elsewhere,
        # however much prose it holds: its legal text can outweigh a short story.)
        by_share = reason != "cookie-notice" or not guard.has_headline
        _drop(el, reason, removed, guard, prose_outweighs=reason in _PROSE_OUTWEIGHS, by_share=by_share)
    for el in _teaser_sections(root):
        _drop(el, "related", removed, guard, check=False)
    for el in _inline_cards(found.images):
        _drop(el, "hidden", removed, guard)


CARD_LINKS = 3  # links in an inline card (a name, then headlines about that person)
CARD_LINK_SHARE = 0.6


def _inline_cards(images: list[Any]) -> list[Any]:
    """Hover cards inside running text: a <span> within a paragraph that holds a picture and
    mostly links ('Ilhan Omar' + photo + her latest headlines, shown on hover). Left in, the
    card's text is glued into the sentence."""
    cards = []
    for img in images:
        for span in img.iterancestors():
            if span.tag != "span":
                break  # only inline wrappers between the picture and the card
            if _in_paragraph(span) and _mostly_links(span):
                cards.append(span)
                break
    return cards


def _in_paragraph(el: Any) -> bool:
    for anc in el.iterancestors():
        if anc.tag == "p":
            return True
        if anc.tag != "span" and anc.tag not in _INLINE and anc.tag != "a":
            return False
    return False


def _mostly_links(el: Any) -> bool:
    links = el.findall(".//a")
    text = len(_STRING(el))
    return len(links) >= CARD_LINKS and text > 0 and sum(len(_STRING(a)) for a in links) > CARD_LINK_SHARE * text


STORY_MIN_CHARS = 500  # the story an <article> headed by the page's title must at least hold


def _other_stories(main: list[Any], titles: Sequence[str]) -> list[Any]:
    """Pages that carry more than one story (the next one preloaded under the first, for
    endless scrolling): when exactly one top-level <article> is headed by a title the page
    declares, the other <article>s are other stories."""
    articles = [el for el in main if el.tag == "article" and not _inside_article(el)]
    if len(articles) < 2 or not titles:
        return []
    # Normal forms computed once: a page can hold fifty teaser <article>s and fifty titles.
    headlines = {loose(t) for t in titles}
    headed = [el for el in articles if _headed_by(el, headlines)]
    if len(headed) != 1 or len(_STRING(headed[0])) < STORY_MIN_CHARS:
        return []
    return [el for el in articles if el is not headed[0]]


def _inside_article(el: Any) -> bool:
    return next(el.iterancestors("article"), None) is not None


def _headed_by(article: Any, headlines: set[str]) -> bool:
    """The article's first <h1> (else <h2>) agrees either way with one of `headlines`, the
    `loose` forms of the page's titles."""
    heading = next(article.iter("h1"), None)
    if heading is None:
        heading = next(article.iter("h2"), None)
    if heading is None:
        return False
    text = loose(_STRING(heading))
    return any(agree_loose(text, h) or agree_loose(h, text) for h in headlines)



TEASER_SHARE = 0.6  # the share of a section's items after its heading that have one tag


def _teaser_sections(root: Any) -> list[Any]:
    """Sections that open with a "You may also like" / "Most read" heading followed by a row of
    alike items (teasers in <article>s, <li>s, <div>s). Their teasers can be whole paragraphs of
    prose, even marked up as articles, so the heading is the evidence, and it overrides the guard.
    A section holding an <h1> or the article body is never one."""
    sections = []
    for heading in root.iter("h2", "h3", "h4", "h5", "h6"):
        section = heading.getparent()
        if section is None or section[0] is not heading or not _is_navigation_heading(heading):
            continue
        items = [child.tag for child in section[1:] if isinstance(child.tag, str)]
        if not items:
            continue
        tag, count = Counter(items).most_common(1)[0]
        if count >= 2 and count >= TEASER_SHARE * len(items) and tag != "p" and not _holds_story(section):
            sections.append(section)
    return sections


def _is_navigation_heading(heading: Any) -> bool:
    text = " ".join(_STRING(heading).split())
    return bool(text) and phrase_reason(text, len(text.split())) == "navigation"


def _holds_story(el: Any) -> bool:
    return el.tag in ("body", "html", "main") or bool(_STORY_INSIDE(el))


_STORY_INSIDE = etree.XPath("boolean(descendant::h1 | descendant::main | descendant::*[@itemprop='articleBody'])")


class Index:
    """One walk over the elements (a Python `iter` beats libxml2 XPath predicates here):
    the article's containers, semantic or hidden boilerplate, class/id-named boilerplate,
    pictures, and for metadata the microdata properties and byline-marked elements, each in
    document order."""

    def __init__(self, root: Any) -> None:
        self.main: list[Any] = []
        self.semantic: list[tuple[Any, str]] = []
        self.named: list[tuple[Any, str]] = []
        self.images: list[Any] = []
        self.itemprops: list[Any] = []
        self.bylines: list[Any] = []  # marked as one: rel=author, class "…byline…"/"…author…", id "…byline…"
        self.hatom: list[Any] = []  # hAtom's dates: class "published"/"updated" with the ISO date as title
        for el in root.iter(etree.Element):
            tag = el.tag
            if tag in _SEMANTIC:
                self.semantic.append((el, _SEMANTIC[tag]))
            elif tag in _MAIN_TAGS:
                self.main.append(el)
            elif tag == "img":
                self.images.append(el)
            items = el.items()
            if not items:
                continue
            if len(items) == 1:  # most elements carry one attribute: a class, or an href
                key, value = items[0]
                if key == "class":
                    self._names(el, tag, value, "", None, hidden=False)
                    continue
                if key not in _READ_ATTRS:
                    continue
            self._attributes(el, tag, items)

    def _attributes(self, el: Any, tag: str, items: list[tuple[str, str]]) -> None:
        attrs = dict(items)
        itemprop = attrs.get("itemprop")
        if itemprop is not None or (tag != "meta" and attrs.get("property", "").startswith(_RDFA_VOCABULARIES)):
            self.itemprops.append(el)  # (microdata and RDFa properties alike)
        if "title" in attrs and ("published" in (cls := attrs.get("class", "")) or "updated" in cls):
            self.hatom.append(el)
        if (itemprop == "articleBody" or attrs.get("role") in _MAIN_ROLES) and tag not in _MAIN_TAGS:
            self.main.append(el)  # (<article> and <main> are in it already)
        state = _state_reason(attrs) if tag not in _SEMANTIC and not _STATE_ATTRS.isdisjoint(attrs) else None
        if state:
            self.semantic.append((el, state))
        self._names(el, tag, attrs.get("class", ""), attrs.get("id", ""), attrs.get("rel"), hidden=bool(state))

    def _names(self, el: Any, tag: str, cls: str, ident: str, rel: str | None, *, hidden: bool) -> None:
        """What the class and id say: a utility class that hides (unless the element is hidden
        already), a boilerplate name, a byline."""
        if not hidden and tag not in _SEMANTIC and ("hidden" in cls or "d-none" in cls) and _hidden_class(cls):
            self.semantic.append((el, "hidden"))
        if tag in ("body", "html"):
            return
        # (A class alone needs no joined string: its words are the same.)
        if (cls or ident) and (reason := attr_reason(f"{cls} {ident}" if ident else cls)):
            self.named.append((el, reason))
        # (not a comment's author, nor the comment form's "Name" field: "comment-author vcard")
        if ("byline" in cls or "author" in cls or "byline" in ident or rel == "author") and "comment" not in cls:
            self.bylines.append(el)


def _state_reason(attrs: dict[str, str]) -> str | None:
    """The reason hiding or an ARIA role gives for dropping an element. (aria-hidden is not
    one: it hides from screen readers only, and paywalled paragraphs carry it.)"""
    if "hidden" in attrs:
        return "hidden"
    style = attrs.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return "hidden"
    role = attrs.get("role")
    return _ROLE_REASON.get(role) if role else None


def _hidden_class(cls: str) -> bool:
    """The utility class that means display:none ("hidden" in Bootstrap 3 and Tailwind, "d-none"
    in Bootstrap 4), unless another class shows the element on some screens ("md:block",
    "d-md-block", "visible-lg")."""
    names = cls.split()
    if "hidden" not in names and "d-none" not in names:
        return False
    return not any(":" in n or (n.startswith(("d-", "visible")) and n != "d-none") for n in names)


WRAPPER_SHARE = 0.4  # a subtree with this share of the page's prose is a wrapper, never pruned
SHORT_DROP = 200  # characters below which a dropped element's text all counts as prose


HEADLINE_TAGS = ("h1", "h2", "h3")


def _headline(root: Any, titles: Sequence[str]) -> Any | None:
    """The first heading that agrees with a title the page declares (og:title, <title>...):
    the story's own headline, whatever its wrapper is named."""
    headlines = {loose(t) for t in titles} - {""}
    if not headlines:
        return None
    for heading in root.iter(*HEADLINE_TAGS):
        text = loose(_STRING(heading))
        if any(agree_loose(text, h) for h in headlines):
            return heading
    return None


class _Guard:
    """Knows which subtrees must survive pruning: <article>/<main>/articleBody, the wrappers
    of the story's headline (a post in a "widget Blog" beside a sidebar with more prose), and
    any subtree holding most of the page's non-link text still there (a wrapper named
    "side-of-rail"; once the real sidebars are gone, the column that holds the story)."""

    def __init__(self, root: Any, main: list[Any], headline: Any | None = None) -> None:
        self.root = root
        # (held so that their proxies, and so their id()s, live on)
        self.main = main + ([] if headline is None else list(headline.iterancestors()))
        self.protected = {id(el) for el in self.main}
        self.has_headline = headline is not None
        body = root.find("body")
        self.prose_chars = _prose_chars(body if body is not None else root) or 1

    def allows(self, el: Any, text: str, *, by_share: bool = True) -> bool:
        """`text` is the element's string value; `by_share`: whether holding most of the page's
        prose protects it."""
        if id(el) in self.protected:
            return False
        if any(id(a) in self.protected for a in el.iterdescendants("article", "main")):
            return False
        limit = WRAPPER_SHARE * self.prose_chars
        return not by_share or len(text) < limit or _prose_chars(el, text) < limit

    def removed(self, el: Any, text: str) -> None:
        """`el` (string value `text`) left the page: its prose no longer counts. (A short one
        counts whole: its link text is too little to matter and not worth an XPath.)"""
        gone = len(text) if len(text) < SHORT_DROP else _prose_chars(el, text)
        self.prose_chars = max(1, self.prose_chars - gone)

    def attached(self, el: Any) -> bool:
        """Still in the document (lxml elements of a removed subtree keep their document)."""
        top = el
        for ancestor in el.iterancestors():
            top = ancestor
        return top is self.root


def _prose_chars(el: Any, text: str | None = None) -> int:
    """Characters of text outside links: what a reader reads rather than clicks. `text` is the
    element's string value, when the caller has it already."""
    return len(_STRING(el) if text is None else text) - sum(map(len, _LINK_TEXT(el)))


_STRING = etree.XPath("string()", smart_strings=False)
_LINK_TEXT = etree.XPath(".//a//text()", smart_strings=False)


@lru_cache(maxsize=8192)
def attr_reason(attrs: str) -> str | None:
    """The boilerplate reason a `class id` string names, or None.

    A class name counts when it is a vocabulary word or starts or ends with one as a part:
    BEM-style names put the block first and modifiers last ("share-tools--top", "top_ad").
    Content and embed words ("article-body", "twitter-tweet") veto every other match.
    """
    found = None
    for name in attrs.lower().split():
        reason = _name_reason(name)
        if reason == "":
            return None
        if found is None:
            found = reason
    return found


@lru_cache(maxsize=65536)
def _name_reason(name: str) -> str | None:
    """One class name's reason; "" when it vetoes (a content word, or an embed word in it).
    Cached by name: pages differ in their class strings far more than in their class names."""
    content, lookup, parts = _attr_lookup()
    if name in content:  # content words count only as whole class names
        return ""
    split = name.replace("_", "-").split("-")
    if parts.isdisjoint(split):  # most names hold no vocabulary word
        return None
    anywhere = boilerplate_attr_parts()
    if part := next((p for p in split if p in anywhere), None):
        return anywhere[part]
    found = None
    for key in _keys(name):
        reason = lookup.get(key)
        if reason == "":
            return ""
        if reason is not None and found is None:
            found = reason
    return found


@lru_cache(maxsize=1)
def _attr_lookup() -> tuple[frozenset[str], dict[str, str], frozenset[str]]:
    """(content words, word -> reason, the words' parts), embed words mapping to "" (keep).
    A name none of whose parts is a part of a word has no key among the words."""
    content, embed, reasons = boilerplate_attr_words()
    lookup = {w: reason for reason, words in reversed(reasons) for w in words}
    lookup.update(dict.fromkeys(embed, ""))
    parts = frozenset(p for w in lookup for p in w.replace("_", "-").split("-")) | frozenset(boilerplate_attr_parts())
    return content, lookup, parts


def _keys(name: str) -> tuple[str, ...]:
    """A class name, its first and last parts, and its first and last two parts joined."""
    parts = name.replace("_", "-").split("-")
    if len(parts) > 1 and "" in parts:  # (a doubled, leading or trailing separator)
        parts = [p for p in parts if p]
    if len(parts) <= 1:
        return (name,)
    first, last = parts[0], parts[-1]
    return (name, first, last, f"{first}-{parts[1]}", f"{parts[-2]}-{last}")


# Names that prose outweighs: a "read-more" box holding the rest of the story, a section whose
# id is its heading's slug ('sharing-with-a-single-developer'). (Comments, bios, sidebars and
# footers are prose too: their names stand.)
_PROSE_OUTWEIGHS = frozenset({"related", "share", "navigation"})
PROSE_BOX_CHARS = 400  # a named box with this much prose outside links ...
PROSE_BOX_LINKS = 0.15  # ... no more than this share of link text ...
PROSE_BOX_PARAGRAPHS = 2  # ... and this many paragraphs of PARAGRAPH_CHARS reads as story
PARAGRAPH_CHARS = 80
PARAGRAPHS_PER_HEADING = 2  # a story runs on under its headings; a teaser box has one per summary
_SUBHEADINGS = ("h2", "h3", "h4", "h5", "h6")


def _drop(el: Any, reason: str, removed: list[Removed], guard: _Guard, *, check: bool = True,
          track: bool = False, prose_outweighs: bool = False, by_share: bool = True) -> None:
    parent = el.getparent()
    if parent is None or not guard.attached(el):
        return
    string = _STRING(el)
    if check and not guard.allows(el, string, by_share=by_share):
        return
    if prose_outweighs and _reads_as_story(el, string):
        return
    if reason == "related" and check and _links_nowhere(el, string):
        return
    if track:
        guard.removed(el, string)
    text = " ".join(unhyphenated(string).split())
    if text:
        removed.append(Removed(text, reason))
    _remove_keep_tail(el, parent)


UNLINKED_PROSE_CHARS = 100
_SENTENCE_ENDS = (".", "!", "?", "…", '"', "”", "»", "。")


def _links_nowhere(el: Any, text: str) -> bool:
    """A box named for related content ('teaser', 'more') without a single link is prose the
    page shows in place (a story's lead, in a 'teaser-text' of its own): related content is
    there to be clicked."""
    text = text.strip()
    return len(text) >= UNLINKED_PROSE_CHARS and text.endswith(_SENTENCE_ENDS) and next(el.iter("a"), None) is None


def _reads_as_story(el: Any, text: str) -> bool:
    """Running prose, not a box of teasers or buttons: much text outside links, and paragraphs
    that run on (teasers have a headline each)."""
    if len(text) < PROSE_BOX_CHARS:
        return False
    if _prose_chars(el, text) < max(PROSE_BOX_CHARS, (1 - PROSE_BOX_LINKS) * len(text.strip())):
        return False
    paragraphs = sum(1 for p in el.iter("p") if len(_STRING(p).strip()) >= PARAGRAPH_CHARS)
    headings = sum(1 for _ in el.iter(*_SUBHEADINGS))
    return paragraphs >= max(PROSE_BOX_PARAGRAPHS, PARAGRAPHS_PER_HEADING * headings)


def _remove_keep_tail(el: Any, parent: Any) -> None:
    """Remove `el` but keep the text after it, separated from the text before it: the removed
    element stood between them, so they are two words, not one."""
    tail = el.tail
    if tail and tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = f"{prev.tail or ''} {tail}"
        else:
            parent.text = f"{parent.text or ''} {tail}"
    parent.remove(el)
