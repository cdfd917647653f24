"""``eightk fetch`` / ``sync`` / ``watch`` in real processes against the fake EDGAR (an ASGI app
on 127.0.0.1): fetch -> search -> show into SQLite and PostgreSQL, a day by index and by feed,
sync twice, watch picking up a new filing, four concurrent fetches under the rate, faults, and
the refusal without a User-Agent. Every filing is synthetic (fictional companies)."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eightk.store import open_store
from tests._edgar_fake import (
    FakeEdgar,
    Resp,
    Synthetic,
    build_site,
    fake_edgar,  # noqa: F401  (fixture)
    feed_member,
    feed_tarball,
    set_atom,
    synthetic_filing,
)
from tests.test_edgar_rate import max_in_one_second
from tests.test_store_backends import drop, new_url

UA = "Test Runner tests@example.com"
DAY = dt.date(2031, 1, 6)  # a Monday
HFC, LFI = 7770001, 7770002


def _eightk() -> list[str]:
    exe = Path(sys.executable).with_name("eightk")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "eightk"]


def harbor(i: int, day: dt.date, items: tuple[str, ...], **kw) -> Synthetic:
    return Synthetic(HFC, "HARBOR FICTION CORP", "HFC", f"0007770001-31-{i:06d}", day, items, **kw)


def lantern(i: int, day: dt.date, items: tuple[str, ...] = ("8.01",)) -> Synthetic:
    return Synthetic(LFI, "LANTERN FICTION INC", "LFI", f"0007770002-31-{i:06d}", day, items)


def site_filings() -> list[Synthetic]:
    """Harbor: five modern 8-Ks (three on the recent page, two on the older one) and a legacy
    2001 one whose items the submissions API does not list; Lantern: two on DAY, one the day before."""
    fs = [harbor(i, DAY - dt.timedelta(days=7 * (i - 1)), ("2.02", "9.01") if i % 2 else ("5.02",))
          for i in range(1, 6)]
    fs.append(Synthetic(HFC, "HARBOR FICTION CORP", "HFC", "0007770001-01-000007", dt.date(2001, 3, 5), ("12", "7"),
                        listed_items=False))
    fs += [lantern(1, DAY), lantern(2, DAY, ("5.02",)), lantern(3, DAY - dt.timedelta(days=3))]
    return fs


@pytest.fixture
def site(fake_edgar: FakeEdgar) -> FakeEdgar:  # noqa: F811
    build_site(fake_edgar, site_filings())
    return fake_edgar


def env_for(fake: FakeEdgar, tmp_path: Path, **extra: str) -> dict[str, str]:
    config = tmp_path / "config.toml"
    config.write_text("[edgar]\ntimeout = 1.0\nbackoff = 0.05\nmax_attempts = 3\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("EIGHTK_")}
    env.update(EIGHTK_EDGAR_URL=fake.url, EIGHTK_EDGAR_DATA_URL=fake.url, EIGHTK_CACHE_DIR=str(tmp_path / "cache"),
               EIGHTK_USER_AGENT=UA, EIGHTK_CONFIG=str(config), **extra)
    return env


def run(env: dict[str, str], *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*_eightk(), *args], env=env, capture_output=True, text=True, timeout=timeout)


def summary(r: subprocess.CompletedProcess[str]) -> dict:
    return json.loads(r.stdout.strip().splitlines()[-1])


def accessions(url: str) -> list[str]:
    with open_store(url) as s:
        return sorted(r[0] for r in s.rows("SELECT accession_number FROM filings"))


def whole_filings(url: str) -> None:
    """Every stored filing has all its rows, and no accession number is stored twice."""
    with open_store(url) as s:
        bad = s.rows("SELECT f.id FROM filings f WHERE f.n_items <> (SELECT count(*) FROM items i WHERE i.filing_id = f.id)"
                     " OR NOT EXISTS (SELECT 1 FROM raw_submissions r WHERE r.filing_id = f.id)")
        twice = s.rows("SELECT accession_number FROM filings GROUP BY accession_number HAVING count(*) > 1")
    assert bad == [] and twice == []


@pytest.fixture(params=["sqlite", "postgres"])
def db(request, tmp_path):
    u = new_url(request.param, tmp_path)
    yield u
    drop(u)


def test_fetch_search_show_end_to_end(site: FakeEdgar, tmp_path: Path, db: str) -> None:
    env = env_for(site, tmp_path)
    r = run(env, "fetch", "--ticker", "hfc", "--since", "2001-01-01", "--items", "2.02", "--db", db, "--json")
    assert r.returncode == 0, r.stderr
    # 2.02 filings from both submissions pages, and the legacy item 12 filing (= 2.02), parsed to know
    assert accessions(db) == ["0007770001-01-000007", "0007770001-31-000001", "0007770001-31-000003",
                              "0007770001-31-000005"]
    s = summary(r)
    assert s["stored"] == 4 and s["failed"] == [] and s["filtered"] == 0
    assert site.hits("/submissions/CIK0007770001-submissions-001.json") == 1
    # 5.02 filings were never downloaded: the submissions API lists their items
    assert site.hits(harbor(2, DAY - dt.timedelta(days=7), ("5.02",)).path) == 0
    whole_filings(db)

    found = run(env, "search", "board", "--db", db, "--format", "json", "--item", "2.02")
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)["results"]
    assert {h["accession_number"] for h in hits} == set(accessions(db))
    shown = run(env, "show", "0007770001-31-000003", "--db", db, "--json")
    assert shown.returncode == 0, shown.stderr
    filing = json.loads(shown.stdout)
    assert filing["accession_number"] == "0007770001-31-000003"
    assert [i["code"] for i in filing["items"]] == ["2.02", "9.01"]

    again = run(env, "fetch", "--cik", str(HFC), "--since", "2001-01-01", "--db", db, "--json")
    assert again.returncode == 0, again.stderr
    s2 = summary(again)
    assert (s2["stored"], s2["already"]) == (2, 4)   # the two 5.02 filings; nothing stored twice
    whole_filings(db)


def test_recent_dates_do_not_read_older_pages(site: FakeEdgar, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'e.db'}"
    r = run(env_for(site, tmp_path), "fetch", "--cik", str(HFC), "--since", "2030-12-25", "--db", db)
    assert r.returncode == 0, r.stderr
    assert accessions(db) == ["0007770001-31-000001", "0007770001-31-000002"]
    assert site.hits("/submissions/CIK0007770001-submissions-001.json") == 0


def test_fetch_to_a_folder(site: FakeEdgar, tmp_path: Path) -> None:
    out = tmp_path / "filings"
    r = run(env_for(site, tmp_path), "fetch", "--cik", str(LFI), "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in out.iterdir()) == [f"0007770002-31-00000{i}.txt" for i in (1, 2, 3)]
    assert (out / "0007770002-31-000002.txt").read_bytes() == synthetic_filing(lantern(2, DAY, ("5.02",)))


@pytest.mark.parametrize("via", ["index", "feed"])
def test_fetch_one_day(site: FakeEdgar, tmp_path: Path, via: str) -> None:
    db = f"sqlite:///{tmp_path / 'e.db'}"
    r = run(env_for(site, tmp_path), "fetch", "--date", DAY.isoformat(), "--via", via, "--db", db, "--json")
    assert r.returncode == 0, r.stderr
    assert accessions(db) == ["0007770001-31-000001", "0007770002-31-000001", "0007770002-31-000002"]
    with open_store(db) as s:  # the feed's 10-Q was passed over, not stored nor logged
        assert s.one("SELECT count(*) FROM ingest_log WHERE path LIKE '%0007770099%'") == (0,)
    requests = site.paths()
    if via == "feed":
        assert requests == ["/Archives/edgar/Feed/2031/QTR1/20310106.nc.tar.gz"]
    else:
        assert "/Archives/edgar/daily-index/2031/QTR1/form.20310106.idx" in requests
        assert not any("Feed" in p for p in requests)
    whole_filings(db)


def test_sync_twice_stores_nothing_new(site: FakeEdgar, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'e.db'}"
    env = env_for(site, tmp_path)
    empty = run(env, "sync", "--db", db)
    assert empty.returncode == 2 and "--since" in empty.stderr
    first = run(env, "sync", "--db", db, "--since", (DAY - dt.timedelta(days=8)).isoformat(), "--until",
                DAY.isoformat(), "--json")
    assert first.returncode == 0, first.stderr
    stored = accessions(db)
    assert stored == ["0007770001-31-000001", "0007770001-31-000002", "0007770002-31-000001",
                      "0007770002-31-000002", "0007770002-31-000003"]
    # a new filing appears after the newest stored day
    later = lantern(4, DAY + dt.timedelta(days=1))
    from tests._edgar_fake import serve_filings

    serve_filings(site, [later])
    second = run(env, "sync", "--db", db, "--until", (DAY + dt.timedelta(days=1)).isoformat(), "--json")
    assert second.returncode == 0, second.stderr
    assert summary(second)["stored"] == 1 and accessions(db) == sorted([*stored, later.accession])
    third = run(env, "sync", "--db", db, "--until", (DAY + dt.timedelta(days=1)).isoformat(), "--json")
    assert third.returncode == 0, third.stderr
    s = summary(third)
    assert s["stored"] == 0 and s["already"] == 1 and s["failed"] == []
    whole_filings(db)


def test_watch_picks_up_a_new_filing(site: FakeEdgar, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'e.db'}"
    feed = "/cgi-bin/browse-edgar?action=getcurrent&type=8-K&output=atom"
    proc = subprocess.Popen([*_eightk(), "watch", "--interval", "0.2", "--max-polls", "400", "--db", db],
                            env=env_for(site, tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline()  # type: ignore[union-attr]
        assert "0007770001-31-000001" in first or "0007770002-31-00000" in first
        new = lantern(9, DAY, ("2.02",))
        from tests._edgar_fake import serve_filings

        serve_filings(site, [new])
        set_atom(site, [new, *[f for f in site_filings() if f.filed == DAY]])
        polls = site.hits(feed)
        line = ""
        for _ in range(10):
            line = proc.stdout.readline()  # type: ignore[union-attr]
            if new.accession in line:
                break
        assert new.accession in line and line.rstrip().endswith("stored")
        assert site.hits(feed) > polls
        proc.send_signal(signal.SIGINT)
        out, errs = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, errs
    assert "Traceback" not in errs and "watch:" in errs
    assert new.accession in accessions(db) and len(accessions(db)) == 4


def test_four_concurrent_fetches_stay_under_the_rate(fake_edgar: FakeEdgar, tmp_path: Path) -> None:  # noqa: F811
    companies = [Synthetic(7770100 + c, f"FICTION {c} CORP", f"F{c}", f"{7770100 + c:010d}-31-{i:06d}",
                           DAY - dt.timedelta(days=i), ("8.01",)) for c in range(4) for i in range(1, 8)]
    build_site(fake_edgar, companies, page_size=10)
    env = env_for(fake_edgar, tmp_path)
    db = f"sqlite:///{tmp_path / 'e.db'}"
    procs = [subprocess.Popen([*_eightk(), "fetch", "--cik", str(7770100 + c), "--db", db], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in range(4)]
    results = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, results
    assert len(accessions(db)) == 28
    times = [line.at for line in fake_edgar.log]
    assert len(times) == 4 * 8
    assert max_in_one_second(times) <= 10


def test_faults_nothing_half_written_lost_or_doubled(site: FakeEdgar, tmp_path: Path) -> None:
    fs = [f for f in site_filings() if f.cik == HFC and f.filed.year >= 2030]
    by = {f.accession: f for f in fs}
    body = {a: synthetic_filing(f) for a, f in by.items()}
    a1, a2, a3, a4, a5 = sorted(by)
    html = b"<!DOCTYPE html><html><body>Your request could not be processed</body></html>"
    site.set("/submissions/CIK0007770001.json", Resp(429, b"slow", {"Retry-After": "1"}),
             Resp(429, b"slow", {"Retry-After": "0"}), *site.routes["/submissions/CIK0007770001.json"])
    site.set(by[a1].path, Resp(503, b"busy"), Resp(body=body[a1]))
    site.set(by[a2].path, Resp(body=body[a2], drop_after=200), Resp(body=body[a2]))
    site.set(by[a3].path, Resp(body=body[a3], delay=2.0), Resp(body=body[a3]))
    site.set(by[a4].path, Resp(body=html, headers={"Content-Type": "text/html"}))   # every time: gives up
    site.set(by[a5].path, Resp(404, b"nope"))
    env = env_for(site, tmp_path)
    db = f"sqlite:///{tmp_path / 'e.db'}"
    r = run(env, "fetch", "--cik", str(HFC), "--since", "2030-01-01", "--db", db, "--json")
    assert r.returncode == 1
    assert accessions(db) == [a1, a2, a3]
    failed = {name for name, _ in summary(r)["failed"]}
    assert failed == {site.url + by[a4].path, site.url + by[a5].path}
    assert by[a4].path in r.stderr and by[a5].path in r.stderr and "HTML page" in r.stderr and "404" in r.stderr
    assert "Traceback" not in r.stderr
    with open_store(db) as s:
        logged = {row[0] for row in s.rows("SELECT path FROM ingest_log WHERE status = 'error'")}
    assert logged == failed
    whole_filings(db)
    # EDGAR recovers: the rerun fetches only what failed
    site.set(by[a4].path, Resp(body=body[a4]))
    site.set(by[a5].path, Resp(body=body[a5]))
    again = run(env, "fetch", "--cik", str(HFC), "--since", "2030-01-01", "--db", db, "--json")
    assert again.returncode == 0, again.stderr
    assert (summary(again)["stored"], summary(again)["already"]) == (2, 3)
    assert accessions(db) == sorted(by)
    whole_filings(db)


def test_truncated_feed_archive_is_retried(fake_edgar: FakeEdgar, tmp_path: Path) -> None:  # noqa: F811
    f = lantern(1, DAY)
    whole = feed_tarball([(f"{f.accession}.nc", feed_member(f))])
    path = "/Archives/edgar/Feed/2031/QTR1/20310106.nc.tar.gz"
    fake_edgar.set(path, Resp(body=whole[: len(whole) // 2]), Resp(body=whole))
    db = f"sqlite:///{tmp_path / 'e.db'}"
    r = run(env_for(fake_edgar, tmp_path), "fetch", "--date", DAY.isoformat(), "--via", "feed", "--db", db)
    assert r.returncode == 0, r.stderr
    assert fake_edgar.hits(path) == 2 and accessions(db) == [f.accession]
    # the temporary download is gone
    assert not [p for p in (tmp_path / "cache").rglob("*") if "feed" in p.name]


def test_no_user_agent_is_a_clear_refusal(site: FakeEdgar, tmp_path: Path) -> None:
    env = env_for(site, tmp_path)
    del env["EIGHTK_USER_AGENT"]
    r = run(env, "fetch", "--ticker", "HFC", "--db", f"sqlite:///{tmp_path / 'e.db'}")
    assert r.returncode == 2
    assert "User-Agent" in r.stderr and "fair-access" in r.stderr
    assert "--user-agent" in r.stderr and "EIGHTK_USER_AGENT" in r.stderr and "config.toml" in r.stderr
    assert "Traceback" not in r.stderr
    assert site.log == []  # not one request
    no_mail = run(env, "sync", "--user-agent", "Jane Doe", "--since", "2031-01-01")
    assert no_mail.returncode == 2 and "e-mail" in no_mail.stderr
    # from the config file it is accepted
    Path(env["EIGHTK_CONFIG"]).write_text(f'[edgar]\nuser_agent = "{UA}"\n')
    ok = run(env, "fetch", "--cik", str(LFI), "--db", f"sqlite:///{tmp_path / 'e.db'}")
    assert ok.returncode == 0, ok.stderr
    assert site.log[0].headers["User-Agent"] == UA


def test_rate_above_ten_and_bad_config_are_refused(site: FakeEdgar, tmp_path: Path) -> None:
    env = env_for(site, tmp_path)
    r = run(env, "fetch", "--cik", str(LFI), "--rate", "20")
    assert r.returncode == 2 and "at most 10" in r.stderr and "Traceback" not in r.stderr
    Path(env["EIGHTK_CONFIG"]).write_text("[edgar]\nspeed = 3\n")
    bad = run(env, "fetch", "--cik", str(LFI))
    assert bad.returncode == 2 and "unknown key" in bad.stderr and "speed" in bad.stderr
    assert site.log == []


def test_offline_answers_from_the_cache(site: FakeEdgar, tmp_path: Path) -> None:
    env = env_for(site, tmp_path)
    first = run(env, "fetch", "--cik", str(LFI), "--db", f"sqlite:///{tmp_path / 'a.db'}")
    assert first.returncode == 0, first.stderr
    n = len(site.log)
    second = run(env, "fetch", "--cik", str(LFI), "--offline", "--db", f"sqlite:///{tmp_path / 'b.db'}")
    assert second.returncode == 0, second.stderr
    assert len(site.log) == n and len(accessions(f"sqlite:///{tmp_path / 'b.db'}")) == 3
    missing = run(env, "fetch", "--cik", str(HFC), "--offline", "--db", f"sqlite:///{tmp_path / 'c.db'}")
    assert missing.returncode == 1 and "not in the cache" in missing.stderr and len(site.log) == n


def test_ctrl_c_mid_fetch_keeps_what_was_committed(fake_edgar: FakeEdgar, tmp_path: Path) -> None:  # noqa: F811
    fs = [lantern(i, DAY - dt.timedelta(days=i)) for i in range(1, 61)]
    build_site(fake_edgar, fs, page_size=100)
    env = env_for(fake_edgar, tmp_path)
    db = f"sqlite:///{tmp_path / 'e.db'}"
    proc = subprocess.Popen([*_eightk(), "fetch", "--cik", str(LFI), "--db", db, "--json"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while len(fake_edgar.log) < 35 and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    out, errs = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "interrupted" in errs and "Traceback" not in errs
    kept = accessions(db)
    assert 0 < len(kept) < 60
    whole_filings(db)
    rerun = run(env, "fetch", "--cik", str(LFI), "--db", db, "--json")
    assert rerun.returncode == 0, rerun.stderr
    assert summary(rerun)["already"] == len(kept) and len(accessions(db)) == 60
    whole_filings(db)


def test_corpus_filings_fetched_by_day(fake_edgar: FakeEdgar, tmp_path: Path, shared_dir: Path) -> None:  # noqa: F811
    from tests._edgar_fake import corpus_filings, form_index

    filings = corpus_filings(shared_dir / "corpus", DAY, 12)
    assert filings, "no corpus 8-K full submission with an EDGAR header"
    for ref, data in filings:
        fake_edgar.set(ref.path, Resp(body=data))
    fake_edgar.set(f"/Archives/edgar/daily-index/2031/QTR1/form.{DAY:%Y%m%d}.idx",
                   Resp(body=form_index([r for r, _ in filings], daily=True)))
    db = f"sqlite:///{tmp_path / 'e.db'}"
    r = run(env_for(fake_edgar, tmp_path), "fetch", "--date", DAY.isoformat(), "--db", db, "--json")
    assert r.returncode == 0, r.stderr
    assert accessions(db) == sorted(ref.accession for ref, _ in filings)
    with open_store(db) as s:
        for ref, data in filings:
            assert s.raw(ref.accession) == data
    whole_filings(db)


def test_sync_retries_what_an_earlier_run_gave_up_on(site: FakeEdgar, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'e.db'}"
    env = env_for(site, tmp_path)
    older = harbor(2, DAY - dt.timedelta(days=7), ("5.02",))      # 2030-12-30
    site.set(older.path, Resp(503, b"busy"))
    gone = lantern(3, DAY - dt.timedelta(days=3))                  # 2031-01-03
    site.set(gone.path, Resp(404, b"gone"))
    first = run(env, "sync", "--db", db, "--since", "2030-12-29", "--until", DAY.isoformat(), "--json")
    assert first.returncode == 1
    assert {n for n, _ in summary(first)["failed"]} == {site.url + older.path, site.url + gone.path}
    assert older.accession not in accessions(db) and "0007770002-31-000001" in accessions(db)
    site.set(older.path, Resp(body=synthetic_filing(older)))
    second = run(env, "sync", "--db", db, "--until", DAY.isoformat(), "--json")
    assert second.returncode == 0, second.stderr
    assert "retrying 1 filing" in second.stderr          # the 503 one; a 404 is not retried
    assert older.accession in accessions(db) and gone.accession not in accessions(db)
    whole_filings(db)


def test_fetch_a_whole_quarter_by_its_full_index(site: FakeEdgar, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'e.db'}"
    r = run(env_for(site, tmp_path), "fetch", "--date", "2001-01-01", "--until", "2001-03-31", "--db", db,
            "--items", "2.02", "--json")
    assert r.returncode == 0, r.stderr
    # the legacy filing (item 12 = 2.02, known only by parsing it) from one request for the quarter
    assert accessions(db) == ["0007770001-01-000007"]
    assert site.paths()[0] == "/Archives/edgar/full-index/2001/QTR1/form.idx" and summary(r)["requests"] == 2
    assert not any("daily-index" in p for p in site.paths())
