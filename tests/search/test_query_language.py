"""How a query is read, before any backend runs it."""

from search.parsing import (
    MAX_TERMS,
    All,
    AnyOf,
    Not,
    Phrase,
    Symbol,
    Word,
    parse_query,
    rewrite_words,
)


def test_words_are_anded_and_or_binds_tighter():
    assert parse_query("border OR migration management").node == All(
        (AnyOf((Word("border"), Word("migration"))), Word("management"))
    )


def test_phrases_exclusions_and_brackets():
    parsed = parse_query('"dignified treatment" -smuggling NOT (labour OR forced)')
    assert parsed.node == All(
        (
            Phrase("dignified treatment"),
            Not(Word("smuggling")),
            Not(AnyOf((Word("labour"), Word("forced")))),
        )
    )


def test_symbols_are_recognised_in_any_case_and_with_a_meeting_number():
    assert parse_query("mc.dec/5/09").node == Symbol("MC.DEC/5/09")
    assert parse_query("(MC(5).DEC/2 OR pc.dec/621)").node == AnyOf(
        (Symbol("MC(5).DEC/2"), Symbol("PC.DEC/621"))
    )


def test_only_trailing_wildcards_are_searched_and_the_others_explained():
    assert parse_query("migra*").node == Word("migra", prefix=True)
    for query in ("*", "*a*", "*ation", "mi*ion", "m*", "mi*"):
        parsed = parse_query(query)
        assert parsed.node is None and parsed.nothing_searchable, query
        assert "Wildcards" in parsed.notes[0]


def test_field_syntax_is_read_as_words_with_a_note():
    parsed = parse_query("year:abc")
    assert parsed.node == All((Word("year"), Word("abc")))
    assert "not supported" in parsed.notes[0]


def test_broken_input_is_read_as_far_as_it_makes_sense():
    assert parse_query('"unbalanced quote').node == All((Word("unbalanced"), Word("quote")))
    assert parse_query("closing) bracket)").node == All((Word("closing"), Word("bracket")))
    assert parse_query("a OR").node == Word("a")
    assert parse_query("NOT").node is None
    assert parse_query("nul\x00byte").node == All((Word("nul"), Word("byte")))


def test_an_empty_query_matches_everything_and_an_unsearchable_one_nothing():
    assert not parse_query("   ").nothing_searchable
    assert parse_query("()").nothing_searchable


def test_the_number_of_terms_is_bounded():
    parsed = parse_query(" ".join(f"w{n}" for n in range(100)))
    assert len(parsed.node.nodes) == MAX_TERMS
    assert f"first {MAX_TERMS} terms" in parsed.notes[0]


def test_deep_brackets_are_flattened():
    parsed = parse_query("(" * 50 + "deep" + ")" * 50)
    assert parsed.node == Word("deep")
    assert "nested too deeply" in parsed.notes[0]


def test_suggestions_replace_whole_words_only():
    assert rewrite_words("Smugling of smuglings", {"smugling": "smuggling"}) == "smuggling of smuglings"
