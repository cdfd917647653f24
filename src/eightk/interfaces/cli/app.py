"""The Typer application and helpers the command modules share.

Start-up is kept cheap (``eightk --help`` and ``eightk --version`` import neither the parser
nor the pydantic models nor the store): the command modules import only typer and the
standard library at the top, and load what a command needs inside the command; the command
groups other than ``parse`` and ``schema`` are imported only when a command needs them
(:class:`_Group`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from os import PathLike
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, cast

import typer
import typer.main
from typer.core import TyperGroup

from eightk import __version__

if TYPE_CHECKING:
    from rich.console import Console
    from typer import _click  # the click typer vendors (its Context and Command)

    from eightk.model import Filing


class _Group(TyperGroup):
    """The ``eightk`` command group, completed on first need.

    At start only ``parse`` and ``schema`` (:mod:`eightk.interfaces.cli.parse_cmd`) are
    registered; the other command groups (:mod:`eightk.interfaces.cli.plugins`) are imported,
    and their commands added, the first time a command that is not there is looked up or the
    commands are listed (help, usage errors). ``eightk parse`` then starts 50 ms sooner: it
    neither imports nor builds the other commands.
    """

    complete = False

    def _complete(self) -> None:
        if not self.complete:
            import eightk.interfaces.cli.plugins  # noqa: F401  (its command modules register on ``app``)

            self.commands = typer.main.get_group(app).commands  # every command, in registration order
            self.complete = True

    def get_command(self, ctx: _click.Context, cmd_name: str) -> _click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and not self.complete:
            self._complete()
            command = super().get_command(ctx, cmd_name)
        return command

    def list_commands(self, ctx: _click.Context) -> list[str]:
        self._complete()
        return super().list_commands(ctx)


app = typer.Typer(
    name="eightk",
    cls=_Group,
    help="Turn SEC Form 8-K current reports into structured, searchable data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # plain click help and usage errors: typer's rich help imports rich.markdown and more (0.3 s)
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"eightk {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Turn SEC Form 8-K current reports into structured, searchable data."""


def console(**kw: Any) -> Console:
    """A console that prints text as it is: file names, company names and filing text may hold
    ``[/b]`` or ``:emoji:``, so markup and emoji codes are off; style goes through ``Text``."""
    from rich.console import Console

    return Console(markup=False, emoji=False, highlight=False, **kw)


class _LazyConsole:
    """A rich console made on first use (importing rich costs start-up time)."""

    def __init__(self, **kw: Any) -> None:
        self._kw = kw
        self._console: Console | None = None

    @property
    def real(self) -> Console:
        if self._console is None:
            self._console = console(**self._kw)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


#: Messages and progress go to stderr; stdout is for data. ``err.real`` is the rich Console.
err = _LazyConsole(stderr=True)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``eightk: message`` on stderr and exit."""
    from rich.text import Text

    err.print(Text.assemble(("eightk:", "bold red"), " ", message), soft_wrap=True)
    raise typer.Exit(code)


def warn_file(name: str, reason: str, *, style: str = "red") -> None:
    """One clear line for a file that could not be processed."""
    from rich.text import Text

    err.print(Text.assemble((f"eightk: {name}:", style), " ", reason), soft_wrap=True)


def show_progress(n_files: int) -> bool:
    return n_files > 3 and sys.stderr.isatty()


def open_output(path: PathLike[str] | str) -> Any:
    """``path`` opened for writing text, or one clear line (the path and the cause) and exit 1."""
    import os

    p = os.fspath(path)
    if os.path.isdir(p):
        fail(f"cannot write to {p}: it is a folder; give a file name (e.g. {os.path.join(p, 'out.jsonl')})")
    folder = os.path.dirname(os.path.abspath(p))
    if not os.path.isdir(folder):
        fail(f"cannot write to {p}: the folder {os.path.dirname(p) or folder} does not exist; create it first")
    try:
        return open(p, "w", encoding="utf-8")  # noqa: SIM115 (the caller closes it)
    except OSError as e:
        fail(f"cannot write to {p}: {e.strerror or e}")


@dataclass
class ParseRun:
    """Parses every filing under some paths, one clear stderr line per file that fails.

    ``for filing in run.filings(paths): ...``; afterwards ``run.parsed``, ``run.failures`` and
    ``run.not_8k`` (readable files that are not 8-Ks: reported, and counted as failures).
    """

    facts: bool = True
    parsed: int = 0
    failures: int = 0
    not_8k: int = 0

    def filings(self, paths: Iterable[str | PathLike[str]],
                on_file: Callable[[str], None] | None = None) -> Iterator[Filing]:
        from eightk.core import parse
        from eightk.errors import EightKError, NotAn8KError
        from eightk.sources import iter_inputs

        for item in iter_inputs(paths):
            try:
                if item.error is not None:
                    self._fail(item.name, item.error)
                    continue
                try:
                    # the bytes, or a memory map of the file (read like bytes, never copied)
                    filing = parse(cast(bytes, item.data), path=item.name, facts=self.facts)
                except NotAn8KError as e:
                    self.not_8k += 1
                    self._fail(item.name, str(e))
                    continue
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
