"""The admin on a 1366-pixel laptop screen: the pages curators work in every day, the longest
document pages of the bundled corpus among them, fit its width without scrolling sideways."""

from django.contrib.auth.models import Group
from django.urls import reverse

from commitments.models import Provision
from documents.models import Document
from tests.browser.conftest import screenshot

PASSWORD = "a-long-password-1"
STUDY = "Migration – a new challenge for the OSCE in South Eastern Europe?"


def test_the_curators_pages_fit_a_1366_pixel_screen(page, corpus, django_user_model):
    curator = django_user_model.objects.create_user("carla", password=PASSWORD, is_staff=True)
    curator.groups.add(Group.objects.get(name="Curator"))
    concept = Document.objects.get(symbol="MC.DOC/2/05")
    study = Document.objects.get(title=STUDY)
    pages = {
        "dashboard": reverse("admin:index"),
        "documents": reverse("admin:documents_document_changelist"),
        "concept": reverse("admin:documents_document_change", args=[concept.pk]),
        "study": reverse("admin:documents_document_change", args=[study.pk]),
        "provisions": reverse("admin:commitments_provision_changelist"),
        "provision": reverse(
            "admin:commitments_provision_change",
            args=[Provision.objects.get(document=concept, label="4.3").pk],
        ),
        "warnings": reverse("admin:importing_importwarning_changelist"),
        "import": reverse("admin:documents_document_import"),
    }
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto("/admin/login/")
    page.fill("#id_username", "carla")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    too_wide = {}
    for name, url in pages.items():
        assert page.goto(url).status == 200, url
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            screenshot(page, f"admin-1366-{name}")
            too_wide[name] = overflow
    assert too_wide == {}, f"pages wider than the screen, by pixels: {too_wide}"
    assert page.script_errors == []
