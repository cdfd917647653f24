"""The ``eightk`` command line. Each command group lives in its own module and registers
itself on :data:`app` when imported; this module imports ``parse`` and ``schema``, and the app
imports the others (:mod:`eightk.interfaces.cli.plugins`) when a command needs them. The
command modules import only typer and the standard library at the top (see
:mod:`eightk.interfaces.cli.app`), so ``eightk --help`` starts fast."""

from __future__ import annotations

# ``parse`` and ``schema`` register on import; the other command groups (``plugins``) are
# imported by the app when a command needs them (see ``app._Group``).
from eightk.interfaces.cli import parse_cmd  # noqa: F401
from eightk.interfaces.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
