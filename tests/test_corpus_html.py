"""Accuracy on the real HTML and inline-XBRL 8-Ks of ../shared/corpus (read in place).

* Filings with an EDGAR header: the body agrees with the header (or with the hand-checked
  label where the header is wrong, tests/labels/header_corrections.tsv) on the item set
  (>= 97% per era) and on date of report, name, IRS number, state and file number (>= 99%).
* Lone documents without a header yield the same fields.
* edgar-crawler's item split labels (another tool's output, not truth) agree on which items
  exist.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import eightk
from eightk.containers import read_submission
from eightk.core import new_filing
from eightk.documents import view_of
from eightk.evaluate import evaluate, load_labels
from eightk.parser import parse_into
from eightk.parser.crosscheck import names_agree

LABELS = Path(__file__).parent / "labels" / "header_corrections.tsv"
CRAWLER = "nlpaueb__edgar-crawler"


@pytest.fixture(scope="module")
def html_filings(shared_dir, filing_rows):
    rows = [r for r in filing_rows if r["fmt"] in ("HTML", "iXBRL")]
    assert len(rows) >= 300, "the corpus should hold its HTML/iXBRL 8-K filings"
    out = []
    for r in rows:
        # what eightk.parse(data, facts=False) does, keeping the primary document's view
        data = (shared_dir / "corpus" / r["file"]).read_bytes()
        sub = read_submission(data)
        filing = new_filing(sub, data, path=r["file"])
        parse_into(sub, filing)
        view = view_of(sub, sub.primary) if sub.primary is not None else None
        out.append((r, filing, view))
    return out


@pytest.fixture(scope="module")
def header_report(html_filings):
    filings = [f for r, f, _ in html_filings if r["hdr"] == "yes"]
    assert len(filings) >= 150
    return evaluate(filings, load_labels(LABELS))


def _rate(report, era, field):
    agree, n = report.table().get(era, {}).get(field, (0, 0))
    bad = [(c.accession, c.body, c.truth) for c in report.comparisons
           if c.era == era and c.field == field and not c.agree]
    return (agree / n if n else 1.0), n, bad


@pytest.mark.corpus
@pytest.mark.parametrize("era", ["2005-2018", "2019-2026"])
def test_item_sets_with_header(header_report, era):
    rate, n, bad = _rate(header_report, era, "items")
    assert n > 0
    assert rate >= 0.97, bad


@pytest.mark.corpus
@pytest.mark.parametrize("field", ["date_of_report", "name", "irs_number", "state", "file_number"])
@pytest.mark.parametrize("era", ["2005-2018", "2019-2026"])
def test_cover_fields_with_header(header_report, era, field):
    rate, n, bad = _rate(header_report, era, field)
    assert n > 0
    assert rate >= 0.99, bad


@pytest.mark.corpus
def test_every_header_filing_has_its_registrants(html_filings):
    """The comparisons above only count registrants that were found: none may be missing."""
    missing = [r["file"] for r, f, _ in html_filings if r["hdr"] == "yes" and not any(x.name for x in f.registrants)]
    assert not missing


@pytest.mark.corpus
def test_ixbrl_cover_facts_are_used(html_filings):
    """The date of report comes from the tags; the registrant's name is the tagged one (or,
    when the tag is hidden, the visible name, which must agree with it)."""
    rows = [(r, f, v) for r, f, v in html_filings if r["fmt"] == "iXBRL"]
    assert len(rows) >= 200
    dated = named = agree = mismatches = 0
    for _, filing, view in rows:
        dated += filing.sources.get("date_of_report") == "ixbrl"
        tags = [f["value"] for f in view.ixbrl.get("dei:EntityRegistrantName", []) if not f["dimensions"]]
        reg = filing.registrants[0] if filing.registrants else None
        if tags and reg is not None:
            named += 1
            agree += names_agree(reg.name, tags[0]) and reg.sources.get("name") in ("ixbrl", "text")
        mismatches += sum(1 for a in filing.anomalies if a.code == "ixbrl_text_mismatch")
    assert dated / len(rows) >= 0.95
    assert named / len(rows) >= 0.95 and agree / named >= 0.99
    # a tagged value that disagrees with the text is rare, and always explained by an anomaly
    assert mismatches <= len(rows) * 0.05


@pytest.mark.corpus
@pytest.mark.parametrize("era", ["1993-2004", "2005-2018", "2019-2026"])
def test_lone_documents_yield_the_same_fields(html_filings, era):
    lone = [(r, f) for r, f, _ in html_filings if r["hdr"] == "no" and r["era"] == era]
    assert lone
    for field, ok in (
        ("name", lambda f: f.registrants and f.registrants[0].name),
        ("date_of_report", lambda f: f.date_of_report),
        ("items", lambda f: f.items),
        ("file_number", lambda f: f.registrants and f.registrants[0].commission_file_number),
        ("irs_number", lambda f: f.registrants and f.registrants[0].irs_employer_id),
    ):
        missing = [r["file"] for r, f in lone if not ok(f)]
        assert len(missing) / len(lone) <= 0.02, (field, missing)


@pytest.mark.corpus
def test_item_sets_agree_with_edgar_crawler_labels(shared_dir, html_filings):
    parsed = {r["file"]: f for r, f, _ in html_filings}
    base = shared_dir / "corpus" / CRAWLER
    labels = sorted((base / "labels" / "tests" / "fixtures" / "EXTRACTED_FILINGS" / "8-K").glob("*.json"))
    assert len(labels) >= 200
    agree, n, diff = 0, 0, []
    for path in labels:
        lab = json.loads(path.read_text(encoding="utf-8"))
        raw = base / "tests" / "fixtures" / "RAW_FILINGS" / "8-K" / lab["filename"]
        if not raw.is_file():
            continue
        theirs = {k.removeprefix("item_") for k, v in lab.items() if k.startswith("item_") and v.strip()}
        key = str(raw.relative_to(shared_dir / "corpus"))
        filing = parsed.get(key) or eightk.parse(raw.read_bytes(), path=key, facts=False)
        ours = {i.code for i in filing.items}
        n += 1
        if ours == theirs:
            agree += 1
        else:
            diff.append((lab["filename"], sorted(theirs), sorted(ours)))
    assert n >= 200
    assert agree / n >= 0.97, diff


@pytest.mark.corpus
def test_attached_exhibits_are_linked_to_the_exhibit_list(html_filings):
    attached = linked = 0
    unlinked = []
    for r, f, _ in html_filings:
        if r["hdr"] != "yes":
            continue
        linked_docs = {e.document for e in f.exhibits if e.document is not None}
        for d in f.documents:
            t = (d.type or "").upper()
            if not t.startswith("EX-") or t.startswith(("EX-101", "EX-104")):
                continue
            attached += 1
            if d.sequence in linked_docs:
                linked += 1
            else:
                unlinked.append((r["file"], d.type))
    assert attached >= 150
    assert linked / attached >= 0.95, unlinked
