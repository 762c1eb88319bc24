"""A document's admin page costs the same number of queries however many provisions it lists:
each row's name (a quoted passage named by its quotation) and edit version are read with the
rows, not row by row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commitments.models import ProvisionOrigin
from tests.factories import ProvisionFactory

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
