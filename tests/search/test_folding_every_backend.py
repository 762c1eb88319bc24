"""Every backend, on the bundled corpus, folds accents and case alike in every searched field
(text, heading, title, the study's authors), and none finds a provision only by its label
or by the section number of its heading: "4.1" is a number; "MC.DOC/2/05 4.1" a citation."""

import re

import pytest
from django.db import connection
from whoosh.support.charset import accent_map

from commitments.models import Provision
from search import get_search_backend, reset_search_backends
from search.backends.database import DatabaseSearchBackend
from search.folding import fold, searchable_heading
from search.query import MAX_PAGE_SIZE, SearchRequest

STUDY = "Migration – a new challenge for the OSCE in South Eastern Europe?"


@pytest.fixture(params=["database", "postgres", "whoosh"])
def backend(request, corpus, settings, tmp_path):
    if request.param == "database":
        yield DatabaseSearchBackend({})
        return
    if request.param == "postgres" and connection.vendor != "postgresql":
        pytest.skip("the postgres backend needs PostgreSQL")
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    settings.SEARCH_BACKENDS = {
        "default": {"BACKEND": f"search.backends.{request.param}", "PATH": settings.SEARCH_INDEX_DIR}
    }
    backend = get_search_backend()
    backend.rebuild()
    yield backend
    reset_search_backends()


def found(backend, query: str) -> list[Provision]:
    results = backend.search(SearchRequest(query=query, page_size=MAX_PAGE_SIZE))
    assert results.total <= MAX_PAGE_SIZE
    return list(Provision.objects.filter(pk__in=[hit.provision_id for hit in results.hits]))


SPELLINGS = [
    ("Bostjancic", "Boštjančič", "BOŠTJANČIČ", "bostjancic"),  # the study's authors
    ("Horgos", "Horgoš", "HORGOS"),  # the study's text
    ("Brcko", "Brčko"),
]
NOT_BY_LOCATOR = ["4.1", "4.2", "6.1", "fn", "quoted", "quotation-1", "Annex C.1 C.1"]
CITATIONS = [
    ("MC.DOC/2/05 4.1", "4.1"),
    ("MC.DOC/2/05 Annex C.1", "Annex C.1"),
    ("mc doc 2 05 C.1", "Annex C.1"),
]


def test_accents_and_case_never_change_what_a_word_finds(backend):
    for spellings in SPELLINGS:
        answers = [{p.pk for p in found(backend, spelling)} for spelling in spellings]
        assert answers[0], spellings
        assert all(answer == answers[0] for answer in answers), spellings


def test_the_study_is_found_by_its_authors_without_their_accents(backend):
    hits = found(backend, "Bostjancic Pulko")
    assert hits and {p.document.title for p in hits} == {STUDY}
    assert "Boštjančič" in hits[0].document.authors


def test_labels_and_section_numbers_are_not_searched_as_text(backend):
    # MC.DOC/2/05 has a paragraph 4.1; seven passages of the study sit under "4.2 The
    # migration crisis…"; passages known from quotations are labelled "quotation-1".
    for query in NOT_BY_LOCATOR:
        assert found(backend, query) == [], query


def test_a_citation_finds_its_paragraph_by_its_label(backend):
    for query, label in CITATIONS:
        hits = found(backend, query)
        assert [(p.document.symbol, p.label) for p in hits] == [("MC.DOC/2/05", label)], query


def test_a_heading_is_searched_without_its_section_number():
    assert (
        searchable_heading("4.2 The migration crisis and the mandates")
        == "The migration crisis and the mandates"
    )
    assert (
        searchable_heading("Annex: Possible OSCE contributions › C. Possible specialized assistance")
        == "Annex: Possible OSCE contributions › Possible specialized assistance"
    )
    assert searchable_heading("Chapter II: Main objectives") == "Chapter II: Main objectives"
    assert searchable_heading("U.S. positions") == "U.S. positions"


def test_the_three_foldings_agree_on_every_word_of_the_corpus(corpus):
    words = set()
    for provision in Provision.objects.select_related("document"):
        for text in (provision.text, provision.heading, provision.document.title, provision.document.authors):
            words.update(re.findall(r"\w+", text))
    accented = sorted(word for word in words if not word.isascii())
    assert {"Boštjančič", "Horgoš", "Preševo"} <= set(accented)
    # Letters Unicode does not decompose (the study's list of interviewees, an attachment, has
    # Đorđević): folded alike too.
    accented += ["Đorđević", "Łódź", "Ørsted"]
    for word in accented:
        assert fold(word) == word.lower().translate(accent_map), word  # Whoosh's folding
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT w, lower(unaccent(w)) FROM unnest(%s::text[]) AS w", [accented])
            for word, unaccented in cursor.fetchall():
                assert fold(word) == unaccented, word


def test_the_documents_list_finds_the_study_by_its_authors_in_any_spelling(client, corpus):
    def listed(q):
        return [d.title for d in client.get("/documents/", {"q": q}).context["documents"]]

    assert listed("Bostjancic") == listed("BOŠTJANČIČ Pulko") == listed("marciacq") == [STUDY]


def test_a_snippet_marks_the_word_found_in_whatever_accents_it_is_written(backend):
    results = backend.search(SearchRequest(query="horgos", with_snippets=True))
    assert results.total == 2
    assert all("<mark>Horgoš</mark>" in hit.highlight for hit in results.hits), [
        h.highlight for h in results.hits
    ]
