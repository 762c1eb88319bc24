"""Why a provision carries its tags, in a researcher's words: each tag with who gave it, when
and on what basis, and apart from them the classifier's pending suggestions, which no editor
has reviewed and which public filters do not count (unless ``PUBLIC_FILTERS_INCLUDE_SUGGESTIONS``)."""

import datetime
from dataclasses import dataclass, field

from commitments.models import (
    Dimension,
    MigrationCategory,
    Provision,
    SuggestionStatus,
    TagDecision,
    TagOrigin,
    TagSuggestion,
)
from commitments.public_tags import filters_include_suggestions


@dataclass(frozen=True)
class TagLine:
    tag: Dimension | MigrationCategory
    how: str  # "tagged by the editors", "suggested automatically, accepted by the editors"
    curator: str = ""
    date: datetime.date | None = None
    basis: str = ""


@dataclass
class TagProvenance:
    categories: list[TagLine] = field(default_factory=list)
    dimensions: list[TagLine] = field(default_factory=list)
    suggested: list[TagSuggestion] = field(default_factory=list)  # pending, strongest first
    suggestions_in_filters: bool = False


_UNRECORDED = "tagged when the source was imported; no basis recorded"


def tag_provenance(provision: Provision) -> TagProvenance:
    """Three queries: the provision's decisions, its tags (prefetched or not) and its pending suggestions."""
    decisions: dict[tuple[str, int], TagDecision] = {
        ("dimension", d.dimension_id) if d.dimension_id else ("category", d.category_id): d
        for d in TagDecision.objects.filter(provision=provision)
    }
    result = TagProvenance(suggestions_in_filters=filters_include_suggestions())
    for kind, tags, lines in (
        ("category", provision.categories.all(), result.categories),
        ("dimension", provision.dimensions.all(), result.dimensions),
    ):
        for tag in tags:
            decision = decisions.get((kind, tag.pk))
            if decision is None:
                lines.append(TagLine(tag=tag, how=_UNRECORDED))
                continue
            lines.append(
                TagLine(
                    tag=tag,
                    how=TagOrigin(decision.origin).label,
                    curator=decision.curator,
                    date=decision.decided_at.date(),
                    basis=decision.basis,
                )
            )
    result.suggested = list(
        TagSuggestion.objects.filter(provision=provision, status=SuggestionStatus.PENDING)
        .select_related("dimension", "category")
        .order_by("-confidence", "pk")
    )
    return result
