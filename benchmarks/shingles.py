"""The scrapinghub benchmark's metric: word 4-gram shingles, per-page P/R, averaged.

Reimplemented from the description in ../shared/bench/scrapinghub/SOURCE.md (not copied):
tokens are `\\w+`; shingles are 4-grams counted as a multiset (1-3 tokens give one shorter
shingle); precision is the mean over pages with a non-empty prediction, recall the mean over
pages with a non-empty truth, F1 = 2PR/(P+R) of the two means.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True)
class PageScore:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float:
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def score_page(predicted: str, truth: str) -> PageScore:
    pred, true = shingles(predicted), shingles(truth)
    tp = sum((pred & true).values())
    return PageScore(tp, sum(pred.values()) - tp, sum(true.values()) - tp)


@dataclass(frozen=True)
class Summary:
    precision: float
    recall: float
    f1: float
    mean_page_f1: float
    empty: int
    pages: int


def summarise(scores: Iterable[PageScore], empties: int = 0) -> Summary:
    scores = list(scores)
    ps = [s.precision for s in scores if s.precision is not None]
    rs = [s.recall for s in scores if s.recall is not None]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    mean_f1 = sum(s.f1 for s in scores) / len(scores) if scores else 0.0
    return Summary(p, r, f1, mean_f1, empties, len(scores))
