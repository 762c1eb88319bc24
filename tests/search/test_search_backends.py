"""What every search backend must do: one contract, run once per backend class."""

import time

import pytest
from django.db import connection

from commitments.models import Provision
from search import get_search_backend, reset_search_backends
from search.backends.database import DatabaseSearchBackend
from search.query import MAX_PAGE_SIZE, SearchFilters, SearchRequest
from tests.search.library import build_library

HOSTILE_QUERIES = [
    '"unbalanced quote',
    "unbalanced (bracket",
    "closing) bracket)",
    "((((((((((((((((((((deep))))))))))))))))))))",
    "*",
    "*a*",
    "?",
    "*ation",
    "mi*ion",
    "a" * 10_000,
    " ".join(["migration"] * 2_000),
    "migra\x00tion \x00",
    "unknown:field",
    "year:abc",
    "title:migration",
    "OR OR AND NOT",
    "NOT",
    "-",
    '""',
    "()",
    "\\",
    "'; DROP TABLE commitments_provision; --",
    "<script>alert(1)</script>",
    "MC.DEC/5/09/../../etc",
    "mc(5).dec/2",
    "\u202e\u200b\ufeff",
    "%_%",
    "a:b:c:d",
    "[range TO x]",
    "{1 TO 2}",
    "migration~2",
    "migration^10",
    "&&||!!",
    ":*",
    "'quoted':*",
]


def ids(results) -> list[int]:
    return [hit.provision_id for hit in results.hits]


class BackendContract:
    """Subclasses provide ``backend``: the backend under test, as the default backend, with
    an index built from ``library``."""

    @pytest.fixture
    def library(self, db):
        return build_library()

    def search(self, backend, query: str = "", **kwargs):
        """A search asking for everything a page shows: facets, snippets and a suggestion."""
        kwargs.setdefault("page_size", MAX_PAGE_SIZE)
        extras = {"with_facets": True, "with_snippets": True, "with_suggestion": True}
        return backend.search(SearchRequest(query=query, **{**extras, **kwargs}))

    def test_words_are_all_required(self, backend, library):
        found = ids(self.search(backend, "dignified treatment"))
        assert found[0] == library.dignified.pk
        assert set(found) == {library.dignified.pk, library.reversed_words.pk}

    def test_a_quoted_phrase_matches_only_the_phrase(self, backend, library):
        assert ids(self.search(backend, '"dignified treatment"')) == [library.dignified.pk]

    def test_or_finds_either_word(self, backend, library):
        found = set(ids(self.search(backend, "smuggling OR trafficking")))
        assert found == {library.smuggling.pk, library.trafficking.pk}

    def test_not_and_minus_exclude(self, backend, library):
        assert set(ids(self.search(backend, "dignified -swift"))) == {library.dignified.pk}
        assert set(ids(self.search(backend, "dignified NOT swift"))) == {library.dignified.pk}
        everything_but = set(ids(self.search(backend, "NOT border")))
        assert library.trafficking.pk in everything_but
        assert library.dignified.pk not in everything_but

    def test_words_are_stemmed_and_folded(self, backend, library):
        assert library.smuggling.pk in ids(self.search(backend, "SMUGGLED migrant"))
        assert ids(self.search(backend, "emigres")) == [library.accented.pk]
        assert ids(self.search(backend, "Émigrés")) == [library.accented.pk]

    def test_a_trailing_wildcard_searches_a_prefix(self, backend, library):
        assert set(ids(self.search(backend, "traffick*"))) == {library.trafficking.pk}

    def test_a_symbol_finds_its_document_in_any_case(self, backend, library):
        expected = set(library.migration_decision.provisions.values_list("pk", flat=True))
        assert set(ids(self.search(backend, "MC.DEC/5/09"))) == expected
        assert set(ids(self.search(backend, "mc.dec/5/09"))) == expected

    def test_a_citation_finds_its_provision(self, backend, library):
        assert ids(self.search(backend, "MC.DOC/2/05 4.5"))[0] == library.dignified.pk

    def test_documents_are_found_by_title(self, backend, library):
        found = set(ids(self.search(backend, "Helsinki OR Conference Co-operation Europe")))
        assert library.migrant_workers.pk in found

    def test_drafts_are_never_found(self, backend, library):
        draft_ids = set(library.draft.provisions.values_list("pk", flat=True))
        assert not draft_ids & set(ids(self.search(backend, "dignified treatment migration")))
        assert not draft_ids & set(ids(self.search(backend, "")))
        assert self.search(backend, "MC.DEC/9/99").total == 0

    def test_an_empty_query_lists_every_published_provision(self, backend, library):
        results = self.search(backend, "")
        assert results.total == Provision.objects.published().count()

    def test_facets_count_the_whole_result_set_as_the_database_does(self, backend, library):
        for filters in (
            SearchFilters(),
            SearchFilters(dimensions=("human",)),
            SearchFilters(dimensions=("economic-environmental", "human"), year_from=1980, year_to=2009),
            SearchFilters(categories=("labour",), kinds=("mc_decision",)),
            SearchFilters(documents=(library.border_concept.slug,), commitments_only=True),
            SearchFilters(year_to=2005),
        ):
            request = SearchRequest(filters=filters, page_size=1, with_facets=True)
            ours = backend.search(request)
            database = DatabaseSearchBackend({}).search(request)
            assert ours.total == database.total == filters.apply_to(Provision.objects.published()).count()
            assert ours.facets == database.facets
            assert len(ours.hits) == min(1, ours.total)

    def test_filters_narrow_a_text_search_exactly_as_the_database_counts(self, backend, library):
        everything = set(ids(self.search(backend, "border OR migration OR migrants OR states")))
        filters = SearchFilters(dimensions=("human", "politico-military"), year_from=2000, year_to=2009)
        narrowed = self.search(backend, "border OR migration OR migrants OR states", filters=filters)
        in_database = set(filters.apply_to(Provision.objects.published()).values_list("pk", flat=True))
        assert set(ids(narrowed)) == everything & in_database
        assert narrowed.total == len(everything & in_database)
        assert sum(narrowed.facets["decade"].values()) == narrowed.total

    def test_date_order_pages_through_every_hit_once(self, backend, library):
        dated = [library.final_act, library.border_concept, library.migration_decision]
        pages, page = [], 1
        while True:
            results = self.search(backend, "", order="date", page=page, page_size=2)
            if not results.hits:
                break
            pages.extend(ids(results))
            page += 1
        assert len(pages) == len(set(pages)) == Provision.objects.published().count()
        document_of = dict(Provision.objects.values_list("pk", "document_id"))
        seen = list(dict.fromkeys(document_of[i] for i in pages))
        assert seen == [d.pk for d in dated] + [library.undated.pk]
        newest = [document_of[i] for i in ids(self.search(backend, "", order="-date"))]
        assert list(dict.fromkeys(newest)) == [d.pk for d in reversed(dated)] + [library.undated.pk]

    def test_snippets_escape_the_text_before_marking_matches(self, backend, library):
        (hit,) = self.search(backend, "families").hits
        assert "<script" not in hit.highlight and "</script" not in hit.highlight
        assert "script&gt;" in hit.highlight
        assert "&amp;" in hit.highlight
        assert "<mark>families</mark>" in hit.highlight

    def test_snippets_mark_stemmed_matches(self, backend, library):
        hit = self.search(backend, '"dignified treatment"').hits[0]
        assert "<mark>dignified</mark> <mark>treatment</mark>" in hit.highlight

    def test_hostile_queries_never_raise_and_stay_bounded(self, backend, library):
        for query in HOSTILE_QUERIES:
            started = time.monotonic()
            results = self.search(backend, query)
            assert time.monotonic() - started < 10, query
            assert results.total >= 0
            assert len(results.hits) <= MAX_PAGE_SIZE

    def test_refused_wildcards_say_why(self, backend, library):
        results = self.search(backend, "*a*")
        assert results.total == 0
        assert "Wildcards" in results.message
        assert "cut" in self.search(backend, "migration " * 200).message

    def test_did_you_mean_offers_the_indexed_spelling(self, backend, library):
        results = self.search(backend, "smugling")
        assert results.total == 0
        assert results.suggestion == "smuggling"
        assert self.search(backend, "smuggling").suggestion is None

    def test_what_a_request_does_not_ask_for_is_not_computed(self, backend, library):
        plain = {"with_facets": False, "with_snippets": False, "with_suggestion": False}
        results = self.search(backend, "families OR smugling", **plain)
        assert results.total == 1
        assert all(counts == {} for counts in results.facets.values())
        assert [hit.highlight for hit in results.hits] == [""]
        assert self.search(backend, "smugling", **plain).suggestion is None
        asked = self.search(backend, "families OR smugling")
        assert asked.facets["decade"] and "<mark>" in asked.hits[0].highlight

    @pytest.mark.parametrize(
        ("query", "order"),
        [("", ""), ("", "date"), ("border OR migration OR states", ""), ("border OR migration", "-date")],
    )
    def test_matching_ids_are_every_hit_in_the_order_of_the_pages(self, backend, library, query, order):
        pages, page = [], 1
        while hits := ids(self.search(backend, query, order=order, page=page, page_size=3)):
            pages += hits
            page += 1
        matching = backend.matching_ids(SearchRequest(query=query, order=order))
        assert matching.complete
        assert matching.ids == pages and len(pages) == self.search(backend, query).total > 0

    def test_an_order_left_empty_is_relevance_for_words_and_newest_first_without(self, backend, library):
        for query in ("border OR migration OR states", ""):
            default = ids(self.search(backend, query))
            expected = "relevance" if query else "-date"
            assert default == ids(self.search(backend, query, order=expected))
        assert SearchRequest(query=" () ").effective_order == "-date"  # nothing to rank by
        assert SearchRequest(query="border", order="nonsense").effective_order == "relevance"

    def test_update_follows_the_database(self, backend, library):
        provision = library.trafficking
        provision.text = "The participating States will fight the exploitation of seasonal harvesters."
        provision.save()
        backend.update([provision.pk])
        assert ids(self.search(backend, "harvesters")) == [provision.pk]
        assert ids(self.search(backend, "trafficking")) == []
        pk = provision.pk
        provision.delete()
        backend.update([pk])
        assert ids(self.search(backend, "harvesters")) == []
        expected = {p.pk for p in Provision.objects.published()}
        assert set(backend.indexed_fingerprints()) == expected


class TestWhooshBackend(BackendContract):
    @pytest.fixture
    def backend(self, library, whoosh_index):
        return whoosh_index

    def test_a_search_out_of_time_answers_with_what_it_has_and_says_so(self, backend, library):
        backend.time_limit = 0.0  # the timer fires as collecting starts
        results = self.search(backend, "")
        assert "took too long" in results.message
        assert results.total < Provision.objects.published().count()
        assert not backend.matching_ids(SearchRequest(query="border OR migration")).complete


@pytest.mark.postgres
class TestPostgresBackend(BackendContract):
    @pytest.fixture
    def backend(self, library, settings):
        if connection.vendor != "postgresql":
            pytest.skip("the postgres backend needs PostgreSQL")
        settings.SEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.postgres"}}
        backend = get_search_backend()
        backend.rebuild()
        yield backend
        reset_search_backends()

    def test_a_rebuild_leaves_the_planner_statistics_of_the_refilled_table(self, backend, library):
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_provision")
            cursor.execute("ANALYZE search_provision")
            backend.rebuild()
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'search_provision'")
            estimate = cursor.fetchone()[0]
        assert estimate == len(backend.indexed_fingerprints()) > 0
