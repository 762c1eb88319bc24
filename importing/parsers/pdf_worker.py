"""Text runs of a PDF with their positions and sizes, read by pdfminer.six in a child process.

Run as a script (``python pdf_worker.py MAX_PAGES MEMORY_MB [SECONDS] < file.pdf``), never
imported by the web process: pdfminer has no timeout of its own and loops or balloons on some
hostile files, so the parent kills this after a wall-clock timeout, and the script caps its
own address space and processor time before loading pdfminer. It also asks the kernel to
kill it when its parent dies, since a parent killed by the web server's timeout never gets
to kill it. It prints one JSON object:
``{"pages": [{"width": w, "height": h, "runs": [[x0, x1, baseline, size, text], …]}, …],
"peak_kb": n}`` or ``{"error": reason}``, coordinates from the page's top left.

pdfminer's layout analysis (``LAParams``, one ``LTChar`` object per glyph) cost nine
tenths of the parse and grouped text in ways the importer then had to undo; this device
keeps only what the importer reads: each string the page shows, where it starts and ends,
its baseline and its size. Lines, paragraphs, footnotes and page furniture are worked out
by the parent (``importing.parsers.pdf_layout``). Standard library and pdfminer only.
"""

import contextlib
import ctypes
import io
import json
import os
import resource
import signal
import sys

# A horizontal jump inside one string wider than this share of the font size is a space.
_GAP = 0.2


def _device_class():
    from pdfminer.pdfdevice import PDFTextDevice
    from pdfminer.pdffont import PDFUnicodeNotDefined
    from pdfminer.utils import mult_matrix

    class RunCollector(PDFTextDevice):
        """Collects ``[x0, x1, baseline, size, text]`` per shown string of the current page."""

        def __init__(self, rsrcmgr):
            super().__init__(rsrcmgr)
            self.runs: list = []
            self.height = 0.0
            self._glyphs: dict = {}

        def begin_page(self, page, ctm):
            x0, y0, x1, y1 = page.mediabox
            self.width, self.height = abs(x1 - x0), abs(y1 - y0)
            self.runs = []

        def _glyph(self, font, cid):
            key = (id(font), cid)
            known = self._glyphs.get(key)
            if known is None:
                try:
                    text = font.to_unichr(cid)
                except PDFUnicodeNotDefined:
                    text = f"(cid:{cid})"
                known = self._glyphs[key] = (text, font.char_width(cid))
            return known

        def render_string(self, textstate, seq, ncs, graphicstate):
            font = textstate.font
            if font is None:
                return
            a, b, c, d, e, f = mult_matrix(textstate.matrix, self.ctm)
            fontsize = textstate.fontsize
            scaling = textstate.scaling * 0.01
            charspace = textstate.charspace * scaling
            wordspace = 0 if font.is_multibyte() else textstate.wordspace * scaling
            dxscale = 0.001 * fontsize * scaling
            gap = _GAP * fontsize * scaling
            x, y = textstate.linematrix
            start = x
            chars: list[str] = []
            needcharspace = False
            for obj in seq:
                if isinstance(obj, int | float):
                    shift = -obj * dxscale
                    if shift > gap and chars and chars[-1] != " ":
                        chars.append(" ")
                    x += shift
                    needcharspace = True
                elif isinstance(obj, bytes):
                    for cid in font.decode(obj):
                        if needcharspace:
                            x += charspace
                        text, width = self._glyph(font, cid)
                        if not chars:
                            start = x
                        chars.append(text)
                        x += width * fontsize * scaling
                        if cid == 32 and wordspace:
                            x += wordspace
                        needcharspace = True
            textstate.linematrix = (x, y)
            text = "".join(chars)
            if not text.strip():
                return
            rise = textstate.rise
            size = fontsize * ((c * c + d * d) ** 0.5)
            x0 = a * start + c * (y + rise) + e
            x1 = a * x + c * (y + rise) + e
            baseline = self.height - (b * start + d * (y + rise) + f)
            self.runs.append(
                [round(min(x0, x1), 2), round(max(x0, x1), 2), round(baseline, 2), round(size, 2), text]
            )

    return RunCollector


def read_pages(data: bytes, max_pages: int) -> dict:
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
    device = _device_class()(manager)
    interpreter = PDFPageInterpreter(manager, device)
    pages = []
    for number, page in enumerate(PDFPage.create_pages(document), start=1):
        if number > max_pages:
            return {"error": f"the PDF has more than {max_pages:,} pages (IMPORT_PDF_MAX_PAGES)"}
        interpreter.process_page(page)
        pages.append(
            {"width": round(device.width, 2), "height": round(device.height, 2), "runs": device.runs}
        )
    return {"pages": pages}


_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def main() -> None:
    _die_with_parent()
    max_pages, memory_mb = int(sys.argv[1]), int(sys.argv[2])
    if len(sys.argv) > 3:  # processor seconds: a loop ends even if no one is left to kill it
        seconds = int(sys.argv[3])
        with contextlib.suppress(ValueError):
            resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 5))
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
    result["peak_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sys.stdout.write(json.dumps(result))


if __name__ == "__main__":
    main()
