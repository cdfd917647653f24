"""The issue's expectations on the three seed 8-Ks (../shared/seeds)."""

from __future__ import annotations

from pathlib import Path

import eightk
from eightk.containers import read_submission
from eightk.documents import view_of


def _seed(seeds_dir: Path, prefix: str) -> tuple[bytes, eightk.Filing]:
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    data = path.read_bytes()
    return data, eightk.parse(data, path=str(path))


def _check_spans(data: bytes, filing) -> None:
    sub = read_submission(data)
    docs = {d.sequence: d for d in sub.documents}
    for f in filing.facts:
        view = view_of(sub, docs[f.document])
        assert view.text[f.span.start : f.span.end] == f.text, f


def test_first_seed_earnings_release(seeds_dir: Path) -> None:
    data, filing = _seed(seeds_dir, "001")
    (ev,) = [e for e in filing.events if e.type == "earnings_release"]
    assert ev.item == "5" and ev.equivalent_item == "2.02"
    assert ev.attributes["period_end"] == "2002-12-31"
    period = next(f for f in filing.facts if f.kind == "period")
    assert "fourth quarter and full year" in period.text and period.item == "5"
    signer = next(f for f in filing.facts if f.kind == "party" and f.attributes.get("signatory"))
    assert signer.value == "David J. Frear"
    assert signer.attributes["role"] == "Executive Vice President and CFO"
    _check_spans(data, filing)


def test_second_seed_legal_settlement(seeds_dir: Path) -> None:
    data, filing = _seed(seeds_dir, "002")
    (ev,) = [e for e in filing.events if e.type == "legal_settlement"]
    assert ev.item == "5" and ev.equivalent_item == "8.01"
    a = ev.attributes
    assert (a["amount"], a["currency"]) == (1500000, "USD")
    assert a["counterparty"] == "Winstar Communications, Inc."
    assert a["court"] == "United States Bankruptcy Court for Delaware"
    assert a["approval_date"] == "2002-11-05"
    money = next(f for f in filing.facts if f.kind == "money")
    assert money.text == "$1.5 million" and money.item == "5"
    _check_spans(data, filing)


def test_third_seed_equity_financing(seeds_dir: Path) -> None:
    data, filing = _seed(seeds_dir, "003")
    (ev,) = [e for e in filing.events if e.type == "equity_financing"]
    assert ev.item == "5" and ev.equivalent_item == "3.02"
    a = ev.attributes
    assert a["shares"] == 20000
    assert a["security"] == "Series A Convertible Preferred Stock"
    assert (a["price_per_share"], a["currency"]) == (1000, "USD")
    assert a["purchasers"] == [
        "Constellation Venture Capital II, L.P.",
        "Constellation Venture Capital Offshore II, L.P.",
        "The BSC Employee Fund IV, L.P.",
        "CVC II Partners, L.L.C.",
    ]
    assert a["warrants"][0]["exercise_price"] == 0.75
    (bad,) = [x for x in filing.anomalies if x.code == "malformed_number"]
    assert "10,000,00" in bad.text and "10,000,000" in bad.message
    fact = next(f for f in filing.facts if f.kind == "shares" and f.attributes.get("malformed"))
    assert fact.value is None and fact.text.startswith("10,000,00 shares")
    _check_spans(data, filing)
