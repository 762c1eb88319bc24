"""The catalogue on the bundled corpus: every document the seeds name, with its document title
(the chapter a citation points to goes into the citation's locator), and every value with its
source, or with the editors' basis where no seed states it."""

import pytest

from commitments.models import Relation, RelationKind
from documents.models import Document, FieldDecision, PublicationStatus
from importing.catalogue import apply_catalogue, held_text, read_catalogue
from importing.curated_tags import CurationRejected

pytestmark = pytest.mark.django_db

# Named by the seeds (and DOMAIN.md), found in no citation of the study's footnotes.
NAMED_IN_THE_TEXTS = {
    "Charter of Paris for a New Europe": 1990,
    "Lisbon Document": 1996,
    "Istanbul Document": 1999,
    "Charter for European Security": 1999,
    "Platform for Co-operative Security": 1999,
    "Final Recommendations of the Helsinki Consultations": 1973,
    "OSCE Strategy to Address Threats to Security and Stability in the Twenty-First Century": 2003,
    "Thematic report of the Bureau of the General Committee on Democracy, Human Rights and "
    "Humanitarian Questions": 2016,
}


def test_every_document_the_seeds_name_is_catalogued_and_published(corpus):
    for title, year in NAMED_IN_THE_TEXTS.items():
        document = Document.objects.get(title=title)
        assert document.year == year, title
        assert document.status == PublicationStatus.PUBLISHED
    maastricht = Document.objects.get(symbol="MC.DOC/1/03")  # the study's "Maastricht Strategy on EED"
    assert maastricht.title == "Strategy Document for the Economic and Environmental Dimension"
    assert "Maastricht Strategy on EED" in read_catalogue().aliases()


def test_titles_are_document_titles_and_the_chapter_cited_is_the_locator(corpus):
    titles = list(Document.objects.values_list("title", flat=True))
    assert not [t for t in titles if "Decisions:" in t or t.startswith(("Concluding Document:", "Annex to"))]
    assert not [t for t in titles if "Meeting of the MC:" in t]
    assert Document.objects.get(date__year=1983).title == "Concluding Document of Madrid"
    assert Document.objects.get(date__year=1992, place="Helsinki").title == "CSCE Helsinki Document"
    assert Document.objects.get(date__year=1994).title == "CSCE Budapest Document"
    assert corpus.document("MC.DEC/12/04").title == "Tolerance and Non-discrimination"
    assert corpus.document("MC(5).DEC/2").title == (
        "Decision on a Common and Comprehensive Security Model for Europe for the 21st Century"
    )
    # Footnote 10 prints the meeting before the note's title: the meeting is not the title.
    assert corpus.document("EEF.GAL/3/09/Rev.1").title == "Background Note Elaborated Jointly by OSCE and IOM"
    assert not [t for t in titles if "Economic and Environmental Forum. " in t]
    study = Document.objects.get(kind="study")
    evidence = {
        r.target_document.title: r.evidence
        for r in Relation.objects.filter(source_document=study, kind=RelationKind.CITES)
    }
    assert evidence["CSCE Helsinki Document"].endswith("(Decisions: VI. The Human Dimension)")
    assert evidence["CSCE Budapest Document"].endswith("(Decisions: VIII. The Human Dimension)")
    assert evidence["Concluding Document of Madrid"].endswith(
        "(Co-operation in the Field of Economics, of Science and Technology and of the Environment)"
    )
    assert evidence["Tolerance and Non-discrimination"].endswith("(Annex)")


def test_the_odihr_title_cut_at_a_page_break_is_marked_incomplete_and_warned(corpus):
    report = Document.objects.get(body="odihr")
    assert report.title == "Summary Report – Migration Crisis in the OSCE Region: Safeguarding …"
    decision = FieldDecision.objects.get(document=report, field="title")
    assert "breaks off at a page break" in decision.note
    (study_import,) = [r for r in corpus.reports if r.source == "001_03edc29357d149f7.txt"]
    assert any(w.startswith("footnote 80: the citation breaks off") for w in study_import.warnings)


def test_values_no_seed_states_are_the_editors_decisions_with_their_basis(client, corpus):
    helsinki = Document.objects.get(title="Helsinki Final Act")
    assert helsinki.place == "Helsinki"
    assert "no seed states the place" in FieldDecision.objects.get(document=helsinki, field="place").note

    pc = corpus.document("PC.DEC/621")
    assert (pc.place, pc.display_date()) == ("Vienna", "2004")
    assert "DOMAIN.md" in FieldDecision.objects.get(document=pc, field="place").note
    # The study's Sofia and 7 December 2004 stay as its claims: the evidence, beside the decision.
    assert set(pc.claims.filter(field="place").values_list("value", flat=True)) == {"Sofia"}
    html = client.get(pc.get_absolute_url()).content.decode()
    assert "Decided by the editors: the Permanent Council meets in Vienna (DOMAIN.md)" in html
    assert "Other value: Sofia (" in html and "Other value: 7 December 2004 (" in html
    assert "Decided by the editors: adopted before the Sofia Council annexed it" in html


def test_mc_dec_12_04_annexes_pc_dec_621_on_both_pages(client, corpus):
    sofia, pc = corpus.document("MC.DEC/12/04"), corpus.document("PC.DEC/621")
    annexes = Relation.objects.filter(kind=RelationKind.ANNEXES, source_document=sofia, target_document=pc)
    assert annexes.exists()
    html = client.get(sofia.get_absolute_url()).content.decode()
    assert '<span class="relation-kind">annexes</span> <a href="/documents/pc-dec-621/">' in html
    assert "recorded by the editors: the study’s fn. 22 cites the Annex to MC.DEC/12/04" in html
    assert "annexes</span> this document" in client.get(pc.get_absolute_url()).content.decode()


def test_every_fact_of_the_catalogue_rests_on_a_quoted_source_or_a_basis(corpus):
    catalogue = read_catalogue()
    assert catalogue.documents
    for entry in catalogue.documents:
        document = Document.objects.get(pk=_catalogued(entry.key).pk)
        for fact in entry.facts:
            if fact.source:
                source = _catalogued(fact.source)
                assert fact.quote in held_text(source), (entry.key, fact.field)
                claim = document.claims.get(field=fact.field, source_document=source, read_by_editors=True)
                assert claim.value == fact.value
            else:
                assert FieldDecision.objects.get(document=document, field=fact.field).note == fact.basis


def test_a_catalogued_document_shows_where_each_fact_comes_from(client, corpus):
    paris = Document.objects.get(title="Charter of Paris for a New Europe")
    page = client.get(paris.get_absolute_url())
    rows = {row.field: row for row in page.context["page"].provenance}
    assert [c.source_document.title for c in rows["date"].claims] == ["Our mandate on migration"]
    assert rows["kind"].decision.note.startswith("DOMAIN.md lists the Charter of Paris")
    html = page.content.decode()
    assert "Where these facts come from" in html
    assert "Decided by the editors: DOMAIN.md lists the Charter of Paris (1990)" in html


def test_applying_the_catalogue_again_changes_nothing(corpus):
    assert apply_catalogue(read_catalogue()) == 0


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            '[[document]]\ndocument = "MC.DOC/2/05"\n[[document.fact]]\nfield = "place"\nvalue = "Bled"\n'
            'source = "MC.DOC/2/05"\nquote = "adopted in Bled"\n',
            "catalogue/bad.toml, document 1 (MC.DOC/2/05), place: MC.DOC/2/05 does not say “adopted in Bled”",
        ),
        (
            '[[document]]\ndocument = "MC.DOC/2/05"\n[[document.fact]]\nfield = "place"\nvalue = "Bled"\n',
            "catalogue/bad.toml, document 1 (MC.DOC/2/05), place: "
            "a fact has a 'source' and its 'quote', or a 'basis'",
        ),
        (
            '[[document]]\ndocument = "no-such-document"\n',
            "catalogue/bad.toml, document 1 (no-such-document): no document has this symbol or slug",
        ),
        (
            '[[relation]]\nsource = "MC.DEC/12/04"\nkind = "annexs"\ntarget = "PC.DEC/621"\nbasis = "x"\n',
            "catalogue/bad.toml, relation 1: 'annexs' is not a kind of relation",
        ),
    ],
)
def test_a_bad_catalogue_entry_is_refused_with_its_place_and_reason(corpus, tmp_path, entry, message):
    directory = tmp_path / "catalogue"
    directory.mkdir()
    (directory / "bad.toml").write_text(entry, encoding="utf-8")
    with pytest.raises(CurationRejected) as refused:
        apply_catalogue(read_catalogue(directory))
    assert str(refused.value).startswith(message)


def _catalogued(key: str) -> Document:
    return Document.objects.by_symbol(key).first() or Document.objects.get(slug=key)


def test_a_kind_or_body_read_from_a_title_is_not_presented_as_the_source_s_words(client, corpus):
    helsinki = Document.objects.get(title="Helsinki Final Act")
    study = Document.objects.get(kind="study")
    claim = helsinki.claims.get(field="body", source_document=study)
    assert claim.source_locator == "footnote 13, classified from the title and symbol it gives"
    html = client.get(helsinki.get_absolute_url()).content.decode()
    assert "footnote 13, classified from the title and symbol it gives" in _section(html, "Issuing body")


def _section(html: str, row: str) -> str:
    start = html.index(f'<th scope="row">{row}</th>')
    return html[start : html.index("</tr>", start)]
