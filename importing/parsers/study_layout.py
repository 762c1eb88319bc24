"""The layout of the study's extracted text: body, sections, footnotes, footnote markers.

Each page of the extraction ends with a rule (a long line of spaces) and the page's
footnotes; the next page starts with a line indented by one space. The running footer
(``SOG · Migration-a new challenge? · 2016``) and page numbers are dropped.
"""

import re
from dataclasses import dataclass, field

from importing.parsers.wrapping import LineJoiner

_RULE = re.compile(r"^ {40,}$")
_FOOTNOTE_START = re.compile(r"^\s*(\d{1,3})\s+(\S.*)$")
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_SECTION = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){0,3})\.\s+([A-Z][A-Z0-9 ,&’'\-–]+)\s*$")
_FOOTER = re.compile(r"^\s*(?P<short>[A-Z][A-Za-z]{1,10})\s+·\s+(?P<title>.+?)\s+·\s+(?P<year>\d{4})\s*$")
# A footnote marker: a number right after a word, a quotation mark or punctuation, not
# part of a decimal (3.5 million) or a longer number (2016), though it may follow a year
# ending a sentence (20 July 2016.89).
_BEFORE_MARKER = r"[A-Za-z\]”\").,;:)’]"
_MARKER = re.compile(
    rf"(?<!(?<!\d)\d[.,])(?<!(?<!\d)\d\d[.,])(?<!(?<!\d)\d\d\d[.,])(?<![\d/])(?:(?<={_BEFORE_MARKER})|(?<={_BEFORE_MARKER}\s))"
    r"(\d{1,3})(?=\s|$|[;:)]|[.,](?!\d))"
)


@dataclass
class Footer:
    short: str
    title: str
    year: int


@dataclass
class Section:
    number: str
    heading: str
    start: int  # offset in StudyLayout.text


@dataclass
class StudyLayout:
    """The body as one text with its sections and footnote markers, and the footnotes."""

    text: str = ""
    sections: list[Section] = field(default_factory=list)
    footnotes: dict[int, str] = field(default_factory=dict)
    markers: list[tuple[int, int]] = field(default_factory=list)  # (footnote number, offset)
    footer: Footer | None = None

    def section_at(self, offset: int) -> Section | None:
        current = None
        for section in self.sections:
            if section.start > offset:
                break
            current = section
        return current


def read_layout(text: str) -> StudyLayout:
    """Split the study's text into body (with sections and markers) and footnotes."""
    layout = StudyLayout()
    body_lines: list[str] = []
    section_marks: list[tuple[int, str, str]] = []  # (body line index, number, heading)
    in_footnotes = False
    current: int | None = None
    for raw in text.split("\n"):
        line = raw.rstrip()
        footer = _FOOTER.match(line)
        if footer:
            layout.footer = layout.footer or Footer(footer["short"], footer["title"], int(footer["year"]))
            in_footnotes = False
            continue
        if _RULE.match(raw):
            in_footnotes = True
            continue
        if in_footnotes:
            if not line.strip():
                continue
            start = _FOOTNOTE_START.match(line)
            last = max(layout.footnotes, default=0)
            # Footnotes lost in extraction leave gaps; a smaller number is a wrapped date.
            if start and last < int(start.group(1)) <= last + 40:
                current = int(start.group(1))
                layout.footnotes[current] = start.group(2)
                continue
            if line.startswith(" ") and not line.startswith("  "):
                in_footnotes = False  # the next page's first line
            elif current is not None:
                layout.footnotes[current] = _join_footnote(layout.footnotes[current], line)
                continue
        if _PAGE_NUMBER.match(line) and line.strip():
            continue
        section = _SECTION.match(line)
        if section:
            section_marks.append((len(body_lines), section.group(1), section.group(2)))
            continue
        body_lines.append(line)

    joiner = LineJoiner.for_lines(body_lines)
    pieces: list[str] = []
    offset = 0
    marks = iter(section_marks + [(len(body_lines) + 1, "", "")])
    next_mark = next(marks)
    chunk: list[str] = []
    for index in range(len(body_lines) + 1):
        while index == next_mark[0]:
            offset = _emit(pieces, joiner, chunk, offset)
            chunk = []
            if next_mark[1]:
                layout.sections.append(Section(next_mark[1], " ".join(next_mark[2].split()), offset))
            next_mark = next(marks, (len(body_lines) + 2, "", ""))
        if index < len(body_lines):
            chunk.append(body_lines[index])
    _emit(pieces, joiner, chunk, offset)
    layout.text = "".join(pieces)
    layout.markers = _find_markers(layout.text)
    return layout


def _emit(pieces: list[str], joiner: LineJoiner, chunk: list[str], offset: int) -> int:
    text = joiner.join([line for line in chunk if line.strip()]).replace("\n", " ")
    if not text:
        return offset
    text += "\n\n"
    pieces.append(text)
    return offset + len(text)


def _join_footnote(text: str, line: str) -> str:
    line = line.strip()
    if text.endswith("-"):
        return text + line
    return f"{text} {line}"


def _find_markers(text: str) -> list[tuple[int, int]]:
    """Footnote markers in order: each must be the next number (a few may have been lost)."""
    markers = []
    expected = 1
    for match in _MARKER.finditer(text):
        number = int(match.group(1))
        if expected <= number <= expected + 3:
            markers.append((number, match.start(1)))
            expected = number + 1
    return markers
