"""Restarting the site (``make run``: ``load_corpus --if-changed``) never reverts curators' work."""

import io
import shutil

import pytest
from django.core.management import call_command
from django.urls import reverse

from commitments.models import CurationSource, Provision
from documents.models import Document, FieldDecision
from importing.corpus import CORPUS_DIR, load_corpus
from importing.curated_tags import CURATION_DIR
from tests.curation.test_lost_update import form_data

pytestmark = pytest.mark.django_db


def _restart(*args: str) -> str:
    out = io.StringIO()
    call_command("load_corpus", "--if-changed", *args, stdout=out)
    return out.getvalue()


def test_a_restart_keeps_every_edit_and_deletion(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    assert "5 sources" in _restart()  # an empty database gets the corpus
    page = Document.objects.get(title="Border management")
    page.title, page.place = "Border management and security", "Vienna"
    page.save()
    provision = Provision.objects.get(document__symbol="MC.DOC/2/05", label="4.5")
    provision.text, provision.is_commitment = "Corrected text.", False
    provision.save()
    deleted = Provision.objects.get(document__symbol="MC.DOC/2/05", label="4.6")
    deleted.delete()
    count = Provision.objects.count()

    assert "nothing imported" in _restart()

    page.refresh_from_db()
    provision.refresh_from_db()
    assert (page.title, page.place) == ("Border management and security", "Vienna")
    assert (provision.text, provision.is_commitment) == ("Corrected text.", False)
    assert not Provision.objects.filter(document__symbol="MC.DOC/2/05", label="4.6").exists()
    assert Provision.objects.count() == count


def _bundled_files_copied(settings, tmp_path):
    """A copy of the bundled corpus and curation files to change, and media of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    corpus, curation = tmp_path / "corpus", tmp_path / "curation"
    shutil.copytree(CORPUS_DIR, corpus)
    shutil.copytree(CURATION_DIR, curation)
    return corpus, curation


def test_changed_bundled_files_load_again_and_keep_the_admin_s_field_edits(
    settings, tmp_path, admin_client_logged_in
):
    corpus, curation = _bundled_files_copied(settings, tmp_path)
    load_corpus(directory=corpus, curation_directory=curation, only_if_changed=True)
    page = Document.objects.get(title="Border management")
    form = admin_client_logged_in.get(reverse("admin:documents_document_change", args=[page.pk]))
    data = {**_form_data(form), "title": "Border management and security", "place": "Vienna"}
    response = admin_client_logged_in.post(reverse("admin:documents_document_change", args=[page.pk]), data)
    assert response.status_code == 302, _errors(response)
    assert set(FieldDecision.objects.filter(document=page).values_list("field", flat=True)) == {
        "title",
        "place",
    }

    assert load_corpus(directory=corpus, curation_directory=curation, only_if_changed=True).skipped
    manifest = corpus / "manifest.json"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    loaded = load_corpus(directory=corpus, curation_directory=curation, only_if_changed=True)
    assert not loaded.skipped
    page.refresh_from_db()
    assert (page.title, page.place) == ("Border management and security", "Vienna")


def test_a_changed_bundled_file_changes_only_what_it_changed_and_keeps_every_permalink(
    settings, tmp_path, client
):
    corpus, curation = _bundled_files_copied(settings, tmp_path)
    dirs = ("--corpus-dir", str(corpus), "--curation-dir", str(curation))
    assert "5 sources" in _restart(*dirs)
    concept = Provision.objects.filter(document__symbol="MC.DOC/2/05")
    corrected = concept.get(label="4.5")
    corrected.text = "To promote dignified treatment of everyone crossing borders (a curator's reading)."
    corrected.save()
    concept.get(label="4.6").delete()
    ids = dict(Provision.objects.values_list("pk", "label"))
    assert "nothing imported" in _restart(*dirs)

    source = corpus / "004_d74716776d70ede2.txt"
    text = source.read_text(encoding="utf-8")
    for old, new in (
        ("To promote dignified treatment of all individuals", "To ensure dignified treatment of all persons"),
        ("To create beneficial conditions for social", "To create good conditions for social"),
        ("17. The provisions of this Concept will be shared", "17. This Concept will be shared"),
    ):
        text = text.replace(old, new)
    source.write_text(text, encoding="utf-8")
    out = _restart(*dirs)

    assert "5 sources (" in out and "nothing imported" not in out
    assert "kept for a curator: MC.DOC/2/05 4.5: the source changed its text, and so did a curator" in out
    assert "kept for a curator: MC.DOC/2/05 4.6: a curator deleted this provision" in out
    corrected.refresh_from_db()
    assert corrected.text.endswith("(a curator's reading).")
    assert not concept.filter(label="4.6").exists()
    assert concept.get(label="17").text.startswith("This Concept will be shared")
    now = dict(Provision.objects.values_list("pk", "label"))
    assert {pk: now.get(pk) for pk in ids} == ids, "every provision kept its id and label"
    for pk in (corrected.pk, concept.get(label="17").pk):
        assert client.get(reverse("provision-detail", args=[pk])).status_code == 200


def test_a_commitment_flag_set_in_the_admin_survives_changed_bundled_files(
    settings, tmp_path, admin_client_logged_in
):
    corpus, curation = _bundled_files_copied(settings, tmp_path)
    load_corpus(directory=corpus, curation_directory=curation, only_if_changed=True)
    # The editors' file says para. 17 is no undertaking; a curator decides it is one.
    provision = Provision.objects.get(document__symbol="MC.DOC/2/05", label="17")
    assert provision.is_commitment is False
    url = reverse("admin:commitments_provision_change", args=[provision.pk])
    data = form_data(admin_client_logged_in.get(url))
    data["is_commitment"] = ["on"]
    response = admin_client_logged_in.post(url, data)
    assert response.status_code == 302, _errors(response)

    manifest = corpus / "manifest.json"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    loaded = load_corpus(directory=corpus, curation_directory=curation, only_if_changed=True)

    assert not loaded.skipped
    provision.refresh_from_db()
    assert provision.is_commitment is True
    assert provision.curation.source == CurationSource.ADMIN
    assert any("(MC.DOC/2/05 17)" in where for where in loaded.curation.kept_from_admin)


def _form_data(response) -> dict:
    """The document's own fields as the change form shows them; its inlines left as they are
    (sent with no forms)."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list | tuple) else value
    for formset in response.context["inline_admin_formsets"]:
        prefix = formset.formset.management_form.prefix
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    return data


def _errors(response) -> str:
    context = response.context
    return str(context["adminform"].form.errors) + str(
        [f.formset.errors for f in context["inline_admin_formsets"]]
    )
