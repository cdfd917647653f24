"""eightk: SEC Form 8-K current reports as correct, structured, searchable data.

>>> import eightk
>>> filing = eightk.parse(open("0000950144-94-000277.txt", "rb").read())
>>> filing.items[0].code
>>> store = eightk.open_store("sqlite:///eightk.db")   # the store: ingest, search, get, ...

Every name below loads on first use: ``import eightk`` (and ``eightk --help``) stays cheap;
the parser, the pydantic models and the store load when a program first asks for them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: public name -> the module that defines it
_LAZY = {
    "Document": "eightk.containers",
    "Submission": "eightk.containers",
    "read_submission": "eightk.containers",
    "parse": "eightk.core",
    "SCHEMA_VERSION": "eightk.model",
    "Filing": "eightk.model",
    "json_schema": "eightk.model",
    "open_store": "eightk.store",
}

if TYPE_CHECKING:
    from eightk.containers import Document, Submission, read_submission
    from eightk.core import parse
    from eightk.model import SCHEMA_VERSION, Filing, json_schema
    from eightk.store import open_store

__all__ = [
    "SCHEMA_VERSION", "Document", "Filing", "Submission", "__version__", "json_schema", "open_store", "parse",
    "read_submission",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'eightk' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
