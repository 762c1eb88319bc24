"""The 2016 study (seed 001): the OSCE documents its footnotes cite, and the commitments it
quotes from them, sorted into the five migration categories of its section 4.1.

The study becomes a document of kind ``study`` that cites every OSCE document of its
footnotes, with its own text outside section 4.1 as passages (``study_passages``); each
quoted passage followed by a footnote number becomes a quotation provision
of the document(s) that footnote cites, ``quoted_in`` the study.
"""

import re

from commitments.taxonomy import MIGRATION_CATEGORIES
from documents.dates import PartialDate
from documents.symbols import classify_symbol
from importing.errors import ImportRejected
from importing.parsed import ParsedDocument, ParsedProvision, ParsedSource
from importing.parsers.citations import (
    Citation,
    classified_locators,
    classify_citation,
    resolve_back_references,
    split_citations,
)
from importing.parsers.study_layout import StudyLayout, read_layout
from importing.parsers.study_operations import credit_issuers, study_operations
from importing.parsers.study_passages import study_passages

_QUOTE = re.compile(r"“([^“”]+)”")
_SENTENCE_END = re.compile(r"[.!?]\s+[A-Z]")
_CATEGORY_BY_SECTION = {c["study_section"]: c["slug"] for c in MIGRATION_CATEGORIES}
_COMMITMENTS_SECTION = "4.1"
# Kinds whose texts participating States adopt: what they say binds them politically.
_COMMITMENT_KINDS = {
    "final_act", "concluding_document", "charter", "summit_declaration", "meeting_document",
    "ministerial_declaration", "mc_decision", "mc_document", "pc_decision",
}  # fmt: skip
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
    warnings += _attach_quotations(layout, citations, works)
    short = f"{layout.footer.short} {layout.footer.year}" if layout.footer else "the study"
    for parsed, _ in works.values():
        _label_quotations(parsed, short)
    study = ParsedDocument(
        title=layout.footer.title if layout.footer else "",
        symbol=symbol,
        kind="study",
        body="external",
        date=PartialDate.of(layout.footer.year) if layout.footer else None,
        full_text=_full_text(layout),
        provisions=study_passages(layout),
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
        warnings=warnings,
        operations=study_operations(study.provisions),
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
    for citation in citations:
        full = citation.resolved()
        if full is None or not full.is_osce or not (full.title or full.symbol):
            continue
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
    for parsed, footnotes in works.values():
        noun = "footnote" if len(footnotes) == 1 else "footnotes"
        cited_part = f" ({parsed.cited_part})" if parsed.cited_part else ""
        parsed.citation_evidence = f"{noun} {', '.join(str(n) for n in footnotes)}{cited_part}"[:300]
    return works


def _attach_quotations(
    layout: StudyLayout, citations: list[Citation], works: dict[tuple, tuple[ParsedDocument, list[int]]]
) -> list[str]:
    warnings = []
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
        cited = [c.resolved() for c in by_footnote.get(footnote, [])]
        targets = [works[_work_key(c)][0] for c in cited if c is not None and _work_key(c) in works]
        if not targets:
            warnings.append(
                f"footnote {footnote}: the quotation “{quote[:60]}…” cites no OSCE document we know"
            )
            continue
        category = _CATEGORY_BY_SECTION.get(section.number)
        for target in targets:
            target.provisions.append(
                ParsedProvision(
                    label="",
                    text=quote,
                    is_commitment=target.kind in _COMMITMENT_KINDS,
                    origin="quotation",
                    quoted_locator=f"footnote {footnote}",
                    categories=[category] if category else [],
                )
            )
    return warnings


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


def _label_quotations(parsed: ParsedDocument, short: str) -> None:
    """Labels a citation can use: ``quoted in SOG 2016, fn. 18`` (and ``(2)`` for a second)."""
    seen: dict[str, int] = {}
    unique: list[ParsedProvision] = []
    texts: set[tuple[str, str]] = set()
    for provision in parsed.provisions:
        if (provision.quoted_locator, provision.text) in texts:
            continue
        texts.add((provision.quoted_locator, provision.text))
        number = provision.quoted_locator.removeprefix("footnote ")
        seen[number] = seen.get(number, 0) + 1
        suffix = f" ({seen[number]})" if seen[number] > 1 else ""
        provision.label = f"quoted in {short}, fn. {number}{suffix}"
        unique.append(provision)
    parsed.provisions = unique


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
