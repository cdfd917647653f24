"""Reading a number that arrives as text (a URL, a header, an index line, the environment).

``str.isdigit`` is not the test: it also takes "²" and the other superscripts, which ``int()``
refuses (a crash on hostile input), and the digits of other scripts, which ``int()`` reads ("٣"
is 3: a CIK or an id nobody typed). Every layer asks :func:`ascii_digits`.
"""

from __future__ import annotations


def ascii_digits(s: str) -> bool:
    """Whether ``s`` is a non-empty run of ASCII digits 0-9."""
    return s.isascii() and s.isdigit()


__all__ = ["ascii_digits"]
