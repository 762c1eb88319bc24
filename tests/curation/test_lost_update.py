"""Two curators editing one provision or document: the second save, made from a page opened
before the first one's, is refused with the first one's change shown; nothing is lost."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from commitments.models import MigrationCategory, Provision
from documents.models import Document
from tests.factories import DocumentFactory, ProvisionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_curators(django_user_model):
    clients = []
    for name in ("carla", "dmitri"):
        user = django_user_model.objects.create_user(name, f"{name}@example.org", "a-long-password-1")
        user.is_staff = True
        user.save()
        user.groups.add(Group.objects.get(name="Curator"))
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


def _value(bound) -> list[str]:
    value = bound.value()
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    if value is True:
        return ["on"]
    if value is None or value is False:
        return []
    shown = bound.field.widget.format_value(value)
    return [str(v) for v in shown] if isinstance(shown, list) else [shown or ""]


def form_data(response) -> dict[str, list[str]]:
    """What a browser would post back from an admin change page, unchanged."""
    data: dict[str, list[str]] = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms.append(formset.management_form)
        forms.extend(formset.forms)
    for form in forms:
        for bound in form:
            values = _value(bound)
            if values:
                data[bound.html_name] = values
    return data


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def _errors(response) -> str:
    html = response.content.decode()
    found = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S)
    return re.sub(r"<[^>]+>", "", " ".join(found)).replace("&#x201c;", "“").replace("&#x201d;", "”")


def test_a_stale_provision_save_is_refused_and_shows_the_other_change(two_curators):
    carla, dmitri = two_curators
    provision = ProvisionFactory(text="The participating States will co-operate.")
    url = reverse("admin:commitments_provision_change", args=[provision.pk])
    carla_form, dmitri_form = form_data(_page(carla, url)), form_data(_page(dmitri, url))

    carla_form["text"] = ["The participating States will co-operate closely."]
    assert carla.post(url, carla_form).status_code == 302
    dmitri_form["heading"] = ["Chapter I"]
    refused = dmitri.post(url, dmitri_form)

    assert refused.status_code == 200
    shown = _errors(refused)
    assert "Not saved: since you opened this page, carla changed it" in shown
    assert (
        "“The participating States will co-operate.” → “The participating States will co-operate closely.”"
        in shown
    )
    provision.refresh_from_db()
    assert provision.text == "The participating States will co-operate closely."
    assert provision.heading == ""

    # Having seen it, the second curator may save again on purpose.
    again = form_data(refused)
    assert again["heading"] == ["Chapter I"]
    assert dmitri.post(url, again).status_code == 302
    provision.refresh_from_db()
    assert provision.heading == "Chapter I"


def test_a_tag_changed_meanwhile_makes_a_save_stale(two_curators):
    carla, dmitri = two_curators
    provision = ProvisionFactory()
    url = reverse("admin:commitments_provision_change", args=[provision.pk])
    dmitri_form = form_data(_page(dmitri, url))
    provision.categories.add(MigrationCategory.objects.get(slug="labour"))  # a bulk tag action, say

    dmitri_form["text"] = ["Changed."]
    refused = dmitri.post(url, dmitri_form)
    assert refused.status_code == 200
    assert "Not saved: since you opened this page" in _errors(refused)
    assert Provision.objects.get(pk=provision.pk).categories.count() == 1


def test_a_stale_document_save_is_refused(two_curators):
    carla, dmitri = two_curators
    document = DocumentFactory(title="Border security and management concept", place="")
    url = reverse("admin:documents_document_change", args=[document.pk])
    carla_form, dmitri_form = form_data(_page(carla, url)), form_data(_page(dmitri, url))

    carla_form["place"] = ["Ljubljana"]
    assert carla.post(url, carla_form).status_code == 302
    dmitri_form["title"] = ["Border Security and Management Concept"]
    refused = dmitri.post(url, dmitri_form)

    assert refused.status_code == 200
    assert "carla changed it" in _errors(refused) and "“” → “Ljubljana”" in _errors(refused)
    document.refresh_from_db()
    assert (document.place, document.title) == ("Ljubljana", "Border security and management concept")


def test_a_provision_edited_inline_on_a_stale_document_page_is_refused(two_curators):
    carla, dmitri = two_curators
    provision = ProvisionFactory(text="Original text.")
    document_url = reverse("admin:documents_document_change", args=[provision.document.pk])
    provision_url = reverse("admin:commitments_provision_change", args=[provision.pk])
    dmitri_form = form_data(_page(dmitri, document_url))
    carla_form = form_data(_page(carla, provision_url))

    carla_form["text"] = ["Carla's correction."]
    assert carla.post(provision_url, carla_form).status_code == 302
    dmitri_form["provisions-0-text"] = ["Dmitri's correction."]
    refused = dmitri.post(document_url, dmitri_form)

    assert refused.status_code == 200
    assert "“Original text.” → “Carla's correction.”" in _errors(refused).replace("&#x27;", "'")
    assert Provision.objects.get(pk=provision.pk).text == "Carla's correction."


def test_saves_from_fresh_pages_go_through(two_curators):
    carla, _ = two_curators
    document = DocumentFactory()
    url = reverse("admin:documents_document_change", args=[document.pk])
    for place in ("Vienna", "Ljubljana"):
        form = form_data(_page(carla, url))
        form["place"] = [place]
        assert carla.post(url, form).status_code == 302
    assert Document.objects.get(pk=document.pk).place == "Ljubljana"
