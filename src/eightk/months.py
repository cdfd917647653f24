"""Month names as filings print them, to month numbers: the table of :mod:`eightk.dates`, the
one date reader of every layer. Pure domain data, like :mod:`eightk.itemcodes`; imports nothing."""

from __future__ import annotations

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}


def month_number(word: str) -> int | None:
    """'February', 'Feb.', 'FEB', 'Sept.' -> 2, 2, 2, 9; a misspelt full name ('Febuary') by its
    first three letters; None for a word that is no month."""
    key = word.lower().rstrip(".")
    number = MONTHS.get(key)
    if number is None and key.isalpha():
        number = MONTHS.get(key[:3])
    return number
