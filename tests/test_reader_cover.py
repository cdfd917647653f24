"""cover._classify runs each caption pattern without re.IGNORECASE on the lowered text where no
case trap stands: that is the case-blind search of the text only if lowering keeps every other
character's length, its word and space classes, and turns into an ASCII letter exactly what
re.IGNORECASE takes for it. Checked here for every character."""

from __future__ import annotations

import re
import string
import sys

from eightk.parser import cover


def _every_character_but_the_traps() -> str:
    traps = set(cover._CASE_TRAPS)
    return "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF and chr(c) not in traps)


def test_lowering_is_what_ignorecase_sees_but_for_the_traps() -> None:
    text = _every_character_but_the_traps()
    low = text.lower()
    assert len(low) == len(text)  # one character for one: positions and neighbours kept
    for cls in (r"\w", r"\s"):
        pat = re.compile(cls)
        assert [m.start() for m in pat.finditer(text)] == [m.start() for m in pat.finditer(low)]
    for letter in string.ascii_lowercase:
        blind = [m.start() for m in re.finditer(letter, text, re.I)]
        assert blind == [m.start() for m in re.finditer(letter, low)]


def test_caption_patterns_are_lower_case() -> None:
    for _, pat, pat_low, _ in cover._CAPTION_PLAN:
        assert pat.flags & re.I and not pat_low.flags & re.I
        assert pat_low.pattern == pat.pattern
        # lower case but for escapes: no upper-case letter outside "\" escapes to fold
        assert not re.search(r"(?<!\\)[A-Z]", pat.pattern)
