"""A researcher cites from the knowledge base as a reference manager would: the page's
citation_* tags read by a browser, the BibTeX and RIS files downloaded and imported, the
styles shown without JavaScript, and a feed followed from a search."""

import bibtexparser
import rispy
from playwright.sync_api import expect

from operations.dataset import dataset_version
from tests.browser.conftest import axe_violations, screenshot


def _provision_4_3(corpus):
    return corpus.document("MC.DOC/2/05").provisions.get(label="4.3")


def test_a_reference_manager_reads_the_page_s_citation_tags(page, corpus):
    provision = _provision_4_3(corpus)
    page.goto(provision.get_absolute_url())
    # What Zotero's page translator reads: every citation_* meta tag, in document order.
    tags = page.evaluate(
        """() => Array.from(document.querySelectorAll('meta[name^="citation_"]'))
                 .map(m => [m.getAttribute('name'), m.getAttribute('content')])"""
    )
    as_dict = dict(tags)
    assert as_dict["citation_title"] == "Border Security and Management Concept"
    assert as_dict["citation_author"] == "OSCE Ministerial Council"
    assert as_dict["citation_technical_report_number"] == "MC.DOC/2/05"
    assert as_dict["citation_technical_report_institution"] == "OSCE"
    assert as_dict["citation_publication_date"] == "2005/12/06"
    assert as_dict["citation_abstract_html_url"] == page.url
    assert page.locator('link[rel="alternate"][type="application/x-bibtex"]').count() == 1


def test_a_provision_s_bibtex_and_ris_download_and_import(page, corpus):
    provision = _provision_4_3(corpus)
    page.goto(provision.get_absolute_url())
    screenshot(page, "provision-citation")
    with page.expect_download() as bib:
        page.locator(".citation-box .downloads a", has_text="BibTeX").click()
    assert bib.value.suggested_filename == "mc-doc-2-05-p4.3.bib"
    (entry,) = bibtexparser.parse_file(bib.value.path()).entries
    fields = entry.fields_dict
    assert entry.entry_type == "techreport"
    assert fields["title"].value == "Border Security and Management Concept"
    assert fields["number"].value == "MC.DOC/2/05"
    assert fields["year"].value == "2005"
    assert fields["pages"].value == "para. 4.3"
    assert fields["url"].value == page.url
    assert fields["version"].value == str(dataset_version())

    with page.expect_download() as ris:
        page.locator(".citation-box .downloads a", has_text="RIS").click()
    with open(ris.value.path(), encoding="utf-8") as handle:
        (record,) = rispy.load(handle)
    assert record["type_of_reference"] == "RPRT"
    assert record["title"] == "Border Security and Management Concept"
    assert record["authors"] == ["OSCE Ministerial Council"]
    assert record["section"] == "para. 4.3"
    assert record["urls"] == [page.url]
    assert page.script_errors == []


def test_the_styles_are_there_to_copy_without_javascript(browser, live_server, corpus):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    plain = context.new_page()
    plain.goto(_provision_4_3(corpus).get_absolute_url())
    box = plain.locator(".citation-box")
    expect(box.locator("#cite-osce .cite__text")).to_have_text(
        "OSCE, MC.DOC/2/05, Border Security and Management Concept (Ljubljana, 6 December 2005), para. 4.3"
    )
    expect(box.locator("#cite-oscola .cite__text")).to_contain_text("MC.DOC/2/05 para 4.3")
    expect(box.locator("#cite-chicago .cite__text i")).to_have_text("Border Security and Management Concept")
    expect(plain.locator(".chapeau")).to_contain_text("with a view to achieving the following aims")
    context.close()


def test_new_pages_have_no_serious_accessibility_violations(page, corpus, corpus_index):
    found = {}
    for name, url in {
        "about": "/about/",
        "provision-with-chapeau": _provision_4_3(corpus).get_absolute_url(),
        "search-with-feed": "/search/?q=trafficking",
        "documents-with-feed": "/documents/",
    }.items():
        page.goto(url)
        violations = axe_violations(page)
        if violations:
            found[name] = violations
        screenshot(page, name)
    assert found == {}
    assert page.script_errors == []


def test_a_search_is_followed_through_the_feed_its_page_links_to(page, corpus_index):
    page.goto("/search/?q=trafficking")
    link = page.get_by_role("link", name="Follow this search")
    href = link.get_attribute("href")
    assert href == "/feeds/provisions.atom?q=trafficking"
    assert (
        page.locator('head link[rel="alternate"][type="application/atom+xml"]').get_attribute("href") == href
    )
    feed = page.request.get(href)
    assert feed.status == 200
    assert feed.headers["content-type"] == "application/atom+xml; charset=utf-8"
    assert "<entry>" in feed.text()
