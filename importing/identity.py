"""Which stored document a parsed description is about.

A symbol identifies a document. Documents without one (the Helsinki Final Act, the Vienna
Concluding Document, studies, web pages) are the same when their kind and year agree and
either their titles or their places do: the study's "OSCE. VIENNA, 1989. CONCLUDING
DOCUMENT: …" and the OSCE page's "Concluding Document of the Third Follow-up Meeting,
Vienna" are one document.
"""

from django.db.models import Q

from documents.models import Document
from documents.symbols import normalize_symbol
from importing.parsed import ParsedDocument

# Kinds of which one place adopts one per year: the Vienna Concluding Document of 1989.
_IDENTIFIED_BY_PLACE_AND_YEAR = {
    "final_act",
    "concluding_document",
    "charter",
    "summit_declaration",
    "meeting_document",
}


def _same_title(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def find_document(parsed: ParsedDocument, *, sha256: str = "") -> Document | None:
    """The stored document ``parsed`` describes, or None when it is new.

    ``sha256`` is given for a source's own document: the same file imported before is the
    same document, whatever metadata accompanied it then.
    """
    if parsed.symbol:
        return Document.objects.filter(symbol=normalize_symbol(parsed.symbol)).first()
    if sha256 and (same_file := Document.objects.filter(source_sha256=sha256).first()):
        return same_file
    candidates = Document.objects.filter(symbol="")
    if parsed.kind:
        candidates = candidates.filter(kind=parsed.kind)
    if parsed.date:
        candidates = candidates.filter(Q(date__year=parsed.date.value.year) | Q(date__isnull=True))
    else:
        candidates = (
            candidates.filter(date__isnull=True) if parsed.kind in ("study", "web_page") else candidates
        )
    for candidate in candidates.order_by("pk"):
        if _same_title(candidate.title, parsed.title):
            return candidate
        same_place = bool(parsed.place) and parsed.place.lower() == candidate.place.lower()
        if same_place and parsed.kind in _IDENTIFIED_BY_PLACE_AND_YEAR:
            return candidate
    return None
