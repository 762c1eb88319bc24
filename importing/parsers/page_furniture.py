"""What a printed OSCE document repeats on its pages, and the title block of its first page.

Running headers (``- 2 - MC.DOC/2/05 / 6 December 2005 / Annex``), page numbers and journal
codes (``MC13EW53``) are removed before segmentation; the symbol and date they carry are
kept as metadata. Each line removed is told to the ``TextAccount``.
"""

import re
from dataclasses import dataclass, field

from documents.dates import PartialDate, parse_date_phrase
from documents.symbols import SYMBOL_PATTERN, normalize_symbol
from importing.parsers.lines import SourceLine, TextAccount
from importing.parsers.segmentation import is_caps_heading

_PAGE_HEADER = re.compile(r"^\s*-\s*(\d{1,4})\s*-\s*(.*)$")
PAGE_NUMBER = re.compile(
    r"^\s*(?:-\s*)?\d{1,4}(?:\s*-)?\s*$|^\s*Page \d+(?: of \d+)?\s*$|^\s*\d{1,4}\s*/\s*\d{1,4}\s*$", re.I
)
# The distribution code the OSCE prints at the foot of a document's first page (MC13EW53).
JOURNAL_CODE = re.compile(r"^\s*[A-Z]{2,6}\d{1,3}[A-Z]{1,4}\d{1,4}[A-Za-z]?\s*$")
HEADER_PART = re.compile(r"^(Annex(\s+\S+)?|Attachment(\s+\S+)?|Original:\s*\S+|\S+ only)$", re.I)
_ORIGINAL = re.compile(r"^original:", re.I)
_CHAPTER_OR_NUMBER = re.compile(r"^(Chapter|CHAPTER|Part|PART|Section|SECTION)\s|^1\.?\s+[A-Z]")
_OPENING = re.compile(r"^The (Ministerial|Permanent) Council,?$|^The (Forum|Chairmanship)\b.*,$")
_PLACE_YEAR = re.compile(r"^([A-Z][a-zà-ž]+(?:[ -][A-Z][a-zà-ž]+)?)\s+(\d{4})$")
_BODIES = {
    "ministerial council": "ministerial_council",
    "permanent council": "permanent_council",
    "forum for security co-operation": "other",
    "economic and environmental forum": "economic_environmental_forum",
}
_ORGANIZATION = re.compile(r"^(organization|conference) (for|on) security and co-?operation in europe$", re.I)


@dataclass
class TitleBlock:
    """Metadata printed at the top of the first page and in the running headers."""

    title: str = ""
    subtitle: str = ""
    symbol: str = ""
    date: PartialDate | None = None
    place: str = ""
    body: str = ""
    journal_code: str = ""
    original_language: str = ""
    header_symbols: list[str] = field(default_factory=list)


def _is_symbol(line: str) -> bool:
    match = SYMBOL_PATTERN.fullmatch(line.strip())
    return bool(match)


def is_furniture_text(text: str) -> bool:
    """A page number, a journal code, or a part of a running header (symbol, date, Annex)."""
    stripped = " ".join(text.split())
    return bool(
        PAGE_NUMBER.match(stripped)
        or JOURNAL_CODE.match(stripped)
        or _is_symbol(stripped)
        or HEADER_PART.match(stripped)
        or (parse_date_phrase(stripped) and not stripped.isdigit())
    )


def strip_page_furniture(
    lines: list[SourceLine], block: TitleBlock, account: TextAccount
) -> list[SourceLine]:
    """Lines without running headers and page numbers; header symbols/dates go into ``block``.

    Lines of plain text get the page they stand on: a form feed or a ``- N -`` header
    starts a new page.
    """
    kept: list[SourceLine] = []
    in_header = 0
    page = 1
    for line in lines:
        if "\f" in line.text:
            page += line.text.count("\f")
            line.text = line.text.replace("\f", "")
        line.text = line.text.rstrip()
        line.page = line.page or page
        stripped = line.text.strip()
        if line.furniture:
            _read_furniture_line(stripped, block)
            account.assign(line, "metadata" if JOURNAL_CODE.match(stripped) else "page_furniture")
            continue
        header = _PAGE_HEADER.match(line.text)
        if header:
            page = int(header.group(1))
            line.page = page
            rest = header.group(2).strip()
            if rest and _is_symbol(rest):
                block.header_symbols.append(normalize_symbol(rest))
            account.assign(line, "page_furniture")
            in_header = 4
            continue
        if in_header and stripped:
            in_header -= 1
            if _is_symbol(stripped):
                block.header_symbols.append(normalize_symbol(stripped))
                account.assign(line, "page_furniture")
                continue
            if parse_date_phrase(stripped) or HEADER_PART.match(stripped):
                if not block.date and parse_date_phrase(stripped):
                    block.date = parse_date_phrase(stripped)
                account.assign(line, "page_furniture")
                continue
            in_header = 0
        if stripped and PAGE_NUMBER.match(line.text):
            account.assign(line, "page_furniture")
            continue
        if stripped and JOURNAL_CODE.match(stripped):
            block.journal_code = block.journal_code or stripped
            account.assign(line, "metadata")
            continue
        kept.append(line)
    return kept


def _read_furniture_line(text: str, block: TitleBlock) -> None:
    """Symbols, a date and a journal code from a line the PDF's layout found in a header or footer."""
    for match in SYMBOL_PATTERN.finditer(text):
        block.header_symbols.append(normalize_symbol(match.group()))
    if JOURNAL_CODE.match(text):
        block.journal_code = block.journal_code or text
    for part in re.split(r"\s{3,}| / ", text):
        date = parse_date_phrase(part.strip())
        if date and not block.date and not part.strip().isdigit():
            block.date = date


def split_title_block(lines: list[SourceLine], block: TitleBlock, account: TextAccount) -> list[SourceLine]:
    """Read the first page's title block into ``block``; return the lines after it."""
    title: list[SourceLine] = []

    def finish(rest: list[SourceLine]) -> list[SourceLine]:
        block.title = " ".join(" ".join(line.text.split()) for line in title)
        for line in title:
            account.assign(line, "headings")
        return rest

    for index, source in enumerate(lines):
        line = " ".join(source.text.split())
        if not line:
            continue
        if _CHAPTER_OR_NUMBER.match(line) or (_OPENING.match(line) and title):
            return finish(lines[index:])
        if title:
            if is_caps_heading(line):
                title.append(source)
                continue
            if len(line) < 120 and not line.endswith((",", ":", ";")):
                # The subtitle, with the lines it wraps onto (up to a blank line).
                end = index + 1
                while (
                    end < len(lines)
                    and lines[end].text.strip()
                    and not _CHAPTER_OR_NUMBER.match(lines[end].text.strip())
                ):
                    end += 1
                subtitle = lines[index:end]
                block.subtitle = " ".join(" ".join(x.text.split()) for x in subtitle)
                for part in subtitle:
                    account.assign(part, "headings")
                return finish(lines[end:])
            return finish(lines[index:])
        if is_caps_heading(line):
            title.append(source)
            continue
        _read_metadata_line(line, block)
        account.assign(source, "metadata")
    return finish([])


def _read_metadata_line(line: str, block: TitleBlock) -> None:
    """One line of the title block above the title: symbol, date, place, body, language."""
    if _ORIGINAL.match(line):
        block.original_language = line.split(":", 1)[1].strip()
    elif _is_symbol(line):
        block.symbol = block.symbol or normalize_symbol(line)
    elif date := parse_date_phrase(line):
        block.date = block.date or date
    elif place := _PLACE_YEAR.match(line):
        block.place = place.group(1)
    elif line.lower() in _BODIES:
        block.body = _BODIES[line.lower()]
    elif JOURNAL_CODE.match(line):
        block.journal_code = block.journal_code or line
    # Anything else above the title (the organization's name, the meeting and its journal
    # number, the decision's number) describes the document, not its text.
