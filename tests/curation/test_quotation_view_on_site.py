"""The admin's "View on site" of a quotation opens the public page where its words are read."""

import pytest
from django.contrib.contenttypes.models import ContentType

from commitments.quotations import Quotation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("footnote", ["50", "13", "39"])  # matched, text not held, ambiguous
def test_view_on_site_opens_the_provision_that_carries_the_words(curator_client, corpus, footnote):
    quotation = Quotation.objects.get(footnote=footnote)
    content_type = ContentType.objects.get_for_model(Quotation)
    response = curator_client.get(f"/admin/r/{content_type.pk}/{quotation.pk}/")
    assert response.status_code == 302
    provision = quotation.matched_provision or quotation.passage
    assert response["Location"].endswith(provision.get_absolute_url())
    page = curator_client.get(provision.get_absolute_url()).content.decode()
    assert " ".join(quotation.text.split())[:40] in " ".join(page.split())
