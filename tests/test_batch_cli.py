"""`eightk batch` and `eightk dataset info` as a user runs them (one local cluster of 1 worker
per run): a folder and a feed tarball served over HTTP (127.0.0.1, a free port) into a dataset
loaded into SQLite; clear one-line errors (reruns: tests/test_batch.py)."""

from __future__ import annotations

import functools
import http.server
import io
import json
import os
import subprocess
import sys
import tarfile
import threading
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from .conftest import SAMPLES  # noqa: E402
from .test_batch import synthetic  # noqa: E402

EIGHTK = [sys.executable, "-m", "eightk"]


@pytest.fixture
def feed_url(tmp_path):
    """A daily-feed-like .tar.gz of three synthetic filings, served on 127.0.0.1."""
    site = tmp_path / "site"
    site.mkdir()
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for n in (60, 61, 62):
            name, data = synthetic(n)
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    (site / "20240103.nc.tar.gz").write_bytes(buf.getvalue())
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/20240103.nc.tar.gz"
    server.shutdown()


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*EIGHTK, *args], capture_output=True, text=True, timeout=300, cwd=cwd,
                          env={**os.environ, **(env or {})})


def test_batch_folder_and_url_into_dataset_and_store(tmp_path, feed_url):
    env = {"EIGHTK_USER_AGENT": "Test Person test@example.com", "EIGHTK_CACHE_DIR": str(tmp_path / "cache")}
    out, db = tmp_path / "ds", f"sqlite:///{tmp_path / 'x.db'}"
    r = run("batch", str(SAMPLES), feed_url, "--out", str(out), "--local", "1", "--db", db, "--json", env=env)
    assert r.returncode == 0, r.stderr
    s = json.loads(r.stdout)
    assert (s["filings"], s["errors"], s["chunks"], s["loaded"]) == (8, 0, 2, {"stored": 8})
    assert "Dask dashboard: http://127.0.0.1:" in r.stderr
    info = json.loads(run("dataset", "info", str(out), "--json").stdout)
    assert info["filings"] == 8 and info["by_year"]["2000"] == 1 and info["by_year"]["2002"] == 2 and info["by_event"]["legal_settlement"] >= 3
    stats = json.loads(run("stats", "--db", db, "--json").stdout)
    assert stats["filings"] == 8
    db2 = f"sqlite:///{tmp_path / 'y.db'}"  # the same load on its own, into another database
    r = run("dataset", "load", str(out), "--db", db2)
    assert r.returncode == 0 and "store: 8 stored" in r.stderr
    assert json.loads(run("stats", "--db", db2, "--json").stdout)["by_year"] == stats["by_year"]


def test_batch_errors_are_one_line(tmp_path):
    r = run("batch", str(tmp_path / "nope"), "--out", str(tmp_path / "ds"))
    assert r.returncode == 1 and "no such file or folder" in r.stderr and "Traceback" not in r.stderr
    (tmp_path / "f").write_text("x")
    r = run("batch", str(SAMPLES), "--out", str(tmp_path / "f"))
    assert r.returncode == 1 and "a file, not a folder" in r.stderr
    for command in ("info", "load"):
        r = run("dataset", command, str(tmp_path))
        assert r.returncode == 1 and "not a dataset written by `eightk batch`" in r.stderr and "Traceback" not in r.stderr
