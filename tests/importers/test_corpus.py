"""The bundled corpus: loading it, loading it again, and the `corpus` fixture."""

import pytest
from django.core.management import call_command

from commitments.models import MigrationCategory, Provision
from documents.models import Document
from importing.corpus import corpus_entries, load_corpus


def test_every_manifest_entry_names_a_bundled_file_and_a_format():
    from importing.corpus import CORPUS_DIR

    entries = corpus_entries()
    assert entries
    for entry in entries:
        assert (CORPUS_DIR / entry.file).is_file()
        assert entry.format in {"text", "pdf", "study", "osce-page"}


@pytest.mark.django_db
def test_loading_the_corpus_twice_changes_nothing_the_second_time():
    first = load_corpus(keep_files=False)
    counts = (Document.objects.count(), Provision.objects.count())
    provision_ids = set(Provision.objects.values_list("pk", flat=True))
    second = load_corpus(keep_files=False)
    assert any(report.has_changes for report in first.reports)
    assert not any(report.has_changes for report in second.reports)
    assert (Document.objects.count(), Provision.objects.count()) == counts
    assert set(Provision.objects.values_list("pk", flat=True)) == provision_ids


def test_the_corpus_fixture_holds_mc_doc_2_05(corpus):
    document = corpus.document("MC.DOC/2/05")
    assert document.title == "Border Security and Management Concept"
    own = document.provisions.filter(origin="full_text")
    assert own.count() == 59
    assert own.get(label="4.5").citation().endswith("(Ljubljana, 6 December 2005), para. 4.5")
    assert document.attachments.get().title.startswith("Interpretative Statement")


@pytest.mark.django_db(transaction=True)
def test_the_corpus_fixture_works_in_transactional_tests(corpus):
    assert MigrationCategory.objects.count() == 5
    assert corpus.document("MC.DOC/2/05").provisions.exists()


@pytest.mark.django_db
def test_load_corpus_command_reports_counts_with_a_progress_bar(capsys):
    call_command("load_corpus")
    out = capsys.readouterr().out
    assert f"/{len(corpus_entries())} " in out
    assert f"{Document.objects.count()} documents" in out
    assert f"{Provision.objects.count()} provisions" in out


def test_every_stored_metadata_value_comes_from_a_recorded_claim_or_a_decision(corpus):
    for document in Document.objects.prefetch_related("claims", "field_decisions"):
        by_field = {}
        for claim in document.claims.all():
            by_field.setdefault(claim.field, set()).add(claim.value)
        decided = {d.field: d for d in document.field_decisions.all()}
        assert all(d.note for d in decided.values()), document  # a decision states its basis
        assert {"title", "kind"} <= set(by_field) | set(decided), document
        for field in set(by_field) | set(decided):
            values = {decided[field].value} if field in decided else by_field[field]
            if field == "date":
                assert document.partial_date.iso() in values, document
            elif field == "fields_of_work":
                assert ", ".join(document.fields_of_work.values_list("name", flat=True)) or values
            else:
                assert getattr(document, field) in values, (document, field)
