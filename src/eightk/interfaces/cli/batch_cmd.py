"""``eightk batch`` (parse on a Dask cluster into a Parquet dataset) and ``eightk dataset info``."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

from eightk.interfaces.cli.app import _LazyConsole, app, err, fail, warn_file

dataset_app = typer.Typer(help="Parquet datasets written by `eightk batch`.", no_args_is_help=True)
app.add_typer(dataset_app, name="dataset")
out = _LazyConsole(soft_wrap=False)

#: The one line a user gets when asking for a batch without the extra.
MISSING_DASK = "eightk batch needs Dask distributed and pyarrow, which are not installed: pip install 'eightk[batch]'"


def _require_batch() -> None:
    try:
        import distributed  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        fail(MISSING_DASK)


@app.command("batch")
def batch_command(
    inputs: Annotated[list[str], typer.Argument(
        metavar="PATH|URL", help="Filings: files, folders, archives, EDGAR daily feed tarballs, or http(s) URLs of them.")],
    dataset: Annotated[str, typer.Option("--out", "-o", metavar="DATASET", help="The dataset folder (created; a rerun skips finished chunks).")],
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", metavar="tcp://HOST:8786", help="A running Dask scheduler, e.g. tcp://host:8786 (workers must see the input paths).")] = None,
    local: Annotated[int | None, typer.Option(
        "--local", min=1, max=512, metavar="N", help="Without --scheduler: worker processes of a local cluster (default: one per CPU).")] = None,
    db: Annotated[str | None, typer.Option(
        "--db", metavar="URL", help="Afterwards, load the dataset into this database (sqlite:///… or postgresql://…).")] = None,
    chunk_files: Annotated[int, typer.Option("--chunk-files", min=1, max=100000,
                                             help="Plain files per task (an archive is always one task).")] = 200,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON on stdout.")] = False,
) -> None:
    """Parse filings on a Dask cluster into a Parquet dataset partitioned by year (filings, items,
    exhibits, facts, events, errors); optionally load it into the store.

    Inputs that fail or are not 8-Ks are rows of DATASET/errors/ (the exit status stays 0); a chunk
    that fails (exit status 1) runs again when the same command is run again.
    """
    import os

    from eightk.batch.plan import is_url

    missing = [p for p in inputs if not is_url(p) and not os.path.exists(p)]
    if missing:
        fail("no such file or folder: " + ", ".join(missing) + " (nothing was parsed)")
    if os.path.exists(dataset) and not os.path.isdir(dataset):
        fail(f"--out {dataset}: a file, not a folder")
    try:
        os.makedirs(dataset, exist_ok=True)
    except OSError as e:
        fail(f"--out {dataset}: cannot create the folder: {e.strerror or e}")
    _require_batch()
    import signal

    def terminate(_signum, _frame):
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGTERM, terminate)  # SIGTERM stops like Ctrl-C: the cluster is closed
    try:
        summary, loaded = _run(inputs, dataset, scheduler, local, db, chunk_files)
    finally:
        signal.signal(signal.SIGTERM, old)
    _report(summary, dataset, loaded, as_json)


def _run(inputs: list[str], dataset: str, scheduler: str | None, local: int | None, db: str | None,
         chunk_files: int) -> tuple[Any, dict | None]:
    """The batch, then (``db``) the load, on the same cluster."""
    import logging
    import os

    from eightk.batch.run import connect, run_batch
    from eightk.errors import EightKError

    bar = _Bar()
    try:
        with connect(scheduler, local or os.cpu_count() or 1, worker_logs=logging.CRITICAL) as client:
            summary = run_batch(client, inputs, dataset, store=db is not None, files_per_chunk=chunk_files,
                                progress=bar.update, on_start=bar.start)
            bar.stop()
            return summary, (_load(dataset, db, client) if db else None)
    except EightKError as e:
        fail(str(e))
    except (OSError, TimeoutError) as e:
        fail(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {e}")
    except KeyboardInterrupt:
        err.print("interrupted: finished chunks are kept; run the same command again to go on")
        raise typer.Exit(130) from None
    finally:
        bar.stop()


class _Bar:
    """A Rich progress bar over the chunks, with filings/s and errors (on a terminal)."""

    def __init__(self) -> None:
        self.progress: Any = None
        self.task: Any = None

    def start(self, s: Any) -> None:
        if s.dashboard:
            err.print(f"Dask dashboard: {s.dashboard}", soft_wrap=True)
        err.print(f"{s.chunks} chunks, {s.skipped} finished before (skipped)"
                  + (f"; removed {s.removed} files of unfinished chunks" if s.removed else ""))
        if not sys.stderr.isatty() or s.chunks == s.skipped:
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            TextColumn("chunks"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[filings]} filings"),
            TextColumn("{task.fields[rate]:.1f} filings/s"), TextColumn("[red]{task.fields[errors]} errors[/]"),
            TimeElapsedColumn(), console=err.real, transient=True,
        )
        self.progress.start()
        self.task = self.progress.add_task("batch", total=s.chunks - s.skipped, filings=0, rate=0.0, errors=0)
        self._t0 = __import__("time").perf_counter()

    def update(self, s: Any) -> None:
        if self.progress is not None:
            elapsed = __import__("time").perf_counter() - self._t0
            self.progress.update(self.task, completed=s.done + len(s.failed), filings=s.filings,
                                 rate=s.filings / elapsed if elapsed > 0 else 0.0, errors=s.errors)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


def _load(dataset: str, db: str, client: Any = None) -> dict:
    import time

    from eightk.batch.load import load
    from eightk.errors import EightKError

    state = {"n": 0, "shown": time.monotonic()}

    def loaded(year: int, n: int) -> None:  # a line at most every 10 s: a load has thousands of files
        state["n"] += n
        if time.monotonic() - state["shown"] >= 10:
            state["shown"] = time.monotonic()
            err.print(f"loading into the store: {state['n']} filings so far (now {year or 'no date'})")

    try:
        return load(dataset, db, client=client, on_partition=loaded)
    except EightKError as e:
        fail(str(e))


def _report(s: Any, dataset: str, loaded: dict | None, as_json: bool) -> None:
    mb = s.bytes / 1e6
    err.print(f"{s.filings} filings written to {dataset}, {s.duplicates} duplicates (same bytes) kept once, "
              f"{s.not_8k} not 8-Ks, {s.errors} errors (listed in {dataset}/errors/); {s.done} chunks in {s.seconds:.1f} s, "
              f"{s.rate:.1f} filings/s, {mb / s.seconds if s.seconds else 0:.2f} MB/s", soft_wrap=True)
    if loaded is not None:
        err.print("store: " + ", ".join(f"{v} {k}" for k, v in sorted(loaded.items())), soft_wrap=True)
    if as_json:
        d = {k: v for k, v in vars(s).items()}
        d["filings_per_s"] = round(s.rate, 2)
        d["loaded"] = loaded
        sys.stdout.write(json.dumps(d, default=str) + "\n")
    for where, reason in s.failed:
        warn_file(where, f"chunk failed ({reason}); run the same command again to retry it")
    if s.failed:
        raise typer.Exit(1)


@dataset_app.command("load")
def load_command(
    dataset: Annotated[str, typer.Argument(help="A dataset folder written by `eightk batch --db`.")],
    db: Annotated[str | None, typer.Option(
        "--db", help="Database URL: sqlite:///path.db (default ./eightk.db, or $EIGHTK_DB) or postgresql://…")] = None,
) -> None:
    """Load a dataset into the store (what `eightk batch --db` does after the run; idempotent)."""
    import os

    from eightk.batch.manifest import finished
    from eightk.store import default_url

    chunks = finished(dataset)
    if not chunks:
        fail(f"{dataset}: not a dataset written by `eightk batch` (no finished chunk in _manifest/)")
    if not all(c.store for c in chunks.values()):
        fail(f"{dataset}: written without --db (the store needs the models in _store/): "
             f"run `eightk batch … --out {os.fspath(dataset)} --db URL` (it rewrites those chunks)")
    loaded = _load(dataset, db or default_url())
    err.print("store: " + ", ".join(f"{v} {k}" for k, v in sorted(loaded.items())), soft_wrap=True)


@dataset_app.command("info")
def info_command(
    dataset: Annotated[str, typer.Argument(help="A dataset folder written by `eightk batch`.")],
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of tables.")] = False,
) -> None:
    """Counts by year, item and event type; errors and finished chunks."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        fail(MISSING_DASK)
    from eightk.batch.info import dataset_info
    from eightk.errors import EightKError

    try:
        info = dataset_info(dataset)
    except EightKError as e:
        fail(str(e))
    if as_json:
        sys.stdout.write(json.dumps(info.as_dict(), indent=2) + "\n")
        return
    from rich.table import Table

    out.print(f"{info.filings} filings ({info.chunks} chunks), {info.errors} errors, {info.not_8k} not 8-Ks, "
              f"{info.duplicates} duplicates kept once; rows: "
              + ", ".join(f"{k} {v}" for k, v in info.rows.items()), soft_wrap=True)
    for title, rows, cols in (("by year", info.by_year, ("year", "filings")),
                              ("by item", info.by_item, ("item", "filings")),
                              ("by event type", info.by_event, ("event", "count"))):
        if rows:
            t = Table(*cols, title=title, title_justify="left")
            for k, v in rows.items():
                t.add_row("no date" if k == 0 and title == "by year" else str(k), str(v))
            out.print(t)
