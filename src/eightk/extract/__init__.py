"""Facts, events and source anomalies, read from parsed items and blocks."""

from __future__ import annotations

from eightk.containers import Submission
from eightk.model import Filing


def extract_into(sub: Submission, filing: Filing) -> None:
    """Fill ``filing.facts``, ``filing.events`` and fact-level ``anomalies``."""
    return None
