"""Indexing's plain-Python analysis gives the index exactly what Whoosh's analysers would."""

from pathlib import Path

import pytest
from whoosh.fields import TEXT

from search.backends.whoosh_indexing import (
    SPELLING,
    STEMMING,
    WORD,
    SpellingText,
    StemmedText,
    folded_words,
    index_term,
    stemmed_positions,
)
from search.backends.whoosh_query import analyzed

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "corpus"

TRICKY = [
    "",
    "   ",
    "the of and a",  # stop words only
    "The the THE migrants",  # stop words before the first kept word keep its place
    "a b c d migration e f g asylum",  # one-letter words are dropped like stop words
    "Émigré émigrés EMIGRÉ naïve façade Øresund Łódź straße ÆSIR",
    "State's participating States' l'OSCE d’accord",
    "1975 Helsinki 2.5 per cent, 10,000 e.g. i.e. U.N. No.3 4.5(b)",
    "Annex C.2(v) MC.DOC/2/05 PC.DEC/1/23",
    "well-being co-operation cross-border non-discrimination",
    "running runs ran runner ponies caresses agreed generously",
    "ﬁnance ﬂows",  # ligatures
    "Δημοκρατία Россия миграция 移民",
    "tab\tand\nnew line\r\nwindows",
    "under_score __dunder__ _leading trailing_",
    "...leading dots. trailing.. dots... a.b.c",
]


def corpus_texts() -> list[str]:
    texts = []
    for path in sorted(CORPUS.glob("*.txt")):
        whole = path.read_text(encoding="utf-8")
        texts.append(whole)
        texts.extend(paragraph for paragraph in whole.split("\n\n") if paragraph.strip())
    return texts


def test_the_corpus_is_there_to_compare():
    assert len(corpus_texts()) > 100


def whoosh_terms(text: str, analyzer) -> list[tuple[str, int]]:
    return [(token.text, token.pos) for token in analyzer(text, positions=True)]


@pytest.mark.parametrize("text", TRICKY)
def test_folding_matches_the_spelling_analyser(text):
    assert list(folded_words(text)) == [term for term, _ in whoosh_terms(text, SPELLING)]


@pytest.mark.parametrize("text", TRICKY)
def test_terms_and_positions_match_the_stemming_analyser(text):
    expected: dict[str, list[int]] = {}
    for term, position in whoosh_terms(text, STEMMING):
        expected.setdefault(term, []).append(position)
    assert stemmed_positions(text) == expected


def test_stop_words_renumber_from_the_first_word_kept():
    assert stemmed_positions("the of migrants and refugees") == {"migrant": [2], "refuge": [3]}


@pytest.mark.parametrize("options", [{}, {"stored": True}, {"field_boost": 1.5}])
def test_stemmed_field_indexes_what_a_stemming_text_field_would(options):
    fast, reference = StemmedText(**options), TEXT(analyzer=STEMMING, **options)
    for text in [*TRICKY, *corpus_texts()]:
        assert list(fast.index(text)) == list(reference.index(text)), text[:80]


def test_spelling_field_counts_the_words_of_all_its_texts():
    fast = SpellingText()
    reference = TEXT(analyzer=SPELLING, phrase=False, spelling=True)
    texts = [*TRICKY, *corpus_texts()]
    for parts in zip(texts, texts[1:], texts[2:], strict=False):
        assert sorted(fast.index(parts)) == sorted(reference.index(" ".join(parts))), parts[0][:80]


def test_spelling_field_takes_a_plain_string_too():
    text = "Émigrés and émigrés"
    reference = TEXT(analyzer=SPELLING, phrase=False, spelling=True)
    assert sorted(SpellingText().index(text)) == sorted(reference.index(text))


def test_every_word_searched_gives_the_terms_its_indexing_gave():
    """Queries are analysed by Whoosh (``analyzed``), indexing in plain Python: a word of the
    corpus typed into the search box must come out as the terms its text was indexed under."""
    words = sorted({word for text in [*TRICKY, *corpus_texts()] for word in text.split()})
    assert len(words) > 2_000
    for word in words:
        indexed = sorted((p, term) for term, positions in stemmed_positions(word).items() for p in positions)
        assert analyzed(word) == [term for _, term in indexed], word
        assert analyzed(word, SPELLING) == list(folded_words(word)), word


def test_each_word_highlighted_gets_the_term_the_stemming_analyser_gives_it_every_time():
    """Snippets mark a word by ``index_term``, remembered per word as written."""
    words = {m.group() for text in [*TRICKY, *corpus_texts()[:40]] for m in WORD.finditer(text)}
    assert len(words) > 500
    for _ in range(2):  # the second time from memory
        for word in words:
            expected = analyzed(word, STEMMING)
            assert index_term(word) == (expected[0] if expected else None), word
