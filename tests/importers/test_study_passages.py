"""The study's own text outside its catalogue of commitments (section 4.1): searchable passages
of the study, never commitments, each citable by section and paragraph."""

import pytest

from importing.corpus import CORPUS_DIR
from importing.parsers.study import parse_study
from importing.parsers.study_layout import _split_paragraphs, read_layout
from importing.parsers.study_passages import study_passages

STUDY_FILE = "001_03edc29357d149f7.txt"


@pytest.fixture(scope="module")
def study():
    text = (CORPUS_DIR / STUDY_FILE).read_text(encoding="utf-8")
    return parse_study(text, name=STUDY_FILE, sha256="")


def _passage(study, label):
    return next(p for p in study.document.provisions if p.label == label)


def test_every_section_outside_4_1_yields_passages_and_4_1_none(study):
    sections = {p.label.split(" ")[0] for p in study.document.provisions}
    assert sections == {
        "Abstract", "§1", "§2.1", "§2.2", "§3", "§4", "§4.2", "§5",
        "§6", "§6.1", "§6.2", "§6.3", "§6.4", "§6.5", "§6.6", "§6.7", "§7",
    }  # fmt: skip
    assert not any(label.startswith("§4.1") for label in sections)


def test_passages_are_never_commitments_and_their_labels_are_unique(study):
    passages = study.document.provisions
    assert len(passages) >= 60
    assert not any(p.is_commitment for p in passages)
    assert len({p.label for p in passages}) == len(passages)
    # Paragraphs are numbered from 1 within each section, in the study's order.
    assert [p.label for p in passages if p.label.startswith("§6.1 ")] == [
        "§6.1 ¶1", "§6.1 ¶2", "§6.1 ¶3", "§6.1 ¶4",
    ]  # fmt: skip


def test_the_gevgelija_paragraph_is_section_6_1_paragraph_2(study):
    passage = _passage(study, "§6.1 ¶2")
    assert passage.text.startswith("Whereas the Belgrade headquarters of the OSCE Mission to Serbia")
    assert passage.text.count("Gevgelija") == 4
    assert passage.text.endswith("which consists of a container installed in the camp.")
    assert passage.heading == "6.1 Monitoring activities"
    # The footnote marker is lifted out of the text and kept as the footnote it refers to.
    assert "week92" not in passage.text and "one or two per week In the near future" in passage.text
    assert passage.footnotes == ["92"]


def test_a_paragraph_ends_at_a_short_line_ending_a_sentence_or_at_two_trailing_spaces(study):
    assert _passage(study, "§4.2 ¶1").text.endswith("identify migration as a key national security priority.")
    assert _passage(study, "§4.2 ¶2").text.startswith("When taking action, the missions did not refer")
    # "…comprehensive security challenges.  " fills its line: the two spaces end the paragraph.
    assert _passage(study, "§7 ¶6").text.startswith("Fourth, OSCE participating States")


def test_headings_wrapped_over_two_lines_and_letter_spaced_read_as_written(study):
    headings = {p.heading for p in study.document.provisions}
    assert "4.2 The migration crisis and the mandates of OSCE field missions" in headings
    assert "6 The response of OSCE field missions to the migration crisis in South-Eastern Europe" in headings
    assert "6.2 Reporting & liaising activities" in headings
    assert "6.6 Capacity-building in policing and combating migration-related crime" in headings
    assert "5 The OSCE’s response to the migration and refugee crisis" in headings
    # The heading's second line is not the first words of the section's first paragraph.
    assert _passage(study, "§4.2 ¶1").text.startswith("The OSCE field missions in Albania")


def test_the_list_of_interviewees_is_an_attachment_one_paragraph_per_mission(study):
    """§7 ends with the list of the people the authors interviewed, the study's annex: an
    attachment, never passages (nor anything a search for commitments finds), every word kept."""
    assert not [p for p in study.document.provisions if "Nina Suomalainen" in p.text]
    assert [p.label for p in study.document.provisions if p.label.startswith("§7 ")][-1] == "§7 ¶8"
    (interviews,) = study.document.attachments
    assert interviews.title == "List of interviewees"
    entries = interviews.text.split("\n\n")
    assert [e.split(",")[0] for e in entries] == [
        "OSCE Mission to Serbia", "OSCE Mission to Skopje", "OSCE Mission to Bosnia and Herzegovina",
        "OSCE Mission in Kosovo", "OSCE Presence in Albania", "OSCE Mission to Montenegro",
    ]  # fmt: skip
    skopje = entries[1]
    assert "12. Amb. Nina Suomalainen, Head of Mission" in skopje and "17. Amb. Jonathan Moore" not in skopje
    # Every word of the body outside section 4.1 is in a passage or in the list, once.
    layout = read_layout((CORPUS_DIR / STUDY_FILE).read_text(encoding="utf-8"))
    body = [w for p in study_passages(layout) for w in p.text.split()]
    kept = [w for p in study.document.provisions for w in p.text.split()] + interviews.text.split()
    assert kept == body


def test_the_missions_of_the_list_of_interviewees_are_named_from_it(study):
    named = [o for o in study.operations if o.locator == "list of interviewees"]
    assert len(named) == 6


def test_splitting_paragraphs_keeps_the_layout_text_and_its_quotation_offsets():
    text = (CORPUS_DIR / STUDY_FILE).read_text(encoding="utf-8")
    layout = read_layout(text)
    assert layout.paragraphs == sorted(layout.paragraphs)
    for start in layout.paragraphs:
        assert start == 0 or layout.text[start - 1] in " \n"
    assert all(layout.text[offset : offset + len(str(n))] == str(n) for n, offset in layout.markers)


def test_a_line_of_a_list_after_a_gap_titles_the_list_only_above_numbered_items():
    lines = ["Some text that ends here.  ", "", " ", "OSCE Mission to Skopje, 8 July 2016", "",
             "12. Amb. A, Head", "", "Department", "", "13. B, Officer"]  # fmt: skip
    assert _split_paragraphs(lines, width=80) == [
        ["Some text that ends here.  "],
        ["OSCE Mission to Skopje, 8 July 2016", "12. Amb. A, Head", "Department", "13. B, Officer"],
    ]
