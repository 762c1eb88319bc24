"""PDF sources: pdfminer.six in a child process, the page layout read from positions and
sizes, then the same title block, furniture and segmentation as plain text.

The child process (``pdf_worker.py``) runs under ``IMPORT_PDF_TIMEOUT_SECONDS`` of
wall-clock time and ``IMPORT_PDF_MEMORY_MB`` of address space, and refuses more than
``IMPORT_PDF_MAX_PAGES`` pages. ``importing.parsers.pdf_layout`` turns what it reports into
body lines, footnotes and page furniture; every word of the text layer is accounted for.
"""

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from importing.errors import ImportRejected
from importing.parsed import ParsedSource
from importing.parsers.decoding import is_pdf
from importing.parsers.lines import TextAccount
from importing.parsers.pdf_layout import read_layout
from importing.parsers.plain_text import parse_document_lines

WORKER = Path(__file__).with_name("pdf_worker.py")


@dataclass
class PdfText:
    """What the worker read: per page its size and text runs; and its peak memory."""

    pages: list[dict]
    peak_kb: int = 0


def parse_pdf(data: bytes, *, name: str, sha256: str, symbol: str = "") -> ParsedSource:
    """Parse one OSCE document printed as PDF."""
    check_pdf_bytes(data)
    pages = extract_pages(data).pages
    if not any(run[4].strip() for page in pages for run in page["runs"]):
        raise ImportRejected("the PDF has no text layer (a scanned image?); it needs OCR first")
    account = TextAccount()
    layout = read_layout(pages, account)
    return parse_document_lines(
        layout.lines,
        name=name,
        sha256=sha256,
        format="pdf",
        symbol=symbol,
        account=account,
        footnotes=layout.footnotes,
        warnings=layout.warnings,
    )


def check_pdf_bytes(data: bytes) -> None:
    """Refuse what is not a complete PDF before spending a process on it."""
    if not data.strip():
        raise ImportRejected("the file is empty")
    if not is_pdf(data):
        raise ImportRejected("the file is not a PDF (no %PDF- header)")
    if b"%%EOF" not in data[-2048:]:
        raise ImportRejected("the PDF is truncated (it does not end with %%EOF)")


def extract_pages(data: bytes) -> PdfText:
    """Text runs per page, from pdfminer in a child process with time and memory limits."""
    timeout = settings.IMPORT_PDF_TIMEOUT_SECONDS
    try:
        completed = subprocess.run(  # noqa: S603 - our own script, arguments we build
            [
                sys.executable,
                str(WORKER),
                str(settings.IMPORT_PDF_MAX_PAGES),
                str(settings.IMPORT_PDF_MEMORY_MB),
                str(timeout),
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
    return PdfText(pages=result["pages"], peak_kb=result.get("peak_kb", 0))
