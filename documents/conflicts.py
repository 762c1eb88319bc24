"""Metadata fields whose sources disagree, and the curator's decision on each.

Importers record every value they read as a ``MetadataClaim`` with its source. Where the
claims on one field of one document differ, a curator decides: one of the claimed values
or another one. The decision is applied to the document (so its pages show it) and kept as
a ``FieldDecision`` with who decided and when; the claims stay, as evidence.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.text import slugify

from documents.dates import PartialDate
from documents.models import ClaimField, Document, FieldDecision, FieldOfWork, MetadataClaim

_ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass
class ClaimedValue:
    value: str
    claims: list[MetadataClaim] = field(default_factory=list)

    def sources(self) -> list[str]:
        return [claim.source_label() for claim in self.claims]


@dataclass
class FieldConflict:
    """One field of one document with the values its sources give, each with its sources."""

    document: Document
    field: str
    values: list[ClaimedValue]
    decision: FieldDecision | None = None

    @property
    def label(self) -> str:
        return ClaimField(self.field).label

    def current_value(self) -> str:
        """The document's value as a claim would state it (dates as truncated ISO)."""
        return claim_value_of(self.document, self.field)


def claim_value_of(document: Document, field_name: str) -> str:
    if field_name == ClaimField.DATE:
        return document.partial_date.iso() if document.date else ""
    if field_name == ClaimField.FIELDS_OF_WORK:
        return ", ".join(document.fields_of_work.values_list("name", flat=True))
    return str(getattr(document, field_name))


def _group_claims(document: Document) -> dict[str, list[ClaimedValue]]:
    """Claims by field, then by value; values differing only in spacing or case are one value."""
    grouped: dict[str, dict[str, ClaimedValue]] = {}
    for claim in document.claims.all():
        value = " ".join(claim.value.split())
        key = value if claim.field == ClaimField.DATE else value.casefold()
        values = grouped.setdefault(claim.field, {})
        values.setdefault(key, ClaimedValue(value)).claims.append(claim)
    return {name: list(values.values()) for name, values in grouped.items()}


def conflicts_of(document: Document, *, include_decided: bool = False) -> list[FieldConflict]:
    """The fields of ``document`` whose sources disagree, in field order.

    Disagreement is ``Document.conflicting_fields()``'s: a date that only refines another
    (``2009`` and ``2009-12-04``) agrees with it. With ``include_decided``, fields a curator
    has decided are included (with their decision) so that they can be decided again.
    """
    decisions = {d.field: d for d in document.field_decisions.all()}
    fields = set(document.conflicting_fields())
    grouped = _group_claims(document)
    if include_decided:
        fields |= {name for name in decisions if len(grouped.get(name, [])) > 1}
    return [
        FieldConflict(document, name, grouped[name], decisions.get(name))
        for name in sorted(fields, key=_field_order)
    ]


def open_conflicts() -> list[FieldConflict]:
    """Every undecided disagreement in the knowledge base, documents in their usual order."""
    claims = MetadataClaim.objects.select_related("source_document")
    documents = (
        Document.objects.filter(claims__isnull=False)
        .distinct()
        .prefetch_related(Prefetch("claims", queryset=claims), "field_decisions")
    )
    return [conflict for document in documents for conflict in conflicts_of(document)]


def _field_order(name: str) -> int:
    return ClaimField.values.index(name) if name in ClaimField.values else len(ClaimField.values)


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
