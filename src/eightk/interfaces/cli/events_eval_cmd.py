"""``eightk events-eval``: the events evaluation of :mod:`eightk.events_eval` on the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from eightk.interfaces.cli.app import app, console, fail

if TYPE_CHECKING:
    from eightk.events_fields import FieldTally


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
    field_labels: Annotated[
        Path,
        typer.Option("--field-labels", help="JSON lines of hand-checked event attributes (per-field precision/recall)."),
    ] = Path("tests/labels/events.jsonl"),
    fields_only: Annotated[
        bool, typer.Option("--fields-only", help="Only the per-field evaluation (no type labels, no item mapping).")
    ] = False,
    types: Annotated[
        list[str] | None, typer.Option("--type", help="Per-field evaluation of this event type only (repeatable).")
    ] = None,
    misses: Annotated[
        bool, typer.Option("--misses", help="List the per-field misses (filing, field, expected, got), worst first.")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    details: Annotated[bool, typer.Option("--details", help="List every disagreement with the type labels.")] = False,
    item_mapping: Annotated[
        bool,
        typer.Option("--item-mapping/--no-item-mapping", help="Also check item detection against EDGAR's item labels."),
    ] = True,
    show: Annotated[
        int, typer.Option("--show", help="With --details: item-mapping misses per era; with --misses: misses to list.")
    ] = 10,
) -> None:
    """Event types against hand labels, by era and type; event attributes field by field
    (precision, recall, F1); and item detection against EDGAR's item labels."""
    if fmt not in ("text", "json"):
        fail(f"--format must be text or json (got {fmt!r})", 2)
    if not corpus.is_dir():
        fail(f"events-eval: corpus folder {corpus} not found", 2)
    if not fields_only and not labels.is_file():
        fail(f"events-eval: label file {labels} not found (run from the repository root or pass --labels)", 2)
    given = "--field-labels" in sys.argv
    if not field_labels.is_file() and (given or fields_only):
        fail(f"events-eval: field label file {field_labels} not found", 2)
    from eightk.events_eval import LabelError, report_all, run

    try:
        results = run(
            corpus,
            None if fields_only else labels,
            item_mapping=item_mapping and not fields_only,
            field_labels=field_labels if field_labels.is_file() else None,
            types=frozenset(types) if types else None,
        )
    except LabelError as e:
        fail(f"events-eval: {e}", 2)
    if fmt == "json":
        from eightk.events_fields import as_json

        out: dict[str, Any] = {}
        if results.fields is not None:
            out["fields"] = as_json(results.fields, misses=misses, show=show if "--show" in sys.argv else None)
        if results.labels is not None:
            out["types"] = {era: {"labelled": t.n, "right": t.right} for era, t in results.labels.items()}
        typer.echo(json.dumps(out, indent=2, default=str))
        return
    if not fields_only:
        typer.echo(report_all(results, labels=labels, details=details, show=show))
    if results.fields is not None:
        _print_fields(results.fields, field_labels, misses=misses, show=show)


def _pct(v: float | None) -> str:
    return "-" if v is None else f"{v:.0%}"


def _print_fields(tally: FieldTally, path: Path, *, misses: bool, show: int) -> None:
    from rich.table import Table

    from eightk.events_fields import worst_misses

    out = console(width=None if sys.stdout.isatty() else 150)
    found = ", ".join(f"{t} {tally.found[t]}/{n}" for t, n in sorted(tally.labelled.items()))
    out.print(f"== event attributes against hand labels ({path}: {tally.labels} labels; event found: {found})",
              soft_wrap=True)
    t = Table(title="per-field precision / recall")
    for col in ("type", "field"):
        t.add_column(col)
    for col in ("labelled", "TP", "FP", "FN", "precision", "recall", "F1"):
        t.add_column(col, justify="right")
    for (etype, name), s in sorted(tally.scores.items()):
        t.add_row(etype, name, str(s.labelled), str(s.tp), str(s.fp), str(s.fn),
                  _pct(s.precision), _pct(s.recall), _pct(s.f1))
    out.print(t)
    if misses:
        for m in list(worst_misses(tally))[:show]:
            out.print(f"  {m.type} {m.field}: expected {m.expected!r}, got {m.got!r}  [{m.filing}]", soft_wrap=True)
