"""``eightk eval``: how often the body of each filing agrees with its EDGAR header."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from eightk.interfaces.cli.app import ParseRun, app, console, fail


@app.command("eval")
def eval_command(
    paths: Annotated[list[Path], typer.Argument(help="Filings: files, folders, archives.")],
    details: Annotated[bool, typer.Option("--details", help="List every disagreement.")] = False,
    labels: Annotated[
        Path | None, typer.Option("--labels", help="TSV of hand-checked values (accession, field, value, why).")
    ] = None,
) -> None:
    """Parse every filing that has an EDGAR header and report, per era and per field, how often
    the body agrees with the header (or with a hand-checked label where the header is wrong)."""
    from rich.table import Table

    from eightk.evaluate import ERAS, FIELDS, evaluate, load_labels

    label_map = {}
    if labels is not None:
        try:
            label_map = load_labels(labels)
        except (OSError, ValueError) as e:
            fail(f"cannot read the label file: {e}")
    run = ParseRun(facts=False)
    filings = list(run.filings(paths))
    failures = run.failures
    rep = evaluate(filings, label_map)
    out = console(width=None if sys.stdout.isatty() else 150)
    with_header = len(filings) - len(rep.skipped)
    out.print(f"{len(filings)} filing(s) parsed, {with_header} with an EDGAR header, {failures} unreadable")
    table = rep.table()
    t = Table(title="body agrees with header (or label)")
    t.add_column("era")
    for fld in FIELDS:
        t.add_column(fld, justify="right")
    for era in [*ERAS, "unknown"]:
        if era not in table:
            continue
        row = [era]
        for fld in FIELDS:
            a, n = table[era].get(fld, (0, 0))
            row.append(f"{a}/{n} {100 * a / n:.0f}%" if n else "-")
        t.add_row(*row)
    out.print(t)
    dis = rep.disagreements()
    wrong_header = [c for c in dis if c.header_wrong]
    out.print(f"{sum(not c.agree for c in dis)} disagreement(s) with the truth; "
              f"{len(wrong_header)} header value(s) overridden by labels")
    if details:
        for c in dis:
            status = "header wrong (label)" if c.header_wrong and c.agree else "DISAGREE"
            out.print(f"[{status}] {c.accession or c.path} {c.field}: body={c.body!r} header={c.header!r}"
                      + (f" label={c.truth!r}" if c.header_wrong else ""), soft_wrap=True)
            out.print(f"    {c.path}", soft_wrap=True)
    if failures:
        raise typer.Exit(1)
