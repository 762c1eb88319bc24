"""Metadata fields whose sources disagree: the one definition the public pages, the API and
the admin all read.

Importers record every value they read as a ``MetadataClaim`` with its source. Where the
claims on one field of one document disagree, a curator decides (``curation.conflicts``); the
claims stay, as evidence. The rules, decided here once:

- only the document's own text and *published* sources count: a draft is not yet a source of
  the knowledge base, and naming it on a public page would reveal it;
- values that differ only in case or spacing agree, and so do dates of which one refines the
  other (``1975`` and ``1975-08-01``): a refinement is not a disagreement;
- a decided field stays a conflict, shown with the curator's decision and its basis, so that a
  reader sees both the evidence and the choice.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from documents.dates import DatePrecision, display_date
from documents.models import (
    ClaimField,
    Document,
    DocumentKind,
    FieldDecision,
    IssuingBody,
    MetadataClaim,
    PublicationStatus,
)


@dataclass
class ClaimedValue:
    """One value of a field, with every claim that states it."""

    field: str
    value: str  # as a claim states it: dates as truncated ISO, choices by their key
    claims: list[MetadataClaim] = field(default_factory=list)

    @property
    def display(self) -> str:
        """As a reader reads it: ``4 December 2009``, ``Ministerial Council decision``."""
        return readable_value(self.field, self.value)

    def sources(self) -> list[str]:
        return [claim.source_label() for claim in self.claims]


@dataclass
class FieldConflict:
    """One field of one document with the values its sources give, each with its sources,
    and the curator's decision when there is one."""

    document: Document
    field: str
    values: list[ClaimedValue]
    decision: FieldDecision | None = None

    @property
    def label(self) -> str:
        return ClaimField(self.field).label

    @property
    def is_open(self) -> bool:
        return self.decision is None

    @property
    def decided_value(self) -> str:
        """The decision as a reader reads it."""
        return readable_value(self.field, self.decision.value) if self.decision else ""

    def current_value(self) -> str:
        """The document's value as a claim would state it (dates as truncated ISO)."""
        return claim_value_of(self.document, self.field)


def conflicts_of(
    document: Document,
    *,
    include_decided: bool = False,
    claims: Iterable[MetadataClaim] | None = None,
    decisions: Iterable[FieldDecision] | None = None,
) -> list[FieldConflict]:
    """The fields of ``document`` whose counted sources disagree, in field order.

    Without ``include_decided`` only the fields no curator has decided (what is left to do);
    with it, decided ones too, each with its decision (what a page shows). ``claims`` (with
    their ``source_document``) and ``decisions`` may be passed when the caller has them, to
    spare the queries; otherwise they are read from the document (prefetches are used).
    """
    if claims is None:
        prefetched = getattr(document, "_prefetched_objects_cache", {})
        claims = document.claims.all() if "claims" in prefetched else _claims_of(document)
    if decisions is None:
        decisions = document.field_decisions.all()
    by_field = {decision.field: decision for decision in decisions}
    conflicts = []
    for name, values in _group_claims(claims).items():
        if not _disagree(name, [v.value for v in values]):
            continue
        decision = by_field.get(name)
        if decision is None or include_decided:
            conflicts.append(FieldConflict(document, name, values, decision))
    return sorted(conflicts, key=lambda conflict: _field_order(conflict.field))


def _claims_of(document: Document):
    return MetadataClaim.objects.filter(document=document).select_related("source_document")


def counts(claim: MetadataClaim) -> bool:
    """Whether a claim is evidence the knowledge base shows: the document's own text, or a
    published source."""
    return claim.source_document_id is None or claim.source_document.status == PublicationStatus.PUBLISHED


def claim_value_of(document: Document, field_name: str) -> str:
    if field_name == ClaimField.DATE:
        return document.partial_date.iso() if document.date else ""
    if field_name == ClaimField.FIELDS_OF_WORK:
        return ", ".join(document.fields_of_work.values_list("name", flat=True))
    return str(getattr(document, field_name))


def readable_value(field_name: str, value: str) -> str:
    """A claimed value as a page shows it: dates written out, choices by their label."""
    if field_name == ClaimField.DATE:
        return _readable_date(value)
    if field_name == ClaimField.KIND:
        return dict(DocumentKind.choices).get(value, value)
    if field_name == ClaimField.BODY:
        return dict(IssuingBody.choices).get(value, value)
    return value


def _group_claims(claims: Iterable[MetadataClaim]) -> dict[str, list[ClaimedValue]]:
    return grouped_values((claim for claim in claims if counts(claim)), date_field=ClaimField.DATE)


def grouped_values(claims: Iterable, *, date_field: str) -> dict[str, list[ClaimedValue]]:
    """Claims (anything with ``field`` and ``value``) by field, then by value: values differing
    only in spacing or case are one, except on ``date_field``, whose truncated ISO is exact."""
    grouped: dict[str, dict[str, ClaimedValue]] = {}
    for claim in claims:
        value = " ".join(claim.value.split())
        key = value if claim.field == date_field else value.casefold()
        values = grouped.setdefault(claim.field, {})
        values.setdefault(key, ClaimedValue(claim.field, value)).claims.append(claim)
    return {name: list(values.values()) for name, values in grouped.items()}


def _disagree(field_name: str, values: list[str]) -> bool:
    return values_disagree(values, is_date=field_name == ClaimField.DATE)


def values_disagree(values: list[str], *, is_date: bool) -> bool:
    """Whether distinct values of one field disagree. Truncated ISO dates agree when each is
    a prefix of the most precise one: a refinement is not a disagreement."""
    if not is_date:
        return len(values) > 1
    most_precise = max(values, key=len)
    return any(not most_precise.startswith(value) for value in values)


def _field_order(name: str) -> int:
    return ClaimField.values.index(name) if name in ClaimField.values else len(ClaimField.values)


def _readable_date(value: str) -> str:
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts]
        precision = [DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY][len(numbers) - 1]
        padded = numbers + [1] * (3 - len(numbers))
        return display_date(datetime.date(*padded), precision)
    except (ValueError, IndexError):
        return value  # not a truncated ISO date: show what the source says
