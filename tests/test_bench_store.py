"""bench_store times the real ingest path (Store.ingest, and ingest_paths with a rename hook for
the loading test's copies) rather than parse time plus write time; checked on the samples with
SQLite in a temporary folder (no corpus, no PostgreSQL)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _bench_store(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location("bench_store_t", ROOT / "bench" / "bench_store.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_copies_are_ingested_end_to_end_with_new_accessions(tmp_path, monkeypatch):
    mod = _bench_store(monkeypatch)
    paths = [str(ROOT / "samples")]
    n, nbytes, secs = mod.read_inputs(paths)
    assert n == len(list((ROOT / "samples").iterdir())) and nbytes > 0 and secs >= 0
    calls = []
    real_ingest = mod.ingest_paths

    def spy(store, paths, **kw):
        calls.append(kw.get("rename") is not None)
        return real_ingest(store, paths, **kw)

    monkeypatch.setattr(mod, "ingest_paths", spy)
    store = mod.open_store(f"sqlite:///{tmp_path}/b.db")
    try:
        one = mod.ingest_copies(store, paths, range(0, 1), workers=1)
        assert one.stored > 0 and one.seconds > 0 and one.seen == n
        two = mod.ingest_copies(store, paths, range(1, 3), workers=1)
        assert two.stored == 2 * one.stored and two.duplicates == 0
        assert calls == [True, True]  # copy 0 went through Store.ingest itself, not the spy
        assert store.count("filings") == 3 * one.stored
        accs = [r[0] for r in store.rows("SELECT accession_number FROM filings") if r[0]]
        assert len(accs) == len(set(accs)) and any(a.endswith(".2") for a in accs)
    finally:
        store.close()


def test_run_reports_no_missed_goal_without_a_corpus(monkeypatch, tmp_path, capsys):
    mod = _bench_store(monkeypatch)
    monkeypatch.setenv("EIGHTK_BENCH_CORPUS", str(tmp_path / "absent"))
    assert mod.run() == []
    assert "nothing to measure" in capsys.readouterr().out
