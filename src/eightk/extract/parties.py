"""Parties: organisations (by legal suffix), courts, and people with their roles.

Why hand-written rules: an organisation in an 8-K is almost always printed with its legal form
("Winstar Communications, Inc.", "Constellation Venture Capital II, L.P."), and a court with a
fixed pattern ("United States Bankruptcy Court for Delaware"). The rule finds the suffix and
walks back over the capitalised words of the name, which also splits lists ("A, L.P., B, L.P.
and C, L.L.C.") into one party each. People are found where the text names a role next to
them ("John Q. Smith, Chief Financial Officer", "appointed Jane Roe as President") and in
signature blocks ("/s/ Name" ... "Title: ..."). No offline, registry-shipped NER model fits
within the speed budget (facts must cost less than the parse itself), so rules it is.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from eightk.extract.hits import Hit, Hits, Needled, full, horizon_of, lazy, scan, stopped, windows

#: Legal forms that end an organisation's name.
_SUFFIX = (
    r"Inc\.?|Incorporated|Corp\.?|Corporation|Co\.|Company|L\.\s?P\.|LP|L\.L\.C\.|LLC|L\.L\.P\.|LLP|Ltd\.?|Limited"
    r"|[Pp]lc|PLC|N\.V\.|S\.A\.(?:\s?de\s?C\.V\.)?|SA|AG|GmbH|B\.V\.|S\.p\.A\.|A/S|AB|ASA|N\.A\.|Bancorp"
)
# The lookahead skips a suffix that another follows ("Partners, L.P."): the name ends later.
# The first-character check (a comma or a suffix's first letter) spares the engine trying the
# alternatives at every other character of a window (measured: a third faster).
_SUFFIX_RE = re.compile(rf"(?=[,ICLPNSAGBp])(?:,\s*|(?<![\w.]))(?:{_SUFFIX})(?!\w)(?!,?\s*(?:{_SUFFIX})(?!\w))")
#: (The lookahead holds the first characters of the alternatives: at a capital or "p" before
#: any other the engine then tries none of them. Measured on the corpus: an eighth less time.
#: No "l" in the class: it found nothing but "limited" (the suffixes start with a capital or
#: the "p" of "plc"), and stopped the engine at every "l": the anchor pass of the corpus's texts
#: in 71 us a filing instead of 82.)
_SUFFIX_ANCHOR = re.compile(
    r"[ICLPNSAGBTp](?=[noL.PAtimlG/BSa])(?:nc|orp|o\.|ompany|\.\s?P\.|P\b|\.L\.|LC|LP|td|imited|lc|LC|\.V\.|\.A\.|A\b|G\b|mbH|\.p\.A\.|/S|B\b|SA\b|ancorp)"
)
_SUFFIX_FULL = re.compile(_SUFFIX)
_TOKEN_RE = re.compile(r"[A-Za-z0-9][\w'’.\-]*|&|,")
# "and" is no connector: "Georgia Power and Kroger Co." is a list of two, and lists must give
# one party each; names with "and" in them are rarer than lists (and mostly print "&").
_CONNECTORS = {"of", "for", "de", "du", "la", "der", "von", "the", "&"}
#: Capitalised words that open a sentence or a clause, never a name.
_STOP = {
    "On", "In", "Also", "As", "At", "By", "For", "From", "Under", "Pursuant", "Each", "This", "These", "Such",
    "Between", "Among", "With", "To", "Our", "Its", "If", "When", "After", "Before", "Registrant", "Item",
    "ITEM", "Exhibit", "EXHIBIT", "Dated", "Date", "Name", "Title", "By:", "Effective", "Upon", "During",
    "Mr.", "Ms.", "Mrs.", "Dr.", "And", "Or", "A", "An", "That", "Which", "Through", "Into", "Agreement",
    "Amendment", "Warrant", "Press", "Release", "Form", "FORM", "Section", "Rule", "Securities", "Exchange",
    "Act", "Commission", "Stock", "Preferred", "Common", "Series", "Chapter",
    # heading and document nouns that precede names in exhibit lists and proposals
    "Appointment", "Ratification", "Approval", "Election", "Description", "Consent", "Opinion", "Letter",
    "Report", "Notice", "Statement", "Statements", "Certificate", "Guarantee", "Indenture", "Plan",
    "Proposal", "Vote", "Votes", "Results", "Financial", "Announcement", "Joint", "News", "Underwriting",
    "Termination", "Amended", "Restated", "Supplemental", "Credit", "Purchase", "Sale", "Merger",
    "Employment", "Separation", "Schedule", "Annex", "Table", "Total", "See", "Re", "Dear",
}


def _is_cap(tok: str) -> bool:
    # a token starting with a digit belongs to a name only with letters in it ("3M", "1st");
    # "10.1" before a name is an exhibit number
    return tok[0].isupper() or (tok[0].isdigit() and any(c.isalpha() for c in tok))


def _name_tokens(text: str, toks: list[re.Match[str]], sfx_start: int, floor: int) -> list[re.Match[str]] | None:
    """The tokens of the name before the legal suffix at ``sfx_start``, read back from the last
    of ``toks`` (so the last word first); None when the walk comes to a token before
    ``toks[floor]`` (a walk at ``toks[i]`` reads ``toks[i - 2]`` at most)."""
    taken: list[re.Match[str]] = []
    i = len(toks) - 1
    while len(taken) < 10:
        if i < floor:  # the first tokens reached (or none left)
            return None if floor else taken
        t = toks[i].group(0)
        if t == ",":
            # A comma inside a name only between single capitalised words
            # ("Welsh, Carson, Anderson & Stowe"): the word before must be one, the
            # word after must already be part of the name, and no legal suffix precedes it.
            prev = toks[i - 1].group(0) if i > 0 else ""
            if not taken or not prev or not _is_cap(prev) or prev in _STOP or _SUFFIX_FULL.fullmatch(prev):
                break
            if i > 1 and toks[i - 2].group(0) not in (",", "&") and _is_cap(toks[i - 2].group(0)):
                break  # "Acme Holdings, Widget Corp." : a list of names, not one name
            taken.append(toks[i])
            i -= 1
            continue
        if taken and _SUFFIX_FULL.fullmatch(t):
            break  # the end of the previous name in a list
        if t in _CONNECTORS:
            prev = toks[i - 1].group(0) if i > 0 else ""
            if t == "the" or t == "The":
                break
            if not taken or not prev or not _is_cap(prev) or prev in _STOP:
                break
            taken.append(toks[i])
            i -= 1
            continue
        if t == "The":
            taken.append(toks[i])
            break
        if not _is_cap(t) or t in _STOP:
            break
        # the gap between this token and the next taken one must be plain spacing
        nxt = taken[-1].start() if taken else sfx_start
        gap = text[toks[i].end() : nxt]
        if gap.strip(" \t\r\n") not in ("", ","):
            break
        taken.append(toks[i])
        i -= 1
    return taken


def find_organisations(text: str, limit: int | None = None) -> Hits:
    hits: list[Hit] = Hits()
    last_end = -1
    for m in scan(_SUFFIX_RE, text, _SUFFIX_ANCHOR, 4, 30):
        if full(limit, hits):  # a later name starts after the end of this one
            return stopped(hits, hits.pop().start)
        # (the loop runs at every legal suffix: each match's offsets and text read once)
        begin, end = m.span()
        suffix = m.group(0)
        sfx_start = begin + (len(suffix) - len(suffix.lstrip(", \n\t\r")))
        # quick reject before tokenising: a name ends in a capitalised word ("the Company"
        # and "its Partners" are defined terms, not names)
        before = text[max(0, begin - 40) : begin].rstrip(" ,\n\t\r").rsplit(None, 1)
        last_word = before[-1].lstrip("(\"'“") if before else ""
        if not last_word or not _is_cap(last_word) or last_word in _STOP:
            continue
        window_start = max(0, begin - 120, last_end)
        # a name is read back from its suffix, and is a few words: the last 60 characters are
        # tokenised first, the whole window only when the walk comes near their first token
        # (which may be a word cut in two; the tokens after it are those of the window)
        near = max(window_start, begin - 60)
        taken = _name_tokens(text, list(_TOKEN_RE.finditer(text, near, begin)), sfx_start, 3 if near > window_start else 0)
        if taken is None:
            taken = _name_tokens(text, list(_TOKEN_RE.finditer(text, window_start, begin)), sfx_start, 0) or []
        while taken and taken[-1].group(0) in (",", "&", "and", "of", "for"):
            taken.pop()
        words = [w for w in (t.group(0) for t in taken) if w != "," and w != "&"]
        if not words or all(w in _STOP or w == "The" or w == "the" for w in words):
            continue
        start = taken[-1].start()
        # the gap between the name and its suffix must be plain spacing or one comma
        if text[taken[0].end() : sfx_start].strip(" \t\r\n,"):
            continue
        raw = text[start:end]
        name = " ".join(raw.split())
        hits.append(Hit("party", start, end, raw, name, attributes={"type": "organization"}))
        last_end = end
    return stopped(hits, None)


#: Compiled when a text first says "Court" (see :func:`eightk.extract.hits.lazy`).
_court_re = lazy(
    r"(?:United\s+States|U\.\s?S\.)\s+(?:Bankruptcy|District)\s+Court"
    r"|(?:Superior|Supreme|Chancery|Circuit|District|Bankruptcy|Tax|Federal|Appellate)\s+Court"
    r"|Court\s+of\s+(?:Chancery|Appeals|Common\s+Pleas|Federal\s+Claims|Justice|Queen's\s+Bench|King's\s+Bench)"
)
_COURT_PLACE_RE = re.compile(
    r"\s+(?:for|of|in)\s+(?:the\s+)?(?:(?:Northern|Southern|Eastern|Western|Middle|Central)\s+)?"
    r"(?:District\s+of\s+|County\s+of\s+|State\s+of\s+)?[A-Z][a-z]+(?:\s+(?!In\b|On\b|The\b)[A-Z][a-z]+){0,2}(?:\s+County)?"
)

_COURT_ANCHOR = re.compile(r"Court\b")


def find_courts(text: str, limit: int | None = None) -> Hits:
    hits: list[Hit] = Hits()
    for m in scan(_court_re, text, _COURT_ANCHOR, 30, 30):
        if full(limit, hits):
            return stopped(hits, hits.pop().start)
        end = m.end()
        pm = _COURT_PLACE_RE.match(text, end)
        if pm:
            end = pm.end()
        raw = text[m.start() : end]
        hits.append(Hit("party", m.start(), end, raw, " ".join(raw.split()), attributes={"type": "court"}))
    return stopped(hits, None)


# --- people -----------------------------------------------------------------------------------

# The title is read after the first capital ("M" of "Mr.", "D" of "Dr."): a pattern whose
# alternatives start with a character class fails fast where no name can start.
# (Possessive runs, "[a-z]++" and "\s++": what follows each run can never start with a character
# of the run, so giving characters back could never lead to a match; the engine, told so, stops
# retrying them. The matches are those of "+" (tests/test_finders_speed.py compares them), in
# half the time: a name is tried at every capital of a window, up to three times.)
_NAME = (
    r"[A-Z](?:(?<=M)(?:r|s|rs)\.\s++[A-Z]|(?<=D)r\.\s++[A-Z])?[a-z]++(?:-[A-Z][a-z]++)?(?:\s++[A-Z]\.)?(?:\s++[A-Z]\.)?"
    r"(?:\s++(?:de\s++|van\s++|von\s++|Mc|O')?[A-Z][a-z]++(?:-[A-Z][a-z]++)?){1,2}(?:,?\s++(?:Jr\.|Sr\.|III|II|IV))?"
)
_ROLE_WORD = (
    r"(?:Chief\s++\w++\s++Officer|Chief\s++\w++\s++\w++\s++Officer|President|Vice\s++President|Chairman|Chairwoman|Chair|"
    r"Director|Secretary|Treasurer|Controller|Comptroller|General\s++Counsel|CEO|CFO|COO|CTO|"
    r"Principal\s++\w++\s++Officer|Managing\s++Director|General\s++Partner|Founder|Trustee)"
)
_ROLE = (
    rf"(?:(?:Senior|Executive|Group|Corporate|Assistant|Interim|Acting|Lead|Independent|Co-)\s++)*"
    rf"{_ROLE_WORD}(?:(?:\s*+,\s*+|\s++and\s++|\s++&\s++)(?:(?:Senior|Executive|Corporate|Assistant|Interim|Acting)\s++)*{_ROLE_WORD})*"
    r"(?:\s+of\s+(?:the\s+)?(?:Company|Board(?:\s+of\s+Directors)?|Registrant))?"
)
#: Words that are never part of a person's name: a role or a heading read as a name
#: ("Executive Vice President, General Counsel" is no person).
_NOT_PERSON = {
    "The", "Company", "Board", "Registrant", "Item", "Exhibit", "Securities", "Stock", "Agreement", "Executive",
    "Vice", "President", "Chief", "Officer", "Senior", "Director", "Directors", "General", "Counsel", "Chairman",
    "Chair", "Secretary", "Treasurer", "Controller", "Principal", "Managing", "Interim", "Acting", "Group",
    "Corporate", "Assistant", "Financial", "Operating", "Accounting", "Independent", "Lead", "Committee",
    "Annual", "Meeting", "Effective", "Date", "Pursuant", "Section", "Compensation", "Employment",
}
#: The forms a person is named in with a role, each with the words it cannot match without
#: (None: no such word). The pattern of a window leaves out the forms whose words the window
#: lacks: it matches what the whole pattern matches there, at a fraction of the cost.
_PERSON_FORMS: tuple[tuple[str, tuple[str, ...] | None], ...] = (
    # "John Q. Smith, the Company's Chief Financial Officer"
    (
        rf"(?P<n1>{_NAME}),\s+(?:(?:the|our|its|as)\s+)?(?:(?:Company|[Rr]egistrant|Corporation|Bank)['’]s\s+)?(?:(?:former|current|new)\s+)?(?P<r1>{_ROLE})",
        None,
    ),
    # "appointed Jane Roe as President", "named Jane Roe to serve as ..."
    (
        rf"(?:appointed|named|elected|promoted|hired)\s+(?P<n2>{_NAME})(?:\s+to\s+serve)?\s+(?:as|to\s+the\s+(?:position|office)\s+of)\s+(?:(?:the\s+)?(?:Company|[Rr]egistrant)['’]s\s+|its\s+|our\s+)?(?P<r2>{_ROLE})",
        ("appointed", "named", "elected", "promoted", "hired"),
    ),
    # "Chief Executive Officer John Smith"
    (
        rf"(?P<r3>{_ROLE})\s+(?P<n3>{_NAME})(?=\s+(?:resigned|retired|will|has|notified|informed|announced|was|is)\b)",
        None,
    ),
    # "Jane Roe, 52, has been appointed (as) the Company's Chief Financial Officer"
    (
        rf"(?P<n4>{_NAME})(?:,\s+(?:age\s+)?\d{{2}},)?\s+(?:has\s+been|was|will\s+be|is\s+being)\s+(?:appointed|elected|named|promoted)"
        rf"(?:\s+to\s+serve)?\s+(?:as\s+|to\s+(?:the\s+)?(?:position|office|role)\s+of\s+)?(?:(?:the\s+)?(?:Company|[Rr]egistrant)['’]s\s+|its\s+|our\s+|the\s+)?(?P<r4>{_ROLE})",
        ("appointed", "elected", "named", "promoted"),
    ),
    # "John Smith resigned as Chief Operating Officer", "Mr. Smith will retire as President"
    (
        rf"(?P<n5>{_NAME})\s+(?:resigned|retired|will\s+(?:retire|resign|step\s+down)|stepped\s+down)\s+(?:from\s+(?:his|her|their)\s+(?:position|role)s?\s+)?as\s+"
        rf"(?:(?:the\s+)?(?:Company|[Rr]egistrant)['’]s\s+|its\s+|our\s+)?(?P<r5>{_ROLE})",
        ("resigned", "retired", "will", "stepped"),
    ),
)


@functools.cache
def _person_pattern(forms: tuple[int, ...]) -> re.Pattern[str]:
    """The pattern of the forms numbered ``forms``, in their order. Every form starts with a
    capital or (the second) one of the verbs: checked first, it spares the engine trying the
    forms at each other character of a window."""
    # Only the second form starts with a verb: without it the check is one class, a tenth faster
    # per window than the class and the verbs (measured on the corpus's windows, 47 -> 43 us a filing).
    head = "(?=[A-Z]|appointed|named|elected|promoted|hired)" if 1 in forms else "(?=[A-Z])"
    return re.compile(head + "(?:" + "|".join(_PERSON_FORMS[i][0] for i in forms) + ")")


def _person_role_re() -> re.Pattern[str]:
    """The pattern of every form. The finder reads each window with only the forms it holds
    the words of (:func:`_person_matches`), so this whole pattern (~25 ms to compile) is made
    only when asked for, never at import."""
    return _person_pattern(tuple(range(len(_PERSON_FORMS))))


def _person_matches(text: str, low: str | None = None) -> Iterator[re.Match[str]]:
    """The matches of :func:`_person_role_re` around role words, each window read with the
    forms it holds the words of (a match lies within its window, so the others cannot match).
    ``low``: ``text`` lower-cased (see :func:`eightk.extract.hits.lowered`)."""
    for lo, hi in windows(text, _ROLE_ANCHOR, 80, 90, low):
        window = text[lo:hi]
        forms = tuple(i for i, (_, words) in enumerate(_PERSON_FORMS) if words is None or any(w in window for w in words))
        yield from _person_pattern(forms).finditer(text, lo, hi)


_SIG_RE = re.compile(r"/s/[ \t]*(?P<name>[^\n/]{3,60}?)[ \t]*$", re.M)
_TITLE_RE = re.compile(r"^[ \t]*(?:Title|Its)[ \t]*:[ \t]*(?P<title>[^\n]{2,80})$", re.M)
_CONT_RE = re.compile(r"\n(?P<ind>[ \t]{8,})(?P<more>[A-Z][^\n:]{2,60})$", re.M)


def _signature_title(text: str, pos: int) -> tuple[str, int, int] | None:
    """The "Title:" line within the next few lines of a signature, with a wrapped
    continuation line ("President and Chief" / "Operating Officer")."""
    window_end = pos
    for _ in range(6):
        nl = text.find("\n", window_end + 1)
        if nl < 0:
            window_end = len(text)
            break
        window_end = nl
    tm = _TITLE_RE.search(text, pos, window_end)
    if not tm:
        return None
    title, end = tm.group("title").strip(), tm.end("title")
    cm = _CONT_RE.match(text, tm.end())
    if cm and not re.match(r"\s*(?:Date|Name|By)\b", cm.group("more")):
        title, end = f"{title} {cm.group('more').strip()}", cm.end("more")
    return title, tm.start("title"), end

#: (Found from its words less their first letters, see :class:`~eightk.extract.hits.Needled`: the
#: class "[CPVDSTMGF]" had the engine try the words at every such capital, 77 us a filing on the
#: corpus's texts, where the searches take 42.)
_ROLE_ANCHOR = Needled(
    re.compile(
        r"[CPVDSTMGF](?:hief|resident|ice|hairman|hairwoman|hair|irector|ecretary|reasurer|ontroller|omptroller|eneral|EO|FO|OO|TO|rincipal|anaging|ounder|rustee)"
    ),
    tuple((w, 1) for w in ("hief", "resident", "ice", "hair", "irector", "ecretary", "reasurer", "ontroller",
                           "omptroller", "eneral", "EO", "FO", "OO", "TO", "rincipal", "anaging", "ounder", "rustee")),
)


def find_people(text: str, limit: int | None = None, *, low: str | None = None) -> Hits:
    """People named with a role, and signatories. ``low``: ``text`` lower-cased (see
    :func:`eightk.extract.hits.lowered`), which finds the role words faster."""
    hits: list[Hit] = Hits()
    horizon = None
    for m in _person_matches(text, low):
        if full(limit, hits):
            horizon = hits.pop().start
            break
        groups = m.groupdict()  # the groups of the forms the window's pattern holds
        for n, r in (("n1", "r1"), ("n2", "r2"), ("n3", "r3"), ("n4", "r4"), ("n5", "r5")):
            if groups.get(n) is None:
                continue
            name = " ".join(m.group(n).split())
            if any(w.rstrip(",") in _NOT_PERSON for w in name.split()):
                continue
            role = " ".join(m.group(r).split())
            hits.append(
                Hit(
                    "party",
                    m.start(n),
                    m.end(n),
                    m.group(n),
                    name,
                    attributes={"type": "person", "role": role, "role_span": [m.start(r), m.end(r)]},
                )
            )
    signed: list[Hit] = []
    for m in _SIG_RE.finditer(text):  # no endpos: "$" would match there
        if horizon is not None and m.start() >= horizon:
            break
        if full(limit, signed):
            horizon = signed.pop().start
            break
        name = " ".join(m.group("name").split())
        if not re.fullmatch(_NAME, name):
            continue
        attrs: dict[str, object] = {"type": "person", "signatory": True}
        t = _signature_title(text, m.end())
        if t:
            attrs["role"] = " ".join(t[0].split())
            attrs["role_span"] = [t[1], t[2]]
        signed.append(Hit("party", m.start("name"), m.end("name"), m.group("name"), name, attributes=attrs))
    return stopped([h for h in hits + signed if horizon is None or h.start < horizon], horizon)


def find_parties(text: str, limit: int | None = None, *, low: str | None = None) -> Hits:
    """Courts, organisations and people. ``low``: ``text`` lower-cased (see
    :func:`eightk.extract.hits.lowered`), which finds the role words faster."""
    courts, organisations = find_courts(text, limit), find_organisations(text, limit)
    people = find_people(text, limit, low=low)
    hits = list(courts)
    j, reach = 0, -1  # the furthest end of the courts starting at or before the organisation
    for h in organisations:  # both in text order
        while j < len(courts) and courts[j].start <= h.start:
            reach = max(reach, courts[j].end)
            j += 1
        if h.start >= reach:  # not inside a court's name
            hits.append(h)
    hits.extend(people)
    hits.sort(key=lambda h: h.start)
    horizon = horizon_of(courts, organisations, people)
    return stopped([h for h in hits if horizon is None or h.start < horizon], horizon)
