import datetime

import pytest

from documents.dates import DatePrecision, PartialDate, display_date
from documents.symbols import normalize_symbol, symbol_slug


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("MC.DEC/5/09", "MC.DEC/5/09"),
        ("mc.dec/5/09", "MC.DEC/5/09"),
        ("  MC.DOC / 2/05 ", "MC.DOC/2/05"),
        ("mc(5).dec/2", "MC(5).DEC/2"),
        ("EEF.GAL/3/09/REV.1", "EEF.GAL/3/09/Rev.1"),
        ("eef.gal/3/09/rev. 1", "EEF.GAL/3/09/Rev.1"),
        ("PC.DEC/621", "PC.DEC/621"),
        ("", ""),
    ],
)
def test_symbols_normalise_to_one_canonical_spelling(raw, canonical):
    assert normalize_symbol(raw) == canonical


def test_symbol_slug_is_url_safe():
    assert symbol_slug("MC.DOC/2/05") == "mc-doc-2-05"
    assert symbol_slug("MC(5).DEC/2") == "mc-5-dec-2"


@pytest.mark.parametrize(
    ("date", "expected_display", "expected_iso"),
    [
        (PartialDate.of(2005, 12, 6), "6 December 2005", "2005-12-06"),
        (PartialDate.of(1995, 12), "December 1995", "1995-12"),
        (PartialDate.of(1975), "1975", "1975"),
    ],
)
def test_dates_display_only_what_is_known(date, expected_display, expected_iso):
    assert date.display() == expected_display
    assert date.iso() == expected_iso


def test_partial_dates_start_on_the_first_day_of_their_period():
    assert PartialDate.of(1995, 12) == PartialDate(datetime.date(1995, 12, 1), DatePrecision.MONTH)
    assert display_date(None, DatePrecision.DAY) == ""
