"""People in an officer or director change: who is named, by which name, with which titles.

A person is a name the text connects to a role: "Jane Roe, the Company's Chief Financial
Officer", "appointed Jane Roe as ...", "Jane Roe, 52, ...", "Mr. Roe will retire". Later
references by surname ("Mr. Roe", "Dr. Lee") resolve to the full name given earlier in the
item; honorifics are stripped, names otherwise kept as printed. The party facts of
:mod:`eightk.extract.parties` are used as names where they help, but a name they miss is found
here by its own rules: a capitalised name that an honorific, an age, an appointment verb or an
appositive title marks as a person.

Why rules: the 5.02 vocabulary is small and formulaic (Form 8-K Item 5.02 asks for the name,
age, position and date of each change); a statistical NER model would cost more than the parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from eightk.extract.parties import _NOT_PERSON, _ROLE
from eightk.model import Fact

_HONORIFIC = r"(?:Mr|Ms|Mrs|Messrs|Dr|Prof)\.?"
# (Possessive runs, "[a-z]++" and "\s++", in the name patterns: what follows each run never starts
# with one of its characters, so the matches are those of "+" (tests/test_finders_speed.py compares
# them), found without the engine retrying each shorter run; see _NAME in eightk.extract.parties.)
_WORD = r"(?:Mc|Mac|O['’]|De|Di|La|Le|Van|Von|de|di|da|du|le|la)?[A-Z][a-z]++(?:-[A-Z][a-z]++)?"
_INITIAL = r"[A-Z]\.(?:\s?[A-Z]\.)?"
_SUFFIX = r"(?:,?\s+(?:Jr\.|Sr\.|III|II|IV)(?![a-z]))"
#: A full name: a first word or initial, optional middle names or initials, a surname.
_FULL = (
    rf"(?:{_WORD}|{_INITIAL})(?:\s++(?:{_WORD}|{_INITIAL}|\"[A-Z][a-z]++\"|\([A-Z][a-z]++\))){{0,2}}"
    rf"\s++(?:(?:de|van|von|der|la|del)\s++)?{_WORD}{_SUFFIX}?"
)
#: Cues that mark a capitalised sequence as a person.
#: Strong cues: a name after an appointment verb, or before an age or an appositive title.
_BEFORE_CUE = re.compile(r"\b(?:appointed|appoint|named|name|elected|elect|promoted|hired)\s+(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?$")
_AFTER_CUE = re.compile(
    r"(?:['’]s)?\s*(?:,\s*(?:age\s+)?\d{2}\s*,|,?\s*\(\s*(?:age\s+)?\d{2}\s*\)|,\s+(?:(?:the|our|its|a|an|who\s+is|currently|formerly|then|"
    r"previously)\s+)?(?:(?:Company|Registrant|Corporation|Bank)['’]s\s+)?(?:(?:current|former|new)\s+)?"
    r"(?:President|Chief|Executive|Senior|Vice|Chair|Chairman|Director|director|Treasurer|Secretary|General|Controller|"
    r"CEO|CFO|COO|member)|,\s+who\s+(?:will|has|had|was|is|would))"
)
#: A name before a verb of the 5.02 news is a person ("Jane Roe resigned", "Jane Roe became").
_NEWS_AFTER = re.compile(
    r"\s+(?:resigned|retired|notified|informed|tendered|advised|stepped|submitted|passed\s+away|died|became|"
    r"who\s+(?:departed|resigned|retired|will|has|was)|also\s+(?:resigned|retired)|"
    r"(?:has|had|was|will)\s+(?:been\s+)?(?:appointed|elected|named|promoted|resign|retire|step|decided|informed|notified|serve|become))\b"
)
#: A name in a table row of amounts ("Jane Roe  $1,500,000  150%").
TABLE_ROW = re.compile(r"[ \t]*(?:\n\s*)?\$\s?(?:[\d—–-])|[ \t]+(?=(?:Chair|Chief|President|Executive|Senior|Vice|Co-|Treasurer|Secretary)\b)")
#: A capitalised pair that a legal form follows is an organisation ("Tyson Foods, Inc.").
_ORG_AFTER = re.compile(
    r"(?:['’]s)?,?\s+(?:Inc\b|Corp\b|Corporation|Company|Co\.|LLC|L\.L\.C\.|LLP|L\.P\.|Ltd|Limited|Group|Holdings|plc|N\.A\.)"
)
#: (A name starts with a capital, or the "d" or "l" of a particle: the look-ahead says so to the
#: engine, which then skips the other characters - three times faster, the same matches.)
_NAME_RE = re.compile(rf"(?=[A-Zdl])(?:(?P<hon>{_HONORIFIC})\s++)?(?P<name>{_FULL})")
#: :data:`_NAME_RE` where it matches, found by its first letter: a pattern that starts with a
#: class is one the engine skips to in C, where a leading check is tried at every character;
#: at a "d" or an "l" the name is read only before a capital ("deGrasse"). The match is that
#: first letter; the groups are those of the name read from it (a look-ahead inside a
#: one-character look-behind). For a search from a position, not for ``sub``. (Measured on the
#: corpus's 5.02 items: find_people 69 -> 63 us a filing.)
_NAME_AT = re.compile(rf"[A-Zdl](?<=(?=[A-Z]|[dl][aeiu][A-Z])(?={_NAME_RE.pattern}).)")
#: (The word boundary before the honorific is checked after its first letter, "M(?<!\w.)": a
#: pattern that starts with letters is one the engine skips to in C, where a leading check is
#: tried at every character.)
_SURNAME_REF = re.compile(
    rf"(?P<hon>M(?<!\w.)(?:r|s|rs)|D(?<!\w.)r|P(?<!\w.)rof)\.?\s+(?P<name>{_WORD}(?:\s+{_WORD})?)"
)
#: "Messrs. Arnold and Tan", "Messrs. Malik and de Germay": surnames with one honorific.
_MESSRS = re.compile(rf"M(?<!\w.)essrs\.?\s+(?P<names>(?:(?:de|van|von)\s+)?{_WORD}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*)(?:(?:de|van|von)\s+)?{_WORD})+)")
_MESSRS_NAME = re.compile(rf"(?:(?:de|van|von)\s+)?{_WORD}")  # one surname of _MESSRS's names
_AGE_RE = re.compile(r"(?:,\s*(?:age\s+|aged\s+)?(\d{2})\s*,|,?\s*\(\s*(?:age\s+)?(\d{2})\s*\))")
_FIRST_WORD = re.compile(r"[^\s,]+")
_SENTENCE_BREAK = re.compile(r"\.\s+[A-Z]")
_AGE_LATER = re.compile(r"\b(?:age|aged)\s+(\d{2})\b")
#: Capitalised words that are never a name's part (months, places of the text, documents).
_NOT_NAME = _NOT_PERSON | {
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Inc", "Corp", "Corporation", "Bank", "Holdings", "Group", "Trust", "Board",
    "Form", "Current", "Report", "Item", "Items", "Exhibit", "Plan", "Award", "Awards", "Stock", "Equity",
    "Incentive", "Bonus", "Term", "Long", "Short", "Restricted", "Units", "Unit", "Share", "Shares", "Press",
    "Release", "News", "On", "In", "The", "This", "That", "As", "At", "By", "For", "From", "Following",
    "Prior", "Before", "After", "Under", "Mr", "Ms", "Mrs", "Dr", "Messrs", "Nominating", "Governance",
    "Audit", "Human", "Resources", "Talent", "Risk", "Finance", "Operations", "Officers", "Certain",
    "Departure", "Election", "Appointment", "Compensatory", "Arrangements", "Other", "Events", "Sales",
    "Marketing", "Technology", "Global", "North", "America", "American", "United", "States", "New", "York",
    "Street", "Annual", "Special", "Meeting", "Offer", "Letter", "Separation", "Transition",
    "Retirement", "Consulting", "Amended", "Restated", "Agreement", "Severance", "Change", "Control",
    "Policy", "Program", "Performance", "Based", "Target", "Cash", "Base", "Salary", "Our", "Its",
    "His", "Her", "Their", "Also", "Upon", "Each", "Both", "Pursuant", "Such", "All", "Any", "Per", "If",
    "Commission", "Act", "Exchange", "Securities", "Rule", "Regulation", "Section", "SEC", "Nasdaq", "NYSE",
    "Class", "Series", "Common", "Preferred", "Chairperson", "Chairwoman", "Members", "Member", "Trustees",
    "Committees", "Company's", "Registrant's",
    "Business", "Segment", "Division", "International", "Worldwide", "Americas", "Europe", "Asia", "Pacific",
    "Reason", "Good", "Cause", "Real", "Estate", "Fiscal", "Year", "Code", "Internal", "Revenue", "Amendment",
    "Amendments", "Contribution", "Eligible", "Participants", "Savings", "Deferred", "Networks", "Systems",
    "Health", "Foods", "Partners", "Capital", "Technologies", "Solutions", "University", "College", "School",
    "Former", "Retired", "Title", "Titles", "Name", "Names", "Position", "Positions", "Executive's", "Officer's",
    "Institute", "Foundation", "Association", "Council", "Department", "Federal", "Reserve", "National",
}
_COMMITTEE_CHAIR = (
    r"(?:Chair(?:man|woman|person)?|Member)\s+of\s+the\s+(?:(?:Company|Registrant|Board)['’]s\s+)?"
    r"(?:[A-Z][\w&,]*\s+(?:and\s+|&\s+)?){1,5}Committee"
)
#: (Each pattern of titles starts with a check of the first letters its alternatives can start
#: with: the engine, which tries the alternatives at every character of a clause, then passes
#: over the others at once. The same matches; on the corpus's 5.02 clauses, measured: the titles
#: read in 3.9 us a filing instead of 9.8, "director" in 3.9 instead of 5.7.)
_ROLE_RE = re.compile(
    rf"(?=[ACDEFGILMPSTVcepsv])(?:{_COMMITTEE_CHAIR}|(?:Co-)?(?:{_ROLE})"
    r"|\b(?:(?:senior|executive)\s+)*(?:vice\s+president\s+and\s+)?(?:principal|chief)\s+(?:\w+\s+){1,2}officer\b)"
)
#: "director" spelled as the 5.02 text does: "a director", "member of the Board", "to the Board".
_DIRECTOR_RE = re.compile(
    r"(?=[acdfijmnot])(?:\bas\s+(?:new\s+|independent\s+)?directors\b"
    r"|\b(?:(?:a|as|new|independent|non-employee|class\s+[iv]+)\s+)?director\b(?!\s+of\s+(?:\w+\s+){0,2}(?:operations|finance|sales))"
    r"|\bmembers?\s+of\s+(?:the\s+|our\s+|its\s+)?(?:Company['’]s\s+)?Board(?:\s+of\s+Directors)?"
    r"|\b(?:to|on|from|join(?:ed|s)?)\s+(?:the\s+|our\s+|its\s+)(?:(?:Company|Registrant|Corporation)['’]s\s+)?Board(?:\s+of\s+Directors)?(?!\s+(?:approved|appointed|elected|named|has|determined)))",
    re.I,
)


@dataclass
class Mention:
    """One place a person is named: the full name it resolves to and where it is printed."""

    name: str
    start: int
    end: int
    full: bool  # printed in full (not a surname reference)


@dataclass
class People:
    """The people of an item: every mention in text order, ages and known roles by name."""

    mentions: list[Mention] = field(default_factory=list)
    ages: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # name -> (age, start, end)

    def names(self) -> list[str]:
        seen: dict[str, None] = {}
        for m in self.mentions:
            seen.setdefault(m.name, None)
        return list(seen)


def _clean(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).strip(" ,")


def _before_stop(name: str) -> int | None:
    """Where a name ends before a word that is no name's ("Jane Roe Chair" ends after "Roe"),
    if two name words come first."""
    words = list(_FIRST_WORD.finditer(name))
    for k, w in enumerate(words):
        if w.group(0).rstrip(".,'’s") in _NOT_NAME or w.group(0) in _NOT_NAME:
            return words[k - 1].end() if k >= 2 else None
    return None


_NAME_GAP = re.compile(r"[\s,]+")
_NAME_WORD = re.compile(r"[A-Za-z][\w'’.-]*")


def _surname(name: str) -> str:
    words = [w for w in _NAME_GAP.split(name) if w and w not in ("Jr.", "Sr.", "II", "III", "IV")]
    return words[-1] if words else name


def _plausible(name: str) -> bool:
    words = _NAME_WORD.findall(name)
    if len(words) < 2:
        return False
    return not any(w.rstrip(".,'’s") in _NOT_NAME or w in _NOT_NAME for w in words)


def find_people(text: str, party_facts: list[Fact] | None = None, offset: int = 0) -> People:
    """The people of an item's ``text``. ``party_facts`` (person party facts of the item, with
    document offsets; ``offset`` is the item's start) seed the names; the rules here add the
    names they miss and resolve surname references to the full names printed before them."""
    found: list[Mention] = []
    for f in party_facts or []:
        if f.attributes.get("type") != "person" or f.attributes.get("signatory"):
            continue
        name = _clean(_NAME_RE.sub(lambda m: m.group("name"), str(f.value)))
        s = f.span.start - offset
        if 0 <= s < len(text) and _plausible(name):
            found.append(Mention(name, s, f.span.end - offset, True))
    surname_refs = list(_SURNAME_REF.finditer(text))
    honoured = {r.group("name").split()[-1] for r in surname_refs}
    messrs = list(_MESSRS.finditer(text))  # (read once: for the honoured names and the references)
    for r in messrs:
        honoured.update(w.split()[-1] for w in re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", r.group("names")) if w)
    pos = 0
    while (m := _NAME_AT.search(text, pos)) is not None:
        first = _FIRST_WORD.match(text, m.start("name"))
        if first and first.group(0).rstrip(".") in _NOT_NAME:  # a title or a heading word: the name starts later
            pos = first.end()
            continue
        name, start, end = m.group("name"), m.start("name"), m.end("name")
        if not _plausible(name):
            cut = _before_stop(name)
            if cut is None:  # a stop word inside: try again from the next word
                pos = first.end() if first else m.start("name") + 1
                continue
            name, end = name[:cut], start + cut
        pos = end
        if _ORG_AFTER.match(text, end):
            continue
        before = text[max(0, m.start() - 30) : m.start()]
        strong = bool(m.group("hon")) or bool(_BEFORE_CUE.search(before)) or bool(_AFTER_CUE.match(text, end))
        strong = strong or bool(_NEWS_AFTER.match(text, end)) or bool(TABLE_ROW.match(text, end))
        # a full name that the text later calls "Mr. Roe" is a person wherever it stands
        if strong or _surname(name) in honoured:
            found.append(Mention(_clean(name), start, end, True))
    found.sort(key=lambda x: (x.start, -x.end))
    full: list[Mention] = []
    for x in found:  # drop overlaps (a fact and a rule finding the same name)
        if full and x.start < full[-1].end:
            continue
        full.append(x)
    people = People()
    by_surname: dict[str, str] = {}
    refs = [
        Mention(r.group("name"), r.start(), r.end(), False)
        for r in surname_refs
        if not any(f.start <= r.start("name") < f.end for f in full)
    ]
    for r in messrs:
        for w in _MESSRS_NAME.finditer(r.group("names")):
            if w.group(0) not in ("and",):
                refs.append(Mention(w.group(0).split()[-1], r.start("names") + w.start(), r.start("names") + w.end(), False))
    for x in sorted(full + refs, key=lambda x: x.start):
        if x.full:
            # "Mr. Roe" is the Roe the item names first (a relative named later is not its subject)
            by_surname.setdefault(_surname(x.name), x.name)
            people.mentions.append(x)
            _age(text, x, people)
            continue
        target = by_surname.get(_surname(x.name)) or by_surname.get(x.name.split()[0])
        if target:
            people.mentions.append(Mention(target, x.start, x.end, False))
            _age(text, Mention(target, x.start, x.end, False), people)
    _unify(people)
    return people


def _unify(people: People) -> None:
    """One name per person: "Michael Marks" in a heading is the "Michael E. Marks" of the text
    (every word of the shorter form in the longer; the longest such form is kept)."""
    names = sorted({m.name for m in people.mentions}, key=len, reverse=True)
    canon: dict[str, str] = {}
    for n in names:
        words = set(n.split())
        canon[n] = next((c for c in names if len(c) > len(n) and words <= set(c.split()) and _surname(c) == _surname(n)
                         and (c.split()[0] == n.split()[0] or c.endswith(" " + n))), n)
    for m in people.mentions:
        m.name = canon[m.name]
    for name in list(people.ages):
        people.ages.setdefault(canon.get(name, name), people.ages[name])


def _age(text: str, x: Mention, people: People) -> None:
    if x.name in people.ages:
        return
    m = _AGE_RE.match(text, x.end)
    if m:
        g = 1 if m.group(1) else 2
        people.ages[x.name] = (int(m.group(g)), m.start(g), m.end(g))
        return
    window = text[x.end : x.end + 160]
    cut = _SENTENCE_BREAK.search(window)
    later = _AGE_LATER.search(window[: cut.start() if cut else len(window)])
    if later:
        people.ages[x.name] = (int(later.group(1)), x.end + later.start(1), x.end + later.end(1))


def roles_in(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """The titles printed in ``text[start:end]`` (officer titles and "director"), as printed,
    with their offsets; a title inside a longer one is not repeated."""
    out: list[tuple[str, int, int]] = []
    for m in _ROLE_RE.finditer(text, start, end):
        out.append((" ".join(m.group(0).split()), m.start(), m.end()))
    for m in _DIRECTOR_RE.finditer(text, start, end):
        if any(s <= m.start() < e for _, s, e in out):
            continue
        out.append(("director", m.start(), m.end()))
    out.sort(key=lambda r: r[1])
    return [r for r in out if not _company_title(r[0])]


def _company_title(role: str) -> bool:
    # "Board of Directors" alone names a body, not a title
    return role.lower() in ("board of directors",)
