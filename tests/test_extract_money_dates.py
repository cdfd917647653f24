"""The money and period extractors on hand-checked examples (tests/data/money_dates.tsv); the
dates are checked on their own table by tests/test_dates.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from eightk.extract.amounts import find_money
from eightk.extract.dates import find_dates, find_periods

DATA = Path(__file__).parent / "data" / "money_dates.tsv"


def _rows() -> list[tuple[str, str, str]]:
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        rows.append((parts[0], parts[1], parts[2] if len(parts) > 2 else ""))
    return rows


ROWS = _rows()


def _num(s: str) -> float:
    return float(s)


def test_enough_examples() -> None:
    kinds = [k for k, _, _ in ROWS]
    assert sum(k in ("money", "table", "period") for k in kinds) >= 140
    assert sum(k.startswith("none") for k in kinds) >= 40


@pytest.mark.parametrize(("kind", "text", "expected"), [r for r in ROWS if r[0] in ("money", "table")])
def test_money(kind: str, text: str, expected: str) -> None:
    hits = find_money(text, table=kind == "table", table_context=kind == "table")
    assert hits, f"no money found in {text!r}"
    h = hits[0]
    value, unit, *per = expected.split(" ", 2)
    assert h.value == pytest.approx(_num(value)), (text, h)
    assert h.unit == unit
    assert h.per == (per[0] if per else None)
    # the span points at the printed amount
    assert text[h.start : h.end] == h.text
    assert h.text.strip() and h.text.strip()[0] in "$€£¥(0123456789UECGJARHISNTFOSPuecgjarhisntfosp"


@pytest.mark.parametrize(("kind", "text", "expected"), [r for r in ROWS if r[0] == "period"])
def test_period(kind: str, text: str, expected: str) -> None:
    hits = find_periods(text)
    assert hits, f"no period found in {text!r}"
    assert hits[0].value == expected
    assert hits[0].attributes["lengths"], hits[0]


@pytest.mark.parametrize(("kind", "text", "expected"), [r for r in ROWS if r[0].startswith("none")])
def test_negatives(kind: str, text: str, expected: str) -> None:
    if kind in ("none", "none-money"):
        assert find_money(text) == [], text
    if kind == "none":
        assert [h for h in find_dates(text)] == [], text


def test_impossible_date_is_kept_with_a_problem() -> None:
    (h,) = find_dates("signed on February 30, 2003 by the parties")
    assert h.value is None
    assert h.text == "February 30, 2003"
    assert h.problem and h.problem[0] == "impossible_date"


def test_malformed_grouping_is_flagged_not_repaired() -> None:
    (h,) = find_money("a fee of $5,000,00 was paid")
    assert h.value is None
    assert h.text == "$5,000,00"
    assert h.problem and "500,000" in h.problem[1] and "5,000,000" in h.problem[1]


def test_parenthesised_number_outside_a_table_is_not_money() -> None:
    assert find_money("see note (1,234) below") == []
    assert find_money("Other   (2,345)", table=True, table_context=False) == []
