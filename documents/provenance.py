"""Where each metadata value of a document comes from: the sources that state the value it
shows, or the editors' decision and its basis when it rests on no source (or sources
disagree). Only the document's own text and published sources count (``conflicts.counts``)."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from documents.conflicts import claim_value_of, counts, readable_value
from documents.models import ClaimField, Document, FieldDecision, MetadataClaim

SHOWN_FIELDS = (ClaimField.TITLE, ClaimField.KIND, ClaimField.BODY, ClaimField.PLACE, ClaimField.DATE)


@dataclass
class FieldProvenance:
    field: str
    value: str  # as the reader reads it
    claims: list[MetadataClaim] = field(default_factory=list)  # the sources stating this value
    decision: FieldDecision | None = None
    others: list[tuple[str, MetadataClaim]] = field(default_factory=list)  # other values, readable

    @property
    def label(self) -> str:
        return ClaimField(self.field).label


def provenance_of(
    document: Document, *, claims: Iterable[MetadataClaim], decisions: Iterable[FieldDecision]
) -> list[FieldProvenance]:
    """One row per shown field that has a value: who states it, or who decided it and why."""
    decided = {decision.field: decision for decision in decisions}
    counted = [claim for claim in claims if counts(claim)]
    rows = []
    for name in SHOWN_FIELDS:
        value = claim_value_of(document, name)
        if not value:
            continue
        on_field = [claim for claim in counted if claim.field == name]
        stating = [claim for claim in on_field if _agrees(name, claim.value, value)]
        others = [(readable_value(name, c.value), c) for c in on_field if c not in stating]
        rows.append(FieldProvenance(name, readable_value(name, value), stating, decided.get(name), others))
    return rows


def _agrees(name: str, claimed: str, value: str) -> bool:
    claimed = " ".join(claimed.split())
    if name == ClaimField.DATE:
        # "1975" states the year of "1975-08-01"; a day the shown date does not hold is another value.
        return value.startswith(claimed)
    return claimed.casefold() == value.casefold()
