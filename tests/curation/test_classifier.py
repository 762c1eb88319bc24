"""The tag classifier: transparent rules from the taxonomy's descriptions, and its report."""

import re

import pytest
from django.core.management import call_command

from commitments.classifier import RuleClassifier, measure, stem
from commitments.taxonomy import MIGRATION_CATEGORIES
from tests.factories import ProvisionFactory


@pytest.fixture(scope="module")
def classifier():
    return RuleClassifier.from_taxonomy()


def test_category_rules_are_the_words_of_the_study_descriptions(classifier):
    for category in MIGRATION_CATEGORIES:
        words = " ".join(re.findall(r"[a-z]+", f"{category['name']} {category['description']}".lower()))
        for rule in classifier.rules_for("category", category["slug"]):
            assert rule.phrase in words


def test_a_phrase_weighs_more_than_its_words_and_shared_words_weigh_less(classifier):
    weights = {r.phrase: r.weight for r in classifier.rules_for("category", "environmental")}
    assert weights["climate change"] > weights["climate"] == 1.0
    # "refugees" appears in the environmental and the forced descriptions.
    assert weights["refugees"] == 0.5


def test_stems_join_singular_and_plural_forms():
    assert stem("refugees") == stem("refugee")
    assert stem("trafficking") == stem("trafficked")


def test_each_suggestion_names_the_words_that_fired(classifier):
    text = "the impact of environmental degradation and of climate change on migration"
    [environmental] = [s for s in classifier.classify(text) if s.taxonomy == "category"]
    assert environmental.slug == "environmental"
    assert environmental.triggers[:2] == ("climate change", "environmental degradation")
    assert 0.8 < environmental.confidence < 1


def test_a_text_with_no_telling_words_gets_no_suggestion(classifier):
    assert classifier.classify("The participating States decide to meet again next year.") == []


def test_a_stray_word_does_not_outweigh_the_topic_of_the_text(classifier):
    text = "root causes of trafficking and to reduce the economic and social inequalities and disadvantages"
    categories = [s.slug for s in classifier.classify(text) if s.taxonomy == "category"]
    assert categories == ["illegal"]


def test_dimensions_are_proposed_from_their_keywords(classifier):
    text = "strengthen border management and law enforcement co-operation against organized crime"
    dimensions = [s.slug for s in classifier.classify(text) if s.taxonomy == "dimension"]
    assert dimensions[0] == "politico-military"


def test_measure_counts_curated_proposed_and_correct_per_tag(classifier):
    examples = [
        (
            "the impact of climate change and environmental degradation on migratory pressures",
            {"environmental"},
        ),
        ("combating trafficking in human beings and the smuggling of migrants", {"illegal"}),
        ("circular migration, remittances and the investment of migrants' savings", {"forced"}),
    ]
    measures = {m.slug: m for m in measure(classifier, examples, taxonomy="category")}
    assert (measures["environmental"].curated, measures["environmental"].correct) == (1, 1)
    assert measures["environmental"].precision == 1.0
    assert measures["forced"].recall == 0.0
    assert measures["labour"].proposed == 1 and measures["labour"].precision == 0.0


@pytest.mark.django_db
def test_classifier_report_prints_precision_and_recall_per_category(capsys):
    from commitments.models import MigrationCategory

    environmental = MigrationCategory.objects.get(slug="environmental")
    illegal = MigrationCategory.objects.get(slug="illegal")
    ProvisionFactory(text="the impact of climate change on migratory pressures").categories.add(environmental)
    ProvisionFactory(text="combating illegal migration and trafficking in human beings").categories.add(
        illegal
    )
    ProvisionFactory(text="The participating States will meet in Vienna.").categories.add(illegal)
    ProvisionFactory(text="Untagged text about climate change is not part of the measure.")

    call_command("classifier_report")
    out = capsys.readouterr().out
    lines = {line.split("  ")[0].strip(): line for line in out.splitlines()}
    assert "precision" in out and "recall" in out
    # environmental: 1 curated, proposed for it, correct -> 100% / 100%
    assert lines["Environmental migration"].split()[2:5] == ["1", "1", "1"]
    assert "100.0%" in lines["Environmental migration"]
    # illegal: 2 curated, found once -> recall 50%
    assert lines["Illegal migration"].split()[2:5] == ["2", "1", "1"]
    assert "50.0%" in lines["Illegal migration"]
    assert "over 3 curated provisions" in out
    assert "Dimensions\n  no curated tags yet" in out
