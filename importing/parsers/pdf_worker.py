"""Text lines of a PDF with their positions, read by pdfminer.six in a child process.

Run as a script (``python pdf_worker.py MAX_PAGES MEMORY_MB < file.pdf``), never imported
by the web process: pdfminer has no timeout of its own and loops or balloons on some
hostile files, so the parent kills this after a wall-clock timeout, and the script caps its
own address space before loading pdfminer. It prints one
JSON object: ``{"pages": [[[x0, top, bottom, text], …], …]}`` or ``{"error": reason}``.
Standard library and pdfminer only: no Django here.
"""

import contextlib
import io
import json
import resource
import sys


def read_pages(data: bytes, max_pages: int) -> dict:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLine
    from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    parser = PDFParser(io.BytesIO(data))
    try:
        document = PDFDocument(parser)
    except PDFPasswordIncorrect:
        return {"error": "the PDF is encrypted and needs a password"}
    if document.encryption and not document.is_extractable:
        return {"error": "the PDF is encrypted and forbids copying its text"}
    pages_root = resolve1(document.catalog.get("Pages"))
    count = resolve1(pages_root.get("Count", 0)) if isinstance(pages_root, dict) else 0
    if isinstance(count, int) and count > max_pages:
        return {
            "error": f"the PDF has {count:,} pages, over the limit of {max_pages:,} (IMPORT_PDF_MAX_PAGES)"
        }

    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=LAParams())
    interpreter = PDFPageInterpreter(manager, device)
    pages = []
    for number, page in enumerate(PDFPage.create_pages(document), start=1):
        if number > max_pages:
            return {"error": f"the PDF has more than {max_pages:,} pages (IMPORT_PDF_MAX_PAGES)"}
        interpreter.process_page(page)
        layout = device.get_result()
        lines = []
        for element in layout:
            if not isinstance(element, LTTextContainer):
                continue
            for line in element:
                if isinstance(line, LTTextLine) and line.get_text().strip():
                    top = layout.height - line.y1
                    lines.append(
                        [
                            round(line.x0, 1),
                            round(top, 1),
                            round(layout.height - line.y0, 1),
                            line.get_text().rstrip("\n"),
                        ]
                    )
        pages.append(lines)
    return {"pages": pages}


def main() -> None:
    max_pages, memory_mb = int(sys.argv[1]), int(sys.argv[2])
    data = sys.stdin.buffer.read()
    limit = memory_mb * 1024 * 1024
    with contextlib.suppress(ValueError):  # a hard limit already below the cap stands
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        result = read_pages(data, max_pages)
    except MemoryError:
        result = {"error": "memory"}
    except (ImportError, OSError) as exc:
        # Under the parent's address-space cap, loading pdfminer's extensions fails first.
        memory = any(word in str(exc) for word in ("map", "allocate", "memory"))
        result = {"error": "memory" if memory else f"the PDF reader could not start ({str(exc)[:200]})"}
    except Exception as exc:  # noqa: BLE001 - every parser failure is one answer: unreadable
        result = {"error": f"the PDF is damaged ({type(exc).__name__}: {str(exc)[:200]})"}
    sys.stdout.write(json.dumps(result))


if __name__ == "__main__":
    main()
