"""Two records of one document merged by a curator: nothing lost, old addresses answering, and
no re-import bringing the absorbed record back."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from commitments.models import Provision, Quotation, Relation
from documents.models import Document, DocumentAlias
from importing.corpus import CORPUS_DIR
from importing.document_merge import MergeRefused, merge_documents
from tests.curation.conftest import run_action
from tests.factories import DocumentFactory, ProvisionFactory

pytestmark = pytest.mark.django_db
STUDY_FILE = CORPUS_DIR / "001_03edc29357d149f7.txt"
CHANGELIST = reverse("admin:documents_document_changelist")


@pytest.fixture
def by_hand(corpus):
    """A record of Decision No. 2/05 a curator typed in by hand before the study's import made one."""
    return DocumentFactory(symbol="", title="Ministerial Council Decision No. 2/05 on Migration")


def test_a_merge_moves_the_quotations_keeps_the_pages_and_redirects_the_old_address(
    client, corpus, by_hand, curator
):
    imported = corpus.document("MC.DEC/2/05")
    old_url, quoted = (
        imported.get_absolute_url(),
        set(imported.attributed_quotations.values_list("pk", flat=True)),
    )
    passages = list(Provision.objects.filter(document=imported).values_list("pk", flat=True))
    assert len(quoted) == 3 and passages

    study = corpus.source_document(STUDY_FILE.name)
    # The curator had recorded the study's citation of the record typed by hand, too.
    Relation.objects.create(kind="cites", source_document=study, target_document=by_hand, evidence="by hand")
    merge_documents(imported, by_hand, basis="the same decision: Ljubljana, 6 December 2005", user=curator)

    assert not Document.objects.filter(pk=imported.pk).exists()
    assert set(by_hand.attributed_quotations.values_list("pk", flat=True)) == quoted
    assert set(by_hand.provisions.values_list("pk", flat=True)) == set(passages)
    response = client.get(old_url)
    assert response.status_code == 301 and response["Location"] == by_hand.get_absolute_url()
    for pk in passages:  # a provision's permanent page is where it was
        assert client.get(reverse("provision-detail", args=[pk])).status_code == 200
    alias = DocumentAlias.objects.get(slug=imported.slug)
    assert (alias.document, alias.symbol, alias.merged_by) == (by_hand, "MC.DEC/2/05", curator)
    history = Provision.history.filter(id=passages[0]).first()
    assert "merged from mc-dec-2-05" in history.history_change_reason
    # The study cites the survivor once, with the evidence of both citations.
    (cites,) = by_hand.incoming_relations.filter(source_document=study)
    assert cites.evidence.startswith("by hand; footnotes 9, 23")


def test_a_reimport_of_the_study_does_not_bring_the_merged_record_back(corpus, by_hand, curator):
    merge_documents(corpus.document("MC.DEC/2/05"), by_hand, basis="the same decision", user=curator)
    documents = Document.objects.count()
    call_command("import_source", str(STUDY_FILE), "--format", "study", stdout=io.StringIO())
    assert Document.objects.count() == documents
    assert not Document.objects.filter(slug="mc-dec-2-05").exists()
    assert by_hand.attributed_quotations.count() == 3
    assert (
        Quotation.objects.filter(attributed_to__symbol="MC.DEC/2/05").exclude(attributed_to=by_hand).count()
        == 0
    )


def test_a_merge_that_would_lose_data_is_refused_and_changes_nothing(corpus):
    concept = corpus.document("MC.DOC/2/05")
    duplicate = DocumentFactory(symbol="", title="Border Security and Management Concept (copy)")
    ProvisionFactory(document=duplicate, label="4.5", text="A second text of paragraph 4.5.")
    with pytest.raises(MergeRefused, match="both have provisions labelled 4.5"):
        merge_documents(duplicate, concept, basis="a second copy")
    with pytest.raises(MergeRefused, match="needs a one-line basis"):
        merge_documents(duplicate, concept, basis="  ")
    with pytest.raises(MergeRefused, match="cannot be merged into itself"):
        merge_documents(concept, concept, basis="same")
    assert duplicate.provisions.get().label == "4.5" and Document.objects.filter(pk=duplicate.pk).exists()


def test_the_admin_merges_with_a_basis_and_refuses_with_the_reason(curator_client, corpus, by_hand):
    imported = corpus.document("MC.DEC/2/05")
    form = run_action(curator_client, CHANGELIST, "merge_documents", [imported, by_hand])
    assert form.status_code == 200 and "The record that stays" in form.content.decode()
    clash = DocumentFactory(symbol="", title="Another copy")
    ProvisionFactory(document=clash, label=imported.provisions.first().label)
    refused = run_action(
        curator_client,
        CHANGELIST,
        "merge_documents",
        [imported, clash],
        confirm="1",
        survivor=clash.pk,
        basis="x",
    )
    assert refused.status_code == 302
    assert "Not merged:" in curator_client.get(CHANGELIST).content.decode()
    assert Document.objects.filter(pk=imported.pk).exists()
    done = run_action(
        curator_client,
        CHANGELIST,
        "merge_documents",
        [imported, by_hand],
        confirm="1",
        survivor=by_hand.pk,
        basis="same",
    )
    assert done.status_code == 302 and not Document.objects.filter(pk=imported.pk).exists()


def test_a_reviewer_cannot_merge(reviewer_client, corpus, by_hand):
    imported = corpus.document("MC.DEC/2/05")
    run_action(
        reviewer_client,
        CHANGELIST,
        "merge_documents",
        [imported, by_hand],
        confirm="1",
        survivor=by_hand.pk,
        basis="x",
    )
    assert Document.objects.filter(pk=imported.pk).exists()
