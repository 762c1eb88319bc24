"""``manage.py classifier_report``: precision and recall of the tag classifier per tag.

Measured against the curators' tags: for each taxonomy, only the provisions that carry at
least one tag of it take part (an untagged provision says nothing about a proposal).
"""

from django.core.management.base import BaseCommand, CommandError

from commitments.classifier import RuleClassifier, TagMeasure, Taxonomy, measure
from commitments.models import Dimension, MigrationCategory, Provision


def curated_examples(*, taxonomy: Taxonomy) -> list[tuple[str, set[str]]]:
    """(heading and text, curated slugs) of every provision tagged in ``taxonomy``."""
    relation = "dimensions" if taxonomy == "dimension" else "categories"
    provisions = Provision.objects.filter(**{f"{relation}__isnull": False}).distinct()
    examples = []
    for provision in provisions.prefetch_related(relation):
        text = f"{provision.heading}. {provision.text}" if provision.heading else provision.text
        examples.append((text, {tag.slug for tag in getattr(provision, relation).all()}))
    return examples


def format_measures(measures: list[TagMeasure], *, names: dict[str, str], examples: int) -> list[str]:
    def pct(value: float | None) -> str:
        return "   n/a" if value is None else f"{value:6.1%}"

    width = max(len(n) for n in names.values())
    lines = [
        f"{'':{width}}  curated  proposed  correct  precision  recall      F1",
    ]
    for m in measures:
        lines.append(
            f"{names[m.slug]:{width}}  {m.curated:7d}  {m.proposed:8d}  {m.correct:7d}"
            f"     {pct(m.precision)}  {pct(m.recall)}  {pct(m.f1)}"
        )
    total = TagMeasure(measures[0].taxonomy, "all")
    for m in measures:
        total.curated, total.proposed, total.correct = (
            total.curated + m.curated,
            total.proposed + m.proposed,
            total.correct + m.correct,
        )
    lines.append(
        f"{'all (micro-average)':{width}}  {total.curated:7d}  {total.proposed:8d}  {total.correct:7d}"
        f"     {pct(total.precision)}  {pct(total.recall)}  {pct(total.f1)}"
    )
    lines.append(f"over {examples} curated provisions")
    return lines


class Command(BaseCommand):
    help = "Print precision and recall of the tag classifier per category and dimension against curated tags."

    def add_arguments(self, parser):
        parser.add_argument("--threshold", type=float, help="Lowest confidence proposed (0 to 1).")

    def handle(self, *args, threshold=None, **options):
        if threshold is not None and not 0 <= threshold <= 1:
            raise CommandError(f"--threshold must be between 0 and 1, not {threshold}.")
        classifier = RuleClassifier.from_taxonomy(
            **({"threshold": threshold} if threshold is not None else {})
        )
        self.stdout.write(f"Rule classifier, threshold {classifier.threshold:.2f}")
        for taxonomy, model, title in (
            ("category", MigrationCategory, "Migration categories"),
            ("dimension", Dimension, "Dimensions"),
        ):
            examples = curated_examples(taxonomy=taxonomy)
            self.stdout.write(f"\n{title}")
            if not examples:
                self.stdout.write("  no curated tags yet: nothing to measure against")
                continue
            names = {t.slug: t.name for t in model.objects.all()}
            for line in format_measures(
                measure(classifier, examples, taxonomy=taxonomy), names=names, examples=len(examples)
            ):
                self.stdout.write(line)
