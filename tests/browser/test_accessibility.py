"""axe-core, run in Chromium on the main pages, finds no serious or critical violation; the
same pages read well on a phone."""

import pytest

from tests.browser.conftest import axe_violations, screenshot

MAIN_PAGES = {
    "home": "/",
    "search": "/search/?q=migration&category=human",
    "search-empty": "/search/?q=trafficking&category=labour",
    "search-bad-parameter": "/search/?year_from=abc",
    "documents": "/documents/",
    "document": "/documents/mc-doc-2-05/",
    "document-with-conflict": "/documents/mc-dec-5-09/",
    "categories": "/categories/",
    "category": "/categories/illegal/",
    "dimension": "/dimensions/human/",
    "timeline": "/timeline/",
    "matrix": "/matrix/",
    "not-found": "/no-such-page/",
}


@pytest.mark.parametrize("name", list(MAIN_PAGES))
def test_main_pages_have_no_serious_accessibility_violations(page, corpus, name):
    page.goto(MAIN_PAGES[name])
    assert axe_violations(page) == []
    assert page.script_errors == []


def test_the_provision_page_has_no_serious_accessibility_violations(page, corpus):
    from commitments.models import Provision

    page.goto(Provision.objects.get(document__symbol="MC.DOC/2/05", label="4.5").get_absolute_url())
    assert axe_violations(page) == []
    screenshot(page, "provision")


def test_the_accessibility_check_does_catch_a_violation(page, corpus):
    page.goto("/")
    page.evaluate("document.querySelector('#id_q').removeAttribute('id')")  # its label now points nowhere
    assert "label" in {v["id"] for v in axe_violations(page)}


@pytest.mark.parametrize("name", ["home", "search", "document", "timeline", "matrix"])
def test_pages_fit_a_phone_screen(browser, live_server, corpus, name):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 375, "height": 740}, is_mobile=True
    )
    phone = context.new_page()
    phone.goto(MAIN_PAGES[name])
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{name} is {overflow}px wider than a phone screen"
    screenshot(phone, f"phone-{name}")
    context.close()


@pytest.mark.parametrize("name", ["timeline", "matrix", "document", "search"])
def test_desktop_screenshots_of_the_key_pages(page, corpus, name):
    page.goto(MAIN_PAGES[name])
    screenshot(page, name)
