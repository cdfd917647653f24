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

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from eightk.extract.people import Mention, People, find_people, roles_in
from eightk.model import Fact, Span

if TYPE_CHECKING:
    from eightk.extract.events import Context, ItemRef

#: Action words -> (action, reason). Checked in this order; a word matches once.
_CUES: list[tuple[re.Pattern[str], str, str | None]] = [
    (re.compile(r"\b(?:passed\s+away|died|death)\b", re.I), "departed", "death"),
    (re.compile(r"\b(?:terminat(?:ed|ion|e)|dismiss(?:ed|al)|removed|removal)\b(?!\s+(?:of\s+)?(?:the\s+|his\s+|her\s+)?(?:\w+\s+)?(?:agreement|plan|arrangement))", re.I), "departed", "termination"),
    (re.compile(r"\b(?:retire(?:d|s|ment)?|retiring)\b(?!\s+(?:plans?|savings|benefits?|eligib\w+|income|accounts?|programs?))", re.I),
     "departed", "retirement"),
    (re.compile(r"\bresign(?:ed|s|ation|ing)?\b", re.I), "departed", "resignation"),
    (re.compile(r"\b(?:step(?:s|ped|ping)?\s+down|depart(?:ed|ure|ing|s)?|(?:will\s+)?leav(?:e|ing)\s+the\s+(?:Company|Board)"
                r"|(?:not|decided\s+not)\s+to\s+(?:stand|seek|run)\s+for\s+re-?election|(?:will\s+)?not\s+(?:stand|seek|run)\s+for\s+re-?election"
                r"|ceased?\s+to\s+(?:serve|be)|separat(?:ed|ion)\s+from)\b", re.I), "departed", None),
    (re.compile(r"\b(?<!re-)(?<!re)elect(?:ed|ion)\b(?!\s+(?:as\s+)?(?:of\s+)?(?:to\s+)?(?:defer|receive|participate))", re.I), "elected", None),
    (re.compile(r"\b(?:appoint(?:ed|ment|s)?|named|promot(?:ed|ion)|hired|(?:will|to)\s+succeed|succeeding|will\s+become|"
                r"(?:will|to)\s+(?:serve|join)\s+as|assum(?:e|ed|ing)\s+the\s+(?:role|position|title)s?)\b", re.I), "appointed", None),
    (re.compile(r"\b(?:employment|offer|retention|severance|consulting|transition|separation|change[\s-]in[\s-]control)\s+"
                r"(?:letter\s+)?agreement|\boffer\s+letter|\bcompensat\w+|\bbonus(?:es)?\b|\bbase\s+salary|\bsalary\b|"
                r"\b(?:equity|stock|option|RSU|PSU|retention|incentive|sign-on|signing)\s+(?:award|grant)s?|\bgrant(?:ed)?\b", re.I),
     "compensation", None),
]
#: A name right after these is the one being succeeded, not the one appointed.
_SUCCEEDED = re.compile(r"(?:succeed(?:s|ed|ing)?|replac(?:e|es|ed|ing)|successor\s+to|in\s+place\s+of)\s+(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?$", re.I)
_PRONOUN = re.compile(r"\b(?:he|she|his|her|him)\b", re.I)
#: A sentence about a person's past (a biography), whose action words are not this item's news.
_BIO = re.compile(r"\b(?:previously|prior\s+to\s+(?:joining|that|this)|served\s+as|from\s+(?:19|20)\d\d|since\s+(?:19|20)\d\d|"
                  r"career|experience|graduated|degree|received\s+(?:a|an|his|her)\b)", re.I)
#: A sentence that says what would happen (a severance term), not what happens.
_CONDITIONAL = re.compile(r"\b(?:if|in\s+the\s+event|upon\s+(?:a|any|such|the|his|her)\s+(?:\w+\s+)?termination|would|entitled|eligible|"
                          r"shall|may|provides?\s+(?:for|that))\b", re.I)
_NEWS = re.compile(r"\b(?:will|effective|has\s+been|have\s+been|announced|notified|informed|Board|today)\b")
_CURRENT = re.compile(r"(?:currently|formerly|previously|former|most\s+recently|serv(?:es|ed|ing)\s+as|since|who\s+is|who\s+was)\s+(?:(?:the|our|its|a|an)\s+)?(?:Company['’]s\s+)?$", re.I)
_EFFECTIVE = re.compile(r"(?:effective|as\s+of|effective\s+as\s+of|beginning|starting|commencing)\s+(?:on\s+)?(?:the\s+close\s+of\s+business\s+on\s+)?$", re.I)
_IMMEDIATE = re.compile(r"\beffective\s+immediately\b|\bwith\s+immediate\s+effect\b", re.I)
_DISAGREEMENT = re.compile(r"\bdisagreement", re.I)
_NEGATED = re.compile(r"\b(?:no|not|any|without|neither|nor)\b", re.I)
#: A sentence ends at a full stop before a capital, but not after an initial or an abbreviation.
_SENT_END = re.compile(r"(?<![A-Z]\.[A-Z])(?<!\b[A-Z])(?<!\bInc)(?<!\bCo)(?<!\bNo)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\bJr)(?<!\bSr)"
                       r"\.\s+(?=[A-Z(\"“])|\n\s*\n")


@dataclass
class _Change:
    person: str
    action: str
    mention: Mention
    cue: tuple[int, int]
    reason: tuple[str, int, int] | None = None
    sentences: list[tuple[int, int]] = field(default_factory=list)
    positions: list[tuple[str, int, int]] = field(default_factory=list)


def _sentences(text: str) -> list[tuple[int, int]]:
    out, lo = [], 0
    for m in _SENT_END.finditer(text):
        out.append((lo, m.start() + 1))
        lo = m.end()
    if lo < len(text):
        out.append((lo, len(text)))
    return out


def _cues(text: str, lo: int, hi: int) -> list[tuple[int, int, str, str | None]]:
    taken: list[tuple[int, int, str, str | None]] = []
    for rx, action, reason in _CUES:
        for m in rx.finditer(text, lo, hi):
            if any(s < m.end() and m.start() < e for s, e, _, _ in taken):
                continue
            taken.append((m.start(), m.end(), action, reason))
    return sorted(taken)


def _assign(text: str, sent: tuple[int, int], mentions: list[Mention], cues: list[tuple[int, int, str, str | None]],
            last: Mention | None) -> list[tuple[Mention, tuple[int, int, str, str | None]]]:
    """Each mention of the sentence with its nearest action word (a compensation word only
    when no other is in the sentence); a sentence without a name but with a pronoun refers to
    the last person named before it."""
    if not mentions and last is not None and _PRONOUN.search(text, sent[0], sent[1]):
        mentions = [Mention(last.name, last.start, last.end, False)]
    out = []
    strong = [c for c in cues if c[2] != "compensation"]
    for m in mentions:
        pool = strong or cues
        succeeded = bool(_SUCCEEDED.search(text[max(0, m.start - 30) : m.start]))
        if succeeded:
            pool = [c for c in pool if c[2] == "departed"]
        if not pool:
            continue
        inside = sent[0] <= m.start < sent[1]

        def dist(c: tuple[int, int, str, str | None], m: Mention = m, inside: bool = inside) -> int:
            if not inside:
                return c[0] - sent[0]
            return c[0] - m.end if c[0] >= m.end else m.start - c[1]

        out.append((m, min(pool, key=dist)))
    return out


def _positions(text: str, ch: _Change, sent: tuple[int, int], others: list[Mention]) -> list[tuple[str, int, int]]:
    """The titles in the person's clause: from the name or the action word, whichever comes
    first, to the next other person named (or the sentence's end)."""
    lo = min(ch.mention.start, ch.cue[0]) if sent[0] <= ch.mention.start < sent[1] else sent[0]
    anchor = max(ch.mention.end, ch.cue[1]) if sent[0] <= ch.mention.start < sent[1] else ch.cue[1]
    hi = min([o.start for o in others if o.start >= anchor and o.name != ch.person] + [sent[1]])
    found: list[tuple[str, int, int]] = []
    for role, s, e in roles_in(text, lo, hi):
        if role in [f[0] for f in found]:
            continue
        if ch.action in ("appointed", "elected") and _CURRENT.search(text[max(0, s - 40) : s]):
            continue
        if text[e : e + 1] == "s" and role.lower().endswith("director"):
            continue
        found.append((role, s, e))
    return found


def _date(text: str, ch: _Change, dates: list[tuple[str, int, int]]) -> tuple[str, int, int] | None:
    """The date the change takes effect: a date after "effective" in one of its sentences,
    else the first date of its first sentence (the day of an immediate change)."""
    first = None
    for lo, hi in ch.sentences:
        inside = [d for d in dates if lo <= d[1] < hi]
        for d in inside:
            if _EFFECTIVE.search(text[max(0, d[1] - 45) : d[1]]):
                return d
        if first is None and inside:
            after = [d for d in inside if d[1] >= ch.cue[0]]
            first = inside[0] if _IMMEDIATE.search(text, lo, hi) or not after else after[0]
    return first


def _reason(text: str, ch: _Change) -> tuple[str, int, int] | None:
    if ch.action != "departed":
        return None
    for lo, hi in ch.sentences:
        for m in _DISAGREEMENT.finditer(text, lo, hi):
            if not _NEGATED.search(text[max(lo, m.start() - 60) : m.start()]):
                return ("disagreement", m.start(), m.end())
    return ch.reason


def read_changes(text: str, facts: list[Fact], offset: int = 0) -> tuple[list[dict[str, Any]], dict[str, tuple[int, int]]]:
    """The changes of an item's text: the records and the (item-relative) span of each attribute."""
    people = find_people(text, [f for f in facts if f.kind == "party"], offset)
    dates = [(str(f.value), f.span.start - offset, f.span.end - offset) for f in facts if f.kind == "date" and f.value]
    changes: dict[tuple[str, str], _Change] = {}
    comp: dict[str, _Change] = {}
    last: Mention | None = None
    for sent in _sentences(text):
        mentions = [m for m in people.mentions if sent[0] <= m.start < sent[1]]
        cues = _cues(text, *sent)
        if cues and _BIO.search(text, *sent) and not _NEWS.search(text, *sent):
            cues = [c for c in cues if c[2] == "compensation"]
        if cues and _CONDITIONAL.search(text, *sent):
            cues = [c for c in cues if c[2] != "departed"]
        for m, cue in _assign(text, sent, mentions, cues, last) if cues else []:
            if cue[2] in ("appointed", "elected"):  # one record for "elected ... and appointed ..."
                cue = next(((*cue[:2], a, cue[3]) for a in ("appointed", "elected") if (m.name, a) in changes), cue)
            key = (m.name, cue[2])
            table = comp if cue[2] == "compensation" else changes
            ch = table.get(m.name) if table is comp else changes.get(key)
            if ch is None:
                ch = _Change(m.name, cue[2], m, (cue[0], cue[1]), (cue[3], cue[0], cue[1]) if cue[3] else None)
                if table is comp:
                    comp[m.name] = ch
                else:
                    changes[key] = ch
            elif ch.reason is None and cue[3]:
                ch.reason = (cue[3], cue[0], cue[1])
            if sent not in ch.sentences:
                ch.sentences.append(sent)
                ch.positions += [p for p in _positions(text, ch if ch.mention is m else _Change(
                    ch.person, ch.action, m, (cue[0], cue[1])), sent, mentions) if p[0] not in [q[0] for q in ch.positions]]
        if mentions:
            last = mentions[-1]
    acted = {name for name, _ in changes}
    ordered = sorted(changes.values(), key=lambda c: c.mention.start)
    ordered += sorted((c for n, c in comp.items() if n not in acted), key=lambda c: c.mention.start)
    return _records(text, ordered, people, dates)


def _records(text: str, changes: list[_Change], people: People,
             dates: list[tuple[str, int, int]]) -> tuple[list[dict[str, Any]], dict[str, tuple[int, int]]]:
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
        d = _date(text, ch, dates)
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
        "_spans": {k: Span(start=it.start + s, end=it.start + e, document=it.document) for k, (s, e) in spans.items()},
    }
