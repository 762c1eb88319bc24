"""Metadata fields whose sources disagree.

Importers record every value they read as a ``MetadataClaim`` with its source. Where the
claims on one field of one document differ, a curator decides (``curation.conflicts``);
the claims stay, as evidence.
"""

from dataclasses import dataclass, field

from documents.models import ClaimField, Document, FieldDecision, MetadataClaim


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


def _field_order(name: str) -> int:
    return ClaimField.values.index(name) if name in ClaimField.values else len(ClaimField.values)
