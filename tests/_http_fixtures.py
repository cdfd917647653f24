"""Stores for the HTTP tests: the repository's samples and synthetic filings (fictional
companies), ingested into SQLite and PostgreSQL (see tests/test_store_backends.py), and the
fixtures a test module imports to get them (``url``: one filled store per backend and module,
``store``: it opened read-only)."""

from __future__ import annotations

import pytest

from eightk.model import Event, Fact, Span
from eightk.store import open_store
from tests.conftest import SAMPLES
from tests.test_store_backends import drop, make_filing, new_url, put


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def url(request, tmp_path_factory):
    u = new_url(request.param, tmp_path_factory.mktemp(request.param))
    fill(u)
    yield u
    drop(u)


@pytest.fixture(scope="module")
def store(url):
    with open_store(url, readonly=True) as s:
        yield s


def synthetic() -> list:
    """Filings with structured events (attributes to query) and hostile text."""
    settle = make_filing(
        "Quillfeather Labs settled its dispute with Orrin Marsh Holdings for $3,100,000.",
        cik="0000777001", company="QUILLFEATHER LABS INC", date="2012-06-04", accession="0000777001-12-000001",
        events=[Event(type="legal_settlement", item="8.01", confidence=0.9, attributes={
            "amount": 3100000, "currency": "USD", "court": "Court of Chancery of the State of Delaware",
            "counterparties": ["Orrin Marsh Holdings", "Pellucid Partners LP"]})],
        facts=[Fact(kind="money", text="$3,100,000", value=3100000, unit="USD", span=Span(start=0, end=10))],
    )
    other = make_filing(
        "Quillfeather Labs settled a second claim with Tamsin Vale Corp.",
        cik="0000777001", company="QUILLFEATHER LABS INC", date="2014-02-10", accession="0000777001-14-000002",
        events=[Event(type="legal_settlement", item="8.01", confidence=0.8, attributes={
            "amount": 50000, "currency": "USD", "court": "Superior Court of Yolo County",
            "counterparties": ["Tamsin Vale Corp"]})],
        former=["QUILLFEATHER RESEARCH CORP"],
    )
    hostile = make_filing(
        'Item text with <script>alert(1)</script> and <img src=x onerror="alert(2)"> and '
        '<a href="javascript:alert(3)">a link</a>.',
        cik="0000777002", company="HOSTILE MARKUP CORP", date="2015-01-05", accession="0000777002-15-000003",
    )
    return [settle, other, hostile]


def fill(url: str) -> None:
    """Ingest the samples and the synthetic filings into the store at ``url``."""
    with open_store(url) as s:
        summary = s.ingest(str(SAMPLES))
        assert summary.stored == 5, summary
        put(s, *synthetic())
