"""Shared helpers for the tests: the golden fixtures in ../fixtures and the body metric."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
EXAMPLES = ROOT / "examples"
SEED_PAGE = EXAMPLES / "seed_news_page.txt"

# The page file of a fixture: the first of these names that exists in its directory.
PAGE_NAMES = ("page.html", "page.html.gz", "page.txt", "page.txt.gz")

_TOKEN = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


def norm_space(text: str | None) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return _SPACE.sub(" ", text or "").strip()


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Word n-grams over `\\w+` tokens, as a multiset (1..n-1 tokens give one shorter shingle).

    The scrapinghub benchmark's metric, as benchmarks/shingles.py implements it; kept here so
    that the tests do not depend on the benchmarks directory.
    """
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True)
class ShingleScore:
    precision: float
    recall: float
    f1: float


def shingle_f1(predicted: str, expected: str) -> ShingleScore:
    """Precision, recall and F1 of the predicted body's 4-gram shingles against the expected body's."""
    pred, true = shingles(predicted), shingles(expected)
    tp = sum((pred & true).values())
    n_pred, n_true = sum(pred.values()), sum(true.values())
    if not n_pred and not n_true:
        return ShingleScore(1.0, 1.0, 1.0)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_true if n_true else 0.0
    return ShingleScore(p, r, 2 * p * r / (p + r) if p + r else 0.0)


@dataclass(frozen=True)
class Fixture:
    name: str
    directory: Path
    page_path: Path
    expected: dict[str, Any]

    def page_bytes(self) -> bytes:
        data = self.page_path.read_bytes()
        return gzip.decompress(data) if self.page_path.suffix == ".gz" else data


def fixture_dirs() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if p.is_dir() and (p / "expected.json").is_file())


def load_fixture(directory: Path) -> Fixture:
    expected = json.loads((directory / "expected.json").read_text(encoding="utf-8"))
    pages = [directory / name for name in PAGE_NAMES if (directory / name).is_file()]
    if len(pages) != 1:
        raise FileNotFoundError(f"{directory}: expected exactly one of {PAGE_NAMES}, found {pages}")
    return Fixture(directory.name, directory, pages[0], expected)
