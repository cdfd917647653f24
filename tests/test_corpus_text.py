"""Accuracy on the real corpus (../shared/corpus): the body agrees with the EDGAR header, or with
the hand-checked label where the header is wrong (tests/labels/header_corrections.tsv)."""

from __future__ import annotations

from pathlib import Path

import pytest

import eightk
from eightk.evaluate import evaluate, load_labels

LABELS = Path(__file__).parent / "labels" / "header_corrections.tsv"


def _parse_rows(shared_dir: Path, rows: list[dict[str, str]]):
    out = []
    for r in rows:
        path = shared_dir / "corpus" / r["file"]
        out.append(eightk.parse(path.read_bytes(), path=r["file"], facts=False))
    return out


@pytest.fixture(scope="module")
def labels():
    return load_labels(LABELS)


@pytest.fixture(scope="module")
def plain_text_report(shared_dir, filing_rows, labels):
    rows = [r for r in filing_rows if r["fmt"] == "plain text" and r["hdr"] == "yes"]
    assert len(rows) >= 20, "the corpus should hold the plain-text filings with headers"
    return evaluate(_parse_rows(shared_dir, rows), labels)


def _rate(report, era: str, field: str) -> tuple[float, int]:
    agree, n = report.table().get(era, {}).get(field, (0, 0))
    return (agree / n if n else 1.0), n


@pytest.mark.parametrize("era", ["1993-2004", "2005-2018"])
def test_plain_text_item_sets(plain_text_report, era):
    rate, n = _rate(plain_text_report, era, "items")
    assert n > 0
    bad = [(c.accession, c.body, c.truth) for c in plain_text_report.comparisons
           if c.era == era and c.field == "items" and not c.agree]
    assert rate >= 0.95, bad


@pytest.mark.parametrize("field", ["date_of_report", "irs_number", "state"])
@pytest.mark.parametrize("era", ["1993-2004", "2005-2018"])
def test_plain_text_cover_fields(plain_text_report, era, field):
    rate, n = _rate(plain_text_report, era, field)
    bad = [(c.accession, c.body, c.truth) for c in plain_text_report.comparisons
           if c.era == era and c.field == field and not c.agree]
    assert n > 0, f"nothing compared for {field} in {era}"
    assert rate >= 0.98, bad


def test_plain_text_every_header_filing_read(plain_text_report):
    """Every filing yields a date of report and at least one item; the 1990s era is the bulk."""
    _, n = _rate(plain_text_report, "1993-2004", "date_of_report")
    assert n >= 20


def test_labels_are_well_formed_and_used(labels, shared_dir, filing_rows):
    known = {r["accession"] for r in filing_rows if r["accession"]}
    for key, lab in labels.items():
        assert lab.why, f"label {key} must say why"
        assert lab.accession in known, f"label for unknown accession {lab.accession}"


def test_whole_corpus_items_and_dates(shared_dir, filing_rows, labels):
    """HTML and iXBRL filings go through the same grammar (HTML front end permitting)."""
    rows = [r for r in filing_rows if r["hdr"] == "yes"]
    rep = evaluate(_parse_rows(shared_dir, rows), labels)
    for era, fields in rep.table().items():
        for field in ("items", "date_of_report"):
            agree, n = fields.get(field, (0, 0))
            if n:
                assert agree / n >= 0.95, (era, field, agree, n)


def test_whole_corpus_phone_recall_and_former_name_precision(shared_dir, filing_rows, labels):
    """Phone: every header BUSINESS PHONE is compared (a cover that prints another number has a
    label), so a missing phone counts as a miss; recall >= 0.95 in every era. Former name: a
    value given must be one of the header's former names (precision >= 0.99)."""
    rows = [r for r in filing_rows if r["hdr"] == "yes"]
    rep = evaluate(_parse_rows(shared_dir, rows), labels)
    phones = [c for c in rep.comparisons if c.field == "phone"]
    assert len(phones) >= 150
    for era in {c.era for c in phones}:
        got = [c for c in phones if c.era == era]
        missed = [(c.accession, c.body, c.truth) for c in got if not c.agree]
        assert (len(got) - len(missed)) / len(got) >= 0.95, (era, missed)
    former = [c for c in rep.comparisons if c.field == "former_name"]
    wrong = [(c.accession, c.body, c.truth) for c in former if not c.agree]
    assert not former or (len(former) - len(wrong)) / len(former) >= 0.99, wrong


def test_whole_corpus_former_names_are_company_names(shared_dir, filing_rows):
    """Across every corpus filing (with or without a header), a former name is never a phone
    number, a ZIP code, an address, a rule or a caption; such values once filled the field."""
    import re

    import eightk
    bad, seen = [], 0
    for r in filing_rows:
        f = eightk.parse((shared_dir / "corpus" / r["file"]).read_bytes(), facts=False)
        for reg in f.registrants:
            v = reg.former_name
            seen += bool(v)
            if v and (re.search(r"\d{3}\W*\d{4}|\b\d{5}\b|_{3,}|telephone|^\d+\s", v, re.I) or len(v) > 120):
                bad.append((r["file"], v))
    assert seen >= 3, "the corpus holds covers that print a former name; none was read"
    assert not bad
