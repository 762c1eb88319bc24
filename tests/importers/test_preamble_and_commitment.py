"""Commitment or not, preamble or operative: the rule in ``commitments.operative``, as the
importers apply it to the bundled corpus and as the save maps it to the model."""

import pytest

from commitments.models import Provision
from commitments.operative import is_preambular, read_provision
from importing.parsed import ParsedDocument, ParsedProvision, ParsedSource
from importing.save import save_parsed_source


@pytest.mark.parametrize(
    "text",
    [
        "Recalling the commitments on migration contained in the Helsinki Final Act,",
        "Recognizing that migration is inherently a transnational issue,",
        "Reaffirming the commitments undertaken at the Ljubljana Ministerial Council;",
        "Recognizing that the participating States should do more to integrate migrants,",
        "Bearing in mind the 1951 Convention relating to the Status of Refugees,",
        "Deeply concerned by the trafficking in human beings,",
    ],
)
def test_a_paragraph_that_recalls_or_recognizes_is_preambular_and_commits_no_one(text):
    reading = read_provision(text)
    assert (reading.preamble, reading.is_commitment) == (True, False)


@pytest.mark.parametrize(
    "text",
    [
        "Decides to task the Permanent Council with intensifying its work on migration;",
        "Tasks the OSCE Secretariat to assist participating States, upon their request;",
        "Encourages the participating States to facilitate legal migration;",
        "Calls on the participating States to consider becoming parties to relevant instruments;",
        "The participating States commit themselves to combating illegal migration.",
        "The participating States will promote co-operation between their border services.",
    ],
)
def test_an_operative_verb_makes_a_commitment(text):
    reading = read_provision(text)
    assert (reading.preamble, reading.is_commitment) == (False, True)


@pytest.mark.parametrize(
    "text",
    [
        "The OSCE could offer technical assistance to participating States.",
        "The OSCE can offer its organizational framework for interaction on border-related issues.",
        "The OSCE remains a forum; the Court is to provide confidential legal opinion upon request.",
        "Established on 27 March 1997 with the mandate to promote democratization.",
    ],
)
def test_offers_and_descriptions_are_not_commitments(text):
    assert read_provision(text).is_commitment is False


def test_an_annex_item_continuing_a_list_of_possible_contributions_is_an_offer():
    reading = read_provision(
        "Awareness-raising on the rights of migrants and asylum seekers.",
        context="Annex: Possible OSCE contributions › C. Possible specialized assistance. Free movement",
    )
    assert reading.is_commitment is False


def test_the_importers_finding_of_a_preamble_prevails_over_the_words():
    assert read_provision("The participating States will act.", preamble=True).is_commitment is False
    assert read_provision("Recalling the Final Act,", preamble=False).preamble is False


def test_mc_doc_2_05_para_1_opens_with_recognizing_but_is_an_operative_commitment(corpus):
    para_1 = corpus.document("MC.DOC/2/05").provisions.get(label="1")
    assert para_1.text.startswith("Recognizing that border security")
    assert not is_preambular(para_1.text)
    assert (para_1.is_preamble, para_1.is_commitment) == (False, True)


def test_mc_doc_2_05_reads_as_its_chapters_say(corpus):
    provisions = {p.label: p for p in corpus.document("MC.DOC/2/05").provisions.filter(origin="full_text")}
    assert not any(p.is_preamble for p in provisions.values())
    # Chapter I and II: what the participating States reaffirm and will promote.
    assert all(provisions[label].is_commitment for label in ("1", "2", "2.1", "4", "4.3", "4.5"))
    # What the OSCE "can offer" and the Annex of possible OSCE contributions commit no one.
    assert not provisions["14"].is_commitment
    assert not any(p.is_commitment for label, p in provisions.items() if label.startswith("Annex"))


@pytest.mark.django_db
def test_a_preambular_paragraph_is_stored_as_a_provision_shown_and_never_a_commitment(client):
    parsed = ParsedSource(
        name="decision.txt",
        format="text",
        sha256="0" * 64,
        document=ParsedDocument(
            title="Decision No. 5/09 Migration Management",
            symbol="MC.DEC/5/09",
            kind="mc_decision",
            provisions=[
                ParsedProvision(label="Preamble 1", text="Recalling the Helsinki Final Act,", preamble=True),
                ParsedProvision(label="1", text="Decides to intensify the work on migration;"),
            ],
        ),
    )
    save_parsed_source(parsed)
    preamble = Provision.objects.get(label="Preamble 1")
    assert (preamble.is_preamble, preamble.is_commitment) == (True, False)
    assert Provision.objects.get(label="1").is_preamble is False
    page = client.get(preamble.get_absolute_url()).content.decode()
    assert "Preamble" in page and "Recalling the Helsinki Final Act" in page
