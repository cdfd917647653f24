"""``eightk ingest``, ``search``, ``show``, ``timeline``, ``export`` and ``stats``: the database."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from eightk.interfaces.cli.app import _LazyConsole, app, err, fail, show_progress, warn_file

DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="Database URL: sqlite:///path.db (default ./eightk.db, or $EIGHTK_DB) or postgresql://…"),
]
ItemOpt = Annotated[str | None, typer.Option(
    "--item", help="Filings with this item, matched across eras (2.02 also finds legacy 12, 8.01 legacy 5).")]
EventOpt = Annotated[str | None, typer.Option(
    "--event", help="Filings reporting an event of this type, whatever item it was filed under "
                    "(e.g. legal_settlement; `eightk events` lists them).")]
CikOpt = Annotated[str | None, typer.Option("--cik", help="Filings by or about this company CIK.")]
CompanyOpt = Annotated[str | None, typer.Option(
    "--company", help="Filings naming a company whose name (or former name) contains this (any case).")]
FormOpt = Annotated[str | None, typer.Option("--form", help="Form type, e.g. 8-K or 8-K/A.")]
SinceOpt = Annotated[str | None, typer.Option(
    "--since", help="Date of report (else filing date) from this day (YYYY-MM-DD, YYYY-MM or YYYY).")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Date of report (else filing date) up to this day.")]
FactOpt = Annotated[str | None, typer.Option(
    "--fact", help="Filings with a fact of this kind: money, shares, percent, date, period, party, security.")]
MinOpt = Annotated[float | None, typer.Option(
    "--min", help="A fact's value (of --fact's kind) at least this; with --event, the event's own amount "
                  "when it has one (else its filing's money facts).")]
MaxOpt = Annotated[float | None, typer.Option("--max", help="Like --min, at most this.")]
AttrOpt = Annotated[list[str] | None, typer.Option(
    "--attr", help="An event attribute KEY=VALUE (repeatable; with --event, of that type): former_action=resigned, "
                   "changes.action=appointed (a dotted path into lists; a number picks an element: counterparties.0=...), "
                   "or KEY alone (the attribute is set); text ignores case.")]

out = _LazyConsole(soft_wrap=False)


@contextmanager
def _store(db: str | None, *, readonly: bool = False) -> Iterator[Any]:
    """The store for one command: opened from ``--db`` (``readonly``: never created nor changed;
    a database that does not exist is an error), closed at the end, and any store or query error
    turned into one clear line on stderr."""
    from eightk.errors import EightKError
    from eightk.store import QuerySyntaxError, open_store

    try:
        store = open_store(db, readonly=readonly)
    except EightKError as e:
        fail(str(e))
    try:
        yield store
    except QuerySyntaxError as e:
        fail(f"search query: {e}")
    except EightKError as e:
        fail(str(e))
    finally:
        store.close()


def _filters(cik, company, form, item, event, since, until, fact, fmin, fmax, attrs=None):
    from eightk.store import Filters

    return Filters(cik=cik, company=company, form=form, item=item, event=event, since=since, until=until,
                   fact_kind=fact, fact_min=fmin, fact_max=fmax, attrs=tuple(attrs or ()))


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[Path], typer.Argument(help="Filings: files, folders, archives, EDGAR feed tarballs.")],
    db: DbOpt = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, max=64, help="Parser processes.")] = 1,
    resume: Annotated[bool, typer.Option("--resume", help="Skip files already stored (or already failed) without parsing them.")] = False,
    batch: Annotated[int, typer.Option("--batch", min=1, max=10000, help="Filings per transaction.")] = 50,
    raw: Annotated[bool, typer.Option("--raw/--no-raw", help="Keep the original submission (zstd) or only its path.")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON on stdout.")] = False,
    max_seconds: Annotated[float, typer.Option(
        "--max-seconds", min=0, help="With --workers > 1: time budget for one file (0: none); a file over it is logged as failed.",
    )] = 300.0,
    max_memory: Annotated[int, typer.Option(
        "--max-memory", min=0, help="With --workers > 1: MiB of memory for a worker (0: no limit); a file needing more is logged as failed.",
    )] = 4096,
) -> None:
    """Parse filings and store them in the database (idempotent; bad files are logged, not fatal).

    Ctrl-C or SIGTERM stops cleanly: what was committed stays, --resume goes on from there.
    """
    import os
    import signal

    missing = [str(p) for p in paths if not os.path.exists(p)]
    if missing:
        fail("no such file or folder: " + ", ".join(missing) + " (nothing was ingested)")

    def terminate(_signum, _frame):
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGTERM, terminate)
    try:
        _ingest(paths, db, workers, resume, batch, raw, as_json, max_seconds, max_memory)
    except KeyboardInterrupt:
        err.print("interrupted")
        raise typer.Exit(130) from None
    finally:
        signal.signal(signal.SIGTERM, old)


def _ingest(paths, db, workers, resume, batch, raw, as_json, max_seconds, max_memory) -> None:
    from eightk.sources import count_inputs
    from eightk.store.ingest import Budgets

    names = [str(p) for p in paths]
    total = count_inputs(names)
    progress = None
    task = None
    if show_progress(total):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        progress = Progress(
            TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:.1f} filings/s"), TextColumn("[red]{task.fields[errors]} errors[/]"),
            TimeElapsedColumn(), console=err.real, transient=True,
        )
        progress.start()
        task = progress.add_task("ingest", total=total, rate=0.0, errors=0)

    def on_progress(s, name):
        if progress is not None and task is not None:
            progress.update(task, completed=min(s.seen + s.skipped, total), rate=s.rate, errors=s.errors)

    try:
        with _store(db) as store:
            summary = store.ingest(names, workers=workers, batch_size=batch, resume=resume, keep_raw=raw,
                                   progress=on_progress, budgets=Budgets(max_seconds, max_memory))
    finally:
        if progress is not None:
            progress.stop()
    for name, reason in summary.not_8k_samples[:20]:
        warn_file(name, f"skipped (not an 8-K): {reason}", style="yellow")
    if summary.not_8k > 20:
        err.print(f"eightk: ... and {summary.not_8k - 20} more not 8-Ks (`eightk stats` lists the ingest log)")
    mb = summary.bytes / 1e6
    line = (
        f"{summary.seen} filings read, {summary.stored} stored"
        + (f" ({summary.new_versions} new versions of stored accession numbers)" if summary.new_versions else "")
        + f", {summary.duplicates} already stored, {summary.skipped} skipped (resume), "
        f"{summary.not_8k} skipped (not an 8-K), "
        + (f"{summary.ignored} other files in folders passed over (not filings by their name), "
           if summary.ignored else "")
        + f"{summary.errors} errors; {summary.seconds:.1f} s, "
        f"{summary.rate:.1f} filings/s, {mb / summary.seconds if summary.seconds else 0:.2f} MB/s"
    )
    if as_json:
        sys.stdout.write(json.dumps(summary.as_dict()) + "\n")
    err.print(("interrupted: " if summary.interrupted else "") + line, highlight=False, soft_wrap=True)
    if summary.interrupted:
        raise typer.Exit(130)
    if summary.errors:
        err.print(f"eightk: {summary.errors} input(s) failed:", highlight=False)
        for name, error in summary.failed:
            warn_file(name, error)
        if summary.errors > len(summary.failed):
            err.print(f"eightk: ... and {summary.errors - len(summary.failed)} more (`eightk stats` lists them)")
        raise typer.Exit(1)


class _SearchCommand(TyperCommand):
    """``eightk search -foo``: a word starting with '-' that is none of the options is the query."""

    def parse_args(self, ctx, args):
        opts = {o: p for p in self.params for o in (*p.opts, *p.secondary_opts) if o.startswith("-")}
        for i, a in enumerate(args):
            if a == "--":
                break
            takes_value = i > 0 and args[i - 1] in opts and not getattr(opts[args[i - 1]], "is_flag", False)
            if a.startswith("-") and not a.startswith("--") and len(a) >= 2 and a not in opts and not takes_value:
                rest = args[:i] + args[i + 1:]
                j = rest.index("--") + 1 if "--" in rest else len(rest)
                args = rest[:j] + ([] if "--" in rest else ["--"]) + [a] + rest[j:]
                break
        return super().parse_args(ctx, args)


@app.command("search", cls=_SearchCommand)
def search_command(
    query: Annotated[str, typer.Argument(help='Words, "phrases", AND/OR/NOT, prefix*; "" to list by filters only.')],
    item: ItemOpt = None,
    event: EventOpt = None,
    cik: CikOpt = None,
    company: CompanyOpt = None,
    form: FormOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    fact: FactOpt = None,
    fmin: MinOpt = None,
    fmax: MaxOpt = None,
    attrs: AttrOpt = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=10000)] = 20,
    offset: Annotated[int, typer.Option("--offset", min=0)] = 0,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
    db: DbOpt = None,
) -> None:
    """Full-text and structured search: one ranked result per filing, with its best passage.

    Each result carries a handle `eightk show` takes: the accession number, else the store id
    (`id` in JSON and CSV). The filters combine with AND.
    """
    if fmt not in ("table", "json", "csv"):
        fail(f"--format must be table, json or csv (got {fmt!r})")
    with _store(db, readonly=True) as store:
        result = store.search(query, _filters(cik, company, form, item, event, since, until, fact, fmin, fmax, attrs),
                              limit=limit, offset=offset)
    if fmt == "json":
        sys.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "csv":
        w = csv.writer(sys.stdout)
        cols = ["id", "accession_number", "company", "cik", "date_of_report", "items", "path", "snippet", "score"]
        w.writerow(cols)
        for h in result.results:
            d = h.as_dict()
            d["items"] = " ".join(d["items"])
            w.writerow([d[c] for c in cols])
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{result.total} filing(s) match {query!r}" if query else f"{result.total} filing(s)",
                  show_lines=True, expand=True)
    table.add_column("date", no_wrap=True)
    table.add_column("company / show with", min_width=20, max_width=32)
    table.add_column("items", max_width=12)
    table.add_column("best passage", ratio=1)
    from eightk.store.results import MARK_END, MARK_START

    for h in result.results:
        snippet = Text()
        for i, part in enumerate((h.snippet or "").replace(MARK_END, MARK_START).split(MARK_START)):
            snippet.append(part, style="bold yellow" if i % 2 else None)
        who = Text(h.company or "(unknown company)")
        who.append("\n" + h.handle, style="cyan")
        table.add_row(h.date_of_report or "", who, ", ".join(h.items), snippet)
    out.print(table)
    if result.total > offset + len(result.results):
        err.print(f"showing {offset + 1}-{offset + len(result.results)} of {result.total}; use --limit/--offset",
                  highlight=False)
    if result.results:
        err.print(f"see one with: eightk show {result.results[0].handle}", highlight=False)


@app.command("show")
def show_command(
    ident: Annotated[str, typer.Argument(
        metavar="ACCESSION|ID|PATH",
        help="What a search result shows: an accession number or a store id; or the path of a file that was ingested.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the stored Filing model as JSON.")] = False,
    db: DbOpt = None,
) -> None:
    """One stored filing as a readable report (or its JSON model)."""
    with _store(db, readonly=True) as store:
        filing = store.get(ident)
        row = store.filing_row(ident) if filing is not None else None
    if filing is None or row is None:
        fail(f"no filing {ident!r} in the database; `eightk search` lists what is stored, with handles for show")
    if as_json:
        sys.stdout.write(filing.model_dump_json(indent=2) + "\n")
        return
    from eightk.report import print_report

    print_report(out.real, filing, row)


@app.command("timeline")
def timeline_command(
    who: Annotated[str, typer.Argument(metavar="CIK|NAME", help="A CIK, or part of a company name (any former name too).")],
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
    db: DbOpt = None,
) -> None:
    """A company's 8-K filings and events over time, items aligned across numbering eras."""
    with _store(db, readonly=True) as store:
        tl = store.timeline(who)
    if as_json:
        sys.stdout.write(json.dumps(tl.as_dict(), indent=2) + "\n")
        return
    from rich.table import Table

    from eightk.itemcodes import title_of

    name, cik, entries = tl.company, tl.cik, tl.filings
    table = Table(title=f"{name or '-'} (CIK {cik or 'unknown'}): {len(entries)} filing(s)", show_lines=False)
    table.add_column("date", no_wrap=True)
    table.add_column("form")
    table.add_column("accession", no_wrap=True)
    table.add_column("items (modern equivalent)")
    table.add_column("events")
    for e in entries:
        items = []
        for it in e["items"]:
            label = it["code"]
            if it["modern"] and it["modern"] != it["code"]:
                label += f" (= {it['modern']})"
            title = title_of(it["modern"] or it["code"]) or ""
            items.append(f"{label} {title}".strip())
        table.add_row(e["date"] or "", e["form_type"] or "", e["accession_number"] or f"id {e['id']}",
                      "\n".join(items), ", ".join(e["events"]))
    out.print(table)


@app.command("export")
def export_command(
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Output folder (one table per entity).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="parquet (partitioned by year), jsonl or csv.")] = "parquet",
    item: ItemOpt = None,
    event: EventOpt = None,
    cik: CikOpt = None,
    company: CompanyOpt = None,
    form: FormOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    fact: FactOpt = None,
    fmin: MinOpt = None,
    fmax: MaxOpt = None,
    attrs: AttrOpt = None,
    db: DbOpt = None,
) -> None:
    """Export filings, items, exhibits, facts and events for pandas, polars or DuckDB."""
    with _store(db, readonly=True) as store:
        counts = store.export(out_dir, fmt, _filters(cik, company, form, item, event, since, until, fact, fmin, fmax,
                                                     attrs))
    err.print(f"exported to {out_dir} ({fmt}): " + ", ".join(f"{t} {n}" for t, n in counts.items()), highlight=False)


@app.command("stats")
def stats_command(
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of tables.")] = False,
    db: DbOpt = None,
) -> None:
    """Counts by year, item, event type and form; ingest outcomes and recent errors."""
    with _store(db, readonly=True) as store:
        s = store.stats()
    if as_json:
        sys.stdout.write(json.dumps(s, indent=2, default=str) + "\n")
        return
    from rich.table import Table

    out.print(f"{s['filings']} filings, {s['companies']} companies")
    for title, rows, cols in (
        ("by year", s["per_year"], ("year", "filings", "items", "events")),
        ("by form", s["by_form"], ("form", "filings")),
        ("by item", s["by_item"], ("item", "modern", "filings")),
        ("by event type", s["by_event"], ("event", "count")),
        ("ingest log", s["ingest"], ("status", "count")),
    ):
        if not rows:
            continue
        t = Table(*cols, title=title, title_justify="left")
        for r in rows:
            t.add_row(*("" if v is None else str(v) for v in r))
        out.print(t)
    if s["errors"]:
        t = Table("file", "error", title="recent ingest errors", title_justify="left")
        for path, error, _at in s["errors"]:
            t.add_row(path or "", error or "")
        out.print(t)


@app.command("events")
def events_command(
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of text.")] = False,
) -> None:
    """The event types (--event) and fact kinds (--fact) eightk extracts, with their attributes."""
    from eightk.store.vocabulary import COMMON_ATTRIBUTES, EVENT_TYPES, FACT_KINDS

    if as_json:
        sys.stdout.write(json.dumps({
            "events": {t: {"explanation": e, "attributes": a} for t, (e, a) in EVENT_TYPES.items()},
            "common_attributes": COMMON_ATTRIBUTES, "facts": FACT_KINDS}, indent=2) + "\n")
        return
    from rich.text import Text

    out.print(Text("event types (--event)", style="bold"))
    for etype, (explanation, attrs) in EVENT_TYPES.items():
        out.print(Text.assemble(f"  {etype}", ("  " + explanation, "dim")), soft_wrap=True)
        for name, what in attrs.items():
            out.print(f"      {name}: {what}", soft_wrap=True)
    out.print(Text("attributes of every event", style="bold"))
    for name, what in COMMON_ATTRIBUTES.items():
        out.print(f"      {name}: {what}", soft_wrap=True)
    out.print(Text("fact kinds (--fact; --min/--max compare their value)", style="bold"))
    for kind, what in FACT_KINDS.items():
        out.print(Text.assemble(f"  {kind}", ("  " + what, "dim")), soft_wrap=True)
