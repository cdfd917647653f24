"""Inputs that are not 8-Ks are refused with a message that says what they are (issue
"Everyday use"); every input here is synthetic."""

from __future__ import annotations

import pytest

import eightk
from eightk.errors import InputError, NotAn8KError

TEN_K = b"""UNITED STATES SECURITIES AND EXCHANGE COMMISSION
Washington, D.C. 20549

FORM 10-K

ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d)

For the fiscal year ended December 31, 2019

LARKSPUR HOLLOW MINING CORP.
(Exact name of registrant as specified in its charter)

Item 1.  Business.

We dig for gravel.
"""

SUBMISSION_10Q = b"""<SEC-DOCUMENT>0000999002-20-000001.txt : 20200505
<SEC-HEADER>0000999002-20-000001.hdr.sgml : 20200505
ACCESSION NUMBER:\t\t0000999002-20-000001
CONFORMED SUBMISSION TYPE:\t10-Q
PUBLIC DOCUMENT COUNT:\t\t1
FILED AS OF DATE:\t\t20200505
</SEC-HEADER>
<DOCUMENT>
<TYPE>10-Q
<SEQUENCE>1
<FILENAME>q.txt
<TEXT>
QUARTERLY REPORT
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""

LONE_EXHIBIT = b"""<DOCUMENT>
<TYPE>EX-99.1
<SEQUENCE>2
<FILENAME>ex991.htm
<TEXT>
<html><body><p>Larkspur Hollow announces record gravel output.</p></body></html>
</TEXT>
</DOCUMENT>
"""

XBRL_INSTANCE = b"""<?xml version="1.0" encoding="utf-8"?>
<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:dei="http://xbrl.sec.gov/dei/2019-01-31">
  <dei:DocumentType contextRef="c1">8-K</dei:DocumentType>
</xbrli:xbrl>
"""

INDEX_PAGE = b"""<html><head><title>EDGAR Filing Documents for 0000999002-20-000002</title></head>
<body><div>Form 8-K - Current report</div><div>Items</div><div>Item 2.02: Results of Operations</div>
<p>Document Format Files</p><table><tr><td>1</td><td>8-K</td><td>d8k.htm</td></tr></table></body></html>"""

PROSE = b"""Minutes of the garden club, April meeting.

The tulips came up early this year and the treasurer reported twelve dollars in dues.
"""


@pytest.mark.parametrize("data, says", [
    (TEN_K, "Form 10-K"),
    (SUBMISSION_10Q, "Form 10-Q"),
    (LONE_EXHIBIT, r"lone exhibit \(EX-99\.1\)"),
    (XBRL_INSTANCE, "XML"),
    (INDEX_PAGE, "index page"),
    (PROSE, "no 8-K cover"),
    (b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n", "a PDF document"),
])
def test_not_an_8k_is_refused_with_what_it_is(data, says):
    with pytest.raises(InputError, match=says):
        eightk.parse(data)


def test_the_form_found_is_kept_on_the_error():
    with pytest.raises(NotAn8KError) as e:
        eightk.parse(SUBMISSION_10Q)
    assert e.value.form == "10-Q"


def test_an_8k_without_a_form_line_but_with_items_is_read():
    f = eightk.parse(b"Item 8.01  Other Events.\n\nThe orchard was sold.\n", facts=False)
    assert [i.code for i in f.items] == ["8.01"]


def test_parse_takes_bytes_and_says_so_for_a_str():
    with pytest.raises(TypeError, match="bytes"):
        eightk.parse("FORM 8-K")  # type: ignore[arg-type]
