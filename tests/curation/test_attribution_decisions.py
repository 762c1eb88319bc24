"""A curator decides whom quoted words are from; the decision is data, and every re-import keeps it."""

import io
import shutil

import pytest
from django.core.management import call_command
from django.urls import reverse

from commitments.models import Quotation, QuotationStatus
from importing.corpus import CORPUS_DIR, load_corpus
from importing.curated_attributions import (
    ATTRIBUTIONS_DIR,
    apply_attributions,
    decide_attribution,
    withdraw_attribution,
    write_attributions,
)
from importing.curated_tags import CURATION_DIR, CurationRejected
from importing.models import AttributionDecision, ImportWarning

pytestmark = pytest.mark.django_db
STUDY_FILE = CORPUS_DIR / "001_03edc29357d149f7.txt"
STUDY_DECISIONS = "migration-a-new-challenge-for-the-osce-in-south-eastern-europe-2016.toml"


def _quotation(footnote: str, starts: str = "") -> Quotation:
    return Quotation.objects.get(footnote=footnote, text__startswith=starts)


def _import_the_study_again() -> None:
    call_command("import_source", str(STUDY_FILE), "--format", "study", stdout=io.StringIO())


def test_the_shipped_decision_credits_footnote_30_to_the_decision_the_study_names_for_those_words(corpus):
    quotation = _quotation("30")
    decision_5_09 = corpus.document("MC.DEC/5/09")
    assert quotation.attributed_to == decision_5_09
    assert quotation.status == QuotationStatus.TEXT_NOT_HELD  # only quotations of MC.DEC/5/09 are held
    assert quotation.passage.document == decision_5_09
    # The basis names the sentence that decides it: the study quotes the same words from 2009 at fn. 11.
    assert "fn. 11" in quotation.attribution_basis and "Already in 2009" in quotation.attribution_basis
    assert quotation.citation().startswith("MC.DEC/5/09, Migration Management (2009), as quoted in")
    # No seed's sentence tells footnotes 22 and 39 apart: they stay ambiguous, one record each.
    others = Quotation.objects.filter(footnote__in=["22", "39"])
    assert [q.status for q in others] == [QuotationStatus.AMBIGUOUS] * 4
    assert not others.exclude(attribution_basis="").exists()


def test_a_curators_attribution_survives_load_corpus_and_a_reimport_of_the_study(corpus, curator):
    quotation = _quotation("39")
    statement = corpus.document("MC.DOC/6/06")
    decide_attribution(quotation, document=statement, basis="the curator's reading of fn. 39", user=curator)
    quotation.refresh_from_db()
    assert (quotation.attributed_to, quotation.passage.document) == (statement, statement)
    unattributed = _quotation("22", "a human dimension")
    decide_attribution(unattributed, document=None, basis="none of fn. 22's documents is held", user=curator)

    load_corpus(keep_files=False)
    _import_the_study_again()

    quotation, unattributed = _quotation("39"), _quotation("22", "a human dimension")
    assert (quotation.attributed_to, quotation.status) == (statement, QuotationStatus.TEXT_NOT_HELD)
    assert quotation.passage.document == statement
    assert "carla" in quotation.note and quotation.attribution_basis == "the curator's reading of fn. 39"
    assert (unattributed.attributed_to, unattributed.status) == (None, QuotationStatus.UNATTRIBUTED)
    decision = AttributionDecision.objects.get(locator="fn. 39")
    assert (decision.decided_by, decision.curator, decision.source) == (curator, "carla", "admin")
    # The shipped decision is kept too.
    assert _quotation("30").attributed_to == corpus.document("MC.DEC/5/09")


def test_a_decision_follows_the_words_when_a_reimport_numbers_the_footnote_differently(corpus, curator):
    quotation = _quotation("39")
    decide_attribution(quotation, document=corpus.document("MC.DOC/6/06"), basis="reading", user=curator)
    AttributionDecision.objects.filter(locator="fn. 39").update(locator="fn. 41")
    _import_the_study_again()
    assert _quotation("39").attributed_to == corpus.document("MC.DOC/6/06")


def test_withdrawing_a_decision_gives_the_quotation_back_to_the_importer(corpus, curator):
    quotation = _quotation("39")
    decide_attribution(quotation, document=corpus.document("MC.DOC/6/06"), basis="reading", user=curator)
    assert withdraw_attribution(quotation)
    quotation.refresh_from_db()
    assert (quotation.status, quotation.attributed_to, quotation.attribution_basis) == ("ambiguous", None, "")
    assert quotation.passage.document == quotation.quoting_document
    _import_the_study_again()
    assert _quotation("39").status == QuotationStatus.AMBIGUOUS


def test_write_curation_ships_the_admins_decisions_and_load_corpus_applies_them(corpus, curator, tmp_path):
    directory = tmp_path / "curation"
    shutil.copytree(CURATION_DIR, directory)
    decide_attribution(
        _quotation("39"), document=corpus.document("MC.DOC/6/06"), basis="the reading of fn. 39", user=curator
    )
    call_command("write_curation", "--directory", str(directory), stdout=io.StringIO())
    text = (directory / "attributions" / STUDY_DECISIONS).read_text(encoding="utf-8")
    assert 'locator = "fn. 39"' in text and 'attributed_to = "MC.DOC/6/06"' in text
    assert 'curator = "carla"' in text and 'basis = "the reading of fn. 39"' in text
    assert set(AttributionDecision.objects.values_list("source", flat=True)) == {"file"}

    # A database that never saw the admin's decision gets it from the files.
    AttributionDecision.objects.all().delete()
    run = apply_attributions(directory / "attributions")
    assert (run.entries, _quotation("39").attributed_to) == (2, corpus.document("MC.DOC/6/06"))
    # Removed from the files, a file decision is withdrawn at the next load.
    (directory / "attributions" / STUDY_DECISIONS).write_text("", encoding="utf-8")
    apply_attributions(directory / "attributions")
    assert _quotation("39").status == _quotation("30").status == QuotationStatus.AMBIGUOUS


def test_the_shipped_attribution_files_are_in_the_form_write_curation_gives_them(corpus, tmp_path):
    write_attributions(tmp_path)
    shipped = {p.name: p.read_text(encoding="utf-8") for p in ATTRIBUTIONS_DIR.glob("*.toml")}
    assert {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.toml")} == shipped


BAD = [
    (
        'attributed_to = "MC.DEC/5/09"',
        'attributed_to = "MC.DEC/5/99"',
        "no document with symbol or slug 'MC.DEC/5/99'",
    ),
    ('text = "need to facilitate legal migration"', 'text = "need to facilitate"', "quotes no such words"),
    (
        'attributed_to = "MC.DEC/5/09"',
        'attributed_to = "MC.DEC/5/09"\nunattributed = true',
        "either 'attributed_to'",
    ),
    ('basis = "', 'bases = "', "unknown key 'bases'"),
]


@pytest.mark.parametrize(("old", "new", "message"), BAD)
def test_a_bad_entry_is_refused_naming_it_and_nothing_changes(corpus, tmp_path, old, new, message):
    directory = tmp_path / "attributions"
    shutil.copytree(ATTRIBUTIONS_DIR, directory)
    path = directory / STUDY_DECISIONS
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    before = list(AttributionDecision.objects.values_list("pk", "attributed_to", "basis"))
    with pytest.raises(CurationRejected, match="attribution 1.*" + message.replace("(", r"\(")):
        apply_attributions(directory)
    assert list(AttributionDecision.objects.values_list("pk", "attributed_to", "basis")) == before


def _change_url(quotation: Quotation) -> str:
    return reverse("admin:commitments_quotation_change", args=[quotation.pk])


def test_a_curator_decides_in_the_admin_with_a_basis(corpus, curator_client):
    quotation = _quotation("39")
    url = _change_url(quotation)
    refused = curator_client.post(url, {"decision": "attribute", "basis": ""})
    assert refused.status_code == 200
    assert "Choose the document the words are from." in refused.content.decode()
    assert "Give the one-line basis of the decision." in refused.content.decode()
    statement = corpus.document("MC.DOC/6/06")
    response = curator_client.post(
        url, {"decision": "attribute", "document": statement.pk, "basis": "the reading of fn. 39"}
    )
    assert response.status_code == 302
    quotation.refresh_from_db()
    assert quotation.attributed_to == statement
    page = curator_client.get(url).content.decode()
    assert "attributed to MC.DOC/6/06, by carla" in page and "not yet written to the files" in page
    assert quotation.history.first().history_user.username == "carla"


def test_a_reviewer_reads_the_decision_and_cannot_make_one(corpus, reviewer_client):
    quotation = _quotation("30")
    page = reviewer_client.get(_change_url(quotation)).content.decode()
    assert "attributed to MC.DEC/5/09, by KB editors" in page and 'name="decision"' not in page
    response = reviewer_client.post(_change_url(quotation), {"decision": "unattributed", "basis": "x"})
    assert response.status_code == 403
    assert _quotation("30").attributed_to is not None


def test_attributing_words_the_parser_warned_of_withdraws_its_warning(corpus, curator):
    """Footnote 6 cites an article, no OSCE document: the parser warns that its words are kept
    unattributed. A curator who credits them takes the warning away; withdrawing the decision
    brings it back."""
    quotation = _quotation("6")
    study = quotation.quoting_document

    def warned():
        return [w.message for w in ImportWarning.objects.filter(document=study, locator="footnote 6")]

    assert [m.endswith("kept unattributed") for m in warned()] == [True]
    strategy = corpus.document("MC.DOC/1/03")
    decide_attribution(quotation, document=strategy, basis="the words of the 2003 Strategy", user=curator)
    assert warned() == []
    withdraw_attribution(_quotation("6"))
    assert [m.endswith("kept unattributed") for m in warned()] == [True]
