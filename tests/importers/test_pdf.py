"""The PDF importer on MC.DOC/2/05 printed as the OSCE prints it (made with fpdf2 in the tests)."""

import pytest

from importing.corpus import CORPUS_DIR
from importing.parsers.lines import TextAccount
from importing.parsers.pdf import parse_pdf
from importing.parsers.pdf_layout import read_layout
from importing.parsers.plain_text import parse_plain_text
from tests.importers.pdf_samples import osce_pdf
from tests.importers.test_plain_text import MC_DOC_2_05_LABELS


@pytest.fixture(scope="module")
def printed():
    return parse_pdf(osce_pdf(), name="mc-doc-2-05.pdf", sha256="").document


@pytest.fixture(scope="module")
def from_text():
    text = (CORPUS_DIR / "004_d74716776d70ede2.txt").read_text(encoding="utf-8")
    return parse_plain_text(text, name="004.txt", sha256="").document


def test_the_printed_document_yields_the_same_59_labels(printed):
    assert [p.label for p in printed.provisions] == MC_DOC_2_05_LABELS


def test_texts_and_headings_match_the_plain_text_import(printed, from_text):
    assert [(p.heading, p.text) for p in printed.provisions] == [
        (p.heading, p.text) for p in from_text.provisions
    ]


def test_running_headers_and_the_title_block_are_not_text(printed):
    assert not any(
        "- 2 -" in p.text or "MC.DOC/2/05" in p.text or "Original:" in p.text for p in printed.provisions
    )
    assert not any("Journal No." in p.text for p in printed.provisions)


def test_the_title_block_gives_symbol_date_place_and_body(printed):
    assert printed.title == "Border Security and Management Concept"
    assert printed.symbol == "MC.DOC/2/05"
    assert printed.date.iso() == "2005-12-06"
    assert (printed.place, printed.body, printed.kind) == ("Ljubljana", "ministerial_council", "mc_document")


def test_the_statement_stays_an_attachment_with_its_paragraphs(printed):
    (statement,) = printed.attachments
    assert statement.title.startswith("Interpretative Statement under Paragraph 79")
    assert statement.text.startswith("By the Delegation of Georgia:")
    assert statement.text.endswith("Thank you.”")
    assert statement.text.count("\n\n") >= 2


def test_hanging_numbers_pair_with_their_text():
    # The worker reports a number in the margin as its own run; the baseline joins them.
    page = {
        "width": 595.0,
        "height": 842.0,
        "runs": [[85.0, 300.0, 110.0, 11.0, "At the global level: On border security"],
                 [60.0, 72.0, 110.2, 11.0, "2.1"]],
    }  # fmt: skip
    layout = read_layout([page], TextAccount())
    assert [line.text for line in layout.lines] == ["2.1 At the global level: On border security"]


def _page(rows: list[tuple[float, float, str]], *, size: float = 11.0) -> dict:
    """A page of runs from (x, baseline, text) triples."""
    return {"width": 595.0, "height": 842.0, "runs": [[x, x + 6 * len(t), y, size, t] for x, y, t in rows]}


def test_a_line_of_capitals_at_the_top_of_a_page_that_runs_into_the_next_line_is_text():
    """Even after a page whose last line ended a sentence: a heading stands apart from the text
    after it, and this line runs straight into its paragraph's next line."""
    from importing.parsers.plain_text import parse_document_lines

    first = _page(
        [
            (85.0, 80.0, "DECISION ON MIGRATION"),
            (60.0, 120.0, "1."), (85.0, 120.0, "The participating States will act on the Final Act."),
        ]
    )  # fmt: skip
    second = _page(
        [
            (85.0, 80.0, "THE FINAL RECOMMENDATIONS OF THE HELSINKI CONSULTATIONS"),
            (85.0, 94.0, "are recalled in this paragraph, which goes on."),
            (60.0, 116.0, "2."), (85.0, 116.0, "The participating States will report."),
        ]
    )  # fmt: skip
    account = TextAccount()
    layout = read_layout([first, second], account)
    source = parse_document_lines(layout.lines, name="caps.pdf", sha256="", format="pdf", account=account)
    assert [p.label for p in source.document.provisions] == ["1", "2"]
    assert source.document.provisions[0].text == (
        "The participating States will act on the Final Act. THE FINAL RECOMMENDATIONS OF THE HELSINKI "
        "CONSULTATIONS are recalled in this paragraph, which goes on."
    )
    assert source.text_shares["unassigned"] == 0


def test_a_number_alone_at_the_foot_of_a_page_opens_the_paragraph_on_the_next():
    from importing.parsers.plain_text import parse_document_lines

    first = _page(
        [
            (85.0, 80.0, "DECISION ON MIGRATION"),
            (60.0, 120.0, "1."), (85.0, 120.0, "The participating States will act."),
            (60.0, 760.0, "2."),
        ]
    )  # fmt: skip
    second = _page([(85.0, 80.0, "The participating States will report on it.")])
    account = TextAccount()
    layout = read_layout([first, second], account)
    source = parse_document_lines(layout.lines, name="foot.pdf", sha256="", format="pdf", account=account)
    assert [(p.label, p.text) for p in source.document.provisions] == [
        ("1", "The participating States will act."),
        ("2", "The participating States will report on it."),
    ]
    assert source.text_shares["unassigned"] == 0 and source.warnings == []
