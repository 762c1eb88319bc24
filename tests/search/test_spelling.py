"""Did you mean: the nearest corpus word first, the phrase that finds something preferred,
symbols and numbers never touched."""

import pytest

from search.parsing import parse_query
from search.spelling import edit_distance, ranked, suggestion

VOCABULARY = {
    "family": 3,
    "fully": 40,
    "reunification": 2,
    "migrant": 9,
    "migrants": 12,
    "workers": 8,
    "border": 20,
}


def _suggest(query: str, *, hits=lambda text: True) -> str | None:
    return suggestion(
        query,
        parse_query(query),
        known=lambda word: word in VOCABULARY,
        fold=str.lower,
        candidates=lambda word: list(VOCABULARY.items()),
        finds_something=hits,
    )


@pytest.mark.parametrize(
    ("a", "b", "distance"), [("famly", "family", 1), ("famly", "fully", 2), ("ab", "ba", 1), ("", "abc", 3)]
)
def test_edit_distance_counts_insertions_substitutions_and_swaps(a, b, distance):
    assert edit_distance(a, b) == distance


def test_the_nearest_word_wins_over_a_more_frequent_one():
    assert ranked("famly", list(VOCABULARY.items()))[0] == "family"
    assert _suggest("famly reunification") == "family reunification"


def test_among_corrections_the_one_whose_phrase_finds_something_is_chosen():
    # "migrnt" is one edit from "migrant" and two from "migrants": the nearer is tried first, and
    # kept only if the phrase finds something.
    assert _suggest("migrnt workers") == "migrant workers"
    assert _suggest("migrnt workers", hits=lambda text: text == "migrants workers") == "migrants workers"


@pytest.mark.parametrize(
    "query", ["MC.DEC/5/09", "mc dec 5 09", "Decision No. 5/09", "4.5", "border", "migrant*"]
)
def test_symbols_numbers_known_words_and_prefixes_are_left_alone(query):
    assert _suggest(query) is None


def test_a_word_nothing_is_near_stays_as_typed():
    assert _suggest("zzyzx border") is None
