"""The shareholder_vote, dividend and earnings_release attributes against the hand labels of
tests/labels/events.jsonl (corpus filings, each checked by reading): per-field precision and
recall, and the issue's goals (vote counts exact on >= 0.95 of proposals, dividend amount and
dates >= 0.95, earnings figures >= 0.90)."""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from typing import Any

import pytest

from eightk.core import parse
from tests.conftest import CORPUS, NO_SHARED, ROOT, unavailable

LABELS = ROOT / "tests" / "labels" / "events.jsonl"
TYPES = ("shareholder_vote", "dividend", "earnings_release")
VOTE_COUNTS = ("for", "against", "abstain", "broker_non_votes", "one_year", "two_years", "three_years")


def _norm(v: Any) -> Any:
    if isinstance(v, str):
        return re.sub(r"[^a-z0-9]+", " ", v.lower()).strip()
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a))
    return _norm(a) == _norm(b)


def _flat(value: Any, path: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            out.update(_flat(v, f"{path}.{k}" if path else k))
        return out
    if isinstance(value, list) and value and all(isinstance(x, dict) for x in value):
        out = {}
        for i, v in enumerate(value):
            out.update(_flat(v, f"{path}.{i}"))
        return out
    return {path: value}


def _field(path: str) -> str:
    return re.sub(r"\.\d+", "", path)


def _resolve(key: str) -> str:
    with (CORPUS / "inventory.tsv").open(newline="", encoding="utf-8") as f:
        rows = [r["file"] for r in csv.DictReader(f, delimiter="\t") if r["role"] == "8-K filing" and r["accession"] == key]
    return rows[0] if len(rows) == 1 else key


def score(labels: list[dict[str, Any]]) -> tuple[dict[str, list[int]], list[bool]]:
    """Per field [true positives, false positives, false negatives] over the labelled
    attributes, and for each labelled proposal whether all its counts are exact."""
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    exact: list[bool] = []
    for lab in labels:
        rel = _resolve(lab["filing"])
        events = parse((CORPUS / rel).read_bytes(), path=rel).events
        ev = next((e for e in events if e.type == lab["type"] and e.item == lab["item"]), None)
        got = _flat(ev.attributes) if ev is not None else {}
        want = _flat(lab["attributes"])
        keys = set(want)
        # records past the labelled ones (a proposal read twice) count against precision
        n = len(lab["attributes"].get("proposals") or [])
        keys |= {k for k in got if (m := re.match(r"proposals\.(\d+)\.", k)) and "proposals" in lab["attributes"]
                 and int(m.group(1)) >= n}
        for k in keys:
            e, g = want.get(k), got.get(k)
            t = tally[_field(k)]
            if e is not None and g is not None and _same(e, g):
                t[0] += 1
            else:
                if g is not None:
                    t[1] += 1
                if e is not None:
                    t[2] += 1
        for i, p in enumerate(lab["attributes"].get("proposals") or []):
            exact.append(all(_same(p.get(c), got.get(f"proposals.{i}.{c}")) if p.get(c) is not None
                             else got.get(f"proposals.{i}.{c}") is None for c in VOTE_COUNTS))
    return tally, exact


def f1(t: list[int]) -> tuple[float, float, float]:
    tp, fp, fn = t
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(tally: dict[str, list[int]], exact: list[bool]) -> str:
    lines = [f"{'field':32} {'P':>6} {'R':>6} {'F1':>6}  tp/fp/fn"]
    for k in sorted(tally):
        p, r, f = f1(tally[k])
        lines.append(f"{k:32} {p:6.3f} {r:6.3f} {f:6.3f}  {'/'.join(map(str, tally[k]))}")
    lines.append(f"proposals with every count exact: {sum(exact)}/{len(exact)}")
    return "\n".join(lines)


def _labels(etype: str) -> list[dict[str, Any]]:
    if not CORPUS.is_dir():
        unavailable(NO_SHARED)
    with LABELS.open(encoding="utf-8") as f:
        return [d for d in map(json.loads, f) if d.get("type") == etype]


@pytest.mark.parametrize("etype", TYPES)
def test_labels_name_corpus_filings(etype: str) -> None:
    labels = _labels(etype)
    assert len(labels) >= 8, f"too few {etype} labels to measure"
    for lab in labels:
        assert (CORPUS / _resolve(lab["filing"])).is_file(), lab["filing"]


def test_vote_counts_exact() -> None:
    tally, exact = score(_labels("shareholder_vote"))
    assert len(exact) >= 100, "compared too few proposals"
    assert sum(exact) / len(exact) >= 0.95, report(tally, exact)
    for k in ("proposals.for", "proposals.against", "proposals.abstain", "proposals.broker_non_votes"):
        assert f1(tally[k])[2] >= 0.95, report(tally, exact)
    assert f1(tally["meeting_date"])[2] >= 0.95, report(tally, exact)


def test_dividend_amount_and_dates() -> None:
    tally, exact = score(_labels("dividend"))
    for k in ("amount_per_share", "declared", "record_date", "payable_date"):
        assert sum(tally[k]) > 0 and f1(tally[k])[2] >= 0.95, report(tally, exact)


def test_earnings_figures() -> None:
    tally, exact = score(_labels("earnings_release"))
    for k in ("revenue", "revenue_prior", "net_income", "net_income_prior", "diluted_eps", "diluted_eps_prior"):
        assert tally[k][0] >= 8 and f1(tally[k])[2] >= 0.90, report(tally, exact)


if __name__ == "__main__":  # per-field numbers: .venv/bin/python -m tests.test_events_votes_corpus
    for etype in TYPES:
        print(f"== {etype}")
        print(report(*score(_labels(etype))))
