"""The Typer application and helpers the command modules share."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from os import PathLike
from typing import NoReturn, cast

import typer
from rich.console import Console
from rich.text import Text

from eightk.core import parse
from eightk.errors import EightKError
from eightk.model import Filing
from eightk.sources import iter_inputs

app = typer.Typer(
    name="eightk",
    help="Turn SEC Form 8-K current reports into structured, searchable data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

def console(**kw) -> Console:
    """A console that prints text as it is: file names, company names and filing text may hold
    ``[/b]`` or ``:emoji:``, so markup and emoji codes are off; style goes through ``Text``."""
    return Console(markup=False, emoji=False, highlight=False, **kw)


#: Messages and progress go to stderr; stdout is for data.
err = console(stderr=True)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``eightk: message`` on stderr and exit."""
    err.print(Text.assemble(("eightk:", "bold red"), " ", message), soft_wrap=True)
    raise typer.Exit(code)


def warn_file(name: str, reason: str) -> None:
    """One clear line for a file that could not be processed."""
    err.print(Text.assemble((f"eightk: {name}:", "red"), " ", reason), soft_wrap=True)


def show_progress(n_files: int) -> bool:
    return n_files > 3 and sys.stderr.isatty()


@dataclass
class ParseRun:
    """Parses every filing under some paths, one clear stderr line per file that fails.

    ``for filing in run.filings(paths): ...``; afterwards ``run.parsed`` and ``run.failures``.
    """

    facts: bool = True
    parsed: int = 0
    failures: int = 0

    def filings(self, paths: Iterable[str | PathLike[str]],
                on_file: Callable[[str], None] | None = None) -> Iterator[Filing]:
        for item in iter_inputs(paths):
            try:
                if item.error is not None:
                    self._fail(item.name, item.error)
                    continue
                try:
                    # the bytes, or a memory map of the file (read like bytes, never copied)
                    filing = parse(cast(bytes, item.data), path=item.name, facts=self.facts)
                except EightKError as e:
                    self._fail(item.name, str(e))
                    continue
                except Exception as e:  # a bug: still name the file, keep going
                    self._fail(item.name, f"internal error while parsing ({type(e).__name__}: {e}); please report it")
                    continue
                self.parsed += 1
                yield filing
            finally:
                item.close()
                if on_file is not None:
                    on_file(item.name)

    def _fail(self, name: str, reason: str) -> None:
        self.failures += 1
        warn_file(name, reason)
