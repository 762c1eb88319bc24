"""A curator splits off provisions that are another document's: their pages stay, the move is
recorded with its basis, and no re-import gives them back to the document they came from."""

import io
import shutil

import pytest
from django.core.management import call_command
from django.urls import reverse

from commitments.models import Quotation
from documents.models import Document, DocumentAlias
from importing.corpus import CORPUS_DIR, load_corpus
from importing.curated_tags import CURATION_DIR
from importing.document_merge import merge_documents
from importing.document_split import SplitRefused, split_document
from importing.models import SplitProvision

pytestmark = pytest.mark.django_db
CONCEPT_FILE = CORPUS_DIR / "004_d74716776d70ede2.txt"
MOVED = ["Annex C.1", "Annex C.1(i)"]
NEW = {"title": "Possible OSCE contributions to border security", "kind": "other", "date": "2005-12-06"}


def _concept(corpus) -> Document:
    return corpus.document("MC.DOC/2/05")


def _split(corpus, user=None) -> Document:
    concept = _concept(corpus)
    provisions = list(concept.provisions.filter(label__in=MOVED))
    return split_document(
        concept, provisions=provisions, new=NEW, basis="an annex read as its own", user=user
    )


def _reimport_the_concept() -> None:
    call_command(
        "import_source",
        str(CONCEPT_FILE),
        "--format",
        "text",
        "--symbol",
        "MC.DOC/2/05",
        stdout=io.StringIO(),
    )


def test_a_split_moves_the_provisions_with_their_pages_and_their_quotation(client, corpus, curator):
    concept = _concept(corpus)
    ids = dict(concept.provisions.filter(label__in=MOVED).values_list("label", "pk"))
    new = _split(corpus, user=curator)
    assert (new.title, new.date.isoformat(), new.date_precision) == (NEW["title"], "2005-12-06", "day")
    assert dict(new.provisions.values_list("label", "pk")) == ids
    assert not concept.provisions.filter(label__in=MOVED).exists()
    for pk in ids.values():
        assert client.get(reverse("provision-detail", args=[pk])).status_code == 200
    # Footnote 34's words are Annex C.1(i): they follow it, by a curators' decision.
    fn34 = Quotation.objects.get(footnote="34")
    assert (fn34.attributed_to, fn34.matched_provision_id) == (new, ids["Annex C.1(i)"])
    assert "an annex read as its own" in fn34.attribution_basis
    recorded = SplitProvision.objects.filter(from_document=concept)
    assert sorted(recorded.values_list("label", flat=True)) == MOVED
    assert {(r.to_document, r.decided_by, r.basis) for r in recorded} == {
        (new, curator, "an annex read as its own")
    }
    history = concept.provisions.model.history.filter(id=ids["Annex C.1"]).first()
    assert "split from mc-doc-2-05" in history.history_change_reason
    assert new.field_decisions.get(field="title").value == NEW["title"]


def test_a_reimport_of_the_source_and_of_the_corpus_leaves_them_where_the_curator_put_them(corpus):
    concept = _concept(corpus)
    before = concept.provisions.count()
    new = _split(corpus)
    _reimport_the_concept()
    load_corpus(keep_files=False)
    assert concept.provisions.count() == before - len(MOVED)
    assert not concept.provisions.filter(label__in=MOVED).exists()
    assert sorted(new.provisions.values_list("label", flat=True)) == MOVED
    assert Quotation.objects.get(footnote="34").attributed_to == new


@pytest.mark.parametrize(
    ("labels", "target", "new", "basis", "message"),
    [
        (MOVED, "MC.DOC/2/05", {}, "b", "cannot be split into itself"),
        (MOVED, None, {"title": ""}, "b", "give the new document a title"),
        (MOVED, None, {"title": "T", "date": "2005-13"}, "b", "not a date"),
        (MOVED, None, {"title": "T", "symbol": "MC.DEC/5/09"}, "b", "exists: choose it as the target"),
        (MOVED, None, NEW, " ", "needs a one-line basis"),
        ([], None, NEW, "b", "choose the provisions to move"),
        (None, None, NEW, "b", "every provision would move"),
    ],
)
def test_a_split_that_would_lose_or_confuse_data_is_refused_and_changes_nothing(
    corpus, labels, target, new, basis, message
):
    concept = _concept(corpus)
    chosen = concept.provisions.all() if labels is None else concept.provisions.filter(label__in=labels)
    documents, provisions = Document.objects.count(), concept.provisions.count()
    with pytest.raises(SplitRefused, match=message):
        split_document(
            concept, provisions=list(chosen), target=target and corpus.document(target), new=new, basis=basis
        )
    assert (Document.objects.count(), concept.provisions.count()) == (documents, provisions)


def test_a_split_into_a_document_with_the_same_label_is_refused(corpus):
    concept = _concept(corpus)
    new = _split(corpus)
    again = list(concept.provisions.filter(label="4.5"))
    new.provisions.create(label="4.5", text="another 4.5", position=99)
    with pytest.raises(SplitRefused, match="already has provisions labelled 4.5"):
        split_document(concept, provisions=again, target=new, basis="b")


def _split_url(document: Document) -> str:
    return reverse("admin:documents_document_split", args=[document.pk])


def test_the_admin_splits_with_a_basis_and_shows_a_refusal(curator_client, corpus):
    concept = _concept(corpus)
    chosen = list(concept.provisions.filter(label__in=MOVED).values_list("pk", flat=True))
    page = curator_client.get(_split_url(concept))
    assert page.status_code == 200 and "Annex C.1(i)" in page.content.decode()
    refused = curator_client.post(
        _split_url(concept),
        {"provisions": chosen, "title": "", "kind": "other", "body": "other", "basis": "b"},
    )
    assert refused.status_code == 200 and "give the new document a title" in refused.content.decode()
    done = curator_client.post(
        _split_url(concept),
        {"provisions": chosen, "title": NEW["title"], "kind": "other", "body": "other", "basis": "an annex"},
    )
    assert done.status_code == 302
    assert Document.objects.get(title=NEW["title"]).provisions.count() == 2


def test_a_reviewer_cannot_split(reviewer_client, corpus):
    concept = _concept(corpus)
    assert reviewer_client.get(_split_url(concept)).status_code == 403


def test_splits_and_merges_ship_in_the_curation_files_and_a_fresh_load_makes_them_again(
    corpus, curator, tmp_path
):
    directory = tmp_path / "curation"
    shutil.copytree(CURATION_DIR, directory)
    new = _split(corpus, user=curator)
    merge_documents(corpus.document("MC.DEC/2/05"), new, basis="one record for the test", user=curator)
    call_command("write_curation", "--directory", str(directory), stdout=io.StringIO())
    text = (directory / "records" / "merges-and-splits.toml").read_text(encoding="utf-8")
    assert (
        'absorbed = "mc-dec-2-05"' in text
        and 'label = "Annex C.1(i)"' in text
        and 'curator = "carla"' in text
    )

    Document.objects.all().delete()  # a database that never saw the admin
    assert not SplitProvision.objects.exists() and not DocumentAlias.objects.exists()
    load_corpus(keep_files=False, curation_directory=directory)

    remade = Document.objects.get(slug=new.slug)
    assert (remade.title, remade.date.isoformat()) == (NEW["title"], "2005-12-06")
    assert sorted(remade.provisions.filter(origin="full_text").values_list("label", flat=True)) == MOVED
    assert not Document.objects.get(symbol="MC.DOC/2/05").provisions.filter(label__in=MOVED).exists()
    assert Quotation.objects.get(footnote="34").attributed_to == remade
    assert DocumentAlias.objects.get(slug="mc-dec-2-05").document == remade
    assert remade.attributed_quotations.filter(footnote="9").exists()
    # Loading the same files again changes nothing.
    run = load_corpus(keep_files=False, curation_directory=directory).records
    assert (run.merged, run.split) == (0, 0)
