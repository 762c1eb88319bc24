"""OSCE web pages as saved from the site: the navigation dropped, the content kept.

Three shapes occur: a press release (title, a ``- Date: / - Place: / - Fields of work:``
list, paragraphs), a list of key documents each with its date, summary and quoted
commitments ("Our mandate on migration"), and a topic page of headings and paragraphs
("Border management"). Paragraphs become provisions (descriptive, not commitments) so the
page reads whole; the listed documents become cited documents, and the words the page quotes
from each become quotations of the page crediting that document.
"""

import re
from dataclasses import dataclass, field

from documents.dates import PartialDate, parse_date_phrase
from documents.symbols import classify_symbol
from importing.errors import ImportRejected
from importing.parsed import ParsedDocument, ParsedProvision, ParsedQuotation, ParsedSource
from importing.parsers.citations import classified_locators, classify_title
from importing.parsers.operations import (
    card_operations,
    menu_operations,
    participating_states,
    source_line_operations,
    with_host_countries,
)
from importing.parsers.titles import title_case

_NAVIGATION = re.compile(r"^(-|- .*|Skip Links)$")
_QUOTE = re.compile(r"“([^“”]+)”")
# A glossary tooltip pasted into the text: "the CSCECSCE\nConference on Security …, the".
_TOOLTIP = re.compile(r"\b([A-Z]{2,8})\1\s*\n[^\n,]*?(?=,)")
_DATELINE = re.compile(r"^([A-Z][A-Z .'-]+),\s+(\d{1,2} [A-Z][a-z]+ \d{4})\s*[–—-]\s*")
_DESIGNATION = re.compile(
    r"^(?P<kind>Ministerial Council Decision|Ministerial Decision|Decision|Ministerial Document|Document)"
    r"\s+No\.?\s*(?P<number>\d+/\d{2})\s*,\s*(?P<title>.+)$"
)
_PLACE_IN_TITLE = re.compile(r",\s+([A-Z][a-z]+)$")
_PLACE_IN_SUMMARY = re.compile(r"Ministerial Council in ([A-Z][a-z]+)")
_MAX_HEADING = 100


@dataclass
class _Entry:
    name: str
    date: PartialDate
    title_lines: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)


def content_lines(text: str) -> list[str]:
    """The page's lines after the site navigation, without blank lines."""
    text = _TOOLTIP.sub(r"\1", text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    start = 0
    while start < len(lines) and (not lines[start] or _NAVIGATION.match(lines[start])):
        # A lone dash opens a menu group; the line after it is the group's name.
        start += 2 if lines[start] == "-" else 1
    return [line for line in lines[start:] if line]


def parse_page(text: str, *, name: str, sha256: str, symbol: str = "") -> ParsedSource:
    """One OSCE web page: the page itself, and the documents it presents."""
    lines = content_lines(text)
    if not lines:
        raise ImportRejected("the page has no content after its navigation")
    operations = menu_operations(text)
    cited: list[ParsedDocument] = []
    quotations: list[ParsedQuotation] = []
    if lines[0].lower() == "press release":
        page = _press_release(lines[1:])
        issuers = source_line_operations(
            _facts(lines[2:]).get("source", ""), fields_of_work=page.fields_of_work
        )
        page.issued_by = issuers[0].name if issuers else ""
        operations += issuers
    elif sum(1 for line in lines if parse_date_phrase(line)) >= 2:
        page, cited, quotations = _document_list(lines)
    else:
        page = _topic_page(lines)
        operations += card_operations(lines, topic=page.title)
    page.symbol = symbol
    page.full_text = "\n\n".join(lines)
    return ParsedSource(
        name=name,
        format="osce-page",
        sha256=sha256,
        document=page,
        cited=cited,
        quotations=quotations,
        operations=with_host_countries(operations, participating_states(text)),
    )


def _is_heading(line: str) -> bool:
    return len(line) <= _MAX_HEADING and not line.endswith((".", "!", "?", ":", "”", '"', ";"))


def _paragraph_provisions(paragraphs: list[tuple[str, str]]) -> list[ParsedProvision]:
    return [
        ParsedProvision(label=str(number), heading=heading, text=text, is_commitment=False)
        for number, (heading, text) in enumerate(paragraphs, start=1)
    ]


def _facts(rest: list[str]) -> dict[str, str]:
    """A press release's ``- Date: / - Place: / - Source:`` list, by lower-case key."""
    facts: dict[str, str] = {}
    key = ""
    for line in rest:
        if not line.startswith("- "):
            break
        item = line[2:].strip()
        if item.endswith(":"):
            key = item[:-1].lower()
            facts.setdefault(key, "")
        elif key:
            facts[key] = f"{facts[key]}, {item}" if facts[key] else item
    return facts


def _press_release(lines: list[str]) -> ParsedDocument:
    title, rest = lines[0], lines[1:]
    facts = _facts(rest)
    index = next((i for i, line in enumerate(rest) if not line.startswith("- ")), len(rest))
    paragraphs = rest[index:]
    date = parse_date_phrase(facts.get("date", ""))
    place = title_case(facts.get("place", ""))
    if paragraphs and (dateline := _DATELINE.match(paragraphs[0])):
        place = place or title_case(dateline.group(1))
        date = date or parse_date_phrase(dateline.group(2))
        paragraphs[0] = paragraphs[0][dateline.end() :]
    fields_of_work = [f.strip() for f in facts.get("fields of work", "").split(",") if f.strip()]
    return ParsedDocument(
        title=title,
        kind="press_release",
        body="other",
        place=place,
        date=date,
        summary=paragraphs[0] if paragraphs else "",
        fields_of_work=fields_of_work,
        provisions=_paragraph_provisions([("", p) for p in paragraphs]),
    )


def _topic_page(lines: list[str]) -> ParsedDocument:
    title, rest = lines[0], lines[1:]
    section, heading = "", ""
    paragraphs: list[tuple[str, str]] = []
    for index, line in enumerate(rest):
        if _is_heading(line):
            repeated = index + 1 < len(rest) and rest[index + 1] == line
            previous = index > 0 and rest[index - 1] == line
            if previous:
                continue
            if repeated:  # a card title, printed twice: a sub-heading of the section
                heading = f"{section} › {line}" if section else line
            else:
                section = heading = line
            continue
        paragraphs.append((heading, line))
    summary = paragraphs[0][1] if paragraphs and not paragraphs[0][0] else ""
    return ParsedDocument(
        title=title,
        kind="web_page",
        body="other",
        summary=summary,
        provisions=_paragraph_provisions(paragraphs),
    )


def _document_list(lines: list[str]) -> tuple[ParsedDocument, list[ParsedDocument], list[ParsedQuotation]]:
    title = lines[0]
    entries: list[_Entry] = []
    pending: list[str] = []
    for line in lines[1:]:
        date = parse_date_phrase(line)
        if date and pending:
            # The short lines before a date name the next entry; longer text before them
            # is the previous entry's summary.
            names = [p for p in pending if _is_heading(p)][-2:]
            summary = pending[: len(pending) - len(names)] if names == pending[-len(names) :] else pending
            if entries:
                entries[-1].summary.extend(summary)
            entries.append(_Entry(name=names[0] if names else "", date=date, title_lines=names[1:]))
            pending = []
        else:
            pending.append(line)
    if entries:
        entries[-1].summary.extend(pending)
    cited = [_entry_document(entry) for entry in entries]
    quotations = [
        ParsedQuotation(text=quote, section=entry.name, sentence=quote, cited=[index])
        for index, entry in enumerate(entries)
        for quote in _quotes(_join(entry.summary))
    ]
    page = ParsedDocument(
        title=title,
        kind="web_page",
        body="other",
        provisions=_paragraph_provisions(
            [(entry.name, _join(entry.summary) or _entry_line(entry)) for entry in entries]
        ),
    )
    return page, cited, quotations


def _quotes(summary: str) -> list[str]:
    return [" ".join(q.split()) for q in _QUOTE.findall(summary) if len(q.split()) >= 3]


def _entry_line(entry: _Entry) -> str:
    return f"{entry.title_lines[0] if entry.title_lines else entry.name}, {entry.date.display()}."


def _join(lines: list[str]) -> str:
    # Pieces joined once at the end: adding to one string would copy it at every line.
    pieces: list[str] = []
    for line in lines:
        if pieces:
            ends = pieces[-1].endswith((".", "”", "!", "?"))
            pieces.append(" " if line[:1].islower() or not ends else "\n\n")
        if line or pieces:
            pieces.append(line)
    return "".join(pieces)


def _entry_document(entry: _Entry) -> ParsedDocument:
    full_title = entry.title_lines[0] if entry.title_lines else entry.name
    summary = _join(entry.summary)
    title, symbol = full_title, ""
    designation = _DESIGNATION.match(full_title)
    if designation and "ministerial" in (designation["kind"] + " " + summary).lower():
        series = "DOC" if "Document" in designation["kind"] else "DEC"
        symbol = f"MC.{series}/{designation['number']}"
        title = designation["title"]
    place = ""
    if in_title := _PLACE_IN_TITLE.search(title):
        place = in_title.group(1)
    elif in_summary := _PLACE_IN_SUMMARY.search(summary):
        place = in_summary.group(1)
    symbol_kind, symbol_body = classify_symbol(symbol)
    kind, body = classify_title(title, symbol_kind=symbol_kind, symbol_body=symbol_body)
    document = ParsedDocument(
        title=title,
        symbol=symbol,
        kind=kind,
        body=body,
        place=place,
        date=entry.date,
        summary=summary,
        locator=f"section “{entry.name}”",
        metadata_locators=classified_locators(f"section “{entry.name}”"),
    )
    return document
