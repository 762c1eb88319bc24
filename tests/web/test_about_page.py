"""The About page states what the knowledge base holds, how it was tagged, its known gaps,
its licences and its dataset version, counted from the database as it is."""

import re

from commitments.models import Provision, ProvisionOrigin
from commitments.quotations import Quotation, QuotationStatus
from documents.models import Document, PublicationStatus
from operations.dataset import dataset_version


def _row(html: str, heading: str) -> list[str]:
    match = re.search(rf'<th scope="row">{re.escape(heading)}</th>((?:<td>[^<]*</td>)+)', html)
    assert match, heading
    return re.findall(r"<td>([^<]*)</td>", match.group(1))


def test_the_about_page_counts_what_is_held_in_full_and_what_only_through_quotations(client, corpus):
    html = client.get("/about/").content.decode()
    published = Document.objects.published()
    quoted_only = [
        d
        for d in published
        if d.provisions.exists() and not d.provisions.exclude(origin=ProvisionOrigin.QUOTATION).exists()
    ]
    full = [d for d in published if d.provisions.exclude(origin=ProvisionOrigin.QUOTATION).exists()]
    empty = [d for d in published if not d.provisions.exists()]
    quoted = Provision.objects.published().filter(origin=ProvisionOrigin.QUOTATION)
    assert _row(html, "The full text") == [
        str(len(full)),
        str(Provision.objects.published().count() - quoted.count()),
    ]
    # Each quoted passage counts once, in the row of the document that carries it: the study
    # keeps the words its footnotes credit to no one document.
    of_quoted_only = quoted.filter(document__in=quoted_only).count()
    assert _row(html, "Only passages quoted in other sources") == [str(len(quoted_only)), str(of_quoted_only)]
    kept_with_held = quoted.filter(document__in=full)
    assert _row(
        html,
        "Quoted passages kept with a held text: credited to no one document, or not found where credited",
    ) == [str(kept_with_held.values("document").distinct().count()), str(kept_with_held.count())]
    assert of_quoted_only + kept_with_held.count() == quoted.count() > 0
    records = Quotation.objects.published()
    matched = records.filter(status=QuotationStatus.MATCHED).count()
    assert records.count() == quoted.count() + matched
    assert f"The sources quote other documents {records.count()} times: {matched} quotations match" in html
    assert _row(html, "No text: catalogued because a source names them") == [str(len(empty)), "0"]
    assert corpus.document("MC.DOC/2/05") in full
    assert f'<a href="{corpus.document("MC.DOC/2/05").get_absolute_url()}">' in html


def test_the_about_page_counts_tags_and_suggestions(client, corpus):
    html = client.get("/about/").content.decode()
    provisions = Provision.objects.published()
    with_category = provisions.filter(categories__isnull=False).distinct().count()
    assert _row(html, "With at least one migration category") == [str(with_category)]
    assert _row(html, "With no tag yet") == [str(provisions.untagged().count())]
    assert "A suggestion is never a tag until a curator accepts it" in html


def test_a_draft_counts_nowhere_on_the_about_page(client, corpus):
    before = client.get("/about/").content.decode()
    document = corpus.document("MC.DOC/2/05")
    document.status = PublicationStatus.DRAFT
    document.save()
    after = client.get("/about/").content.decode()
    assert int(_row(after, "The full text")[0]) == int(_row(before, "The full text")[0]) - 1
    assert "Border Security and Management Concept" not in after


def test_the_about_page_states_the_licences_and_the_dataset_version(client, corpus):
    html = client.get("/about/").content.decode()
    assert "Creative Commons Attribution 4.0 International" in html
    assert "MIT licence" in html
    assert "Creative Commons Attribution-ShareAlike 3.0" in html  # the CSL styles'
    assert f'<strong class="dataset-version">{dataset_version()}</strong>' in html
    assert 'id="version"' in html and 'id="gaps"' in html


def test_the_licences_the_page_names_ship_with_the_code():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    assert "MIT License" in (root / "LICENSE").read_text()
    styles = root / "documents" / "csl"
    assert "Attribution-ShareAlike 3.0 Unported" in (styles / "LICENSE.txt").read_text()
    for style in styles.glob("*.csl"):
        assert 'license="http://creativecommons.org/licenses/by-sa/3.0/"' in style.read_text()


def test_the_about_page_counts_the_editors_tag_decisions(client, corpus):
    from commitments.models import TagDecision

    html = client.get("/about/").content.decode()
    assert _row(html, "Tags given by the editors, each with its basis") == [
        str(TagDecision.objects.filter(origin="curated").count())
    ]
    assert "fixtures/curation/" in html
