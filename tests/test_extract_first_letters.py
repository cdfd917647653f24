"""Patterns given a first-letter check match exactly what they match without it."""

import re

from eightk.extract.parties import _SUFFIX_RE
from eightk.extract.securities import _stock_re

PHRASES = [
    "Series A Convertible Preferred Stock, par value $.01 per share", "Class B common stock",
    "common stock", "preferred shares", "ordinary shares", "capital stock", "class A common stock",
    "convertible preferred stock", "cumulative preferred stock", "redeemable preferred stock",
    "participating preferred stock", "perpetual preferred stock", "voting common stock",
    "non-voting common stock", "American Depositary Shares", "american depositary shares", "ADSs",
    "6.5% Non-Cumulative Preferred Stock", "Floating Rate Preferred Units", "Common Units",
]


def _random_texts(vocabulary: str, separators: list[str], *, seed: int, length: int, count: int = 300):
    """``count`` texts of ``length`` words of ``vocabulary`` drawn at random (reproducibly), each
    followed by one of ``separators``."""
    import random

    words = vocabulary.split()
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(words) + rng.choice(separators) for _ in range(length))


def test_stock_pattern_first_letters_change_nothing():
    stock_re = _stock_re()
    bare = re.compile(stock_re.pattern[stock_re.pattern.index("(?P<cls>") :])
    text = " The issuer sold ".join(PHRASES) + " and xcommon stock, 7capital stock."
    got = [(m.span(), m.groups()) for m in stock_re.finditer(text)]
    assert got == [(m.span(), m.groups()) for m in bare.finditer(text)]
    assert len(got) >= len(PHRASES)


def _without_check(rx: re.Pattern[str]) -> re.Pattern[str]:
    """``rx`` without its leading ``(?=...)`` first-character check."""
    assert rx.pattern.startswith("(?=")
    depth = 0
    for i, c in enumerate(rx.pattern):
        depth += (c == "(") - (c == ")")
        if depth == 0:
            return re.compile(rx.pattern[i + 1 :], rx.flags)
    raise AssertionError(rx.pattern)


def test_suffix_and_period_first_characters_change_nothing():
    from eightk.extract.dates import period_re
    from eightk.extract.parties import _SUFFIX

    suffixes = [s.replace("\\", "").replace("?", "").replace("s.", "s") for s in _SUFFIX.split("|")]
    suffixes += ["Inc", "plc", "Plc", "S.A. de C.V.", "L. P."]
    text = "; ".join(f"Acme {s} and Beta, {s} (x{s}) {s}" for s in suffixes)
    periods = ("the three months ended March 31, 2003; fourth quarter and full year ended December 31, 2002; "
               "fifty-two weeks ending January 1, 2004; 13 weeks ended May 5; two quarters ended June 30; "
               "fiscal year then ended on June 30; (twelve months ended)")
    for rx, sample in ((_SUFFIX_RE, text), (period_re(), periods)):
        got = [(m.span(), m.groups()) for m in rx.finditer(sample)]
        assert got == [(m.span(), m.groups()) for m in _without_check(rx).finditer(sample)]
        assert len(got) >= 5


def test_needled_anchors_find_what_their_patterns_find():
    import random

    from eightk.extract.amounts import _MONEY_ANCHORS, _PERCENT_ANCHOR, _SHARES_ANCHOR
    from eightk.extract.dates import _DATE_ANCHOR, _PERIOD_ANCHOR
    from eightk.extract.hits import Needled, lowered
    from eightk.extract.parties import _ROLE_ANCHOR
    from eightk.extract.securities import _NOTE_ANCHOR, _STOCK_ANCHOR, _WARRANT_ANCHOR

    anchors = [_MONEY_ANCHORS[1][1], _SHARES_ANCHOR, _PERIOD_ANCHOR, _NOTE_ANCHOR, _STOCK_ANCHOR, _WARRANT_ANCHOR,
               _PERCENT_ANCHOR, _DATE_ANCHOR, _ROLE_ANCHOR]
    vocabulary = (
        "Dollars dollar DOLLARS dOLLARS Rollars Euros euro EUROS Pounds pounds POUNDS rounds founds Founds yen Yen "
        "YEN yEN YEn Den den Francs FRANCS francs Renminbi RENMINBI enminbi shares Share SHARES ADS ADSs AD Sshares "
        "common Common COMMON Preferred preferred ordinary Capital CAPITAL Aommon Notes notes NOTES Debentures "
        "debentures bonds BONDS Bonds warrant Warrants WARRANTS OPTION options Option ended Ending ENDED ENDING ends "
        "Ends nded NDED eNDED EnDS eNDS amendment pending End END June March May DECEMBER on J x 1 $ % ( ) , . - share oLLars sHARES Ds DS dS "
        "percent Percent PERCENT per cent PER CENT pER cENT pct Pct PCT recent cents p ct ÉTÉ İ ’ "
        "Jan Jan. JAN jan Dec. DEC Sept Man Sec 1an 4th 31, 2003 '03 2/4/03 12-31-2003 2003-12-31 333-12345 8-K / 0 12 "
        "Chief chief CHIEF President Vice Office notice Chairman Chair Director Secretary Treasurer Controller "
        "Comptroller General CEO CFO COO CTO EO Principal Managing Founder Trustee"
    )
    words = vocabulary.split()
    rng = random.Random(7)
    for _ in range(300):
        seps = ["", " ", "  ", "\n", ".", "-", ", ", " on ", "\u00a0", "\u2009"]
        text = "".join(rng.choice(words) + rng.choice(seps) for _ in range(60))
        for anchor in anchors:
            assert isinstance(anchor, Needled)
            got = [m.span() for m in anchor.finditer(text)]
            assert got == [m.span() for m in anchor.rx.finditer(text)], (anchor.rx.pattern, text)
            # the needles searched in the lower-cased text find the same
            assert got == [m.span() for m in anchor.finditer(text, lowered(text))], (anchor.rx.pattern, text)


def test_lowered_keeps_offsets():
    from eightk.extract.hits import lowered

    assert lowered("Common Stock — ÉTÉ") == "common stock ? ?t?"
    assert lowered("İstanbul Dollars") == "?stanbul dollars"  # "İ" lowers to two characters


def test_anchor_lookaheads_change_nothing():
    """The first-character lookaheads inside the anchors of legal suffixes, currency codes and
    dates match exactly what the anchors match without them."""

    from eightk.dates import DATE_ANCHOR
    from eightk.extract.amounts import _MONEY_ANCHORS
    from eightk.extract.parties import _SUFFIX_ANCHOR

    lookaheads = {_SUFFIX_ANCHOR: "(?=[noL.PAtimlG/BSa])", _MONEY_ANCHORS[0][1]: r"(?=[A-Z]{2}\b)",
                  DATE_ANCHOR: "(?=[aeupcoAEUPCO])"}
    vocabulary = ("Inc Inc. Corp Co. Company L.P. L. P. LP LLC llc L.L.C. Ltd Limited plc PLC N.V. S.A. SA AG GmbH B.V. "
             "S.p.A. A/S AB N.A. Bancorp Trust Ltd. lp lc pLC USD EUR GBP XSD USDX usd US$ JPY CHF KRW ILS RMB "
             "January Jan. JAN Feb FEBRUARY Sept Sep. May june 1an 2/3/04 12-31-2003 2003-12-31 1/2 10-K 333-12345 "
             "'03 4th 31, 2003 , . - / ( ) 0 1 12 123 x a b")
    for text in _random_texts(vocabulary, ["", " ", "  ", ", ", "\n", "."], seed=11, length=50):
        for rx, ahead in lookaheads.items():
            assert ahead in rx.pattern
            plain = re.compile(rx.pattern.replace(ahead, "", 1), rx.flags)
            assert [m.span() for m in rx.finditer(text)] == [m.span() for m in plain.finditer(text)], (rx.pattern, text)


def test_lower_case_plc_is_anchored():
    """The anchor of legal suffixes has the lower-case "p" of "plc" (and no "l")."""
    from eightk.extract.parties import find_organisations

    names = [h.value for h in find_organisations("Barclays Bank plc and Vodafone Group Plc, limited partners")]
    assert names == ["Barclays Bank plc", "Vodafone Group Plc"]


def test_number_first_characters_change_nothing():
    """The NUM_FIRST check before the share-count and percent patterns changes no match."""
    from eightk.extract.amounts import _percent_re, _shares_re

    phrases = ("20,000 shares; five million shares of Common Stock; Twenty-Five Shares; a thousand shares; "
               "ONE HUNDRED shares; 15 percent; Fifty Percent; ſix percent; 12.5%; .5 per cent; (10%); 3pct; "
               "xfive shares, 1,234,567 additional shares, eighteen restricted shares; Series A Preferred Stock 10")
    for rx in (_shares_re(), _percent_re()):
        assert rx.pattern.startswith("(?=")
        got = [(m.span(), m.groups()) for m in rx.finditer(phrases)]
        assert got == [(m.span(), m.groups()) for m in _without_check(rx).finditer(phrases)]
        assert len(got) >= 5


def test_title_first_letters_change_nothing():
    """The first-letter checks before the officer reader's title patterns match what the
    patterns match without them (case-insensitive "director" included: "İ", "ı", "ſ", "K")."""

    from eightk.extract.people import _DIRECTOR_RE, _ROLE_RE

    vocabulary = ("Chief Executive Officer chief financial officer Senior Vice President and Chief Operating Officer "
             "Co-President Chair Chairman of the Audit and Risk Committee Member of the Board a director Director "
             "as directors as new director DIRECTOR İndependent ınDependent dİrector ſenior to the Board ON OUR BOARD "
             "joined the Company's Board of Directors members of the Board CEO CFO Treasurer Secretary General Counsel "
             "Principal Accounting Officer Managing Director of Sales Founder Trustee Interim Lead Independent "
             "vice president and principal executive officer x , . ( ) 52")
    for text in _random_texts(vocabulary, ["", " ", "  ", ", ", "\n"], seed=5, length=40):
        for rx in (_ROLE_RE, _DIRECTOR_RE):
            check = re.match(r"\(\?=\[[^\]]+\]\)", rx.pattern)
            assert check
            plain = re.compile(rx.pattern[check.end():], rx.flags)
            assert [(m.span(), m.group()) for m in rx.finditer(text)] == [(m.span(), m.group()) for m in plain.finditer(text)]
