"""The three seed filings (../shared/seeds), field by field: what a careful reader finds in them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import eightk

SEEDS = {
    "001": dict(date=dt.date(2003, 2, 4), signer="David J. Frear", title="Executive Vice President and CFO",
                signed=dt.date(2003, 2, 4), exhibits=["99.1"]),
    "002": dict(date=dt.date(2002, 11, 5), signer="David J. Frear", title="Executive Vice President and CFO",
                signed=dt.date(2002, 11, 7), exhibits=["99.1"]),
    "003": dict(date=dt.date(2002, 6, 28), signer="John M. Finlayson", title="President and Chief Operating Officer",
                signed=dt.date(2002, 7, 8),
                exhibits=["4.7", "4.8", "4.9", "4.10", "10.1", "10.2", "10.3", "10.4", "99.1"]),
}


def _parse(seeds_dir: Path, prefix: str) -> eightk.model.Filing:
    (path,) = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
    return eightk.parse(path.read_bytes(), path=path.name, facts=False)


@pytest.fixture(scope="module", params=sorted(SEEDS))
def seed(request, seeds_dir):
    return request.param, _parse(seeds_dir, request.param)


def test_date_of_report(seed):
    key, f = seed
    assert f.date_of_report == SEEDS[key]["date"]


def test_registrant_block(seed):
    _, f = seed
    assert len(f.registrants) == 1
    r = f.registrants[0]
    assert r.name == "SAVVIS COMMUNICATIONS CORPORATION"
    assert r.state_of_incorporation == "DE"
    assert r.commission_file_number == "0-29375"
    assert r.irs_employer_id == "43-1809960"
    assert r.address is not None
    assert r.address.street == "12851 Worldgate Drive"
    assert r.address.city == "Herndon"
    assert r.address.state == "VA"
    assert r.address.zip == "20170"
    assert r.phone == "(703) 234-8000"
    assert r.former_name is None
    # every value keeps the span of the text it came from
    for field in ("name", "state_of_incorporation", "commission_file_number", "irs_employer_id", "phone"):
        assert field in r.spans and r.sources[field] == "text"


def test_spans_point_at_the_values(seed, seeds_dir):
    key, f = seed
    (path,) = sorted(seeds_dir.glob(f"{key}_*.txt"))
    sub = eightk.containers.read_submission(path.read_bytes())
    text = sub.primary.text
    r = f.registrants[0]
    assert text[r.spans["irs_employer_id"].start:r.spans["irs_employer_id"].end] == "43-1809960"
    assert text[r.spans["commission_file_number"].start:r.spans["commission_file_number"].end] == "0-29375"
    assert text[r.spans["state_of_incorporation"].start:r.spans["state_of_incorporation"].end] == "Delaware"
    for item in f.items:
        assert text[item.span.start:item.span.end].lstrip().upper().startswith("ITEM")


def test_items(seed):
    _, f = seed
    assert [(i.code, i.scheme, i.equivalent) for i in f.items] == [("5", "legacy", "8.01"), ("7", "legacy", "9.01")]
    five, seven = f.items
    assert five.title.upper().startswith("OTHER EVENTS")
    assert seven.title == "FINANCIAL STATEMENTS, PRO FORMA FINANCIAL INFORMATION AND EXHIBITS"
    assert not five.text.upper().startswith("ITEM")
    assert "press release" in five.text.lower() or "issued" in five.text
    assert "(c) Exhibits." in seven.text
    assert "SIGNATURES" not in five.text and "SIGNATURES" not in seven.text
    assert f.items_not_applicable == []


def test_exhibits_each_once(seed):
    key, f = seed
    assert [e.number for e in f.exhibits] == SEEDS[key]["exhibits"]
    assert all(e.description for e in f.exhibits)
    assert all(e.document is None for e in f.exhibits)  # lone documents: nothing attached


def test_exhibit_descriptions_wrap_over_lines(seeds_dir):
    f = _parse(seeds_dir, "003")
    by = {e.number: e.description for e in f.exhibits}
    assert by["99.1"] == "Press release, dated June 30, 2002."
    assert by["4.7"].startswith("Warrant, dated June 28, 2002, to purchase the registrant's common stock issued to")
    assert by["4.7"].endswith("Constellation Venture Capital II, L.P.")
    assert "\n" not in by["10.2"] and "  " not in by["10.2"]


def test_signature(seed):
    key, f = seed
    (s,) = f.signatures
    assert s.registrant == "SAVVIS COMMUNICATIONS CORPORATION"
    assert s.name == SEEDS[key]["signer"]
    assert s.title == SEEDS[key]["title"]
    assert s.date == SEEDS[key]["signed"]
    assert s.conformed is True


def test_no_header_no_crosscheck_anomalies(seed):
    _, f = seed
    assert f.header is None
    assert not [a for a in f.anomalies if a.code.endswith("_mismatch")]
