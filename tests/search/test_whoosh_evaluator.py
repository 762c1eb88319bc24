"""The array evaluator answers exactly what Whoosh's own collector answers, on the real corpus.

Whoosh's searcher (scoring every hit with BM25F, grouping by facet) is the reference: for
each query the evaluator must find the same documents, count the same facets, rank the
top hits in the same order with the same scores, and keep doing so once the index has
several segments and deleted documents.
"""

import numpy as np
import pytest
from whoosh import query as wq
from whoosh.sorting import Count, FieldFacet

from commitments.models import Provision
from search import parsing
from search.backends.whoosh_eval import Evaluator, in_sorted_keys
from search.backends.whoosh_query import WhooshQueryCompiler, compile_filters
from search.query import FACET_NAMES, SearchFilters

QUERIES = [
    "migration",
    "migrants AND workers",
    "labour migration",
    '"human rights"',
    '"illegal migration"',
    '"rights of migrant workers"',
    "refugees OR asylum OR displaced",
    "traffick*",
    "migra* -labour",
    "NOT migration",
    "integration of migrants",
    "MC.DOC/2/05",
    "",
    "zzzznotaword",
]
FILTERS = [
    SearchFilters(),
    SearchFilters(dimensions=("human",)),
    SearchFilters(categories=("forced", "illegal"), year_from=1990),
    SearchFilters(kinds=("ministerial-decision",), year_to=2010, commitments_only=True),
]


def reference(searcher, query):
    """Whoosh's own answer: every hit scored in order, and facet counts."""
    query, filter_query = query
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


def compiled(reader, text: str, filters: SearchFilters):
    """The query as the backend builds it, and as Whoosh's reference search takes it."""
    query = WhooshQueryCompiler(reader).compile(parsing.parse_query(text))
    filter_query = compile_filters(filters)
    if filter_query is None:
        return query, (query, None)
    return wq.And([query, wq.ConstantScoreQuery(filter_query, 0.0)]), (query, filter_query)


def assert_agrees(searcher, evaluator, queries, *, scores=True):
    query, whoosh_query = queries
    expected_hits, expected_facets = reference(searcher, whoosh_query)
    answer = evaluator.run(
        searcher, query, facets=FACET_NAMES, order="relevance", offset=0, page_size=20, time_limit=30
    )
    assert answer.complete
    assert answer.total == len(expected_hits), query
    assert answer.facets == expected_facets, query
    got = [(hit.docnum, hit.score) for hit in answer.hits]
    if not scores:
        assert {d for d, _ in got} <= {d for d, _ in expected_hits}
        return
    # The best scores, in order; documents with equal scores may trade places.
    assert [score for _, score in got] == pytest.approx([score for _, score in expected_hits[:20]], rel=1e-4)
    expected_scores = dict(expected_hits)
    assert all(expected_scores[docnum] == pytest.approx(score, rel=1e-4) for docnum, score in got), query


def edited_and_deleted(corpus_index, n: int):
    """A searcher after ``n`` provisions were edited and ``n`` deleted: several segments, deletions."""
    changed = list(Provision.objects.published().order_by("pk")[: 2 * n])
    for provision in changed[:n]:
        provision.text += " seasonal migration of workers"
        provision.save()
    Provision.objects.filter(pk__in=[p.pk for p in changed[n:]]).delete()
    corpus_index.update(p.pk for p in changed)
    searcher = corpus_index._searcher()
    assert len(list(searcher.reader().leaf_readers())) > 1
    assert searcher.reader().has_deletions()
    return searcher


@pytest.fixture
def evaluator(corpus_index):
    return Evaluator(index_key=str(corpus_index.store.current_dir()))


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: repr(f)[14:60])
def test_the_evaluator_answers_as_whoosh_does_on_the_corpus(corpus_index, evaluator, filters):
    searcher = corpus_index._searcher()
    for text in QUERIES:
        # Prefixes are scored as words here, where Whoosh gives them a constant.
        assert_agrees(searcher, evaluator, compiled(searcher.reader(), text, filters), scores="*" not in text)


def test_it_still_agrees_across_segments_with_deleted_documents(corpus_index, evaluator):
    searcher = corpus_index._searcher()
    assert_agrees(
        searcher, evaluator, compiled(searcher.reader(), "migration", SearchFilters())
    )  # fills caches
    searcher = edited_and_deleted(corpus_index, 20)
    for text in ("migration", '"seasonal migration"', "workers OR refugees", ""):
        for filters in FILTERS[:2]:
            assert_agrees(searcher, evaluator, compiled(searcher.reader(), text, filters))


def test_date_order_follows_the_documents_dates(corpus_index, evaluator):
    searcher = corpus_index._searcher()
    answer = evaluator.run(
        searcher, wq.Every(), facets=(), order="-date", offset=0, page_size=100, time_limit=30
    )
    date_of = dict(Provision.objects.published().values_list("pk", "document__date"))
    dated = [date_of[int(hit.stored["id"])] for hit in answer.hits if date_of[int(hit.stored["id"])]]
    assert dated == sorted(dated, reverse=True)
    assert answer.total == Provision.objects.published().count()


def test_a_search_past_its_deadline_says_it_is_incomplete(corpus_index, evaluator):
    searcher = corpus_index._searcher()
    answer = evaluator.run(
        searcher, wq.Every(), facets=FACET_NAMES, order="relevance", offset=0, page_size=20, time_limit=-1
    )
    assert not answer.complete
    assert answer.total == 0


def test_membership_in_sorted_keys_agrees_with_numpy_isin():
    rng = np.random.default_rng(7)
    keys = np.unique(rng.integers(0, 5_000, 2_000))
    values = rng.integers(-10, 5_010, 3_000)
    assert (in_sorted_keys(values, keys) == np.isin(values, keys)).all()
    assert not in_sorted_keys(values, keys[:0]).any()


@pytest.mark.parametrize("order", ["relevance", "-date", "date"])
def test_every_matching_id_comes_in_the_order_of_the_pages_across_segments(corpus_index, evaluator, order):
    searcher = edited_and_deleted(corpus_index, 15)
    for text in ("migration", "workers OR refugees OR border", ""):
        query, _ = compiled(searcher.reader(), text, SearchFilters())
        paged = evaluator.run(
            searcher, query, facets=(), order=order, offset=0, page_size=10_000, time_limit=30
        )
        ids, complete = evaluator.matching_ids(searcher, query, order=order, time_limit=30)
        assert complete and len(ids) == paged.total > 10
        assert ids == [int(hit.stored["id"]) for hit in paged.hits]
