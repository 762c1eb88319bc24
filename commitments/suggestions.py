"""The classifier's proposals stored as pending suggestions, for a curator to accept or reject.

An import proposes tags for what it stored, so this sits beside the models rather than in
curation: curators decide on suggestions there (``curation.tagging``).
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet

from commitments.classifier import RuleClassifier
from commitments.models import Dimension, MigrationCategory, Provision, SuggestionStatus, TagSuggestion


@dataclass
class SuggestionRun:
    proposed: int = 0  # suggestions now pending for the provisions examined
    withdrawn: int = 0  # pending suggestions the classifier no longer makes


@transaction.atomic
def suggest_tags(
    *, provisions: QuerySet[Provision], classifier: RuleClassifier | None = None
) -> SuggestionRun:
    """Propose dimensions for provisions without any, and categories for those without any.

    Provisions the editors have decided (``ProvisionCuration``) get no suggestion: "no
    category" is a decision too. Pending suggestions are replaced by the classifier's current
    ones; accepted and rejected suggestions are kept as the curators' record and the same tag
    is never proposed again.
    """
    classifier = classifier or RuleClassifier.from_taxonomy()
    dimensions = {d.slug: d for d in Dimension.objects.all()}
    categories = {c.slug: c for c in MigrationCategory.objects.all()}
    run = SuggestionRun()
    for provision in provisions.select_related("curation").prefetch_related(
        "dimensions", "categories", "tag_suggestions"
    ):
        curated = hasattr(provision, "curation")
        wanted = {} if curated else _wanted_suggestions(provision, classifier, dimensions, categories)
        existing = {_tag_key(s): s for s in provision.tag_suggestions.all()}
        for key, suggestion in existing.items():
            if suggestion.status == SuggestionStatus.PENDING and key not in wanted:
                suggestion.delete()
                run.withdrawn += 1
        for key, (tag, confidence, triggers) in wanted.items():
            suggestion = existing.get(key)
            if suggestion is None:
                suggestion = TagSuggestion(provision=provision, **{key[0]: tag})
            elif suggestion.status != SuggestionStatus.PENDING:
                continue
            suggestion.confidence, suggestion.triggers = confidence, list(triggers)
            suggestion.save()
            run.proposed += 1
    return run


def _wanted_suggestions(provision, classifier, dimensions, categories):
    needs = {"dimension": not provision.dimensions.all(), "category": not provision.categories.all()}
    tags = {"dimension": dimensions, "category": categories}
    wanted = {}
    text = f"{provision.heading}. {provision.text}" if provision.heading else provision.text
    for proposal in classifier.classify(text):
        tag = tags[proposal.taxonomy].get(proposal.slug)
        if needs[proposal.taxonomy] and tag is not None:
            wanted[(proposal.taxonomy, tag.pk)] = (tag, proposal.confidence, proposal.triggers)
    return wanted


def _tag_key(suggestion: TagSuggestion) -> tuple[str, int]:
    if suggestion.dimension_id:
        return ("dimension", suggestion.dimension_id)
    return ("category", suggestion.category_id)
