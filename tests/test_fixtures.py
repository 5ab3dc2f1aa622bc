"""Golden fixtures: real pages with hand-checked expectations (see fixtures/README.md).

Each directory under fixtures/ holds one page (page.html[.gz] or page.txt[.gz]) and an
expected.json written by reading the page, never by saving the program's output. One test per
fixture runs `articlekit.extract(page, url=url)` once and checks every field the JSON gives:

- kind, canonical_url: equal;
- title, site_name, description: equal after collapsing whitespace;
- authors: equal as lists (each name whitespace-collapsed), `[]` meaning "no personal byline";
- date: the predicted day (ISO `YYYY-MM-DD`) equals it; `null` means the page shows no date;
- language: equal, case-insensitive, `_` read as `-`; an expected bare language ("pt") also
  accepts any region of it ("pt-BR");
- text: exactly equal when `text_exact` is true, else word-4-gram shingle F1 (the scrapinghub
  benchmark metric) >= `text_min_f1`;
- text_starts_with / text_ends_with: the body (whitespace collapsed) starts / ends with them;
- not_in_text: boilerplate seen on the page that must not be in the body;
- removed: blocks that must be in `Article.removed`, with that reason or, if none is given, any
  non-empty reason.

A failing test lists every failing check of its fixture, with what was produced.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import articlekit
from conftest import Fixture, fixture_dirs, load_fixture, norm_space
from shingles import score_page

KNOWN_KEYS = {
    "source", "note", "known_gap", "kind", "url", "title", "title_alt", "authors", "date", "language", "site_name",
    "canonical_url", "description", "text", "text_exact", "text_min_f1", "text_starts_with",
    "text_ends_with", "not_in_text", "removed",
}
DIRS = fixture_dirs()


def _short(value: object, limit: int = 160) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _language_matches(predicted: str | None, expected: str) -> bool:
    if not predicted:
        return False
    pred = predicted.strip().lower().replace("_", "-")
    want = expected.strip().lower().replace("_", "-")
    return pred == want or ("-" not in want and pred.split("-")[0] == want)


def _day(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    return (value.date() if isinstance(value, dt.datetime) else value).isoformat()


def check(fx: Fixture, article: articlekit.Article) -> list[str]:
    """Every failing check of one fixture, one line each: what was expected and what came out."""
    exp: dict[str, Any] = fx.expected
    failures: list[str] = []

    def fail(field: str, expected: object, actual: object) -> None:
        failures.append(f"{field}: expected {_short(expected)}, got {_short(actual)}")

    if "kind" in exp and article.kind != exp["kind"]:
        fail("kind", exp["kind"], article.kind)
    titles = [exp["title"], *exp.get("title_alt", [])] if "title" in exp else []
    if titles and norm_space(article.title) not in {norm_space(t) for t in titles}:
        fail("title", titles[0] if len(titles) == 1 else titles, article.title)
    for field in ("site_name", "description"):
        if field in exp and norm_space(getattr(article, field)) != norm_space(exp[field]):
            fail(field, exp[field], getattr(article, field))
    if "canonical_url" in exp and article.canonical_url != exp["canonical_url"]:
        fail("canonical_url", exp["canonical_url"], article.canonical_url)
    if "authors" in exp and [norm_space(a) for a in article.authors] != [norm_space(a) for a in exp["authors"]]:
        fail("authors", exp["authors"], list(article.authors))
    if "date" in exp and _day(article.date) != exp["date"]:
        fail("date", exp["date"], _day(article.date))
    if "language" in exp and not _language_matches(article.language, exp["language"]):
        fail("language", exp["language"], article.language)

    text = article.text
    flat = norm_space(text)
    if "text" in exp:
        if exp.get("text_exact"):
            if text != exp["text"]:
                fail("text (exact)", exp["text"], text)
        else:
            score = score_page(text, exp["text"])
            if score.f1 < exp["text_min_f1"]:
                failures.append(
                    f"text: shingle F1 {score.f1:.3f} < {exp['text_min_f1']} "
                    f"(precision {score.precision or 0:.3f}, recall {score.recall or 0:.3f}; "
                    f"{len(text)} chars predicted vs {len(exp['text'])} expected)"
                )
    if "text_starts_with" in exp and not flat.startswith(norm_space(exp["text_starts_with"])):
        fail("text_starts_with", exp["text_starts_with"], flat[:120])
    if "text_ends_with" in exp and not flat.endswith(norm_space(exp["text_ends_with"])):
        fail("text_ends_with", exp["text_ends_with"], flat[-120:])
    for boilerplate in exp.get("not_in_text", []):
        if norm_space(boilerplate) in flat:
            failures.append(f"not_in_text: {_short(boilerplate)} is in the body")

    removed = [(norm_space(r.text), r.reason) for r in article.removed]
    for want in exp.get("removed", []):
        hits = [reason for text_, reason in removed if text_ == norm_space(want["text"])]
        if not hits:
            failures.append(f"removed: {_short(want['text'])} is not in Article.removed")
        elif "reason" in want and want["reason"] not in hits:
            fail(f"removed reason of {_short(want['text'], 60)}", want["reason"], hits)
        elif not any(hits):
            failures.append(f"removed: {_short(want['text'])} has an empty reason")
    return failures


def _params() -> list[Any]:
    """One test per fixture; a fixture with a `known_gap` is a strict expected failure: it must
    keep failing for the reason given until the extractor is fixed, and then its XPASS fails the
    run so that the gap entry is removed. The expectations themselves are never lowered."""
    params = []
    for directory in DIRS:
        gap = load_fixture(directory).expected.get("known_gap")
        marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
        params.append(pytest.param(directory, id=directory.name, marks=marks))
    return params


@pytest.mark.parametrize("directory", _params())
def test_fixture(directory: Path) -> None:
    fx = load_fixture(directory)
    article = articlekit.extract(fx.page_bytes(), url=fx.expected.get("url"))
    failures = check(fx, article)
    if failures:
        pytest.fail(f"{fx.name} ({fx.expected.get('source', '?')}):\n  " + "\n  ".join(failures), pytrace=False)


def test_fixture_files_are_well_formed() -> None:
    """The fixture set itself: enough pages, known keys, a real bar for the body, both kinds."""
    assert len(DIRS) >= 20
    kinds = set()
    for directory in DIRS:
        fx = load_fixture(directory)
        exp = fx.expected
        unknown = set(exp) - KNOWN_KEYS
        assert not unknown, f"{fx.name}: unknown keys {unknown}"
        assert exp.get("kind") in ("html", "text"), fx.name
        kinds.add(exp["kind"])
        assert fx.page_path.name.startswith("page.html" if exp["kind"] == "html" else "page.txt"), fx.name
        assert "source" in exp and "title" in exp, fx.name
        assert exp.get("text"), f"{fx.name}: no expected text"
        if not exp.get("text_exact"):
            assert 0.8 <= exp["text_min_f1"] <= 1.0, f"{fx.name}: text_min_f1 out of range"
            assert exp.get("not_in_text"), f"{fx.name}: give some boilerplate for not_in_text"
        if exp.get("date") is not None:
            dt.date.fromisoformat(exp["date"])
        flat = norm_space(exp["text"])
        for key in ("text_starts_with", "text_ends_with"):
            if key in exp:
                assert norm_space(exp[key]) in flat, f"{fx.name}: {key} is not in the expected text"
        assert flat.startswith(norm_space(exp.get("text_starts_with", ""))), fx.name
        assert flat.endswith(norm_space(exp.get("text_ends_with", ""))), fx.name
        for boilerplate in exp.get("not_in_text", []):
            assert norm_space(boilerplate) not in flat, f"{fx.name}: {boilerplate!r} is in the expected text"
    assert kinds == {"html", "text"}
