"""The officer_director_change reader (item 5.02; legacy item 6; officer news in legacy item 5).

An item is read sentence by sentence. A sentence's action words ("appointed", "elected",
"will retire", "resigned", "employment agreement") are given to the person named nearest to
them (a surname or a pronoun refers back to the full name printed before), so one sentence can
carry a successor's appointment and a predecessor's retirement: two changes. For each person
and action the reader keeps the titles printed in that person's clause, the date the change
takes effect (a date after "effective" wins over the date of the announcement), the reason of
a departure, and the age printed with the name. A compensation sentence ("entered into an
employment agreement with ...") gives a ``compensation`` change to a named officer only when
nothing else happens to them in the item.

Every attribute keeps the span it was read from (``changes.0.person``, ``changes.0.positions.1``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from eightk.extract.ev_text import find_at_heads, word_heads, word_start
from eightk.extract.people import TABLE_ROW, Mention, People, find_people, roles_in
from eightk.model import Fact, Span

if TYPE_CHECKING:
    from eightk.extract.events import Context, ItemRef

#: Action words -> (action, reason). Checked in this order; a word matches once.
_CUE_PATTERNS: list[tuple[str, str, str | None]] = [
    (r"\bdefer(?:s|red|ring)?\s+(?:his|her|their)\s+(?:retirement|resignation|departure)", "other", None),
    (r"\b(?:search\s+for|finding|find|identify(?:ing)?)\s+(?:a\s+|his\s+|her\s+)?(?:permanent\s+)?successor", "departed", None),
    ((r"\b(?:passed\s+away|died|death)\b"), "departed", "death"),
    ((r"\b(?:terminat(?:ed|ion|e)|dismiss(?:ed|al)|removed|removal)\b(?!\s+(?:of\s+)?(?:the\s+|this\s+|his\s+|her\s+)?"
                r"(?:\w+\s+){0,2}(?:agreements?|plans?|arrangements?|provisions?|protection|benefits?|payments?))"), "departed", "termination"),
    ((r"\b(?:retire(?:d|s|ment)?|retiring)\b(?!\s+(?:plans?|savings|benefits?|eligib\w+|income|accounts?|programs?|medical))"),
     "departed", "retirement"),
    ((r"\bresign(?:ed|s|ation|ing)?\b"), "departed", "resignation"),
    ((r"\b(?:step(?:s|ped|ping)?\s+down|depart(?:ed|ure|ing|s)?|relinquish\w*|(?:will\s+)?leav(?:e|ing)\s+(?:the\s+(?:Company|Board)|(?:his|her|their)\s+positions?)"
                r"|(?:not|decided\s+not)\s+to\s+(?:stand|seek|run)\s+for\s+re-?election|(?:will\s+)?not\s+(?:stand|seek|run)\s+for\s+re-?election"
                r"|ceas(?:e|ed|es)\s+(?:to\s+serve|serving|to\s+be)|separat(?:ed|ion)\s+from)\b"), "departed", None),
    ((r"\b(?<!re-)(?<!re)elect(?:ed|ion|s)?\b(?!\s+(?:as\s+)?(?:of\s+)?(?:to\s+)?(?:defer|receive|participate))"), "elected", None),
    ((r"\b(?:appoint(?:ed|ment|s)?|named(?!\s+executive\s+officers?\b)|promot(?:ed|ion)|hired)\b"), "appointed", None),
    # weaker words: an appointment only when a title follows ("will become Chief Operating Officer")
    ((r"\b(?:(?:will|to)\s+succeed|succeeding|(?:will\s+)?bec(?:o|a)me(?!\s+effective)|becomes(?!\s+effective)|"
                r"(?<!continue\s)(?<!continues\s)(?:will|to)\s+(?:serve|join)\s+as|(?:transition|move)\s+to\s+the\s+(?:role|position)\s+of|will\s+join|assum(?:e|ed|es|ing)\s+the\s+(?:role|position|title|duties)s?)\b"), "appointed?", None),
    ((r"\b(?:employment|offer|retention|severance|consulting|transition|separation|change[\s-](?:in|of)[\s-]control|award)\s+"
                r"(?:letter\s+|benefits\s+)?agreements?|\boffer\s+letter|\bcompensat\w+\b(?!\s+(?:and\s+\w+\s+(?:\w+\s+)?)?Committee)|\bbonus(?:es)?\b|\bbase\s+salary|\bsalary\b|"
                r"\b(?:equity|stock|option|RSU|PSU|retention|incentive|sign-on|signing)\s+(?:award|grant)s?|\bawards?\b|\bgrant(?:ed)?\b"),
     "compensation", None),
]
# Action words are matched on the lower-cased text (case-insensitive matching is several times
# slower); the patterns use no upper-case escapes, so lower-casing them is safe.
assert not any(re.search(r"\\[A-Z]", p) for p, _, _ in _CUE_PATTERNS)
#: (pattern, action, reason, the words its matches start with): a cue is tried only where one
#: of its words starts (ev_text.find_at_heads; a text without them is not searched at all).
_CUES = [(re.compile(word_start(p.lower())), action, reason, word_heads(p.lower())) for p, action, reason in _CUE_PATTERNS]
# (The patterns searched along a stretch of text, most of them before a word ("...$"), start
# with a check of the letters their matches start with, "(?=[sri])": the engine then passes over
# other characters at once, where it tried each alternative at each one. The same matches
# (tests/test_ev_speed_patterns.py compares them). Measured on 40-character stretches of the
# corpus's 5.02 items: _SUCCEEDED, _CURRENT, _EFFECTIVE and _CONDITIONAL_BEFORE in 0.4-0.65
# of the time; read_changes in 0.92-0.98.)
#: A name right after these is the one being succeeded, not the one appointed.
_SUCCEEDED = re.compile(r"(?=[sri])(?:succeed(?:s|ed|ing)?|replac(?:e|es|ed|ing)|successor\s+to|in\s+place\s+of)\s+(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?$", re.I)
#: Words between two people that start another clause: the second is no object of the verb.
_OTHER_CLAUSE = re.compile(r"\b(?:will|who|which|whom|to|by|with|from|of\s+(?:Mr|Ms|Mrs|Dr)|reporting|replac\w+|succeed\w*|following|"
                           r"resign\w*|retire\w*|notified|informed|announced)\b", re.I)
_LIST_END = re.compile(r"(?:,|\band|&)\s*(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?$")
_AS = re.compile(r"\bas\s+|\bto\s+the\s+(?:position|office|role)s?\s+of\s+")
_PRONOUN = re.compile(r"\b(?:he|she|his|her|him)\b", re.I)
#: Passive voice before an appointment word: the person is the subject before it.
_PASSIVE = re.compile(r"\b(?:was|were|been|be|is|are|being|who\s+was)\s+(?:\w+\s+)?$", re.I)
#: Between an active appointment word and its object (the person it names).
_TO_OBJECT = re.compile(r"\s*(?:of\s+|to\s+|with\s+|for\s+)?(?:(?:Mr|Ms|Mrs|Dr|Messrs)\.?\s+)?$")
#: A sentence about a person's past (a biography), whose action words are not this item's news.
_BIO = re.compile(r"\b(?:previously|prior\s+to\s+(?:joining|that|this)|served\s+as|from\s+(?:19|20)\d\d|since\s+(?:19|20)\d\d|"
                  r"in\s+(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?(?:19|20)\d\d\b|"
                  r"career|experience|graduated|degree|received\s+(?:a|an|his|her)\b)", re.I)
_NEWS = re.compile(r"(?=[wehanitB])\b(?:will|effective|has\s+been|have\s+been|announced|notified|informed|Board|today)\b")
#: Words before a departure word that make it a term of an agreement, not an event.
_CONDITIONAL_BEFORE = re.compile(r"(?=[iuemcdgrpfoqvab])\b(?:if|in\s+the\s+event|upon|entitled|may|might|could|can|means|defined|good\s+reason|eligible|right\s+to|provides?|following|prior\s+to|unless|"
                                 r"other\s+than|qualifying|involuntar\w*|voluntar\w*|event\s+of|due\s+to|until|after|before|date\s+of|any)\b[^.;]{0,40}$", re.I)
#: "(ii) removal from the position of ...": an item of a list of terms (a "good reason" definition).
_ENUMERATED = re.compile(r"\(\s*(?:[ivx]+|[a-h])\s*\)\s*$")
_IF = re.compile(r"(?=[iuw])\b(?:if|in\s+the\s+event|unless|whether)\b", re.I)
_CONDITIONAL_AFTER = re.compile(r"\s*(?:of\s+(?:his|her|their|the\s+executive['’]s)\s+employment\s+)?(?:for|without)\s+(?:good\s+reason|cause)\b|\s+benefits?\b", re.I)
_CURRENT = re.compile(r"(?=[cfpmsw])(?:currently|current|formerly|previously|former|most\s+recently|serv(?:es|ed|ing)\s+as|since|who\s+is|who\s+was)\s+"
                      r"(?:(?:the|our|its|a|an)\s+)?(?:(?:Company|Registrant|Firm)['’]s\s+)?$", re.I)
#: A title that belongs to someone else: "Advisor to the Chief Executive Officer".
_OTHERS_ROLE = re.compile(r"\b(?:to|reporting\s+to|report\s+to)\s+(?:the\s+)?(?:[A-Z][\w.&-]*['’]s\s+)?(?:then-current\s+)?$")
_EFFECTIVE = re.compile(r"(?=[easbcl])(?:effective|as\s+of|effective\s+as\s+of|beginning|starting|commencing|last\s+day\s+(?:[\w’']+\s+){0,4}(?:will\s+be|is|was))\s+(?:on\s+)?(?:the\s+close\s+of\s+business\s+on\s+)?(?:the\s+)?$", re.I)
_IMMEDIATE = re.compile(r"(?=[ew])(?:\beffective\s+immediately\b|\bwith\s+immediate\s+effect\b|\beffective\s+(?:as\s+of\s+)?(?:that|such|the\s+same)\s+date\b)", re.I)
_NOTICE = re.compile(r"(?=[iwpeda])\b(?:is\s+(?:resigning|retiring|stepping|leaving)|will|intends?|intention|plans?|expects?|decision|decided|would|anticipate[sd]?)\b", re.I)
_SAME_DATE = re.compile(r"(?=[st])\b(?:same|such|that)\s+date\b", re.I)
_DATED = re.compile(r"(?=[d])\bdated\s+(?:as\s+of\s+)?$", re.I)
#: Sentences of the 5.02 boilerplate (no arrangements, no family relationships, Item 404):
#: their words ("selected as a director") are no news.
#: A sentence about a successor still to be found: its appointment words name nobody.
#: "Ms. Roe's successor": the one appointed is not Ms. Roe.
_SUCCESSOR_OF = re.compile(r"['’]s?\s+(?:\w+\s+)?successor", re.I)
_NO_APPOINTMENT = re.compile(r"\buntil\s+(?:a|the\s+appointment\s+of)\s+(?:\w+['’]s\s+)?(?:permanent\s+)?successor|\bsearch\s+for\s+a|\bsuccessor\s+(?:is|has\s+been|will\s+be)\s+"
                             r"(?:named|appointed|elected)", re.I)
_AGREEMENT = re.compile(r"\bagreement\b|\bpursuant\s+to\s+which\b|\bhas\s+agreed\b", re.I)
_BOILERPLATE = re.compile(r"arrangements?\s+or\s+understandings?|understandings?\s+or\s+arrangements?|family\s+relationships?|"
                          r"Item\s+404|related[\s-]+(?:party|person)", re.I)
_DISAGREEMENT = re.compile(r"\bdisagreement", re.I)
_NEGATED = re.compile(r"\b(?:no|not|any|without|neither|nor)\b", re.I)
#: A defined date term: 'April 17, 2023 (the "Separation Date")'; later uses of it are that date.
_DATE_TERM = re.compile(r"\s*\(\s*(?:the\s+|such\s+)?[\"“](?P<term>[A-Z][\w ]{0,30}?)[\"”]\s*\)")
#: A sentence ends at a full stop before a capital, but not after an initial or an abbreviation.
_SENT_END = re.compile(r"\.(?<![A-Z]\.[A-Z]\.)(?<![\s.(][A-Z]\.)(?<!\bInc\.)(?<!\bCo\.)(?<!\bNo\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bMessrs\.)"
                       r"(?<!\bMrs\.)(?<!\bDr\.)(?<!\bJr\.)(?<!\bSr\.)\s+(?=[A-Z(\"“])")
_PARAGRAPH = re.compile(r"\n[ \t\r]*\n\s*")
#: The item's own title ("Departure of Directors or Certain Officers; Election of Directors; ..."),
#: whose words are no news: its spans are masked from the action words.
_HEADING = re.compile(
    r"(?:Departure|Election|Appointment|Resignations?|Compensatory\s+Arrangements?)\s+of\s+(?:Directors|Certain|Principal|Registrant['’]s)"
    r"(?:\s+(?:or\s+)?(?:Certain\s+|Principal\s+)?(?:Officers|Directors))?"
)

#: The sentence tests above, for the lower-cased text: case-insensitive matching is several
#: times slower, and an item is read sentence by sentence. Lower-casing keeps the matches where
#: it keeps the length and the text has no dotless i or long s (the only characters that the
#: engine folds to a letter other than their lower case; checked over every code point).
class _Test(NamedTuple):
    """A sentence test as :meth:`_Reader._says` reads it: its pattern, the same for the
    lower-cased text, and words one of which every match of that holds (a sentence none of
    them is in is not searched: most sentences are no boilerplate, and a few substring
    searches cost a fraction of one search of the pattern, measured). (Not a dict keyed by
    the pattern: a compiled pattern's hash reads its code at each look-up, 2 us, measured.)"""

    rx: re.Pattern[str]
    low: re.Pattern[str]
    needles: tuple[str, ...] | None


def _test(rx: re.Pattern[str], needles: tuple[str, ...] | None = None) -> _Test:
    return _Test(rx, re.compile(word_start(rx.pattern.lower())), needles)


# (keep the needles in step with the patterns)
_SAYS_BOILERPLATE = _test(_BOILERPLATE, ("arrangement", "family", "404", "related"))
_SAYS_NO_APPOINTMENT = _test(_NO_APPOINTMENT, ("successor", "search"))
_SAYS_AGREEMENT = _test(_AGREEMENT, ("agreement", "pursuant", "agreed"))
_SAYS_BIO = _test(_BIO)
_SENTENCE_TESTS = (_SAYS_BOILERPLATE, _SAYS_NO_APPOINTMENT, _SAYS_AGREEMENT, _SAYS_BIO)
assert not any(re.search(r"\\[A-Z]", t.rx.pattern) or re.search(r"\[[^\]]*[A-Za-z]", re.sub(r"\\.", "", t.rx.pattern))
               for t in _SENTENCE_TESTS)  # no upper-case escapes, no letters in classes
assert all(w in t.rx.pattern.lower() for t in _SENTENCE_TESTS for w in t.needles or ())
#: The dotless i and the long s (two substring tests: a text without characters past Latin-1,
#: most items, is answered at once; a search of the class read every character: on the
#: corpus's 5.02 items 0.5 ms, now 0.02).
_FOLDS = ("\u0131", "\u017f")


def _lowered(text: str, low: str | None = None) -> str | None:
    """``text`` lower-cased when the sentence tests' lower-cased patterns (:class:`_Test`) find
    in it what theirs find in ``text``. ``low``: ``text.lower()``, when the caller has it."""
    low = text.lower() if low is None else low
    return low if len(low) == len(text) and not any(c in text for c in _FOLDS) else None


_Cue = tuple[int, int, str, str | None]
#: How far after a compensation word the named rows of a table (of awards, salaries) are read.
_TABLE_REACH = 1500


@dataclass
class _Change:
    person: str
    action: str
    mention: Mention
    cue: tuple[int, int]
    reason: tuple[str, int, int] | None = None
    sentences: list[tuple[int, int]] = field(default_factory=list)
    positions: list[tuple[str, int, int]] = field(default_factory=list)
    #: The (mention, action word, sentence, sentence's mentions, sentence's action words) of
    #: each time the change was read, whose titles are added to ``positions`` in that order
    #: once the item is read (:meth:`_Reader.ordered`): a compensation change that a person's
    #: other change drops needs none (a quarter of the changes, measured), and the titles of
    #: one reading depend only on the text, these and ``action``, never on earlier readings.
    readings: list[tuple[Mention, tuple[int, int], tuple[int, int], list[Mention], list[_Cue]]] = field(default_factory=list)

    def read_positions(self, text: str) -> None:
        """``positions``: the titles of each reading, in order, each title once."""
        for m, cue, sent, mentions, cues in self.readings:
            known = [q[0] for q in self.positions]
            self.positions += [p for p in _positions(text, self, m, cue, sent, mentions, cues) if p[0] not in known]
        self.readings = []


def _sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence (a paragraph break ends one too)."""
    ends = sorted([(m.start() + 1, m.end()) for m in _SENT_END.finditer(text)] + [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)])
    out, lo = [], 0
    for end, nxt in ends:
        if end < lo:
            continue
        if end > lo:
            out.append((lo, end))
        lo = nxt
    if lo < len(text):
        out.append((lo, len(text)))
    return out


def _all_cues(text: str, low: str | None = None) -> list[_Cue]:
    """Every action word of the text (a word matches once, the first rule of ``_CUES`` wins;
    the item's title masks its words), in text order. ``low``: ``text.lower()``, when the
    caller has it."""
    taken: list[_Cue] = [(m.start(), m.end(), "", None) for m in _HEADING.finditer(text)]
    spans = sorted((s, e) for s, e, _, _ in taken)
    low = text.lower() if low is None else low
    low = low if len(low) == len(text) else text  # keep offsets exact
    for rx, action, reason, heads in _CUES:
        for m in rx.finditer(low) if heads is None else find_at_heads(rx, low, heads):
            i = bisect.bisect_left(spans, (m.end(), -1))
            if i and spans[i - 1][1] > m.start():
                continue
            taken.append((m.start(), m.end(), action, reason))
            bisect.insort(spans, (m.start(), m.end()))
    return sorted(c for c in taken if c[2])


def _cues(text: str, all_cues: list[_Cue], starts: list[int], lo: int, hi: int) -> list[_Cue]:
    """The action words of the sentence ``[lo, hi)``, less departures that are terms of an agreement."""
    out = []
    for c in all_cues[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]:
        if c[2] == "departed" and _conditional(text, c[0], c[1], lo):
            continue
        out.append(c)
    return out


def _conditional(text: str, start: int, end: int, lo: int) -> bool:
    """A departure word in a term of an agreement ("upon a termination without cause")."""
    return bool(_CONDITIONAL_BEFORE.search(text[max(lo, start - 50) : start]) or _CONDITIONAL_AFTER.match(text, end)
                or _IF.search(text, lo, start) or _ENUMERATED.search(text[max(lo, start - 12) : start]))


_LIST_GAP = re.compile(r"(?:\s*,\s*(?:age\s+)?\d{2}\s*)?\s*(?:,|and|&|,\s*and)\s*(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?")


def _before(text: str, mentions: list[Mention], pos: int, lo: int, last: Mention | None) -> list[Mention]:
    """The person named nearest before ``pos`` in the sentence with those listed with them
    ("Jane Roe, 52, and John Doe, 60, have been elected"), else the last one named before the
    sentence when a pronoun stands for them."""
    before = [m for m in mentions if m.end <= pos and m.start >= lo]
    if not before:
        return [last] if last is not None and _PRONOUN.search(text, lo, pos) else []
    out = [before[-1]]
    for m in reversed(before[:-1]):
        if not _LIST_GAP.fullmatch(text, m.end, out[-1].start):
            break
        out.append(m)
    return out[::-1]


def _after(text: str, mentions: list[Mention], pos: int, hi: int) -> list[Mention]:
    """The people an active verb names after it, up to the next action word: "appointed Jane
    Roe, President, Retail, and John Doe as Co-Presidents, and Ann Poe as Treasurer"."""
    out: list[Mention] = []
    for m in mentions:
        if m.start < pos or m.start >= hi:
            continue
        gap = text[out[-1].end if out else pos : m.start]
        if not out:
            t = _TO_OBJECT.match(gap)
            if len(gap) > 40 or ";" in gap or t is None or t.end() != len(gap):
                break
        elif ";" in gap or len(gap) > 160 or not _LIST_END.search(gap) or _OTHER_CLAUSE.search(gap):
            break
        out.append(m)
    return out


def _assign(text: str, sent: tuple[int, int], mentions: list[Mention], cues: list[_Cue],
            last: Mention | None) -> list[tuple[Mention, _Cue]]:
    """Each action word of the sentence with the person it concerns: the object of an active
    appointment ("appointed Jane Roe"), else the subject before it ("Jane Roe will retire", "Jane
    Roe was appointed"), a pronoun's subject in an earlier sentence included. Compensation words
    go to every person of a sentence without another action word."""
    out: list[tuple[Mention, _Cue]] = []
    strong = [c for c in cues if c[2] != "compensation"]
    for c in strong:
        if c[2].startswith("appointed"):
            mentions = [m for m in mentions if not _SUCCESSOR_OF.match(text, m.end)]
        objects = _after(text, mentions, c[1], sent[1]) if c[2] != "appointed?" else []
        if objects and not _PASSIVE.search(text[max(sent[0], c[0] - 20) : c[0]]):
            out += [(m, c) for m in objects if c[2] == "departed" or not _SUCCEEDED.search(text[max(0, m.start - 30) : m.start])]
            continue
        pool = mentions if c[2] == "departed" else [m for m in mentions if not _SUCCEEDED.search(text[max(0, m.start - 30) : m.start])]
        subjects = _before(text, pool, c[0], sent[0], last)
        out += [(m, c) for m in subjects]
    if not strong and cues:
        out += [(m, cues[0]) for m in mentions]
    return out


def _positions(text: str, ch: _Change, m: Mention, cue: tuple[int, int], sent: tuple[int, int],
               mentions: list[Mention], cues: list[_Cue]) -> list[tuple[str, int, int]]:
    """The titles of a change: after its action word up to the next person or action word
    ("appointed Jane Roe as Chief Financial Officer"); else those printed with the name
    ("Jane Roe, the Company's Chief Financial Officer, resigned"), else just before it."""
    end = m.end
    for o in mentions:  # past the others listed with the person ("elected Jane Roe and John Doe as directors")
        if o.start >= end and _LIST_GAP.fullmatch(text, end, o.start):
            end = o.end
    lo = max(cue[1], end) if m.start >= cue[1] else cue[1]
    others = [o for o in mentions if o.name != m.name and not _SUCCEEDED.search(text[max(0, o.start - 30) : o.start])]
    stops = [o.start for o in others if o.start >= lo] + [c[0] for c in cues if c[0] >= lo and c[2] != "appointed?"]
    hi = min(stops + [sent[1], lo + 200])
    if ch.action in ("appointed", "elected"):  # "appointed Jane Roe, the current Treasurer, as ...": after "as"
        as_ = _AS.search(text, max(cue[1], m.end) if m.start >= cue[1] else cue[1], hi)
        if as_:
            lo = as_.end()
    found = _titles(text, lo, hi, ch.action)
    if not found and sent[0] <= m.start < sent[1]:
        stops = [o.start for o in mentions if o.start >= m.end and o.name != m.name] + [c[0] for c in cues if c[0] >= m.end]
        found = _titles(text, m.end, min(stops + [sent[1], m.end + 150]), "departed")
        if not found:
            found = _titles(text, max(sent[0], m.start - 60), m.start, "departed")
    return found


def _titles(text: str, lo: int, hi: int, action: str) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    for role, s, e in roles_in(text, lo, hi):
        if role in [f[0] for f in found]:
            continue
        if action != "departed" and _CURRENT.search(text[max(0, s - 40) : s]):
            continue
        if _OTHERS_ROLE.search(text[max(0, s - 40) : s]):
            continue
        if text[e : e + 1] == "s" and role.lower().endswith("director"):
            continue
        found.append((role, s, e))
    return found


def _date_terms(text: str, dates: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Uses of a defined date term ("the Effective Date") as dates of their own."""
    more = []
    for value, _, end in dates:
        m = _DATE_TERM.match(text, end)
        if m:
            # (word_start: the term's first letter found, not its boundary tried at every
            # character; the corpus's 12 terms read in 0.12 ms, 1.2 before)
            for use in re.finditer(word_start(rf"\b{re.escape(m.group('term'))}\b"), text):
                if use.start() != m.start("term"):
                    more.append((value, use.start(), use.end()))
    return sorted(dates + more, key=lambda d: d[1])


def _effective(text: str, d: tuple[str, int, int], lo: int) -> bool:
    before = text[max(lo, d[1] - 45) : d[1]]
    return bool(_EFFECTIVE.search(before)) and not _DATED.search(before[: len(before) - len(before.lstrip())] or before)


def _date(text: str, ch: _Change, dates: list[tuple[str, int, int]], named: list[tuple[int, int]],
          pay_dated: tuple[str, int, int] | None = None) -> tuple[str, int, int] | None:
    """The date the change takes effect: a date after "effective" (or right after the action
    word) in one of its sentences; else the first date of its first sentence, unless that
    sentence announces a later change (then, or when no sentence of the change has a date, a
    sentence naming the person with an effective date)."""
    if ch.action == "compensation":
        return _pay_date(text, ch, dates, pay_dated)
    first = None
    for n, (lo, hi) in enumerate(ch.sentences):
        inside = [d for d in dates if lo <= d[1] < hi]
        for d in inside:
            if _effective(text, d, lo) and not _DATED.search(text[max(lo, d[1] - 20) : d[1]]):
                return d
        if n == 0 and inside:
            after = [d for d in inside if 0 <= d[1] - ch.cue[1] <= 60]
            if after:
                return after[0]
            if _IMMEDIATE.search(text, lo, hi) or not _NOTICE.search(text, lo, hi):
                first = inside[0]
        if n == 0 and not inside and _SAME_DATE.search(text, lo, hi):
            earlier = [d for d in dates if d[1] < lo]
            first = earlier[-1] if earlier else None
    if first is None:
        for lo, hi in named:
            for d in dates:
                if lo <= d[1] < hi and _effective(text, d, lo):
                    return d
    return first


def _pay_date(text: str, ch: _Change, dates: list[tuple[str, int, int]],
              pay_dated: tuple[str, int, int] | None) -> tuple[str, int, int] | None:
    """A compensation change's date: one after "effective" in its sentences, else the first
    date of its first dated sentence, else that of the item's first sentence on compensation."""
    own = [d for lo, hi in ch.sentences for d in dates if lo <= d[1] < hi and not _DATED.search(text[max(lo, d[1] - 20) : d[1]])]
    sent_of = {d: next(lo for lo, hi in ch.sentences if lo <= d[1] < hi) for d in own}
    return next((d for d in own if _effective(text, d, sent_of[d])), own[0] if own else pay_dated)


def _reason(text: str, ch: _Change) -> tuple[str, int, int] | None:
    if ch.action != "departed":
        return None
    for lo, hi in ch.sentences:
        for m in _DISAGREEMENT.finditer(text, lo, hi):
            if not _NEGATED.search(text[max(lo, m.start() - 60) : m.start()]):
                return ("disagreement", m.start(), m.end())
    return ch.reason


class _Reader:
    """One item's reading: the people, the dates and the changes found so far."""

    def __init__(self, text: str, facts: list[Fact], offset: int) -> None:
        self.text = text
        self.people = find_people(text, [f for f in facts if f.kind == "party"], offset)
        self.starts = [m.start for m in self.people.mentions]  # (the mentions are in text order)
        dates = [(str(f.value), f.span.start - offset, f.span.end - offset) for f in facts if f.kind == "date" and f.value]
        self.dates = _date_terms(text, dates)
        lowered = text.lower()
        self.all_cues = _all_cues(text, lowered)
        self.low = _lowered(text, lowered)
        self.cue_starts = [c[0] for c in self.all_cues]
        self.changes: dict[tuple[str, str], _Change] = {}
        self.last: Mention | None = None  # the last person named, for a pronoun
        self.pay: tuple[_Cue, tuple[int, int]] | None = None  # the last compensation word, for a table after it
        self.pay_dated: tuple[str, int, int] | None = None  # the first date of a sentence on compensation
        self.named: dict[str, list[tuple[int, int]]] = {}

    def sentence(self, sent: tuple[int, int]) -> None:
        text = self.text
        mentions = self.people.mentions[bisect.bisect_left(self.starts, sent[0]) : bisect.bisect_left(self.starts, sent[1])]
        for m in mentions:
            self.named.setdefault(m.name, []).append(sent)
        cues = self._cues(sent, mentions)
        inherited = bool(cues) and self.pay is not None and cues[0] is self.pay[0] and sent != self.pay[1]
        for m, cue in _assign(text, sent, mentions, cues, self.last) if cues else []:
            ch = self._change(m, cue, sent, mentions, cues)
            if ch is None:
                continue
            if inherited and self.pay is not None and self.pay[1] not in ch.sentences:
                ch.sentences.append(self.pay[1])
            if sent not in ch.sentences:
                ch.sentences.append(sent)
            ch.readings.append((m, (cue[0], cue[1]), sent, mentions, cues))
        if mentions:
            self.last = mentions[-1]

    def _cues(self, sent: tuple[int, int], mentions: list[Mention]) -> list[_Cue]:
        """The sentence's action words, less those of boilerplate, of a biography or of a
        successor still to be named; the rows of a table after a compensation word take it."""
        text = self.text
        cues = [] if self._says(_SAYS_BOILERPLATE, sent) else _cues(text, self.all_cues, self.cue_starts, *sent)
        if cues and self._says(_SAYS_NO_APPOINTMENT, sent):
            cues = [c for c in cues if not c[2].startswith("appointed")]
        if cues and self._says(_SAYS_AGREEMENT, sent):  # "under the agreement, Ms. Roe will serve as ...": a term
            cues = [c for c in cues if c[2] != "appointed?"]
        pay = [c for c in cues if c[2] == "compensation"]
        if pay:
            self.pay = (pay[-1], sent)
            if self.pay_dated is None:
                self.pay_dated = next((d for d in self.dates if sent[0] <= d[1] < sent[1] and not _DATED.search(text[max(0, d[1] - 20) : d[1]])), None)
        near = self.pay is not None and sent[0] - self.pay[0][1] < _TABLE_REACH
        if not cues and near and self.pay is not None and any(TABLE_ROW.match(text, m.end) for m in mentions):
            cues = [self.pay[0]]
        if cues and self._says(_SAYS_BIO, sent) and not _NEWS.search(text, *sent):
            cues = [c for c in cues if c[2] == "compensation"]
        return cues

    def _says(self, test: _Test, sent: tuple[int, int]) -> bool:
        """Whether the case-insensitive pattern of ``test`` matches in the sentence."""
        low = self.low
        if low is None:
            return bool(test.rx.search(self.text, *sent))
        needles = test.needles
        if needles is not None:
            lo, hi = sent
            for w in needles:
                if low.find(w, lo, hi) >= 0:
                    break
            else:  # a match within the sentence would hold one of them
                return False
        return bool(test.low.search(low, *sent))

    def _change(self, m: Mention, cue: _Cue, sent: tuple[int, int], mentions: list[Mention], cues: list[_Cue]) -> _Change | None:
        """The change a person's action word makes or adds to (a weak appointment word counts
        only with a title after it; "elected" and "appointed" of one person are one change)."""
        action = cue[2].rstrip("?")
        elected_or_appointed = [a for a in ("appointed", "elected") if (m.name, a) in self.changes]
        if cue[2] == "appointed?" and not elected_or_appointed:
            probe = _Change(m.name, action, m, (cue[0], cue[1]))
            if not _positions(self.text, probe, m, (cue[0], cue[1]), sent, mentions, cues):
                return None
        if action in ("appointed", "elected") and elected_or_appointed:
            action = elected_or_appointed[0]
        ch = self.changes.get((m.name, action))
        if ch is None:
            ch = self.changes[(m.name, action)] = _Change(m.name, action, m, (cue[0], cue[1]))
        if ch.reason is None and cue[3]:
            ch.reason = (cue[3], cue[0], cue[1])
        return ch

    def ordered(self) -> list[_Change]:
        """The changes in the order the item names them; a compensation change only for a
        person with no other change (the terms of an appointment are part of it)."""
        acted = {name for name, action in self.changes if action != "compensation"}
        out = [c for c in self.changes.values() if c.action != "compensation" or c.person not in acted]
        for c in out:
            c.read_positions(self.text)
        return sorted(out, key=lambda c: (c.action == "compensation", c.mention.start))


def read_changes(text: str, facts: list[Fact], offset: int = 0) -> tuple[list[dict[str, Any]], dict[str, tuple[int, int]]]:
    """The changes of an item's text: the records and the (item-relative) span of each attribute."""
    r = _Reader(text, facts, offset)
    for sent in _sentences(text):
        r.sentence(sent)
    return _records(text, r.ordered(), r.people, r.dates, r.named, r.pay_dated)


def _records(text: str, changes: list[_Change], people: People, dates: list[tuple[str, int, int]],
             named: dict[str, list[tuple[int, int]]],
             pay_dated: tuple[str, int, int] | None) -> tuple[list[dict[str, Any]], dict[str, tuple[int, int]]]:
    records: list[dict[str, Any]] = []
    spans: dict[str, tuple[int, int]] = {}
    for i, ch in enumerate(changes):
        rec: dict[str, Any] = {"person": ch.person, "action": ch.action}
        spans[f"changes.{i}.person"] = (ch.mention.start, ch.mention.end)
        spans[f"changes.{i}.action"] = ch.cue
        if ch.positions:
            rec["positions"] = [p[0] for p in ch.positions]
            for j, p in enumerate(ch.positions):
                spans[f"changes.{i}.positions.{j}"] = (p[1], p[2])
        d = _date(text, ch, dates, named.get(ch.person, []), pay_dated)
        if d:
            rec["effective_date"] = d[0]
            spans[f"changes.{i}.effective_date"] = (d[1], d[2])
        r = _reason(text, ch)
        if r:
            rec["reason"] = r[0]
            spans[f"changes.{i}.reason"] = (r[1], r[2])
        age = people.ages.get(ch.person)
        if age:
            rec["age"] = age[0]
            spans[f"changes.{i}.age"] = (age[1], age[2])
        records.append(rec)
    return records, spans


def officer_director_change(it: ItemRef, facts: list[Fact], ctx: Context) -> dict[str, Any]:
    """The attributes of an officer_director_change event: ``changes``, with the span of each
    attribute under ``_spans`` (document offsets; infer_events moves them to attribute_spans)."""
    records, spans = read_changes(it.text, facts, it.start)
    if not records:
        return {}
    return {
        "changes": records,
        "_spans": {k: Span.at(it.start + s, it.start + e, it.document) for k, (s, e) in spans.items()},
    }
