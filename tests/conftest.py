"""Shared helpers for the tests: the golden fixtures in ../fixtures. The body metric is
benchmarks/shingles.py's (pytest puts benchmarks/ on the path: pyproject.toml)."""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
EXAMPLES = ROOT / "examples"
SEED_PAGE = EXAMPLES / "seed_news_page.txt"

# The page file of a fixture: the first of these names that exists in its directory.
PAGE_NAMES = ("page.html", "page.html.gz", "page.txt", "page.txt.gz")

_SPACE = re.compile(r"\s+")


def norm_space(text: str | None) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return _SPACE.sub(" ", text or "").strip()


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
