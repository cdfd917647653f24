"""Structured accounting events: a change of the certifying accountant (item 4.01, legacy 4) and
non-reliance on issued financial statements (item 4.02).

Both items answer the questions of Regulation S-K Item 304 and Form 8-K Item 4.02 in a wording
that has barely changed since the 1990s ("dismissed X as ... independent accountants", "there
were no disagreements with X", "should no longer be relied upon"), so each attribute is read by
a short rule keyed on that wording, sentence by sentence, over the item's own text only.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NamedTuple

from eightk.extract.ev_text import READ_CHARS, Found, dates_in, sentence_at, sentences
from eightk.model import Fact

if TYPE_CHECKING:
    from eightk.extract.events import Context, ItemRef

# --- accounting firms -------------------------------------------------------------------------

#: Firms often named without a legal suffix ("Arthur Andersen", "Ernst & Young").
_KNOWN_FIRMS = (
    r"Arthur\s+Andersen|KPMG(?:\s+Peat\s+Marwick)?|Deloitte(?:\s+(?:&|and)\s+Touche)?|PricewaterhouseCoopers"
    r"|Price\s+Waterhouse|Coopers\s+(?:&|and)\s+Lybrand|Ernst\s+(?:&|and)\s+Young|Grant\s+Thornton"
    r"|BDO(?:\s+Seidman|\s+USA)?|McGladrey(?:\s+(?:&|and)\s+Pullen)?|RSM\s+US|Marcum|Moss\s+Adams"
    r"|Crowe(?:\s+Horwath|\s+Chizek)?|Baker\s+Tilly|Mazars|CohnReznick|EisnerAmper|MaloneBailey"
    r"|WithumSmith\s*\+\s*Brown|Squar\s+Milner|Weinberg\s+(?:&|and)\s+Company"
)
#: A firm's legal or professional suffix ("LLP", "P.C.", "CPAs", "Certified Public Accountants").
_SUFFIX = (
    r"(?:(?i:L\.?L\.?L\.?P\.?|L\.?L\.?P\.?|L\.?L\.?C\.?|P\.?L\.?L\.?C\.?|P\.?C\.?|P\.?A\.?|C\.?P\.?A\.?s?|Ltd\.?"
    r"|Inc\.?|Certified\s+Public\s+Accountants|Chartered\s+(?:Professional\s+)?Accountants|Chartered)"
    r"|(?:&|and|AND)\s+(?:Co\.?|CO\.?|Company|COMPANY))"
    r"(?![A-Za-z])"
)
_WORD = r"[A-Z][A-Za-z'’\-]*(?:\+[A-Z][A-Za-z]*)?"
_FIRM_RE = re.compile(
    rf"\b(?:(?i:{_KNOWN_FIRMS})(?:,?\s+{_SUFFIX})*"
    rf"|{_WORD}(?:(?:\s*(?:&|\+)\s*|\s+and\s+|,\s+|\s+|-){_WORD}){{0,6}}(?:,?\s+{_SUFFIX})+)"
)
#: Capitalised words that open a sentence or name the company, not a firm.
_NOT_FIRM_WORD = frozenset({
    "the", "on", "in", "during", "prior", "effective", "as", "following", "therefore", "accordingly", "company",
    "registrant", "audit", "committee", "board", "directors", "item", "exhibit", "a", "an", "its", "our", "we",
    "previous", "new", "former", "independent", "certifying", "accountant", "accountants", "letter", "from",
    "then", "thereafter", "subsequently", "also", "however", "additionally", "further", "furthermore", "moreover",
    "since", "upon", "after", "before", "at", "by", "for", "with", "and", "or", "but", "if", "when", "while", "this",
    "that", "these", "those", "such", "each", "both", "all", "any", "no", "it", "although", "pursuant", "under",
    "until", "concurrently", "finally", "meanwhile", "simultaneously", "registered", "public", "accounting", "firm",
})


class _Mention(NamedTuple):
    """A firm named in the item: where (``start``, ``end``), and its full name and where that is
    printed (the same place, unless the mention is a short form: "Quist" for "Quist & Lowell, P.C.")."""

    start: int
    end: int
    name: str
    name_start: int
    name_end: int


#: A short name defined right after a firm's name: 'Quist & Lowell, P.C. ("Quist")'.
_DEFINED = re.compile(r"\s*\((?:the\s+|hereinafter\s+)?[“\"]([A-Z][^”\"]{1,40})[”\"]\)")


#: Words that cannot be part of a firm's name: verbs of the item ("DISMISSED", "ENGAGED") in a
#: text printed in capitals.
_NOT_NAME_VERB = re.compile(
    r"(?:dismiss|engag|appoint|resign|retain|select|notifi|notify|inform|approv|terminat|declin|replac|advis)"
    r"(?:e|ed|es|ing|ment|ion|ation|y|s)?|has|have|had|was|were|is|be|been|will|would|shall", re.I)
_SUFFIX_TAIL = re.compile(rf"(?:,?\s+{_SUFFIX})+$")


def _trim(name: str) -> int:
    """Where the firm's name starts in ``name``: after the last word before its suffix that opens a
    sentence, names the company or is a verb ("On", "The Company", "DISMISSED")."""
    tail = _SUFFIX_TAIL.search(name)
    body = name[: tail.start()] if tail else name
    start = 0
    for w in re.finditer(r"[A-Za-z'’\-+]+", body):
        word = w.group(0).lower()
        if word in _NOT_FIRM_WORD or _NOT_NAME_VERB.fullmatch(word):
            start = w.end()
    rest = re.match(r"[\s,]*(?:(?:&|and)\s+)?", name[start:])
    return start + (rest.end() if rest else 0)


def _full_names(text: str) -> list[_Mention]:
    out = []
    for m in _FIRM_RE.finditer(text):
        cut = _trim(m.group(0))
        s, name = m.start() + cut, m.group(0)[cut:]
        if _SUFFIX_TAIL.fullmatch(" " + name) or not name[:1].isupper():
            continue
        name = name.rstrip(" ,")
        if re.search(r"\b(?:LLL?P|LLC|PLLC|PC|PA|CPAs?)\.$", name):  # "... Harlow Pike LLP." ends a sentence
            name = name[:-1]
        out.append(_Mention(s, s + len(name), name, s, s + len(name)))
    return out


def _firms(text: str) -> list[_Mention]:
    """The accounting firms named in ``text``, in order: each full name, and each later use of a
    short form of it (the name without its suffix, or the short name the text defines)."""
    full = _full_names(text)
    aliases: dict[str, _Mention] = {}
    for m in full:
        short = re.sub(rf"(?:,?\s+{_SUFFIX})+$", "", m.name).strip(" ,")
        defined = _DEFINED.match(text, m.end)
        for alias in (short, defined.group(1) if defined else ""):
            if len(alias) > 2 and alias.lower() not in _NOT_FIRM_WORD and alias != m.name:
                aliases.setdefault(alias, m)
    taken = [(m.start, m.end) for m in full]
    out = list(full)
    if aliases:
        alias_re = re.compile(r"(?<![\w&])(?:" + "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True))
                              + r")(?![\w&])")
        for a in alias_re.finditer(text):
            if not any(s <= a.start() < e for s, e in taken):
                m = aliases[a.group(0)]
                out.append(_Mention(a.start(), a.end(), m.name, m.name_start, m.name_end))
    return sorted(out)


def _key(name: str) -> str:
    """A firm's name for comparison: letters and digits, legal suffixes left out."""
    low = re.sub(r"\b(?:l\.?l\.?l?\.?p|l\.?l\.?c|p\.?l\.?l\.?c|p\.?c|p\.?a|cpas?|ltd|inc|co|company)\b\.?", "", name.lower())
    return re.sub(r"[^a-z0-9]", "", low)


# --- who left, who came -----------------------------------------------------------------------

#: The words that say what happened to the firm named next to them, with the action they report.
_ROLE_WORDS = re.compile(
    r"(?P<declined>declin\w*\s+(?:to\s+)?(?:stand|seek|be|continue)\b|not\s+(?:to\s+)?(?:stand|seek)\s+for\s+re"
    r"|will\s+not\s+(?:stand|seek)|not\s+be\s+re-?(?:appointed|engaged|elected))"
    r"|(?P<resigned>\bresign\w*)"
    r"|(?P<dismissed>(?:\bdismiss\w*|\bterminat\w*|\bended|\bnot\s+to\s+(?:renew|re-?engage|retain|continue)\b)"
    r"(?:\s+(?:the|its)\s+(?:engagement|services|relationship|appointment)(?:\s+(?:of|with))?)?|\breplac\w*)"
    r"|(?P<former>\b(?:former|previous|prior|predecessor)\s+(?:independent\s+|certifying\s+|principal\s+)?"
    r"(?:registered\s+public\s+accounting\s+firm|accountants?|auditors?)|\bceased\b)"
    r"|(?P<new>\b(?:engag\w*|appoint\w*|retain\w*|retention|select\w*|hir(?:e|ed|ing)|new\s+independent"
    r"|successor|ratif\w*|became|become)\b)",
    re.I,
)
#: How far (characters) a role word may be from the firm it speaks of.
_NEAR = 90


#: The words between a firm and the verb that says what happened to it: "X was dismissed", "X has
#: informed", "X, the Company's auditor, resigned".
_SUBJECT_OF = re.compile(
    r"(?:[\s,]*(?:\([^()]{1,40}\)|the\s+Company[’']s\s+(?:former\s+)?(?:independent\s+)?\w+(?:\s+\w+){0,4},"
    r"|was|were|is|has|had|have|will|would|shall|been|be|also|subsequently|then|formally|orally|\w+ly))*[\s,]*")


def _role(text: str, lo: int, s: int, e: int, hi: int) -> tuple[str, int, int] | None:
    """The role word of the firm at ``[s, e)`` within ``[lo, hi)``: (group, start, end). The verb
    of which the firm is the subject comes first ("X was dismissed and Y was engaged"); else the
    nearest word on either side."""
    between = _SUBJECT_OF.match(text, e, hi)  # it matches the empty string at least
    after = _ROLE_WORDS.match(text, between.end(), hi) if between else None
    if after is not None:
        return after.lastgroup or "", after.start(), after.end()
    best: tuple[int, str, int, int] | None = None
    for m in _ROLE_WORDS.finditer(text, max(lo, s - _NEAR), min(hi, e + _NEAR)):
        if s <= m.start() < e:
            continue
        dist = s - m.end() if m.end() <= s else m.start() - e
        if dist >= 0 and (best is None or dist < best[0]):
            best = (dist, m.lastgroup or "", m.start(), m.end())
    return (best[1], best[2], best[3]) if best else None


_FORMER_GROUPS = ("dismissed", "resigned", "declined", "former")


class _Role(NamedTuple):
    """A firm and the word that says what happened to it."""

    firm: _Mention
    group: str  # a group of _ROLE_WORDS
    word_start: int
    word_end: int


def _former_and_new(text: str, sents: list[tuple[int, int]]) -> tuple[_Role | None, _Role | None]:
    """The first firm a departure word speaks of, and the first other firm an engagement word
    speaks of."""
    firms = _firms(text)
    former: _Role | None = None
    new: _Role | None = None
    for i, m in enumerate(firms):
        ss, se = sentence_at(sents, m.start)
        lo = max(ss, firms[i - 1].end if i else ss)
        hi = min(se, firms[i + 1].start if i + 1 < len(firms) else se)
        role = _role(text, lo, m.start, m.end, hi)
        if role is None:
            continue
        if role[0] in _FORMER_GROUPS and former is None and (new is None or _key(new.firm.name) != _key(m.name)):
            former = _Role(m, *role)
        elif role[0] == "new" and new is None and (former is None or _key(former.firm.name) != _key(m.name)):
            new = _Role(m, *role)
    return former, new


_ACTIONS = {"dismissed": "dismissed", "resigned": "resigned", "declined": "declined_reappointment"}
_ACTION_RE = re.compile(r"(?P<declined>declin\w*\s+(?:to\s+)?(?:stand|seek|be|continue)\b|will\s+not\s+(?:stand|seek)"
                        r"|not\s+(?:to\s+)?(?:stand|seek)\s+for\s+re)|(?P<resigned>\bresign\w*)"
                        r"|(?P<dismissed>\bdismiss\w*|\bterminat\w*)", re.I)


def _former_fields(f: Found, text: str, sents: list[tuple[int, int]], former: _Role, facts: list[Fact]) -> None:
    firm = former.firm
    f.set("former_accountant", firm.name, firm.name_start, firm.name_end)
    ss, se = sentence_at(sents, firm.start)
    if former.group in _ACTIONS:
        f.set("former_action", _ACTIONS[former.group], former.word_start, former.word_end)
    else:  # "our former auditors, X": the action is said elsewhere in the item
        m = _ACTION_RE.search(text)
        if m and m.lastgroup:
            f.set("former_action", _ACTIONS[m.lastgroup], m.start(), m.end())
            ss, se = sentence_at(sents, m.start())
    dates = dates_in(f.it, facts, ss, se)
    if dates:
        f.set_fact("date", dates[0].value, dates[0])


# --- the Item 304 statements ------------------------------------------------------------------

_NEGATION = re.compile(r"\b(?:no|not|none|neither|nor|never|without)\b|n[o’']t\b", re.I)
_DISAGREE = re.compile(r"\bdisagreements?\b", re.I)  # the noun: a letter "stating whether it agrees or disagrees" is no answer
_CONSULT = re.compile(r"\bconsult", re.I)
_OPINION = re.compile(r"adverse\s+opinion|disclaimer\s+of\s+(?:an\s+)?opinion|\bqualified\s+(?:or\s+modified|as\s+to|opinion)"
                      r"|\bqualified\b[^.]{0,40}\bopinion|\bnot\s+(?:been\s+)?qualified\b", re.I)
_COMMITTEE = re.compile(r"\baudit\s+committee\b", re.I)
_APPROVAL = re.compile(r"\b(?:approv\w*|recommend\w*|decision|decided|authoriz\w*|determin\w*|select\w*|made\s+by"
                       r"|participated)\b", re.I)
_NO_COMMITTEE = re.compile(r"\b(?:not|no)\s+(?:have\s+)?(?:a|an|any)?\s*(?:separately\s+designated\s+)?audit\s+committee",
                           re.I)
_LETTER = re.compile(r"\bExhibits?\s+(?:No\.?\s*)?(16(?:\.\d{1,2})?)(?![\d.]\d)", re.I)


def _statements(f: Found, text: str, sents: list[tuple[int, int]]) -> None:
    """disagreements, adverse_opinion and audit_committee_approved: each from the first sentence
    that speaks of it (a sentence on consulting the new firm speaks of the new firm, not the old)."""
    for s, e in sents:
        sent = text[s:e]
        d = _DISAGREE.search(sent)
        if d and "disagreements" not in f.attrs and not _CONSULT.search(sent):
            f.set("disagreements", not _NEGATION.search(sent, 0, d.start()), s, e)
        o = _OPINION.search(sent)
        if o and "adverse_opinion" not in f.attrs and not _CONSULT.search(sent):
            f.set("adverse_opinion", not _NEGATION.search(sent, 0, o.end()), s, e)
        c = _COMMITTEE.search(sent) and _APPROVAL.search(sent) and not _CONSULT.search(sent)
        if c and "audit_committee_approved" not in f.attrs and not _NO_COMMITTEE.search(sent):
            f.set("audit_committee_approved", not re.search(r"\bnot\s+(?:been\s+)?approv", sent, re.I), s, e)


def auditor_change(it: ItemRef, facts: list[Fact], ctx: Context) -> dict[str, Any]:
    """The attributes of a change of the certifying accountant (4.01 / legacy 4)."""
    f = Found(it)
    text = it.text[:READ_CHARS]
    sents = sentences(text)  # once: every statement is read sentence by sentence
    former, new = _former_and_new(text, sents)
    if former is not None:
        _former_fields(f, text, sents, former, facts)
    if new is not None:
        f.set("new_accountant", new.firm.name, new.firm.name_start, new.firm.name_end)
    _statements(f, text, sents)
    m = _LETTER.search(text)
    if m:
        f.set("letter_exhibit", m.group(1), m.start(1), m.end(1))
    else:
        ex = next((x for x in ctx.exhibits if re.fullmatch(r"16(?:\.\d{1,2})?", x.number.strip())), None)
        if ex is not None:
            f.attrs["letter_exhibit"] = ex.number.strip()
            if ex.span is not None:
                f.spans["letter_exhibit"] = ex.span
    return f.out()


# --- non-reliance -----------------------------------------------------------------------------

_RELIED = re.compile(r"\brelied\s+upon\b|\breliance\b|\bbe\s+relied\b|\brely\s+on\b", re.I)
_PERIOD_NOUN = re.compile(
    r"\b(?P<noun>(?:fiscal\s+)?(?:years?|quarters?|(?:(?:three|six|nine)\s+and\s+)?(?:three|six|nine|twelve|3|6|9|12)"
    r"[\s-]+months?|(?:quarterly|interim|annual|transition)\s+periods?|periods?))\s+end(?:ed|ing)\s+", re.I)
#: Phrases read whole, from their first date to their last: "balance sheet as of October 2, 2020",
#: "period from July 1, 2020 (inception) through December 31, 2020".
_PERIOD_SPAN = re.compile(r"\b(?:balance\s+sheets?\s+as\s+of|period\s+from)\s+", re.I)
_THROUGH = re.compile(r"\s*(?:\(inception\)\s*)?(?:through|to)\s+", re.I)
_PERIOD_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+)?|,?\s+and\s+|,?\s+as\s+well\s+as\s+)(?:the\s+)?")
_YEAR_AFTER = re.compile(r"(?:19|20)\d\d\b")
_FISCAL_YEARS = re.compile(r"\bfiscal\s+(?:years?\s+)?((?:19|20)\d\d)((?:(?:,\s*|,?\s+and\s+)(?:19|20)\d\d)*)\b",
                           re.I)
_SINGULAR = {"years": "year", "quarters": "quarter", "periods": "period"}

_Period = tuple[str, int, int]  # label, start, end in the item's text


def _listed_dates(text: str, at: int, starts: dict[int, Fact], base: int) -> list[tuple[int, int, str]]:
    """The dates printed from ``at`` on, joined by commas and "and": (start, end, text); a bare
    year after a full date ("December 31, 2022 and 2021") takes that date's month and day."""
    out: list[tuple[int, int, str]] = []
    pos = at
    while True:
        d = starts.get(base + pos)
        if d is not None:
            end = d.span.end - base
            out.append((pos, end, text[pos:end]))
        elif out and (y := _YEAR_AFTER.match(text, pos)):
            end = y.end()
            out.append((pos, end, re.sub(r"\d{4}$", y.group(0), out[-1][2])))
        else:
            return out
        j = _PERIOD_JOIN.match(text, end)
        if not j:
            return out
        pos = j.end()


def _period_phrases(text: str, s: int, e: int, starts: dict[int, Fact], base: int) -> list[_Period]:
    found: list[_Period] = []
    for m in _PERIOD_NOUN.finditer(text, s, e):
        words = m.group("noun").split()
        plural = _SINGULAR.get(words[-1].lower())
        one = " ".join([*words[:-1], plural] if plural else words)
        for i, (ds, de, dtext) in enumerate(_listed_dates(text, m.end(), starts, base)):
            if i == 0 and not plural:
                found.append((" ".join(text[m.start() : de].split()), m.start(), de))
            else:
                found.append((f"{one} ended {' '.join(dtext.split())}", m.start() if i == 0 else ds, de))
    for m in _PERIOD_SPAN.finditer(text, s, e):
        first = _listed_dates(text, m.end(), starts, base)[:1]
        if not first:
            continue
        end = first[0][1]
        t = _THROUGH.match(text, end) if m.group(0).lower().startswith("period") else None
        if t and (last := starts.get(base + t.end())) is not None:
            end = last.span.end - base
        found.append((" ".join(text[m.start() : end].split()), m.start(), end))
    for m in _FISCAL_YEARS.finditer(text, s, e):
        for y in _YEAR_AFTER.finditer(text, m.start(), m.end()):
            found.append((f"fiscal year {y.group(0)}", y.start(), y.end()))
    return found


def _periods(f: Found, text: str, s: int, e: int, facts: list[Fact]) -> None:
    """The periods of ``[s, e)``, in printed order: "<noun> ended <date>" (one per date when the
    phrase lists several: "quarters ended March 31, 2023 and June 30, 2023"), "balance sheet as
    of <date>", "period from <date> through <date>" and "fiscal 2022"."""
    starts = {d.span.start: d for d in dates_in(f.it, facts, s, e)}
    seen = set(f.attrs.get("periods", []))
    for label, ps, pe in sorted(_period_phrases(text, s, e, starts, f.it.start), key=lambda p: p[1]):
        if label not in seen:
            seen.add(label)
            f.add("periods", label, ps, pe)


_BY_AUDITOR = re.compile(
    r"\b(?:advised|notified|informed|concluded)\b[^.]{0,60}\bby\s+(?:its\s+|the\s+Company[’']s\s+)?(?:former\s+)?"
    r"(?:independent|auditor|accountant|registered)|\b(?:independent\s+registered\s+public\s+accounting\s+firm"
    r"|auditors?|accountants?|L\.?L\.?P\.?)\b[^.]{0,80}\b(?:advised|notified|informed)\b", re.I)
#: An SEC staff comment letter or review, not a public staff statement (the 2021 statement on SPAC
#: warrants led companies to their own conclusion).
_BY_SEC = re.compile(
    r"\bcomment\s+letters?\b|\bcomments?\s+(?:received\s+)?(?:from|of|by)\s+the\s+(?:staff|SEC\b|Securities\s+and)"
    r"|\b(?:review|inquiry|examination)\s+by\s+the\s+(?:staff|SEC\b|Securities\s+and)"
    r"|\bstaff\s+of\s+the\s+(?:U\.S\.\s+)?(?:SEC|Securities\s+and\s+Exchange\s+Commission)\s*(?:\([^)]*\)\s*)?"
    r"(?:commented|advised|notified|informed|requested|questioned|raised)", re.I)
_BY_COMPANY = re.compile(r"\b(?:concluded|determined|decided)\b", re.I)
_RESTATE = re.compile(
    r"\b(?:will|to|intends?\s+to|plans?\s+to|expects?\s+to)\s+(?:\w+\s+){0,3}?restate\b|\brestated\s+(?:financial|"
    r"consolidated|condensed|results|amounts|statements)|\brestatements?\b|\bRestated\b|\b(?:file|filing)\s+"
    r"(?:an?\s+)?amend\w*|\bamended\s+(?:Annual|Quarterly)\s+Reports?", re.I)
_NO_RESTATE = re.compile(r"\b(?:will\s+not|does\s+not\s+(?:intend|expect|plan)\s+to|no\s+need\s+to)\s+restate\b", re.I)


def _identified_by(f: Found, text: str, sents: list[tuple[int, int]]) -> None:
    for i, (s, e) in enumerate(sents):
        if not _RELIED.search(text, s, e):
            continue
        lo = sents[i - 1][0] if i else s  # the sentence before may say who raised the question
        sec = _BY_SEC.search(text, lo, e)
        if sec:
            f.set("identified_by", "sec", sec.start(), sec.end())
        elif _BY_AUDITOR.search(text, s, e):
            f.set("identified_by", "auditor", s, e)
        elif _BY_COMPANY.search(text, s, e):
            f.set("identified_by", "company", s, e)
        else:
            continue  # the item's heading ("Non-Reliance on Previously Issued ...")
        return


#: "A, B and C were materially misstated" / "an understatement of A and B".
_MISSTATED_AFTER = re.compile(
    r"(?:(?:As\s+a\s+result|Accordingly|Consequently)\s*,?\s*|^)(?P<list>[^.;:]{3,300}?)\s+(?:were|was|are|is|had\s+been|"
    r"have\s+been)\s+(?:materially\s+|inappropriately\s+|incorrectly\s+)?(?:mis|over|under)(?:stated|classified)\b",
    re.I)
#: Where a caption ends: a period or amount phrase ("for fiscal 2004", "in the third quarter", "by
#: $2 million"), a clause, or a stop.
_CAPTION_END = (
    r"(?=\s+(?:(?:for|in)\s+(?:the|each|fiscal|its|all|both|those|these|such|prior|previously|periods?|years?|"
    r"quarters?|\d)|as\s+of|by|of\s+(?:approximately|\$)|due|during|within|on|at|and\s+a\s+corresponding|which|"
    r"that)\b|[.;:(])"
)
_MISSTATED_BEFORE = re.compile(
    r"\b(?:over|under|mis)(?:statement|classification)s?\s+of\s+(?!the\s+corrections?\b)(?:the\s+Company[’']s\s+|its\s+)?"
    rf"(?P<list>[^.;:()]{{3,200}}?){_CAPTION_END}",
    re.I)
#: "The restatement will increase net loss by $2 million" / "reduces revenue for".
_CHANGED_BY = re.compile(
    r"\b(?:restatement|correction|error|adjustments?)\b[^.;]{0,40}?\b(?:increase|decrease|reduce|reduction|increasing|"
    r"decreasing|reducing)[sd]?\s+(?:in\s+|of\s+)?(?:the\s+Company[’']s\s+|its\s+)?"
    rf"(?P<list>[^.;:()$]{{3,120}}?){_CAPTION_END}",
    re.I)
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+")


def _line_items(f: Found, text: str, sents: list[tuple[int, int]]) -> None:
    for s, e in sents:
        for rx in (_MISSTATED_AFTER, _MISSTATED_BEFORE, _CHANGED_BY):
            m = rx.search(text[s:e])
            if not m:
                continue
            base = s + m.start("list")
            pos = 0
            chunk = m.group("list")
            cut = re.match(r".*\bthat\s+", chunk)
            if cut:  # "the Company determined that revenue was understated"
                base, chunk = base + cut.end(), chunk[cut.end() :]
            for part in _LIST_SPLIT.split(chunk):
                at = chunk.index(part, pos) if part else pos
                pos = at + len(part)
                name = re.sub(r"^(?:the|its|our|certain)\s+", "", part.strip(), flags=re.I)
                if 0 < len(name.split()) <= 8 and name not in f.attrs.get("line_items", []):
                    f.add("line_items", name, base + at + (len(part) - len(name)), base + at + len(part))


_RESTATE_VERB = re.compile(r"\b(?:will|would|to|intends?\s+to|plans?\s+to|expects?\s+to)\s+restate\b", re.I)


def _relied_passages(text: str, sents: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences that say what should no longer be relied upon or will be restated; one that
    ends in a colon runs on over the list after it."""
    out = []
    for i, (s, e) in enumerate(sents):
        if not (_RELIED.search(text, s, e) or _RESTATE_VERB.search(text, s, e)):
            continue
        if text[s:e].rstrip().endswith(":"):
            j = i + 1
            while j < len(sents) and j <= i + 12 and sents[j][1] - sents[j][0] < 300:
                j += 1
            e = sents[j - 1][1]
        out.append((s, e))
    return out


def non_reliance(it: ItemRef, facts: list[Fact], ctx: Context) -> dict[str, Any]:
    """The attributes of non-reliance on previously issued statements (4.02)."""
    f = Found(it)
    text = it.text[:READ_CHARS]
    sents = sentences(text)
    for s, e in _relied_passages(text, sents)[:4]:
        _periods(f, text, s, e, facts)
    _identified_by(f, text, sents)
    no = _NO_RESTATE.search(text)
    yes = _RESTATE.search(text)
    if no:
        f.set("restatement", False, no.start(), no.end())
    elif yes:
        f.set("restatement", True, yes.start(), yes.end())
    _line_items(f, text, sents)
    return f.out()
