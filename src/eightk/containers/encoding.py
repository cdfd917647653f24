"""Decoding document bytes: EDGAR text is mostly ASCII, then cp1252/Latin-1, a few UTF-8."""

from __future__ import annotations


def decode(raw: bytes) -> tuple[str, str]:
    """Decode ``raw``; returns (text, encoding). Never raises.

    Order: ASCII (the common case, and the fastest check), UTF-8 (strict, so cp1252 text
    is not mistaken for it), cp1252 (what "Latin-1" 8-Ks almost always are: smart quotes
    in 0x80-0x9f), then Latin-1, which accepts any byte.
    """
    if raw.isascii():
        return raw.decode("ascii"), "ascii"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1"
