"""Every store operation, against SQLite and a real PostgreSQL server.

PostgreSQL tests use ``postgresql://…/test`` at 127.0.0.1:5432, each in a schema of its own
(dropped at the end), so parallel runs do not collide; they are skipped with a reason when
the server is not reachable. All filings here are synthetic, of fictional companies.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import uuid
from functools import cache

import pytest

from eightk.model import Event, Fact, Filer, Filing, FormerName, Header, Item, Source, Span
from eightk.store import Filters, QuerySyntaxError, StoreError, open_store, prepare_filing
from eightk.store.export import export
from eightk.store.ingest import ingest_paths
from tests.conftest import unavailable

PG_URLS = ("postgresql://postgres@127.0.0.1:5432/test", "postgresql://127.0.0.1:5432/test")


@cache
def pg_base_url() -> str | None:
    """The first PostgreSQL URL that accepts a connection, else None."""
    try:
        import psycopg
    except ImportError:
        return None
    for url in PG_URLS:
        try:
            with psycopg.connect(url, connect_timeout=3):
                return url
        except psycopg.Error:
            continue
    return None


def new_url(backend: str, tmp_path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'eightk.db'}"
    base = pg_base_url()
    if base is None:
        unavailable("PostgreSQL is not reachable at 127.0.0.1:5432 (.ci/run starts it)")
    return f"{base}?schema=t_{uuid.uuid4().hex[:16]}"


def drop(url: str) -> None:
    if url.startswith("postgresql"):
        s = open_store(url, migrate=False)
        try:
            s.drop_schema()
        finally:
            s.close()


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request, tmp_path):
    url = new_url(request.param, tmp_path)
    yield url
    drop(url)


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    yield s
    s.close()


_SERIAL = iter(range(10**6))


def make_filing(
    text: str = "The company announced a routine matter.",
    *,
    cik: str = "0000123456",
    company: str = "FICTIONAL WIDGETS INC",
    date: str = "2010-05-03",
    items: list[tuple[str, str]] | None = None,
    form: str = "8-K",
    accession: str | None = "auto",
    facts: list[Fact] | None = None,
    events: list[Event] | None = None,
    former: list[str] | None = None,
) -> Filing:
    """A synthetic Filing; its content hash is unique unless the same arguments repeat."""
    n = next(_SERIAL)
    if accession == "auto":
        accession = f"0009{cik[-6:]}-{date[2:4]}-{n:06d}"
    d = dt.date.fromisoformat(date)
    items = items if items is not None else [("8.01" if d >= dt.date(2004, 8, 23) else "5", text)]
    body = json.dumps([accession, cik, company, date, items, form, text], sort_keys=True)
    header = Header(
        accession_number=accession, form_type=form, period=d, filed=d,
        filers=[Filer(role="FILER", name=company, cik=cik, former_names=[FormerName(name=x) for x in former or []])],
    )
    return Filing(
        source=Source(path=f"synthetic/{n}.txt", sha256=hashlib.sha256(body.encode()).hexdigest(), size=len(body),
                      container="submission"),
        accession_number=accession, form_type=form, filed=d, date_of_report=d, header=header,
        items=[Item(code=c, scheme="modern" if "." in c else "legacy", text=t) for c, t in items],
        facts=facts or [], events=events or [],
    )


def put(store, *filings: Filing):
    return store.write([prepare_filing(f) for f in filings])


# ----------------------------------------------------------------------------- ingest


def test_migrations_are_versioned_and_reopen_is_a_no_op(store_url):
    s = open_store(store_url)
    try:
        v = s.schema_version()
        assert v == max(m[0] for m in s.migrations()) >= 1
    finally:
        s.close()
    s = open_store(store_url)
    try:
        assert s.schema_version() == v
        assert s.count("filings") == 0
    finally:
        s.close()


def test_ingest_twice_stores_once(store):
    fs = [make_filing(f"Widget sales rose in region {i}.") for i in range(5)]
    first = put(store, *fs)
    assert [o.status for o in first] == ["stored"] * 5
    counts = {t: store.count(t) for t in ("filings", "items", "passages", "companies")}
    second = put(store, *fs)
    assert [o.status for o in second] == ["duplicate"] * 5
    assert [o.filing_id for o in second] == [o.filing_id for o in first]
    assert {t: store.count(t) for t in counts} == counts
    assert counts["filings"] == 5 and counts["companies"] == 1
    log = dict(store.rows("SELECT status, count(*) FROM ingest_log GROUP BY status"))
    assert log == {"stored": 5, "duplicate": 5}


def test_same_accession_with_other_bytes_is_a_new_version(store):
    a = make_filing("First copy of the report.", accession="0000111111-05-000001")
    b = make_filing("Second, reformatted copy of the report.", accession="0000111111-05-000001")
    assert a.source.sha256 != b.source.sha256
    first, second = put(store, a, b)
    assert [first.status, second.status] == ["stored", "stored"]
    assert second.supersedes == [first.filing_id] and "new version" in second.note
    assert store.count("filings") == 2 and store.search("").total == 1


def test_batch_keeps_good_filings_and_logs_bad_ones(store):
    from eightk.store import Prepared

    good = prepare_filing(make_filing("A good one."))
    bad = Prepared(name="broken.txt", sha256="0" * 64, size=3, error="not an 8-K: empty file")
    out = store.write([good, bad])
    assert [o.status for o in out] == ["stored", "error"]
    assert store.rows("SELECT path, error FROM ingest_log WHERE status = 'error'") == [
        ("broken.txt", "not an 8-K: empty file")
    ]
    assert store.stats()["errors"][0][0] == "broken.txt"


def test_amendment_is_linked_to_its_original_in_either_order(store):
    orig = make_filing("Original report.", date="2011-02-01")
    amend = make_filing("Amended report.", date="2011-02-01", form="8-K/A")
    late_amend = make_filing("Amended again.", date="2012-03-01", form="8-K/A")
    late_orig = make_filing("Original, ingested after its amendment.", date="2012-03-01")
    ids = [o.filing_id for o in put(store, orig, amend, late_amend, late_orig)]
    assert store.filing_row(ids[1])["amends_id"] == ids[0]
    assert store.filing_row(ids[2])["amends_id"] == ids[3]
    assert store.filing_row(ids[0])["amends_id"] is None


def test_get_returns_the_stored_model_and_raw_bytes(store):
    f = make_filing("Round trip of the whole model.", facts=[
        Fact(kind="money", text="$5 million", value=5_000_000, unit="USD", span=Span(start=0, end=10))])
    prep = prepare_filing(f, data=b"raw bytes of the fictional submission")
    (o,) = store.write([prep])
    assert store.get(f.accession_number) == f
    assert store.get(str(o.filing_id)) == f
    assert store.get(f.accession_number.replace("-", "")) == f
    assert store.raw(o.filing_id) == b"raw bytes of the fictional submission"
    assert store.get("0000000000-00-000000") is None
    with pytest.raises(StoreError, match="accession number"):
        store.resolve("not an id")


def test_nul_characters_and_empty_lists_are_tolerated(store):
    f = make_filing("Text with a NUL\x00 inside it.", items=[])
    f.items = [Item(code="8.01", scheme="modern", text="NUL\x00 here too")]
    (o,) = put(store, f)
    assert o.status == "stored"
    bare = make_filing("no items", items=[])
    bare.header.filers = []
    (o2,) = put(store, bare)
    assert o2.status == "stored"
    assert store.search("here").total == 1


# ----------------------------------------------------------------------------- search


@pytest.fixture
def searchable(store):
    put(
        store,
        make_filing("The board approved a definitive merger agreement with Northgate Holdings.", date="2006-01-10"),
        make_filing("Quarterly results: revenue grew and the company announced a share buyback.",
                    cik="0000222222", company="OTTERBROOK MILLS CORP", date="2007-04-02",
                    items=[("2.02", "Quarterly results: revenue grew and the company announced a share buyback.")]),
        make_filing("The merger was terminated by mutual consent.", cik="0000333333", company="PEBBLE LANE CO",
                    date="2008-08-08"),
        make_filing("Acquisition of the Zürich plant and the Москва office was completed.", cik="0000444444",
                    company="SOCIÉTÉ FICTIVE SA", date="2009-09-09"),
    )
    return store


def accessions(result) -> list[str]:
    return [h.accession_number for h in result.results]


def test_search_words_phrases_prefix_boolean(searchable):
    s = searchable
    assert s.search("merger").total == 2
    assert s.search('"merger agreement"').total == 1
    assert s.search('"agreement merger"').total == 0
    assert s.search("merger NOT terminated").total == 1
    assert s.search("buyback OR terminated").total == 2
    assert s.search("(buyback OR terminated) AND merger").total == 1
    assert s.search("acqui*").total == 1
    assert s.search("buyback").results[0].company == "OTTERBROOK MILLS CORP"
    hit = s.search("merger NOT terminated").results[0]
    assert "\x02" in hit.snippet and hit.as_dict()["snippet"].count("**") >= 2
    assert hit.items == ["8.01"] and hit.date_of_report == "2006-01-10"


def test_query_without_words_is_an_error_not_a_listing(searchable):
    with pytest.raises(QuerySyntaxError, match="no word"):
        searchable.search("%")
    assert searchable.search("").total == 4


def test_search_one_result_per_filing(store):
    long_text = " ".join(["Revenue grew strongly this quarter."] * 600)  # several passages
    put(store, make_filing(long_text))
    assert store.count("passages") > 1
    r = store.search("revenue")
    assert r.total == 1 and len(r.results) == 1


def test_search_unicode(searchable):
    s = searchable
    for q in ("Zürich", "ZÜRICH", "москва", '"Zürich plant"', "zür*"):
        r = s.search(q)
        assert r.total == 1, q
        assert r.results[0].company == "SOCIÉTÉ FICTIVE SA"
    assert s.search("", Filters(company="société")).total == 1
    assert s.search("日本語").total == 0


@pytest.mark.parametrize("bad", ['"merger', "merger OR", "NOT merger", "(merger", "*", "a AND AND b"])
def test_search_syntax_errors_raise_a_clear_error(searchable, bad):
    with pytest.raises(QuerySyntaxError):
        searchable.search(bad)


INJECTIONS = [
    "'; DROP TABLE filings; --",
    '"; DROP TABLE filings; --"',
    "merger' OR '1'='1",
    '" OR 1=1 --',
    "merger) OR (1=1",
    "text:merger",
    "NEAR(merger agreement)",
    "^merger",
    "merger:*",
    "merger & !terminated | buyback",
    "%",
    "_",
    "\\",
    "robert'); DROP TABLE passages;--",
]


@pytest.mark.parametrize("q", INJECTIONS)
def test_search_injection_attempts_are_inert(searchable, q):
    s = searchable
    before = s.count("filings"), s.count("passages")
    try:
        r = s.search(q)
    except QuerySyntaxError:
        r = None
    if r is not None:
        assert r.total <= before[0]
    assert (s.count("filings"), s.count("passages")) == before
    # the same text as a structured filter is a value, never SQL
    assert s.search("", Filters(company=q)).total == 0


def test_structured_filters(searchable):
    s = searchable
    assert s.search("", Filters(cik="222222")).total == 1
    assert s.search("merger", Filters(company="pebble")).total == 1
    assert s.search("", Filters(since="2007", until="2008-12-31")).total == 2
    assert s.search("", Filters(since="2007-04", until="2008")).total == 2
    assert s.search("", Filters(until="2008-08")).total == 3
    assert s.search("", Filters(form="8-k")).total == 4
    assert s.search("", Filters(since="2009-09-09")).results[0].company == "SOCIÉTÉ FICTIVE SA"
    with pytest.raises(StoreError, match="date"):
        s.search("", Filters(since="yesterday"))
    with pytest.raises(StoreError, match="CIK"):
        s.search("", Filters(cik="12a"))
    with pytest.raises(StoreError, match="item code"):
        s.search("", Filters(item="99"))


def test_item_equivalents_across_eras(store):
    put(
        store,
        make_filing("Legacy other event about a plant closing.", date="2001-03-01"),            # item 5
        make_filing("Modern other event about a plant closing.", date="2006-03-01"),            # item 8.01
        make_filing("Earnings.", date="2003-01-15", items=[("12", "Results for the year.")]),  # legacy 12
        make_filing("Earnings.", date="2009-01-15", items=[("2.02", "Results for the year.")]),
    )
    for code in ("8.01", "5", "08.01"):
        assert store.search("plant", Filters(item=code)).total == 2, code
    assert store.search("", Filters(item="2.02")).total == 2
    assert store.search("", Filters(item="12")).total == 2
    assert store.search("plant", Filters(item="2.02")).total == 0


def test_fact_value_ranges_and_events(store):
    def money(v):
        return Fact(kind="money", text=f"${v}", value=v, unit="USD", span=Span(start=0, end=5))

    put(
        store,
        make_filing("Small financing.", facts=[money(500_000)],
                    events=[Event(type="equity_financing", item="3.02")]),
        make_filing("Large financing.", facts=[money(2_500_000), Fact(kind="shares", text="3,000,000 shares",
                                                                      value=3_000_000, span=Span(start=0, end=3))],
                    events=[Event(type="equity_financing", item="3.02")]),
        make_filing("No money at all."),
    )
    assert store.search("", Filters(fact_kind="money", fact_min=1_000_000)).total == 1
    assert store.search("financing", Filters(fact_kind="money", fact_min=100_000, fact_max=1_000_000)).total == 1
    assert store.search("", Filters(fact_kind="money")).total == 2
    assert store.search("", Filters(fact_kind="shares", fact_min=1_000_000)).total == 1
    assert store.search("", Filters(event="equity_financing")).total == 2
    assert store.search("large", Filters(event="equity_financing", fact_min=2_000_000)).total == 1
    assert store.search("", Filters(event="bankruptcy")).total == 0


def test_limit_offset_and_listing(store):
    put(store, *[make_filing(f"Dividend number {i} declared.", date=f"2015-01-{i + 1:02d}") for i in range(7)])
    r = store.search("dividend", limit=3)
    assert r.total == 7 and len(r.results) == 3
    r2 = store.search("dividend", limit=3, offset=6)
    assert len(r2.results) == 1 and r2.total == 7
    listing = store.search("", limit=10)
    assert [h.date_of_report for h in listing.results] == sorted((h.date_of_report for h in listing.results),
                                                                 reverse=True)
    with pytest.raises(StoreError):
        store.search("dividend", limit=0)


# ----------------------------------------------------------------------------- timeline, stats, export


def test_timeline_across_eras_and_name_history(store):
    put(
        store,
        make_filing("Old era.", company="OLDNAME WIDGETS INC", date="1999-06-01",
                    items=[("5", "Old era."), ("7", "Exhibits.")]),
        make_filing("New era.", company="FICTIONAL WIDGETS INC", date="2010-06-01", former=["OLDNAME WIDGETS INC"],
                    items=[("8.01", "New era."), ("9.01", "Exhibits.")],
                    events=[Event(type="other_event", item="8.01")]),
        make_filing("Someone else.", cik="0000999999", company="UNRELATED CO", date="2005-01-01"),
    )
    assert store.companies_matching("oldname") == [("0000123456", "FICTIONAL WIDGETS INC")]
    assert store.companies_matching("123456") == [("0000123456", "FICTIONAL WIDGETS INC")]
    tl = store.timeline("123456").filings
    assert [e["date"] for e in tl] == ["1999-06-01", "2010-06-01"]
    assert [[i["modern"] for i in e["items"]] for e in tl] == [["8.01", "9.01"], ["8.01", "9.01"]]
    assert [i["code"] for i in tl[0]["items"]] == ["5", "7"]
    assert tl[1]["events"] == ["other_event"]
    stats = store.stats()
    assert dict(stats["by_year"]) == {1999: 1, 2005: 1, 2010: 1}
    assert ("8.01", "8.01", 2) in stats["by_item"] and ("5", "8.01", 1) in stats["by_item"]


@pytest.mark.parametrize("fmt", ["parquet", "jsonl", "csv"])
def test_export_round_trip(store, tmp_path, fmt):
    fs = [
        make_filing("Export one.", date="2003-03-03",
                    facts=[Fact(kind="money", text="$1", value=1.5, unit="USD", span=Span(start=0, end=2))]),
        make_filing("Export two.", date="2021-07-07", events=[Event(type="other_event", item="8.01")]),
        make_filing("Export three.", cik="0000555555", date="2021-08-08"),
    ]
    put(store, *fs)
    out = tmp_path / "out"
    counts = export(store, out, fmt)
    assert counts == {"filings": 3, "items": 3, "exhibits": 0, "facts": 1, "events": 1}
    if fmt == "parquet":
        import pyarrow.dataset as ds

        table = ds.dataset(out / "filings", format="parquet", partitioning="hive").to_table()
        assert sorted(table.column("accession_number").to_pylist()) == sorted(f.accession_number for f in fs)
        assert sorted(os.listdir(out / "filings")) == ["year=2003", "year=2021"]
        facts = ds.dataset(out / "facts", format="parquet", partitioning="hive").to_table().to_pylist()
        assert facts[0]["value_num"] == 1.5 and facts[0]["kind"] == "money" and facts[0]["year"] == 2003
        dates = sorted(str(d) for d in table.column("date_of_report").to_pylist())
        assert dates == ["2003-03-03", "2021-07-07", "2021-08-08"]
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in (out / "filings.jsonl").read_text().splitlines()]
        assert sorted(r["accession_number"] for r in rows) == sorted(f.accession_number for f in fs)
        events = [json.loads(line) for line in (out / "events.jsonl").read_text().splitlines()]
        assert events[0]["type"] == "other_event" and events[0]["year"] == 2021
    else:
        import csv

        with open(out / "items.csv", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert sorted(r["text"] for r in rows) == ["Export one.", "Export three.", "Export two."]
    # filtered export
    counts = export(store, tmp_path / "filtered", fmt, Filters(cik="555555"))
    assert counts["filings"] == 1 and counts["items"] == 1


def test_ingest_paths_reads_files_and_logs_bad_ones(store, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "good.txt").write_text(submission(1), encoding="utf-8")
    s1 = ingest_paths(store, [str(folder)])
    assert s1.seen == 3 and s1.stored == 1 and s1.errors == 2
    s2 = ingest_paths(store, [str(folder)])
    assert s2.stored == 0 and s2.duplicates == 1 and s2.errors == 2
    s3 = ingest_paths(store, [str(folder)], resume=True)
    assert s3.skipped == 3 and s3.seen == 0
    assert store.count("filings") == 1


def submission(n: int, *, cik: str = "0000777001", name: str = "HARBOR FICTION CORP") -> str:
    """A small synthetic EDGAR full submission (fictional company), unique per ``n``."""
    acc = f"{cik}-03-{n:06d}"
    return f"""<SEC-DOCUMENT>{acc}.txt : 20030312
<SEC-HEADER>{acc}.hdr.sgml : 20030312
ACCESSION NUMBER:\t\t{acc}
CONFORMED SUBMISSION TYPE:\t8-K
PUBLIC DOCUMENT COUNT:\t\t1
CONFORMED PERIOD OF REPORT:\t20030310
ITEM INFORMATION:\t\tOther events
FILED AS OF DATE:\t\t20030312

FILER:

\tCOMPANY DATA:\t
\t\tCOMPANY CONFORMED NAME:\t\t\t{name}
\t\tCENTRAL INDEX KEY:\t\t\t{cik}
\t\tSTATE OF INCORPORATION:\t\t\tDE

\tFILING VALUES:
\t\tFORM TYPE:\t\t8-K
\t\tSEC ACT:\t\t1934 Act
\t\tSEC FILE NUMBER:\t001-99999
</SEC-HEADER>
<DOCUMENT>
<TYPE>8-K
<SEQUENCE>1
<TEXT>
                       SECURITIES AND EXCHANGE COMMISSION
                             WASHINGTON, D.C. 20549

                                    FORM 8-K

                                 CURRENT REPORT

Date of Report: March 10, 2003

                              {name}

ITEM 5.  OTHER EVENTS.

     On March 10, 2003, the registrant opened warehouse number {n} in a
fictional town. Capacity of the warehouse is {n * 10} pallets.

                                   SIGNATURES

     Pursuant to the requirements of the Securities Exchange Act of 1934.

                                          {name}
                                          By: /s/ Pat Example
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""


def test_timeline_includes_documents_without_cik(store):
    with_cik = make_filing("Header era.", company="LANTERN FICTION CORP", date="2001-01-01")
    lone = make_filing("A lone document with no header.", company="Lantern Fiction Corp", date="2002-02-02",
                       accession=None)
    lone.header.filers[0].cik = None
    stranger = make_filing("Another lone document.", company="Quiet Brook Ltd", date="2003-03-03", accession=None)
    stranger.header.filers[0].cik = None
    put(store, with_cik, lone, stranger)
    assert [e["date"] for e in store.timeline("123456").filings] == ["2001-01-01", "2002-02-02"]
    assert store.companies_matching("quiet brook") == [(None, "Quiet Brook Ltd")]
    assert [e["date"] for e in store.timeline("Quiet Brook Ltd").filings] == ["2003-03-03"]
    assert store.companies_matching("lantern") == [("0000123456", "LANTERN FICTION CORP")]
