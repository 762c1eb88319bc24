"""The admin on a 1366-pixel laptop screen: the pages curators work in every day, the longest
document pages of the bundled corpus among them, fit its width without scrolling sideways; the
curators' own pages (the dashboard, the revert confirmation, the import form) work without
JavaScript and pass axe."""

import pytest
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


@pytest.fixture
def _on_postgresql():
    from django.db import connection

    if connection.vendor == "sqlite":
        pytest.skip("browser tests run on PostgreSQL (SQLite crashes flushing between live-server tests)")


def test_the_curators_new_pages_pass_axe_and_work_without_javascript(
    _on_postgresql, browser, live_server, corpus, django_user_model
):
    from django.db import connections

    from tests.browser.conftest import axe_violations

    curator = django_user_model.objects.create_user("carla", password=PASSWORD, is_staff=True)
    curator.groups.add(Group.objects.get(name="Curator"))
    provision = Provision.objects.get(document__symbol="MC.DOC/2/05", label="4.3")
    provision.text += " (edited)"
    provision.save()
    earlier = provision.history.order_by("history_id").first()
    pages = {
        "dashboard": reverse("admin:index"),
        "revert-confirmation": reverse(
            "admin:commitments_provision_revert", args=[provision.pk, earlier.history_id]
        ),
        "import": reverse("admin:documents_document_import"),
    }
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", "carla")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    found = {}
    for name, url in pages.items():
        assert page.goto(url).status == 200, url
        found[name] = page.content()
    assert "What the revert changes" in found["revert-confirmation"]
    assert 'name="reason"' in found["revert-confirmation"]
    context.close()
    # axe runs as a script: the same pages again with JavaScript on.
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", "carla")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    violations = {}
    for name, url in pages.items():
        page.goto(url)
        if found_here := axe_violations(page):
            violations[name] = found_here
            screenshot(page, f"admin-axe-{name}")
    context.close()
    connections.close_all()
    assert violations == {}
