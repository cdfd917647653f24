"""Inferred event types against EDGAR's item labels (A.gz event labels and corpus headers).

Goal (issue 5): at least 90% agreement on modern filings, where the item decides; a measured
figure on legacy ones, where "Other Events" is refined from the text (printed with -s).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eightk.events_eval import NELSON, evaluate, read_header_filings, read_nelson, report
from tests.conftest import unavailable

pytestmark = pytest.mark.corpus


def test_nelson_labels(shared_dir: Path) -> None:
    path = shared_dir / "corpus" / NELSON
    if not path.is_file():
        unavailable(f"{NELSON} is absent from the corpus")
    tallies = evaluate(read_nelson(path))
    print(report(tallies))
    modern, legacy = tallies["modern"], tallies["legacy"]
    assert sum(modern.n.values()) > 100
    assert modern.rate() >= 0.90
    # legacy: an event is found under (nearly) every labelled item, refined or not
    covered = sum(legacy.agree.values()) + sum(legacy.refined.values())
    assert covered / sum(legacy.n.values()) >= 0.8
    # legacy "Other Events" that announce results are recognised as earnings releases
    assert legacy.refined_to["earnings_release"] >= 3


def test_header_labels(shared_dir: Path) -> None:
    tallies = evaluate(read_header_filings(shared_dir / "corpus"))
    print(report(tallies))
    assert sum(tallies["modern"].n.values()) > 100
    assert tallies["modern"].rate() >= 0.90


def test_nelson_reader_strips_the_labels(tmp_path: Path) -> None:
    import gzip

    raw = (
        "<DOCUMENT>\nFILE:X/X-8K-20060101.txt.gz\nTIME:20060101120000\n"
        "EVENTS:\tResults of Operations and Financial Condition\tFinancial Statements and Exhibits\n"
        "TEXT:\nITEM: Results of Operations and Financial Condition\n"
        "Item 2.02 Results of Operations and Financial Condition\nOn January 1, 2006 Fenwick Loom Corp. "
        "announced results for the quarter ended December 31, 2005.\n</DOCUMENT>\n"
    )
    p = tmp_path / "A.gz"
    p.write_bytes(gzip.compress(raw.encode()))
    (doc,) = read_nelson(p)
    assert doc.codes == ["2.02", "9.01"] and not doc.legacy
    assert b"ITEM: " not in doc.data
    tallies = evaluate(iter([doc]))
    assert tallies["modern"].agree["earnings_release"] == 1
