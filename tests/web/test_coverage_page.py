"""The coverage page counts what is held in full, what only through quotations, the quotations
that could not be attributed and what the imports warned about, for published sources only."""

import re

from documents.models import PublicationStatus
from importing.models import ImportWarning

STUDY = "Migration – a new challenge for the OSCE in South Eastern Europe?"


def _row(html: str, heading: str) -> list[str]:
    match = re.search(rf'<th scope="row">{re.escape(heading)}</th>((?:<td>[^<]*</td>)+)', html)
    assert match, heading
    return re.findall(r"<td>([^<]*)</td>", match.group(1))


def test_the_study_is_held_in_full_with_its_passages(client, corpus):
    html = client.get("/coverage/").content.decode()
    study = corpus.document(STUDY)
    passages = study.provisions.filter(origin="full_text").count()
    assert passages >= 60
    held = html[html.index("<h3>Held in full</h3>") : html.index("<h3>Known only through quotations</h3>")]
    assert f'<a href="{study.get_absolute_url()}">{study}</a> — {passages} passages' in held


def test_the_quotations_that_could_not_be_attributed_are_listed_with_their_footnote(client, corpus):
    html = client.get("/coverage/").content.decode()
    section = html[html.index('id="unattributed"') : html.index('id="warnings"')]
    footnotes = re.findall(r"<td>(footnote \d+)</td>", section)
    # Footnotes citing nothing readable, then the quotations their footnotes leave ambiguous.
    assert footnotes == [
        "footnote 6", "footnote 44", "footnote 50", "footnote 52", "footnote 56",
        "footnote 22", "footnote 22", "footnote 22", "footnote 30", "footnote 39",
    ]  # fmt: skip
    assert "10 quotations are credited to no document" in section
    assert "marginal contribution to the resolution of the economic and" in section


def test_the_warnings_are_counted_by_kind(client, corpus):
    html = client.get("/coverage/").content.decode()
    assert _row(html, "Quotation attributed to no known document") == ["10"]
    assert _row(html, "Back-reference (OP. CIT., IBID.) pointing nowhere") == ["2"]
    total = ImportWarning.objects.count()
    assert f"{total} warnings of the last import of each published source" in html


def test_a_draft_sources_warnings_are_not_counted(client, corpus):
    study = corpus.document(STUDY)
    study.status = PublicationStatus.DRAFT
    study.save()
    html = client.get("/coverage/").content.decode()
    assert "footnote 44" not in html
    assert "Quotation attributed to no known document" not in html
    assert "Every quotation the imports found is attributed to a document." in html


def test_the_about_page_links_to_the_coverage_page(client, corpus):
    assert 'href="/coverage/"' in client.get("/about/").content.decode()
