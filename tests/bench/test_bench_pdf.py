"""The benchmark's 100-page PDF comes back whole: every numbered provision in order with its
text, although the generator arranges nothing for the importer (numbers alone at the foot of a
page, lines of capitals at the top of one)."""

import re
from collections import defaultdict

import pytest

from bench.measure_pdf import build_pdf
from bench.vocabulary import build_vocabulary
from importing.parsers.pdf import extract_pages, parse_pdf


@pytest.fixture(scope="module")
def bench_pdf(tmp_path_factory):
    path = tmp_path_factory.mktemp("bench") / "benchmark-decision.pdf"
    built = build_pdf(vocabulary=build_vocabulary(), pages=100, path=path)
    return built, path.read_bytes()


def _lines(page: dict) -> list[str]:
    """The page's lines top to bottom, each the text of the runs sharing a baseline."""
    by_baseline = defaultdict(list)
    for x0, _, baseline, _, text in page["runs"]:
        by_baseline[round(baseline)].append((x0, text))
    return [" ".join(t for _, t in sorted(runs)).strip() for _, runs in sorted(by_baseline.items())]


def _is_capitals(line: str) -> bool:
    words = re.findall(r"[A-Za-z]{2,}", line)
    return len(words) >= 3 and sum(w.isupper() for w in words) >= 0.6 * len(words)


def test_the_bench_pdf_is_laid_out_as_printed_documents_are(bench_pdf):
    built, data = bench_pdf
    pages = extract_pages(data).pages
    assert built.pages == len(pages) == 100
    lines = [_lines(page) for page in pages]
    alone_at_foot = [n for n, page in enumerate(lines, 1) if re.fullmatch(r"\d+\.", page[-1])]
    # Line 0 of every later page is its running header ("- 2 -  MC.DOC/9/99  6 December 2005").
    capitals_at_top = [n for n, page in enumerate(lines[1:], 2) if _is_capitals(page[1])]
    assert len(alone_at_foot) >= 5, "numbers alone at the foot of a page"
    assert len(capitals_at_top) >= 2, "lines of capitals opening a page"


def test_the_importer_finds_every_numbered_provision_of_the_bench_pdf_with_its_text(bench_pdf):
    built, data = bench_pdf
    parsed = parse_pdf(data, name="benchmark-decision.pdf", sha256="")
    provisions = parsed.document.provisions
    assert len(built.texts) > 500
    assert [p.label for p in provisions] == [str(n) for n in range(1, len(built.texts) + 1)]
    assert [" ".join(p.text.split()) for p in provisions] == built.texts
    assert parsed.text_shares["unassigned"] == 0
