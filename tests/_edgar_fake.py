"""A fake EDGAR on 127.0.0.1 for the edgar tests: a plain ASGI app served by uvicorn in a thread
(ephemeral port), with the real URL layout as whatever paths a test registers, fault injection
per response (429 storms with Retry-After, 503, a connection dropped mid-body, truncated gzip,
a response slower than the client's timeout, an HTML error page with status 200, 404), and a log
of every request (arrival time, path, headers) the tests read back.

:func:`build_site` fills it with a small EDGAR built from synthetic filings written here (fictional
companies): company_tickers.json, submissions JSON with an older page, full and daily indexes,
full submissions, a daily feed tarball and the latest-filings Atom feed.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import gzip
import io
import json
import re
import socket
import tarfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
import uvicorn


@dataclass
class Resp:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    drop_after: int | None = None          # send this many body bytes, then close the connection
    stall: threading.Event | None = None   # after drop_after bytes, wait for this event instead
    delay: float = 0.0                     # sleep before answering (past the client's timeout)
    etag: str | None = None                # answer 304 when If-None-Match matches


@dataclass
class LogLine:
    at: float
    path: str
    headers: httpx.Headers   # case-insensitive, as HTTP headers are


class _Dropped(Exception):
    """Raised inside the app to make uvicorn close the connection mid-body."""


class FakeEdgar:
    """The ASGI app and its state; :meth:`start` serves it on 127.0.0.1, port 0."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Resp]] = {}
        self.log: list[LogLine] = []
        self.lock = threading.Lock()
        self.sent_partial = threading.Event()
        self.url = ""
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    # -- what tests call ------------------------------------------------------------------
    def set(self, path: str, *responses: Resp) -> None:
        """Answer ``path`` with ``responses`` in turn; the last one repeats."""
        with self.lock:
            self.routes[path] = list(responses)

    def hits(self, path: str) -> int:
        return sum(1 for line in self.log if line.path == path)

    def paths(self) -> list[str]:
        with self.lock:
            return [line.path for line in self.log]

    def _next(self, path: str) -> Resp | None:
        with self.lock:
            queue = self.routes.get(path)
            if not queue:
                return None
            return queue.pop(0) if len(queue) > 1 else queue[0]

    # -- the ASGI app ---------------------------------------------------------------------
    async def __call__(self, scope: dict, receive, send) -> None:
        if scope["type"] != "http":
            return
        path = scope["raw_path"].decode("latin-1")
        if scope.get("query_string"):
            path += "?" + scope["query_string"].decode("latin-1")
        headers = httpx.Headers([(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]])
        with self.lock:
            self.log.append(LogLine(time.time(), path, headers))
        resp = self._next(path) or Resp(404, b"not found", {"Content-Type": "text/plain"})
        if resp.delay:
            await asyncio.sleep(resp.delay)
        if resp.etag and headers.get("If-None-Match") == resp.etag:
            await send({"type": "http.response.start", "status": 304,
                        "headers": [(b"etag", resp.etag.encode()), (b"content-length", b"0")]})
            await send({"type": "http.response.body", "body": b""})
            return
        out = [(k.lower().encode(), v.encode()) for k, v in resp.headers.items()]
        if resp.etag:
            out.append((b"etag", resp.etag.encode()))
        out.append((b"content-length", str(len(resp.body)).encode()))
        await send({"type": "http.response.start", "status": resp.status, "headers": out})
        if resp.drop_after is None:
            await send({"type": "http.response.body", "body": resp.body})
            return
        await send({"type": "http.response.body", "body": resp.body[: resp.drop_after], "more_body": True})
        self.sent_partial.set()
        if resp.stall is not None:
            for _ in range(3000):
                if resp.stall.is_set():
                    break
                await asyncio.sleep(0.01)
        raise _Dropped("dropped mid-body on purpose")

    # -- serving --------------------------------------------------------------------------
    def start(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        config = uvicorn.Config(self, lifespan="off", log_config=None, log_level="critical",
                                access_log=False, timeout_keep_alive=30)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, daemon=True)
        self._thread.start()
        for _ in range(500):
            if self._server.started:
                return
            time.sleep(0.01)
        raise RuntimeError("the fake EDGAR did not start")

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(10)


@pytest.fixture
def fake_edgar() -> Iterator[FakeEdgar]:
    fake = FakeEdgar()
    fake.start()
    try:
        yield fake
    finally:
        fake.stop()


# -- a small EDGAR of synthetic filings --------------------------------------------------------

@dataclass(frozen=True)
class Synthetic:
    cik: int
    company: str
    ticker: str
    accession: str
    filed: dt.date
    items: tuple[str, ...]        # the items the filing reports ("2.02"; legacy "5")
    form: str = "8-K"
    listed_items: bool = True     # does the submissions API list its items (legacy filings: no)

    @property
    def path(self) -> str:
        return f"/Archives/edgar/data/{self.cik}/{self.accession.replace('-', '')}/{self.accession}.txt"


_TITLES = {"2.02": "Results of Operations and Financial Condition", "12": "Results of Operations and Financial Condition", "5.02": "Departure of Directors or Certain Officers",
           "8.01": "Other Events", "9.01": "Financial Statements and Exhibits", "5": "Other Events",
           "7": "Financial Statements and Exhibits"}


def synthetic_filing(f: Synthetic, *, words: str = "") -> bytes:
    """A full submission (EDGAR's ``ACCESSION.txt``) for ``f``, written here: fictional company."""
    items = "".join(
        f"ITEM {code}.  {_TITLES.get(code, 'Other Events').upper()}.\n\n"
        f"    {f.company} reports a matter under item {code} {words}. The board met on "
        f"{f.filed:%B} {f.filed.day}, {f.filed.year} and approved the plan.\n\n" for code in f.items)
    return f"""<SEC-DOCUMENT>{f.accession}.txt : {f.filed:%Y%m%d}
<SEC-HEADER>{f.accession}.hdr.sgml : {f.filed:%Y%m%d}
ACCESSION NUMBER:\t\t{f.accession}
CONFORMED SUBMISSION TYPE:\t{f.form}
PUBLIC DOCUMENT COUNT:\t\t1
CONFORMED PERIOD OF REPORT:\t{f.filed:%Y%m%d}
FILED AS OF DATE:\t\t{f.filed:%Y%m%d}

FILER:

\tCOMPANY DATA:\t
\t\tCOMPANY CONFORMED NAME:\t\t\t{f.company}
\t\tCENTRAL INDEX KEY:\t\t\t{f.cik:010d}
\t\tSTATE OF INCORPORATION:\t\t\tDE

\tFILING VALUES:
\t\tFORM TYPE:\t\t{f.form}
\t\tSEC ACT:\t\t1934 Act
\t\tSEC FILE NUMBER:\t001-99999
</SEC-HEADER>
<DOCUMENT>
<TYPE>{f.form}
<SEQUENCE>1
<FILENAME>form8k.txt
<TEXT>
                       SECURITIES AND EXCHANGE COMMISSION
                             WASHINGTON, D.C. 20549

                                    FORM {f.form}

                                 CURRENT REPORT

Date of Report: {f.filed:%B} {f.filed.day}, {f.filed.year}

                              {f.company}

{items}
                                   SIGNATURES

    Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant has
duly caused this report to be signed on its behalf by the undersigned hereunto duly authorized.

                                        {f.company}
                                        By: /s/ Jane Q. Officer
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
""".encode()


def feed_member(f: Synthetic) -> bytes:
    """The same filing as the daily feed carries it: ``<SUBMISSION>`` with a tag-style header."""
    body = synthetic_filing(f).split(b"<DOCUMENT>", 1)[1].rsplit(b"</SEC-DOCUMENT>", 1)[0]
    return (f"<SUBMISSION>\n<ACCESSION-NUMBER>{f.accession}\n<TYPE>{f.form}\n<PUBLIC-DOCUMENT-COUNT>1\n"
            f"<PERIOD>{f.filed:%Y%m%d}\n<FILING-DATE>{f.filed:%Y%m%d}\n<FILER>\n<COMPANY-DATA>\n"
            f"<CONFORMED-NAME>{f.company}\n<CIK>{f.cik:010d}\n</COMPANY-DATA>\n</FILER>\n<DOCUMENT>").encode() \
        + body + b"</SUBMISSION>\n"


def other_member(cik: int, accession: str, day: dt.date) -> bytes:
    """A 10-Q in the feed: the client must pass it over."""
    return (f"<SUBMISSION>\n<ACCESSION-NUMBER>{accession}\n<TYPE>10-Q\n<FILING-DATE>{day:%Y%m%d}\n"
            f"<FILER>\n<COMPANY-DATA>\n<CONFORMED-NAME>QUARTERLY FICTION INC\n<CIK>{cik:010d}\n</COMPANY-DATA>\n"
            "</FILER>\n<DOCUMENT>\n<TYPE>10-Q\n<SEQUENCE>1\n<TEXT>\nQuarterly report." + " filler" * 4000 +
            "\n</TEXT>\n</DOCUMENT>\n</SUBMISSION>\n").encode()


def form_index(entries: list[Synthetic], *, daily: bool) -> bytes:
    head = ("Description:           Daily Index of EDGAR Dissemination Feed by Form Type\n\n"
            "Form Type   Company Name                                                  CIK         Date Filed  File Name\n"
            + "-" * 140 + "\n")
    lines = []
    for f in entries:
        date = f"{f.filed:%Y%m%d}" if daily else f.filed.isoformat()
        path = f"edgar/data/{f.cik}/{f.accession}.txt"
        lines.append(f"{f.form:<12}{f.company:<62}{f.cik:<12}{date:<12}{path}\n")
    # a form the client must skip
    lines.append(f"{'10-Q':<12}{'QUARTERLY FICTION INC':<62}{7770099:<12}{'20310101' if daily else '2031-01-01':<12}"
                 "edgar/data/7770099/0007770099-31-000001.txt\n")
    return (head + "".join(lines)).encode()


def submissions_json(filings: list[Synthetic], *, cik: int, name: str, ticker: str, page_size: int) -> dict[str, bytes]:
    """``CIK##########.json`` with the newest ``page_size`` filings, the rest on an older page."""
    mine = sorted((f for f in filings if f.cik == cik), key=lambda f: f.filed, reverse=True)
    recent, older = mine[:page_size], mine[page_size:]

    def arrays(rows: list[Synthetic]) -> dict:
        return {"accessionNumber": [f.accession for f in rows], "filingDate": [f.filed.isoformat() for f in rows],
                "reportDate": [f.filed.isoformat() for f in rows], "form": [f.form for f in rows],
                "items": [",".join(f.items) if f.listed_items else "" for f in rows],
                "primaryDocument": ["form8k.txt" for _ in rows],
                "acceptanceDateTime": [f"{f.filed.isoformat()}T16:30:00.000Z" for f in rows]}

    page = f"CIK{cik:010d}-submissions-001.json"
    files = [{"name": page, "filingCount": len(older), "filingFrom": older[-1].filed.isoformat(),
              "filingTo": older[0].filed.isoformat()}] if older else []
    out = {f"/submissions/CIK{cik:010d}.json": json.dumps(
        {"cik": str(cik), "name": name, "tickers": [ticker], "filings": {"recent": arrays(recent), "files": files}}).encode()}
    if older:
        out[f"/submissions/{page}"] = json.dumps(arrays(older)).encode()
    return out


def feed_tarball(members: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 1_900_000_000
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def atom_feed(entries: list[Synthetic], base: str) -> bytes:
    parts = ['<?xml version="1.0" encoding="ISO-8859-1" ?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
             "<title>Latest Filings - Fake</title>\n<updated>2031-01-06T17:00:00-05:00</updated>\n"]
    for f in entries:
        folder = f"{base}/Archives/edgar/data/{f.cik}/{f.accession.replace('-', '')}"
        parts.append(
            f"<entry>\n<title>{f.form} - {f.company} ({f.cik:010d}) (Filer)</title>\n"
            f'<link rel="alternate" type="text/html" href="{folder}/{f.accession}-index.htm"/>\n'
            f'<summary type="html"> &lt;b&gt;Filed:&lt;/b&gt; {f.filed.isoformat()} &lt;b&gt;AccNo:&lt;/b&gt; '
            f"{f.accession}</summary>\n<updated>{f.filed.isoformat()}T16:30:00-05:00</updated>\n"
            f'<category scheme="https://www.sec.gov/" label="form type" term="{f.form}"/>\n'
            f"<id>urn:tag:sec.gov,2008:accession-number={f.accession}</id>\n</entry>\n")
    parts.append("</feed>\n")
    return "".join(parts).encode("latin-1")


def serve_filings(fake: FakeEdgar, filings: list[Synthetic]) -> None:
    """Full submissions for ``filings`` (plus their daily and quarterly indexes)."""
    for f in filings:
        fake.set(f.path, Resp(body=synthetic_filing(f), headers={"Content-Type": "text/plain"}))
    days = sorted({f.filed for f in filings})
    for day in days:
        q = (day.month - 1) // 3 + 1
        fake.set(f"/Archives/edgar/daily-index/{day.year}/QTR{q}/form.{day:%Y%m%d}.idx",
                 Resp(body=form_index([f for f in filings if f.filed == day], daily=True)))
    for year, q in {(d.year, (d.month - 1) // 3 + 1) for d in days}:
        rows = [f for f in filings if f.filed.year == year and (f.filed.month - 1) // 3 + 1 == q]
        fake.set(f"/Archives/edgar/full-index/{year}/QTR{q}/form.idx", Resp(body=form_index(rows, daily=False)))


def build_site(fake: FakeEdgar, filings: list[Synthetic], *, page_size: int = 3) -> None:
    """Everything EDGAR serves about ``filings``: tickers, submissions, indexes, filings, one feed
    tarball per day (with a 10-Q to pass over) and the Atom feed of the newest day."""
    companies = {f.cik: f for f in filings}
    fake.set("/files/company_tickers.json", Resp(body=json.dumps(
        {str(i): {"cik_str": f.cik, "ticker": f.ticker, "title": f.company}
         for i, f in enumerate(companies.values())}).encode(), headers={"Content-Type": "application/json"}))
    for cik, f in companies.items():
        for path, body in submissions_json(filings, cik=cik, name=f.company, ticker=f.ticker, page_size=page_size).items():
            fake.set(path, Resp(body=body, headers={"Content-Type": "application/json"}))
    serve_filings(fake, filings)
    for day in sorted({f.filed for f in filings}):
        q = (day.month - 1) // 3 + 1
        members = [(f"{f.accession}.nc", feed_member(f)) for f in filings if f.filed == day]
        members.insert(1, ("0007770099-31-000001.nc", other_member(7770099, "0007770099-31-000001", day)))
        fake.set(f"/Archives/edgar/Feed/{day.year}/QTR{q}/{day:%Y%m%d}.nc.tar.gz", Resp(body=feed_tarball(members)))
    newest = max(f.filed for f in filings)
    set_atom(fake, [f for f in filings if f.filed == newest])


def set_atom(fake: FakeEdgar, entries: list[Synthetic]) -> None:
    fake.set("/cgi-bin/browse-edgar?action=getcurrent&type=8-K&output=atom",
             Resp(body=atom_feed(entries, fake.url), headers={"Content-Type": "application/atom+xml"}))


def gz(data: bytes) -> bytes:
    return gzip.compress(data)


_ACC = re.compile(rb"ACCESSION NUMBER:\s*(\d{10}-\d{2}-\d{6})")
_CIK = re.compile(rb"CENTRAL INDEX KEY:\s*(\d{1,10})")
_FORM = re.compile(rb"CONFORMED SUBMISSION TYPE:\s*(8-K(?:/A)?)\s")


def corpus_filings(corpus: Path, day: dt.date, n: int, *, max_bytes: int = 5_000_000) -> list[tuple[Synthetic, bytes]]:
    """Up to ``n`` corpus 8-K full submissions with an EDGAR header (accession, CIK, form), read
    in place (never copied), each with a :class:`Synthetic` saying where the fake serves it
    (indexed as filed on ``day``)."""
    rows = []
    inventory = corpus / "inventory.tsv"
    if inventory.is_file():
        with inventory.open(newline="", encoding="utf-8") as fh:
            rows = [r["file"] for r in csv.DictReader(fh, delimiter="\t")
                    if r.get("role") == "8-K filing" and r["file"].endswith(".txt")]
    out: list[tuple[Synthetic, bytes]] = []
    seen: set[bytes] = set()
    for name in rows:
        path = corpus / name
        if not path.is_file() or path.stat().st_size > max_bytes:
            continue
        data = path.read_bytes()
        head = data[:8192]
        acc, cik, form = _ACC.search(head), _CIK.search(head), _FORM.search(head)
        if not (acc and cik and form) or acc.group(1) in seen:
            continue
        seen.add(acc.group(1))
        out.append((Synthetic(int(cik.group(1)), "CORPUS FILER", "X", acc.group(1).decode(), day, (),
                              form.group(1).decode()), data))
        if len(out) >= n:
            break
    return out
