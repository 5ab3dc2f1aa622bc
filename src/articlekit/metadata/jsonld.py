"""schema.org JSON-LD: the article object(s) of a page and what they declare.

Pages nest their JSON-LD every way the spec allows: a list of documents, an `@graph`, the
article as `mainEntity` of a `WebPage`, authors as objects, arrays, strings or `{"@id": ...}`
references to a `Person` elsewhere in the graph. All of it is walked once and indexed by `@id`.
Organisations named as authors are kept apart from people (they become `organisations`).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

from ..dates.order import parse_both
from .byline import clean_names
from .candidates import Candidate

_ARTICLE_TYPES = re.compile(r"Article|BlogPosting|Report|LiveBlog|Posting|NewsArticle", re.I)
_SITE_TYPES = re.compile(r"WebSite|Organization|NewsMediaOrganization", re.I)
_ORG_TYPES = re.compile(r"Organi[sz]ation|Corporation|NewsMedia|Brand|WebSite", re.I)
_PAGE_TYPES = re.compile(r"WebPage|Page$|VideoObject|Event|HowTo$|Recipe|CreativeWork$", re.I)  # (they date a page)
_DATES = (("datePublished", "date"), ("dateCreated", "date"), ("uploadDate", "date"), ("dateModified", "modified"))
_PAGE_DATE_KEYS = frozenset(key for key, _ in _DATES[:3])  # (a page's dateModified: its template's)
_MAX_DEPTH = 8


def candidates_from_scripts(texts: list[str]) -> Iterator[Candidate]:
    """Candidates from the text of every `<script type="application/ld+json">` of a page."""
    objects = [obj for text in texts for obj in walk(load_json(text))]
    index = {obj["@id"]: obj for obj in objects if isinstance(obj.get("@id"), str) and len(obj) > 1}
    articles = [obj for obj in objects if _ARTICLE_TYPES.search(type_names(obj))]
    articles.sort(key=lambda obj: "headline" not in obj and "datePublished" not in obj)
    for obj in articles[:1]:
        yield from _article_fields(obj, index)
    if not articles:  # a page that is no article (a WebPage, a video) still dates itself
        dated = (obj for obj in objects if _PAGE_TYPES.search(type_names(obj)) and _PAGE_DATE_KEYS & obj.keys())
        page = next(dated, None)
        yield from _dates(page or {}, "json-ld-page")
    for obj in objects:
        kind = type_names(obj)
        if _SITE_TYPES.search(kind) and not _ARTICLE_TYPES.search(kind) and (name := text_value(obj.get("name"))):
            yield Candidate("site_name", name, "json-ld-site")


def load_json(text: str) -> Any:
    text = text.strip().removeprefix("<![CDATA[").removesuffix("]]>").strip().rstrip(";")
    try:
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):  # malformed, or nested deeper than the parser recurses
        return None


def walk(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every object in a JSON-LD document, depth first (lists, @graph, nested values)."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            yield from walk(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for value in data.values():
            if isinstance(value, dict | list):
                yield from walk(value, depth + 1)


def type_names(obj: dict[str, Any]) -> str:
    types = obj.get("@type")
    return " ".join(str(t) for t in types) if isinstance(types, list) else str(types or "")


def text_value(value: Any) -> str | None:
    """A JSON-LD string, HTML entities decoded (pages often escape twice) and spaces collapsed."""
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    if not isinstance(value, str):
        return None
    text = " ".join(html.unescape(value).split())
    return text or None


def _article_fields(obj: dict[str, Any], index: dict[str, dict[str, Any]]) -> Iterator[Candidate]:
    if title := text_value(obj.get("headline")) or text_value(obj.get("name")):
        yield Candidate("title", title, "json-ld")
    people, orgs = _authors(obj.get("author"), index)
    if people:
        yield Candidate("authors", tuple(people), "json-ld")
    if orgs:
        yield Candidate("organisations", tuple(orgs), "json-ld")
    yield from _dates(obj, "json-ld")
    if description := text_value(obj.get("description")):
        yield Candidate("description", description, "json-ld")
    publisher = _deref(obj.get("publisher"), index)
    if isinstance(publisher, dict) and (name := text_value(publisher.get("name"))):
        yield Candidate("site_name", name, "json-ld")
    if image := _url(_deref(obj.get("image"), index)):
        yield Candidate("image", image, "json-ld")
    if tags := _keywords(obj.get("keywords")):
        yield Candidate("tags", tags, "json-ld")
    if language := text_value(obj.get("inLanguage")):
        yield Candidate("language", language, "json-ld")
    entity = obj.get("mainEntityOfPage")
    entity = entity.get("@id") if isinstance(entity, dict) else entity
    if (url := text_value(obj.get("url")) or text_value(entity)) and url.startswith("http"):
        yield Candidate("canonical_url", url, "json-ld")


def _dates(obj: dict[str, Any], source: str) -> Iterator[Candidate]:
    for key, field in _DATES if source == "json-ld" else _DATES[:3]:  # (a page's dateModified: its template's)
        value, alt = parse_both(text_value(obj.get(key)) or "")
        if value:
            yield Candidate(field, value, source, alt)


def _deref(value: Any, index: dict[str, dict[str, Any]]) -> Any:
    """`{"@id": "#author"}` -> the object with that id, when the graph has it."""
    if isinstance(value, dict) and len(value) <= 2 and isinstance(value.get("@id"), str):
        return index.get(value["@id"], value)
    return value


def _authors(value: Any, index: dict[str, dict[str, Any]]) -> tuple[list[str], list[str]]:
    """(people, organisations) named by an `author` value."""
    items = value if isinstance(value, list) else [value]
    people: list[str] = []
    orgs: list[str] = []
    for item in items:
        item = _deref(item, index)
        if isinstance(item, str):
            people.append(html.unescape(item))
        elif isinstance(item, dict):
            name = _person_name(item)
            if not name:
                continue
            (orgs if _ORG_TYPES.search(type_names(item)) else people).append(name)
    return clean_names(people), [" ".join(o.split()) for o in orgs]


def _person_name(item: dict[str, Any]) -> str | None:
    if name := text_value(item.get("name")):
        return name
    given, family = text_value(item.get("givenName")), text_value(item.get("familyName"))
    return " ".join(p for p in (given, family) if p) or None


def _url(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _keywords(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        return ()
    tags = (" ".join(html.unescape(k).split()) for k in value if isinstance(k, str))
    return tuple(dict.fromkeys(t for t in tags if t))
