"""``POST /api/parse`` (an upload parsed in a worker process, nothing stored, size and time
limits), the catch-all error, the read-only store and ``eightk serve``'s start."""

from __future__ import annotations

import json
import sys
import types

import pytest
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import eightk
from eightk.interfaces.cli import app as cli
from eightk.interfaces.http import create_app
from eightk.interfaces.http._parse import ParseLimits
from eightk.interfaces.http._security import CSP
from eightk.store import StoreError, open_store
from tests._http_fixtures import fill
from tests.conftest import SAMPLES

LIMIT = 64 << 10


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('parse') / 'eightk.db'}"
    fill(url)
    return url


@pytest.fixture(scope="module")
def client(db):
    app = create_app(db, parse_limits=ParseLimits(max_bytes=LIMIT, seconds=60, memory_mib=2048))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize("sample", ["1998-copperline-legacy-submission.txt", "2002-bluegill-lone-document.txt"])
def test_parse_returns_the_model_and_stores_nothing(client, db, sample):
    data = (SAMPLES / sample).read_bytes()
    with open_store(db, readonly=True) as s:
        before = s.count("filings")
    r = client.post("/api/parse", params={"name": sample}, content=data,
                    headers={"content-type": "application/octet-stream"})
    assert r.status_code == 200, r.text
    assert r.json() == json.loads(eightk.parse(data, path=sample).model_dump_json())
    with open_store(db, readonly=True) as s:
        assert s.count("filings") == before


def test_not_an_8k_is_422_saying_what_it_is(client):
    r = client.post("/api/parse", content=b"FORM 10-K\nANNUAL REPORT\nQuillfeather Labs Inc.\n" * 20)
    assert r.status_code == 422
    assert "not an 8-K" in r.json()["error"]
    r = client.post("/api/parse", content=b"")
    assert r.status_code == 422 and "empty" in r.json()["error"]


def test_upload_over_the_limit_is_413(client):
    r = client.post("/api/parse", content=b"x" * (LIMIT + 1))
    assert r.status_code == 413 and "limit" in r.json()["error"]

    def chunks():  # no Content-Length: the body is counted as it arrives
        for _ in range(LIMIT // 4096 + 2):
            yield b"y" * 4096

    r = client.post("/api/parse", content=chunks())
    assert r.status_code == 413


def test_default_upload_limit_is_20_mib():
    assert ParseLimits().max_bytes == 20 << 20


def test_a_bug_is_a_500_without_a_traceback(db, monkeypatch):
    app = create_app(db)
    with TestClient(app, raise_server_exceptions=False) as c:
        monkeypatch.setattr(type(app.state.store.current()), "stats",
                            lambda self: (_ for _ in ()).throw(RuntimeError("secret internals at /srv/x.py")))
        r = c.get("/api/stats")
    assert r.status_code == 500
    assert r.json() == {"error": "internal error", "detail": "the server's log has the details; please report it"}
    assert "Traceback" not in r.text and "secret" not in r.text


def test_the_store_is_read_only(tmp_path, db):
    missing = tmp_path / "none.db"
    with pytest.raises(StoreError, match="no database"):
        create_app(f"sqlite:///{missing}")
    assert not missing.exists()
    app = create_app(db)
    with pytest.raises(Exception, match="readonly|read-only"):
        app.state.store.current().conn.execute("DELETE FROM filings")
    app.state.store.close()


def test_each_thread_has_its_own_store(db):
    import threading

    app = create_app(db)
    stores = app.state.store
    seen = []
    t = threading.Thread(target=lambda: seen.append(stores.current()))
    t.start()
    t.join()
    assert seen[0] is not stores.current() and stores.search("settled").total >= 1
    stores.close()


def test_serve_refuses_a_missing_database_in_one_line(tmp_path):
    r = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db"), "--port", "0"])
    assert r.exit_code == 1
    assert "no database at" in r.output and "Traceback" not in r.output


def test_serve_is_listed():
    r = CliRunner().invoke(cli, ["serve", "--help"])
    assert r.exit_code == 0 and "--workers" in r.output and "--host" in r.output


def test_the_web_ui_router_is_included_when_its_package_is_present(db, monkeypatch):
    """create_app includes ``eightk.interfaces.web.make_router()`` when the package imports (here a
    stand-in page reading ``request.app.state.store``), with the same security headers."""
    def make_router() -> APIRouter:
        router = APIRouter()

        @router.get("/stand-in", response_class=HTMLResponse)
        def page(request: Request) -> str:
            return f"<p>{request.app.state.store.search('').total} filings</p>"

        return router

    monkeypatch.setitem(sys.modules, "eightk.interfaces.web", types.SimpleNamespace(make_router=make_router))
    with TestClient(create_app(db)) as c:
        r = c.get("/stand-in")
    assert r.status_code == 200 and r.text == "<p>8 filings</p>"
    assert r.headers["content-security-policy"] == CSP
    monkeypatch.delitem(sys.modules, "eightk.interfaces.web")
    with TestClient(create_app(db)) as c:
        assert c.get("/stand-in").status_code == 404


def test_concurrent_uploads_take_turns(db):
    """Uploads sent at once are parsed one after the other by the one worker, each answered."""
    import asyncio

    import httpx

    app = create_app(db)
    samples = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".nc"))

    async def main() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            return await asyncio.gather(*(c.post("/api/parse", params={"name": p.name}, content=p.read_bytes())
                                          for p in samples))

    try:
        answers = asyncio.run(main())
    finally:
        app.state.parser.close()
        app.state.store.close()
    assert [r.status_code for r in answers] == [200] * len(samples) == [200] * 5
    assert [r.json()["source"]["path"] for r in answers] == [p.name for p in samples]


def _upload_of_a_second() -> bytes:
    """A filing whose parse takes a few tenths of a second (1 MB of one item's prose): far over a millisecond's
    budget however fast the parser gets (the 4 KB sample took 2 ms, too near it)."""
    return ("FORM 8-K\nItem 8.01 Other Events.\n" + "The company sold notes for $1,000,000 on March 3, 2020. " * 18000).encode()


def test_a_parse_over_its_time_budget_is_stopped(db):
    """The worker is killed when the parse runs past the budget (here a millisecond, far less than
    any real filing needs), the upload is answered 422 saying so, and the next one is parsed."""
    app = create_app(db, parse_limits=ParseLimits(seconds=0.001))
    data = _upload_of_a_second()
    with TestClient(app) as c:
        r = c.post("/api/parse", content=data)
        assert r.status_code == 422 and "longer than" in r.json()["error"]
        app.state.parser.limits = ParseLimits(seconds=60)
        app.state.parser.close()  # a new worker with the new budget
        assert c.post("/api/parse", content=data).status_code == 200
