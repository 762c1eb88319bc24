"""axe-core, run in Chromium on the main pages, finds no serious or critical violation; the
same pages fit a phone screen. One corpus load serves all pages of a test."""

from commitments.models import Provision
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
    "category": "/categories/forced/",
    "dimension": "/dimensions/human/",
    "timeline": "/timeline/",
    "matrix": "/matrix/",
    "lineage": "/lineage/",
    "about": "/about/",
    "coverage": "/coverage/",
    "operations": "/operations/",
    "operation": "/operations/mission-to-skopje/",
    "operation-search": "/operations/mission-to-skopje/?q=Gevgelija",
    "search-study-passage": "/search/?q=Gevgelija",
    "not-found": "/no-such-page/",
}
SCREENSHOTS = ("home", "search", "document", "timeline", "matrix")


def test_main_pages_have_no_serious_accessibility_violations(page, corpus_index):
    pages = {**MAIN_PAGES, "provision": _provision_url()}
    found = {}
    for name, url in pages.items():
        page.goto(url)
        violations = axe_violations(page)
        if violations:
            found[name] = violations
        if name in (*SCREENSHOTS, "provision"):
            screenshot(page, name)
    assert found == {}
    assert page.script_errors == []


def test_the_accessibility_check_does_catch_a_violation(page, corpus_index):
    page.goto("/")
    page.evaluate("document.querySelector('#id_q').removeAttribute('id')")  # its label now points nowhere
    assert "label" in {v["id"] for v in axe_violations(page)}


def test_pages_fit_a_phone_screen(browser, live_server, corpus_index):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 375, "height": 740}, is_mobile=True
    )
    phone = context.new_page()
    too_wide = {}
    for name in (*SCREENSHOTS, "documents", "category"):
        phone.goto(MAIN_PAGES[name])
        overflow = phone.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            too_wide[name] = overflow
        if name in SCREENSHOTS:
            screenshot(phone, f"phone-{name}")
    context.close()
    assert too_wide == {}, f"wider than a phone screen (px): {too_wide}"


def _provision_url() -> str:
    return Provision.objects.get(document__symbol="MC.DOC/2/05", label="4.5").get_absolute_url()
