"""``manage.py classifier_report``: how far the tag classifier and the commitment rule can be trusted.

Measured against the editors' decisions (every provision with a ``ProvisionCuration``; one
whose curation gives no category says that no category fits). The curated provisions are
split in two by their words (``commitments.classifier.part_of``): the thresholds are chosen
on the calibration part, precision and recall are measured on the evaluation part.
"""

from django.core.management.base import BaseCommand, CommandError

from commitments.classifier import (
    TARGET_PRECISION,
    RuleClassifier,
    TagMeasure,
    Taxonomy,
    choose_threshold,
    measure,
    part_of,
    total,
)
from commitments.models import Dimension, MigrationCategory, Provision, ProvisionOrigin
from importing.corpus import bundled_commitment_readings

_PARTS = ("calibration", "evaluation")


def curated_examples(*, taxonomy: Taxonomy, part: str | None = None) -> list[tuple[str, set[str]]]:
    """(heading and text, curated slugs) of every provision the editors decided, in ``part``."""
    relation = "dimensions" if taxonomy == "dimension" else "categories"
    provisions = Provision.objects.filter(curation__isnull=False).prefetch_related(relation).order_by("pk")
    examples = []
    for provision in provisions:
        if part is not None and part_of(provision.text) != part:
            continue
        text = f"{provision.heading}. {provision.text}" if provision.heading else provision.text
        examples.append((text, {tag.slug for tag in getattr(provision, relation).all()}))
    return examples


def format_measures(measures: list[TagMeasure], *, names: dict[str, str], examples: int) -> list[str]:
    def pct(value: float | None) -> str:
        return "   n/a" if value is None else f"{value:6.1%}"

    width = max(len(n) for n in [*names.values(), "all (micro-average)"])
    lines = [f"  {'':{width}}  curated  proposed  correct  precision  recall      F1"]
    for m in [*measures, total(measures)]:
        name = names.get(m.slug, "all (micro-average)")
        lines.append(
            f"  {name:{width}}  {m.curated:7d}  {m.proposed:8d}  {m.correct:7d}"
            f"     {pct(m.precision)}  {pct(m.recall)}  {pct(m.f1)}"
        )
    lines.append(f"  over {examples} curated provisions")
    return lines


class Command(BaseCommand):
    help = (
        "Print precision and recall of the tag classifier per dimension and category on the evaluation "
        "part of the curated corpus, the thresholds chosen on the calibration part, and how often the "
        "commitment rule agrees with the editors."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--threshold", type=float, help="Measure at this confidence for both taxonomies instead (0 to 1)."
        )

    def handle(self, *args, threshold=None, **options):
        if threshold is not None and not 0 <= threshold <= 1:
            raise CommandError(f"--threshold must be between 0 and 1, not {threshold}.")
        classifier = RuleClassifier.from_taxonomy(
            **(
                {"thresholds": {"dimension": threshold, "category": threshold}}
                if threshold is not None
                else {}
            )
        )
        write = self.stdout.write
        write("Rule classifier (commitments/cues.py)")
        for taxonomy, model, title in (
            ("dimension", Dimension, "Dimensions"),
            ("category", MigrationCategory, "Migration categories"),
        ):
            parts = {part: curated_examples(taxonomy=taxonomy, part=part) for part in _PARTS}
            write(f"\n{title}")
            if not any(parts.values()):
                write("  no curated provisions yet: nothing to measure against")
                continue
            chosen = choose_threshold(classifier, parts["calibration"], taxonomy=taxonomy)
            chosen_text = "none reaches it" if chosen is None else f"{chosen:.3f}"
            write(
                f"  threshold {classifier.thresholds[taxonomy]:.3f} in use; lowest reaching "
                f"{TARGET_PRECISION:.0%} precision on the calibration part: {chosen_text}"
            )
            names = {t.slug: t.name for t in model.objects.all()}
            for part in ("evaluation", "calibration"):
                write(f"  {part} part{' (held out: the figures to trust)' if part == 'evaluation' else ''}")
                examples = parts[part]
                if examples:
                    measured = measure(classifier, examples, taxonomy=taxonomy)
                    for line in format_measures(measured, names=names, examples=len(examples)):
                        write(f"  {line}")
        self._commitment_rule()

    def _commitment_rule(self) -> None:
        """The importers' commitment flags against the editors', over the bundled corpus: the
        paragraphs the rule reads, and apart the quoted passages, which an importer flags by the
        kind of document they are credited to (a fragment's words seldom hold its verb)."""
        curated = {
            (p.document_id, p.label): (p.is_commitment, p.origin == ProvisionOrigin.QUOTATION)
            for p in Provision.objects.filter(curation__isnull=False).only(
                "document_id", "label", "is_commitment", "origin"
            )
        }
        readings = [
            (rule, *curated[key]) for key, rule in bundled_commitment_readings().items() if key in curated
        ]
        self.stdout.write("\nCommitment rule (commitments/operative.py) against the editors")
        if not readings:
            self.stdout.write("  no curated provisions of the bundled corpus yet")
            return
        paragraphs = [(rule, editors) for rule, editors, quoted in readings if not quoted]
        passages = [(rule, editors) for rule, editors, quoted in readings if quoted]
        if paragraphs:
            self.stdout.write(f"  paragraphs: {_agreement(paragraphs)}")
        if passages:
            self.stdout.write(f"  quoted passages (flagged by their document's kind): {_agreement(passages)}")


def _agreement(pairs: list[tuple[bool, bool]]) -> str:
    agree = sum(rule == editors for rule, editors in pairs)
    said_yes = [editors for rule, editors in pairs if rule]
    are_yes = [rule for rule, editors in pairs if editors]
    precision = f"{sum(said_yes) / len(said_yes):.1%}" if said_yes else "n/a"
    recall = f"{sum(are_yes) / len(are_yes):.1%}" if are_yes else "n/a"
    return (
        f"agrees on {agree} of {len(pairs)} ({agree / len(pairs):.1%}); the commitments it finds are "
        f"the editors' {precision} of the time, and it finds {recall} of theirs"
    )
