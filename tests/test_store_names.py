"""Company names are searchable like other text (issue 9), a re-sent accession number is a new
version (issue 10), and migration 0002 upgrades a version-1 database, on both backends.
Filings here are synthetic, of fictional companies, except the seeds read in place."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from eightk.interfaces.cli import app
from eightk.model import Registrant
from eightk.store import Filters, open_store, prepare_filing
from tests import test_store_backends as backends
from tests.test_store_backends import make_filing, put

store_url, store = backends.store_url, backends.store  # the backends' fixtures: SQLite and PostgreSQL

runner = CliRunner()


def test_seeds_search_by_company_name_finds_all_three(store_url, seeds_dir):
    r = runner.invoke(app, ["ingest", str(seeds_dir), "--db", store_url])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["search", "SAVVIS", "--db", store_url, "--format", "json"])
    assert r.exit_code == 0, r.output
    import json

    doc = json.loads(r.stdout)
    assert doc["total"] == 3
    assert {h["path"].rsplit("/", 1)[-1][:3] for h in doc["results"]} == {"001", "002", "003"}


def named(text: str, company: str, *, former: list[str] | None = None, cover_former: str | None = None,
          cik: str = "0000123456"):
    f = make_filing(text, company=company, cik=cik, former=former)
    f.registrants = [Registrant(name=company.title(), former_name=cover_former)]
    return f


@pytest.fixture
def companies(store):
    put(
        store,
        named("The board declared a dividend.", "MARIGOLD FERRY HOLDINGS INC", former=["BLUE HERON FERRIES INC"]),
        named("A lease was signed for new offices.", "QUILLON ROBOTICS CORP", cik="0000222333",
              cover_former="Tessaly Automation Corp"),
        named("The auditor resigned.", "VANTREE ORCHARDS LLC", cik="0000444555"),
        named("Quarterly results were released.", "MARIGOLD FERRY HOLDINGS INC", former=["BLUE HERON FERRIES INC"]),
    )
    return store


@pytest.mark.parametrize("name", ["Marigold", "marigold ferry", "Blue Heron", "Quillon", "Tessaly", "VANTREE ORCHARDS",
                                  "Robotics Corp"])
def test_a_name_search_and_the_company_filter_agree(companies, name):
    by_search = {h.accession_number for h in companies.search(f'"{name}"', limit=100).results}
    by_filter = {h.accession_number for h in companies.search("", Filters(company=name), limit=100).results}
    assert by_search == by_filter and by_search
    # and the filter narrows a text search to the same filings
    assert companies.search(f'"{name}"', Filters(company=name)).total == len(by_search)


def test_names_are_ranked_with_the_text(companies):
    put(companies, named("Marigold Ferry Holdings agreed to buy a dock from us.", "OSPREY DOCKS INC", cik="0000777888"))
    hits = companies.search("marigold", limit=10).results
    assert len(hits) == 3 and all(h.score is not None and h.snippet for h in hits)
    assert companies.search("", Filters(company="marigold")).total == 2  # the filter is about the filer only


def test_a_new_version_supersedes_and_the_old_stays_findable(store):
    acc = "0000999111-12-000042"
    old = make_filing("The plant in Westbury closed.", accession=acc, date="2012-04-04")
    new = make_filing("The plant in Westbury closed; a corrected copy.", accession=acc, date="2012-04-04")
    (o1,) = put(store, old)
    (o2,) = put(store, new)
    assert o2.status == "stored" and o2.supersedes == [o1.filing_id] and acc in o2.note
    assert store.search("westbury").total == 1
    assert store.search("westbury").results[0].id == o2.filing_id
    assert store.search("westbury", Filters(all_versions=True)).total == 2
    assert store.resolve(acc) == o2.filing_id
    assert store.get(o1.filing_id).items[0].text == "The plant in Westbury closed."
    assert store.filing_row(o1.filing_id)["superseded_by"] == o2.filing_id
    assert store.rows("SELECT status, note FROM ingest_log WHERE filing_id = ?", (o2.filing_id,))[0][0] == "new_version"
    st = store.stats()
    assert st["filings"] == 1 and st["superseded"] == 1
    assert [o.status for o in put(store, old)] == ["duplicate"]  # the very same bytes again
    assert [e["accession_number"] for e in store.timeline("123456").filings] == [acc]


def test_upgrade_from_version_1_backfills_names(store_url, monkeypatch):
    s = open_store(store_url, migrate=False)
    try:
        assert s.migrate(upto=1) == 1
        # version 1 has no superseded_by column
        monkeypatch.setattr("eightk.store.write._supersede", lambda db, fid, p: [])
        preps = [prepare_filing(named(f"Filing {i} about 1.5 million in item 2.02 matters.", "HALCYON PIER CO",
                                      former=["OLD PIER CO"], cover_former="Older Pier Company"))
                 for i in range(3)]
        for p in preps:  # as version 1 stored them: no 'cover' passage
            p.passages = [x for x in p.passages if x.kind != "cover"]
        assert [o.status for o in s.write(preps)] == ["stored"] * 3
        assert s.rows("SELECT count(*) FROM passages WHERE kind = 'cover'") == [(0,)]
    finally:
        s.close()
    s = open_store(store_url)
    try:
        assert s.schema_version() == max(v for v, _, _ in s.migrations())
        for q in ("halcyon", '"old pier"', '"older pier company"', "2.02", '"1.5 million"'):
            assert s.search(q).total == 3, q
        assert s.search("", Filters(company="older pier")).total == 3
        bad = s.rows("SELECT f.id FROM filings f WHERE f.n_passages <> (SELECT count(*) FROM passages p"
                      " WHERE p.filing_id = f.id)")
        assert bad == []
        again = make_filing("Re-sent.", accession=s.get(1).accession_number if s.get(1) else None)
        assert [o.status for o in put(s, again)] == ["stored"]  # the unique accession index is gone
    finally:
        s.close()


def test_ingest_counts_new_versions(tmp_path, store_url):
    """The ingest summary says how many stored filings are new versions of stored ones."""
    import json
    from pathlib import Path

    sample = Path(__file__).resolve().parents[1] / "samples" / "1998-copperline-legacy-submission.txt"
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    data = sample.read_bytes()
    (first / "x.txt").write_bytes(data)
    (second / "x.txt").write_bytes(data.replace(b"</SEC-DOCUMENT>", b"\n</SEC-DOCUMENT>") if b"</SEC-DOCUMENT>" in data
                                  else data + b"\n")
    for folder, expected in ((first, 0), (second, 1)):
        r = runner.invoke(app, ["ingest", str(folder), "--db", store_url, "--json"])
        assert r.exit_code == 0, r.output
        summary = json.loads(r.stdout.strip().splitlines()[-1])
        assert summary["stored"] == 1 and summary["new_versions"] == expected
