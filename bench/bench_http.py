"""HTTP load: p50/p95 latency and requests/s of ``eightk serve`` for search, the API's filing and
(when the web UI is present) the filing page, at 1, 16 and 64 concurrent clients, on SQLite and
PostgreSQL with the corpus ingested. Goal: search p95 under 100 ms at 16 clients on SQLite.

Run: ``.venv/bin/python bench/bench_http.py`` or ``python bench/run.py http``. The server is the
real one (uvicorn with ``create_app``'s threads) in processes of their own on 127.0.0.1 at an
ephemeral port; the clients are httpx async clients
in this process, each sending its next request when the last is answered, for a fixed time per
case. Environment: ``EIGHTK_BENCH_PG`` (default postgresql://postgres@127.0.0.1:5432/test;
``none`` to skip PostgreSQL; a fresh ``?schema=`` is used and dropped after),
``EIGHTK_BENCH_HTTP_SECONDS`` (per case, default 4), ``EIGHTK_BENCH_HTTP_LEVELS`` (default
``1,16,64``), ``EIGHTK_BENCH_HTTP_WORKERS`` (server processes, default 1), ``EIGHTK_BENCH_HTTP_CASES`` (the cases
to run, e.g. ``search``; default all), ``EIGHTK_BENCH_HTTP_CLIENT`` (``raw``: :class:`RawClient`
instead of httpx), ``EIGHTK_BENCH_WORKERS`` (ingest parser processes, default 2). The machine is
shared and the clients run on the same cores as the server, so the figures are a floor.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import CORPUS, backends, check, no_corpus  # noqa: E402

from eightk.store import open_store  # noqa: E402

#: Search requests the clients cycle through: words, phrases, prefixes, boolean, filters.
SEARCHES = [
    "q=dividend", "q=merger", "q=%22definitive+agreement%22", "q=acqui*", "q=resign*+AND+director",
    "q=earnings+OR+revenue", "q=bankruptcy+NOT+emerged", "q=%28loan+OR+credit%29+AND+facility",
    "q=settlement&since=2005", "q=revenue&item=2.02", "q=agreement&item=1.01", "item=8.01",
    "since=2019-01-01&until=2023-12-31", "q=million&fact=money&min=1000000", "q=warrant*", "q=notes+due",
]
GOAL_P95_MS = 100.0


def ingest(url: str) -> list[str]:
    """The corpus (and the seeds) stored at ``url``; the accession numbers of its filings."""
    paths = [str(CORPUS)] + ([str(CORPUS.parent / "seeds")] if (CORPUS.parent / "seeds").is_dir() else [])
    with open_store(url) as store:
        t0 = time.perf_counter()
        s = store.ingest(paths, workers=int(os.environ.get("EIGHTK_BENCH_WORKERS", "2")))
        store.analyze()
        print(f"  ingested {s.stored} filings in {time.perf_counter() - t0:.0f} s (untimed for the figures)")
        return [r[0] for r in store.rows("SELECT accession_number FROM filings WHERE accession_number IS NOT NULL"
                                         " AND superseded_by IS NULL ORDER BY id")]


class Server:
    """``eightk serve``'s app (uvicorn, ``workers`` processes) on 127.0.0.1 at an ephemeral port.

    The port is one the system handed out for port 0, released just before uvicorn binds it
    (uvicorn's ``--fd`` would take the socket itself, but treats it as a Unix socket and then
    leaves Nagle's algorithm on: every answer waits ~40 ms for a delayed ACK)."""

    def __init__(self, url: str, workers: int = 1) -> None:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "EIGHTK_SERVE_DB": url, "PYTHONPATH": str(ROOT / "src")}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
             "--timeout-keep-alive", "60", "--factory", "--log-level", "warning", "--no-access-log",
             "eightk.interfaces.http:app_from_env"],
            env=env)

    def wait(self) -> None:
        import httpx

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited with status {self.proc.returncode}")
            try:
                if httpx.get(self.base + "/api/stats", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError("the server did not answer within 60 s")

    def cpu_seconds(self) -> float:
        """CPU time the server's processes (uvicorn and its workers) have used so far."""
        pids = [self.proc.pid]
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.proc.pid:
                pids.append(int(stat.parent.name))
        ticks = 0
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class RawClient:
    """A lean HTTP/1.1 keep-alive client on asyncio streams (GET, answers with Content-Length),
    for ``EIGHTK_BENCH_HTTP_CLIENT=raw``: it costs the shared cores a fraction of what httpx
    does, so the latencies say more about the server."""

    def __init__(self, base: str) -> None:
        host, port = base.removeprefix("http://").split(":")
        self.host, self.port = host, int(port)
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str) -> int:
        """The status of ``GET path`` (the body read and dropped)."""
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                       if line.lower().startswith(b"content-length:")), None)
        if length is None:
            raise RuntimeError(f"no Content-Length in the answer to {path}")
        await reader.readexactly(length)
        return status

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()


async def load_raw(base: str, paths: Callable[[], str], clients: int, seconds: float) -> tuple[list[float], int]:
    """:func:`load` with :class:`RawClient` clients, one connection each."""
    latencies: list[float] = []
    bad = 0
    end = time.perf_counter() + seconds

    async def one() -> None:
        nonlocal bad
        client = RawClient(base)
        try:
            while time.perf_counter() < end:
                t0 = time.perf_counter()
                try:
                    status = await client.get(paths())
                except (OSError, asyncio.IncompleteReadError):
                    bad += 1
                    client.close()
                    client = RawClient(base)
                    continue
                latencies.append(time.perf_counter() - t0)
                bad += status != 200
        finally:
            client.close()

    await asyncio.gather(*(one() for _ in range(clients)))
    return latencies, bad


async def load(base: str, paths: Callable[[], str], clients: int, seconds: float) -> tuple[list[float], int]:
    """``clients`` clients asking for ``paths()`` one after another for ``seconds``: the
    latencies (s) of the answers, and how many failed (a dropped connection) or were not 200."""
    if os.environ.get("EIGHTK_BENCH_HTTP_CLIENT") == "raw":
        return await load_raw(base, paths, clients, seconds)
    import httpx

    latencies: list[float] = []
    bad = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        end = time.perf_counter() + seconds

        async def one() -> None:
            nonlocal bad
            while time.perf_counter() < end:
                t0 = time.perf_counter()
                try:
                    r = await client.get(paths())
                except httpx.TransportError:  # counted, not timed (the server dropped the connection)
                    bad += 1
                    continue
                latencies.append(time.perf_counter() - t0)
                bad += r.status_code != 200

        await asyncio.gather(*(one() for _ in range(clients)))
    return latencies, bad


def measure(server: Server, name: str, paths: Callable[[], str], clients: int, seconds: float) -> float:
    """One case printed; returns its p95 in ms. Beside the latencies, the server's CPU time per
    request: the figure the machine's other load disturbs least; and the clients' (this process,
    which shares the two cores with the server: when it is the larger, the latencies say more
    about the clients and the machine than about the server)."""
    asyncio.run(load(server.base, paths, min(clients, 4), 0.5))  # warm the server's threads and caches
    cpu0, mine0, t0 = server.cpu_seconds(), time.process_time(), time.perf_counter()
    lat, bad = asyncio.run(load(server.base, paths, clients, seconds))
    took, cpu, mine = time.perf_counter() - t0, server.cpu_seconds() - cpu0, time.process_time() - mine0
    lat.sort()
    p50 = statistics.median(lat) * 1000
    p95 = lat[min(len(lat) - 1, int(len(lat) * 0.95))] * 1000
    print(f"  {name:<12} {clients:>3} clients: p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  {len(lat) / took:6.1f} req/s"
          f"  server CPU {cpu / max(len(lat), 1) * 1000:5.1f} ms/req, clients {mine / max(len(lat), 1) * 1000:4.1f}"
          f"  ({len(lat)} requests"
          f"{f', {bad} failed or not 200' if bad else ''})")
    return p95


def cases(base: str, accessions: list[str]) -> list[tuple[str, Callable[[], str]]]:
    import httpx

    searches = itertools.cycle(SEARCHES)
    filings = itertools.cycle(accessions)
    out: list[tuple[str, Callable[[], str]]] = [
        ("search", lambda: "/api/search?" + next(searches)),
        ("API filing", lambda: "/api/filings/" + quote(next(filings))),
    ]
    if httpx.get(f"{base}/filings/{quote(accessions[0])}", timeout=30).status_code == 200:
        out.append(("filing page", lambda: "/filings/" + quote(next(filings))))
    else:
        print("  (no web UI in this build: the filing page is not measured)")
    return out


def run() -> list[str]:
    if no_corpus():
        return []
    seconds = float(os.environ.get("EIGHTK_BENCH_HTTP_SECONDS", "4"))
    levels = [int(x) for x in os.environ.get("EIGHTK_BENCH_HTTP_LEVELS", "1,16,64").split(",")]
    missed: list[str] = []
    for backend, pg in backends():
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/bench.db" if backend == "sqlite" else f"{pg}?schema=bench_{uuid.uuid4().hex[:12]}"
            print(f"{backend}: (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
            try:
                accessions = ingest(url)
                server = Server(url, int(os.environ.get("EIGHTK_BENCH_HTTP_WORKERS", "1")))
                try:
                    server.wait()
                    wanted = [c for c in os.environ.get("EIGHTK_BENCH_HTTP_CASES", "").split(",") if c]
                    for name, paths in cases(server.base, accessions):
                        if wanted and name not in wanted:
                            continue
                        for clients in levels:
                            p95 = measure(server, name, paths, clients, seconds)
                            if backend == "sqlite" and name == "search" and clients == 16:
                                missed += check("search p95 at 16 clients (SQLite)", p95, GOAL_P95_MS, " ms")
                finally:
                    server.stop()
            finally:
                if backend == "postgres":
                    with open_store(url) as s:
                        s.drop_schema()
    return missed


if __name__ == "__main__":
    raise SystemExit(1 if run() else 0)
