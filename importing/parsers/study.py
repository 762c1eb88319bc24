"""The 2016 study (seed 001): the OSCE documents its footnotes cite, and the commitments it
quotes from them, sorted into the five migration categories of its section 4.1.

The study becomes a document of kind ``study`` that cites every OSCE document of its
footnotes, with its own text outside section 4.1 as passages (``study_passages``) and the list
of interviewees that closes it as an attachment; each
quoted passage followed by a footnote number becomes one quotation of the study, crediting
the document(s) that footnote cites (``importing.quotations`` decides which).
"""

import re

from commitments.taxonomy import MIGRATION_CATEGORIES
from documents.dates import PartialDate
from documents.symbols import classify_symbol
from importing.errors import ImportRejected
from importing.parsed import ParsedDocument, ParsedQuotation, ParsedSource
from importing.parsers.citations import (
    Citation,
    classified_locators,
    classify_citation,
    resolve_back_references,
    split_citations,
)
from importing.parsers.study_layout import StudyLayout, read_layout
from importing.parsers.study_operations import credit_issuers, study_operations
from importing.parsers.study_passages import interviews_apart, study_passages

_QUOTE = re.compile(r"“([^“”]+)”")
_SENTENCE_END = re.compile(r"[.!?]\s+[A-Z]")
# The end of a sentence, with the closing quotation mark and footnote marker that may follow.
_SENTENCE_STOP = re.compile(r"[.!?][”’\"]?\s?\d{0,3}\s+(?=[A-Z“])")
_CATEGORY_BY_SECTION = {c["study_section"]: c["slug"] for c in MIGRATION_CATEGORIES}
_COMMITMENTS_SECTION = "4.1"
_MIN_QUOTE_WORDS = 3


def parse_study(text: str, *, name: str, sha256: str, symbol: str = "") -> ParsedSource:
    """The study's own document, and the catalogue of OSCE documents its footnotes cite."""
    layout = read_layout(text)
    if len(layout.footnotes) < 3:
        raise ImportRejected("no footnotes with citations were found; is this a study?")
    citations = [
        c for number, note in sorted(layout.footnotes.items()) for c in split_citations(number, note)
    ]
    warnings = resolve_back_references(citations)
    warnings += [
        f"footnote {c.footnote}: the citation breaks off (“…{c.raw[-40:]}”): the title is incomplete"
        for c in citations
        if c.incomplete
    ]
    works = _catalogue(citations)
    for parsed, _ in works.values():
        warnings += [
            f"{parsed.locator}: the citation gives the symbol {note.rsplit(' ', 1)[-1]}, but its own"
            f" words name {parsed.symbol} “{parsed.title}”; kept as {parsed.symbol}"
            for note in parsed.citation_conflicts
        ]
    quotations, quotation_warnings = _quotations(layout, citations, works)
    warnings += quotation_warnings
    passages, interviews = interviews_apart(study_passages(layout))
    study = ParsedDocument(
        title=layout.footer.title if layout.footer else "",
        symbol=symbol,
        kind="study",
        body="external",
        date=PartialDate.of(layout.footer.year) if layout.footer else None,
        full_text=_full_text(layout),
        provisions=passages,
        attachments=[interviews] if interviews else [],
    )
    cited = [parsed for parsed, _ in works.values()]
    credit_issuers(citations, cited)
    if not study.title:
        raise ImportRejected(
            "the study's title is unknown: it prints no running footer; give it in the manifest"
        )
    return ParsedSource(
        name=name,
        format="study",
        sha256=sha256,
        document=study,
        cited=cited,
        quotations=quotations,
        warnings=warnings,
        operations=study_operations(study.provisions, interviews),
    )


def _work_key(citation: Citation) -> tuple:
    if citation.symbol:
        return ("symbol", citation.symbol)
    return (
        "work",
        citation.author,
        citation.place,
        citation.date.iso() if citation.date else "",
        citation.title,
    )


def _catalogue(citations: list[Citation]) -> dict[tuple, tuple[ParsedDocument, list[int]]]:
    """One ParsedDocument per OSCE work cited, with the footnotes citing it, in citing order."""
    works: dict[tuple, tuple[ParsedDocument, list[int]]] = {}
    conflicts: list[tuple[Citation, str]] = []
    for citation in citations:
        full = citation.resolved()
        if full is None or not full.is_osce or not (full.title or full.symbol):
            continue
        conflict = full.symbol_conflict()
        if conflict and not citation.back_reference:
            # The citation's words outrank the symbol it prints: a decision is not the document
            # of the same number (MC.DEC/2/05 "Migration" is not MC.DOC/2/05, the Border Concept).
            full.symbol = conflict[0]
            conflicts.append((full, f"footnote {full.footnote} gives the symbol {conflict[1]}"))
        key = _work_key(full)
        if key not in works:
            symbol_kind, symbol_body = classify_symbol(full.symbol)
            kind, body = classify_citation(full, symbol_kind=symbol_kind, symbol_body=symbol_body)
            works[key] = (
                ParsedDocument(
                    title=full.title,
                    symbol=full.symbol,
                    kind=kind,
                    body=body,
                    place=full.place,
                    date=full.date,
                    locator=f"footnote {full.footnote}",
                    metadata_locators=classified_locators(f"footnote {full.footnote}"),
                    cited_part=full.chapter,
                ),
                [],
            )
        footnotes = works[key][1]
        if citation.footnote not in footnotes:
            footnotes.append(citation.footnote)
    for full, conflict in conflicts:
        works[_work_key(full)][0].citation_conflicts.append(conflict)
    for parsed, footnotes in works.values():
        noun = "footnote" if len(footnotes) == 1 else "footnotes"
        cited_part = f" ({parsed.cited_part})" if parsed.cited_part else ""
        parsed.citation_evidence = f"{noun} {', '.join(str(n) for n in footnotes)}{cited_part}"[:300]
    return works


def _quotations(
    layout: StudyLayout, citations: list[Citation], works: dict[tuple, tuple[ParsedDocument, list[int]]]
) -> tuple[list[ParsedQuotation], list[str]]:
    """Every quotation of section 4.1 with the footnote after it, once, crediting the documents
    that footnote names (``ParsedQuotation.cited``); which of them it is from is decided when
    the quotations are saved, against the texts held."""
    quotations, warnings = [], []
    index_of = {key: index for index, key in enumerate(works)}
    by_footnote: dict[int, list[Citation]] = {}
    for citation in citations:
        by_footnote.setdefault(citation.footnote, []).append(citation)
    for match in _QUOTE.finditer(layout.text):
        section = layout.section_at(match.start())
        if section is None or not (section.number + ".").startswith(_COMMITMENTS_SECTION + "."):
            continue
        quote = " ".join(match.group(1).split()).strip()
        if len(quote.split()) < _MIN_QUOTE_WORDS:
            continue
        footnote = _footnote_after(layout, match.end())
        if footnote is None:
            continue
        cited = []
        for citation in by_footnote.get(footnote, []):
            full = citation.resolved()
            key = _work_key(full) if full is not None else None
            if key in index_of and index_of[key] not in cited:
                cited.append(index_of[key])
        category = _CATEGORY_BY_SECTION.get(section.number)
        quotation = ParsedQuotation(
            text=quote,
            footnote=str(footnote),
            section=section.number,
            sentence=_sentence_around(layout.text, match.start(), match.end()),
            cited=cited,
            categories=[category] if category else [],
        )
        quotations.append(quotation)
        if not cited:
            warnings.append(quotation.unattributed_warning())
    return quotations, warnings


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of the body that holds ``text[start:end]``, its footnote markers and all."""
    paragraph_start = text.rfind("\n\n", 0, start) + 1
    paragraph_end = text.find("\n\n", end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    begin = paragraph_start
    for stop in _SENTENCE_STOP.finditer(text, paragraph_start, start):
        begin = stop.end()
    finish = paragraph_end
    stop = _SENTENCE_STOP.search(text, end, paragraph_end)
    if stop:
        finish = stop.start() + len(stop.group().rstrip())
    return " ".join(text[begin:finish].split())


def _footnote_after(layout: StudyLayout, offset: int) -> int | None:
    """The footnote a quotation ending at ``offset`` cites: the next marker of its sentence."""
    for number, position in layout.markers:
        if position < offset:
            continue
        between = _QUOTE.sub("", layout.text[offset:position])
        if _SENTENCE_END.search(between) or "\n\n" in between:
            return None
        return number
    return None


def _full_text(layout: StudyLayout) -> str:
    parts = []
    previous = 0
    for section in layout.sections:
        parts.append(layout.text[previous : section.start].strip())
        parts.append(f"{section.number} {section.heading}")
        previous = section.start
    parts.append(layout.text[previous:].strip())
    notes = "\n".join(f"{number} {text}" for number, text in sorted(layout.footnotes.items()))
    return "\n\n".join(p for p in parts if p) + "\n\nNotes\n\n" + notes
