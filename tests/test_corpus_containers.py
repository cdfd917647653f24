"""The container layer on every 8-K filing of ../shared/corpus (skipped without it).

The expected values come from an independent, deliberately naive reading of each header
(one regular expression per field), not from the code under test.
"""

from __future__ import annotations

import re

import pytest

from eightk import parse, read_submission
from tests.conftest import CORPUS, load_inventory

ROWS = [r for r in load_inventory() if r["role"] == "8-K filing"]
HEADER_ROWS = [r for r in ROWS if r["hdr"] == "yes"]

pytestmark = pytest.mark.corpus


def _naive(data: bytes, sgml_key: str, tag: str) -> str | None:
    m = re.search(rb"^\s*" + sgml_key.encode() + rb":[ \t]*(\S[^\r\n]*?)\s*$", data[:200_000], re.M)
    if m is None:
        m = re.search(b"<" + tag.encode() + rb">\s*([^<\r\n]+)", data[:200_000])
    return m.group(1).decode("latin-1").strip() if m else None


def _iso(d: str | None) -> str | None:
    return f"{d[:4]}-{d[4:6]}-{d[6:8]}" if d else None


def test_corpus_is_present(shared_dir):
    assert len(ROWS) > 400 and len(HEADER_ROWS) > 150


@pytest.mark.parametrize("row", ROWS, ids=[r["file"][-60:] for r in ROWS])
def test_every_corpus_filing_parses(row, shared_dir):
    data = (CORPUS / row["file"]).read_bytes()
    filing = parse(data, path=row["file"])
    assert filing.documents, "no document found"
    if row["hdr"] == "yes":
        assert filing.header is not None
        assert filing.accession_number == _naive(data, "ACCESSION NUMBER", "ACCESSION-NUMBER")
        assert filing.form_type == _naive(data, "CONFORMED SUBMISSION TYPE", "TYPE")
        assert str(filing.filed) == _iso(_naive(data, "FILED AS OF DATE", "FILING-DATE"))
        period = _naive(data, "CONFORMED PERIOD OF REPORT", "PERIOD")
        assert str(filing.header.period) == _iso(period)
        cik = _naive(data, "CENTRAL INDEX KEY", "CIK")
        assert filing.header.filers[0].cik == cik
        if row["accession"]:
            assert filing.accession_number == row["accession"]


def test_pem_and_feed_submissions_have_all_their_documents(shared_dir):
    checked = 0
    for row in HEADER_ROWS:
        data = (CORPUS / row["file"]).read_bytes()
        if not (data.lstrip().startswith(b"-----BEGIN PRIVACY") or data.lstrip().startswith(b"<SUBMISSION>")):
            continue
        sub = read_submission(data)
        assert len(sub.documents) == data.count(b"<DOCUMENT>"), row["file"]
        assert not [a for a in sub.anomalies if a.code in ("document_unclosed", "header_unclosed")]
        checked += 1
    assert checked >= 10  # the 1990s PEM submissions and the two feed files


def test_uuencoded_documents_are_recognised_as_binary(shared_dir):
    seen = 0
    for row in HEADER_ROWS:
        data = (CORPUS / row["file"]).read_bytes()
        if b"\nbegin 644 " not in data:
            continue
        for doc in read_submission(data).documents:
            head = data[doc.start : doc.start + 200].lstrip()
            if head.startswith(b"begin 6"):
                seen += 1
                assert doc.format == "uuencoded" and doc.text == ""
                assert len(doc.decode_binary()) > 0
    assert seen >= 5
