"""SQLite and PostgreSQL find the same filings for the same query, over the whole corpus and the
seeds (read in place from ../shared), parsed once and ingested into both backends.

Known difference, kept visible by a strict xfail: SQLite stems with Porter, PostgreSQL with
Snowball (Porter 2), so a few words conflate differently ("employment": Porter keeps it apart
from "employ"/"employed", Snowball does not).
"""

from __future__ import annotations

import pytest

from eightk.sources import iter_inputs
from eightk.store import open_store, prepare
from tests.test_store_backends import drop, new_url

QUERIES = [
    "dividend", "merger agreement", '"press release"', "2.02", "item 9.01", '"item 5.02"', "1.5", "1,000,000",
    "émission", "emission", "société", "acqui*", "warrant*", "earnings OR revenue", "resign* NOT director",
    '"chief executive officer"', "(bank OR lender) AND loan", "delisting NOT nasdaq", "bankruptcy", "SAVVIS",
    "www", "com", "2004", "ebitda", "cybersecurity", "shareholders", "impairment", "nyse", "Inc", "10-K",
]


@pytest.fixture(scope="module")
def corpus_stores(shared_dir, tmp_path_factory):
    urls = [new_url(b, tmp_path_factory.mktemp("parity")) for b in ("sqlite", "postgres")]
    stores = [open_store(u) for u in urls]
    try:
        batch = []
        for inp in iter_inputs([str(shared_dir / "corpus"), str(shared_dir / "seeds")]):
            if inp.data is not None:
                batch.append(prepare(inp.name, inp.data, keep_raw=False))
            inp.close()
        for s in stores:
            for i in range(0, len(batch), 200):
                s.write(batch[i: i + 200])
        yield stores
    finally:
        for s, u in zip(stores, urls, strict=True):
            s.close()
            drop(u)


def found(store, q: str) -> set[str]:
    return {h.path for h in store.search(q, limit=10_000).results}


def test_both_backends_hold_the_corpus(corpus_stores):
    lite, pg = corpus_stores
    assert lite.count("filings") == pg.count("filings") >= 400
    assert lite.count("passages") == pg.count("passages")


@pytest.mark.parametrize("q", QUERIES)
def test_same_filings_for_the_same_query(corpus_stores, q):
    lite, pg = corpus_stores
    a, b = found(lite, q), found(pg, q)
    assert a, f"{q!r} finds nothing on the corpus: the comparison would be empty"
    assert a == b, f"{q!r}: {len(a - b)} only on SQLite, {len(b - a)} only on PostgreSQL"


def test_company_names_are_found_on_both(corpus_stores):
    for s in corpus_stores:
        assert s.search("SAVVIS").total == 3


@pytest.mark.xfail(strict=True, reason="Porter (SQLite) and Snowball (PostgreSQL) stem 'employment' differently")
def test_stemmers_differ_on_some_words(corpus_stores):
    lite, pg = corpus_stores
    assert found(lite, "employment") == found(pg, "employment")
