"""Container layer: split an EDGAR file into header and documents (pure, bytes in)."""

from eightk.containers.submission import Document, Submission, detect_format, read_submission, uudecode

__all__ = ["Document", "Submission", "detect_format", "read_submission", "uudecode"]
