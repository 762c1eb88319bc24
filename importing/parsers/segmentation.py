"""Numbered provisions recovered from the lines of an OSCE document, whatever it was read from.

Plain text and PDF both arrive here as ``SourceLine``s (running headers and page numbers
already removed by ``importing.parsers.page_furniture``). ``segment_provisions`` walks them
once, recognising chapter headings, a decision's preamble, numbered paragraphs (``1``,
``2.3``) and their sub-paragraphs (``3(a)``, ``3(a)(ii)``), annexes with lettered sections and
their items (``Annex C.1``, ``Annex C.1(iv)``), em-dash bullets that belong to the paragraph
above, and statements attached to the document. A number only opens a provision when it is
the next one in sequence, or a little ahead of it at the start of a paragraph (a gap the
report names), so a line that merely starts with a number (a wrapped date, "35 of the
Strategy") stays text. Every line is told to the ``TextAccount`` with what it became.
"""

import re
from dataclasses import dataclass, field

from commitments.operative import read_provision
from importing.parsed import ParsedAttachment, ParsedProvision
from importing.parsers.deadline import check_deadline
from importing.parsers.lines import SourceLine, TextAccount, as_source_lines
from importing.parsers.titles import sentence_title, title_case
from importing.parsers.wrapping import LineJoiner

HEADING_SEPARATOR = " › "

_CHAPTER = re.compile(r"^(?:Chapter|CHAPTER|Part|PART|Section|SECTION)\s+(?:[IVXLC]+|\d+)\b")
_NUMBERED = re.compile(r"^(\d{1,4}(?:\.\d{1,3})*)(?:\.\s*|\s+)(?=[A-Z(“\"‘'])")
_LABEL_ONLY = re.compile(r"^(?:\d{1,4}(?:\.\d{1,3})*\.?|\((?:[a-z]|[ivx]{1,5})\)|[A-Z]\.|[—–•-])$")
# The line that ends a decision's preamble and opens its operative paragraphs.
_OPERATIVE = re.compile(r"^[A-Z][a-z]+s\b[^.;:]{0,60}:$")
_MID_LINE_NUMBER = re.compile(r"(?<=[.;:])\s+(\d{1,4}(?:\.\d{1,3})*)\.\s+(?=[A-Z])")
_LETTERED = re.compile(r"^([A-Z])\.\s+(?=\S)")
_LETTER_ITEM = re.compile(r"^\(([a-z])\)\s+(?=\S)")
_ROMAN_ITEM = re.compile(r"^\((i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii|xiii|xiv|xv)\)\s+(?=\S)")
_STATEMENT = re.compile(r"\b(STATEMENT|ATTACHMENT|RESERVATION|DECLARATION BY)\b")
_ANNEX = re.compile(r"^ANNEX(?:\s+(\d+|[A-Z]))?\b[\s:.–—-]*(.*)$", re.I)
_SYMBOL_LINE = re.compile(r"^[A-Z]{2,5}(?:\(\d+\))?\.[A-Z]{2,5}/\S+$")
_SENTENCE_END = re.compile(r"[.;:!?”\"’)]\s*$")
# "The Ministerial Council," opens a decision; its preamble runs until the operative verb.
_OPENING = re.compile(r"^The [A-Z][\w -]{2,60},$")
_ROMANS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]
# A heading wraps onto a few lines; past its column's length the lines after it are text (and
# a heading built up line by line over a whole file would make the parse quadratic).
_HEADING_CHARS = 500
# How far ahead of the expected number a paragraph may start (the report names the gap).
_MAX_SKIP = 3


@dataclass
class Segmentation:
    """Provisions in document order, attached statements, the whole cleaned text, and what
    looked wrong about the numbering."""

    provisions: list[ParsedProvision] = field(default_factory=list)
    attachments: list[ParsedAttachment] = field(default_factory=list)
    full_text: str = ""
    warnings: list[str] = field(default_factory=list)


def is_caps_heading(line: str) -> bool:
    """A line in capitals that is not a symbol: a title, an annex or a statement heading."""
    stripped = line.strip()
    return _all_capitals(stripped) and not _SYMBOL_LINE.match(stripped) and not _NUMBERED.match(stripped)


def _all_capitals(line: str) -> bool:
    # Most lines have a small letter: str.upper() finds out without a loop in Python.
    if line.upper() != line:
        return False
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


@dataclass
class _Open:
    label: str
    heading: str
    lines: list[SourceLine]
    first: str
    parent: str = ""
    preamble: bool = False


class _Segmenter:
    def __init__(self, lines: list[SourceLine], account: TextAccount):
        self.lines = lines
        self.account = account
        self.joiner = LineJoiner.for_lines([line.text for line in lines])
        self.result = Segmentation()
        self.blocks: list[str] = []
        self.part = "body"  # body | annex | attachment
        self.chapter = ""
        self.chapter_open = False
        self.section = ""
        self.annex_prefix = ""
        self.annex_title = ""
        self.letter = ""
        self.letter_heading = ""
        self.last_number: tuple[int, ...] | None = None
        self.last_item = 0
        self.base = ""  # the label sub-paragraphs hang from: "4", "Annex C.1"
        self.sub_letter = ""
        self.sub_roman = 0
        self.preamble_count = 0
        self.open: _Open | None = None
        self.loose: list[SourceLine] = []
        self.attachment_title: list[SourceLine] = []
        self.attachment_lines: list[SourceLine] = []
        self.texts: dict[str, str] = {}
        self.previous: SourceLine | None = None  # the last non-blank line consumed
        self.previous_was_heading = False
        self.blank_before = True

    # -- driving --------------------------------------------------------------------------
    def run(self) -> Segmentation:
        # Each line is visited once: a merge replaces one line ahead and skips the blank ones
        # before it, a split consumes its parts in turn; inserting into or deleting from the
        # list would copy the rest of it each time, quadratic in a long text.
        queue = list(self.lines)
        i = 0
        while i < len(queue):
            check_deadline()
            line = queue[i]
            i += 1
            if _LABEL_ONLY.match(line.text.strip()) and self.part != "attachment":
                # A number alone on its line (at the foot of a page, its text on the next one).
                following = next((j for j in range(i, len(queue)) if queue[j].text.strip()), None)
                if following is not None and not is_caps_heading(queue[following].text):
                    merged = queue[following]
                    queue[following] = SourceLine(
                        f"{line.text.strip()} {merged.text.strip()}",
                        page=line.page,
                        indent=line.indent,
                        key=merged.key,
                        borrowed=line.words + merged.borrowed,
                        footnote_markers=merged.footnote_markers,
                    )
                    self.account.assign(line, "provisions")
                    i = following
                    continue
            self._consume_parts(line)
        self._close_open()
        self._flush_loose(end=True)
        self._close_attachment()
        self.result.full_text = "\n\n".join(b for b in self.blocks if b)
        return self.result

    def _assign(self, line: SourceLine, share: str) -> None:
        self.account.assign(line, share)

    def _consume(self, line: SourceLine) -> None:
        text = line.text.strip()
        if not text:
            self.blank_before = True
            if self.part == "attachment":
                self.attachment_lines.append(line)
            return
        starts_paragraph = self.blank_before or line.indent
        self.blank_before = False
        previous, self.previous = self.previous, line
        previous_was_heading, self.previous_was_heading = self.previous_was_heading, False
        if self.part == "attachment":
            self._assign(line, "attachments")
            if _all_capitals(text) and not any(x.text.strip() for x in self.attachment_lines):
                self.attachment_title.append(line)
            elif is_caps_heading(text) and _STATEMENT.search(text.upper()):
                self._close_attachment()
                self.attachment_title = [line]
            else:
                self.attachment_lines.append(line)
            return
        if self.chapter_open and text[:1].islower() and len(self.chapter) < _HEADING_CHARS:
            # A chapter heading wrapped onto the next line continues in lower case.
            self.chapter = f"{self.chapter} {text}"
            self.blocks[-1] = self.chapter
            self._assign(line, "headings")
            self.previous_was_heading = True
            return
        self.chapter_open = False
        continues = line.continues or (
            not starts_paragraph
            and previous is not None
            and not _SENTENCE_END.search(previous.text)
            and not previous_was_heading
        )
        if not continues and self._heading(line):
            self.previous_was_heading = True
            return
        if self._provision_start(line, starts_paragraph=starts_paragraph):
            return
        if self.open is not None:
            self.open.lines.append(line)
            self._assign(line, "preamble" if self.open.preamble else "provisions")
        else:
            if starts_paragraph and self.loose:
                self.loose.append(SourceLine(""))
            self.loose.append(line)

    # -- headings -------------------------------------------------------------------------
    def _heading(self, line: SourceLine) -> bool:
        text = line.text.strip()
        if _CHAPTER.match(text):
            self._close_open()
            self._flush_loose()
            self.chapter = text
            self.section = ""
            self.chapter_open = True
            self.blocks.append(text)
            self._assign(line, "headings")
            return True
        if is_caps_heading(text):
            self._close_open()
            self._flush_loose()
            upper = text.upper()
            if _STATEMENT.search(upper) and (self.last_number is not None or self.part == "annex"):
                self._close_attachment()
                self.part = "attachment"
                self.attachment_title = [line]
                self._assign(line, "attachments")
                return True
            annex = _ANNEX.match(text)
            if annex:
                self._start_annex(annex.group(1) or "", annex.group(2))
            elif self.part == "body" and self.last_number is not None:
                self._start_annex("", text)
            elif (
                self.part == "annex"
                and not self.last_item
                and not self.letter
                and len(self.annex_title) < _HEADING_CHARS
            ):
                self.annex_title = f"{self.annex_title} {text}".strip() if self.annex_title else text
            else:
                self.section = sentence_title(text)
            self.blocks.append(text)
            self._assign(line, "headings")
            return True
        return False

    def _start_annex(self, number: str, title: str) -> None:
        self.part = "annex"
        self.annex_prefix = f"Annex {number} " if number else "Annex "
        self.annex_title = title.strip()
        self.letter = ""
        self.letter_heading = ""
        self.last_item = 0
        self.base = ""
        self.sub_letter = ""
        self.sub_roman = 0

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
    def _provision_start(self, line: SourceLine, *, starts_paragraph: bool) -> bool:
        text = line.text.strip()
        if self._sub_item(line, text):
            return True
        if self.part == "annex":
            return self._annex_item(line, text)
        match = _NUMBERED.match(text)
        if not match:
            return False
        number = tuple(int(n) for n in match.group(1).split("."))
        if number not in _successors(self.last_number):
            skipped = _skipped_to(self.last_number, number) if starts_paragraph else None
            if skipped is None:
                if starts_paragraph and _looks_like_a_label(self.last_number, number):
                    self._warn(line, f"a paragraph numbered {match.group(1)} after {self._last_label()} "
                               "was read as text")  # fmt: skip
                return False
            self._warn(line, f"the numbering jumps from {self._last_label()} to {match.group(1)}")
        self._close_open()
        self._flush_loose(before_provision=True)
        self.last_number = number
        label = ".".join(str(n) for n in number)
        parent = ".".join(str(n) for n in number[:-1])
        self._open(label, line, text[match.end() :], parent)
        return True

    def _open(self, label: str, line: SourceLine, first: str, parent: str = "", preamble: bool = False):
        self.base = label
        self.sub_letter = ""
        self.sub_roman = 0
        self.open = _Open(label, self._heading_path(), [], first, parent, preamble)
        self._assign(line, "preamble" if preamble else "provisions")
        self.open.lines.append(SourceLine(first, page=line.page, footnote_markers=line.footnote_markers))

    def _sub_item(self, line: SourceLine, text: str) -> bool:
        """``(a)`` under a paragraph, ``(i)`` under it or under its letter."""
        if not self.base:
            return False
        letter = _LETTER_ITEM.match(text)
        roman = _ROMAN_ITEM.match(text)
        expected_letter = chr(ord(self.sub_letter) + 1) if self.sub_letter else "a"
        expected_roman = _ROMANS[self.sub_roman] if self.sub_roman < len(_ROMANS) else ""
        is_letter = bool(letter) and letter.group(1) == expected_letter
        is_roman = bool(roman) and roman.group(1) == expected_roman
        if is_letter and is_roman:
            # "(i)" after "(h)" is the ninth letter, unless a list of numerals is open.
            is_letter = not self.sub_roman
            is_roman = not is_letter
        if not (is_letter or is_roman):
            return False
        self._close_open(keep_base=True)
        self._flush_loose()
        if is_letter:
            self.sub_letter, self.sub_roman = letter.group(1), 0
            parent, label, rest = self.base, f"{self.base}({letter.group(1)})", text[letter.end() :]
        else:
            self.sub_roman += 1
            parent = f"{self.base}({self.sub_letter})" if self.sub_letter else self.base
            label, rest = f"{parent}({roman.group(1)})", text[roman.end() :]
        self.open = _Open(label, self._heading_path(), [], rest, parent)
        self._assign(line, "provisions")
        self.open.lines.append(SourceLine(rest, page=line.page, footnote_markers=line.footnote_markers))
        return True

    def _annex_item(self, line: SourceLine, text: str) -> bool:
        letter = _LETTERED.match(text)
        expected_letter = chr(ord(self.letter) + 1) if self.letter else "A"
        if letter and letter.group(1) == expected_letter and not _ROMAN_ITEM.match(text):
            self._close_open()
            self._flush_loose(before_provision=True)
            self.letter = letter.group(1)
            self.letter_heading = text.rstrip(":").strip()
            self.blocks.append(text)
            self.last_item = 0
            self.base = ""
            self._assign(line, "headings")
            self.previous_was_heading = True
            return True
        numbered = re.match(r"^(\d{1,3})\.\s+(?=\S)", text)
        if numbered and int(numbered.group(1)) == self.last_item + 1:
            self._close_open()
            self._flush_loose(before_provision=True)
            self.last_item += 1
            base = f"{self.letter}.{self.last_item}" if self.letter else str(self.last_item)
            self._open(f"{self.annex_prefix}{base}", line, text[numbered.end() :])
            return True
        return False

    def _consume_parts(self, line: SourceLine) -> None:
        """Consume ``line``, split where a provision number follows a sentence mid-line (a page
        break ate the line feed). Whether a number is the next one depends on the parts
        consumed before it, so the line is searched on from each cut, never copied whole."""
        start = 0
        end = self._mid_line_number(line.text, 0)
        if end is None:
            self._consume(line)
            return
        head = SourceLine(line.text[:end[0]], page=line.page, indent=line.indent, continues=line.continues,
                          key=line.key)  # fmt: skip
        while end is not None:
            self._consume(head)
            start = end[1]
            end = self._mid_line_number(line.text, start)
            if end is not None:
                head = SourceLine(line.text[start : end[0]], page=line.page, key=line.key)
        self._consume(SourceLine(line.text[start:], page=line.page, key=line.key,
                                 footnote_markers=line.footnote_markers))  # fmt: skip

    def _mid_line_number(self, text: str, start: int) -> tuple[int, int] | None:
        """Where the part of ``text`` from ``start`` ends and the next provision starts, when a
        sentence in it is followed by that provision's number."""
        if self.part != "body":
            return None
        for match in _MID_LINE_NUMBER.finditer(text, start):
            number = tuple(int(n) for n in match.group(1).split("."))
            if number in _successors(self.last_number) and match.start() > start:
                return match.start(), match.start(1)
        return None

    def _last_label(self) -> str:
        return ".".join(str(n) for n in self.last_number) if self.last_number else "the start"

    def _warn(self, line: SourceLine, message: str) -> None:
        where = f"page {line.page}: " if line.page else ""
        self.result.warnings.append(f"{where}{message}")

    def _close_open(self, *, keep_base: bool = False) -> None:
        if self.open is None:
            return
        opened, self.open = self.open, None
        text = self.joiner.join([line.text for line in opened.lines])
        parent_text = self.texts.get(opened.parent, "")
        self.texts[opened.label] = text
        markers = [m for line in opened.lines for m in line.footnote_markers]
        if text:
            # The structure knows a decision's preamble (before "Decides:"); elsewhere the words decide.
            reading = read_provision(
                text, context=f"{opened.heading}. {parent_text}", preamble=True if opened.preamble else None
            )
            self.result.provisions.append(
                ParsedProvision(
                    label=opened.label,
                    heading=opened.heading,
                    text=text,
                    is_commitment=reading.is_commitment,
                    preamble=reading.preamble,
                    footnotes=markers,
                )
            )
            shown = opened.label.removeprefix(self.annex_prefix) if self.part == "annex" else opened.label
            self.blocks.append(text if opened.preamble else f"{shown} {text}")
        if not keep_base:
            self.base = ""

    def _flush_loose(self, *, before_provision: bool = False, end: bool = False) -> None:
        """Unnumbered text since the last provision or heading: a decision's preamble, the line
        introducing the paragraphs below it, or text the importer could not place."""
        if not self.loose:
            return
        loose, self.loose = self.loose, []
        paragraphs: list[list[SourceLine]] = [[]]
        for line in loose:
            if not line.text.strip():
                paragraphs.append([])
            elif _OPERATIVE.match(line.text.strip()):
                paragraphs.append([line])  # "Decides:" stands alone, whatever the spacing showed
                paragraphs.append([])
            else:
                paragraphs[-1].append(line)
        paragraphs = [p for p in paragraphs if p]
        in_preamble = self.last_number is None and self.part == "body" and before_provision
        if in_preamble:
            for index, paragraph in enumerate(paragraphs):
                text = self.joiner.join([line.text for line in paragraph])
                chapeau = (index == 0 and _OPENING.match(text)) or (
                    index == len(paragraphs) - 1 and text.endswith(":")
                )
                if chapeau:
                    for line in paragraph:
                        self._assign(line, "introductory")
                    self.blocks.append(text)
                    continue
                self.preamble_count += 1
                self.open = _Open(f"Preamble {self.preamble_count}", self._heading_path(), paragraph, "",
                                  preamble=True)  # fmt: skip
                for line in paragraph:
                    self._assign(line, "preamble")
                self._close_open()
            return
        share = "introductory" if before_provision else "unassigned"
        for line in loose:
            if line.text.strip() and share != "unassigned":
                self._assign(line, share)
        self.blocks.append(self.joiner.join([line.text for line in loose]))

    def _close_attachment(self) -> None:
        if not self.attachment_title:
            return
        title = title_case(" ".join(line.text.strip() for line in self.attachment_title))
        text = self.joiner.join_paragraphs([line.text for line in self.attachment_lines])
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


def _skipped_to(last: tuple[int, ...] | None, number: tuple[int, ...]) -> int | None:
    """How many numbers ``number`` skips after ``last``, if it is a little ahead; else None."""
    for expected in _successors(last):
        if len(expected) == len(number) and expected[:-1] == number[:-1]:
            skip = number[-1] - expected[-1]
            if 0 < skip <= _MAX_SKIP:
                return skip
    return None


def _looks_like_a_label(last: tuple[int, ...] | None, number: tuple[int, ...]) -> bool:
    """A number at a paragraph start that a reader would take for a paragraph number."""
    if last is None:
        return number == (1,) or len(number) > 1
    return len(number) <= len(last) + 1 and number[0] <= last[0] + 10


def segment_provisions(lines: list, account: TextAccount | None = None) -> Segmentation:
    """Split the body lines of a document into provisions, attachments and the cleaned text.

    ``lines`` are ``SourceLine``s or plain strings; ``account`` hears where each line went.
    """
    source = as_source_lines(lines)
    if account is None:
        account = TextAccount()
        account.register_all(source)
    return _Segmenter(source, account).run()
