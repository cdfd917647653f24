"""eightk's compiled modules (built at install from the .pyx files, see setup.py): each one the
same work as Python code beside it, faster. :func:`compiled` is how a module asks for one."""

from __future__ import annotations

import importlib
import os
from types import ModuleType


def compiled(name: str) -> ModuleType | None:
    """The compiled module ``name`` ("eightk.containers._cfind") when it was built and
    ``EIGHTK_PYTHON_WALK=1`` does not ask for the Python code; else None (the caller then does
    the same work in Python, with the same output)."""
    if os.environ.get("EIGHTK_PYTHON_WALK") == "1":
        return None
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


__all__ = ["compiled"]
