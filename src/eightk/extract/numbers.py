"""Numbers as printed in filings: digit groups, scale words and spelled-out numbers.

Hand-written because filings print amounts in a handful of fixed styles ("1,500,000",
"1.5 million", "ten million", "$.01") that no general-purpose library normalises together
with their exact spans; the rules below are the whole grammar of those styles.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

#: A number as printed: grouped ("1,234,567.89"), plain ("1234.5"), or a bare fraction (".01").
#: Groups of any width are accepted here so that malformed groupings ("10,000,00") are
#: *seen* and reported rather than silently read as two numbers. Lengths are bounded (24
#: integer digits, 12 decimals): a run of thousands of digits is no amount, and reading one
#: would give a value no database column takes (and ``int`` refuses past 4,300 digits).
NUM = r"(?:\d{1,3}(?:,\d{1,4}){1,8}(?:\.\d{1,12})?|\d{1,24}(?:\.\d{1,12})?|\.\d{1,12})"

SCALES: dict[str, int] = {
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "mm": 1_000_000,
    "mil": 1_000_000,
    "bn": 1_000_000_000,
    "k": 1_000,
    "m": 1_000_000,
    "b": 1_000_000_000,
}
#: Scale words after a number; the one-letter forms only directly after the digits ("$5M").
SCALE = r"(?:\s*(?:thousand|million|billion|trillion)\b|\s?(?:mm|bn|mil)\b|(?:k|m|b|M|B|K)\b)"

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_WORD_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

def by_first_letter(words: list[str], after: str = "") -> str:
    """The alternation of ``words``, the words of one first letter one branch (["seventeen",
    "sixty", "two"] -> "s(?:eventeen|ixty)|two"; ``after`` goes after each letter): where a word
    can start, the engine then tries the branch of that letter, not every word (in a pattern
    read in either case it has no quick test of a word's first letter). The same matches: words
    of other first letters never match where these do, and the words of one letter keep their
    order."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(w[1:])
    return "|".join(c + after + (f"(?:{'|'.join(rest)})" if len(rest) > 1 else rest[0]) for c, rest in groups.items())


_NUMWORD = "|".join(sorted([*_UNITS, *_TENS, "hundred", "thousand", "million", "billion", "a"], key=len, reverse=True))
#: A spelled-out number: "ten", "twenty-five", "one hundred fifty thousand", "a million".
#: At most 24 words (the longest number a filing spells out has about a dozen): an unbounded
#: run is retried from every word of it (quadratic), and "hundred hundred ..." grows an integer
#: without end.
_NUMWORD_GROUPED = by_first_letter(_NUMWORD.split("|"))
WORDS = rf"(?:(?:{_NUMWORD_GROUPED})(?:(?:\s+|-)(?:and\s+)?(?:{_NUMWORD_GROUPED})){{0,23}})"
#: The characters a match of NUM or WORDS starts with: checked first (a lookahead before
#: ``(?:NUM|WORDS)``), it spares the engine the alternatives of both at every other character.
NUM_FIRST = "[\\d." + "".join(sorted({w[0] for w in _NUMWORD.split("|")})) + "]"


def words_to_int(s: str) -> int | None:
    """'twenty-five thousand' -> 25000; None when the words are not a number."""
    total = 0
    current = 0
    seen = False
    seen_article = False
    for w in re.split(r"[\s-]+", s.lower().strip()):
        if not w or w == "and":
            continue
        if w == "a":
            # "a million" is one million; in "a one million dollar fee" the article is no number
            current = max(current, 1) if not seen else current
            seen_article = True
            continue
        if seen_article and not seen and (w in _UNITS or w in _TENS):
            current = 0  # "a one million": drop the article's 1
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in _WORD_SCALES:
            total += max(current, 1) * _WORD_SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def malformed_grouping(s: str) -> bool:
    """True for a grouped number whose groups after the first are not three digits wide."""
    head = s.split(".")[0]
    if "," not in head:
        return False
    groups = head.split(",")
    return any(len(g) != 3 for g in groups[1:])


def likely_readings(s: str) -> list[str]:
    """Plausible intended values of a malformed grouping, for the anomaly message:
    '10,000,00' -> ['1,000,000', '10,000,000'] (a misplaced comma, or a dropped digit)."""
    head = s.split(".")[0]
    digits = head.replace(",", "")
    out = [f"{int(digits):,}"]
    groups = head.split(",")
    padded = [groups[0]] + [g.ljust(3, "0")[:3] if len(g) < 3 else g for g in groups[1:]]
    if all(len(g) == 3 for g in padded[1:]):
        alt = f"{int(''.join(padded)):,}"
        if alt not in out:
            out.append(alt)
    return out


def to_number(s: str) -> int | float | None:
    """'1,234' -> 1234, '.01' -> 0.01, '1.50' -> 1.5; None for a malformed grouping."""
    if malformed_grouping(s):
        return None
    try:
        d = Decimal(s.replace(",", ""))
    except InvalidOperation:
        return None
    return _plain(d)


def _plain(d: Decimal) -> int | float:
    if d == d.to_integral_value():
        return int(d)
    return float(d)


def scaled(number: str, scale: str | None) -> int | float | None:
    """The value of a number with an optional scale word ("1.5", "million" -> 1500000)."""
    if malformed_grouping(number):
        return None
    try:
        d = Decimal(number.replace(",", ""))
    except InvalidOperation:
        return None
    if scale:
        key = scale.strip().lower()
        mult = SCALES.get(key)
        if mult is None:
            return None
        d *= mult
    return _plain(d)
