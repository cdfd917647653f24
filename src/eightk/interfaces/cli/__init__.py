"""The ``eightk`` command line. Each command group lives in its own module and registers
itself on :data:`app`; this module only assembles them. The command modules import only
typer and the standard library at the top (see :mod:`eightk.interfaces.cli.app`), so
``eightk --help`` starts fast."""

from __future__ import annotations

# Command modules register on import (one module per group; keep the list sorted).
from eightk.interfaces.cli import (
    parse_cmd,  # noqa: E402,F401
    plugins,  # noqa: E402,F401
)
from eightk.interfaces.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
