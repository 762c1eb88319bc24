"""Known texts printed as PDFs in many layouts, to test that the importer reads them all back.

A ``Sample`` is a document as paragraphs (title block, preamble, numbered paragraphs with
sub-paragraphs, footnotes, an annex, a statement) together with what the importer must return
for it: every label in order with its text, the preambular ones marked, every footnote. A
``Layout`` says how to print it: the producer (fpdf2 or reportlab), font and size, margins,
hanging or inline numbers, header and footer variants, justified text with hyphenated line
ends, page breaks forced before chosen lines, a number left alone at the foot of a page, a
line of capitals at the top of one, the annex on the same page or a new one.

The typesetting is done here, line by line, so that the test knows where each break falls;
the producers only draw strings at positions, each with its own fonts and PDF encoding.
"""

import io
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from importing.corpus import CORPUS_DIR
from importing.parsers.wrapping import _HYPHEN_PREFIXES

logging.getLogger("fontTools").setLevel(logging.WARNING)

MC_DOC_TEXT = CORPUS_DIR / "004_d74716776d70ede2.txt"
FONT_DIR = Path("/usr/share/fonts/truetype")
# (name, file) of the TrueType fonts both producers embed; "core:" fonts are the PDF's own.
FONTS = {
    "dejavu-sans": FONT_DIR / "dejavu/DejaVuSans.ttf",
    "dejavu-serif": FONT_DIR / "dejavu/DejaVuSerif.ttf",
    "liberation-serif": FONT_DIR / "liberation/LiberationSerif-Regular.ttf",
    "liberation-sans": FONT_DIR / "liberation/LiberationSans-Regular.ttf",
    "core:times": None,
    "core:helvetica": None,
}
_ASCII = str.maketrans({"“": '"', "”": '"', "’": "'", "‘": "'", "—": "-", "–": "-", "…": "..."})
_MARKER = re.compile(r"\[\^(\d+)\]")


@dataclass
class Para:
    """A paragraph as printed: ``label`` in the margin or inline, ``text`` with ``[^n]`` markers."""

    kind: str  # meta-right, centre, left, title, chapeau, preamble, numbered, heading, statement, text
    text: str
    label: str = ""
    level: int = 0
    new_page: bool = False


@dataclass
class Sample:
    name: str
    paras: list[Para]
    expected: list[tuple[str, str, bool]]  # label, text, preamble
    footnotes: dict[str, str] = field(default_factory=dict)
    symbol: str = ""
    date: str = ""
    attachments: list[str] = field(default_factory=list)  # attachment titles as the importer gives them


@dataclass
class Layout:
    producer: str = "fpdf2"  # fpdf2 | reportlab
    font: str = "liberation-serif"
    size: float = 12.0
    left: float = 72.0
    right: float = 60.0
    top: float = 72.0
    bottom: float = 60.0
    hanging: bool = True
    justified: bool = False
    hyphenate: bool = False
    header: str = "dash"  # dash (- 2 - and a symbol/date block) | page-of | symbol-line | none
    footer: str = "journal"  # journal (code on page 1) | number (page number at the foot) | both | none
    breaks: frozenset[int] = frozenset()  # line numbers (over the whole document) to start a page at
    orphan_number: bool = True
    caps_at_top: bool = True
    annex_new_page: bool = False
    words_drawn_one_by_one: bool = False

    @property
    def ascii_only(self) -> bool:
        return self.font.startswith("core:")


# -- texts -------------------------------------------------------------------------------------

_SENTENCES = [
    "the participating States will enhance their co-operation on migration management",
    "in full respect of human rights and the principle of non-discrimination",
    "taking into account the specific needs of women and children",
    "through the exchange of information and good practices among border services",
    "including cross-border co-operation at the local level",
    "with the support of the OSCE executive structures and field operations",
    "in accordance with their national legislation and international obligations",
    "and to report on progress at the next meeting of the Permanent Council",
    "in line with the OSCE Border Security and Management Concept",
    "paying particular attention to the protection of victims of trafficking in human beings",
    "within existing resources and in consultation with the Chairmanship",
    "and to promote the integration of migrants in their societies",
]
_CAPS_RUN = (
    "THE FINAL RECOMMENDATIONS OF THE HELSINKI CONSULTATIONS AND THE CHARTER FOR EUROPEAN SECURITY "
    "ADOPTED BY THE HEADS OF STATE OR GOVERNMENT OF THE PARTICIPATING STATES"
)
_PREAMBLES = [
    "Recalling the OSCE commitments on migration, in particular those of the Helsinki Final Act",
    "Recognizing that well-managed labour migration can benefit countries of origin and destination",
    "Reaffirming the commitment to combat trafficking in human beings in all its forms",
    "Noting with concern the growing number of displaced persons in the OSCE area",
    "Bearing in mind the work of the Economic and Environmental Forum",
]
_VERBS = ["To encourage", "To task the Secretariat", "To invite", "To call upon", "To request"]
_FOOTNOTES = [
    "MC.DEC/5/09 of 2 December 2009.",
    "See the OSCE Action Plan to Combat Trafficking in Human Beings, PC.DEC/557.",
    "Helsinki Final Act, 1975, chapter on co-operation in humanitarian and other fields.",
    "Document of the Copenhagen Meeting of the Conference on the Human Dimension, 1990.",
]


def _sentence(rng, words: int) -> str:
    parts = []
    while sum(len(p.split()) for p in parts) < words:
        parts.append(rng.choice(_SENTENCES))
    return ", ".join(parts)


def made_up_decision(rng, *, number: int = 3) -> Sample:
    """A decision in OSCE form, its texts drawn with ``rng`` (a ``random.Random``)."""
    symbol = f"MC.DEC/{number}/14"
    paras = [
        Para("meta-right", symbol),
        Para("meta-right", "5 December 2014"),
        Para("meta-right", "Original: ENGLISH"),
        Para("centre", "Organization for Security and Co-operation in Europe"),
        Para("centre", "Ministerial Council"),
        Para("centre", "Basel 2014"),
        Para("left", "2nd day of the Twenty-First Meeting"),
        Para("left", "MC(21) Journal No. 2, Agenda item 7"),
        Para("title", f"DECISION No. {number}/14"),
        Para("title", "ON MIGRATION MANAGEMENT AND THE PROTECTION OF MIGRANTS IN THE OSCE AREA"),
        Para("chapeau", "The Ministerial Council,"),
    ]
    expected: list[tuple[str, str, bool]] = []
    footnotes: dict[str, str] = {}
    for index, opening in enumerate(rng.sample(_PREAMBLES, rng.randint(2, 4)), start=1):
        text = f"{opening}, {_sentence(rng, rng.randint(5, 25))},"
        paras.append(Para("preamble", text))
        expected.append((f"Preamble {index}", text, True))
    paras.append(Para("chapeau", "Decides:"))
    caps_done = False
    for n in range(1, rng.randint(3, 7) + 1):
        text = f"{rng.choice(_VERBS)} {_sentence(rng, rng.randint(8, 60))}"
        if not caps_done and rng.random() < 0.5:
            text += f", as set out in {_CAPS_RUN}, {rng.choice(_SENTENCES)}"
            caps_done = True
        if len(footnotes) < len(_FOOTNOTES) and rng.random() < 0.4:
            mark = str(len(footnotes) + 1)
            footnotes[mark] = _FOOTNOTES[len(footnotes)]
            words = text.split(" ")
            at = rng.randint(2, len(words) - 1)
            words[at] += f"[^{mark}]"
            text = " ".join(words)
        subs = rng.randint(0, 3) if n > 1 else 0
        text += ":" if subs else ";"
        paras.append(Para("numbered", text, label=f"{n}."))
        expected.append((str(n), _MARKER.sub("", text), False))
        for s in range(subs):
            letter = "abcdefgh"[s]
            romans = rng.randint(0, 2) if s == 0 else 0
            sub = _sentence(rng, rng.randint(5, 30)) + (":" if romans else ";")
            paras.append(Para("numbered", sub, label=f"({letter})", level=1))
            expected.append((f"{n}({letter})", sub, False))
            for r in range(romans):
                roman = ["i", "ii", "iii"][r]
                item = _sentence(rng, rng.randint(5, 20)) + ";"
                paras.append(Para("numbered", item, label=f"({roman})", level=2))
                expected.append((f"{n}({letter})({roman})", item, False))
    if rng.random() < 0.7:
        paras.append(Para("heading", "ANNEX", new_page=True))
        paras.append(Para("heading", "GUIDELINES ON THE IMPLEMENTATION OF THIS DECISION"))
        for n in range(1, rng.randint(2, 4) + 1):
            text = f"{rng.choice(_VERBS)} {_sentence(rng, rng.randint(8, 40))}."
            paras.append(Para("numbered", text, label=f"{n}."))
            expected.append((f"Annex {n}", text, False))
    attachments = []
    if rng.random() < 0.5:
        title = "INTERPRETATIVE STATEMENT UNDER PARAGRAPH IV.1(A)6 OF THE RULES OF PROCEDURE"
        paras.append(Para("statement", title, new_page=True))
        paras.append(Para("text", "By the delegation of Norway:"))
        paras.append(Para("text", f"“{_sentence(rng, 30).capitalize()}.”"))
        attachments.append("Interpretative Statement under Paragraph IV.1(a)6 of the Rules of Procedure")
    return Sample(
        name=f"decision-{number}",
        paras=paras,
        expected=expected,
        footnotes=footnotes,
        symbol=symbol,
        date="2014-12-05",
        attachments=attachments,
    )


def mc_doc_2_05() -> Sample:
    """MC.DOC/2/05 from the bundled text; what the importer must return is what it returns for
    that text (``tests/importers/test_plain_text.py`` states it)."""
    from importing.parsers.plain_text import parse_plain_text
    from tests.importers.pdf_samples import read_blocks

    text = MC_DOC_TEXT.read_text(encoding="utf-8")
    parsed = parse_plain_text(text, name="004.txt", sha256="").document
    paras = [
        Para("meta-right", "MC.DOC/2/05"),
        Para("meta-right", "6 December 2005"),
        Para("meta-right", "Original: ENGLISH"),
        Para("centre", "Organization for Security and Co-operation in Europe"),
        Para("centre", "Ministerial Council"),
        Para("centre", "Ljubljana 2005"),
        Para("left", "2nd day of the Thirteenth Meeting"),
        Para("left", "MC(13) Journal No. 2, Agenda item 8"),
    ]
    for block in read_blocks(text):
        if block.kind in ("title",):
            paras.append(Para("title", block.text))
        elif block.kind in ("subtitle",):
            paras.append(Para("centre-body", block.text))
        elif block.kind == "chapter":
            paras.append(Para("heading-left", block.text))
        elif block.kind == "caps":
            statement = "STATEMENT" in block.text
            paras.append(Para("statement" if statement else "heading", block.text, new_page=statement))
        elif block.kind == "labelled":
            paras.append(Para("numbered", block.text, label=block.label, level=block.level))
        elif block.kind == "bullet":
            paras.append(Para("numbered", block.text, label="—", level=1))
        else:
            paras.append(Para("text", block.text))
    return Sample(
        name="mc-doc-2-05",
        paras=paras,
        expected=[(p.label, p.text, False) for p in parsed.provisions],
        symbol="MC.DOC/2/05",
        date="2005-12-06",
        attachments=[a.title for a in parsed.attachments],
    )


# -- typesetting -------------------------------------------------------------------------------


class _Producer:
    """Draws strings at positions in points from the page's top left; one per PDF library."""

    def __init__(self, layout: Layout):
        self.layout = layout

    def width(self, text: str, size: float) -> float:
        raise NotImplementedError

    def draw(self, x: float, baseline: float, text: str, size: float) -> None:
        raise NotImplementedError

    def new_page(self) -> None:
        raise NotImplementedError

    def output(self) -> bytes:
        raise NotImplementedError


class _Fpdf(_Producer):
    def __init__(self, layout: Layout):
        super().__init__(layout)
        from fpdf import FPDF

        self.pdf = FPDF(unit="pt", format="A4")
        self.pdf.set_auto_page_break(False)
        if layout.font.startswith("core:"):
            self.family = layout.font.removeprefix("core:")
        else:
            self.pdf.add_font("body", fname=str(FONTS[layout.font]))
            self.family = "body"
        self.pdf.add_page()
        self._size = None

    def _font(self, size):
        if size != self._size:
            self.pdf.set_font(self.family, size=size)
            self._size = size

    def width(self, text, size):
        self._font(size)
        return self.pdf.get_string_width(text)

    def draw(self, x, baseline, text, size):
        self._font(size)
        self.pdf.text(x, baseline, text)

    def new_page(self):
        self.pdf.add_page()

    def output(self):
        return bytes(self.pdf.output())


class _Reportlab(_Producer):
    def __init__(self, layout: Layout):
        super().__init__(layout)
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        from reportlab.pdfgen import canvas

        self.metrics = pdfmetrics
        self.buffer = io.BytesIO()
        self.canvas = canvas.Canvas(self.buffer, pagesize=A4, invariant=1)
        self.height = A4[1]
        if layout.font.startswith("core:"):
            self.face = {"core:times": "Times-Roman", "core:helvetica": "Helvetica"}[layout.font]
        else:
            self.face = f"gen-{layout.font}"
            if self.face not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(self.face, str(FONTS[layout.font])))

    def width(self, text, size):
        return self.metrics.stringWidth(text, self.face, size)

    def draw(self, x, baseline, text, size):
        self.canvas.setFont(self.face, size)
        self.canvas.drawString(x, self.height - baseline, text)

    def new_page(self):
        self.canvas.showPage()

    def output(self):
        self.canvas.save()
        return self.buffer.getvalue()


PAGE_WIDTH, PAGE_HEIGHT = 595.28, 841.89


@dataclass
class _Line:
    words: list[str]  # words as printed (a hyphenated end included); markers as "[^n]"
    x: float
    width: float
    size: float
    label: str = ""
    label_x: float = 0.0
    align: str = "left"  # left | centre | right | justify
    gap_before: float = 0.0
    caps: bool = False


class _Typesetter:
    def __init__(self, sample: Sample, layout: Layout, pages: int = 0):
        self.sample = sample
        self.pages = pages
        self.layout = layout
        self.producer = _Reportlab(layout) if layout.producer == "reportlab" else _Fpdf(layout)
        self.size = layout.size
        self.leading = layout.size * 1.25
        self.page = 1
        self.y = 0.0
        self.line_number = 0
        self.in_annex = False
        self.page_notes: list[str] = []
        self.pages_notes: list[list[str]] = []

    # Widths ignore footnote markers, which are drawn small above the line.
    def _width(self, text: str, size: float) -> float:
        return self.producer.width(_MARKER.sub("", text), size)

    def _wrap(self, text: str, width: float, size: float) -> list[list[str]]:
        words = text.split()
        lines: list[list[str]] = [[]]
        space = self._width(" ", size)
        used = 0.0
        for word in words:
            need = self._width(word, size) + (space if lines[-1] else 0)
            if used + need <= width or not lines[-1]:
                lines[-1].append(word)
                used += need
                continue
            if self.layout.hyphenate:
                split = self._hyphenate(word, width - used - space, size)
                if split:
                    lines[-1].append(split[0])
                    lines.append([split[1]])
                    used = self._width(split[1], size)
                    continue
            lines.append([word])
            used = self._width(word, size)
        return lines

    def _hyphenate(self, word: str, room: float, size: float) -> tuple[str, str] | None:
        """Split ``word`` at its own hyphen (co-|operation) or, when long, between letters."""
        if _MARKER.search(word) or not word[:1].isalpha():
            return None
        if "-" in word:
            head, tail = word.split("-", 1)
            if tail and self._width(head + "-", size) <= room:
                return head + "-", tail
            return None
        # A break inside a word falls before its suffix, as hyphenation patterns put it.
        suffix = re.search(r"(?:tion|sion|ment|ing|ity|ance|ence|ness)s?$", word)
        if not suffix or suffix.start() < 4 or not word[: suffix.start()].isalpha():
            return None
        head = word[: suffix.start()]
        if head.lower() in _HYPHEN_PREFIXES or self._width(head + "-", size) > room:
            return None
        return head + "-", word[suffix.start() :]

    def _paragraph_lines(self, para: Para) -> list[_Line]:
        layout = self.layout
        size = self.size
        text_width = PAGE_WIDTH - layout.left - layout.right
        write = para.text.translate(_ASCII) if layout.ascii_only else para.text
        label = para.label.translate(_ASCII) if layout.ascii_only else para.label
        if para.kind == "meta-right":
            w = self._width(write, size * 0.85)
            return [_Line(write.split(), PAGE_WIDTH - layout.right - w, w, size * 0.85, align="right")]
        if para.kind in ("centre", "title", "heading", "statement", "centre-body"):
            lines = self._wrap(write, text_width * 0.8, size)
            out = []
            for words in lines:
                w = self._width(" ".join(words), size)
                out.append(_Line(words, layout.left + (text_width - w) / 2, w, size, align="centre"))
            out[0].gap_before = size * (1.0 if para.kind != "centre" else 0.2)
            return out
        if para.kind in ("left", "chapeau", "heading-left", "preamble", "text"):
            indent = size * 2.5 if para.kind in ("preamble", "text") else 0.0
            lines = self._wrap(write, text_width - indent, size)
            align = "justify" if layout.justified else "left"
            out = [_Line(words, layout.left, text_width, size, align=align) for words in lines]
            out[0].x += indent
            out[0].width -= indent
            out[-1].align = "left"
            out[0].gap_before = size * 0.8
            return out
        # numbered (and bullets): hanging label in the margin or inline at the first line
        step = size * 2.2
        depth = para.level
        if layout.hanging:
            text_x = layout.left + step * depth
            label_x = text_x - step
            lines = self._wrap(write, PAGE_WIDTH - layout.right - text_x, size)
            out = [_Line(words, text_x, PAGE_WIDTH - layout.right - text_x, size,
                         align="justify" if layout.justified else "left") for words in lines]  # fmt: skip
            out[0].label, out[0].label_x = label, label_x
        else:
            text_x = layout.left + step * max(depth - 1, 0)
            lines = self._wrap(f"{label} {write}", PAGE_WIDTH - layout.right - text_x, size)
            out = [_Line(words, text_x, PAGE_WIDTH - layout.right - text_x, size,
                         align="justify" if layout.justified else "left") for words in lines]  # fmt: skip
        out[-1].align = "left"
        out[0].gap_before = size * 0.6
        for line in out:
            letters = [c for c in " ".join(line.words) if c.isalpha()]
            line.caps = len(letters) > 8 and all(c.isupper() for c in letters)
        return out

    # -- pages ----------------------------------------------------------------------------------
    def _body_bottom(self) -> float:
        notes = len(self.page_notes)
        return PAGE_HEIGHT - self.layout.bottom - (notes * self.size * 0.9 + (self.size if notes else 0))

    def _start_page(self, first: bool = False) -> None:
        if not first:
            self._finish_page()
            self.producer.new_page()
            self.page += 1
        self.page_notes = []
        self.y = self.layout.top
        if not first:
            self._draw_header()

    def _draw_header(self) -> None:
        layout, size = self.layout, self.size * 0.85
        symbol, date = self.sample.paras[0].text, self.sample.paras[1].text
        top = layout.top - 3.2 * size
        if layout.header == "dash":
            mark = f"- {self.page} -"
            self.producer.draw((PAGE_WIDTH - self._width(mark, size)) / 2, top, mark, size)
            for n, text in enumerate([symbol, date] + (["Annex"] if self.in_annex else [])):
                w = self._width(text, size)
                self.producer.draw(PAGE_WIDTH - layout.right - w, top + (n + 1) * size * 1.1, text, size)
            self.y = max(self.y, top + 5 * size * 1.1)
        elif layout.header == "page-of":
            self.producer.draw(layout.left, top, symbol, size)
            self.producer.draw(layout.left, top + size * 1.1, date, size)
            if self.in_annex:
                self.producer.draw(PAGE_WIDTH - layout.right - self._width("Annex", size), top, "Annex", size)
        elif layout.header == "symbol-line":
            text = f"- {self.page} -    {symbol}    {date}" + ("    Annex" if self.in_annex else "")
            self.producer.draw((PAGE_WIDTH - self._width(text, size)) / 2, top, text, size)

    def _finish_page(self) -> None:
        layout, size = self.layout, self.size * 0.85
        note_size = self.size * 0.8
        y = PAGE_HEIGHT - layout.bottom - len(self.page_notes) * self.size * 0.9 + note_size
        for mark in self.page_notes:
            text = self.sample.footnotes[mark]
            text = text.translate(_ASCII) if layout.ascii_only else text
            self.producer.draw(layout.left, y - note_size * 0.35, mark, note_size * 0.7)
            self.producer.draw(layout.left + note_size * 0.9, y, text, note_size)
            y += self.size * 0.9
        foot = PAGE_HEIGHT - layout.bottom + 2.2 * size
        if layout.footer in ("journal", "both") and self.page == 1:
            self.producer.draw(layout.left, foot, "MC21EW45", size * 0.9)
        if layout.footer in ("number", "both") or layout.header == "page-of":
            text = f"Page {self.page} of {self.pages}" if layout.header == "page-of" else str(self.page)
            self.producer.draw((PAGE_WIDTH - self._width(text, size)) / 2, foot + size * 1.4, text, size)

    def _draw_line(self, line: _Line) -> None:
        producer, size = self.producer, line.size
        if line.label:
            producer.draw(line.label_x, self.y, line.label, size)
        space = self._width(" ", size)
        if line.align == "justify" and len(line.words) > 1:
            natural = sum(self._width(w, size) for w in line.words)
            space = max(space, (line.width - natural) / (len(line.words) - 1))
        if (
            line.align != "justify"
            and not self.layout.words_drawn_one_by_one
            and not _MARKER.search(" ".join(line.words))
        ):
            producer.draw(line.x, self.y, " ".join(line.words), size)
            return
        x = line.x
        for word in line.words:
            plain = _MARKER.sub("", word)
            producer.draw(x, self.y, plain, size)
            x += self._width(plain, size)
            for mark in _MARKER.findall(word):
                producer.draw(x + 0.5, self.y - size * 0.38, mark, size * 0.6)
                x += self._width(mark, size * 0.6) + 0.5
            x += space

    def run(self) -> bytes:
        self._start_page(first=True)
        layout = self.layout
        caps_moved = False
        for para in self.sample.paras:
            if para.kind in ("heading", "statement") and para.text == "ANNEX":
                self.in_annex = True
            if para.kind == "statement":
                self.in_annex = False
            lines = self._paragraph_lines(para)
            if para.new_page and (para.kind == "statement" or layout.annex_new_page):
                self._start_page()
            for index, line in enumerate(lines):
                self.line_number += 1
                notes = _MARKER.findall(" ".join(line.words))
                gap = line.gap_before if self.y > layout.top + 1 else 0.0
                needed = gap + self.leading + len(notes) * self.size * 0.9
                forced = self.line_number in layout.breaks
                if layout.caps_at_top and line.caps and index > 0 and not caps_moved:
                    forced, caps_moved = True, True
                if forced or self.y + needed > self._body_bottom():
                    self._start_page()
                    gap = 0.0
                elif (
                    layout.orphan_number
                    and layout.hanging
                    and index == 0
                    and line.label
                    and self.y + gap + 2 * self.leading > self._body_bottom()
                ):
                    # The number alone at the foot of the page, its text on the next one.
                    self.y += gap + self.leading
                    self.producer.draw(line.label_x, self.y, line.label, line.size)
                    line.label = ""
                    self._start_page()
                    gap = 0.0
                self.y += gap + self.leading
                self.page_notes.extend(notes)
                self._draw_line(line)
        self._finish_page()
        return self.producer.output()


def render(sample: Sample, layout: Layout) -> bytes:
    """``sample`` printed in ``layout``, as the bytes of a PDF."""
    if layout.header != "page-of":
        return _Typesetter(sample, layout).run()
    counting = _Typesetter(sample, layout, pages=99)
    counting.run()
    return _Typesetter(sample, layout, pages=counting.page).run()


def expected_text(sample: Sample, layout: Layout) -> list[tuple[str, str, bool]]:
    """What the importer must return for ``sample`` printed in ``layout`` (core fonts print
    typographic quotes and dashes as their ASCII look-alikes)."""
    if not layout.ascii_only:
        return sample.expected
    # The importer writes every bullet as an em dash, whatever dash the PDF printed.
    return [
        (label, text.translate(_ASCII).replace("\n- ", "\n— "), preamble)
        for label, text, preamble in sample.expected
    ]
