"""Which stored document a parsed description is about.

A symbol identifies a document. Documents without one (the Helsinki Final Act, the Vienna
Concluding Document, studies, web pages) are the same when their kind and year agree and
either their titles or their places do: the study's "OSCE. VIENNA, 1989. CONCLUDING
DOCUMENT: …" and the OSCE page's "Concluding Document of the Third Follow-up Meeting,
Vienna" are one document.

That is enough to name a document a source *cites*, never to decide which document a source
*is*: a source's own document is found by its symbol, its own file (the same bytes) or its
official URL, and one that only resembles a stored document is a question for the curator
(``SameDocumentQuestion``), answered by importing it as a replacement (``replace``) or by
giving it its symbol.
"""

from django.db.models import Q

from documents.models import Document, DocumentAlias
from documents.symbols import normalize_symbol
from importing.errors import ImportRejected
from importing.parsed import ParsedDocument


class SameDocumentQuestion(ImportRejected):
    """A source without a symbol whose description matches a stored document it is not
    otherwise known to be: the same document, or a new one? The import stops and asks."""

    def __init__(self, parsed: ParsedDocument, stored: Document):
        super().__init__(
            f"it has no symbol, and its title “{parsed.title}” describes the stored document"
            f" “{stored.title}” ({stored.get_absolute_url()}, {stored.provisions.count()} provisions)"
            " without being its file or its official URL: give the source its symbol, or import it"
            " with --replace to replace that document's text with this one"
        )
        self.stored = stored


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


def _by_symbol(symbol: str) -> Document | None:
    """The document with this symbol, or the one a curator merged the document of this symbol
    into (``DocumentAlias``): a re-import never brings a merged document back."""
    symbol = normalize_symbol(symbol)
    alias = DocumentAlias.objects.filter(symbol=symbol).select_related("document").first()
    return Document.objects.filter(symbol=symbol).first() or (alias.document if alias else None)


def _by_file(sha256: str) -> Document | None:
    alias = DocumentAlias.objects.filter(source_sha256=sha256).select_related("document").first()
    return Document.objects.filter(source_sha256=sha256).first() or (alias.document if alias else None)


def find_own_document(parsed: ParsedDocument, *, sha256: str, replace: bool = False) -> Document | None:
    """The stored document a source *is*, or None when it is new.

    By its symbol, its own file (``sha256``: the same file imported before is the same
    document, whatever metadata accompanied it then) or its official URL. A stored document
    that only fits its description (``find_document``) is the one only when ``replace`` is
    given; otherwise ``SameDocumentQuestion`` is raised.
    """
    if parsed.symbol:
        return _by_symbol(parsed.symbol)
    if sha256 and (same_file := _by_file(sha256)):
        return same_file
    if parsed.source_url and (same_url := Document.objects.filter(source_url=parsed.source_url).first()):
        return same_url
    described = find_document(parsed)
    if described is not None and not replace:
        raise SameDocumentQuestion(parsed, described)
    return described


def find_document(parsed: ParsedDocument, *, sha256: str = "") -> Document | None:
    """The stored document ``parsed`` describes, or None when it is new: for a document a
    source cites (its own is found by ``find_own_document``).

    ``sha256``, when given, is the source's file: the same file imported before is the same
    document.
    """
    if parsed.symbol:
        return _by_symbol(parsed.symbol)
    if sha256 and (same_file := _by_file(sha256)):
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
