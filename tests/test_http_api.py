"""The HTTP API (eightk.interfaces.http) against SQLite and PostgreSQL, with httpx (TestClient):
the same answers as the store and the command line, pagination, errors as JSON, limits, and no
file-system access from a request."""

from __future__ import annotations

import io
import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from eightk.interfaces.cli import app as cli
from eightk.interfaces.http import create_app
from tests import _http_fixtures
from tests.conftest import SAMPLES

COPPERLINE = "0000999001-98-000012"


#: the filled store per backend, and it opened read-only (fixtures shared with the other HTTP tests)
url = _http_fixtures.url
store = _http_fixtures.store


@pytest.fixture(scope="module")
def client(url):
    with TestClient(create_app(url), raise_server_exceptions=False) as c:
        yield c


def test_search_is_the_cli_json_plus_next(client, url):
    r = client.get("/api/search", params={"q": "settled", "limit": 5})
    assert r.status_code == 200
    got = r.json()
    cli_out = CliRunner().invoke(cli, ["search", "settled", "--format", "json", "--limit", "5", "--db", url])
    assert cli_out.exit_code == 0, cli_out.output
    assert got.pop("next") is None
    assert got == json.loads(cli_out.stdout)
    assert COPPERLINE in [h["handle"] for h in got["results"]]


def test_search_filters_are_the_cli_filters(client, store):
    from eightk.store import Filters

    r = client.get("/api/search", params={"item": "8.01", "since": "1995", "until": "2013-12"})
    assert r.status_code == 200
    want = store.search("", Filters(item="8.01", since="1995", until="2013-12"), limit=20).as_dict()
    assert r.json()["results"] == want["results"] and want["total"] > 1
    r = client.get("/api/search", params={"event": "legal_settlement", "min": 1_000_000})
    handles = {h["handle"] for h in r.json()["results"]}
    assert handles == {COPPERLINE, "0000777001-12-000001"}
    r = client.get("/api/search", params={"company": "quillfeather", "q": "settled"})
    assert {h["cik"] for h in r.json()["results"]} == {"0000777001"} and r.json()["total"] == 2


def test_pagination_follows_next_to_the_end(client):
    first = client.get("/api/search", params={"limit": 3}).json()
    total, seen, page = first["total"], [], first
    while True:
        seen += [h["id"] for h in page["results"]]
        if page["next"] is None:
            break
        assert "limit=3" in page["next"]
        page = client.get(page["next"]).json()
    assert total == 8 and len(seen) == total == len(set(seen))


def test_page_size_is_bounded(client):
    r = client.get("/api/search", params={"limit": 101})
    assert r.status_code == 422
    assert r.json()["error"] == "invalid request parameters" and r.json()["detail"][0]["where"] == "query.limit"
    assert client.get("/api/search", params={"offset": -1}).status_code == 422


@pytest.mark.parametrize(("q", "words", "at"), [
    ("merger AND (bank OR loan", "never closed", "("), ('deal "open phrase', "unbalanced quote", '"'),
    ("merger OR", "OR needs a term", "O"), ("  merger)", "without a matching", ")"), ("ok x*y*", "'*'", "x"),
    ("NOT x", "NOT needs a positive term", None),
])
def test_bad_query_is_400_saying_what_and_where(client, q, words, at):
    r = client.get("/api/search", params={"q": q})
    assert r.status_code == 400
    body = r.json()
    assert words in body["error"] and body["detail"]["query"] == q
    if at is None:  # a problem of the whole query, not of one place
        assert "position" not in body["detail"]
    else:
        pos = body["detail"]["position"]
        assert q[pos - 1] == at and f"at character {pos}" in body["error"]


@pytest.mark.parametrize(("params", "words"), [
    ({"item": "77.7"}, "not an 8-K item code"), ({"event": "lawsuit"}, "unknown event type"),
    ({"fact": "euros"}, "unknown fact kind"), ({"since": "last week"}, "expected a date"),
    ({"cik": "12ab"}, "CIK must be"),
])
def test_bad_filter_is_400_naming_it(client, params, words):
    r = client.get("/api/search", params=params)
    assert r.status_code == 400 and words in r.json()["error"]
    assert "--" not in r.json()["error"]


def test_filing_is_the_stored_model(client, store):
    r = client.get(f"/api/filings/{COPPERLINE}")
    assert r.status_code == 200
    assert r.json() == json.loads(store.get(COPPERLINE).model_dump_json())
    # by store id and without dashes too
    fid = store.resolve(COPPERLINE)
    assert client.get(f"/api/filings/{fid}").json()["accession_number"] == COPPERLINE
    assert client.get(f"/api/filings/{COPPERLINE.replace('-', '')}").json()["accession_number"] == COPPERLINE


def test_fields_trims_the_filing(client):
    r = client.get(f"/api/filings/{COPPERLINE}", params={"fields": "accession_number, items"})
    assert r.status_code == 200 and set(r.json()) == {"accession_number", "items"}
    r = client.get(f"/api/filings/{COPPERLINE}", params={"fields": "items,password"})
    assert r.status_code == 400 and "'password'" in r.json()["error"] and "events" in r.json()["detail"]["fields"]


@pytest.mark.parametrize("part", ["items", "exhibits", "facts", "events"])
def test_filing_parts_are_the_models_lists(client, store, part):
    r = client.get(f"/api/filings/{COPPERLINE}/{part}")
    assert r.status_code == 200
    want = json.loads(store.get(COPPERLINE).model_dump_json())[part]
    assert r.json() == want and (want or part == "exhibits")


def test_raw_is_the_ingested_bytes_never_a_page(client):
    r = client.get(f"/api/filings/{COPPERLINE}/raw")
    assert r.status_code == 200
    assert r.content == (SAMPLES / "1998-copperline-legacy-submission.txt").read_bytes()
    assert r.headers["content-type"].startswith("text/plain")
    assert "sandbox" in r.headers["content-security-policy"] and r.headers["x-content-type-options"] == "nosniff"
    # a synthetic filing was written without its bytes
    r = client.get("/api/filings/0000777001-12-000001/raw")
    assert r.status_code == 404 and "not kept" in r.json()["error"]


@pytest.mark.parametrize("ident", [
    "0000000000-00-000000", "999999", "samples%2F1998-copperline-legacy-submission.txt",
    "1998-copperline-legacy-submission.txt", "%2Fetc%2Fpasswd", "..%2F..%2Fetc%2Fpasswd", "%00", "C%3A%5Cboot.ini",
])
def test_unknown_or_path_like_filing_is_404(client, ident):
    for suffix in ("", "/raw", "/facts"):
        r = client.get(f"/api/filings/{ident}{suffix}")
        assert r.status_code == 404, (ident, suffix)
        assert set(r.json()) == {"error", "detail"}


def test_a_request_never_reaches_the_file_system(client, monkeypatch):
    """The CLI's `show PATH` finds a filing by the path it was ingested under; a request may not:
    the store is not even asked, and nothing on disk is looked at."""
    import os

    touched = []
    real = os.path.exists
    monkeypatch.setattr(os.path, "exists", lambda p: touched.append(p) or real(p))
    path = str(SAMPLES / "1998-copperline-legacy-submission.txt")
    assert client.get("/api/filings/" + path.replace("/", "%2F")).status_code == 404
    assert client.get("/api/filings/samples%2F1998-copperline-legacy-submission.txt").status_code == 404
    assert touched == []


def test_company_and_timeline(client, store):
    r = client.get("/api/companies/777001")
    assert r.status_code == 200
    c = r.json()
    assert c["cik"] == "0000777001" and c["filings"] == 2 and c["events"] == {"legal_settlement": 2}
    assert (c["first"], c["last"]) == ("2012-06-04", "2014-02-10")
    r = client.get("/api/companies/0000777001/timeline")
    assert r.status_code == 200 and r.json() == json.loads(json.dumps(store.timeline("0000777001").as_dict()))
    assert [f["accession_number"] for f in r.json()["filings"]] == ["0000777001-12-000001", "0000777001-14-000002"]
    for bad in ("123456789", "abc", "12345678901", "%2Fetc"):
        r = client.get(f"/api/companies/{bad}")
        assert r.status_code == 404 and r.json()["error"].startswith(("no company", "no such page")), bad


def test_events_by_type_and_attribute(client):
    r = client.get("/api/events", params={"type": "legal_settlement"})
    assert r.status_code == 200
    assert r.json()["total"] == 3  # two synthetic and the 1998 sample's
    by = {e["handle"]: e for e in r.json()["events"]}
    assert by["0000777001-12-000001"]["attributes"]["amount"] == 3100000
    cases = [
        (["court=court of chancery of the state of delaware"], {"0000777001-12-000001"}),
        (["counterparties=Tamsin Vale Corp"], {"0000777001-14-000002"}),  # an element of a list
        (["amount=50000"], {"0000777001-14-000002"}),  # numbers compare as numbers
        (["amount=50000.0", "currency=usd"], {"0000777001-14-000002"}),
        (["court"], {"0000777001-12-000001", "0000777001-14-000002", COPPERLINE}),
        (["court=Nowhere"], set()),
        (["counterparties.0=orrin marsh holdings"], {"0000777001-12-000001"}),  # a path: the first element
        (["counterparties.1=Orrin Marsh Holdings"], set()),
    ]
    for attrs, want in cases:
        r = client.get("/api/events", params={"type": "legal_settlement", "attr": attrs})
        assert r.status_code == 200, r.text
        assert {e["handle"] for e in r.json()["events"]} == want and r.json()["total"] == len(want), attrs
    r = client.get("/api/events", params={"type": "legal_settlement", "cik": "777001", "since": "2013"})
    assert [e["handle"] for e in r.json()["events"]] == ["0000777001-14-000002"]


def test_events_paginate_after_the_attribute_match(client):
    seen = []
    page = client.get("/api/events", params={"attr": "court", "limit": 1}).json()
    while True:
        seen += [e["handle"] for e in page["events"]]
        if not page["next"]:
            break
        page = client.get(page["next"]).json()
    assert len(seen) == page["total"] == 3 == len(set(seen))


@pytest.mark.parametrize(("params", "words"), [
    ({"type": "lawsuit"}, "unknown event type"), ({"attr": "=x"}, "key=value"), ({"attr": "a b=c"}, "attribute path"),
    ({"type": "legal_settlement", "attr": "no_such_attribute"}, "has no attribute 'no_such_attribute'"),
    ({"type": "legal_settlement", "attr": "cort=x"}, "did you mean court"), ({"attr": "court="}, "key=value"),
])
def test_bad_event_query_is_400(client, params, words):
    r = client.get("/api/events", params=params)
    assert r.status_code == 400 and words in r.json()["error"]


def test_stats_are_the_stores(client, store):
    r = client.get("/api/stats")
    assert r.status_code == 200 and r.json() == json.loads(json.dumps(store.stats(), default=str))
    assert r.json()["filings"] == 8


def _export_count(store, table, **filters):
    from eightk.store import Filters

    return sum(len(c) for c in store.export_rows(table, Filters(**filters)))


@pytest.mark.parametrize("table", ["filings", "items", "events"])
def test_export_streams_each_format(client, store, table):
    n = _export_count(store, table)
    assert n > 0
    r = client.get("/api/export", params={"format": "csv", "table": table})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    import csv

    rows = list(csv.reader(io.StringIO(r.text)))
    assert len(rows) == n + 1 and rows[0][0] in ("id", "filing_id")
    r = client.get("/api/export", params={"format": "jsonl", "table": table})
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert len(lines) == n
    import pyarrow.parquet as pq

    r = client.get("/api/export", params={"format": "parquet", "table": table})
    assert r.status_code == 200 and pq.read_table(io.BytesIO(r.content)).num_rows == n


def test_export_takes_the_filters(client, store):
    r = client.get("/api/export", params={"format": "jsonl", "cik": "777001"})
    rows = [json.loads(x) for x in r.text.splitlines()]
    assert {x["cik"] for x in rows} == {"0000777001"} and len(rows) == _export_count(store, "filings", cik="777001")
    assert client.get("/api/export", params={"format": "xml"}).status_code == 422
    assert client.get("/api/export", params={"table": "raw_submissions"}).status_code == 422
    assert client.get("/api/export", params={"item": "zz"}).status_code == 400


def test_security_headers_on_every_response(client):
    from eightk.interfaces.http._security import CSP

    for path in ("/api/stats", "/api/search?q=(", "/api/filings/nope", "/nowhere", "/openapi.json"):
        h = client.get(path).headers
        assert h["content-security-policy"] == CSP, path
        assert "frame-ancestors 'none'" in CSP and "script-src 'self'" in CSP
        assert h["x-content-type-options"] == "nosniff" and h["referrer-policy"]


def test_hostile_text_comes_back_as_json_data(client):
    r = client.get("/api/filings/0000777002-15-000003/items")
    assert r.headers["content-type"] == "application/json"
    assert "<script>alert(1)</script>" in r.json()[0]["text"]


@pytest.mark.parametrize(("path", "params"), [
    ("/api/search", {"company": "a\x00b"}), ("/api/search", {"form": "\x00"}), ("/api/search", {"q": "x\x00"}),
    ("/api/events", {"company": "\x00"}), ("/api/events", {"attr": "court=\x00"}),
    ("/api/export", {"company": "\x00"}), (f"/api/filings/{COPPERLINE}", {"fields": "items\x00"}),
])
def test_a_nul_character_is_400_on_every_backend(client, path, params):
    r = client.get(path, params=params)
    assert r.status_code == 400 and "NUL" in r.json()["error"]
