"""Metadata candidates from an HTML tree, one small function per source.

Read before pruning: JSON-LD lives in <script> and bylines often sit in <header>.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Sequence
from typing import Any

from lxml import etree

from ..dates import date_span, day_of, find_date
from ..dates.order import parse_both
from .byline import clean_names, is_author_label, parse_byline
from .candidates import Candidate
from .jsonld import candidates_from_scripts

_STRING = etree.XPath("string()", smart_strings=False)
# The tags metadata reads, gathered in one walk (one XPath per tag would walk the tree each).
TAGS = ("script", "meta", "time", "title", "link", "h1")  # the elements `declared` reads
# The publication date an application's page state declares in a <script> (Shopify's
# "published_at", a review's "publishedDate", a CMS's "datePublished" outside JSON-LD).
_SCRIPT_DATE = re.compile(
    r'"(?:datePublished|date_published|publishedDate|published_at|publishedAt|publishDate|publish_date|'
    r'firstPublishedDate|pubDate)"\s*:\s*"(\d{4}-\d{2}-\d{2}(?:[T ][\d:.]{5,18}(?:Z|[+-]\d{2}:?\d{2})?)?)"'
)
_ABOVE_SCRIPT_DATA = frozenset({"json-ld", "og", "meta", "dublin-core", "time", "json-ld-page"})  # (see resolve)
_ITEMPROPS = frozenset({"headline", "datePublished", "dateModified", "author"})
# RDFa properties read as those microdata properties ('schema:dateCreated' on a Drupal node)
_RDFA_PROPS = {
    "schema:headline": "headline", "schema:datePublished": "datePublished", "schema:dateCreated": "datePublished",
    "schema:dateModified": "dateModified", "schema:author": "author", "dc:date": "datePublished",
    "dc:created": "datePublished", "dcterms:created": "datePublished", "dcterms:issued": "datePublished",
    "dc:modified": "dateModified", "dcterms:modified": "dateModified", "dc:creator": "author",
}
# meta name/property -> field
_META_FIELDS = {
    "og:title": ("title", "og"), "twitter:title": ("title", "twitter"),
    "dc.title": ("title", "dublin-core"), "parsely-title": ("title", "meta"),
    "author": ("authors", "meta"), "article:author": ("authors", "og"),
    "dc.creator": ("authors", "dublin-core"), "parsely-author": ("authors", "meta"),
    "sailthru.author": ("authors", "meta"), "byl": ("authors", "meta"),
    "citation_author": ("authors", "meta"), "twitter:creator": ("authors", "twitter"),
    "cxenseparse:author": ("authors", "meta"), "dcterms.creator": ("authors", "dublin-core"),
    "article:published_time": ("date", "og"), "og:published_time": ("date", "og"),
    "datepublished": ("date", "meta"), "pubdate": ("date", "meta"),
    "publishdate": ("date", "meta"), "publish-date": ("date", "meta"),
    "publish_date": ("date", "meta"), "date": ("date", "meta"), "dc.date": ("date", "dublin-core"),
    "dc.date.issued": ("date", "dublin-core"), "dcterms.created": ("date", "dublin-core"),
    "dcterms.issued": ("date", "dublin-core"), "sailthru.date": ("date", "meta"),
    "parsely-pub-date": ("date", "meta"), "article.published": ("date", "meta"),
    "publication_date": ("date", "meta"), "citation_publication_date": ("date", "meta"),
    "original-publish-date": ("date", "meta"), "article:published": ("date", "og"),
    "article:modified_time": ("modified", "og"), "og:updated_time": ("modified", "og"),
    "datemodified": ("modified", "meta"), "last-modified": ("modified", "meta"),
    "dcterms.modified": ("modified", "dublin-core"),
    "og:description": ("description", "og"), "description": ("description", "meta"),
    "twitter:description": ("description", "twitter"),
    "dc.description": ("description", "dublin-core"),
    "og:site_name": ("site_name", "og"), "application-name": ("site_name", "meta"),
    "og:image": ("image", "og"), "og:image:url": ("image", "og"),
    "og:image:secure_url": ("image", "og"), "twitter:image": ("image", "twitter"),
    "twitter:image:src": ("image", "twitter"),
    "article:tag": ("tags", "og"), "keywords": ("tags", "meta"), "news_keywords": ("tags", "meta"),
    "og:locale": ("language", "og"), "content-language": ("language", "meta"),
    "dc.language": ("language", "dublin-core"), "language": ("language", "meta"),
    "og:url": ("canonical_url", "og"),
}


def declared(root: Any, url: str | None, tags: dict[str, list[Any]]) -> list[Candidate]:
    """What the markup declares: JSON-LD, <meta>, <time>, <title>, <link>, <html lang>, <h1>.
    Read before the front end strips <script>, <meta> and <head>. `tags`: the elements of
    (at least) the tags in TAGS, from the caller's walk (`html.elements`)."""
    out: list[Candidate] = []
    out.extend(_from_jsonld(tags["script"]))
    out.extend(_from_meta(tags["meta"]))
    out.extend(_from_time(tags["time"]))
    out.extend(_from_head(root, tags["title"], tags["link"]))
    out.extend(_from_h1(tags["h1"]))
    out.extend(_dates_of_titles(out))
    # (scripts are long: read only for a page whose markup gives no date that would outrank theirs)
    if not any(c.field == "date" and c.source in _ABOVE_SCRIPT_DATA for c in out):
        out.extend(_from_script_data(tags["script"]))
    return out


def _from_script_data(scripts: list[Any]) -> Iterator[Candidate]:
    """The first publication date in a script's data that is not JSON-LD (script-data): the
    last resort of the markup, below the URL's date."""
    for el in scripts:
        text = el.text
        if not text or ("ublish" not in text and "pubDate" not in text) or el.get("type") == "application/ld+json":
            continue  # (the substring tests spare the regex nearly every script)
        if (m := _SCRIPT_DATE.search(text)) and (value := parse_both(m.group(1))[0]) is not None:
            yield Candidate("date", value, "script-data")
            return


_AFTER_TITLE_DATE = ("|", "-", "–", "—", ":", "/", "·")


def _dates_of_titles(found: list[Candidate]) -> Iterator[Candidate]:
    """A <title> or og:title that opens with a date set off by a separator ('08.11.2021 |
    Online-Fachtag …', a press release's): the first such date (title-date)."""
    for c in found:
        title = c.value
        if c.field != "title" or c.source not in ("title", "og") or not isinstance(title, str):
            continue
        span = date_span(title)
        if span is None or title[:span[0]].strip() or not title[span[1]:].lstrip().startswith(_AFTER_TITLE_DATE):
            continue
        value, alt = find_date(title[:span[1]]), find_date(title[:span[1]], day_first=True)
        if value is not None:
            yield Candidate("date", value, "title-date", alt if alt != value else None)
            return


def in_page(
    itemprops: list[Any], bylines: list[Any], *, authors_known: bool, hatom: Sequence[Any] = ()
) -> list[Candidate]:
    """What the page's body says: microdata properties (`itemprops`, the elements carrying
    one), hAtom's dates (`hatom`), and when nothing names the authors, an element marked as a
    byline (`bylines`: rel=author, a class holding "byline" or "author", an id holding
    "byline"), all in page order (`html.index` finds them). Read before pruning: bylines often
    sit in a pruned <header>."""
    out = [*_from_microdata(itemprops), *_from_hatom(hatom)]
    if not authors_known and not any(c.field == "authors" for c in out):
        out.extend(_from_visible_byline(bylines))
    return out


# --- JSON-LD -------------------------------------------------------------------------------

def _from_jsonld(scripts: list[Any]) -> Iterator[Candidate]:
    texts = [el.text or "" for el in scripts
             if (kind := el.get("type")) == "application/ld+json" or (kind is None and _untyped_jsonld(el))]
    yield from candidates_from_scripts(texts)


_NOT_SPACE = re.compile(r"\S")  # (\s is what str.strip strips)


def _untyped_jsonld(script: Any) -> bool:
    """A <script> with no type that holds JSON-LD all the same ('<script>{"@context": ...'): its
    text after the leading spaces (found, not stripped: a long script would be copied)."""
    text = script.text
    if not text or (m := _NOT_SPACE.search(text)) is None or text[m.start()] not in "{[":
        return False
    return "@context" in text[m.start():m.start() + 200]


# --- <meta>, microdata, <time>, <head> ------------------------------------------------------

def _from_meta(metas: list[Any]) -> Iterator[Candidate]:
    tags: list[str] = []
    labels: dict[str, str] = {}
    for meta in metas:  # (attributes read one by one: most tags are skipped on their name)
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop")
               or meta.get("http-equiv") or "").strip().lower()
        label = key.startswith(("twitter:label", "twitter:data"))
        hit = _META_FIELDS.get(key)
        if not (hit or label):  # most <meta> tags (viewport, fb:app_id...) say nothing we read
            continue
        raw = meta.get("content")
        if raw is None:
            continue
        content = " ".join(raw.split())
        if not content or (key == (meta.get("itemprop") or "").strip().lower() and _in_foreign_item(meta)):
            continue
        if label:
            labels[key] = content
            continue
        assert hit is not None
        field, source = hit
        if field == "tags":
            tags.extend(t.strip() for t in content.split(",") if t.strip())
        elif candidate := _meta_candidate(field, source, content):
            yield candidate
    if tags:
        yield Candidate("tags", tuple(dict.fromkeys(tags)), "meta")
    yield from _from_twitter_labels(labels)


def _meta_candidate(field: str, source: str, content: str) -> Candidate | None:
    if field in ("date", "modified"):
        value, alt = parse_both(content)
        return Candidate(field, value, source, alt) if value else None
    if field == "authors":
        if content.startswith(("http", "@", "/")):
            return None
        names = clean_names([content])
        return Candidate("authors", tuple(names), source) if names else None
    return Candidate(field, content, source)


def _from_twitter_labels(labels: dict[str, str]) -> Iterator[Candidate]:
    """`twitter:label1 = "Written by"`, `twitter:data1 = "Jane Doe"` (WordPress SEO plugins)."""
    for key, label in sorted(labels.items()):
        if key.startswith("twitter:label") and is_author_label(label):
            value = labels.get("twitter:data" + key.removeprefix("twitter:label"))
            if value and (names := clean_names([value])):
                yield Candidate("authors", tuple(names), "twitter")
                return


# Items whose properties describe something else than the article: a reader's comment, a review,
# a question and its answers ("Гость", posted a month later, is a commenter, not the author).
_FOREIGN_ITEMS = frozenset({"comment", "review", "answer", "question", "rating", "userreview", "reply"})


def _in_foreign_item(el: Any) -> bool:
    """The element sits inside a microdata item (or a property) that is not the article."""
    for anc in el.iterancestors():
        kind = (anc.get("itemtype") or anc.get("typeof") or "").rstrip("/").rsplit("/", 1)[-1]
        kind = kind.rsplit(":", 1)[-1].casefold()  # (RDFa: typeof="schema:Comment")
        prop = (anc.get("itemprop") or "").casefold()
        if kind in _FOREIGN_ITEMS or prop in _FOREIGN_ITEMS or prop.rstrip("s") in _FOREIGN_ITEMS:
            return True
    return False


def _from_microdata(itemprops: list[Any]) -> Iterator[Candidate]:
    for el in itemprops:
        prop = el.get("itemprop") or _RDFA_PROPS.get(el.get("property", ""))
        if el.tag in ("meta", "link") or prop not in _ITEMPROPS or _in_foreign_item(el):
            continue
        value = el.get("content") or el.get("datetime") or " ".join(_STRING(el).split())
        if not value:
            continue
        if prop == "headline":
            yield Candidate("title", value, "microdata")
        elif prop in ("datePublished", "dateModified"):
            parsed, alt = parse_both(value)
            if parsed:
                yield Candidate("date" if prop == "datePublished" else "modified", parsed, "microdata", alt)
        elif prop == "author" and (names := parse_byline(value)):
            yield Candidate("authors", tuple(names), "microdata")


_ISO_START = re.compile(r"\d{4}-\d\d-\d\d")


def _from_hatom(elements: Sequence[Any]) -> Iterator[Candidate]:
    """hAtom (the microformat of the 2000s blogs): <abbr class="published" title="2012-08-22T09:43:41+0100">,
    a class "updated" for the modified date; the first of each, when its title is an ISO date."""
    seen: set[str] = set()
    for el in elements:
        field = "date" if "published" in el.get("class", "") else "modified"
        title = el.get("title", "").strip()
        if field in seen or not _ISO_START.match(title) or _in_foreign_item(el):
            continue
        value, _ = parse_both(title)
        if value:
            seen.add(field)
            yield Candidate(field, value, "hatom")
            if field == "modified":  # (the date when nothing else gives one, as an "Updated:" line)
                yield Candidate("date", value, "updated")


def _from_time(times: list[Any]) -> Iterator[Candidate]:
    for el in [el for el in times if el.get("datetime") is not None][:3]:
        value, alt = parse_both(el.get("datetime", ""))
        if value and alt is not None and _shows_day(el, alt):  # '<time datetime="01-11-2023">1. November 2023'
            value, alt = alt, value
        if value:
            yield Candidate("date", value, "time", alt)
            return


def _shows_day(el: Any, value: Any) -> bool:
    """The element's own text writes this day (a <time>'s text settles its datetime's order)."""
    shown = find_date(" ".join(_STRING(el).split()))
    return shown is not None and day_of(shown) == day_of(value)


def _from_head(root: Any, titles: list[Any], links: list[Any]) -> Iterator[Candidate]:
    title = titles[0].text if titles else None
    if title and title.strip():
        yield Candidate("title", " ".join(title.split()), "title")
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if lang and lang.strip():
        yield Candidate("language", lang.strip(), "html-lang")
    for link in links:
        rel = (link.get("rel") or "").lower()
        if rel == "canonical" and link.get("href"):
            yield Candidate("canonical_url", link.get("href").strip(), "link-canonical")


def _from_h1(h1s: list[Any]) -> Iterator[Candidate]:
    for h1 in h1s[:3]:
        text = " ".join(_STRING(_without_ruby_readings(h1)).split())
        if text:
            yield Candidate("title", text, "h1")


def _without_ruby_readings(el: Any) -> Any:
    """The element, or a copy of it without the readings of its ruby (<rt>, <rp>): they are not
    part of the words they annotate ('法律(ほうりつ)' reads '法律')."""
    if el.find(".//rt") is None and el.find(".//rp") is None:
        return el
    el = copy.deepcopy(el)
    el.tail = None
    etree.strip_elements(el, "rt", "rp", with_tail=False)
    return el


def _from_visible_byline(bylines: list[Any]) -> Iterator[Candidate]:
    for el in bylines[:6]:
        text = " ".join(" ".join(el.itertext()).split())
        if text and len(text) < 150 and (names := parse_byline(text)):
            yield Candidate("authors", tuple(names), "byline")
            return
