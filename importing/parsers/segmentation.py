"""Numbered provisions recovered from the lines of an OSCE document, whatever it was read from.

Plain text and PDF both arrive here as lines (running headers and page numbers already
removed by ``importing.parsers.page_furniture``). ``segment_provisions`` walks them once,
recognising chapter headings, numbered paragraphs (``1``, ``2.3``), annexes with lettered
sections and their items (``Annex C.1``, ``Annex C.1(iv)``), em-dash bullets that belong to the
paragraph above, and statements attached to the document. A number only opens a provision
when it is the next one in sequence, so a line that merely starts with a number (a wrapped
date, "35 of the Strategy") stays text.
"""

import re
from dataclasses import dataclass, field

from commitments.operative import read_provision
from importing.parsed import ParsedAttachment, ParsedProvision
from importing.parsers.titles import sentence_title, title_case
from importing.parsers.wrapping import LineJoiner

HEADING_SEPARATOR = " › "

_CHAPTER = re.compile(r"^(?:Chapter|CHAPTER|Part|PART|Section|SECTION)\s+(?:[IVXLC]+|\d+)\b")
_NUMBERED = re.compile(r"^(\d{1,4}(?:\.\d{1,3})*)(?:\.\s*|\s+)(?=[A-Z(“\"‘'])")
_MID_LINE_NUMBER = re.compile(r"(?<=[.;:])\s+(\d{1,4}(?:\.\d{1,3})*)\.\s+(?=[A-Z])")
_LETTERED = re.compile(r"^([A-Z])\.\s+(?=\S)")
_ROMAN_ITEM = re.compile(r"^\((i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii|xiii|xiv|xv)\)\s+(?=\S)")
_STATEMENT = re.compile(r"\b(STATEMENT|ATTACHMENT|RESERVATION|DECLARATION BY)\b")
_ANNEX = re.compile(r"^ANNEX(?:\s+(\d+|[A-Z]))?\b[\s:.–—-]*(.*)$", re.I)
_SYMBOL_LINE = re.compile(r"^[A-Z]{2,5}(?:\(\d+\))?\.[A-Z]{2,5}/\S+$")
_ROMANS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]


@dataclass
class Segmentation:
    """Provisions in document order, attached statements, and the whole cleaned text."""

    provisions: list[ParsedProvision] = field(default_factory=list)
    attachments: list[ParsedAttachment] = field(default_factory=list)
    full_text: str = ""


def is_caps_heading(line: str) -> bool:
    """A line in capitals that is not a symbol: a title, an annex or a statement heading."""
    stripped = line.strip()
    letters = [c for c in stripped if c.isalpha()]
    return (
        len(letters) >= 4
        and all(c.isupper() for c in letters)
        and not _SYMBOL_LINE.match(stripped)
        and not _NUMBERED.match(stripped)
    )


@dataclass
class _Open:
    label: str
    heading: str
    lines: list[str]
    parent: str = ""


class _Segmenter:
    def __init__(self, lines: list[str]):
        self.lines = lines
        self.joiner = LineJoiner.for_lines(lines)
        self.result = Segmentation()
        self.blocks: list[str] = []
        self.part = "body"  # body | annex | attachment
        self.chapter = ""
        self.chapter_open = False
        self.section = ""
        self.annex_prefix = ""
        self.annex_title = ""
        self.annex_count = 0
        self.letter = ""
        self.letter_heading = ""
        self.last_number: tuple[int, ...] | None = None
        self.last_item = 0
        self.last_roman = 0
        self.open: _Open | None = None
        self.loose: list[str] = []
        self.attachment_title: list[str] = []
        self.attachment_lines: list[str] = []
        self.texts: dict[str, str] = {}

    # -- driving --------------------------------------------------------------------------
    def run(self) -> Segmentation:
        queue = list(self.lines)
        i = 0
        while i < len(queue):
            line = queue[i]
            i += 1
            rest = self._split_mid_line(line)
            if rest is not None:
                head, tail = rest
                queue[i:i] = [tail]
                line = head
            self._consume(line)
        self._close_open()
        self._flush_loose()
        self._close_attachment()
        self.result.full_text = "\n\n".join(b for b in self.blocks if b)
        return self.result

    def _consume(self, raw: str) -> None:
        line = raw.strip()
        if not line:
            if self.part == "attachment":
                self.attachment_lines.append("")
            return
        if self.part == "attachment":
            if is_caps_heading(line) and not any(self.attachment_lines):
                self.attachment_title.append(line)
            elif is_caps_heading(line) and _STATEMENT.search(line.upper()):
                self._close_attachment()
                self.attachment_title = [line]
            else:
                self.attachment_lines.append(raw)
            return
        if self.chapter_open and line[:1].islower():
            # A chapter heading wrapped onto the next line continues in lower case.
            self.chapter = f"{self.chapter} {line}"
            self.blocks[-1] = self.chapter
            return
        self.chapter_open = False
        if self._heading(line):
            return
        if self._provision_start(line):
            return
        if self.open is not None:
            self.open.lines.append(line)
        else:
            self.loose.append(line)

    # -- headings -------------------------------------------------------------------------
    def _heading(self, line: str) -> bool:
        if _CHAPTER.match(line):
            self._close_open()
            self._flush_loose()
            self.chapter = line
            self.section = ""
            self.chapter_open = True
            self.blocks.append(line)
            return True
        if is_caps_heading(line):
            self._close_open()
            self._flush_loose()
            upper = line.upper()
            if _STATEMENT.search(upper) and self.last_number is not None:
                self._close_attachment()
                self.part = "attachment"
                self.attachment_title = [line]
                return True
            annex = _ANNEX.match(line)
            if annex:
                self._start_annex(annex.group(1) or "", annex.group(2))
            elif self.part == "body" and self.last_number is not None:
                self._start_annex("", line)
            elif self.part == "annex" and not self.last_item and not self.letter:
                self.annex_title = f"{self.annex_title} {line}".strip() if self.annex_title else line
            else:
                self.section = sentence_title(line)
            self.blocks.append(line)
            return True
        return False

    def _start_annex(self, number: str, title: str) -> None:
        self.part = "annex"
        self.annex_count += 1
        self.annex_prefix = f"Annex {number} " if number else "Annex "
        self.annex_title = title.strip()
        self.letter = ""
        self.letter_heading = ""
        self.last_item = 0
        self.last_roman = 0

    def _heading_path(self) -> str:
        if self.part == "annex":
            annex = self.annex_prefix.strip()
            if self.annex_title:
                annex = f"{annex}: {sentence_title(self.annex_title)}"
            parts = [annex, self.letter_heading]
        else:
            parts = [self.chapter, self.section]
        return HEADING_SEPARATOR.join(p for p in parts if p)

    # -- provisions -----------------------------------------------------------------------
    def _provision_start(self, line: str) -> bool:
        if self.part == "annex":
            return self._annex_item(line)
        match = _NUMBERED.match(line)
        if not match:
            return False
        number = tuple(int(n) for n in match.group(1).split("."))
        if number not in _successors(self.last_number):
            return False
        self._close_open()
        self._flush_loose()
        self.last_number = number
        label = ".".join(str(n) for n in number)
        parent = ".".join(str(n) for n in number[:-1])
        self.open = _Open(label, self._heading_path(), [line[match.end() :]], parent)
        return True

    def _annex_item(self, line: str) -> bool:
        letter = _LETTERED.match(line)
        expected_letter = chr(ord(self.letter) + 1) if self.letter else "A"
        if letter and letter.group(1) == expected_letter and not _ROMAN_ITEM.match(line):
            self._close_open()
            self._flush_loose()
            self.letter = letter.group(1)
            self.letter_heading = line.rstrip(":").strip()
            self.blocks.append(line)
            self.last_item = 0
            self.last_roman = 0
            return True
        numbered = re.match(r"^(\d{1,3})\.\s+(?=\S)", line)
        if numbered and int(numbered.group(1)) == self.last_item + 1:
            self._close_open()
            self._flush_loose()
            self.last_item += 1
            self.last_roman = 0
            base = f"{self.letter}.{self.last_item}" if self.letter else str(self.last_item)
            self.open = _Open(f"{self.annex_prefix}{base}", self._heading_path(), [line[numbered.end() :]])
            return True
        roman = _ROMAN_ITEM.match(line)
        if roman and self.last_item and _ROMANS.index(roman.group(1)) == self.last_roman:
            self._close_open()
            self._flush_loose()
            self.last_roman += 1
            base = f"{self.letter}.{self.last_item}" if self.letter else str(self.last_item)
            label = f"{self.annex_prefix}{base}({roman.group(1)})"
            self.open = _Open(
                label, self._heading_path(), [line[roman.end() :]], f"{self.annex_prefix}{base}"
            )
            return True
        return False

    def _split_mid_line(self, line: str) -> tuple[str, str] | None:
        """A provision number after a sentence, mid-line (a page break ate the line feed)."""
        if self.part != "body":
            return None
        for match in _MID_LINE_NUMBER.finditer(line):
            number = tuple(int(n) for n in match.group(1).split("."))
            if number in _successors(self.last_number) and match.start() > 0:
                return line[: match.start()], line[match.start() :].lstrip()
        return None

    def _close_open(self) -> None:
        if self.open is None:
            return
        text = self.joiner.join(self.open.lines)
        parent_text = self.texts.get(self.open.parent, "")
        self.texts[self.open.label] = text
        if text:
            reading = read_provision(text, context=f"{self.open.heading}. {parent_text}")
            self.result.provisions.append(
                ParsedProvision(
                    label=self.open.label,
                    heading=self.open.heading,
                    text=text,
                    is_commitment=reading.is_commitment,
                    preamble=reading.preamble,
                )
            )
            self.blocks.append(f"{self.open.label.removeprefix(self.annex_prefix)} {text}")
        self.open = None

    def _flush_loose(self) -> None:
        if self.loose:
            self.blocks.append(self.joiner.join(self.loose))
        self.loose = []

    def _close_attachment(self) -> None:
        if not self.attachment_title:
            return
        title = title_case(" ".join(self.attachment_title))
        text = self.joiner.join_paragraphs(self.attachment_lines)
        if text:
            self.result.attachments.append(ParsedAttachment(title=title, text=text))
            self.blocks.append(f"{title}\n\n{text}")
        self.attachment_title = []
        self.attachment_lines = []


def _successors(last: tuple[int, ...] | None) -> set[tuple[int, ...]]:
    if last is None:
        return {(1,)}
    following = {(*last, 1)}
    for depth in range(len(last)):
        following.add((*last[:depth], last[depth] + 1))
    return following


def segment_provisions(lines: list[str]) -> Segmentation:
    """Split the body lines of a document into provisions, attachments and the cleaned text."""
    return _Segmenter(lines).run()
