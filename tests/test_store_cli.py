"""The store through the CLI, in real processes: kill -9 then --resume, two concurrent ingests,
search output formats and errors, show/timeline/export/stats, and the whole corpus."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eightk.interfaces.cli import app
from eightk.store import open_store
from tests.test_store_backends import drop, new_url, submission

ROOT = Path(__file__).resolve().parents[1]


def _eightk() -> list[str]:
    exe = Path(sys.executable).with_name("eightk")
    if exe.exists():
        return [str(exe)]
    return [sys.executable, "-c", "from eightk.interfaces.cli import main; main()"]


@pytest.fixture(params=["sqlite", "postgres"])
def url(request, tmp_path):
    u = new_url(request.param, tmp_path)
    yield u
    drop(u)


def write_files(folder: Path, numbers) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for n in numbers:
        p = folder / f"f{n:05d}.txt"
        p.write_text(submission(n), encoding="utf-8")
        out.append(p)
    return out


def stored_accessions(u: str) -> list[str]:
    s = open_store(u)
    try:
        return [r[0] for r in s.rows("SELECT accession_number FROM filings")]
    finally:
        s.close()


def assert_whole_filings(u: str) -> None:
    """Every stored filing has all its rows: a crash never leaves half a filing."""
    s = open_store(u)
    try:
        bad = s.rows(
            "SELECT f.id FROM filings f WHERE f.n_items <> (SELECT count(*) FROM items i WHERE i.filing_id = f.id)"
            " OR f.n_passages <> (SELECT count(*) FROM passages p WHERE p.filing_id = f.id)"
            " OR NOT EXISTS (SELECT 1 FROM raw_submissions r WHERE r.filing_id = f.id)"
        )
        assert bad == []
    finally:
        s.close()


def test_kill_9_mid_ingest_then_resume(url, tmp_path):
    n = 250
    write_files(tmp_path / "in", range(n))
    cmd = [*_eightk(), "ingest", str(tmp_path / "in"), "--db", url, "--batch", "7"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    s = None
    killed_at = None
    try:
        deadline = time.time() + 60
        while time.time() < deadline and proc.poll() is None:
            try:
                if s is None:
                    s = open_store(url, migrate=False)
                c = s.count("filings")
            except Exception:  # the schema may not exist yet
                if s is not None:
                    s.close()
                s = None
                c = 0
            if c >= 20:
                proc.send_signal(signal.SIGKILL)
                killed_at = c
                break
            time.sleep(0.01)
        proc.wait(timeout=30)
    finally:
        if s is not None:
            s.close()
        if proc.poll() is None:
            proc.kill()
    assert killed_at is not None, "ingest finished before it could be killed: " + proc.stderr.read().decode()[-500:]
    partial = stored_accessions(url)
    assert 20 <= len(partial) < n
    assert len(partial) == len(set(partial))
    assert_whole_filings(url)
    r = subprocess.run([*cmd, "--resume", "--json"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout)
    assert summary["skipped"] >= len(partial) and summary["errors"] == 0
    final = stored_accessions(url)
    assert len(final) == n and len(set(final)) == n
    assert_whole_filings(url)


def test_ctrl_c_mid_ingest_stops_cleanly_then_resume(tmp_path):
    url = f"sqlite:///{tmp_path / 'int.db'}"
    n = 300
    write_files(tmp_path / "in", range(n))
    cmd = [*_eightk(), "ingest", str(tmp_path / "in"), "--db", url, "--batch", "5", "--workers", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 60
        while time.time() < deadline and proc.poll() is None:
            try:
                s = open_store(url, migrate=False)
                try:
                    c = s.count("filings")
                finally:
                    s.close()
            except Exception:
                c = 0
            if c >= 20:
                proc.send_signal(signal.SIGINT)
                break
            time.sleep(0.01)
        _out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err[-1000:]
    assert "interrupted" in err and "Traceback" not in err
    partial = stored_accessions(url)
    assert 20 <= len(partial) < n
    assert_whole_filings(url)
    r = subprocess.run([*cmd, "--resume"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    final = stored_accessions(url)
    assert len(final) == n and len(set(final)) == n


def test_two_concurrent_ingests_of_overlapping_sets(url, tmp_path):
    write_files(tmp_path / "a", range(0, 120))
    write_files(tmp_path / "b", range(60, 180))  # 60 files in common, by content
    base = [*_eightk(), "ingest", "--db", url, "--batch", "10", "--json"]
    # create the schema first, so both processes race on data, not on migrations
    open_store(url).close()
    procs = [subprocess.Popen([*base, str(tmp_path / d)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for d in ("a", "b")]
    outs = [p.communicate(timeout=180) for p in procs]
    for p, (_o, e) in zip(procs, outs, strict=True):
        assert p.returncode == 0, e
    sums = [json.loads(o) for o, _ in outs]
    assert sum(x["stored"] for x in sums) == 180
    assert sum(x["duplicates"] for x in sums) == 60
    assert all(x["errors"] == 0 for x in sums)
    acc = stored_accessions(url)
    assert len(acc) == 180 and len(set(acc)) == 180
    assert_whole_filings(url)


def test_concurrent_first_open_migrates_once(url):
    code = "import sys; from eightk.store import open_store; open_store(sys.argv[1]).close()"
    procs = [subprocess.Popen([sys.executable, "-c", code, url], stderr=subprocess.PIPE, text=True) for _ in range(3)]
    for p in procs:
        _o, e = p.communicate(timeout=60)
        assert p.returncode == 0, e
    s = open_store(url)
    try:
        assert s.rows("SELECT version FROM schema_migrations ORDER BY version") == [(m[0],) for m in s.migrations()]
    finally:
        s.close()


runner = CliRunner()


def cli(*args: str):
    return runner.invoke(app, list(args))


def test_cli_commands_end_to_end(url, tmp_path):
    write_files(tmp_path / "in", range(3))
    (tmp_path / "in" / "junk.txt").write_bytes(b"")
    r = cli("ingest", str(tmp_path / "in"), "--db", url, "--json")
    assert r.exit_code == 1, r.output  # the empty file failed: listed, and the exit status says so
    assert "junk.txt: the file is empty" in r.output
    assert json.loads(r.stdout.splitlines()[0])["stored"] == 3
    r = cli("search", "warehouse", "--db", url, "--format", "json", "--item", "8.01")
    doc = json.loads(r.stdout)
    assert doc["query"] == "warehouse" and doc["total"] == 3
    assert set(doc["results"][0]) == {"id", "handle", "accession_number", "path", "company", "cik", "date_of_report",
                                      "items", "snippet", "score"}
    assert doc["results"][0]["company"] == "HARBOR FICTION CORP" and doc["results"][0]["cik"] == "0000777001"
    r = cli("search", '"warehouse number 2"', "--db", url, "--format", "csv")
    assert r.exit_code == 0 and len(r.stdout.strip().splitlines()) == 2
    r = cli("search", "warehouse", "--db", url)
    assert r.exit_code == 0 and "3 filing(s) match 'warehouse'" in r.stdout and "HARBOR" in r.stdout
    for bad in ('"warehouse', "NOT warehouse", "(a OR"):
        r = cli("search", bad, "--db", url)
        assert r.exit_code == 1 and "search query" in r.output and "Traceback" not in r.output
    r = cli("search", "'; DROP TABLE filings; --", "--db", url, "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["total"] == 0
    r = cli("search", "x", "--since", "soon", "--db", url)
    assert r.exit_code == 1 and "expected a date" in r.output
    acc = "0000777001-03-000001"
    r = cli("show", acc, "--db", url)
    assert r.exit_code == 0 and acc in r.stdout and "HARBOR FICTION CORP" in r.stdout
    r = cli("show", acc, "--json", "--db", url)
    assert json.loads(r.stdout)["accession_number"] == acc
    r = cli("show", "0000000000-00-000000", "--db", url)
    assert r.exit_code == 1 and "no filing" in r.output
    r = cli("timeline", "harbor fiction", "--db", url, "--json")
    assert r.exit_code == 0 and len(json.loads(r.stdout)["filings"]) == 3
    r = cli("timeline", "777001", "--db", url)
    assert r.exit_code == 0 and "HARBOR FICTION CORP" in r.stdout
    r = cli("timeline", "nobody at all", "--db", url)
    assert r.exit_code == 1 and "no company" in r.output
    r = cli("export", "--out", str(tmp_path / "x"), "--format", "jsonl", "--db", url)
    assert r.exit_code == 0 and len((tmp_path / "x" / "filings.jsonl").read_text().splitlines()) == 3
    r = cli("stats", "--db", url, "--json")
    st = json.loads(r.stdout)
    assert st["filings"] == 3 and dict(st["ingest"]) == {"error": 1, "stored": 3}


def test_cli_bad_database_urls_are_clear(tmp_path):
    for u, words in (
        ("mysql://x/y", "unsupported database URL"),
        (f"sqlite:///{tmp_path}/missing/dir/x.db", "does not exist"),
        ("postgresql://nobody@127.0.0.1:1/none", "cannot connect"),
    ):
        r = cli("stats", "--db", u)
        assert r.exit_code == 1 and words in r.output, r.output
        assert "Traceback" not in r.output


@pytest.mark.corpus
@pytest.mark.slow
def test_whole_corpus_and_seeds_ingest_without_crash(shared_dir, tmp_path):
    db = f"sqlite:///{tmp_path / 'corpus.db'}"
    r = subprocess.run(
        [*_eightk(), "ingest", str(shared_dir / "corpus"), str(shared_dir / "seeds"), "--db", db, "--workers", "2",
         "--no-raw", "--json"],
        capture_output=True, text=True, timeout=300,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    assert "Traceback" not in r.stderr
    summary = json.loads(r.stdout)
    assert summary["seen"] >= 400
    assert summary["stored"] + summary["duplicates"] + summary["not_8k"] + summary["errors"] == summary["seen"]
    s = open_store(db)
    try:
        assert s.count("filings") == summary["stored"] >= 300
        assert s.search("dividend").total > 0
    finally:
        s.close()
