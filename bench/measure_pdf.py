"""PDF import speed in pages per second, against ``pdftotext`` (poppler) as the practical limit.

The PDF is generated the way OSCE prints a decision: a title block on the first page, running
headers on the others, provision numbers hanging in the left margin, text from the real corpus.
"""

import io
import json
import random
import shutil
import statistics
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from django.core.management import call_command, get_commands

from bench.corpus import _TextModel
from bench.stats import not_measured
from bench.vocabulary import Vocabulary

SYMBOL = "MC.DOC/9/99"


def _latin1(text: str) -> str:
    replacements = {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."}
    for a, b in replacements.items():
        text = text.replace(a, b)
    return text.encode("latin-1", "replace").decode("latin-1")


@dataclass(frozen=True)
class BenchPdf:
    """What ``build_pdf`` wrote: its page count and the text of provisions 1, 2, … in order."""

    pages: int
    texts: list[str]


def build_pdf(*, vocabulary: Vocabulary, pages: int, path: Path, seed: int = 7) -> BenchPdf:
    """Write a PDF of ``pages`` pages of numbered provisions, laid out as printed OSCE documents
    are, with nothing arranged for the importer's sake: a number may stay alone at the foot of a
    page, and a line of capitals may open one."""
    from fpdf import FPDF

    model = _TextModel(vocabulary, random.Random(seed))

    class OscePdf(FPDF):
        def header(self):
            if self.page_no() > 1:
                self.set_font("Helvetica", size=10)
                self.cell(0, 8, f"- {self.page_no()} -    {SYMBOL}    6 December 2005", align="C")
                self.ln(12)

    pdf = OscePdf(format="A4")
    pdf.set_margins(left=30, top=20, right=20)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=12)
    pdf.cell(0, 8, SYMBOL, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 8, "BENCHMARK CONCEPT ON MIGRATION", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("Helvetica", size=11)
    texts: list[str] = []
    while pdf.page_no() <= pages:
        number = len(texts) + 1
        if pdf.will_page_break(6):  # not even the number fits
            pdf.add_page()
        y = pdf.get_y()
        pdf.set_x(18)
        pdf.cell(10, 6, f"{number}.")
        if pdf.will_page_break(12):
            # Less than two lines left: the number stays alone at the foot of the page and its
            # text starts on the next one, as printed OSCE documents have it.
            pdf.add_page()
            y = pdf.get_y()
        pdf.set_xy(30, y)
        # Words as the real texts have them, capitals included: a line of capitals may open a page.
        words = model.words(random.Random(number).choice([30, 60, 90, 140]))
        texts.append(_latin1(" ".join(words.split())))
        pdf.multi_cell(0, 6, texts[-1])
        pdf.ln(3)
        if pdf.page_no() == pages and pdf.get_y() > 230:
            break
    pdf.output(str(path))
    return BenchPdf(pages=pdf.page_no(), texts=texts)


def _timed(func, repetitions: int) -> list[float]:
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def measure_pdf(*, vocabulary: Vocabulary, pages: int, work_dir: Path, repetitions: int) -> dict:
    """Pages per second of the project's PDF importer (parse only, and a full import) and of pdftotext."""
    work_dir.mkdir(parents=True, exist_ok=True)
    path = work_dir / "benchmark-decision.pdf"
    built = build_pdf(vocabulary=vocabulary, pages=pages, path=path)
    page_count = built.pages
    result: dict = {
        "pages": page_count,
        "provisions_written": len(built.texts),
        "file_bytes": path.stat().st_size,
    }

    if shutil.which("pdftotext") is None:
        result["pdftotext"] = not_measured("pdftotext is not installed (apt-get install -y poppler-utils)")
    else:
        out = work_dir / "pdftotext.txt"
        times = _timed(
            lambda: subprocess.run(["pdftotext", "-q", str(path), str(out)], check=True), repetitions
        )
        result["pdftotext"] = _rate(page_count, times)

    if "import_source" not in get_commands():
        reason = "the import_source command is not on this branch yet"
        result["importer_parse"] = not_measured(reason)
        result["importer_full_import"] = not_measured(reason)
    else:
        result["importer_parse"] = _measure_import(path, page_count, repetitions, dry_run=True)
        result["importer_full_import"] = _measure_import(path, page_count, 1, dry_run=False)

    result["worker"] = _worker_memory(path)
    for key in ("importer_parse", "importer_full_import"):
        ours, limit = result[key], result["pdftotext"]
        if "pages_per_second" in ours and "pages_per_second" in limit:
            ours["share_of_pdftotext_speed"] = round(ours["pages_per_second"] / limit["pages_per_second"], 3)
    return result


def _worker_memory(path: Path) -> dict:
    """The PDF worker's peak resident memory on this file (its own ``ru_maxrss``)."""
    try:
        from importing.parsers.pdf import extract_pages
    except ImportError as exc:
        return not_measured(f"the PDF worker is not on this branch ({exc})")
    text = extract_pages(path.read_bytes())
    return {"peak_rss_mib": round(text.peak_kb / 1024, 1)}


def _measure_import(path: Path, pages: int, repetitions: int, *, dry_run: bool) -> dict:
    options = {"format": "pdf", "dry_run": True, "json": True} if dry_run else {"format": "pdf"}
    stdout = io.StringIO()
    try:
        times = _timed(
            lambda: call_command("import_source", str(path), stdout=stdout, **options), repetitions
        )
    except Exception as exc:  # the reason goes into the report
        return not_measured(f"import_source failed: {type(exc).__name__}: {exc}")
    result = _rate(pages, times)
    if dry_run:
        try:
            result["provisions_parsed"] = _count_provisions(json.loads(_last_json(stdout.getvalue())))
        except (ValueError, AttributeError):
            result["provisions_parsed"] = None
    return result


def _count_provisions(parsed) -> int | None:
    """The length of the first ``provisions`` list in the importer's JSON, wherever it sits."""
    if isinstance(parsed, dict):
        if isinstance(parsed.get("provisions"), list):
            return len(parsed["provisions"])
        values = parsed.values()
    elif isinstance(parsed, list):
        values = parsed
    else:
        return None
    for value in values:
        found = _count_provisions(value)
        if found is not None:
            return found
    return None


def _last_json(output: str) -> str:
    """The last JSON document printed (one per repetition)."""
    start = output.rstrip().rfind("\n{")
    return output[start + 1 :] if start >= 0 else output


def _rate(pages: int, times: list[float]) -> dict:
    median = statistics.median(times)
    return {
        "runs": len(times),
        "median_seconds": round(median, 4),
        "pages_per_second": round(pages / median, 1),
    }
