"""US states and territories -> USPS two-letter codes (the header's STATE OF INCORPORATION
uses the same codes). Domain table, not logic."""

from __future__ import annotations

import re

STATES: dict[str, str] = {
    "alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA",
    "colorado": "CO", "connecticut": "CT", "delaware": "DE", "district of columbia": "DC",
    "florida": "FL", "georgia": "GA", "hawaii": "HI", "idaho": "ID", "illinois": "IL",
    "indiana": "IN", "iowa": "IA", "kansas": "KS", "kentucky": "KY", "louisiana": "LA",
    "maine": "ME", "maryland": "MD", "massachusetts": "MA", "michigan": "MI", "minnesota": "MN",
    "mississippi": "MS", "missouri": "MO", "montana": "MT", "nebraska": "NE", "nevada": "NV",
    "new hampshire": "NH", "new jersey": "NJ", "new mexico": "NM", "new york": "NY",
    "north carolina": "NC", "north dakota": "ND", "ohio": "OH", "oklahoma": "OK", "oregon": "OR",
    "pennsylvania": "PA", "rhode island": "RI", "south carolina": "SC", "south dakota": "SD",
    "tennessee": "TN", "texas": "TX", "utah": "UT", "vermont": "VT", "virginia": "VA",
    "washington": "WA", "west virginia": "WV", "wisconsin": "WI", "wyoming": "WY",
    "puerto rico": "PR", "guam": "GU", "virgin islands": "VI", "u.s. virgin islands": "VI",
    "american samoa": "AS", "northern mariana islands": "MP",
}
# Abbreviations printed on covers ("Del.", "Calif.", "Mass.").
ABBREVIATIONS: dict[str, str] = {
    "ala": "AL", "ariz": "AZ", "ark": "AR", "cal": "CA", "calif": "CA", "colo": "CO", "conn": "CT",
    "del": "DE", "fla": "FL", "ga": "GA", "ill": "IL", "ind": "IN", "kan": "KS", "kans": "KS",
    "ky": "KY", "la": "LA", "md": "MD", "mass": "MA", "mich": "MI", "minn": "MN", "miss": "MS",
    "mo": "MO", "mont": "MT", "neb": "NE", "nebr": "NE", "nev": "NV", "okla": "OK", "ore": "OR",
    "oreg": "OR", "pa": "PA", "penn": "PA", "tenn": "TN", "tex": "TX", "va": "VA", "vt": "VT",
    "wash": "WA", "wis": "WI", "wisc": "WI", "wyo": "WY", "n.y": "NY", "n.j": "NJ", "n.c": "NC",
    "s.c": "SC", "d.c": "DC",
}
CODES = frozenset(STATES.values())
_SPACE = re.compile(r"\s+")


def state_code(raw: str | None) -> str | None:
    """'Delaware' / 'DELAWARE' / 'Del.' / 'DE' -> 'DE'; None when ``raw`` names no US state."""
    if not raw:
        return None
    s = _SPACE.sub(" ", raw.strip().strip(".,;:()").strip()).lower()
    # re.sub(r"^(the )?state of ", "", s), then the same for "commonwealth of ", as prefix tests
    for prefix in ("the state of ", "state of "):
        if s.startswith(prefix):
            s = s[len(prefix):]
            break
    if s.startswith("commonwealth of "):
        s = s[len("commonwealth of "):]
    if s in STATES:
        return STATES[s]
    if s.upper() in CODES and len(s) == 2:
        return s.upper()
    key = s.rstrip(".")
    if key in ABBREVIATIONS:
        return ABBREVIATIONS[key]
    return None


_STATE_NAMES = re.compile(
    r"\b(" + "|".join(re.escape(n) for n in sorted(STATES, key=len, reverse=True)) + r")\b", re.I
)
_CODE_RE = re.compile(r"\b([A-Z]{2})\b")


def find_state(text: str) -> tuple[str, int, int] | None:
    """The last US state name or two-letter code in ``text`` (addresses end with it)."""
    best = None
    # longest names first in the alternation, so "West Virginia" is one match, not "Virginia"
    for m in _STATE_NAMES.finditer(text):
        best = (STATES[m.group(1).lower()], m.start(), m.end())
    if best is not None:
        return best
    for m in _CODE_RE.finditer(text):
        if m.group(1) in CODES:
            best = (m.group(1), m.start(), m.end())
    return best
