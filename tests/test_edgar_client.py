"""The EDGAR client against a fake EDGAR on 127.0.0.1: headers, retries with fault injection,
give-up, the on-disk cache (forever for archives, TTL + conditional requests for indexes), and
bodies that are not data."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from eightk.edgar import DiskCache, EdgarClient, EdgarSettings, filing_url
from eightk.errors import EdgarError
from tests._edgar_fake import FakeEdgar, Resp, fake_edgar  # noqa: F401  (fixture)

UA = "Test Runner tests@example.com"
ACC = "0002222222-31-000008"
FILING_PATH = "/Archives/edgar/data/2222222/000222222231000008/0002222222-31-000008.txt"
FILING = (f"<SEC-DOCUMENT>{ACC}.txt : 20310106\n<SEC-HEADER>\nACCESSION NUMBER:\t\t{ACC}\n"
          "CONFORMED SUBMISSION TYPE:\t8-K\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>8-K\n<TEXT>\nItem 2.02\n"
          "</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n").encode()
TICKERS = json.dumps({"0": {"cik_str": 2222222, "ticker": "ACME", "title": "Acme"}}).encode()
HTML_PAGE = b"<!DOCTYPE html><html><body><h1>Your request could not be processed</h1></body></html>"


def make_settings(fake: FakeEdgar, tmp_path: Path, **kw: float) -> EdgarSettings:
    args: dict = {"timeout": 0.5, "max_attempts": 4, "backoff": 0.01, "index_ttl": 3600.0, **kw}
    return EdgarSettings(user_agent=UA, cache_dir=tmp_path / "cache", edgar_url=fake.url, data_url=fake.url, **args)


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def client(fake_edgar: FakeEdgar, tmp_path: Path, sleeps: list[float]):  # noqa: F811
    with EdgarClient(make_settings(fake_edgar, tmp_path), sleep=sleeps.append) as c:
        yield c


def test_headers_and_gzip_content_encoding(fake_edgar: FakeEdgar, client: EdgarClient) -> None:  # noqa: F811
    fake_edgar.set("/files/company_tickers.json",
                   Resp(body=gzip.compress(TICKERS), headers={"Content-Encoding": "gzip"}))
    assert client.cik_for("acme") == 2222222
    [line] = fake_edgar.log
    assert line.headers["User-Agent"] == UA
    assert line.headers["Accept-Encoding"] == "gzip, deflate"


def test_429_storm_honours_retry_after(fake_edgar: FakeEdgar, client: EdgarClient, sleeps: list[float]) -> None:  # noqa: F811
    fake_edgar.set("/files/company_tickers.json",
                   Resp(429, b"slow down", {"Retry-After": "0"}), Resp(429, b"slow down", {"Retry-After": "1"}),
                   Resp(429, b"slow down", {"Retry-After": "1"}), Resp(body=TICKERS))
    assert client.company_tickers() == {"ACME": 2222222}
    assert sleeps == [0.0, 1.0, 1.0]
    assert fake_edgar.hits("/files/company_tickers.json") == 4


def test_403_rate_threshold_retried_other_403_not(fake_edgar: FakeEdgar, client: EdgarClient) -> None:  # noqa: F811
    fake_edgar.set("/files/company_tickers.json",
                   Resp(403, b"<html>Request Rate Threshold Exceeded</html>"), Resp(body=TICKERS))
    assert client.company_tickers() == {"ACME": 2222222}
    fake_edgar.set("/submissions/CIK0000000001.json", Resp(403, b"Forbidden"))
    with pytest.raises(EdgarError, match="HTTP 403"):
        client.submissions(1)
    assert fake_edgar.hits("/submissions/CIK0000000001.json") == 1


def test_503s_give_up_after_bounded_attempts_naming_url(fake_edgar: FakeEdgar, client: EdgarClient,  # noqa: F811
                                                        sleeps: list[float]) -> None:
    fake_edgar.set("/submissions/CIK0002222222.json", Resp(503, b"unavailable"))
    with pytest.raises(EdgarError) as e:
        client.submissions(2222222)
    assert f"{fake_edgar.url}/submissions/CIK0002222222.json" in str(e.value)
    assert "after 4 attempts" in str(e.value) and "HTTP 503" in str(e.value)
    assert e.value.url == f"{fake_edgar.url}/submissions/CIK0002222222.json"
    assert fake_edgar.hits("/submissions/CIK0002222222.json") == 4
    # exponential backoff with full jitter: each wait within [0, backoff * 2**attempt]
    assert len(sleeps) == 3 and all(0 <= s <= 0.01 * 2**i for i, s in enumerate(sleeps))


def test_dropped_connection_mid_body_then_success(fake_edgar: FakeEdgar, client: EdgarClient) -> None:  # noqa: F811
    fake_edgar.set(FILING_PATH, Resp(body=FILING, drop_after=20), Resp(body=FILING))
    assert client.filing(2222222, ACC) == FILING
    assert fake_edgar.hits(FILING_PATH) == 2
    assert client.cache.get(fake_edgar.url + FILING_PATH).body == FILING  # type: ignore[union-attr]


def test_slow_response_past_timeout_is_retried(fake_edgar: FakeEdgar, client: EdgarClient) -> None:  # noqa: F811
    fake_edgar.set("/files/company_tickers.json", Resp(body=TICKERS, delay=1.5), Resp(body=TICKERS))
    assert client.company_tickers() == {"ACME": 2222222}
    assert fake_edgar.hits("/files/company_tickers.json") == 2


def test_404_is_an_error_at_once(fake_edgar: FakeEdgar, client: EdgarClient) -> None:  # noqa: F811
    with pytest.raises(EdgarError, match=r"HTTP 404") as e:
        client.filing(2222222, ACC)
    assert FILING_PATH in str(e.value)
    assert fake_edgar.hits(FILING_PATH) == 1


def test_html_error_page_with_200_is_not_data(fake_edgar: FakeEdgar, client: EdgarClient) -> None:  # noqa: F811
    fake_edgar.set(FILING_PATH, Resp(body=HTML_PAGE, headers={"Content-Type": "text/html"}))
    with pytest.raises(EdgarError, match="HTML page"):
        client.filing(2222222, ACC)
    assert client.cache.get(fake_edgar.url + FILING_PATH) is None
    # the next answer is the real filing: it is taken and cached
    fake_edgar.set(FILING_PATH, Resp(body=FILING))
    assert client.filing(2222222, ACC) == FILING


def test_submission_of_another_accession_is_not_data(fake_edgar: FakeEdgar, client: EdgarClient) -> None:  # noqa: F811
    fake_edgar.set(FILING_PATH, Resp(body=FILING.replace(b"31-000008", b"31-000009")))
    with pytest.raises(EdgarError, match="not 0002222222-31-000008"):
        client.filing(2222222, ACC)
    assert client.cache.get(fake_edgar.url + FILING_PATH) is None


def test_truncated_gzip_index_is_not_data(fake_edgar: FakeEdgar, client: EdgarClient) -> None:  # noqa: F811
    path = "/Archives/edgar/full-index/2031/QTR1/form.idx.gz"
    whole = gzip.compress(b"Form Type   Company Name\n----\n" * 50)
    fake_edgar.set(path, Resp(body=whole[: len(whole) // 2]), Resp(body=whole))
    assert client.get(fake_edgar.url + path) == whole
    assert fake_edgar.hits(path) == 2


def test_archives_cached_forever(fake_edgar: FakeEdgar, tmp_path: Path) -> None:  # noqa: F811
    fake_edgar.set(FILING_PATH, Resp(body=FILING))
    with EdgarClient(make_settings(fake_edgar, tmp_path, index_ttl=0)) as c:
        assert c.filing(2222222, ACC) == FILING
        assert c.filing(2222222, ACC) == FILING
    with EdgarClient(make_settings(fake_edgar, tmp_path, index_ttl=0)) as c:  # a new process, same cache
        assert c.filing(2222222, ACC) == FILING
        assert c.get(fake_edgar.url + FILING_PATH, offline=True) == FILING
    assert fake_edgar.hits(FILING_PATH) == 1


def test_index_ttl_and_conditional_requests(fake_edgar: FakeEdgar, tmp_path: Path) -> None:  # noqa: F811
    path = "/Archives/edgar/daily-index/2031/QTR1/form.20310106.idx"
    body = b"Form Type   Company Name   CIK   Date Filed  File Name\n-----\n"
    fake_edgar.set(path, Resp(body=body, etag='"v1"'))
    url = fake_edgar.url + path
    with EdgarClient(make_settings(fake_edgar, tmp_path, index_ttl=3600)) as c:
        assert c.get(url) == body and c.get(url) == body
    assert fake_edgar.hits(path) == 1                        # fresh within the TTL
    with EdgarClient(make_settings(fake_edgar, tmp_path, index_ttl=0)) as c:
        assert c.get(url) == body                             # stale: revalidated, 304
    assert fake_edgar.hits(path) == 2
    assert fake_edgar.log[-1].headers.get("If-None-Match") == '"v1"'
    # a changed index (new ETag) replaces the cached one
    fake_edgar.set(path, Resp(body=body + b"more\n", etag='"v2"'))
    with EdgarClient(make_settings(fake_edgar, tmp_path, index_ttl=0)) as c:
        assert c.get(url) == body + b"more\n"
        assert c.cache.get(url).etag == '"v2"'  # type: ignore[union-attr]


def test_last_modified_conditional(fake_edgar: FakeEdgar, tmp_path: Path) -> None:  # noqa: F811
    path = "/submissions/CIK0002222222.json"
    lm = "Mon, 06 Jan 2031 10:00:00 GMT"
    fake_edgar.set(path, Resp(body=b'{"accessionNumber": []}', headers={"Last-Modified": lm}),
                   Resp(304, b""))
    with EdgarClient(make_settings(fake_edgar, tmp_path, index_ttl=0)) as c:
        c.submissions(2222222)
        assert c.submissions(2222222).rows == []
    assert fake_edgar.log[-1].headers.get("If-Modified-Since") == lm


def test_offline_miss_is_an_error(client: EdgarClient) -> None:
    with pytest.raises(EdgarError, match="not in the cache"):
        client.get(filing_url(client.settings.edgar_url, 1, ACC), offline=True)


def test_failed_cache_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = DiskCache(tmp_path, ttl=60)

    def crash(*a: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        cache.put("http://x/a.idx", b"data")
    monkeypatch.undo()
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
    assert cache.get("http://x/a.idx") is None


def test_killed_download_leaves_no_half_entry(fake_edgar: FakeEdgar, tmp_path: Path) -> None:  # noqa: F811
    big = FILING + b"x" * 200_000
    release = threading.Event()
    fake_edgar.set(FILING_PATH, Resp(body=big, drop_after=100_000, stall=release))
    s = make_settings(fake_edgar, tmp_path, timeout=30)
    code = (
        "import sys\nfrom pathlib import Path\nfrom eightk.edgar import EdgarClient, EdgarSettings\n"
        f"s = EdgarSettings(user_agent={UA!r}, cache_dir=Path({str(s.cache_dir)!r}), edgar_url={fake_edgar.url!r}, timeout=30)\n"
        f"EdgarClient(s).filing(2222222, {ACC!r})\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code])
    try:
        assert fake_edgar.sent_partial.wait(20), "the download never started"
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        release.set()
        if proc.poll() is None:
            proc.kill()
    cache = DiskCache(s.cache_dir, ttl=60)
    assert cache.get(fake_edgar.url + FILING_PATH) is None
    assert not cache.path_for(fake_edgar.url + FILING_PATH).exists()
    # a rerun fetches the whole filing
    fake_edgar.set(FILING_PATH, Resp(body=big))
    with EdgarClient(s) as c:
        assert c.filing(2222222, ACC) == big
