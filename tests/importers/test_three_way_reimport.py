"""A re-import changes only what the source changed since its last import, never what a curator
changed: three-way, against the parse the last import kept (MC.DOC/2/05's bundled text)."""

import io

import pytest
from django.core.management import call_command

from commitments.models import Provision, ProvisionOrigin
from documents.models import Document, PublicationStatus
from importing.corpus import CORPUS_DIR
from importing.diff import diff_provisions
from importing.errors import ImportRejected
from importing.models import DeletedProvision, ImportedProvision, ImportWarning
from importing.service import import_file
from importing.sources import parse_source
from importing.warnings import WarningKind

pytestmark = pytest.mark.django_db

SEED = CORPUS_DIR / "004_d74716776d70ede2.txt"
# Revisions of the source, each as (words of the bundled text, words of the revision).
NEW_45 = ("To promote dignified treatment of all individuals", "To ensure dignified treatment of all persons")
NEW_46 = ("To create beneficial conditions for social", "To create good conditions for social")
NEW_17 = ("17. The provisions of this Concept will be shared", "17. This Concept will be shared")
NEW_18 = (
    "on a \nvoluntary basis. \n",
    "on a \nvoluntary basis. \n\n18. The participating States will review it. \n",
)
WITHOUT_48 = (
    "4.8 To ensure the security of the international transport circuit for supply of \n\ncommodities. \n",
    "",
)
WITHOUT_C1VII = ("(vii) Enhancement of co-operation aimed at preventing and countering the threat of", "")
WITHOUT_C1VII_END = ("illicit trafficking in drugs.", "")


def _revised(*replacements: tuple[str, str]) -> bytes:
    text = SEED.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    return text.encode("utf-8")


def _import(data: bytes | None = None, name: str = "mc-doc-2-05.txt"):
    data = SEED.read_bytes() if data is None else data
    return import_file(data, name=name, keep_file=False, new_documents=PublicationStatus.PUBLISHED).report


def _provision(label: str) -> Provision:
    return Provision.objects.get(document__symbol="MC.DOC/2/05", label=label)


def _ids() -> dict[str, int]:
    return dict(Provision.objects.filter(document__symbol="MC.DOC/2/05").values_list("label", "pk"))


def test_the_import_keeps_what_it_read_as_the_base_of_the_next():
    _import()
    concept = Document.objects.get(symbol="MC.DOC/2/05")
    base = {row.label: row for row in ImportedProvision.objects.filter(document=concept, quoted_in=None)}
    assert len(base) == 59
    assert base["4.5"].text.startswith("To promote dignified treatment of all individuals")
    assert (base["17"].is_commitment, base["Annex C.1(vii)"].is_commitment) == (True, False)


def test_a_field_the_source_did_not_change_keeps_the_curators_value():
    _import()
    ids = _ids()
    corrected = _provision("4.5")
    corrected.text = "To promote dignified treatment of all individuals (corrected by a curator)."
    corrected.save()
    flagged = _provision("16")
    flagged.is_commitment = False
    flagged.save()

    report = _import(_revised(NEW_17))

    assert (
        _provision("4.5").text
        == "To promote dignified treatment of all individuals (corrected by a curator)."
    )
    assert _provision("16").is_commitment is False
    assert _provision("17").text.startswith("This Concept will be shared")
    assert report.totals()["provisions_changed"] == 1
    assert report.curation_warnings == []
    assert _ids() == ids


def test_a_field_the_source_changed_and_the_curator_did_not_takes_the_sources_value():
    _import()
    flagged = _provision("4.5")
    flagged.is_commitment = False
    flagged.save()

    report = _import(_revised(NEW_45))

    provision = _provision("4.5")
    assert provision.text.startswith("To ensure dignified treatment of all persons")
    assert provision.is_commitment is False, "the source did not change the flag: the curator's stands"
    assert report.curation_warnings == []


def test_a_field_both_changed_keeps_the_curators_value_with_a_warning_everywhere_a_curator_looks():
    _import()
    corrected = _provision("4.5")
    corrected.text = "To promote humane treatment of everyone crossing borders (curator's reading)."
    corrected.save()
    revised = _revised(NEW_45, NEW_17)

    dry_run = diff_provisions(parse_source(revised, name="mc-doc-2-05.txt"))["MC.DOC/2/05"]
    assert dry_run.changed == ["17"]
    assert list(dry_run.notes) == ["4.5"]
    report = _import(revised)

    assert (
        _provision("4.5").text
        == "To promote humane treatment of everyone crossing borders (curator's reading)."
    )
    assert _provision("17").text.startswith("This Concept will be shared")
    (warning,) = report.curation_warnings
    assert warning.startswith(
        "MC.DOC/2/05 4.5: the source changed its text, and so did a curator: the curator's text kept"
    )
    assert "the source now reads “To ensure dignified treatment of all persons" in warning
    stored = ImportWarning.objects.get(kind=WarningKind.CURATION)
    assert (stored.locator, stored.message) == ("MC.DOC/2/05 4.5", warning)


def test_a_provision_a_curator_deleted_stays_deleted_and_is_warned_of_when_the_source_changes_it(
    django_user_model,
):
    _import()
    ids = _ids()
    carla = django_user_model.objects.create_user("carla")
    deleted = _provision("4.6")
    deleted._history_user = carla
    deleted.delete()

    assert not _import().has_changes
    assert not Provision.objects.filter(document__symbol="MC.DOC/2/05", label="4.6").exists()
    decision = DeletedProvision.objects.get()
    assert (decision.label, decision.deleted_by) == ("4.6", "carla")
    assert decision.text.startswith("To create beneficial conditions for social")
    assert decision.deleted_at is not None

    report = _import(_revised(NEW_46, NEW_17))
    assert not Provision.objects.filter(document__symbol="MC.DOC/2/05", label="4.6").exists()
    (warning,) = report.curation_warnings
    assert warning.startswith(
        "MC.DOC/2/05 4.6: a curator deleted this provision, and the source has changed it"
    )
    assert DeletedProvision.objects.count() == 1
    assert dict(_ids().items()) == {k: v for k, v in ids.items() if k != "4.6"}

    decision.delete()  # the curator takes the decision back: the next import brings the provision back
    _import(_revised(NEW_46, NEW_17))
    assert _provision("4.6").text.startswith("To create good conditions for social")


def test_a_provision_the_source_removed_is_removed_unless_a_curator_edited_it():
    _import()
    edited = _provision("Annex C.1(vii)")
    edited.text = "Enhancement of co-operation against illicit trafficking in drugs (curator's wording)."
    edited.save()

    report = _import(_revised(WITHOUT_48, WITHOUT_C1VII, WITHOUT_C1VII_END))

    assert not Provision.objects.filter(document__symbol="MC.DOC/2/05", label="4.8").exists()
    assert _provision("Annex C.1(vii)").pk == edited.pk
    assert report.totals()["provisions_removed"] == 1
    (warning,) = report.curation_warnings
    assert warning == (
        "MC.DOC/2/05 Annex C.1(vii): the source no longer has this provision, which a curator had edited:"
        " it was kept"
    )
    again = _import(_revised(WITHOUT_48, WITHOUT_C1VII, WITHOUT_C1VII_END), name="again.txt")
    assert not again.has_changes and again.curation_warnings == []
    assert _provision("Annex C.1(vii)").pk == edited.pk


def test_reimporting_the_same_file_after_curators_work_changes_nothing():
    _import()
    corrected = _provision("4.5")
    corrected.text, corrected.is_commitment = "Corrected.", False
    corrected.save()
    _provision("4.6").delete()
    _import()  # records the deletion
    history = Provision.history.count(), Document.history.count()
    rows = list(Provision.objects.order_by("pk").values())

    report = _import()

    assert not report.has_changes and report.curation_warnings == []
    assert list(Provision.objects.order_by("pk").values()) == rows
    assert (Provision.history.count(), Document.history.count()) == history


def test_a_reimport_the_database_refuses_writes_nothing_not_even_a_deletion_decision():
    _import()
    concept = Document.objects.get(symbol="MC.DOC/2/05")
    # A passage of a quotation holding the label the revision gives its new paragraph.
    Provision.objects.create(
        document=concept, label="18", text="Quoted words.", origin=ProvisionOrigin.QUOTATION
    )
    _provision("4.6").delete()
    texts = dict(Provision.objects.values_list("pk", "text"))
    base = list(ImportedProvision.objects.order_by("pk").values())

    with pytest.raises(ImportRejected, match="the database refused the import"):
        _import(_revised(NEW_17, NEW_18))

    assert dict(Provision.objects.values_list("pk", "text")) == texts
    assert list(ImportedProvision.objects.order_by("pk").values()) == base
    assert DeletedProvision.objects.count() == 0


def test_the_command_line_says_what_it_kept_for_a_curator(tmp_path):
    call_command("import_source", str(SEED), "--publish", stdout=io.StringIO())
    corrected = _provision("4.5")
    corrected.text = "Corrected."
    corrected.save()
    revised = tmp_path / "mc-doc-2-05-rev.txt"
    revised.write_bytes(_revised(NEW_45))

    dry = io.StringIO()
    call_command("import_source", str(revised), "--dry-run", stdout=dry)
    out = io.StringIO()
    call_command("import_source", str(revised), stdout=out)

    line = "kept for a curator: MC.DOC/2/05 4.5: the source changed its text, and so did a curator"
    assert line in dry.getvalue()
    assert line in out.getvalue()
    assert _provision("4.5").text == "Corrected."
