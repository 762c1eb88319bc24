"""The curator decisions shipped with the corpus (``fixtures/curation``): what they say of the
real corpus, how ``load_corpus`` refuses a bad entry, and how they survive re-imports and
round-trip through the admin and ``write_curation``."""

import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from commitments.models import CurationSource, Dimension, MigrationCategory, Provision, ProvisionCuration
from documents.models import Document
from importing.corpus import CORPUS_DIR, load_corpus
from importing.curated_tags import (
    CURATION_DIR,
    CurationRejected,
    apply_curation,
    read_curation,
    write_curation,
)
from importing.service import import_file

# What the study's section 4.1 says of the MC.DOC/2/05 paragraphs it relies on.
STUDY_RELIES_ON = {
    "2.1": {"forced"},
    "4": {"illegal"},
    "4.3": {"illegal"},
    "4.5": {"forced"},
    "Annex C.1": {"illegal"},
    "Annex C.1(i)": {"illegal"},
    "Annex C.1(v)": {"illegal"},
    "Annex C.2(v)": {"human"},
}


def _tags(provision: Provision) -> tuple[set[str], set[str]]:
    return (
        {d.slug for d in provision.dimensions.all()},
        {c.slug for c in provision.categories.all()},
    )


@pytest.mark.parametrize("label", STUDY_RELIES_ON)
def test_the_mc_doc_2_05_paragraphs_the_study_relies_on_carry_what_it_says_of_them(corpus, label):
    provision = corpus.document("MC.DOC/2/05").provisions.get(label=label)
    dimensions, categories = _tags(provision)
    assert STUDY_RELIES_ON[label] <= categories
    assert dimensions, "every provision has a dimension"
    for slug in STUDY_RELIES_ON[label]:
        decision = provision.tag_decisions.get(category__slug=slug)
        assert "study" in decision.basis and decision.curator == "KB editors"


# The editors' dimensions and categories of those paragraphs, and of two with no category.
CURATED_TAGS = {
    "2.1": ({"politico-military", "human"}, {"forced"}),
    "4": ({"politico-military"}, {"illegal"}),
    "4.3": ({"politico-military"}, {"illegal"}),
    "4.5": ({"politico-military", "human"}, {"forced"}),
    "Annex C.1": ({"politico-military"}, {"illegal"}),
    "Annex C.1(i)": ({"politico-military"}, {"illegal"}),
    "Annex C.1(v)": ({"politico-military"}, {"illegal"}),
    "Annex C.2(v)": ({"human"}, {"human", "forced"}),
    # Border management without migration in its words has a dimension and no category.
    "4.4": ({"politico-military"}, set()),
    "Annex C.3(ii)": ({"economic-environmental"}, set()),
}


@pytest.mark.parametrize("label", CURATED_TAGS)
def test_the_paragraphs_curated_tags_are_exactly_the_editors(corpus, label):
    provision = corpus.document("MC.DOC/2/05").provisions.get(label=label)
    assert _tags(provision) == CURATED_TAGS[label]
    decided = {d.tag.slug for d in provision.tag_decisions.all()}
    assert decided == set.union(*CURATED_TAGS[label]), "every tag with the editors' decision"


def test_every_provision_of_the_corpus_has_a_dimension_the_editors_decided(corpus):
    provisions = Provision.objects.all()
    assert provisions.filter(origin="full_text").count() >= 88
    assert provisions.filter(origin="quotation").exists()
    assert not provisions.filter(dimensions__isnull=True).exists()
    assert not provisions.filter(curation__isnull=True).exists()
    untraced = [
        (p.citation(), tag.slug)
        for p in provisions.prefetch_related("dimensions", "categories", "tag_decisions")
        for tag in [*p.dimensions.all(), *p.categories.all()]
        if not any(d.tag == tag and d.basis for d in p.tag_decisions.all())
    ]
    assert untraced == [], "every tag has its decision and basis"


def test_the_curated_commitment_flags_follow_the_editors_not_the_rule(corpus):
    mc = corpus.document("MC.DOC/2/05").provisions
    assert mc.get(label="4.5").is_commitment is True
    assert mc.get(label="Annex C.2(v)").is_commitment is False
    # The rule reads "will be shared" as a commitment; the editors read the Partners' voluntary sharing.
    para_17 = mc.get(label="17")
    assert para_17.is_commitment is False
    assert "voluntary" in para_17.curation.basis


def test_the_shipped_files_are_in_the_form_write_curation_gives_them(corpus, tmp_path):
    write_curation(tmp_path)
    shipped = {p.name: p.read_text(encoding="utf-8") for p in CURATION_DIR.glob("*.toml")}
    written = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.toml")}
    assert written == shipped


# --- bad entries -------------------------------------------------------------------------


def _curation_copy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    directory = tmp_path / "curation"
    shutil.copytree(CURATION_DIR, directory)
    path = directory / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return directory


BAD_ENTRIES = [
    (
        'label = "4.5"',
        'label = "4.55"',
        "curation/mc-doc-2-05.toml, entry 13 (MC.DOC/2/05 4.55): "
        "MC.DOC/2/05 has no provision labelled '4.55'",
    ),
    (
        'document = "MC.DOC/2/05"\nlabel = "4.5"',
        'document = "MC.DOC/9/99"\nlabel = "4.5"',
        "curation/mc-doc-2-05.toml, entry 13 (MC.DOC/9/99 4.5): "
        "no document with symbol or slug 'MC.DOC/9/99'",
    ),
    (
        "forced = \"the study's 4.1.5 quotes it",
        "forcd = \"the study's 4.1.5 quotes it",
        "curation/mc-doc-2-05.toml, entry 13 (MC.DOC/2/05 4.5): no migration category 'forcd' "
        "(categories: environmental, forced, human, illegal, labour)",
    ),
    (
        'label = "4.4"',
        'label = "4.5"',
        "curation/mc-doc-2-05.toml, entry 13 (MC.DOC/2/05 4.5): a second entry for this provision "
        "(first: curation/mc-doc-2-05.toml, entry 12 (MC.DOC/2/05 4.5))",
    ),
]


@pytest.mark.django_db
def test_a_bad_curation_entry_stops_load_corpus_with_one_line_and_writes_nothing(tmp_path):
    old, new, message = BAD_ENTRIES[2]
    directory = _curation_copy(tmp_path, "mc-doc-2-05.toml", old, new)
    with pytest.raises(CommandError) as refused:
        call_command("load_corpus", curation_dir=directory)
    assert str(refused.value) == message
    assert not Document.objects.exists() and not Provision.objects.exists()


@pytest.mark.parametrize(("old", "new", "message"), BAD_ENTRIES)
def test_each_kind_of_bad_entry_is_named_with_its_reason_and_applies_nothing(
    corpus, tmp_path, old, new, message
):
    # Entries before the bad one are valid and would change para. 4.4: none may be applied.
    directory = _curation_copy(tmp_path, "mc-doc-2-05.toml", old, new)
    border = directory / "border-management.toml"
    border.write_text(
        border.read_text(encoding="utf-8").replace("KB editors", "someone else"), encoding="utf-8"
    )
    before = list(ProvisionCuration.objects.order_by("pk").values_list("curator", "basis"))
    with pytest.raises(CurationRejected) as refused:
        apply_curation(directory)
    assert str(refused.value) == message
    assert "\n" not in str(refused.value)
    assert list(ProvisionCuration.objects.order_by("pk").values_list("curator", "basis")) == before


def test_an_entry_without_a_dimension_is_refused_before_the_database_is_read(tmp_path):
    directory = _curation_copy(
        tmp_path,
        "mc-doc-2-05.toml",
        '[provision.dimensions]\npolitico-military = "border security and management, a politico-military '
        'matter in the OSCE"\n\n[[provision]]\ndocument = "MC.DOC/2/05"\nlabel = "2"',
        '\n[[provision]]\ndocument = "MC.DOC/2/05"\nlabel = "2"',
    )
    with pytest.raises(CurationRejected, match=r"entry 1 \(MC.DOC/2/05 1\): no 'dimensions'"):
        read_curation(directory)


# --- surviving re-imports and the admin --------------------------------------------------


@pytest.mark.django_db
def test_a_revised_source_keeps_the_curated_tags_of_the_provisions_it_keeps():
    load_corpus(keep_files=False)
    data = (CORPUS_DIR / "004_d74716776d70ede2.txt").read_bytes()
    revised = data.replace(
        b"To promote high standards in border services",
        b"To promote the highest standards in border services",
    )
    revised = revised.replace(b"voluntary basis.", b"purely voluntary basis.")
    assert revised.count(b"highest") == 1 and b"purely voluntary" in revised
    import_file(
        revised, name="004_d74716776d70ede2.txt", format="text", symbol="MC.DOC/2/05", keep_file=False
    )
    mc = Document.objects.get(symbol="MC.DOC/2/05").provisions
    assert "the highest standards" in mc.get(label="4.4").text
    assert _tags(mc.get(label="4.4")) == ({"politico-military"}, set())
    assert _tags(mc.get(label="4.5")) == ({"politico-military", "human"}, {"forced"})
    assert mc.get(label="4.5").tag_decisions.count() == 3
    # The importer reads "will be shared" as a commitment; the editors' "no" stands.
    assert "purely voluntary" in mc.get(label="17").text
    assert mc.get(label="17").is_commitment is False


@pytest.mark.django_db
def test_an_admin_decision_survives_load_corpus_until_write_curation_puts_it_in_the_files(tmp_path):
    directory = tmp_path / "curation"
    shutil.copytree(CURATION_DIR, directory)
    load_corpus(keep_files=False, curation_directory=directory)
    para = Document.objects.get(symbol="MC.DOC/2/05").provisions.get(label="4.4")
    from commitments.tag_decisions import Decider, record_tag

    record_tag(
        para,
        MigrationCategory.objects.get(slug="illegal"),
        basis="high standards in border services against illegal crossings",
        decider=Decider(curator="carla", at=para.updated_at),
    )
    loaded = load_corpus(keep_files=False, curation_directory=directory)
    assert loaded.curation.applied == 0, "the files were applied already: nothing changes"
    assert "illegal" in _tags(para)[1], "the admin's decision stands"
    assert loaded.curation.kept_from_admin == ["curation/mc-doc-2-05.toml, entry 12 (MC.DOC/2/05 4.4)"]

    write_curation(directory)
    text = (directory / "mc-doc-2-05.toml").read_text(encoding="utf-8")
    assert 'illegal = "high standards in border services against illegal crossings"' in text
    assert 'curator = "carla"' in text
    assert ProvisionCuration.objects.get(provision=para).source == CurationSource.FILE
    assert load_corpus(keep_files=False, curation_directory=directory).curation.kept_from_admin == []


@pytest.mark.django_db
def test_a_dimension_taken_off_in_the_files_comes_off_the_provision(tmp_path):
    load_corpus(keep_files=False)
    directory = _curation_copy(
        tmp_path,
        "mc-doc-2-05.toml",
        'politico-military = "the treatment of persons crossing borders, a border-management objective"\n',
        "",
    )
    load_corpus(keep_files=False, curation_directory=directory)
    para = Document.objects.get(symbol="MC.DOC/2/05").provisions.get(label="4.5")
    assert _tags(para)[0] == {"human"}
    assert not para.tag_decisions.filter(dimension=Dimension.objects.get(slug="politico-military")).exists()


@pytest.mark.django_db
def test_a_quoted_passage_is_named_by_its_words_which_survive_a_new_label(tmp_path):
    directory = tmp_path / "curation"
    shutil.copytree(CURATION_DIR, directory)
    entry = (
        '\n[[provision]]\ndocument = "helsinki-final-act-1975"\n'
        'text = "help to remedy any deficiency of skilled labour in their country of origin"\n'
        'commitment = true\nbasis = "quoted by the study under 4.1.1"\ncurator = "KB editors"\n'
        'date = 2026-12-03\n[provision.dimensions]\neconomic-environmental = "skilled labour"\n'
        '[provision.categories]\nlabour = "the study\'s 4.1.1 quotes it (fn. 13)"\n'
    )
    (directory / "helsinki-final-act-1975.toml").write_text(entry, encoding="utf-8")
    load_corpus(keep_files=False, curation_directory=directory)
    passage = Provision.objects.get(
        document__slug="helsinki-final-act-1975", text__startswith="help to remedy"
    )
    assert _tags(passage) == ({"economic-environmental"}, {"labour"})

    written = tmp_path / "written"
    write_curation(written)
    assert 'text = "help to remedy any deficiency of skilled labour in their country of origin"' in (
        written / "helsinki-final-act-1975.toml"
    ).read_text(encoding="utf-8")

    (directory / "helsinki-final-act-1975.toml").write_text(
        entry.replace("skilled labour in", "skilled workers in"), encoding="utf-8"
    )
    with pytest.raises(CurationRejected) as refused:
        load_corpus(keep_files=False, curation_directory=directory)
    assert str(refused.value) == (
        "curation/helsinki-final-act-1975.toml, entry 1 "
        "(helsinki-final-act-1975 “help to remedy any deficiency of …”): "
        "helsinki-final-act-1975 has no provision with these words"
    )
