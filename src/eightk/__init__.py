"""eightk: SEC Form 8-K current reports as correct, structured, searchable data.

>>> import eightk
>>> filing = eightk.parse(open("0000950144-94-000277.txt", "rb").read())
>>> filing.items[0].code
>>> store = eightk.open_store("sqlite:///eightk.db")   # the store: ingest, search, get, ...
"""

from eightk.containers import Document, Submission, read_submission
from eightk.core import parse
from eightk.model import SCHEMA_VERSION, Filing, json_schema

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION", "Document", "Filing", "Submission", "__version__", "json_schema", "open_store", "parse",
    "read_submission",
]


def __getattr__(name: str):
    # the store (and its drivers) load only when asked for: ``import eightk`` stays cheap
    if name == "open_store":
        from eightk.store import open_store

        return open_store
    raise AttributeError(f"module 'eightk' has no attribute {name!r}")
