"""Metadata candidates from an HTML tree, one small function per source.

Read before pruning: JSON-LD lives in <script> and bylines often sit in <header>.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from lxml import etree

from .byline import clean_names, parse_byline
from .candidates import Candidate
from .dates import parse_date

_JSONLD = etree.XPath("//script[@type='application/ld+json']")
_META = etree.XPath("//meta[@content]")
_ITEMPROP = etree.XPath("//body//*[@itemprop='headline' or @itemprop='datePublished'"
                        " or @itemprop='dateModified' or @itemprop='author']")
_TIME = etree.XPath("//body//time[@datetime]")
_H1 = etree.XPath("//body//h1")
_BYLINE = etree.XPath(
    "//body//*[@rel='author' or contains(@class, 'byline') or contains(@class, 'author')"
    " or contains(@id, 'byline')][not(self::script)]"
)
_ARTICLE_TYPES = re.compile(r"Article|BlogPosting|NewsArticle|Report|LiveBlog|Posting", re.I)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|\b)|/((?:19|20)\d{2})(\d{2})(\d{2})/")

# meta name/property -> field
_META_FIELDS = {
    "og:title": ("title", "og"), "twitter:title": ("title", "twitter"),
    "dc.title": ("title", "dublin-core"), "parsely-title": ("title", "meta"),
    "author": ("authors", "meta"), "article:author": ("authors", "og"),
    "dc.creator": ("authors", "dublin-core"), "parsely-author": ("authors", "meta"),
    "sailthru.author": ("authors", "meta"), "byl": ("authors", "meta"),
    "citation_author": ("authors", "meta"), "twitter:creator": ("authors", "twitter"),
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


def candidates(root: Any, url: str | None) -> list[Candidate]:
    out: list[Candidate] = []
    for source in (_from_jsonld, _from_meta, _from_microdata, _from_time, _from_head,
                   _from_h1, _from_visible_byline):
        out.extend(source(root))
    out.extend(_from_url(url))
    return out


# --- JSON-LD -------------------------------------------------------------------------------

def _from_jsonld(root: Any) -> Iterator[Candidate]:
    for script in _JSONLD(root):
        data = _load_json(script.text or "")
        for obj in _objects(data):
            types = obj.get("@type")
            type_names = " ".join(types) if isinstance(types, list) else str(types or "")
            if _ARTICLE_TYPES.search(type_names):
                yield from _article_fields(obj)
            elif ("WebSite" in type_names or "Organization" in type_names) and isinstance(obj.get("name"), str):
                yield Candidate("site_name", obj["name"].strip(), "json-ld-site")


def _load_json(text: str) -> Any:
    text = text.strip().removeprefix("<![CDATA[").removesuffix("]]>").strip()
    try:
        return json.loads(text, strict=False)
    except ValueError:
        return None


def _objects(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every dict in a JSON-LD document: lists, @graph and one level of nesting."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _objects(data["@graph"], depth + 1)
        main = data.get("mainEntity")
        if isinstance(main, dict | list):
            yield from _objects(main, depth + 1)


def _article_fields(obj: dict[str, Any]) -> Iterator[Candidate]:
    for key in ("headline", "name"):
        if isinstance(obj.get(key), str) and obj[key].strip():
            yield Candidate("title", " ".join(obj[key].split()), "json-ld")
            break
    people = _jsonld_people(obj.get("author"))
    if people:
        yield Candidate("authors", tuple(people), "json-ld")
    for key, field in (("datePublished", "date"), ("dateCreated", "date"), ("dateModified", "modified")):
        if isinstance(obj.get(key), str) and (value := parse_date(obj[key])):
            yield Candidate(field, value, "json-ld")
    if isinstance(obj.get("description"), str):
        yield Candidate("description", " ".join(obj["description"].split()), "json-ld")
    publisher = obj.get("publisher")
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        yield Candidate("site_name", publisher["name"].strip(), "json-ld")
    if image := _jsonld_url(obj.get("image")):
        yield Candidate("image", image, "json-ld")
    keywords = obj.get("keywords")
    if isinstance(keywords, str):
        keywords = keywords.split(",")
    if isinstance(keywords, list):
        tags = tuple(k.strip() for k in keywords if isinstance(k, str) and k.strip())
        if tags:
            yield Candidate("tags", tags, "json-ld")
    if isinstance(obj.get("inLanguage"), str):
        yield Candidate("language", obj["inLanguage"], "json-ld")


def _jsonld_people(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    raw: list[str] = []
    for item in items:
        if isinstance(item, str):
            raw.append(item)
        elif isinstance(item, dict):
            kind = str(item.get("@type", "Person"))
            if "Organization" in kind or "Organisation" in kind:
                continue
            if isinstance(item.get("name"), str):
                raw.append(item["name"])
    return clean_names(raw)


def _jsonld_url(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl")
    return value.strip() if isinstance(value, str) and value.strip() else None


# --- <meta>, microdata, <time>, <head> ------------------------------------------------------

def _from_meta(root: Any) -> Iterator[Candidate]:
    tags: list[str] = []
    for meta in _META(root):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop")
               or meta.get("http-equiv") or "").strip().lower()
        hit = _META_FIELDS.get(key)
        content = " ".join((meta.get("content") or "").split())
        if not hit or not content:
            continue
        field, source = hit
        if field in ("date", "modified"):
            if value := parse_date(content):
                yield Candidate(field, value, source)
        elif field == "authors":
            if not content.startswith(("http", "@")):
                names = clean_names([content])
                if names:
                    yield Candidate("authors", tuple(names), source)
        elif field == "tags":
            tags.extend(t.strip() for t in content.split(",") if t.strip())
        else:
            yield Candidate(field, content, source)
    if tags:
        yield Candidate("tags", tuple(dict.fromkeys(tags)), "meta")


def _from_microdata(root: Any) -> Iterator[Candidate]:
    for el in _ITEMPROP(root):
        prop = el.get("itemprop")
        value = el.get("content") or el.get("datetime") or " ".join(el.xpath("string()").split())
        if not value:
            continue
        if prop == "headline":
            yield Candidate("title", value, "microdata")
        elif prop in ("datePublished", "dateModified"):
            if parsed := parse_date(value):
                yield Candidate("date" if prop == "datePublished" else "modified", parsed, "microdata")
        elif prop == "author" and (names := parse_byline(value)):
            yield Candidate("authors", tuple(names), "microdata")


def _from_time(root: Any) -> Iterator[Candidate]:
    for el in _TIME(root)[:3]:
        if value := parse_date(el.get("datetime", "")):
            yield Candidate("date", value, "time")
            return


def _from_head(root: Any) -> Iterator[Candidate]:
    title = root.findtext(".//title")
    if title and title.strip():
        yield Candidate("title", " ".join(title.split()), "title")
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if lang and lang.strip():
        yield Candidate("language", lang.strip(), "html-lang")
    for link in root.iterfind(".//link[@rel]"):
        rel = link.get("rel", "").lower()
        if rel == "canonical" and link.get("href"):
            yield Candidate("canonical_url", link.get("href").strip(), "link-canonical")


def _from_h1(root: Any) -> Iterator[Candidate]:
    for h1 in _H1(root)[:3]:
        text = " ".join(h1.xpath("string()").split())
        if text:
            yield Candidate("title", text, "h1")


def _from_visible_byline(root: Any) -> Iterator[Candidate]:
    for el in _BYLINE(root)[:6]:
        text = " ".join(el.xpath("string()").split())
        if text and len(text) < 150 and (names := parse_byline(text)):
            yield Candidate("authors", tuple(names), "byline")
            return


def _from_url(url: str | None) -> Iterator[Candidate]:
    if not url or not (m := _URL_DATE.search(url)):
        return
    y, mo, d = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), m.group(6))
    if value := parse_date(f"{y}-{int(mo):02d}-{int(d):02d}"):
        yield Candidate("date", value, "url")
