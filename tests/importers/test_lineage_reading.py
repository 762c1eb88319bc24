"""Reading references to other documents from a text, typed by the verb that governs them."""

import pytest

from importing.lineage import read_references

ALIASES = {
    "Helsinki Final Act": "hfa",
    "Copenhagen Document 1990": "copenhagen",
    "Charter for European Security": "charter",
    "Charter for European Security 1999": "charter",
    "OSCE Strategy to Address Threats to Security and Stability in the Twenty-First Century": "strategy",
    "Final Recommendations of the Helsinki Consultations": "blue-book",
}


def _read(text):
    return [(r.target, r.kind, r.locator) for r in read_references(text, ALIASES)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "The participating States reaffirm the norms enshrined in the Helsinki Final Act.",
            [("hfa", "reaffirms", "")],
        ),
        (
            "They reaffirm the principles contained in the Copenhagen Document 1990 and the Charter "
            "for European Security 1999.",
            [("copenhagen", "reaffirms", ""), ("charter", "reaffirms", "")],
        ),
        ("Recalling the Helsinki Final Act,", [("hfa", "recalls", "")]),
        ("Building on the Copenhagen Document 1990, the States decide", [("copenhagen", "builds_on", "")]),
        # The verb of another sentence governs nothing here.
        ("They reaffirm their commitments. This is in the Helsinki Final Act.", [("hfa", "cites", "")]),
        # The document is the subject of "built on", not its object.
        (
            "In 1999, the Charter for European Security built on the EED-security nexus.",
            [("charter", "cites", "")],
        ),
        (
            "threats as identified in paragraph 35 of the OSCE Strategy to Address Threats to Security and "
            "Stability in the Twenty-First Century;",
            [("strategy", "cites", "paragraph 35")],
        ),
        (
            "a statement under paragraph 79, Chapter 6, of the Final Recommendations of the Helsinki "
            "Consultations.",
            [("blue-book", "cites", "paragraph 79, Chapter 6")],
        ),
        ("Lines\nwrapped in the Helsinki\nFinal Act are read whole.", [("hfa", "cites", "")]),
        ("the helsinki final act in lower case", [("hfa", "cites", "")]),
        ("The Final Act alone names no catalogued document here.", []),
    ],
)
def test_references_are_typed_by_their_governing_verb(text, found):
    assert _read(text) == found


def test_the_longest_name_wins():
    (reference,) = read_references("the Charter for European Security 1999", ALIASES)
    assert reference.name == "Charter for European Security 1999"
