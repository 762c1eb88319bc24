"""PDF sources: pdfminer.six in a child process, lines rebuilt from positions, then the
same segmentation as plain text.

OSCE prints provision numbers hanging in the left margin; pdfminer returns them as
separate text lines, so lines sharing a baseline are put back together before
segmentation. The child process runs under ``IMPORT_PDF_TIMEOUT_SECONDS`` of wall-clock
time and ``IMPORT_PDF_MEMORY_MB`` of address space, and refuses more than
``IMPORT_PDF_MAX_PAGES`` pages.
"""

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from django.conf import settings

from importing.errors import ImportRejected
from importing.parsed import ParsedSource
from importing.parsers.decoding import is_pdf
from importing.parsers.plain_text import parse_document_lines

WORKER = Path(__file__).with_name("pdf_worker.py")
# Lines whose vertical centres are closer than this share a baseline.
_SAME_LINE = 3.0
# A line starting this far right of the page's usual left edge is indented.
_INDENT = 12.0
# A gap between lines wider than this share of a line's height separates paragraphs.
_PARAGRAPH_GAP = 0.5

Page = list[list]  # [x0, top, bottom, text]


def parse_pdf(data: bytes, *, name: str, sha256: str, symbol: str = "") -> ParsedSource:
    """Parse one OSCE document printed as PDF."""
    check_pdf_bytes(data)
    pages = extract_pages(data)
    if not any(line[3].strip() for page in pages for line in page):
        raise ImportRejected("the PDF has no text layer (a scanned image?); it needs OCR first")
    return parse_document_lines(pages_to_lines(pages), name=name, sha256=sha256, format="pdf", symbol=symbol)


def check_pdf_bytes(data: bytes) -> None:
    """Refuse what is not a complete PDF before spending a process on it."""
    if not data.strip():
        raise ImportRejected("the file is empty")
    if not is_pdf(data):
        raise ImportRejected("the file is not a PDF (no %PDF- header)")
    if b"%%EOF" not in data[-2048:]:
        raise ImportRejected("the PDF is truncated (it does not end with %%EOF)")


def extract_pages(data: bytes) -> list[Page]:
    """Text lines per page, from pdfminer in a child process with time and memory limits."""
    timeout = settings.IMPORT_PDF_TIMEOUT_SECONDS
    try:
        completed = subprocess.run(  # noqa: S603 - our own script, arguments we build
            [
                sys.executable,
                str(WORKER),
                str(settings.IMPORT_PDF_MAX_PAGES),
                str(settings.IMPORT_PDF_MEMORY_MB),
            ],
            input=data,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ImportRejected(
            f"reading the PDF took longer than {timeout} seconds (IMPORT_PDF_TIMEOUT_SECONDS)"
        ) from None
    try:
        result = json.loads(completed.stdout)
    except ValueError:
        result = {"error": "memory" if b"MemoryError" in completed.stderr or completed.returncode < 0 else ""}
    error = result.get("error")
    if error == "memory":
        limit = settings.IMPORT_PDF_MEMORY_MB
        raise ImportRejected(f"reading the PDF needs more memory than {limit} MB (IMPORT_PDF_MEMORY_MB)")
    if error is not None or "pages" not in result:
        last = completed.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        raise ImportRejected(error or f"the PDF reader failed ({last[0][:200]})")
    return result["pages"]


def pages_to_lines(pages: list[Page]) -> list[str]:
    """Visual lines in reading order.

    Fragments on one baseline are joined left to right (a hanging number and its text); a
    line starting right of the page's usual left edge gets a leading space (an indent), a
    wider gap than the line spacing a blank line (a new paragraph), and each page ends
    with a blank line.
    """
    lines: list[str] = []
    for page in pages:
        if not page:
            continue
        edges = Counter(round(fragment[0]) for fragment in page)
        left_edge = min(edge for edge, count in edges.items() if count == max(edges.values()))
        rows: list[list[list]] = []
        for fragment in sorted(page, key=lambda f: ((f[1] + f[2]) / 2, f[0])):
            centre = (fragment[1] + fragment[2]) / 2
            if rows and abs(centre - (rows[-1][0][1] + rows[-1][0][2]) / 2) < _SAME_LINE:
                rows[-1].append(fragment)
            else:
                rows.append([fragment])
        previous_bottom = None
        for row in rows:
            row.sort(key=lambda f: f[0])
            top, bottom = min(f[1] for f in row), max(f[2] for f in row)
            if previous_bottom is not None and top - previous_bottom > _PARAGRAPH_GAP * (bottom - top):
                lines.append("")
            previous_bottom = bottom
            text = " ".join(" ".join(f[3].split()) for f in row)
            indent = " " if row[0][0] - left_edge > _INDENT else ""
            lines.append(indent + text)
        lines.append("")
    return lines
