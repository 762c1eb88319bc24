"""A provision whose words another source quotes shows "Quoted in …" on its page (the quoting
source, where it quotes, a link, and the document the source credits when that is another),
from published sources only; the quotation is no second search hit beside it. (The document's
page lists the same quotations under "What takes it up": tests/web/test_lineage.py.)"""

import re

from commitments.quotations import Quotation
from documents.models import PublicationStatus
from search import SearchRequest, search_provisions

STUDY_URL = "/documents/migration-a-new-challenge-for-the-osce-in-south-eastern-europe-2016/"
STUDY = (
    "F. Marciacq, I. Boštjančič Pulko and T. Flessenkemper,"
    " <i>Migration – a new challenge for the OSCE in South Eastern Europe?</i> (2016)"
)


def _quoted_in(html: str) -> list[str]:
    return re.findall(r'<p class="provision__quoted">(.*?)</p>', html)


def test_a_matched_quotation_is_shown_on_its_provision_s_page(client, corpus):
    concept = corpus.document("MC.DOC/2/05")
    para_4_5 = concept.provisions.get(label="4.5")
    assert Quotation.objects.get(footnote="50").matched_provision == para_4_5
    assert _quoted_in(client.get(para_4_5.get_absolute_url()).content.decode()) == [
        f'Quoted in <a href="{STUDY_URL}">{STUDY}, fn. 50</a>.'
    ]
    # Footnote 34 credits MC.DEC/2/05; the words are MC.DOC/2/05's Annex C.1(i): both said.
    annex = concept.provisions.get(label="Annex C.1(i)")
    assert _quoted_in(client.get(annex.get_absolute_url()).content.decode()) == [
        f'Quoted in <a href="{STUDY_URL}">{STUDY}, fn. 34</a>, which credits the words to'
        f' <a href="/documents/mc-dec-2-05/">MC.DEC/2/05 Migration</a>.'
    ]


def test_search_finds_the_quoted_words_once_on_their_provision(corpus_index):
    quotation = Quotation.objects.get(footnote="50")
    results = search_provisions(SearchRequest(query="dignified treatment individuals wanting cross borders"))
    assert [hit.provision_id for hit in results.hits] == [quotation.matched_provision_id]
    assert quotation.passage is None


def test_a_draft_document_the_source_credits_is_not_named(client, corpus):
    mc_dec = corpus.document("MC.DEC/2/05")
    mc_dec.status = PublicationStatus.DRAFT
    mc_dec.save()
    annex = corpus.document("MC.DOC/2/05").provisions.get(label="Annex C.1(i)")
    assert _quoted_in(client.get(annex.get_absolute_url()).content.decode()) == [
        f'Quoted in <a href="{STUDY_URL}">{STUDY}, fn. 34</a>.'
    ]
