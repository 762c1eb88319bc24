"""What a printed OSCE document repeats on its pages, and the title block of its first page.

Running headers (``- 2 - MC.DOC/2/05 / 6 December 2005 / Annex``) and page numbers are
removed before segmentation; the symbol and date they carry are kept as metadata.
"""

import re
from dataclasses import dataclass, field

from documents.dates import PartialDate, parse_date_phrase
from documents.symbols import SYMBOL_PATTERN, normalize_symbol
from importing.parsers.segmentation import is_caps_heading

_PAGE_HEADER = re.compile(r"^\s*-\s*(\d{1,4})\s*-\s*(.*)$")
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,4}(?:\s*-)?\s*$|^\s*Page \d+( of \d+)?\s*$", re.I)
_HEADER_PART = re.compile(r"^(Annex(\s+\S+)?|Attachment(\s+\S+)?|Original:\s*\S+|\S+ only)$", re.I)
_CHAPTER_OR_NUMBER = re.compile(r"^(Chapter|CHAPTER|Part|PART|Section|SECTION)\s|^1\.?\s+[A-Z]")
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
    header_symbols: list[str] = field(default_factory=list)


def _is_symbol(line: str) -> bool:
    match = SYMBOL_PATTERN.fullmatch(line.strip())
    return bool(match)


def strip_page_furniture(lines: list[str], block: TitleBlock) -> list[str]:
    """Lines without running headers and page numbers; header symbols/dates go into ``block``."""
    kept: list[str] = []
    in_header = 0
    for raw in lines:
        line = raw.replace("\f", "").rstrip()
        stripped = line.strip()
        header = _PAGE_HEADER.match(line)
        if header:
            rest = header.group(2).strip()
            if rest and _is_symbol(rest):
                block.header_symbols.append(normalize_symbol(rest))
            in_header = 4
            continue
        if in_header and stripped:
            in_header -= 1
            if _is_symbol(stripped):
                block.header_symbols.append(normalize_symbol(stripped))
                continue
            if parse_date_phrase(stripped) or _HEADER_PART.match(stripped):
                if not block.date and parse_date_phrase(stripped):
                    block.date = parse_date_phrase(stripped)
                continue
            in_header = 0
        if _PAGE_NUMBER.match(line) and stripped:
            continue
        kept.append(line)
    return kept


def split_title_block(lines: list[str], block: TitleBlock) -> list[str]:
    """Read the first page's title block into ``block``; return the lines after it."""
    title: list[str] = []
    for index, raw in enumerate(lines):
        line = " ".join(raw.split())
        if not line:
            continue
        if _CHAPTER_OR_NUMBER.match(line):
            block.title = " ".join(title)
            return lines[index:]
        if title:
            if is_caps_heading(line):
                title.append(line)
                continue
            block.title = " ".join(title)
            if len(line) < 120 and not line.endswith((",", ":", ";")):
                block.subtitle = line
                return lines[index + 1 :]
            return lines[index:]
        if _ORGANIZATION.match(line) or re.match(r"^original:", line, re.I):
            continue
        if _is_symbol(line):
            block.symbol = block.symbol or normalize_symbol(line)
            continue
        date = parse_date_phrase(line)
        if date:
            block.date = block.date or date
            continue
        place = _PLACE_YEAR.match(line)
        if place:
            block.place = place.group(1)
            continue
        if line.lower() in _BODIES:
            block.body = _BODIES[line.lower()]
            continue
        if is_caps_heading(line):
            title.append(line)
    block.title = " ".join(title)
    return []
