"""The layout of the study's extracted text: body, sections, footnotes, footnote markers.

Each page of the extraction ends with a rule (a long line of spaces) and the page's
footnotes; the next page starts with a line indented by one space. The running footer
(``SOG · Migration-a new challenge? · 2016``) and page numbers are dropped.
"""

import re
from dataclasses import dataclass, field

from importing.parsers.deadline import check_deadline
from importing.parsers.wrapping import LineJoiner

_RULE = re.compile(r"^ {40,}$")
_FOOTNOTE_START = re.compile(r"^\s*(\d{1,3})\s+(\S.*)$")
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_SECTION = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){0,3})\.\s+([A-Z][A-Z0-9 ,&’'\-–]+)\s*$")
_HEADING_TAIL = re.compile(r"^\s*[A-Z][A-Z0-9 ,&’'\-–]+\s*$")
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
    # Where each paragraph of the body starts, in order (offsets in ``text``).
    paragraphs: list[int] = field(default_factory=list)

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
    heading_open = False
    current: int | None = None
    # Each footnote as its pieces, joined at the end: adding to one string copies it each time.
    footnote_pieces: dict[int, list[str]] = {}
    for raw in text.split("\n"):
        check_deadline()
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
            last = current or 0  # numbers only grow: the last footnote is the highest
            # Footnotes lost in extraction leave gaps; a smaller number is a wrapped date.
            if start and last < int(start.group(1)) <= last + 40:
                current = int(start.group(1))
                footnote_pieces[current] = [start.group(2)]
                continue
            if line.startswith(" ") and not line.startswith("  "):
                in_footnotes = False  # the next page's first line
            elif current is not None:
                _add_footnote_line(footnote_pieces[current], line)
                continue
        if _PAGE_NUMBER.match(line) and line.strip():
            continue
        section = _SECTION.match(line)
        if section:
            section_marks.append((len(body_lines), section.group(1), section.group(2)))
            heading_open = True
            continue
        if heading_open and line.strip():
            heading_open = _HEADING_TAIL.match(line) is not None
            if heading_open:  # a heading wrapped onto the next line
                index, number, heading = section_marks[-1]
                joint = "" if heading.endswith("-") else " "
                section_marks[-1] = (index, number, f"{heading}{joint}{line.strip()}")
                continue
        body_lines.append(raw)  # trailing spaces kept: two of them end a paragraph
    layout.footnotes = {number: "".join(pieces) for number, pieces in footnote_pieces.items()}

    joiner = LineJoiner.for_lines(body_lines)
    width = _line_width(body_lines)
    pieces: list[str] = []
    offset = 0
    marks = iter(section_marks + [(len(body_lines) + 1, "", "")])
    next_mark = next(marks)
    chunk: list[str] = []
    for index in range(len(body_lines) + 1):
        while index == next_mark[0]:
            offset = _emit(pieces, joiner, chunk, offset, layout.paragraphs, width)
            chunk = []
            if next_mark[1]:
                layout.sections.append(Section(next_mark[1], " ".join(next_mark[2].split()), offset))
            next_mark = next(marks, (len(body_lines) + 2, "", ""))
        if index < len(body_lines):
            chunk.append(body_lines[index])
    _emit(pieces, joiner, chunk, offset, layout.paragraphs, width)
    layout.text = "".join(pieces)
    layout.markers = _find_markers(layout.text)
    return layout


def _emit(
    pieces: list[str], joiner: LineJoiner, chunk: list[str], offset: int, starts: list[int], width: int
) -> int:
    """Append one section's body as one line of text; record where its paragraphs start."""
    texts = [joiner.join(lines).replace("\n", " ") for lines in _split_paragraphs(chunk, width)]
    texts = [text for text in texts if text]
    if not texts:
        return offset
    for text in texts:
        starts.append(offset)
        offset += len(text) + 1
    pieces.append(" ".join(texts) + "\n\n")
    return offset + 1


_ENDS_PARAGRAPH = re.compile(r"[.!?:”\"]\d{0,3}$")
_LIST_ITEM = re.compile(r"^\s*\d{1,3}\.\s")


def _line_width(lines: list[str]) -> int:
    """The width of a full line of the body: most lines are full, so a high quantile."""
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    return lengths[int(len(lengths) * 0.8)] if lengths else 0


def _split_paragraphs(chunk: list[str], width: int) -> list[list[str]]:
    """The lines of a section as paragraphs. The extraction marks paragraph breaks only by
    two trailing spaces, and not always: a paragraph ends with a sentence on a line that is
    short or ends in two spaces; a line after a line of spaces, above a numbered list (the
    study's list of interviews), is the list's title."""
    paragraphs: list[list[str]] = [[]]
    blank_before = False
    lines = list(chunk)
    # The next line with text after each line, found in one pass from the end.
    following_text = [""] * len(lines)
    after = ""
    for index in range(len(lines) - 1, -1, -1):
        following_text[index] = after
        if lines[index].strip():
            after = lines[index]
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            # Extraction puts an empty line after every line; a line of spaces is a real gap.
            blank_before = blank_before or raw != ""
            continue
        following = following_text[index]
        titles_list = blank_before and not _LIST_ITEM.match(line) and bool(_LIST_ITEM.match(following))
        if titles_list and paragraphs[-1]:
            paragraphs.append([])
        paragraphs[-1].append(raw)
        if _ENDS_PARAGRAPH.search(line) and (len(line) < width * 0.8 or raw.endswith("  ")):
            paragraphs.append([])
        blank_before = False
    return [lines for lines in paragraphs if lines]


def _add_footnote_line(pieces: list[str], line: str) -> None:
    line = line.strip()
    pieces.append(line if pieces[-1].endswith("-") else f" {line}")


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
