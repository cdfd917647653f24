"""The 8-K grammar: cover page, items, exhibits and signatures, read from blocks."""

from __future__ import annotations

from eightk.containers import Submission
from eightk.model import Filing


def parse_into(sub: Submission, filing: Filing) -> None:
    """Fill ``filing`` (registrants, items, exhibits, signatures, date of report) from the
    submission's documents. The body is the source; the header is a cross-check."""
    return None
