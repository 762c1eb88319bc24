"""PDFs for the importer tests, made with fpdf2 from the bundled text of MC.DOC/2/05.

``osce_pdf()`` lays the text out as the OSCE prints it: a title block on the first page,
running headers (``- 2 -``, symbol, date, ``Annex``) on the following ones, provision
numbers hanging in the left margin, and the Annex in two levels (``C.``, ``1.``, ``(i)``).
The structure is read from the text with this module's own simple rules, independent of
the importer under test.
"""

import io
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

from importing.corpus import CORPUS_DIR

MC_DOC_TEXT = CORPUS_DIR / "004_d74716776d70ede2.txt"
_FONTS = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
]
_ASCII = str.maketrans({"“": '"', "”": '"', "’": "'", "‘": "'", "—": "-", "–": "-"})

# fpdf2 subsets fonts through fontTools, which narrates every table it touches.
logging.getLogger("fontTools").setLevel(logging.WARNING)

_LABEL = re.compile(r"^(\d+(?:\.\d+)?\.?|\([ivx]+\)|[A-C]\.)\s+(.*)$")
_HEADER = re.compile(r"^-\s*\d+\s*-|^6 December 2005$|^Annex$")


@dataclass
class Block:
    kind: str  # title, subtitle, chapter, caps, labelled, bullet, text
    text: str
    label: str = ""
    level: int = 0


def read_blocks(text: str) -> list[Block]:
    """The seed text as blocks: headings, labelled paragraphs, bullets, plain paragraphs."""
    blocks: list[Block] = []
    annex = False
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line or _HEADER.match(line):
            continue
        letters = [c for c in line if c.isalpha()]
        caps = len(letters) > 3 and all(c.isupper() for c in letters)
        label = _LABEL.match(line)
        if not blocks:
            blocks.append(Block("title", line))
        elif len(blocks) == 1:
            blocks.append(Block("subtitle", line))
        elif re.match(r"^Chapter [IVX]+:", line):
            blocks.append(Block("chapter", line))
        elif blocks[-1].kind in ("chapter", "caps") and line[:1].islower():
            blocks[-1].text += " " + line
        elif caps:
            if blocks[-1].kind == "caps":
                blocks[-1].text += " " + line
            else:
                annex = annex or "CONTRIBUTIONS" in line
                blocks.append(Block("caps", line))
        elif label:
            number = label.group(1)
            if number[0] in "ABC":
                level = 0
            elif number.startswith("("):
                level = 2
            elif annex or "." in number.rstrip("."):
                level = 1
            else:
                level = 0
            blocks.append(Block("labelled", label.group(2), label=number, level=level))
        elif line.startswith("—"):
            blocks.append(Block("bullet", line.lstrip("— ")))
        elif (raw.startswith(" ") and line[:1].isupper() and blocks[-1].kind != "title") or blocks[
            -1
        ].kind == "caps":
            blocks.append(Block("text", line))
        else:
            blocks[-1].text += " " + line
    return blocks


class _OscePdf(FPDF):
    symbol = "MC.DOC/2/05"
    date = "6 December 2005"
    in_annex = False

    def header(self):
        if self.page_no() == 1:
            return
        self.set_font(self.body_font, size=10)
        self.set_xy(0, 10)
        self.cell(self.w, 5, f"- {self.page_no()} -", align="C")
        lines = [self.symbol, self.date] + (["Annex"] if self.in_annex else [])
        for n, line in enumerate(lines):
            self.set_xy(self.w - 70, 15 + 5 * n)
            self.cell(55, 5, line, align="R")
        self.set_y(40)
        self.set_font(self.body_font, size=11)


def _font(pdf: _OscePdf) -> bool:
    for path in _FONTS:
        if path.exists():
            pdf.add_font("body", fname=str(path))
            pdf.body_font = "body"
            return True
    pdf.body_font = "helvetica"
    return False


def osce_pdf(text: str | None = None) -> bytes:
    """MC.DOC/2/05 (or ``text`` in the same shape) printed as the OSCE prints it."""
    text = text if text is not None else MC_DOC_TEXT.read_text(encoding="utf-8")
    pdf = _OscePdf(format="A4")
    unicode_font = _font(pdf)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_margins(25, 40, 20)
    pdf.add_page()
    write = (lambda s: s) if unicode_font else (lambda s: s.translate(_ASCII))
    pdf.set_font(pdf.body_font, size=10)
    for n, line in enumerate(["MC.DOC/2/05", "6 December 2005", "", "Original: ENGLISH"]):
        pdf.set_xy(pdf.w - 75, 12 + 5 * n)
        pdf.cell(55, 5, line, align="R")
    pdf.set_y(40)
    for line in [
        "Organization for Security and Co-operation in Europe",
        "Ministerial Council",
        "Ljubljana 2005",
    ]:
        pdf.cell(0, 6, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for line in ["2nd day of the Thirteenth Meeting", "MC(13) Journal No. 2, Agenda item 8"]:
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font(pdf.body_font, size=11)
    body_x, width = 25.0, pdf.w - 45
    for block in read_blocks(text):
        if block.kind == "caps" and "CONTRIBUTIONS" in block.text:
            pdf.in_annex = True
            pdf.add_page()
        if block.kind == "caps" and "STATEMENT" in block.text:
            pdf.in_annex = False
            pdf.add_page()
        if block.kind in ("title", "caps"):
            pdf.ln(4)
            pdf.multi_cell(0, 6, write(block.text), align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        elif block.kind in ("subtitle", "chapter"):
            pdf.ln(3)
            pdf.multi_cell(
                0,
                6,
                write(block.text),
                align="C" if block.kind == "subtitle" else "L",
                new_x="LMARGIN",
                new_y="NEXT",
            )
            pdf.ln(3)
        else:
            hang = {"labelled": 12.0 + 11.0 * block.level, "bullet": 19.0, "text": 12.0}[block.kind]
            label = block.label if block.kind == "labelled" else ("—" if block.kind == "bullet" else "")
            if pdf.get_y() + 12 > pdf.page_break_trigger:
                pdf.add_page()
            y = pdf.get_y()
            if label:
                pdf.set_xy(body_x + hang - 11.0, y)
                pdf.cell(10, 5.5, write(label))
            pdf.set_xy(body_x + hang, y)
            pdf.multi_cell(width - hang, 5.5, write(block.text), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2.5)
    return bytes(pdf.output())


def scanned_pdf() -> bytes:
    """A page that is only a picture of text: no text layer."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(image)
    for n in range(20):
        draw.rectangle((50, 50 + 30 * n, 550, 60 + 30 * n), fill=0)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(buffer.getvalue()), x=10, y=10, w=190)
    return bytes(pdf.output())


def encrypted_pdf() -> bytes:
    """MC.DOC/2/05 that opens only with a password."""
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner-secret", user_password="reader-secret")
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(
        0, 6, "BORDER SECURITY AND MANAGEMENT CONCEPT\n\n1. The participating States will co-operate."
    )
    return bytes(pdf.output())


def many_pages_pdf(pages: int) -> bytes:
    """A PDF of ``pages`` short pages."""
    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for n in range(1, pages + 1):
        pdf.add_page()
        pdf.cell(0, 10, f"{n}. The participating States will co-operate.")
    return bytes(pdf.output())
