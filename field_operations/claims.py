"""An operation's values from its claims, and the fields on which its sources disagree.

The rules are those of document metadata (``documents.conflicts``): a curator's decision (a
claim without source document) comes first, then the earliest published source; dates of which
one refines the other agree; fields of work add up, each source naming the fields it saw.
"""

from dataclasses import dataclass, field

from django.utils.text import slugify

from documents.dates import partial_date_from_iso
from documents.models import FieldOfWork
from field_operations.models import FieldOperation, OperationClaim, OperationField


@dataclass
class ClaimedValue:
    value: str
    claims: list[OperationClaim] = field(default_factory=list)

    def sources(self) -> list[str]:
        return [claim.source_label() for claim in self.claims]


@dataclass
class OperationConflict:
    field: str
    values: list[ClaimedValue]

    @property
    def label(self) -> str:
        return OperationField(self.field).label


def _counted(operation: FieldOperation) -> list[OperationClaim]:
    claims = operation.claims.select_related("source_document")
    return sorted((c for c in claims if c.counts()), key=_rank)


def _rank(claim: OperationClaim) -> tuple:
    return (claim.source_document_id is not None, claim.recorded_at, claim.pk)


def _grouped(claims: list[OperationClaim]) -> dict[str, list[ClaimedValue]]:
    grouped: dict[str, dict[str, ClaimedValue]] = {}
    for claim in claims:
        value = " ".join(claim.value.split())
        key = value if claim.field == OperationField.ESTABLISHED else value.casefold()
        grouped.setdefault(claim.field, {}).setdefault(key, ClaimedValue(value)).claims.append(claim)
    return {name: list(values.values()) for name, values in grouped.items()}


def _disagree(name: str, values: list[str]) -> bool:
    if name == OperationField.FIELDS_OF_WORK:
        return False  # each source names the fields it saw; together they are the operation's
    if name != OperationField.ESTABLISHED:
        return len(values) > 1
    most_precise = max(values, key=len)
    return any(not most_precise.startswith(value) for value in values)


def conflicts_of(operation: FieldOperation) -> list[OperationConflict]:
    """The fields whose published sources disagree, each value with its sources."""
    return [
        OperationConflict(name, values)
        for name, values in _grouped(_counted(operation)).items()
        if _disagree(name, [v.value for v in values])
    ]


def apply_claims(operation: FieldOperation) -> None:
    """Set the operation's fields from its claims (see the module docstring)."""
    claims = _counted(operation)
    best: dict[str, str] = {}
    fields_of_work: list[str] = []
    for claim in claims:
        if claim.field == OperationField.FIELDS_OF_WORK:
            fields_of_work += [n.strip() for n in claim.value.split(",") if n.strip()]
            continue
        current = best.get(claim.field)
        if current is None:
            best[claim.field] = claim.value
        elif claim.field == OperationField.ESTABLISHED and claim.value.startswith(current):
            best[claim.field] = claim.value  # a later source knowing the day refines the year
    operation.host_country = best.get(OperationField.HOST_COUNTRY, "")
    operation.summary = best.get(OperationField.SUMMARY, "")
    operation.status = best.get(OperationField.STATUS, "unknown")
    established = best.get(OperationField.ESTABLISHED)
    if established:
        partial = partial_date_from_iso(established)
        operation.established, operation.established_precision = partial.value, partial.precision
    else:
        operation.established = None
    operation.save()
    wanted = []
    for name in dict.fromkeys(fields_of_work):
        field_of_work, _ = FieldOfWork.objects.get_or_create(
            slug=slugify(name)[:100], defaults={"name": name}
        )
        wanted.append(field_of_work)
    operation.fields_of_work.set(wanted)
