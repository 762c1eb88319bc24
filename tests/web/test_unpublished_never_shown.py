"""A source that is not published never reaches an anonymous visitor: not through its own
pages, nor through the documents it quotes, cites or makes claims about, nor through a search
index that has not caught up, nor through exports, feeds, downloads or the API."""

import re

import pytest

from commitments.models import Provision, ProvisionOrigin, TagDecision
from documents.models import Document, PublicationStatus
from tests.web.public_pages import public_answers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_throttle(settings):
    settings.API_THROTTLE_ANON_RATE = "100000/minute"


STUDY_TITLE = "a new challenge for the OSCE in South Eastern Europe"


def _passage_markers(study: Document) -> list[str]:
    """Words only the study's quoted passages print: the opening words of each passage that no
    other provision or document text, nor an editor's basis for a tag, holds (and that HTML
    prints as they are)."""
    others = (
        [*TagDecision.objects.values_list("basis", flat=True)]
        + [
            " ".join(text.split())
            for text in Provision.objects.exclude(quoted_in=study).values_list("text", flat=True)
        ]
        + [
            " ".join(text.split())
            for text in Document.objects.exclude(pk=study.pk).values_list("full_text", flat=True)
        ]
    )
    markers = []
    for text in Provision.objects.filter(quoted_in=study, origin=ProvisionOrigin.QUOTATION).values_list(
        "text", flat=True
    ):
        marker = " ".join(text.split())[:60].rsplit(" ", 1)[0]
        if len(marker) >= 25 and not re.search(r"['\"&<>]", marker) and not any(marker in o for o in others):
            markers.append(marker)
    return markers


def _leaks(client, *, markers: list[str], queries: list[str]) -> list[str]:
    found = []
    for url, _status, text in public_answers(client, queries=queries):
        # The footer and the About page name the study as where the migration categories come
        # from: a reference to the publication, whichever state its record is in.
        text = re.sub(r'<footer class="site-footer">.*?</footer>', "", text, flags=re.S)
        text = text.replace(f"<cite>Migration – {STUDY_TITLE}?</cite>", "")
        found += [f"{url}: {marker!r}" for marker in markers if marker in text]
    return found


def test_a_withdrawn_source_is_shown_nowhere(client, corpus_index):
    study = Document.objects.get(kind="study")
    markers = [STUDY_TITLE, study.get_absolute_url(), *_passage_markers(study)]
    assert len(markers) > 10
    # Searches for a few words of each marker, which the search page repeats as its query.
    queries = ["new challenge South Eastern Europe", *(" ".join(m.split()[:4]) for m in markers[2:6])]
    shown = _leaks(client, markers=markers, queries=queries)
    assert len({url.split(":")[0] for url in shown}) > 20  # published, it is quoted all over the site

    study.status = PublicationStatus.DRAFT
    study.save()
    # Saves inside a test never reach the index: it still holds the study as published, as a
    # busy index would during a withdrawal.
    leaks = _leaks(client, markers=markers, queries=queries)
    assert leaks == [], _summary(leaks)


def test_a_draft_source_quoting_a_paragraph_is_not_named_beside_it(client, corpus):
    """MC.DOC/2/05 para. 4.5 shows "Quoted in" the study (tests/web/test_quoted_in.py) only while
    the study is published."""
    study = Document.objects.get(kind="study")
    concept = corpus.document("MC.DOC/2/05")
    pages = (concept.provisions.get(label="4.5").get_absolute_url(), concept.get_absolute_url())
    for page in pages:
        assert study.get_absolute_url() in client.get(page).content.decode()
    study.status = PublicationStatus.DRAFT
    study.save()
    for page in pages:
        html = client.get(page).content.decode()
        assert 'class="provision__quoted"' not in html
        assert study.get_absolute_url() not in html


def _summary(leaks: list[str]) -> str:
    by_url: dict[str, int] = {}
    for leak in leaks:
        url = leak.split(": ")[0]
        by_url[url] = by_url.get(url, 0) + 1
    return f"{len(leaks)} leaks on {len(by_url)} answers: " + ", ".join(
        f"{url} ({n})" for url, n in sorted(by_url.items())
    )


def _corpus_without_the_study(tmp_path) -> bytes:
    """Load the bundled corpus but for the study; return the study's file."""
    import json
    import shutil

    from importing.corpus import CORPUS_DIR, load_corpus

    manifest = json.loads((CORPUS_DIR / "manifest.json").read_text(encoding="utf-8"))
    study = next(entry for entry in manifest["sources"] if entry["format"] == "study")
    manifest["sources"].remove(study)
    directory = tmp_path / "corpus"
    directory.mkdir()
    for entry in manifest["sources"]:
        shutil.copy(CORPUS_DIR / entry["file"], directory / entry["file"])
    (directory / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (tmp_path / "curation").mkdir()
    load_corpus(directory=directory, curation_directory=tmp_path / "curation", keep_files=False)
    return study, (CORPUS_DIR / study["file"]).read_bytes()


def _published_state(client) -> dict[str, object]:
    """The published documents and provisions as stored, and as their pages show them."""
    from django.forms.models import model_to_dict

    state: dict[str, object] = {}
    for document in Document.objects.published().order_by("pk"):
        state[f"document {document.pk}"] = (model_to_dict(document), document.updated_at)
    for provision in Provision.objects.published().order_by("pk"):
        state[f"provision {provision.pk}"] = (model_to_dict(provision), provision.updated_at)
    for url, status, text in public_answers(client):
        if url.startswith(("/documents/", "/provisions/", "/api/documents/", "/api/provisions/")):
            # Every page names the dataset's version, which any change of the database moves.
            state[url] = (status, re.sub(r"\d{4}-\d\d-\d\d\.[0-9a-f]{8}", "VERSION", text))
    return state


def test_a_draft_import_changes_no_published_document_or_page(client, tmp_path, settings):
    from importing.service import import_file

    settings.MEDIA_ROOT = tmp_path / "media"
    study, data = _corpus_without_the_study(tmp_path)
    # A published document whose place no published source states; the study states it.
    concept = Document.objects.get(symbol="MC.DEC/5/09")
    concept.claims.filter(field="place").delete()
    concept.place = ""
    concept.save()
    before = _published_state(client)

    result = import_file(
        data, name=study["file"], format="study", metadata=study["metadata"], new_documents="draft"
    )
    assert Document.objects.get(pk=result.report.document_id).status == PublicationStatus.DRAFT
    assert result.report.totals()["claims_added"] > 100  # it says much about the published ones
    assert concept.claims.filter(field="place", value="Athens").exists()

    after = _published_state(client)
    changed = sorted(key for key in before if before[key] != after.get(key))
    assert changed == [], _first_difference(before, after, changed)


def _first_difference(before: dict, after: dict, changed: list[str]) -> str:
    import difflib

    lines = []
    for key in changed[:3]:
        old, new = str(before.get(key)), str(after.get(key))
        diff = difflib.unified_diff(re.split(r"(?<=>)", old), re.split(r"(?<=>)", new), lineterm="", n=0)
        lines.append(f"{key}: " + " | ".join(list(diff)[2:8])[:600])
    return f"{len(changed)} changed; " + "; ".join(lines)
