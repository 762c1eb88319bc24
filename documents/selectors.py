"""Read paths over documents that take a reference as people and other tools write it."""

from documents.models import Document
from documents.symbols import normalize_symbol

_MAX_REFERENCE_LENGTH = 200


def published_document_by_reference(reference: str) -> Document | None:
    """The published document that ``reference`` names, or None.

    A reference is a primary key (``42``), a symbol in any case or spacing (``mc.doc/2/05``),
    or a slug (``mc-doc-2-05``), tried in that order.
    """
    reference = reference.strip()
    if not reference or len(reference) > _MAX_REFERENCE_LENGTH or "\x00" in reference:
        return None
    published = Document.objects.published()
    if reference.isascii() and reference.isdigit():
        document = published.filter(pk=int(reference)).first()
        if document is not None:
            return document
    symbol = normalize_symbol(reference)
    if symbol:
        document = published.filter(symbol=symbol).first()
        if document is not None:
            return document
    return published.filter(slug=reference.lower()).first()
