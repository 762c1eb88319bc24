"""A passage known only because another source quotes it is cited by where it is quoted: the
quoting study's title in italics on pages, plain (no asterisks, no marks) wherever text is
copied or exported, and never by the label the knowledge base gave the passage."""

import json
import re

import bibtexparser
import rispy

from commitments.quotations import Quotation

STUDY = "Migration – a new challenge for the OSCE in South Eastern Europe?"
AUTHORS = "F. Marciacq, I. Boštjančič Pulko and T. Flessenkemper"
QUOTED_FN13 = f"as quoted in {AUTHORS}, {STUDY} (2016), fn. 13"
# Footnote 39 names two documents and no seed says which (footnote 30's words are MC.DEC/5/09's
# by the curators' decision, fixtures/curation/attributions).
FN39 = (
    "fn. 39, quoting one of: MC.DEC/2/05, Migration (2005);"
    " MC.DOC/6/06, Ministerial Statement on Migration (2006)"
)
MARKS = re.compile("[\ue000-\ue002]")


def _fn13():
    return Quotation.objects.get(footnote="13").passage


def _cite_texts(html: str) -> list[tuple[str, str]]:
    """(what the copy button copies, what the page shows) of every citation on a page."""
    return re.findall(r'<p class="cite__text" data-citation="([^"]*)"[^>]*>(.*?)</p>', html)


def test_the_document_page_sets_the_quoting_study_s_title_in_italics(client, corpus):
    passage = _fn13()
    html = client.get(passage.document.get_absolute_url()).content.decode()
    assert "*" + STUDY not in html and not MARKS.search(html)
    label = re.search(rf'<h3 class="provision__label" id="{passage.anchor}-label">(.*?)</h3>', html)[1]
    assert f"{AUTHORS}, <i>{STUDY}</i> (2016), fn. 13</a>" in label
    copied = re.search(rf'id="{passage.anchor}".*?<details class="cite" data-citation="([^"]*)"', html, re.S)[
        1
    ]
    assert copied == f"Helsinki Final Act (1975), {QUOTED_FN13}"
    shown = re.search(rf'id="{passage.anchor}".*?<p class="cite__text">(.*?)</p>', html, re.S)[1]
    assert shown == f"Helsinki Final Act (1975), as quoted in {AUTHORS}, <i>{STUDY}</i> (2016), fn. 13"


def test_the_provision_page_cites_the_passage_where_it_is_quoted_in_every_style(client, corpus):
    passage = _fn13()
    html = client.get(passage.get_absolute_url()).content.decode()
    assert f'<h1 id="provision-title">Helsinki Final Act, as quoted in {AUTHORS}, <i>{STUDY}</i>' in html
    assert f"<title>Helsinki Final Act, {QUOTED_FN13} · " in html
    styles = _cite_texts(html)
    assert len(styles) == 3
    for copied, shown in styles:
        assert QUOTED_FN13 in copied and passage.label not in copied and "*" not in copied
        assert f"{AUTHORS}, <i>{STUDY}</i> (2016), fn. 13" in shown
    assert styles[0][0] == f"CSCE, Helsinki Final Act (Helsinki, 1 August 1975), {QUOTED_FN13}"


def test_reference_files_cite_the_passage_where_it_is_quoted(client, corpus):
    passage = _fn13()
    url = passage.get_absolute_url()
    (entry,) = bibtexparser.parse_string(client.get(f"{url}cite.bib").content.decode()).entries
    assert entry["pages"] == QUOTED_FN13
    (ris,) = rispy.loads(client.get(f"{url}cite.ris").content.decode())
    assert ris["section"] == QUOTED_FN13
    (item,) = json.loads(client.get(f"{url}cite.json").content)
    assert item["section"] == QUOTED_FN13


def test_words_not_attributed_to_one_document_are_cited_from_the_study_never_as_quoted_in_it(client, corpus):
    passage = Quotation.objects.get(footnote="39").passage
    html = client.get(passage.get_absolute_url()).content.decode()
    (osce, *others) = _cite_texts(html)
    assert osce[0] == f"{STUDY} (Munich, December 2016), {FN39}"
    for copied, _shown in [osce, *others]:
        assert FN39 in copied and "as quoted in" not in copied


def test_exports_and_the_api_give_the_citation_as_plain_text(client, corpus):
    expected = f"Helsinki Final Act (1975), {QUOTED_FN13}"
    passage = _fn13()
    exported = client.get("/export/provisions.json")
    rows = json.loads(b"".join(exported.streaming_content))
    assert expected in [row["citation"] for row in rows]
    csv = b"".join(client.get("/export/provisions.csv").streaming_content).decode()
    assert expected in csv and not MARKS.search(csv)
    api = client.get(f"/api/provisions/{passage.pk}/").json()
    assert api["citation"] == expected
