"""The study's account of the field missions (its sections outside 4.1) is found by search and
cited by section and paragraph, as passages of the study and never as commitments."""

from commitments.models import Provision

SEARCH = "/search/"
STUDY = "Migration – a new challenge for the OSCE in South Eastern Europe?"


def test_gevgelija_finds_the_studys_passage_on_monitoring(client, corpus_index):
    response = client.get(SEARCH, {"q": "Gevgelija"})
    hits = response.context["hits"]
    assert [(h.document.title, h.label) for h in hits] == [(STUDY, "§6.1 ¶2")]
    html = response.content.decode()
    assert "6.1 Monitoring activities" in html
    assert "<mark>Gevgelija</mark>" in html


def test_migration_focal_point_finds_the_missions_passages(client, corpus_index):
    hits = client.get(SEARCH, {"q": "migration focal point"}).context["hits"]
    labels = {h.label for h in hits}
    assert {"§4.2 ¶3", "§4.2 ¶5"} <= labels
    assert {h.document.title for h in hits} == {STUDY}


def test_the_passages_are_not_commitments_and_the_commitments_filter_leaves_them_out(client, corpus_index):
    study = Provision.objects.filter(document__title=STUDY, origin="full_text")
    assert study.count() >= 60 and not study.filter(is_commitment=True).exists()
    only = client.get(SEARCH, {"q": "Gevgelija", "commitments_only": "1"}).context["hits"]
    assert list(only) == []


def test_a_passage_is_cited_by_section_and_paragraph(client, corpus):
    passage = Provision.objects.get(document__title=STUDY, label="§6.1 ¶2")
    assert passage.citation() == f"{STUDY} (Munich, December 2016), §6.1 ¶2"
    html = client.get(passage.get_absolute_url()).content.decode()
    assert f"{STUDY} (Munich, December 2016), §6.1 ¶2" in html
    assert "Gevgelija" in html
