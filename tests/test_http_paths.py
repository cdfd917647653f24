"""Gaps of issue 15 closed: a filing is named in a URL only by its accession number, store id
or sha256 (a path never reaches the file system, on the web pages as on the API); the per-year
counts of ``stats`` come from the database's GROUP BYs on both backends (the /stats page and
/api/stats no longer walk the rows); the parse budgets of POST /api/parse are the server's
limits, said without the command line's flags."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from typer.testing import CliRunner

import eightk
from eightk.interfaces.cli import app as cli
from eightk.interfaces.http import create_app
from eightk.interfaces.http._parse import ParseLimits, budget_message
from eightk.store import EXPORT_COLUMNS, StoreError, open_store
from eightk.store.base import Store
from tests import _http_fixtures
from tests.conftest import SAMPLES

COPPERLINE = "1998-copperline-legacy-submission.txt"
PACKAGE = str(Path(eightk.__file__).resolve().parent)
#: What a lookup of a path would call.
OS_PATH = ("exists", "lexists", "isfile", "isdir", "realpath", "abspath", "relpath", "normpath", "expanduser")


#: the filled store per backend, and it opened read-only (fixtures shared with the other HTTP tests)
url = _http_fixtures.url
store = _http_fixtures.store


@pytest.fixture(scope="module")
def client(url):
    with TestClient(create_app(url), raise_server_exceptions=False) as c:
        for page in ("/filings/nope", "/stats", "/"):  # the templates loaded once and for all
            assert c.get(page).status_code in (200, 404)
        yield c


@pytest.fixture
def disk_watch(monkeypatch, url) -> list[tuple[str, str]]:
    """(function, argument) of every os.path call on something other than the eightk package
    (its templates and sources: the framework looks at those) and the database's file (a
    server thread opening its connection)."""
    allowed = (PACKAGE, str(Path(url.removeprefix("sqlite:///")).parent)) if url.startswith("sqlite") else (PACKAGE,)
    seen: list[tuple[str, str]] = []
    for name in OS_PATH:
        real = getattr(os.path, name)

        def watched(p, *a, _name=name, _real=real, **k):
            if not str(os.fspath(p)).startswith(allowed):
                seen.append((_name, str(p)))
            return _real(p, *a, **k)

        monkeypatch.setattr(os.path, name, watched)
    return seen


# ----------------------------------------------------------------------------- no path from a request


def test_the_cli_finds_an_ingested_file_by_its_path(store, monkeypatch):
    """What the identifiers below are: paths that name an ingested sample for `eightk show`."""
    monkeypatch.chdir(SAMPLES)
    fid = store.resolve(COPPERLINE)
    assert fid is not None and fid == store.resolve(str(SAMPLES / COPPERLINE)) == store.resolve("0000999001-98-000012")


def test_resolve_without_paths_never_looks_at_the_disk(store, monkeypatch, disk_watch):
    monkeypatch.chdir(SAMPLES)
    for ident in (COPPERLINE, str(SAMPLES / COPPERLINE), "../etc/passwd", "~", "."):
        with pytest.raises(StoreError, match="not an accession number"):
            store.resolve(ident, paths=False)
    fid = store.resolve("0000999001-98-000012", paths=False)
    assert fid is not None and store.resolve(str(fid), paths=False) == fid
    assert store.resolve("999999", paths=False) is None
    assert disk_watch == []


@pytest.mark.parametrize("ident", [
    COPPERLINE, "samples%2F" + COPPERLINE, str(SAMPLES / COPPERLINE).replace("/", "%2F"), "..%2Fetc%2Fpasswd",
    "%2Fetc%2Fpasswd", "~", "...", "etc", "passwd", "C%3A%5Cboot.ini",
])
def test_a_path_like_identifier_is_404_and_never_reaches_the_disk(client, monkeypatch, disk_watch, ident):
    monkeypatch.chdir(SAMPLES)  # the bare file name exists where the server runs
    for route in (f"/filings/{ident}", f"/api/filings/{ident}", f"/api/filings/{ident}/raw",
                  f"/api/filings/{ident}/events"):
        r = client.get(route)
        assert r.status_code in (400, 404), (route, r.status_code)
    assert disk_watch == []


@pytest.mark.parametrize("ident", ["%C2%B2", "1%C2%B2", "%D9%A3", "%EF%BC%91"])  # ², 1², Arabic-Indic 3, fullwidth 1
def test_digits_that_are_not_ascii_are_no_filing_id_nor_cik(client, ident):
    """str.isdigit takes "²" (which int() refuses: it was a 500, found by the fuzzer) and "٣"
    (which int() reads as 3): neither names a filing or a company."""
    for route in (f"/filings/{ident}", f"/api/filings/{ident}", f"/api/filings/{ident}/raw",
                  f"/api/filings/{ident}/events", f"/companies/{ident}"):
        r = client.get(route)
        assert r.status_code in (400, 404), (route, r.status_code, r.text[:200])


def test_ascii_digits_and_ciks():
    """The one test of a number read from text (URLs, headers, EDGAR's indexes and JSON)."""
    from eightk.digits import ascii_digits
    from eightk.store.filters import normalise_cik

    assert ascii_digits("0123456789") and not ascii_digits("") and not ascii_digits("12a")
    assert not ascii_digits("²") and not ascii_digits("٣") and not ascii_digits("１")
    assert normalise_cik(" 320193 ") == "0000320193"
    for bad in ("٣٢٠١٩٣", "²", "12345678901"):
        with pytest.raises(StoreError, match="CIK must be up to 10 digits"):
            normalise_cik(bad)


def test_a_filing_without_accession_number_is_reached_by_its_id_and_hash(client, store):
    """The lone document sample has no accession number: the search links it by its store id."""
    hit = next(h for h in store.search("", limit=50).results if h.accession_number is None)
    assert hit.handle == str(hit.id)
    f = store.get(hit.id)
    assert f is not None
    page = HTMLParser(client.get("/").text)
    assert page.css_first(f'a.hit-title[href="/filings/{hit.id}"]') is not None
    for ident in (str(hit.id), f.source.sha256):
        r = client.get(f"/filings/{ident}")
        assert r.status_code == 200, ident
        assert HTMLParser(r.text).css_first(f'a[href="/api/filings/{hit.id}"]') is not None
        assert client.get(f"/api/filings/{ident}").json()["source"]["sha256"] == f.source.sha256


# ----------------------------------------------------------------------------- per-year counts


def _walked(store: Store) -> dict[int | None, list[int]]:
    """year -> [filings, items, events] counted the slow way, row by row of the export."""
    out: dict[int | None, list[int]] = {}
    for k, table in enumerate(("filings", "items", "events")):
        year = [c for c, _ in EXPORT_COLUMNS[table]].index("year")
        for chunk in store.export_rows(table):
            for row in chunk:
                out.setdefault(row[year], [0, 0, 0])[k] += 1
    return out


def test_counts_by_year_are_the_rows_per_year(store):
    got = store.counts_by_year()
    assert {y: [nf, ni, ne] for y, nf, ni, ne in got["per_year"]} == _walked(store)
    years = [y for y, *_ in got["per_year"]]
    assert years == sorted(years, key=lambda y: (y is None, y or 0)) and len(years) > 3
    by_type = Counter[tuple]()
    for chunk in store.export_rows("events"):
        by_type.update((r[2], r[4]) for r in chunk)
    assert {(y, t): n for y, t, n in got["events_by_year"]} == dict(by_type)
    s = store.stats()
    assert s["per_year"] == got["per_year"] and s["events_by_year"] == got["events_by_year"]
    assert sum(r[1] for r in got["per_year"]) == s["filings"]
    assert sum(r[3] for r in got["per_year"]) == sum(n for _, n in s["by_event"]) > 0


def test_stats_page_and_api_use_the_counts_not_the_rows(client, store, monkeypatch):
    def no_walk(*a, **k):
        raise AssertionError("the stats walked the rows")

    monkeypatch.setattr(Store, "export_rows", no_walk)
    want = store.counts_by_year()
    api = client.get("/api/stats")
    assert api.status_code == 200
    assert api.json()["per_year"] == json.loads(json.dumps(want["per_year"]))
    r = client.get("/stats")
    assert r.status_code == 200
    rows = [[int(tr.css_first("th").text())] + [int(td.text()) for td in tr.css("td")]
            for tr in HTMLParser(r.text).css("table.numbers tbody tr")]
    assert rows == [list(x) for x in want["per_year"] if x[0] is not None]
    bars = HTMLParser(r.text).css("svg.chart")[2].css("rect title")
    assert sum(int(t.text().rsplit(": ", 1)[1]) for t in bars) == sum(n for y, _, n in want["events_by_year"] if y)


def test_cli_stats_prints_items_and_events_per_year(url, store):
    r = CliRunner().invoke(cli, ["stats", "--db", url, "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["per_year"] == json.loads(json.dumps(store.counts_by_year()["per_year"]))
    r = CliRunner().invoke(cli, ["stats", "--db", url])
    head = next(line for line in r.stdout.splitlines() if "filings" in line and "items" in line)
    assert "events" in head


# ----------------------------------------------------------------------------- parse budgets


def _upload_of_a_second() -> bytes:
    """A filing whose parse takes a few tenths of a second (1 MB of one item's prose): far over a millisecond's
    budget however fast the parser gets (the 4 KB sample took 2 ms, too near it)."""
    return ("FORM 8-K\nItem 8.01 Other Events.\n" + "The company sold notes for $1,000,000 on March 3, 2020. " * 18000).encode()


def test_a_parse_over_the_time_limit_is_said_without_cli_flags(tmp_path):
    url = f"sqlite:///{tmp_path / 'e.db'}"
    open_store(url).close()
    app = create_app(url, parse_limits=ParseLimits(seconds=0.001))
    with TestClient(app) as c:
        r = c.post("/api/parse", content=_upload_of_a_second())
    assert r.status_code == 422
    error = r.json()["error"]
    assert "took longer than the 0.001 s limit of this server" in error and "--" not in error


def test_a_parser_that_cannot_start_within_the_memory_limit_is_503(tmp_path):
    url = f"sqlite:///{tmp_path / 'e.db'}"
    open_store(url).close()
    app = create_app(url, parse_limits=ParseLimits(memory_mib=8))
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.post("/api/parse", content=(SAMPLES / COPPERLINE).read_bytes())
    assert r.status_code == 503, r.text
    assert "memory limit of 8 MiB" in r.json()["error"] and "--" not in json.dumps(r.json())


def test_the_pools_memory_message_becomes_the_servers():
    from eightk.store.pool import _over_memory

    limits = ParseLimits(memory_mib=512)
    said = budget_message(_over_memory(512), limits)
    assert said == "the parse needed more than the 512 MiB memory limit of this server and was stopped"
    assert budget_message("not an 8-K: a 10-K", limits) == "not an 8-K: a 10-K"
