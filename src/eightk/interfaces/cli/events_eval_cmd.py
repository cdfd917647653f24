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
    labels: Annotated[
        Path,
        typer.Option(
            "--labels", help="TSV of hand-checked event types (accession, path, item, type, attributes, why)."
        ),
    ] = Path("tests/labels/events.tsv"),
    details: Annotated[bool, typer.Option("--details", help="List every disagreement with the labels.")] = False,
    item_mapping: Annotated[
        bool,
        typer.Option("--item-mapping/--no-item-mapping", help="Also check item detection against EDGAR's item labels."),
    ] = True,
    show: Annotated[int, typer.Option("--show", help="With --details: item-mapping misses to list per era.")] = 10,
) -> None:
    """Event types against hand labels, by era and type; and item detection against EDGAR's item labels."""
    if not corpus.is_dir():
        typer.echo(f"events-eval: corpus folder {corpus} not found", err=True)
        raise typer.Exit(2)
    if not labels.is_file():
        typer.echo(
            f"events-eval: label file {labels} not found (run from the repository root or pass --labels)", err=True
        )
        raise typer.Exit(2)
    from eightk.events_eval import LabelError, report_all, run

    try:
        results = run(corpus, labels, item_mapping=item_mapping)
    except LabelError as e:
        typer.echo(f"events-eval: {e}", err=True)
        raise typer.Exit(2) from None
    typer.echo(report_all(results, labels=labels, details=details, show=show))
