"""Structured auditor_change, non_reliance, bankruptcy, delisting and cybersecurity_incident
events on synthetic items (fictional companies and firms), in the layouts of several eras, and
on the hand labels of the development corpus (tests/labels/events.jsonl)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from eightk.core import parse
from eightk.extract import facts_of_text
from eightk.extract.events import Context, ItemRef, infer_events
from eightk.model import Event, Exhibit, Span

from .conftest import CORPUS, NO_SHARED, unavailable

LABELS = Path(__file__).parent / "labels" / "events.jsonl"
MY_TYPES = ("auditor_change", "non_reliance", "bankruptcy", "delisting", "cybersecurity_incident")


def _event(code: str, text: str, ctx: Context | None = None) -> Event:
    (ev,) = infer_events([ItemRef(code, text, 0, len(text), 1)], facts_of_text(text, document=1), ctx or Context())
    return ev


def _check_spans(ev: Event, text: str) -> None:
    """Every attribute read has a span; a string value is printed at its span."""
    paths = set()
    for key, value in ev.attributes.items():
        if key in ("item_source", "inferred_from"):
            continue
        if isinstance(value, list):
            paths |= {f"{key}.{i}" for i in range(len(value))}
            for i, v in enumerate(value):
                s = ev.attribute_spans[f"{key}.{i}"]
                assert " ".join(text[s.start : s.end].split()).endswith(v.split(" ended ")[-1].split()[-1]), (key, v)
        else:
            paths.add(key)
            s = ev.attribute_spans[key]
            assert 0 <= s.start < s.end <= len(text) and s.document == 1
            if isinstance(value, str) and key not in ("former_action", "identified_by", "date", "discovered_date",
                                                       "nature", "chapter"):
                assert text[s.start : s.end] == value, (key, value, text[s.start : s.end])
    assert set(ev.attribute_spans) == paths


# --- auditor_change ---------------------------------------------------------------------------

LEGACY_1998 = (
    "Item 4. Changes in Registrant's Certifying Accountant.\n\n"
    "On March 3, 1998, the Registrant dismissed Arthur Andersen as its independent accountants. The reports of "
    "Arthur Andersen on the financial statements for the past two fiscal years contained no adverse opinion or "
    "disclaimer of opinion and were not qualified or modified as to uncertainty, audit scope or accounting "
    "principles. The decision to change accountants was recommended by the Audit Committee of the Board of "
    "Directors. During the two most recent fiscal years there were no disagreements with Arthur Andersen on any "
    "matter of accounting principles or practices.\n\n"
    "The Registrant engaged Pell, Darrow & Co. as its new independent accountants on March 10, 1998. A letter of "
    "Arthur Andersen is attached as Exhibit 16."
)

RESIGNED_2015 = (
    "Item 4.01 Changes in Registrant's Certifying Accountant.\n"
    "(a) On June 2, 2015, Quist & Lowell, P.C. (\u201cQuist\u201d) informed the Company that it resigned as the "
    "Company\u2019s independent registered public accounting firm. Quist\u2019s reports on the financial "
    "statements for the years ended December 31, 2014 and 2013 did not contain an adverse opinion or a disclaimer "
    "of opinion, and were not qualified or modified as to uncertainty, audit scope or accounting principles, "
    "except that the reports contained an explanatory paragraph regarding substantial doubt about the Company\u2019s "
    "ability to continue as a going concern. There were no disagreements with Quist on any matter of accounting "
    "principles.\n"
    "(b) On June 20, 2015, the Company engaged Harrow Vale CPAs as its new independent registered public "
    "accounting firm. During the two most recent fiscal years the Company did not consult Harrow Vale CPAs on any "
    "matter that was the subject of a disagreement.\n"
    "(c) Quist\u2019s letter to the Securities and Exchange Commission is filed as Exhibit 16.1 to this report."
)

DECLINED_2006 = (
    "Item 4.01. On February 14, 2006, KPMG LLP notified the Company that it declined to stand for re-election as "
    "the Company's independent registered public accounting firm for fiscal 2006. The report of KPMG LLP on the "
    "financial statements for fiscal 2005 contained a disclaimer of opinion. During fiscal 2005 there was one "
    "disagreement with KPMG LLP concerning the accounting for inventory reserves. On March 1, 2006, the Audit "
    "Committee approved the engagement of Tarrant Bell LLP as the Company's new independent registered public "
    "accounting firm."
)

ONE_SENTENCE_2012 = (
    "Item 4.01. On April 1, 2012, the Audit Committee approved the dismissal of Hartwell & Pruitt LLP and the "
    "engagement of Ostrander Kemp LLP as the Company's independent registered public accounting firm. The reports "
    "of Hartwell & Pruitt LLP were not qualified. Hartwell & Pruitt LLP has furnished the letter filed as "
    "Exhibit 16.1."
)


def test_legacy_dismissal_reads_every_field() -> None:
    ev = _event("4", LEGACY_1998)
    assert ev.type == "auditor_change"
    a = ev.attributes
    assert (a["former_accountant"], a["former_action"], a["date"], a["new_accountant"]) == (
        "Arthur Andersen", "dismissed", "1998-03-03", "Pell, Darrow & Co.")
    assert (a["disagreements"], a["adverse_opinion"], a["audit_committee_approved"], a["letter_exhibit"]) == (
        False, False, True, "16")
    _check_spans(ev, LEGACY_1998)


def test_resignation_with_a_going_concern_paragraph_is_no_adverse_opinion() -> None:
    ev = _event("4.01", RESIGNED_2015)
    a = ev.attributes
    assert (a["former_accountant"], a["former_action"], a["date"]) == ("Quist & Lowell, P.C.", "resigned", "2015-06-02")
    assert a["new_accountant"] == "Harrow Vale CPAs"
    assert a["adverse_opinion"] is False and a["disagreements"] is False
    assert "audit_committee_approved" not in a  # the text does not say
    assert a["letter_exhibit"] == "16.1"
    _check_spans(ev, RESIGNED_2015)


def test_declined_reappointment_with_a_disagreement_and_a_disclaimer() -> None:
    ev = _event("4.01", DECLINED_2006)
    a = ev.attributes
    assert (a["former_accountant"], a["former_action"], a["date"]) == (
        "KPMG LLP", "declined_reappointment", "2006-02-14")
    assert a["new_accountant"] == "Tarrant Bell LLP"
    assert a["disagreements"] is True and a["adverse_opinion"] is True and a["audit_committee_approved"] is True
    assert "letter_exhibit" not in a
    _check_spans(ev, DECLINED_2006)


def test_dismissal_and_engagement_in_one_sentence() -> None:
    ev = _event("4.01", ONE_SENTENCE_2012)
    a = ev.attributes
    assert (a["former_accountant"], a["new_accountant"], a["former_action"], a["date"]) == (
        "Hartwell & Pruitt LLP", "Ostrander Kemp LLP", "dismissed", "2012-04-01")
    assert a["adverse_opinion"] is False and a["audit_committee_approved"] is True
    _check_spans(ev, ONE_SENTENCE_2012)


def test_the_letter_request_says_nothing_of_disagreements() -> None:
    text = ("Item 4.01. On May 1, 2019, the Company dismissed Hale Birch LLP. The Company asked Hale Birch LLP to "
            "state whether it agrees or disagrees with these statements. There were no disagreements with Hale "
            "Birch LLP on any matter.")
    assert _event("4.01", text).attributes["disagreements"] is False


def test_the_verb_a_firm_is_the_subject_of_wins_over_a_nearer_one() -> None:
    text = ("Item 4.01. On May 1, 2019, Hale Birch LLP was dismissed and Corra Lind LLP was engaged as the "
            "Company's independent registered public accounting firm.")
    a = _event("4.01", text).attributes
    assert (a["former_accountant"], a["former_action"], a["new_accountant"], a["date"]) == (
        "Hale Birch LLP", "dismissed", "Corra Lind LLP", "2019-05-01")


def test_letter_exhibit_from_the_exhibit_list_when_the_item_does_not_name_it() -> None:
    text = "Item 4.01. On May 5, 2020, the Company dismissed Brill Oakes LLP as its independent auditor."
    listed = Exhibit(number="16.1", description="Letter of Brill Oakes LLP", span=Span(start=500, end=540, document=1))
    ev = _event("4.01", text, Context(exhibits=[Exhibit(number="99.1"), listed]))
    assert ev.attributes["letter_exhibit"] == "16.1"
    assert ev.attribute_spans["letter_exhibit"] == listed.span


def test_no_firm_named_gives_no_accountant() -> None:
    ev = _event("4.01", "Item 4.01. The Company changed its certifying accountant. See the attached letter.")
    assert "former_accountant" not in ev.attributes and "new_accountant" not in ev.attributes


def test_full_legacy_filing_spans_point_into_the_document_and_the_letter_comes_from_the_exhibit_list() -> None:
    body = (
        "FORM 8-K\n\nDate of Report (Date of earliest event reported): October 9, 1997\n\n"
        "Item 4. Changes in Registrant's Certifying Accountant.\n\n"
        "On October 9, 1997, COOPERS & LYBRAND L.L.P. resigned as independent accountants of the Registrant. "
        "There were no disagreements with Coopers & Lybrand L.L.P. on any matter of accounting principles or "
        "practices.\n\n"
        "Item 7. Financial Statements and Exhibits.\n\n"
        "(c) Exhibits.\n\nExhibit No.    Description\n\n16    Letter of Coopers & Lybrand L.L.P. on the change of "
        "accountants.\n"
    )
    filing = parse(body.encode())
    (ev,) = [e for e in filing.events if e.type == "auditor_change"]
    a = ev.attributes
    assert (a["former_accountant"], a["former_action"], a["date"], a["disagreements"]) == (
        "COOPERS & LYBRAND L.L.P.", "resigned", "1997-10-09", False)
    assert a["letter_exhibit"] == "16" and "new_accountant" not in a
    s = ev.attribute_spans["former_accountant"]
    assert body[s.start : s.end] == "COOPERS & LYBRAND L.L.P." and s.document == 1
    assert set(ev.attribute_spans) == {k for k in a if k != "item_source"}


def test_merged_firm_and_a_named_short_form() -> None:
    text = (
        "Item 4.01. On July 1, 2019, the audit practice of Bexley Moor LLP (\u201cBexley\u201d) was combined "
        "with Strand Ives & Co. LLP (\u201cStrand\u201d). As a result, Bexley Moor LLP resigned as the "
        "Company\u2019s independent registered public accounting firm and Strand Ives & Co. LLP became its "
        "independent registered public accounting firm. The engagement of Strand was approved by the Audit "
        "Committee."
    )
    a = _event("4.01", text).attributes
    assert (a["former_accountant"], a["former_action"], a["new_accountant"]) == (
        "Bexley Moor LLP", "resigned", "Strand Ives & Co. LLP")
    assert a.get("date") in ("2019-07-01", None)  # the date is in the sentence before
    assert a["audit_committee_approved"] is True


def test_the_action_is_read_on_a_short_name_of_the_firm() -> None:
    text = (
        "Item 4.01. On May 3, 2024, the Commission issued an order against Fenwick Sallow CPA PC (\u201cFenwick\u201d) "
        "and its sole audit partner. On May 6, 2024, the Company dismissed Fenwick as its independent registered "
        "public accounting firm. On May 9, 2024, the Company engaged Orrin Tate, LLC (\u201cOrrin\u201d) as its "
        "new independent registered public accounting firm; Orrin had not been consulted before."
    )
    ev = _event("4.01", text)
    a = ev.attributes
    assert (a["former_accountant"], a["former_action"], a["date"], a["new_accountant"]) == (
        "Fenwick Sallow CPA PC", "dismissed", "2024-05-06", "Orrin Tate, LLC")
    _check_spans(ev, text)


def test_a_filing_printed_in_capitals() -> None:
    text = (
        "ITEM 4. CHANGES IN REGISTRANT'S CERTIFYING ACCOUNTANT.\n\nON MARCH 3, 1997, THE REGISTRANT DISMISSED "
        "ARTHUR ANDERSEN LLP AS ITS INDEPENDENT ACCOUNTANTS. THERE WERE NO DISAGREEMENTS WITH ARTHUR ANDERSEN LLP. "
        "THE REGISTRANT HAS ENGAGED HOLLIS WREN & CO. AS ITS NEW ACCOUNTANTS. SEE EXHIBIT 16."
    )
    ev = _event("4", text)
    a = ev.attributes
    assert (a["former_accountant"], a["former_action"], a["date"], a["new_accountant"]) == (
        "ARTHUR ANDERSEN LLP", "dismissed", "1997-03-03", "HOLLIS WREN & CO.")
    assert (a["disagreements"], a["letter_exhibit"]) == (False, "16")
    _check_spans(ev, text)


# --- non_reliance -----------------------------------------------------------------------------

AUDITOR_NOTICE = (
    "Item 4.02(b). On May 3, 2021, Marlow & Finch LLP, the Company\u2019s independent registered public accounting "
    "firm, advised the Audit Committee that the Company\u2019s unaudited financial statements for the quarters ended "
    "March 31, 2020, June 30, 2020 and September 30, 2020 should no longer be relied upon. As a result, revenue "
    "and deferred revenue were materially misstated. The Company will restate those financial statements."
)

SEC_COMMENT = (
    "Item 4.02. Non-Reliance on Previously Issued Financial Statements.\n"
    "Following a comment letter from the staff of the Securities and Exchange Commission, on April 12, 2021 the "
    "Audit Committee concluded that the audited financial statements for fiscal years 2019 and 2020 should no "
    "longer be relied upon. The error resulted in a misstatement of warrant liabilities, additional paid-in "
    "capital and accumulated deficit in those periods. The Company intends to file an amendment to its Annual "
    "Report on Form 10-K."
)

COMPANY_CONCLUSION = (
    "Item 4.02 Non-Reliance on Previously Issued Financial Statements. On August 9, 2023, the Board of Directors "
    "of the Company determined that the financial statements for the year ended December 31, 2022 should no "
    "longer be relied upon because of an error in the calculation of net loss per share. The Company does not "
    "intend to restate the statements; the correction will be made in the next Annual Report."
)


def test_auditor_notice_with_three_quarters() -> None:
    ev = _event("4.02", AUDITOR_NOTICE)
    a = ev.attributes
    assert a["periods"] == [
        "quarter ended March 31, 2020", "quarter ended June 30, 2020", "quarter ended September 30, 2020"]
    assert (a["identified_by"], a["restatement"]) == ("auditor", True)
    assert a["line_items"] == ["revenue", "deferred revenue"]
    _check_spans(ev, AUDITOR_NOTICE)


def test_sec_comment_letter_and_fiscal_years() -> None:
    ev = _event("4.02", SEC_COMMENT)
    a = ev.attributes
    assert a["periods"] == ["fiscal year 2019", "fiscal year 2020"]
    assert (a["identified_by"], a["restatement"]) == ("sec", True)
    assert a["line_items"] == ["warrant liabilities", "additional paid-in capital", "accumulated deficit"]
    _check_spans(ev, SEC_COMMENT)


def test_company_conclusion_without_restatement() -> None:
    ev = _event("4.02", COMPANY_CONCLUSION)
    a = ev.attributes
    assert a["periods"] == ["year ended December 31, 2022"]
    assert (a["identified_by"], a["restatement"]) == ("company", False)
    _check_spans(ev, COMPANY_CONCLUSION)


SPAC_2021 = (
    "Item 4.02. On May 10, 2021, the audit committee of the Company, in consultation with management, concluded "
    "that the Company's previously issued (i) audited balance sheet as of October 2, 2020, and (ii) audited "
    "financial statements for the period from July 1, 2020 (inception) through December 31, 2020 should no longer "
    "be relied upon. The warrants should have been classified as liabilities, which resulted in a misstatement of "
    "warrant liabilities, change in fair value of warrant liabilities and Class A common stock subject to possible "
    "redemption. The Company plans to restate its financial statements."
)

BULLETED_2022 = (
    "Item 4.02. On November 14, 2022, the Audit Committee concluded that the following financial statements "
    "should no longer be relied upon:\n"
    "\u2022 the audited financial statements for the fiscal years ended December 31, 2021 and 2020;\n"
    "\u2022 the unaudited financial statements for the three and nine months ended September 30, 2021.\n"
    "The Company will restate these financial statements. Cost of revenue was understated by $2.1 million in "
    "each period."
)


def test_spac_warrant_restatement_periods_and_captions() -> None:
    ev = _event("4.02", SPAC_2021)
    a = ev.attributes
    assert a["periods"] == [
        "balance sheet as of October 2, 2020", "period from July 1, 2020 (inception) through December 31, 2020"]
    assert a["line_items"] == [
        "warrant liabilities", "change in fair value of warrant liabilities",
        "Class A common stock subject to possible redemption"]
    assert (a["identified_by"], a["restatement"]) == ("company", True)
    _check_spans(ev, SPAC_2021)


def test_bulleted_periods_and_a_year_after_a_date() -> None:
    ev = _event("4.02", BULLETED_2022)
    a = ev.attributes
    assert a["periods"] == [
        "fiscal year ended December 31, 2021", "fiscal year ended December 31, 2020",
        "three and nine months ended September 30, 2021"]
    assert a["line_items"] == ["Cost of revenue"]
    _check_spans(ev, BULLETED_2022)


def test_a_public_sec_statement_is_no_comment_letter() -> None:
    text = ("Item 4.02. On April 12, 2021, the staff of the Securities and Exchange Commission issued a public "
            "statement on warrants (the \u201cStatement\u201d). In light of the Statement, on May 3, 2021 the audit "
            "committee concluded that the financial statements for the period from July 1, 2020 (inception) "
            "through December 31, 2020 should no longer be relied upon.")
    a = _event("4.02", text).attributes
    assert a["identified_by"] == "company"
    assert a["periods"] == ["period from July 1, 2020 (inception) through December 31, 2020"]
    assert "restatement" not in a  # the text does not say


def test_an_amended_and_restated_plan_is_not_non_reliance() -> None:
    text = ("Item 5. Other Events. On May 1, 2003, the Company amended and restated its shareholder rights plan. "
            "The Amended and Restated Rights Agreement is filed as an exhibit.")
    assert _event("5", text).type != "non_reliance"
    restated = ("Item 5. Other Events. The Company will restate its financial statements for 2002, which should "
                "no longer be relied upon.")
    assert _event("5", restated).type == "non_reliance"


# --- bankruptcy, delisting, cybersecurity -----------------------------------------------------


def test_chapter_11_petition() -> None:
    text = ("Item 1.03 Bankruptcy or Receivership. On January 5, 2009, the Company and its subsidiaries filed "
            "voluntary petitions for relief under Chapter 11 of title 11 of the United States Code in the United "
            "States Bankruptcy Court for the District of Delaware (the \u201cCourt\u201d).")
    ev = _event("1.03", text)
    assert (ev.attributes["court"], ev.attributes["chapter"]) == (
        "United States Bankruptcy Court for the District of Delaware", "11")
    _check_spans(ev, text)


def test_legacy_chapter_7_and_a_receivership() -> None:
    text = ("Item 3. Bankruptcy or Receivership.\nOn July 7, 1997, the Registrant filed a petition under Chapter 7 "
            "in the U.S. Bankruptcy Court, Southern District of Ohio.")
    ev = _event("3", text)
    assert (ev.attributes["court"], ev.attributes["chapter"]) == ("U.S. Bankruptcy Court, Southern District of Ohio", "7")
    receiver = ("Item 1.03. On March 2, 2016, the Circuit Court of Cook County, Illinois appointed a receiver for "
                "the Company's assets.")
    ev = _event("1.03", receiver)
    assert "chapter" not in ev.attributes
    assert ev.attributes["court"].startswith("Circuit Court of Cook County")
    _check_spans(ev, receiver)


def test_delisting_notices() -> None:
    nasdaq = ("Item 3.01 Notice of Delisting. On October 3, 2022, the Company received a letter from the Listing "
              "Qualifications Department of The Nasdaq Stock Market LLC notifying it that the bid price of its "
              "common stock had closed below $1.00 for 30 consecutive business days, as required by Nasdaq "
              "Listing Rule 5550(a)(2).")
    ev = _event("3.01", nasdaq)
    assert (ev.attributes["exchange"], ev.attributes["rule"]) == (
        "Nasdaq Stock Market LLC", "Nasdaq Listing Rule 5550(a)(2)")
    _check_spans(ev, nasdaq)
    nyse = ("Item 3.01. On May 4, 2009, the Company was notified by the New York Stock Exchange that it was below "
            "the continued listing criteria of Section 802.01C of the NYSE Listed Company Manual.")
    ev = _event("3.01", nyse)
    assert (ev.attributes["exchange"], ev.attributes["rule"]) == ("New York Stock Exchange", "Section 802.01C")
    _check_spans(ev, nyse)


def test_cybersecurity_incident() -> None:
    text = ("Item 1.05 Material Cybersecurity Incidents. On November 14, 2023, the Company detected a ransomware "
            "attack that encrypted some of its systems. The Company activated its response plan and notified "
            "federal law enforcement. The incident has had a material impact on the Company's operations.")
    ev = _event("1.05", text)
    a = ev.attributes
    assert (a["discovered_date"], a["nature"], a["material_impact"], a["law_enforcement_notified"]) == (
        "2023-11-14", "ransomware attack", True, True)
    _check_spans(ev, text)
    unknown = ("Item 1.05. On March 2, 2024, the Company identified unauthorized access to its network. The "
               "Company has not yet determined whether the incident is reasonably likely to materially impact it.")
    a = _event("1.05", unknown).attributes
    assert a["nature"] == "unauthorized access" and "material_impact" not in a and "law_enforcement_notified" not in a


# --- the corpus labels ------------------------------------------------------------------------

#: Per-field F1 goals of issue 14 (former/new accountant and action).
GOALS = {"former_accountant": 0.95, "new_accountant": 0.95, "former_action": 0.95}


def _labels() -> list[dict]:
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["type"] in MY_TYPES]


def _path(filing: str) -> str:
    if (CORPUS / filing).is_file():
        return filing
    rows = [line.split("\t") for line in (CORPUS / "inventory.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    (path,) = [r[0] for r in rows if len(r) > 11 and r[11] == filing and r[3] == "8-K filing"]
    return path


def _norm(v: object) -> object:
    return re.sub(r"[^a-z0-9]", "", v.lower()) if isinstance(v, str) else v


def score(labels: list[dict]) -> dict[str, list[int]]:
    """Per field [true positives, false positives, false negatives] of the events eightk infers
    against the labels (strings compared without case and punctuation, lists element-wise)."""
    counts: dict[str, list[int]] = {}
    for lab in labels:
        rel = _path(lab["filing"])
        events = [e for e in parse((CORPUS / rel).read_bytes(), path=rel).events
                  if e.item == lab["item"] and e.type == lab["type"]]
        got = events[0].attributes if events else {}
        for key, want in lab["attributes"].items():
            c = counts.setdefault(f"{lab['type']}.{key}", [0, 0, 0])
            have = got.get(key)
            if isinstance(want, list) or isinstance(have, list):
                w, h = {_norm(x) for x in want or []}, {_norm(x) for x in have or []}
                c[0] += len(w & h)
                c[1] += len(h - w)
                c[2] += len(w - h)
            elif want is not None and _norm(want) == _norm(have):
                c[0] += 1
            else:
                c[1] += have is not None
                c[2] += want is not None
    return counts


def f1(c: list[int]) -> float:
    tp, fp, fn = c
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def test_corpus_labels_reach_the_goals() -> None:
    if not CORPUS.is_dir():
        unavailable(NO_SHARED)
    labels = _labels()
    assert {lab["type"] for lab in labels} >= {"auditor_change", "non_reliance", "bankruptcy"}
    counts = score(labels)
    for field, goal in GOALS.items():
        c = counts[f"auditor_change.{field}"]
        assert c[0] >= 3 and f1(c) >= goal, (field, c)


def main() -> None:
    """Print the per-field precision, recall and F1 (``python -m tests.test_events_auditor``)."""
    counts = score(_labels())
    print(f"{'field':45} {'tp':>3} {'fp':>3} {'fn':>3} {'P':>5} {'R':>5} {'F1':>5}")
    for key, (tp, fp, fn) in sorted(counts.items()):
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        print(f"{key:45} {tp:3} {fp:3} {fn:3} {p:5.2f} {r:5.2f} {f1([tp, fp, fn]):5.2f}")


if __name__ == "__main__":
    main()


def test_more_layouts_of_the_distress_items() -> None:
    petition = ("Item 1.03. On June 3, 2023, the Company filed voluntary petitions for relief under chapter 11 of "
                "title 11 of the United States Code in the United States Bankruptcy Court for the Southern District "
                "of Texas (the \u201cCourt\u201d).")
    a = _event("1.03", petition).attributes
    assert (a["court"], a["chapter"]) == ("United States Bankruptcy Court for the Southern District of Texas", "11")
    nyse_american = ("Item 3.01. On April 2, 2024, the Company received notice from NYSE American LLC that it is not in "
                     "compliance with Section 1003(a)(iii) of the NYSE American Company Guide.")
    a = _event("3.01", nyse_american).attributes
    assert (a["exchange"], a["rule"]) == ("NYSE American LLC", "Section 1003(a)(iii)")
    cyber = ("Item 1.05. On December 1, 2023, the Company identified a cybersecurity incident in which a threat "
             "actor gained unauthorized access to certain systems. The Company has not notified law enforcement. "
             "As of the date of this report, the incident has not had a material impact on the Company's "
             "operations.")
    a = _event("1.05", cyber).attributes
    assert (a["discovered_date"], a["nature"], a["material_impact"], a["law_enforcement_notified"]) == (
        "2023-12-01", "unauthorized access", False, False)
