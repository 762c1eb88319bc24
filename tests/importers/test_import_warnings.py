"""Importer warnings are stored with the source they came from, each with its kind and the place
in the source it names; the admin's preview shows them before anything is written."""

import datetime

from importing.checks import metadata_warnings
from importing.models import ImportWarning
from importing.parsed import ParsedDocument, ParsedSource
from importing.parsers.citations import resolve_back_references, split_citations
from importing.parsers.lines import TextShares
from importing.warnings import WarningKind, describe_warning

STUDY_FILE = "001_03edc29357d149f7.txt"


def test_the_studys_warnings_are_stored_with_the_study_kind_and_footnote(corpus):
    study = corpus.source_document(STUDY_FILE)
    stored = ImportWarning.objects.filter(document=study)
    assert set(stored.values_list("source_name", flat=True)) == {STUDY_FILE}
    by_kind = {}
    for warning in stored:
        by_kind.setdefault(warning.kind, []).append(warning.locator)
    assert by_kind[WarningKind.DANGLING_REFERENCE] == ["footnote 35", "footnote 103"]
    # Quotations whose footnote cites nothing readable, and those the footnote's several
    # documents leave ambiguous (one warning per quotation), unless the curators decided it, in
    # the study's order (the shipped attribution decisions attribute its quotations again).
    # Footnote 50 cites nothing readable either, but its words are MC.DOC/2/05 para. 4.5: the
    # parser's warning is withdrawn once they are found there.
    assert by_kind[WarningKind.UNATTRIBUTED_QUOTATION] == [
        "footnote 6", "footnote 22", "footnote 22", "footnote 22", "footnote 39",
        "footnote 44", "footnote 52", "footnote 56",
    ]  # fmt: skip
    # Footnote 30's quotation is the curators' decision: MC.DEC/5/09's (fixtures/curation/attributions).
    assert by_kind[WarningKind.METADATA] == ["footnote 9"]
    assert by_kind[WarningKind.INCOMPLETE_CITATION] == ["footnote 80"]
    assert WarningKind.OTHER not in by_kind


def test_each_producer_of_warnings_has_its_kind():
    dangling = resolve_back_references(split_citations(7, "OSCE. 16 JUNE 2009, OP. CIT."))
    (dangling,) = dangling
    assert (describe_warning(dangling).kind, describe_warning(dangling).locator) == (
        WarningKind.DANGLING_REFERENCE,
        "footnote 7",
    )

    shares = TextShares(words={"unassigned": 3}, unassigned_pages={2: ["three lost words"]})
    (unassigned,) = shares.warnings()
    assert (describe_warning(unassigned).kind, describe_warning(unassigned).locator) == (
        WarningKind.UNASSIGNED_TEXT,
        "page 2",
    )

    parsed = ParsedSource(
        name="x.txt",
        format="text",
        sha256="",
        document=ParsedDocument(title="A decision", symbol="MC.DEC/1/99", kind="mc_decision"),
    )
    (no_place,) = metadata_warnings(parsed, today=datetime.date(2026, 12, 3))
    assert (describe_warning(no_place).kind, describe_warning(no_place).locator) == (
        WarningKind.METADATA,
        "MC.DEC/1/99",
    )


def test_a_warning_of_unknown_wording_is_kept_as_other():
    facts = describe_warning("something unforeseen happened")
    assert (facts.kind, facts.locator) == (WarningKind.OTHER, "")
