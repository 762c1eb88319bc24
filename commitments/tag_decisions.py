"""Recording the editors' tag decisions: the tags themselves and why each was given.

Every change to a provision's curated tags goes through ``decide_tags`` or ``record_tag``, so
that each tag in ``Provision.dimensions`` / ``categories`` has its ``TagDecision`` (who, when,
basis) and the provision its ``ProvisionCuration``. Tags change through the many-to-many
managers, one provision at a time, so the provision's history and the search index see them.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from commitments.models import (
    CurationSource,
    Dimension,
    MigrationCategory,
    Provision,
    ProvisionCuration,
    SuggestionStatus,
    TagDecision,
    TagOrigin,
    TagSuggestion,
)


@dataclass(frozen=True)
class Decider:
    """Who decides, when, and where: a user in the admin, or a curation file's curator."""

    curator: str
    at: datetime.datetime
    source: str = CurationSource.ADMIN

    @classmethod
    def for_user(cls, user) -> "Decider":
        name = (user.get_username() if user is not None and user.is_authenticated else "") or "admin"
        return cls(curator=name, at=timezone.now(), source=CurationSource.ADMIN)


@transaction.atomic
def decide_tags(
    provision: Provision,
    *,
    dimensions: Mapping[Dimension, str],
    categories: Mapping[MigrationCategory, str],
    is_commitment: bool | None,
    basis: str,
    decider: Decider,
) -> bool:
    """Make the provision's curated tags exactly these (each with its basis); return whether
    anything changed. ``is_commitment`` None leaves the flag as it is."""
    changed = False
    for relation, field, wanted in (
        (provision.dimensions, "dimension", dimensions),
        (provision.categories, "category", categories),
    ):
        current = set(relation.all())
        if set(wanted) != current:
            relation.set(list(wanted))
            changed = True
        stored = provision.tag_decisions.filter(**{f"{field}__isnull": False})
        decisions = {getattr(d, field): d for d in stored}
        for tag, decision in decisions.items():
            if tag not in wanted:
                decision.delete()
        for tag, tag_basis in wanted.items():
            decision = decisions.get(tag)
            if decision is None or decision.basis != tag_basis[:300]:
                changed = True
                _save_decision(provision, field, tag, tag_basis, decider, decision)
    if is_commitment is not None and provision.is_commitment != is_commitment:
        provision.is_commitment = is_commitment
        provision.save(update_fields=["is_commitment", "updated_at"])
        changed = True
    curation = ProvisionCuration.objects.filter(provision=provision).first()
    if changed or curation is None or curation.basis != basis[:300] or curation.source != decider.source:
        ProvisionCuration.objects.update_or_create(
            provision=provision,
            defaults={
                "curator": decider.curator,
                "decided_at": decider.at,
                "basis": basis[:300],
                "source": decider.source,
            },
        )
        changed = True
    if changed:
        TagSuggestion.objects.pending().filter(provision=provision).delete()
    return changed


def record_tag(
    provision: Provision,
    tag: Dimension | MigrationCategory,
    *,
    basis: str,
    decider: Decider,
    suggestion: TagSuggestion | None = None,
) -> None:
    """Give one tag (if it is not there) and record why; the provision's other tags stay."""
    field = "dimension" if isinstance(tag, Dimension) else "category"
    relation = provision.dimensions if field == "dimension" else provision.categories
    if tag not in relation.all():
        relation.add(tag)
    existing = provision.tag_decisions.filter(**{field: tag}).first()
    _save_decision(provision, field, tag, basis, decider, existing, suggestion=suggestion)
    _touch_curation(provision, decider)


def forget_tag(provision: Provision, tag: Dimension | MigrationCategory, *, decider: Decider) -> None:
    """Take one tag off and its decision with it; the removal is the editors' decision too."""
    field = "dimension" if isinstance(tag, Dimension) else "category"
    relation = provision.dimensions if field == "dimension" else provision.categories
    if tag in relation.all():
        relation.remove(tag)
    provision.tag_decisions.filter(**{field: tag}).delete()
    _touch_curation(provision, decider)


def record_flag(provision: Provision, *, basis: str, decider: Decider) -> None:
    """A curator set whether the provision commits (``is_commitment`` as it now is). On a
    provision the editors have decided, it becomes their decision, which the curation files then
    leave as it is until ``write_curation`` writes it there; on one they have not, it stays a plain
    edit, which re-imports keep (``importing.diff``) and which asks for no tags."""
    if ProvisionCuration.objects.filter(provision=provision).exists():
        _touch_curation(provision, decider, basis=basis)


def _save_decision(provision, field, tag, basis, decider, decision, *, suggestion=None) -> None:
    decision = decision or TagDecision(provision=provision, **{field: tag})
    decision.origin = TagOrigin.ACCEPTED if suggestion is not None else TagOrigin.CURATED
    decision.curator, decision.decided_at, decision.basis = decider.curator, decider.at, basis[:300]
    decision.suggestion = suggestion
    decision.save()


def _touch_curation(provision: Provision, decider: Decider, *, basis: str = "") -> None:
    curation = ProvisionCuration.objects.filter(provision=provision).first()
    if curation is None:
        curation = ProvisionCuration(provision=provision, basis="")
    curation.curator, curation.decided_at, curation.source = decider.curator, decider.at, decider.source
    if basis:
        curation.basis = basis[:300]
    curation.save()


def accepted_basis(suggestion: TagSuggestion) -> str:
    """The basis an accepted suggestion records: the classifier's words, in a curator's terms."""
    words = ", ".join(suggestion.triggers[:5]) or "no words recorded"
    return f"suggestion accepted (confidence {suggestion.confidence:.2f}; words: {words})"


def decide_suggestion(suggestion: TagSuggestion, *, accept: bool, user) -> None:
    """Accept (tag the provision, recording the suggestion as the basis) or reject one pending suggestion."""
    decider = Decider.for_user(user)
    if accept:
        record_tag(
            suggestion.provision,
            suggestion.tag,
            basis=accepted_basis(suggestion),
            decider=decider,
            suggestion=suggestion,
        )
    suggestion.status = SuggestionStatus.ACCEPTED if accept else SuggestionStatus.REJECTED
    suggestion.decided_by = user if user is not None and user.is_authenticated else None
    suggestion.decided_at = decider.at
    suggestion.save(update_fields=["status", "decided_by", "decided_at"])
