"""In a real browser: a curator uploads MC.DOC/2/05, checks the preview, confirms, and the
provision is found by the public.

Debian's Chromium through Playwright against pytest-django's live server. Without Chromium
the test skips, unless REQUIRE_BROWSER=1 (as in CI), when it fails.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connections

from documents.models import Document
from search import SearchRequest, search_provisions

CONCEPT = Path(settings.BASE_DIR) / "fixtures" / "corpus" / "004_d74716776d70ede2.txt"
PASSWORD = "a-long-password-1"

# The live server needs committed data: a transactional test (tests/conftest.py puts back
# the taxonomy and the roles its flush removes).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def chromium_page(browser, live_server, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_STAGING_DIR = tmp_path / "staging"
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.script_errors = []
    page.on("pageerror", lambda error: page.script_errors.append(str(error)))
    yield page
    # While Playwright's loop runs, this thread's ORM calls get their own database
    # connection; close it here, or it outlives the test and blocks dropping the database.
    connections.close_all()
    context.close()


def test_a_curator_imports_a_source_and_the_public_finds_its_provision(
    whoosh_index, chromium_page, django_user_model
):
    from playwright.sync_api import expect

    page = chromium_page
    curator = django_user_model.objects.create_user("carla", password=PASSWORD, is_staff=True)
    curator.groups.add(Group.objects.get(name="Curator"))

    page.goto("/admin/login/?next=/admin/documents/document/")
    page.fill("#id_username", "carla")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.click("text=Import a source")

    page.set_input_files("#id_source", str(CONCEPT))
    page.select_option("#id_format", "text")
    page.fill("#id_symbol", "MC.DOC/2/05")
    page.click("text=Check and preview")

    expect(page.locator("#import-summary")).to_contain_text("59 provisions to add")
    expect(page.locator("tr.added", has_text="Annex C.2(v)")).to_be_visible()
    expect(page.locator("tr.added", has_text="4.5")).to_contain_text("dignified treatment")
    assert not Document.objects.exists(), "nothing is written before the curator confirms"

    # New documents are drafts unless the curator, having read the preview, publishes them.
    assert page.locator("#id_new_documents").input_value() == "draft"
    page.select_option("#id_new_documents", "published")
    page.click("text=Confirm and import")
    expect(page.locator(".messagelist")).to_contain_text(
        "Imported “004_d74716776d70ede2.txt”: 1 document created"
    )
    concept = Document.objects.get(symbol="MC.DOC/2/05")
    assert concept.provisions.count() == 59

    # The admin's save reached the Whoosh index through the search layer's signal handlers.
    results = search_provisions(SearchRequest(query="dignified treatment"))
    assert results.backend == "whoosh"
    assert [(p.document.symbol, p.label) for p in results.provisions()][:1] == [("MC.DOC/2/05", "4.5")]
    page.goto(concept.get_absolute_url())
    expect(page.locator("body")).to_contain_text("To promote dignified treatment of all individuals")
    assert page.script_errors == []
