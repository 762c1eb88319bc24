"""The plain-text importer on the real text of MC.DOC/2/05 (the bundled copy of seed 004)."""

import datetime
import re

import pytest

from importing.corpus import CORPUS_DIR
from importing.parsers.plain_text import parse_plain_text
from importing.parsers.segmentation import segment_provisions

MC_DOC_2_05_LABELS = (
    ["1", "2", "2.1", "2.2", "2.3", "2.4", "3", "4"]
    + [f"4.{n}" for n in range(1, 9)]
    + [str(n) for n in range(5, 18)]
    + [f"Annex A.{n}" for n in range(1, 5)]
    + [f"Annex B.{n}" for n in range(1, 7)]
    + ["Annex C.1"]
    + [f"Annex C.1({r})" for r in ["i", "ii", "iii", "iv", "v", "vi", "vii"]]
    + ["Annex C.2"]
    + [f"Annex C.2({r})" for r in ["i", "ii", "iii", "iv", "v"]]
    + ["Annex C.3"]
    + [f"Annex C.3({r})" for r in ["i", "ii", "iii", "iv", "v"]]
)


@pytest.fixture(scope="module")
def mc_doc():
    text = (CORPUS_DIR / "004_d74716776d70ede2.txt").read_text(encoding="utf-8")
    return parse_plain_text(text, name="004_d74716776d70ede2.txt", sha256="").document


def provision(document, label):
    return next(p for p in document.provisions if p.label == label)


def test_mc_doc_2_05_yields_its_59_labels_in_order(mc_doc):
    assert len(MC_DOC_2_05_LABELS) == 59
    assert [p.label for p in mc_doc.provisions] == MC_DOC_2_05_LABELS


def test_metadata_comes_from_the_title_and_the_running_header(mc_doc):
    assert mc_doc.title == "Border Security and Management Concept"
    assert mc_doc.symbol == "MC.DOC/2/05"
    assert mc_doc.date.value == datetime.date(2005, 12, 6)
    assert mc_doc.kind == "mc_document"
    assert mc_doc.body == "ministerial_council"


def test_headings_give_each_provision_its_path(mc_doc):
    assert provision(mc_doc, "1").heading == "Chapter I: The OSCE participating States’ commitments"
    assert provision(mc_doc, "5").heading == (
        "Chapter III: Principles of co-operation by the OSCE participating States on border-related issues"
    )
    assert provision(mc_doc, "Annex A.1").heading == "Annex: Possible OSCE contributions › A. Facilitation"
    assert provision(mc_doc, "Annex C.2(v)").heading == (
        "Annex: Possible OSCE contributions › C. Possible specialized assistance in the following fields"
    )


def test_texts_are_clean_of_headers_numbers_and_the_next_heading(mc_doc):
    texts = [p.text for p in mc_doc.provisions]
    assert not any("MC.DOC/2/05" in t or "6 December 2005" in t or "- 2 -" in t for t in texts)
    assert not any(re.search(r"Chapter [IVX]+:|POSSIBLE OSCE|INTERPRETATIVE|[A-C]\. [A-Z]", t) for t in texts)
    assert provision(mc_doc, "4.5").text == (
        "To promote dignified treatment of all individuals wanting to cross borders, in conformity with "
        "relevant national legal frameworks, international law, in particular human rights, refugee, and "
        "humanitarian law, and relevant OSCE commitments;"
    )
    assert provision(mc_doc, "4.8").text.endswith("for supply of commodities.")
    assert provision(mc_doc, "17").text.endswith("on a voluntary basis.")
    assert provision(mc_doc, "Annex B.6").text.endswith("with the aim of their possible mobilization.")
    assert provision(mc_doc, "Annex C.3(v)").text.endswith("vehicles transferred across borders.")


def test_em_dash_items_belong_to_the_provision_above(mc_doc):
    text = provision(mc_doc, "13").text
    assert text.startswith("The possible OSCE contribution may be put into practice")
    assert text.count("\n— ") == 4
    assert (
        "— Maintaining contacts and interaction with the competent international and regional organizations."
        in text
    )


def test_the_statement_by_georgia_is_an_attachment_not_a_provision(mc_doc):
    assert [a.title for a in mc_doc.attachments] == [
        "Interpretative Statement under Paragraph 79 (Chapter 6) of the Final Recommendations of the "
        "Helsinki Consultations"
    ]
    statement = mc_doc.attachments[0].text
    assert statement.startswith("By the Delegation of Georgia:")
    assert statement.endswith("Thank you.”")
    assert not any("Georgia" in p.text for p in mc_doc.provisions)


def test_a_number_after_a_page_break_mid_line_opens_the_next_provision():
    lines = [
        "9. The OSCE constitutes an appropriate political framework.",
        "10. OSCE work will be based on realism and pragmatism, subject to review through",
        "the budgetary process. 11. The OSCE will ensure a continued political dialogue.",
    ]
    segmentation = segment_provisions(["Chapter IV: OSCE contribution"] + _numbered_until(8) + lines)
    labels = [p.label for p in segmentation.provisions]
    assert labels[-3:] == ["9", "10", "11"]
    assert segmentation.provisions[-2].text.endswith("through the budgetary process.")
    assert segmentation.provisions[-1].text == "The OSCE will ensure a continued political dialogue."


def test_a_line_starting_with_a_number_out_of_sequence_stays_text():
    segmentation = segment_provisions(
        ["1. The participating States will consider, as identified in paragraph", "35 of the Strategy, ..."]
    )
    assert [p.label for p in segmentation.provisions] == ["1"]
    assert "paragraph 35 of the Strategy" in segmentation.provisions[0].text


def test_words_hyphenated_across_lines_are_joined():
    segmentation = segment_provisions(
        [
            "1. The participating States will improve their migra-",
            "tion policies and cross-border co-",
            "operation on migration.",
        ]
    )
    assert segmentation.provisions[0].text == (
        "The participating States will improve their migration policies and cross-border "
        "co-operation on migration."
    )


def _numbered_until(last: int) -> list[str]:
    return [f"{n}. The participating States will act on item {n}." for n in range(1, last + 1)]


def test_a_title_followed_directly_by_thousands_of_paragraphs():
    lines = ["DECISION ON MIGRATION MANAGEMENT", ""]
    lines += [f"{n}. The participating States will act on item {n}." for n in range(1, 1201)]
    source = parse_plain_text("\n".join(lines), name="long.txt", sha256="", symbol="MC.DEC/99/99")
    assert source.document.title == "Decision on Migration Management"
    assert [p.label for p in source.document.provisions] == [str(n) for n in range(1, 1201)]
