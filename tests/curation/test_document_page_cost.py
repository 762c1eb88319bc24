"""A document's admin page costs the same number of queries however many provisions and
relations it lists: each row's name (a quoted passage named by its quotation), edit version and
the objects its autocompletes show are read with the rows, not row by row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commitments.models import ProvisionOrigin
from documents.models import Document
from tests.factories import ProvisionFactory, RelationFactory

pytestmark = pytest.mark.django_db

STUDY = "Migration – a new challenge for the OSCE in South Eastern Europe?"


def _queries(client, document) -> int:
    url = reverse("admin:documents_document_change", args=[document.pk])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_studys_page_reads_its_rows_in_a_fixed_number_of_queries(curator_client, corpus):
    study = corpus.document(STUDY)
    rows = study.provisions.count()
    assert study.provisions.filter(origin=ProvisionOrigin.QUOTATION).exists()  # named by their quotation
    _queries(curator_client, study)  # the first request also fills the content types' cache
    before = _queries(curator_client, study)
    assert before < rows
    for n in range(4):
        ProvisionFactory(document=study, label=f"§9 ¶{n}", position=1000 + n)
    edited = study.provisions.order_by("position").first()
    edited.text += " (edited)"
    edited.save()  # a second history entry: its version is still read with the rows
    assert _queries(curator_client, study) == before


def test_the_studys_relations_name_their_documents_and_paragraphs_without_a_query_each(
    curator_client, corpus
):
    study = corpus.document(STUDY)
    assert study.outgoing_relations.count() > 20  # the study states some thirty
    _queries(curator_client, study)
    before = _queries(curator_client, study)
    concept = Document.objects.get(symbol="MC.DOC/2/05")
    paragraphs = list(concept.provisions.order_by("position")[:3])
    own = study.provisions.order_by("position").first()
    for paragraph in paragraphs:
        RelationFactory(
            kind="cites",
            source_document=study,
            source_provision=own,
            target_document=concept,
            target_provision=paragraph,
        )
    page = curator_client.get(reverse("admin:documents_document_change", args=[study.pk])).content.decode()
    assert f'<option value="{paragraphs[2].pk}" selected>{paragraphs[2]}</option>' in page
    assert _queries(curator_client, study) == before
