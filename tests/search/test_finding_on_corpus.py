"""Finding a document as researchers name it, on the bundled corpus: a symbol in any spelling
or in words, a card for the document named, the documents list searched by title and symbol,
a spelling suggestion that makes sense, and accents and case folded alike in every field."""

import re

import pytest

from commitments.models import Provision
from documents.symbols import normalize_symbol, symbols_in_words
from search import SearchRequest, search_provisions
from tests.factories import DocumentFactory, ProvisionFactory

SPELLINGS = ["MC.DEC/5/09", "MC.DEC/05/09", "mc.dec/5/09", "mc dec 5 09", "MC DEC 5/09", "Decision No. 5/09"]


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [("MC.DEC/05/09", "MC.DEC/5/09"), ("pc.dec/0621", "PC.DEC/621"), ("MC(5).DEC/02", "MC(5).DEC/2")],
)
def test_leading_zeros_of_a_document_s_number_are_not_part_of_its_symbol(raw, canonical):
    assert normalize_symbol(raw) == canonical


@pytest.mark.parametrize(
    ("text", "symbol"),
    [
        ("mc dec 5 09", "MC.DEC/5/09"),
        ("Decision No. 5/09 on migration", "MC.DEC/5/09"),
        ("Ministerial Council Decision No 2/05", "MC.DEC/2/05"),
        ("Ministerial Document No. 6/06", "MC.DOC/6/06"),
        ("Permanent Council Decision No. 621", "PC.DEC/621"),
        ("eef gal 3 09 rev 1", "EEF.GAL/3/09/Rev.1"),
    ],
)
def test_symbols_are_read_when_typed_with_spaces_or_named_in_words(text, symbol):
    assert [found for _, _, found in symbols_in_words(text)] == [symbol]


def test_numbers_and_years_alone_are_not_symbols():
    assert symbols_in_words("decision on migration 2009, para. 5") == []


@pytest.mark.parametrize("query", SPELLINGS)
def test_every_spelling_of_a_symbol_finds_its_document(corpus_index, corpus, query):
    decision = corpus.document("MC.DEC/5/09")
    results = search_provisions(SearchRequest(query=query, page_size=100, with_suggestion=True))
    assert results.total == decision.provisions.count() > 0
    assert {p.document_id for p in results.provisions()} == {decision.pk}
    assert results.suggestion is None  # never "of c 5 09"


@pytest.mark.parametrize("query", ["mc dec 5 09", "MC.DEC/05/09", "Decision No. 5/09"])
def test_a_query_naming_a_document_shows_its_card_above_the_hits(client, corpus_index, corpus, query):
    decision = corpus.document("MC.DEC/5/09")
    html = client.get("/search/", {"q": query}).content.decode()
    card = re.search(r'<section class="document-card".*?</section>', html, re.S).group(0)
    assert f'<a href="{decision.get_absolute_url()}">Migration Management</a>' in card
    assert (
        "MC.DEC/5/09" in card
        and "12 provisions" in card
        or f"{decision.provisions.count()} provisions" in card
    )
    assert html.index("document-card") < html.index('class="hits"')


def test_a_query_naming_no_document_shows_no_card(client, corpus_index):
    # "migration" is the whole title of MC.DEC/2/05, Decision No. 2/05 "Migration".
    assert "document-card" not in client.get("/search/", {"q": "migrant workers"}).content.decode()


def test_did_you_mean_corrects_each_word_to_the_nearest_corpus_word(corpus_index):
    results = search_provisions(SearchRequest(query="famly reunification", with_suggestion=True))
    assert results.suggestion == "family reunification"  # not "fully reunification"
    results = search_provisions(SearchRequest(query="traficking in human beings", with_suggestion=True))
    assert results.suggestion == "trafficking in human beings"


def test_did_you_mean_leaves_symbols_and_labels_alone(corpus_index):
    results = search_provisions(SearchRequest(query="MC.DOC/2/05 4.5 migrnts", with_suggestion=True))
    assert results.suggestion == "MC.DOC/2/05 4.5 migrants"


def test_the_documents_list_searches_titles_and_symbols(client, corpus):
    def listed(q):
        return [d.title for d in client.get("/documents/", {"q": q}).context["documents"]]

    assert listed("mc dec 5 09") == ["Migration Management"]
    assert listed("Decision No. 5/09") == ["Migration Management"]
    assert listed("MC.DEC/05/09") == ["Migration Management"]
    assert sorted(listed("helsinki")) == [
        "CSCE Helsinki Document",
        "Final Recommendations of the Helsinki Consultations",
        "Helsinki Final Act",
    ]
    assert listed("BORDER security") == ["Border Security and Management Concept"]
    assert listed("no such title") == []


def test_accents_and_case_fold_alike_in_title_heading_text_and_the_documents_list(client, whoosh_index):
    document = DocumentFactory(title="Report of Ivana Boštjančič Pulko", symbol="SEC.GAL/9/16")
    heading = ProvisionFactory(document=document, label="1", heading="Annex by Ölçüm", text="Plain words.")
    text = ProvisionFactory(document=document, label="2", text="The Čaušević mission reported.")
    whoosh_index.update([heading.pk, text.pk])

    def found(query):
        return {p.pk for p in search_provisions(SearchRequest(query=query)).provisions()}

    assert found("bostjancic") == found("BOŠTJANČIČ") == {heading.pk, text.pk}  # the title
    assert found("olcum") == found("ÖLÇÜM") == {heading.pk}
    assert found("causevic") == found("Čaušević") == {text.pk}
    titles = [d.title for d in client.get("/documents/", {"q": "bostjancic"}).context["documents"]]
    assert titles == ["Report of Ivana Boštjančič Pulko"]
    assert Provision.objects.count() == 2
