"""Known texts printed through two PDF producers in layouts drawn by hypothesis come back whole.

Each case prints MC.DOC/2/05 or a made-up decision in OSCE form (``layout_generator``) and
imports the PDF: every label in order, every text as written, the preamble marked, every
footnote with its number and none of its marker digits in a provision, no word of the text
layer assigned to nothing, and no warning. ``make test`` runs a few cases per producer; the
sweep (``make pdf-sweep``, marker ``pdf_sweep``) runs many more.
"""

import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importing.parsers.pdf import parse_pdf
from tests.importers.layout_generator import (
    FONTS,
    Layout,
    expected_text,
    made_up_decision,
    mc_doc_2_05,
    render,
)

CASES_IN_MAKE_TEST = 6
CASES_IN_SWEEP = 150


@st.composite
def layouts(draw, producer: str) -> Layout:
    size = draw(st.sampled_from([10.0, 11.0, 12.0]))
    return Layout(
        producer=producer,
        font=draw(st.sampled_from(sorted(FONTS))),
        size=size,
        left=draw(st.integers(50, 100)),
        right=draw(st.integers(40, 80)),
        top=draw(st.integers(70, 100)),
        bottom=draw(st.integers(50, 80)),
        hanging=draw(st.booleans()),
        justified=draw(st.booleans()),
        hyphenate=draw(st.booleans()),
        header=draw(st.sampled_from(["dash", "page-of", "symbol-line", "none"])),
        footer=draw(st.sampled_from(["journal", "number", "both", "none"])),
        breaks=frozenset(draw(st.lists(st.integers(5, 200), max_size=4))),
        orphan_number=draw(st.booleans()),
        caps_at_top=draw(st.booleans()),
        annex_new_page=draw(st.booleans()),
        words_drawn_one_by_one=draw(st.booleans()),
    )


def assert_read_back(sample, layout: Layout) -> None:
    parsed = parse_pdf(render(sample, layout), name=f"{sample.name}.pdf", sha256="")
    document = parsed.document
    got = [(p.label, p.text.replace("\n", " "), p.preamble) for p in document.provisions]
    want = [
        (label, text.replace("\n", " "), preamble) for label, text, preamble in expected_text(sample, layout)
    ]
    assert [g[0] for g in got] == [w[0] for w in want], layout
    for g, w in zip(got, want, strict=True):
        assert g == w, layout
    assert document.symbol == sample.symbol
    assert document.date.iso() == sample.date
    assert [a.title for a in document.attachments] == [
        re.sub(r"[“”]", '"', t) if layout.ascii_only else t for t in sample.attachments
    ] + (["Footnotes"] if sample.footnotes else [])
    footnotes = {f.number: f.text for f in document.footnotes}
    assert footnotes == sample.footnotes, layout
    assert parsed.text_shares["unassigned"] == 0, parsed.warnings
    assert parsed.warnings == [], layout


@pytest.fixture(scope="module")
def mc_doc():
    return mc_doc_2_05()


def test_mc_doc_2_05_in_times_with_hanging_numbers_a_journal_code_and_running_headers(mc_doc):
    """The layout of the issue: Times 12 pt, numbers in the margin, MC13EW53 at the foot of
    page 1, "- 2 -" with the symbol and date on the later pages."""
    for producer in ("fpdf2", "reportlab"):
        assert_read_back(mc_doc, Layout(producer=producer, font="liberation-serif", size=12.0))


def test_a_made_up_decision_keeps_preamble_sub_paragraphs_footnotes_and_annex():
    sample = made_up_decision(random.Random(4), number=4)
    # What this sample holds: two preambular paragraphs, sub-paragraphs, a footnote, an annex.
    assert [label for label, _, _ in sample.expected] == [
        "Preamble 1", "Preamble 2", "1", "2", "2(a)", "3", "3(a)", "Annex 1", "Annex 2", "Annex 3", "Annex 4",
    ]  # fmt: skip
    assert list(sample.footnotes) == ["1"]
    for producer in ("fpdf2", "reportlab"):
        assert_read_back(sample, Layout(producer=producer, justified=True, hyphenate=True))


def test_a_paragraph_running_on_after_a_ragged_line_at_the_foot_of_a_page_stays_one():
    """A case the generated layouts found: "Recalling … in particular those of the" ends page 1
    a long word short of the right margin (the text is not justified), and "Helsinki Final Act,
    …" opens page 2 at the left edge; it is the same preambular paragraph, not a third one."""
    sample = made_up_decision(random.Random(3842), number=3842 % 9 + 1)
    layout = Layout(
        producer="reportlab", font="core:helvetica", size=12.0, left=55, right=80, top=70, bottom=50,
        hanging=False, breaks=frozenset({16}), orphan_number=False, caps_at_top=False,
    )  # fmt: skip
    assert_read_back(sample, layout)


def _sample(seed: int, mc_doc):
    return mc_doc if seed % 4 == 0 else made_up_decision(random.Random(seed), number=seed % 9 + 1)


@pytest.mark.parametrize("producer", ["fpdf2", "reportlab"])
@settings(max_examples=CASES_IN_MAKE_TEST, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_generated_layouts_come_back_whole(producer, data, mc_doc):
    layout = data.draw(layouts(producer))
    assert_read_back(_sample(data.draw(st.integers(0, 10_000)), mc_doc), layout)


@pytest.mark.pdf_sweep
@pytest.mark.parametrize("producer", ["fpdf2", "reportlab"])
@settings(max_examples=CASES_IN_SWEEP, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_sweep_of_generated_layouts(producer, data, mc_doc):
    layout = data.draw(layouts(producer))
    assert_read_back(_sample(data.draw(st.integers(0, 10_000)), mc_doc), layout)
