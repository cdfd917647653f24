"""EDGAR benchmark: ``eightk fetch`` against the fake EDGAR of the tests (tests/_edgar_fake.py, an
ASGI app on 127.0.0.1), as a user runs it (a real process, into a fresh SQLite store).

Two runs over the same filings: ``fetch --date D --via index`` (the daily index, then one request
per filing) and ``fetch --date D --via feed`` (one streamed feed archive). The filings are the
corpus's 8-K full submissions when ../shared is present (read in place, served, never copied),
else synthetic ones. Figures: the request rate the server saw (the busiest one-second window,
goal <= 10, and the mean over the run, goal >= 7.5: the limit is held, not undershot), MB/s and
filings/s into the store (printed, no goal: the fake answers instantly, so these say how much
the client and the store can take, not what EDGAR gives).

Run: ``.venv/bin/python bench/bench_edgar.py`` or ``python bench/run.py edgar``. Environment:
``EIGHTK_BENCH_EDGAR_N`` (filings, default 80).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import CORPUS, check  # noqa: E402
from tests._edgar_fake import (  # noqa: E402
    FakeEdgar,
    Resp,
    Synthetic,
    corpus_filings,
    feed_tarball,
    form_index,
    synthetic_filing,
)
from tests.test_edgar_rate import max_in_one_second  # noqa: E402

DAY = dt.date(2031, 1, 6)


def synthetic(n: int) -> list[tuple[Synthetic, bytes]]:
    refs = [Synthetic(7770000 + i % 50, f"FICTION {i % 50} CORP", "X", f"{7770000 + i % 50:010d}-31-{i:06d}", DAY,
                      ("2.02", "9.01"), ) for i in range(n)]
    return [(r, synthetic_filing(r, words="with a long discussion " * 200)) for r in refs]


def serve(fake: FakeEdgar, filings: list[tuple[Synthetic, bytes]]) -> None:
    for ref, data in filings:
        fake.set(ref.path, Resp(body=data))
    fake.set(f"/Archives/edgar/daily-index/2031/QTR1/form.{DAY:%Y%m%d}.idx",
             Resp(body=form_index([r for r, _ in filings], daily=True)))
    members = [(f"{r.accession}.nc", data) for r, data in filings]
    fake.set(f"/Archives/edgar/Feed/2031/QTR1/{DAY:%Y%m%d}.nc.tar.gz", Resp(body=feed_tarball(members)))


def fetch(fake: FakeEdgar, tmp: Path, via: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EIGHTK_")}
    env.update(EIGHTK_EDGAR_URL=fake.url, EIGHTK_EDGAR_DATA_URL=fake.url, EIGHTK_CACHE_DIR=str(tmp / f"cache-{via}"),
               EIGHTK_USER_AGENT="Bench Runner bench@example.com", EIGHTK_CONFIG=str(tmp / "none.toml"))
    (tmp / "none.toml").write_text("[edgar]\n")
    exe = Path(sys.executable).with_name("eightk")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "eightk"]
    r = subprocess.run([*cmd, "fetch", "--date", DAY.isoformat(), "--via", via, "--db", f"sqlite:///{tmp / via}.db",
                        "--json"], env=env, capture_output=True, text=True, timeout=1800)
    if r.returncode != 0:
        raise RuntimeError(f"fetch --via {via} failed ({r.returncode}): {r.stderr[-2000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def run() -> list[str]:
    n = int(os.environ.get("EIGHTK_BENCH_EDGAR_N", "80"))
    filings = corpus_filings(CORPUS, DAY, n) if CORPUS.is_dir() else []
    source = "corpus" if filings else "synthetic"
    if not filings:
        filings = synthetic(n)
    mb = sum(len(d) for _, d in filings) / 1e6
    print(f"  {len(filings)} {source} filings, {mb:.1f} MB, served by the fake EDGAR on 127.0.0.1")
    missed: list[str] = []
    fake = FakeEdgar()
    fake.start()
    try:
        serve(fake, filings)
        with tempfile.TemporaryDirectory(prefix="eightk-bench-edgar-") as tmp:
            for via in ("index", "feed"):
                before = len(fake.log)
                s = fetch(fake, Path(tmp), via)
                times = [line.at for line in fake.log[before:]]
                secs = max(s["seconds"], 1e-6)
                print(f"  --via {via}: {s['stored']} stored, {s['requests']} requests, {s['bytes'] / 1e6:.1f} MB "
                      f"in {secs:.1f} s: {s['bytes'] / 1e6 / secs:.2f} MB/s, {s['stored'] / secs:.1f} filings/s "
                      f"into the store")
                if via == "index":
                    span = max(times) - min(times) if len(times) > 1 else 1.0
                    missed += check("index: busiest one-second window (requests)", max_in_one_second(times), 10)
                    missed += check("index: mean request rate", (len(times) - 1) / span, 7.5, " req/s", at_least=True)
                if s["failed"] or s["stored"] != len(filings):
                    missed.append(f"--via {via}: stored {s['stored']} of {len(filings)}, failed {len(s['failed'])}")
    finally:
        fake.stop()
    return missed


if __name__ == "__main__":
    raise SystemExit(1 if run() else 0)
