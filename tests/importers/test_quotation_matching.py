"""Matching a quotation's words to a provision's text: normalised, and tolerant of small changes."""

import pytest

from commitments.quotation_matching import fragments, match, words

ANNEX_C_1_I = "(i) Strengthening of international exchange networks and information-sharing on border issues"
PARA_4_5 = (
    "4.5 To promote dignified treatment of all individuals wanting to cross borders, in\n"
    "conformity with relevant national legal frameworks, international law, including\n"
    "humanitarian law, and relevant OSCE commitments;"
)


@pytest.mark.parametrize(
    ("quotation", "text"),
    [
        ("Dignified Treatment of ALL individuals", PARA_4_5),  # case
        ("in conformity with relevant national legal frameworks", PARA_4_5),  # a line break between
        ("information sharing on border issues", ANNEX_C_1_I),  # punctuation
        ("the organisation of labour migration", "the organization of labor migration"),  # spelling
        ("the centre for the programme of defence", "the center for the program of defense"),
        ("legal frameworks, international law […] and relevant OSCE commitments", PARA_4_5),  # elision
        ("legal frameworks, international law … and relevant OSCE commitments", PARA_4_5),
        (
            "deepen[ing] dialogue and co-operation at all levels",
            "deepen dialogue and co-operation at all levels",
        ),
    ],
)
def test_the_same_words_match_exactly_however_printed(quotation, text):
    found = match(quotation, text)
    assert found is not None and found.exact


def test_a_long_quotation_that_drops_a_word_matches_tolerantly():
    found = match("strengthening international exchange networks and information-sharing", ANNEX_C_1_I)
    assert found is not None and not found.exact and found.score > 0.9


@pytest.mark.parametrize(
    ("quotation", "text"),
    [
        ("inherently a transnational issue", PARA_4_5),
        ("successful integration policies", "successful border policies"),  # short: exact only
        ("need to facilitate legal migration", "need to prevent illegal migration"),
        ("consider becoming parties to relevant international instruments", PARA_4_5),
        # Fragments must stand in order.
        ("relevant OSCE commitments […] dignified treatment", PARA_4_5),
    ],
)
def test_other_words_do_not_match(quotation, text):
    assert match(quotation, text) is None


def test_elisions_and_insertions_cut_a_quotation_into_fragments():
    assert fragments("to develop [comprehensive and] effective policies […] to implement") == [
        ["to", "develop"],
        ["effective", "policies"],
        ["to", "implement"],
    ]
    assert words("Co-operation, “Migrant’s” RIGHTS") == ["co", "operation", "migrants", "rights"]
