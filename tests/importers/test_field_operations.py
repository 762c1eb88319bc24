"""Field operations from the bundled corpus: the records the seeds name, their establishment
dates with their source, the reports they issued and the passages that name them."""

from commitments.models import Provision
from documents.models import PublicationStatus
from field_operations.claims import conflicts_of
from field_operations.models import FieldOperation, MentionRole, OperationClaim, OperationMention
from importing.operations_save import link_mentions
from importing.warnings import WarningKind, describe_warning
from tests.factories import DocumentFactory, ProvisionFactory

BORDER_PAGE = "Border management"
STUDY = "Migration – a new challenge for the OSCE in South Eastern Europe?"
# The "Border management" page's eight operations and the dates it gives.
BORDER_PAGE_DATES = {
    "Presence in Albania": "1997-03-27",
    "Centre in Ashgabat": "1998-07-23",
    "Programme Office in Astana": "1998-07-23",
    "Programme Office in Bishkek": "1998-07-23",
    "Mission to Bosnia and Herzegovina": "1995-12-08",
    "Programme Office in Dushanbe": "1993-12-01",
    "Mission to Skopje": "1992-09-18",
    "Project Co-ordinator in Uzbekistan": "2006-07-01",
}


def test_the_corpus_yields_the_operations_the_seeds_name(corpus):
    assert set(FieldOperation.objects.values_list("name", flat=True)) == {
        *BORDER_PAGE_DATES, "Mission in Kosovo", "Mission to Moldova", "Mission to Montenegro",
        "Mission to Serbia",
    }  # fmt: skip
    assert set(FieldOperation.objects.values_list("status", flat=True)) == {"active"}


def test_the_eight_establishment_dates_of_the_border_management_page_with_their_source(corpus):
    dated = {o.name: o.partial_established.iso() for o in FieldOperation.objects.exclude(established=None)}
    assert dated == BORDER_PAGE_DATES
    skopje = OperationClaim.objects.get(operation__name="Mission to Skopje", field="established")
    assert skopje.source_document.title == BORDER_PAGE
    assert skopje.source_locator == "card “Mission to Skopje”"


def test_sec_fr_444_16_rev_1_was_issued_by_the_mission_to_skopje(corpus):
    report = corpus.document("SEC.FR/444/16/Rev.1")
    (mention,) = OperationMention.objects.filter(document=report, role=MentionRole.ISSUED)
    assert mention.operation.name == "Mission to Skopje"
    assert mention.source_document.title == STUDY and mention.source_locator == "footnote 92"


def test_the_press_release_was_issued_by_the_mission_to_serbia_which_works_in_its_fields(corpus):
    serbia = FieldOperation.objects.get(name="Mission to Serbia")
    issued = OperationMention.objects.filter(operation=serbia, role=MentionRole.ISSUED)
    assert [m.document.kind for m in issued] == ["press_release"]
    assert {"Economic activities", "Rule of law", "Migration"} <= set(
        serbia.fields_of_work.values_list("name", flat=True)
    )
    assert serbia.host_country == "Serbia"


def test_the_studys_gevgelija_passage_names_the_mission_to_skopje(corpus):
    passage = Provision.objects.get(document__title=STUDY, label="§6.1 ¶2")
    named = set(passage.operation_mentions.values_list("operation__name", flat=True))
    assert named == {"Mission to Skopje", "Mission to Serbia"}


def test_an_alias_the_study_uses_links_its_passage(corpus):
    # §4.2 ¶2: "as argued in the OSCE mission to Belgrade": the Mission to Serbia.
    passage = Provision.objects.get(document__title=STUDY, label="§4.2 ¶2")
    words = dict(passage.operation_mentions.values_list("operation__name", "words"))
    assert words["Mission to Serbia"] == "OSCE mission to Belgrade"


def test_a_host_country_no_seed_states_is_the_editors_with_its_basis(corpus):
    claim = OperationClaim.objects.get(operation__name="Mission to Skopje", field="host_country")
    assert claim.source_document is None and claim.value == "North Macedonia"
    assert "capital" in claim.basis
    assert "the editors" in claim.source_label()


def test_loading_the_corpus_again_changes_nothing(corpus):
    from importing.corpus import load_corpus

    before = (
        sorted(OperationClaim.objects.values_list("operation__name", "field", "value", "source_locator")),
        sorted(
            OperationMention.objects.values_list("operation__name", "document", "provision", "role"), key=str
        ),
    )
    load_corpus(keep_files=False)
    after = (
        sorted(OperationClaim.objects.values_list("operation__name", "field", "value", "source_locator")),
        sorted(
            OperationMention.objects.values_list("operation__name", "document", "provision", "role"), key=str
        ),
    )
    assert after == before


def test_a_name_that_could_mean_two_operations_is_left_for_a_curator_with_a_warning(db):
    first = FieldOperation.objects.create(name="Programme Office in Astana")
    second = FieldOperation.objects.create(name="Programme Office in Bishkek")
    for operation in (first, second):
        operation.aliases.create(name="the Programme Office", basis="both are programme offices")
    document = DocumentFactory()
    provision = ProvisionFactory(
        document=document, text="Staff of the Programme Office met the border police."
    )
    (warning,) = link_mentions([document])
    (mention,) = OperationMention.objects.filter(provision=provision)
    assert mention.operation is None
    assert set(mention.candidates.all()) == {first, second}
    assert "could mean the Programme Office in Astana or the Programme Office in Bishkek" in warning
    assert describe_warning(warning).kind == WarningKind.AMBIGUOUS_OPERATION


def test_a_curators_link_of_an_ambiguous_name_survives_linking_again(db):
    first = FieldOperation.objects.create(name="Programme Office in Astana")
    second = FieldOperation.objects.create(name="Programme Office in Bishkek")
    for operation in (first, second):
        operation.aliases.create(name="the Programme Office", basis="both are programme offices")
    document = DocumentFactory()
    ProvisionFactory(document=document, text="Staff of the Programme Office met the border police.")
    link_mentions([document])
    mention = OperationMention.objects.get(document=document)
    mention.operation, mention.curated = first, True
    mention.save()
    assert link_mentions([document]) == []
    assert list(OperationMention.objects.filter(document=document).values_list("operation", flat=True)) == [
        first.pk
    ]


def test_two_sources_giving_different_dates_are_both_kept_and_shown_as_a_conflict(corpus):
    skopje = FieldOperation.objects.get(name="Mission to Skopje")
    other = DocumentFactory(title="Another page", symbol="", status=PublicationStatus.PUBLISHED)
    OperationClaim.objects.create(operation=skopje, field="established", value="1992", source_document=other)
    assert conflicts_of(skopje) == [], "a year that the day refines agrees with it"
    OperationClaim.objects.create(
        operation=skopje,
        field="established",
        value="1992-09-25",
        source_document=other,
        source_locator="p. 2",
    )
    (conflict,) = conflicts_of(skopje)
    assert conflict.field == "established"
    assert {v.value: v.sources() for v in conflict.values} == {
        "1992-09-18": ["Border management, card “Mission to Skopje”"],
        "1992": ["Another page"],
        "1992-09-25": ["Another page, p. 2"],
    }


def test_a_draft_source_is_no_evidence(corpus):
    skopje = FieldOperation.objects.get(name="Mission to Skopje")
    draft = DocumentFactory(title="Unpublished notes", status=PublicationStatus.DRAFT)
    OperationClaim.objects.create(
        operation=skopje, field="established", value="1993-01-01", source_document=draft
    )
    assert conflicts_of(skopje) == []


def test_a_source_naming_an_operation_by_an_alias_gives_a_second_name_shown_as_a_conflict(client, corpus):
    from importing.operations_save import save_operations
    from importing.parsed import ParsedDocument, ParsedOperation, ParsedSource

    source = DocumentFactory(title="A report from Belgrade", symbol="", status=PublicationStatus.PUBLISHED)
    parsed = ParsedSource(
        name="report.txt",
        format="text",
        sha256="",
        document=ParsedDocument(title=source.title),
        operations=[ParsedOperation(name="OSCE Mission to Belgrade", locator="p. 1")],
    )
    save_operations(parsed, source, {})
    serbia = FieldOperation.objects.get(name="Mission to Serbia")
    assert not FieldOperation.objects.filter(name="Mission to Belgrade").exists()
    (conflict,) = conflicts_of(serbia)
    assert conflict.field == "name"
    assert {v.value for v in conflict.values} == {"Mission to Serbia", "Mission to Belgrade"}
    html = client.get(serbia.get_absolute_url()).content.decode()
    assert "Where the sources disagree" in html and "A report from Belgrade, p. 1" in html
