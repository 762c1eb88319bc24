"""A researcher's path through the site, by mouse and by keyboard alone: search, a facet, a
year range, the hit, its anchor in the document, its citation copied, the results exported."""

import csv
import io

from playwright.sync_api import expect

from tests.browser.conftest import screenshot, tab_to

CITATION = "OSCE, MC.DEC/5/09, Migration Management (Athens, 4 December 2009), para. 1"


def read_download(download) -> list[dict]:
    with open(download.path(), encoding="utf-8") as handle:
        return list(csv.DictReader(io.StringIO(handle.read())))


def test_search_facet_year_hit_anchor_citation_and_export_by_mouse(page, kb):
    page.goto("/")
    screenshot(page, "home")
    page.get_by_label("Search the provisions").fill("migrant")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=migrant")
    assert page.locator(".hit").count() == 3

    page.locator(".facet a", has_text="Labour migration").click()
    page.wait_for_url("**category=labour**")
    assert page.locator(".hit").count() == 2
    assert "Labour migration" in page.locator('.facet a[aria-current="true"]').inner_text()

    # With a filter in use, the filter panel is open.
    page.get_by_label("From").fill("2000")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**year_from=2000**")
    assert page.locator(".hit").count() == 1
    assert "category=labour" in page.url and "q=migrant" in page.url
    screenshot(page, "search-results")

    page.locator(".hit__title a").first.click()
    page.wait_for_url("**/documents/mc-dec-5-09/#p-1")
    assert page.evaluate("document.querySelector(':target').id") == "p-1"
    assert page.locator("#p-1").is_visible()
    screenshot(page, "document-at-anchor")

    page.locator("#p-1 .copy-button").click()
    expect(page.locator("#live-status")).to_contain_text("Citation copied")
    assert page.evaluate("navigator.clipboard.readText()") == CITATION

    page.go_back()
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    rows = read_download(download.value)
    assert [r["citation"] for r in rows] == [CITATION]
    assert rows[0]["url"] == f"{page.url.split('/search/')[0]}/provisions/{kb.athens_workers.pk}/"
    assert page.script_errors == []


def test_the_same_path_by_keyboard_alone(page, kb):
    page.goto("/")
    tab_to(page, "#id_q")
    page.keyboard.type("migrant")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=migrant")

    tab_to(page, '.facet a[href*="category=labour"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**category=labour**")

    tab_to(page, "#id_year_from")
    page.keyboard.type("2000")
    tab_to(page, ".filters button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**year_from=2000**")
    assert page.locator(".hit").count() == 1

    tab_to(page, ".hit__title a")
    page.keyboard.press("Enter")
    page.wait_for_url("**/documents/mc-dec-5-09/#p-1")
    assert page.evaluate("document.querySelector(':target').id") == "p-1"

    # From the anchor, the provision's own controls come next in the focus order.
    tab_to(page, "#p-1 .copy-button", limit=8)
    page.keyboard.press("Enter")
    expect(page.locator("#live-status")).to_contain_text("Citation copied")
    assert page.evaluate("navigator.clipboard.readText()") == CITATION

    # Back to the results: headless Chromium has no browser UI to take Alt+Left, so ask it directly.
    page.go_back()
    page.wait_for_url("**year_from=2000**")
    tab_to(page, '.downloads a[href*="provisions.csv"]')
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert [r["citation"] for r in read_download(download.value)] == [CITATION]
    assert page.script_errors == []


def test_without_javascript_the_citation_is_selectable_text(browser, live_server, kb):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/documents/mc-dec-5-09/#p-1")
    assert page.locator("#p-1 .copy-button").count() == 0
    page.locator("#p-1 .cite summary").click()
    assert page.locator("#p-1 .cite__text").inner_text() == CITATION
    page.goto("/search/?q=migrant")
    page.locator(".facet a", has_text="Labour migration").click()
    assert page.locator(".hit").count() == 2
    context.close()
