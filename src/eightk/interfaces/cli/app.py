"""The Typer application and helpers the command modules share."""

from __future__ import annotations

import sys

import typer
from rich.console import Console

app = typer.Typer(
    name="eightk",
    help="Turn SEC Form 8-K current reports into structured, searchable data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

#: Messages and progress go to stderr; stdout is for data.
err = Console(stderr=True, highlight=False)


def fail(message: str, code: int = 1) -> None:
    """Print ``eightk: message`` on stderr and exit."""
    err.print(f"[bold red]eightk:[/] {message}", markup=True, soft_wrap=True)
    raise typer.Exit(code)


def warn_file(name: str, reason: str) -> None:
    """One clear line for a file that could not be processed."""
    err.print(f"[red]eightk: {name}:[/] {reason}", markup=True, soft_wrap=True, highlight=False)


def show_progress(n_files: int) -> bool:
    return n_files > 3 and sys.stderr.isatty()
