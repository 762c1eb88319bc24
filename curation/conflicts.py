"""The curator's decision on a metadata field whose sources disagree.

A curator picks one of the claimed values or writes another. The decision is applied to the
document (so its pages show it) and kept as a ``FieldDecision`` with who decided and when.
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.text import slugify

from documents.conflicts import FieldConflict, conflicts_of
from documents.dates import PartialDate
from documents.models import ClaimField, Document, FieldDecision, FieldOfWork, MetadataClaim

_ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def open_conflicts() -> list[FieldConflict]:
    """Every undecided disagreement in the knowledge base, documents in their usual order."""
    claims = MetadataClaim.objects.select_related("source_document")
    documents = (
        Document.objects.filter(claims__isnull=False)
        .distinct()
        .prefetch_related(Prefetch("claims", queryset=claims), "field_decisions")
    )
    return [conflict for document in documents for conflict in conflicts_of(document)]


@transaction.atomic
def decide_field(*, document: Document, field: str, value: str, user, note: str = "") -> FieldDecision:
    """Set ``field`` of ``document`` to ``value`` and record the decision.

    Raises ``ValidationError`` (keyed by ``value``) when the value does not fit the field:
    an unknown kind, a date that is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, a symbol
    another document has.
    """
    if field not in ClaimField.values:
        raise ValidationError({"value": f"{field!r} is not a field sources make claims about."})
    value = value.strip()
    _apply(document, field, value)
    try:
        document.full_clean(exclude=["slug"])
    except ValidationError as exc:
        raise ValidationError({"value": exc.messages}) from exc
    document._history_user = user if user is not None and user.is_authenticated else None
    document._change_reason = f"{ClaimField(field).label} decided between conflicting sources"
    document.save()
    if field == ClaimField.FIELDS_OF_WORK:
        # Stated as "Migration, Rule of law": one field of work per comma-separated name.
        names = [name.strip() for name in value.split(",") if name.strip()]
        document.fields_of_work.set(
            [FieldOfWork.objects.get_or_create(slug=slugify(n), defaults={"name": n})[0] for n in names]
        )
    decision, _ = FieldDecision.objects.update_or_create(
        document=document,
        field=field,
        defaults={"value": value, "note": note, "decided_by": document._history_user},
    )
    return decision


def _apply(document: Document, field: str, value: str) -> None:
    if field == ClaimField.DATE:
        partial = parse_claimed_date(value)
        document.date, document.date_precision = partial.value, partial.precision
    elif field in (ClaimField.KIND, ClaimField.BODY):
        setattr(document, field, _choice_key(document, field, value))
    elif field != ClaimField.FIELDS_OF_WORK:  # a many-to-many, set once the document is saved
        setattr(document, field, value)


def _choice_key(document: Document, field: str, value: str) -> str:
    """Accept a choice's key (``mc_decision``) or its label (``Ministerial Council decision``)."""
    for key, label in document._meta.get_field(field).choices:
        if value.lower() in (key, str(label).lower()):
            return key
    raise ValidationError({"value": f"{value!r} is not a known {ClaimField(field).label.lower()}."})


def parse_claimed_date(value: str) -> PartialDate:
    """``1975``, ``1995-12`` or ``2009-12-04`` as a date with its precision."""
    match = _ISO_PARTIAL.match(value)
    if not match:
        raise ValidationError({"value": f"{value!r} is not a date: write 1975, 1995-12 or 2009-12-04."})
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        partial = PartialDate.of(year, month, day)
    except ValueError as exc:
        raise ValidationError({"value": f"{value!r} is not a date on the calendar."}) from exc
    return partial
