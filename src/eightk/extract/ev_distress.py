"""Structured distress events: bankruptcy or receivership (item 1.03, legacy 3), a delisting
notice (item 3.01) and a material cybersecurity incident (item 1.05).

Each attribute is read by a short rule over the item's own text: the court and chapter of a
petition, the exchange and listing rule of a notice, and the few statements Item 1.05 asks for
(when the incident was found, what it was, whether it is material, law enforcement).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from eightk.extract.ev_text import READ_CHARS, Found, dates_in, sentence_at, sentences
from eightk.model import Fact

if TYPE_CHECKING:
    from eightk.extract.events import Context, ItemRef

# --- bankruptcy -------------------------------------------------------------------------------

_PLACE = r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?"
_DISTRICT = rf"(?:(?:Northern|Southern|Eastern|Western|Middle|Central)\s+)?District\s+of\s+{_PLACE}"
_BANKRUPTCY_COURT = re.compile(
    rf"\b(?:United\s+States|U\.\s?S\.)\s+Bankruptcy\s+Court(?:\s+for\s+the\s+{_DISTRICT}|,\s*{_DISTRICT}"
    rf"|\s+(?:for|in)\s+(?:the\s+)?{_PLACE})?"
)
_CHAPTER = re.compile(r"\bChapter\s+(7|9|11|12|13|15)\b", re.I)


def bankruptcy(it: ItemRef, facts: list[Fact], ctx: Context) -> dict[str, Any]:
    """The attributes of a bankruptcy or receivership (1.03 / legacy 3): court and chapter."""
    f = Found(it)
    text = it.text[:READ_CHARS]
    m = _BANKRUPTCY_COURT.search(text)
    if m:
        f.set("court", m.group(0), m.start(), m.end())
    else:
        court = next((x for x in facts if x.kind == "party" and x.attributes.get("type") == "court"), None)
        if court is not None:
            f.set_fact("court", " ".join(str(court.value).split()), court)
    c = _CHAPTER.search(text)
    if c:
        f.set("chapter", c.group(1), c.start(), c.end())
    return f.out()


# --- delisting --------------------------------------------------------------------------------

_EXCHANGE = re.compile(
    r"\b(?:Nasdaq|NASDAQ)\s+(?:Stock\s+Market(?:\s+LLC)?|Global\s+Select\s+Market|Global\s+Market|Capital\s+Market"
    r"|SmallCap\s+Market|National\s+Market)|\bNYSE\s+(?:American|MKT|Amex|Arca)(?:\s+LLC)?|\bNew\s+York\s+Stock"
    r"\s+Exchange|\bAmerican\s+Stock\s+Exchange|\bToronto\s+Stock\s+Exchange|\bTSX\s+Venture\s+Exchange|\bNYSE\b"
    r"|\b(?:Nasdaq|NASDAQ)\b|\bAMEX\b|\bTSX\b"
)
_RULE = re.compile(
    r"\b(?:(?:Nasdaq|NASDAQ)\s+)?(?:Listing\s+|Marketplace\s+)?Rules?\s+\d{4}(?:\s*\([a-zA-Z0-9]+\))*"
    r"|\bSections?\s+\d{3,4}(?:\.\d{2}[A-Z]?)?(?:\s*\([a-zA-Z0-9]+\))*(?=\s+of\s+the\s+(?:NYSE|New\s+York|Listed|"
    r"Company|American))"
    r"|\bSection\s+\d{3}\.\d{2}[A-Z]\b"
)


def delisting(it: ItemRef, facts: list[Fact], ctx: Context) -> dict[str, Any]:
    """The attributes of a notice of delisting or of a failure to meet a listing rule (3.01)."""
    f = Found(it)
    text = it.text[:READ_CHARS]
    m = _EXCHANGE.search(text)
    if m:
        f.set("exchange", " ".join(m.group(0).split()), m.start(), m.end())
    r = _RULE.search(text)
    if r:
        f.set("rule", " ".join(r.group(0).split()), r.start(), r.end())
    return f.out()


# --- cybersecurity incident -------------------------------------------------------------------

#: What the incident was, most specific first: a generic "cybersecurity incident" only when the
#: item says nothing more precise.
_NATURE = re.compile(
    r"\bransomware(?:\s+attack|\s+incident)?|\bunauthorized\s+(?:third[-\s]party\s+)?access\b|\bdata\s+breach\b"
    r"|\bcyber[-\s]?attack\b|\bphishing(?:\s+attack)?\b|\bbusiness\s+email\s+compromise\b|\bdenial[-\s]of[-\s]service"
    r"(?:\s+attack)?|\bmalware\b|\bexfiltrat\w+",
    re.I,
)
_NATURE_GENERIC = re.compile(r"\b(?:cyber)?security\s+incident\b", re.I)
_DISCOVERED = re.compile(r"\b(?:detected|discovered|identified|became\s+aware|learned)\b", re.I)
_MATERIAL_NO = re.compile(
    r"\b(?:has\s+not|have\s+not|did\s+not|does\s+not|not\s+(?:had|have)|is\s+not\s+reasonably\s+likely\s+to)\s+"
    r"(?:\w+\s+){0,3}?(?:material(?:ly)?\s+(?:impact|affect|effect)\w*|a\s+material\s+(?:impact|effect))", re.I)
_MATERIAL_UNKNOWN = re.compile(r"\bnot\s+(?:yet\s+)?(?:determined|able\s+to\s+determine)\b|\bunable\s+to\s+determine\b"
                               r"|\bremains?\s+(?:unknown|uncertain)\b|\btoo\s+early\b", re.I)
_MATERIAL_YES = re.compile(r"\b(?:has\s+had|had|is\s+reasonably\s+likely\s+to\s+have|has)\s+(?:a\s+)?material(?:ly)?\s+"
                           r"(?:impact|effect|affect)\w*|\bmaterially\s+(?:impacted|affected)\b", re.I)
_LAW = re.compile(r"\b(?:notified|contacted|informed|coordinat\w*\s+with|cooperat\w*\s+with|working\s+with|engag\w*"
                  r"\s+with|in\s+contact\s+with|report\w*\s+(?:the\s+incident\s+|it\s+|this\s+)?to)"
                  r"\s+(?:\w+\s+){0,4}?law\s+enforcement\b|\blaw\s+enforcement\s+(?:has|have)\s+been\s+"
                  r"(?:notified|contacted)", re.I)


def _materiality(f: Found, text: str, sents: list[tuple[int, int]]) -> None:
    for s, e in sents:
        sent = text[s:e]
        if not re.search(r"\bmaterial", sent, re.I):
            continue
        if _MATERIAL_NO.search(sent):
            f.set("material_impact", False, s, e)
        elif _MATERIAL_YES.search(sent) and not _MATERIAL_UNKNOWN.search(sent):
            f.set("material_impact", True, s, e)
        else:
            continue
        return


def cybersecurity_incident(it: ItemRef, facts: list[Fact], ctx: Context) -> dict[str, Any]:
    """The attributes of a material cybersecurity incident (1.05)."""
    f = Found(it)
    text = it.text[:READ_CHARS]
    sents = sentences(text)
    n = _NATURE.search(text) or _NATURE_GENERIC.search(text)
    if n:
        f.set("nature", " ".join(n.group(0).split()).lower(), n.start(), n.end())
    d = _DISCOVERED.search(text)
    if d:
        s, e = sentence_at(sents, d.start())
        dates = dates_in(it, facts, s, e)
        if dates:
            f.set_fact("discovered_date", dates[0].value, dates[0])
    _materiality(f, text, sents)
    law = _LAW.search(text)
    if law:
        denied = re.search(r"\b(?:not|no)\s+(?:yet\s+|been\s+)*$", text[max(0, law.start() - 25) : law.start()])
        f.set("law_enforcement_notified", not denied, law.start(), law.end())
    return f.out()
