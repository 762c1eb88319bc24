"""An operation's values from its claims, and the fields on which its sources disagree.

The rules are those of document metadata (``documents.conflicts``): a curator's decision (a
claim without source document) comes first, then the earliest published source; dates of which
one refines the other agree; fields of work add up, each source naming the fields it saw.
"""

from dataclasses import dataclass

from django.utils.text import slugify

from documents.conflicts import ClaimedValue, grouped_values, values_disagree
from documents.dates import partial_date_from_iso
from documents.models import FieldOfWork
from field_operations.models import FieldOperation, OperationClaim, OperationField


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


def _disagree(name: str, values: list[str]) -> bool:
    if name == OperationField.FIELDS_OF_WORK:
        return False  # each source names the fields it saw; together they are the operation's
    return values_disagree(values, is_date=name == OperationField.ESTABLISHED)


def conflicts_of(operation: FieldOperation) -> list[OperationConflict]:
    """The fields whose published sources disagree, each value with its sources."""
    return [
        OperationConflict(name, values)
        for name, values in grouped_values(_counted(operation), date_field=OperationField.ESTABLISHED).items()
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
