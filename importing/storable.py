"""What a parse must satisfy before it is saved: values that fit their columns, one provision
per label in each document.

Checked as soon as a source is parsed, so that the preview, ``--dry-run`` and the import
agree, and again just before the save (a staged parse may come from an older version). A
value that only describes (a title, a place, a heading) is cut to its column with a warning
naming the field; a value that identifies (a symbol, a label, a field of work's name) is
never cut, since a cut one could name something else: the source is refused, naming it.
"""

from commitments.models import Provision
from documents.models import Document, DocumentAttachment, FieldOfWork
from importing.errors import ImportRejected
from importing.parsed import ParsedDocument, ParsedSource


def _limit(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def check_storable(parsed: ParsedSource) -> None:
    """Cut descriptive values longer than their column (a warning each), and raise
    ``ImportRejected`` for an identifying one, or for a label two provisions share.
    Idempotent: a second call finds nothing to cut."""
    for document in [parsed.document, *parsed.cited]:
        _check_document(document, parsed.warnings)


def _check_document(document: ParsedDocument, warnings: list[str]) -> None:
    name = document.display_name()[:80] or "the document"
    _refuse_long(
        "symbol",
        document.symbol,
        _limit(Document, "symbol"),
        "a symbol is not cut, since it is what the document is known by",
    )
    for field_of_work in document.fields_of_work:
        _refuse_long(
            "field of work",
            field_of_work,
            _limit(FieldOfWork, "name"),
            "a field of work's name is not cut, since two cut names could become one",
        )
    for field in ("title", "place"):
        setattr(
            document, field, _cut(getattr(document, field), _limit(Document, field), field, name, warnings)
        )
    document.source_url = _cut(
        document.source_url, _limit(Document, "source_url"), "source URL", name, warnings
    )
    label_limit = _limit(Provision, "label")
    seen: dict[str, int] = {}
    for position, provision in enumerate(document.provisions, start=1):
        _refuse_long(
            f"label of the {_ordinal(position)} provision of {name}",
            provision.label,
            label_limit,
            "a label is not cut, since it is what citations name",
        )
        if provision.label in seen:
            first, second = _ordinal(seen[provision.label]), _ordinal(position)
            raise ImportRejected(
                f"{name} has two provisions labelled “{provision.label}” (the {first} and the {second}); "
                "a label must name one provision"
            )
        seen[provision.label] = position
        where = f"provision {provision.label} of {name}"
        provision.heading = _cut(provision.heading, _limit(Provision, "heading"), "heading", where, warnings)
        provision.quoted_locator = _cut(
            provision.quoted_locator, _limit(Provision, "quoted_locator"), "locator", where, warnings
        )
    for attachment in document.attachments:
        attachment.title = _cut(
            attachment.title, _limit(DocumentAttachment, "title"), "attachment title", name, warnings
        )


def _refuse_long(field: str, value: str, limit: int, why: str) -> None:
    if len(value) > limit:
        raise ImportRejected(
            f"the {field} is {len(value):,} characters long, over the limit of {limit}; {why}"
        )


def _cut(value: str, limit: int, field: str, where: str, warnings: list[str]) -> str:
    if len(value) <= limit:
        return value
    warnings.append(
        f"{where}: the {field} is {len(value):,} characters long, over the limit of {limit}: "
        f"it was cut to its first {limit}"
    )
    return value[:limit]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
