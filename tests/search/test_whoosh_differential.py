"""The array evaluator against Whoosh's own searcher, on generated indexes at realistic scale.

``test_whoosh_evaluator.py`` compares the two on the bundled corpus, where no posting list
passes its first block. Here an index of 10,000 generated provisions in five segments, with
deleted and rewritten provisions and posting lists of many blocks, is searched with queries
and filters that hypothesis draws; for each, the total, the six facets' counts and the top
20 (scores in order) must be Whoosh's. ``make whoosh-sweep`` (marker ``whoosh_sweep``) runs
many more cases on a larger index.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.sorting import Count, FieldFacet

from search import parsing
from search.backends.whoosh_eval import Evaluator
from search.backends.whoosh_query import WhooshQueryCompiler, compile_filters
from search.query import FACET_NAMES, SearchFilters
from tests.search.whoosh_generated import (
    BLOCK_LIMIT,
    BODIES,
    CATEGORIES,
    DIMENSIONS,
    KINDS,
    build_generated_index,
)

CASES_IN_MAKE_TEST = 40
CASES_IN_SWEEP = 600
TOP = 20


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    path = tmp_path_factory.mktemp("generated-index")
    return build_generated_index(path, provisions=10_000, segments=4, seed=19)


@pytest.fixture(scope="module")
def generated_large(tmp_path_factory):
    path = tmp_path_factory.mktemp("generated-index-large")
    return build_generated_index(path, provisions=40_000, segments=8, seed=1919)


_SEARCHERS: dict = {}


def _searcher(generated):
    """One searcher per generated index for the module: its arrays are read once."""
    if generated.path not in _SEARCHERS:
        _SEARCHERS[generated.path] = whoosh_index.open_dir(str(generated.path)).searcher()
    return _SEARCHERS[generated.path]


def queries(words: list[str]):
    """Query texts as a user types them, over the index's own words (common and rare)."""
    word = st.one_of(st.sampled_from(words[:30]), st.sampled_from(words))
    atom = st.one_of(
        word,
        st.builds(lambda w: w[:3] + "*", word),
        st.builds(lambda a, b: f'"{a} {b}"', word, word),
        st.builds(lambda a: f'"{a}"', word),
    )
    clause = st.one_of(
        atom,
        st.builds(lambda a, b: f"{a} OR {b}", atom, atom),
        st.builds(lambda a: f"-{a}", word),
        st.builds(lambda a: f"NOT {a}", word),
    )
    return st.one_of(st.just(""), st.lists(clause, min_size=1, max_size=3).map(" ".join))


def filters(slugs: list[str]):
    subset = lambda values: st.lists(st.sampled_from(values), max_size=2, unique=True).map(tuple)  # noqa: E731
    year = st.one_of(st.none(), st.integers(1970, 2020))
    return st.builds(
        SearchFilters,
        dimensions=subset(DIMENSIONS),
        categories=subset(CATEGORIES),
        kinds=subset(KINDS),
        bodies=subset(BODIES),
        documents=subset(slugs[:40]),
        year_from=year,
        year_to=year,
        commitments_only=st.booleans(),
    )


def whoosh_reference(searcher, query, filter_query):
    """Whoosh's own answer: every hit scored, in its order, and the facet counts."""
    if isinstance(query, wq.Not):
        # Whoosh's InverseMatcher (whoosh-reloaded 2.7.5) returns a deleted document that
        # comes right after the last match of the negated words (found by the sweep). The
        # same query written as "everything but" keeps deleted documents out, scored alike.
        query = wq.AndNot(wq.Every(), query.query)
    results = searcher.search(
        query,
        filter=filter_query,
        limit=None,
        groupedby={
            name: FieldFacet(name, allow_overlap=name in ("dimension", "category")) for name in FACET_NAMES
        },
        maptype=Count,
    )
    facets = {
        name: {(k.decode() if isinstance(k, bytes) else k): n for k, n in results.groups(name).items() if k}
        for name in FACET_NAMES
    }
    return [(hit.docnum, hit.score) for hit in results], facets


def assert_agrees(searcher, text: str, search_filters: SearchFilters):
    query = WhooshQueryCompiler(searcher.reader()).compile(parsing.parse_query(text))
    filter_query = compile_filters(search_filters)
    combined = query if filter_query is None else wq.And([query, wq.ConstantScoreQuery(filter_query, 0.0)])
    answer = Evaluator(index_key=f"differential:{id(searcher)}").run(
        searcher, combined, facets=FACET_NAMES, order="relevance", offset=0, page_size=TOP, time_limit=60
    )
    expected, expected_facets = whoosh_reference(searcher, query, filter_query)
    assert answer.complete
    assert answer.total == len(expected), (text, search_filters)
    assert answer.facets == expected_facets, (text, search_filters)
    got = [(hit.docnum, hit.score) for hit in answer.hits]
    assert len(got) == min(TOP, len(expected))
    if "*" in text:
        # Prefix expansions are scored as words here, where Whoosh gives them a constant.
        assert {d for d, _ in got} <= {d for d, _ in expected}
        return
    # The best scores in order, and each hit with Whoosh's score for it: the same top 20,
    # up to documents of equal score trading places.
    assert [s for _, s in got] == pytest.approx([s for _, s in expected[:TOP]], rel=1e-4), text
    expected_score = dict(expected)
    assert all(expected_score[d] == pytest.approx(s, rel=1e-4) for d, s in got), text


def test_the_generated_index_is_what_the_comparison_needs(generated):
    """Several segments, deletions in the older ones, and posting lists of many blocks."""
    searcher = whoosh_index.open_dir(str(generated.path)).searcher()
    leaves = [leaf for leaf, _ in searcher.reader().leaf_readers()]
    assert len(leaves) >= 5
    assert sum(leaf.has_deletions() for leaf in leaves) >= 4
    assert searcher.doc_count() == generated.provisions >= 9_000
    common = [w for w in generated.words[:10] if all(leaf.doc_frequency("text", w) for leaf in leaves[:4])]
    assert common and all(leaf.doc_frequency("text", common[0]) > 5 * BLOCK_LIMIT for leaf in leaves[:4])


def test_fixed_cases_agree(generated):
    searcher = _searcher(generated)
    common, rare = generated.words[1], generated.words[-1]
    for text in ("", common, f"{common} {generated.words[2]}", f'"{common} {generated.words[3]}"', rare):
        for search_filters in (SearchFilters(), SearchFilters(dimensions=("human",), year_from=1990)):
            assert_agrees(searcher, text, search_filters)


@settings(max_examples=CASES_IN_MAKE_TEST, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_generated_queries_agree_with_whoosh(generated, data):
    searcher = _searcher(generated)
    assert_agrees(searcher, data.draw(queries(generated.words)), data.draw(filters(generated.slugs)))


@pytest.mark.whoosh_sweep
@settings(max_examples=CASES_IN_SWEEP, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_sweep_of_generated_queries_on_a_larger_index(generated_large, data):
    searcher = _searcher(generated_large)
    assert_agrees(
        searcher, data.draw(queries(generated_large.words)), data.draw(filters(generated_large.slugs))
    )
