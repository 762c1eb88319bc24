"""The admin's dashboard: the work waiting, each count equal to the rows of the list it links to."""

import re

import pytest
from django.urls import reverse

from commitments.models import Provision, TagSuggestion
from commitments.suggestions import suggest_tags
from curation.conflicts import open_conflicts
from curation.dashboard import documents_without_text
from documents.models import Document, PublicationStatus
from importing.models import ImportWarning
from tests.factories import ProvisionFactory


def _dashboard(client) -> dict[str, tuple[int, str]]:
    html = client.get(reverse("admin:index")).content.decode()
    name = r'<th scope="row"><a href="([^"]+)">([^<]+)</a></th>'
    count = r'\s*<td class="work-count"><a href="[^"]+"[^>]*>(\d+)</a>'
    rows = re.findall(name + count, html)
    return {name: (int(count), url.replace("&amp;", "&")) for url, name, count in rows}


def _listed(client, url: str) -> int:
    """How many rows the admin list at ``url`` says it shows."""
    response = client.get(url)
    assert response.status_code == 200, url
    if "cl" in response.context:
        return response.context["cl"].result_count
    return len(response.context["conflicts"])


def test_the_dashboard_counts_match_the_database_and_the_lists_they_link_to(curator_client, corpus):
    document = corpus.document("MC.DOC/2/05")
    document.status = PublicationStatus.DRAFT
    document.save()
    ImportWarning.objects.create(document=document, source_name="concept.txt", message="a warning")
    # The bundled corpus is curated whole: a provision imported after it waits for tags.
    fresh = ProvisionFactory(text="Combating the smuggling of migrants across borders.")
    suggest_tags(provisions=Provision.objects.filter(pk=fresh.pk))
    counts = _dashboard(curator_client)
    expected = {
        "Draft documents": Document.objects.filter(status=PublicationStatus.DRAFT).count(),
        "Importer warnings": ImportWarning.objects.count(),
        "Open conflicts": len(open_conflicts()),
        "Documents with no text": Document.objects.filter(provisions__isnull=True).count(),
        "Untagged provisions": Provision.objects.filter(
            categories__isnull=True, dimensions__isnull=True
        ).count(),
        "Pending suggestions": TagSuggestion.objects.filter(status="pending").count(),
    }
    assert {name: count for name, (count, _) in counts.items()} == expected
    assert all(expected.values()), "work of every kind is waiting"
    for name, (count, url) in counts.items():
        assert _listed(curator_client, url) == count, name


def test_documents_without_text_are_those_with_no_provision(corpus):
    without = set(documents_without_text())
    assert corpus.document("MC.DOC/2/05") not in without
    assert without == {d for d in Document.objects.all() if not d.provisions.exists()}


@pytest.mark.parametrize("view", ["curator_client", "reviewer_client"])
def test_curators_and_reviewers_see_the_dashboard(request, corpus, view):
    client = request.getfixturevalue(view)
    assert "Work waiting" in client.get(reverse("admin:index")).content.decode()
