"""A researcher's path through the site, by mouse and by keyboard alone: search, a facet, a
year range, the hit, its anchor in the document, its citation copied, the results exported."""

import csv
import io

from playwright.sync_api import expect

from commitments.models import Quotation
from tests.browser.conftest import screenshot, tab_to

# On the bundled corpus: the 2016 study quotes MC.DEC/5/09's "need to facilitate legal migration
# and fight illegal migration" (fn. 11), and again "the need to facilitate legal migration" under
# illegal migration (section 4.1.4), where its footnote 30 names three documents; the curators
# attributed those words to MC.DEC/5/09 on the strength of fn. 11. Both are passages of
# MC.DEC/5/09, cited as quoted in the study.
# The study's title is set in italics on the page and copied as plain text (no asterisks).
STUDY_TITLE = "Migration – a new challenge for the OSCE in South Eastern Europe?"
CITATION = (
    "MC.DEC/5/09, Migration Management (2009), as quoted in F. Marciacq, I. Boštjančič Pulko and"
    f" T. Flessenkemper, {STUDY_TITLE} (2016), fn. 11"
)
DECISION_PAGE = "/documents/mc-dec-5-09/"


def fn11_passage():
    return Quotation.objects.get(footnote="11", text__contains="legal migration").passage


def target(anchor: str) -> str:
    return f'[id="{anchor}"]'  # a label's dots would need escaping in an #id selector


def read_download(download) -> list[dict]:
    with open(download.path(), encoding="utf-8") as handle:
        return list(csv.DictReader(io.StringIO(handle.read())))


def test_search_facet_year_hit_anchor_citation_and_export_by_mouse(page, corpus_index):
    passage = fn11_passage()
    anchor, target_ = passage.anchor, target(passage.anchor)
    page.goto("/")
    screenshot(page, "home")
    page.get_by_label("Search the provisions").fill("legal migration")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=legal+migration")
    everything = page.locator(".hit").count()
    assert everything > 3

    page.locator(".facet a", has_text="Illegal migration").click()
    page.wait_for_url("**category=illegal**")
    # The quotation of footnote 30 once, MC.DEC/5/09's words quoted in footnote 11, the mandate
    # page's paragraph on illegal migration, and three passages of the study's account of the
    # missions (sections 6.5, 6.6 and 7).
    assert page.locator(".hit").count() == 6 < everything
    assert "Illegal migration" in page.locator('.facet a[aria-current="true"]').inner_text()

    # With a filter in use, the filter panel is open.
    page.get_by_label("From").fill("2009")
    page.get_by_label("To").fill("2009")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**year_from=2009&year_to=2009**")
    # In 2009, MC.DEC/5/09 alone: the words of footnote 11 first, then footnote 30's quotation.
    assert page.locator(".hit").count() == 2
    assert "category=illegal" in page.url and "q=legal+migration" in page.url
    screenshot(page, "search-results")

    page.locator(".hit__title a").first.click()
    page.wait_for_url(f"**{DECISION_PAGE}#{anchor}")
    assert page.evaluate("document.querySelector(':target').id") == anchor
    assert page.locator(target_).is_visible()
    screenshot(page, "document-at-anchor")

    page.locator(f"{target_} .copy-button").click()
    expect(page.locator("#live-status")).to_contain_text("Citation copied")
    assert page.evaluate("navigator.clipboard.readText()") == CITATION

    page.go_back()
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV", exact=True).click()
    rows = read_download(download.value)
    assert [r["citation"] for r in rows][:1] == [CITATION] and len(rows) == 2
    assert rows[0]["url"] == page.url.split("/search/")[0] + passage.get_absolute_url()
    assert page.script_errors == []


def test_the_same_path_by_keyboard_alone(page, corpus_index):
    anchor = fn11_passage().anchor
    page.goto("/")
    tab_to(page, "#id_q")
    page.keyboard.type("legal migration")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=legal+migration")

    tab_to(page, '.facet a[href*="category=illegal"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**category=illegal**")

    tab_to(page, "#id_year_from")
    page.keyboard.type("2009")
    tab_to(page, "#id_year_to")
    page.keyboard.type("2009")
    tab_to(page, ".filters button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**year_from=2009&year_to=2009**")
    # In 2009, MC.DEC/5/09 alone: the words of footnote 11 first, then footnote 30's quotation.
    assert page.locator(".hit").count() == 2

    tab_to(page, ".hit__title a")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{DECISION_PAGE}#{anchor}")
    assert page.evaluate("document.querySelector(':target').id") == anchor

    # From the anchor, the provision's own controls come next in the focus order.
    tab_to(page, f"{target(anchor)} .copy-button", limit=8)
    page.keyboard.press("Enter")
    expect(page.locator("#live-status")).to_contain_text("Citation copied")
    assert page.evaluate("navigator.clipboard.readText()") == CITATION

    # Back to the results: headless Chromium has no browser UI to take Alt+Left, so ask it directly.
    page.go_back()
    page.wait_for_url("**year_from=2009**")
    tab_to(page, '.downloads a[href*="provisions.csv"]')
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert CITATION in [r["citation"] for r in read_download(download.value)]
    assert page.script_errors == []


def test_without_javascript_the_citation_is_selectable_text(browser, live_server, corpus_index):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    anchor = fn11_passage().anchor
    page.goto(f"{DECISION_PAGE}#{anchor}")
    assert page.locator(f"{target(anchor)} .copy-button").count() == 0
    page.locator(f"{target(anchor)} .cite summary").click()
    assert page.locator(f"{target(anchor)} .cite__text").inner_text() == CITATION
    title = page.locator(f"{target(anchor)} .cite__text i")
    assert title.inner_text() == STUDY_TITLE
    assert title.evaluate("element => getComputedStyle(element).fontStyle") == "italic"
    page.goto("/search/?q=legal+migration")
    page.locator(".facet a", has_text="Illegal migration").click()
    assert page.locator(".hit").count() == 6
    context.close()
