"""``eightk events-eval``: the events evaluation of :mod:`eightk.events_eval` on the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from eightk.interfaces.cli.app import app


@app.command("events-eval")
def events_eval_command(
    corpus: Annotated[
        Path, typer.Option("--corpus", help="The development corpus folder (with inventory.tsv).")
    ] = Path("../shared/corpus"),
    show: Annotated[int, typer.Option("--show", help="Disagreements and refinements to list per era.")] = 10,
) -> None:
    """Agreement of inferred event types with EDGAR item labels, by era and type."""
    if not corpus.is_dir():
        typer.echo(f"events-eval: corpus folder {corpus} not found", err=True)
        raise typer.Exit(2)
    from eightk.events_eval import report, run

    for label, tallies in run(corpus).items():
        typer.echo(f"== {label}")
        typer.echo(report(tallies, show=show))
