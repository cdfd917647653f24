"""``eightk parse`` and ``eightk schema``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from eightk.interfaces.cli.app import ParseRun, app, err, open_output, show_progress


@app.command("parse")
def parse_command(
    paths: Annotated[list[Path], typer.Argument(help="Filings: files, folders, .tar/.tar.gz/.zip/.gz archives.")],
    pretty: Annotated[bool, typer.Option("--pretty", help="Indented JSON instead of one line per filing.")] = False,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to FILE instead of stdout.")] = None,
    facts: Annotated[bool, typer.Option("--facts/--no-facts", help="Extract facts and events.")] = True,
) -> None:
    """Parse 8-K filings and print one JSON object per filing (JSON Lines).

    A file that cannot be read or parsed gets one line on stderr naming it and the reason;
    the others are still processed, and the exit status is 1.
    """
    from eightk.sources import count_inputs

    out = open_output(output) if output else sys.stdout
    n_files = count_inputs(paths)
    run = ParseRun(facts=facts)
    progress = None
    advance = None
    if show_progress(n_files):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        progress = Progress(
            TextColumn("parsing"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(), console=err.real, transient=True,
        )
        progress.start()
        task = progress.add_task("parse", total=n_files, rate="")

        def advance(name: str) -> None:
            progress.update(task, advance=0 if "!" in name else 1, rate=f"{run.parsed} ok, {run.failures} failed")

    try:
        for filing in run.filings(paths, on_file=advance):
            out.write(filing.model_dump_json(indent=2) if pretty else filing.model_dump_json())
            out.write("\n")
    finally:
        if progress is not None:
            progress.stop()
        if output:
            out.close()
    if run.failures:
        not_8k = f" ({run.not_8k} not an 8-K)" if run.not_8k else ""
        err.print(f"eightk: {run.failures} file(s) failed{not_8k}, {run.parsed} parsed", highlight=False)
        raise typer.Exit(1)


@app.command("schema")
def schema_command(
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to FILE instead of stdout.")] = None,
) -> None:
    """Print the JSON Schema of the output (the Filing model)."""
    from eightk.model import json_schema

    text = json.dumps(json_schema(), indent=2)
    if output:
        with open_output(output) as f:
            f.write(text + "\n")
    else:
        sys.stdout.write(text + "\n")
