"""``eightk serve`` for real: a server process on 127.0.0.1 at a port the system picks (port 0),
answering the API over TCP, stopped by SIGTERM; a port in use is one clear line."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys

import httpx
import pytest
from typer.testing import CliRunner

from eightk.interfaces.cli import app as cli
from tests._http_fixtures import fill


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('serve') / 'eightk.db'}"
    fill(url)
    return url


def _start(db: str) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "eightk", "serve", "--db", db, "--port", "0"],
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "COLUMNS": "200"})
    assert proc.stderr is not None
    line = proc.stderr.readline()  # the one line it prints once it listens
    m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if m is None:
        proc.kill()
        pytest.fail(f"eightk serve said: {line!r} {proc.stderr.read()!r}")
    return proc, f"http://127.0.0.1:{m.group(1)}"


def test_serve_answers_over_tcp_and_stops_on_sigterm(db):
    proc, base = _start(db)
    try:
        r = httpx.get(base + "/api/search", params={"q": "settled"}, timeout=60)
        assert r.status_code == 200 and r.json()["total"] >= 1
        assert r.headers["content-security-policy"].startswith("default-src 'self'")
        assert httpx.get(base + "/openapi.json", timeout=60).json()["info"]["title"] == "eightk"
    finally:
        proc.send_signal(signal.SIGTERM)
        rest = proc.communicate(timeout=60)[1]
    # uvicorn shuts down, then lets the signal end the process as it would have
    assert proc.returncode in (0, -signal.SIGTERM) and "Traceback" not in rest


def test_a_port_in_use_is_one_line(db):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        r = CliRunner().invoke(cli, ["serve", "--db", db, "--port", str(port)])
    assert r.exit_code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in r.output and "--port" in r.output
    assert "Traceback" not in r.output


def test_workers_need_a_port_of_their_own(db):
    r = CliRunner().invoke(cli, ["serve", "--db", db, "--port", "0", "--workers", "2"])
    assert r.exit_code == 1 and "--workers needs a port" in r.output
