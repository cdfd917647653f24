"""ev_text.word_start: cue patterns rewritten for speed find exactly what they found before."""

from __future__ import annotations

import random
import re

import pytest

from eightk.extract.ev_text import word_start

PATTERNS = [
    r"\bresign(?:ed|s|ation|ing)?\b",
    r"\b(?:passed\s+away|died|death)\b",
    r"\b(?:(?:will|to)\s+succeed|(?:will\s+)?bec(?:o|a)me(?!\s+effective)|(?<!continue\s)(?:will|to)\s+serve\s+as)\b",
    r"\b(?<!re-)(?<!re)elect(?:ed|ion|s)?\b",
    r"\bregulation\s+d\b|\bsection\s+4\b|\brule\s+506\b",
    r"\b(?:stock|share)holders\s+of\s+record\b",
]
WORDS = [
    'resign', 'resigned', 'resigns', 'passed', 'away', 'died', 'death', 'will', 'to', 'succeed', 'become',
    'became', 'becomes', 'effective', 'continue', 'serve', 'as', 're-elect', 'elected', 'reelection', 'elect',
    'regulation', 'd', 'section', '4', 'rule', '506', 'stockholders', 'shareholders', 'of', 'record', 'x',
    '-', '.', '_', '9', 'aresign', '_resign', '9death', '\n',
]


def _texts() -> list[str]:
    rng = random.Random(7)
    return [" ".join(rng.choice(WORDS) for _ in range(400)) for _ in range(40)] + [
        "resigned", "Mr. Roe resigned.", "re-elected", "continue to serve as", "will become effective", "to serve as"]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_rewritten_pattern_finds_the_same_matches(pattern: str) -> None:
    fast = word_start(pattern)
    assert fast != pattern and r"\b" not in fast[:2]
    for text in _texts():
        assert [m.span() for m in re.finditer(fast, text)] == [m.span() for m in re.finditer(pattern, text)]


def test_patterns_it_cannot_rewrite_are_kept() -> None:
    for p in (r"\b(resign)\b", r"resign\b", r"\b[a-z]+ed\b", r"\b(?:will\s+)*serve\b"):
        assert word_start(p) == p
