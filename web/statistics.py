"""Counts over the published corpus: what the home page, the timeline and the matrix show.

A provision tagged with two categories (or dimensions) counts once in each of them.
"""

from dataclasses import dataclass

from django.db.models import Count, Max, Min, Q, QuerySet
from django.db.models.functions import ExtractYear

from commitments.models import Dimension, MigrationCategory, Provision
from documents.models import Document, PublicationStatus

_PUBLISHED_PROVISIONS = Q(provisions__document__status=PublicationStatus.PUBLISHED)


@dataclass(frozen=True)
class CorpusSummary:
    documents: int
    provisions: int
    commitments: int
    first_year: int | None
    last_year: int | None


@dataclass(frozen=True)
class Timeline:
    """Provisions per year and migration category; ``years`` runs without gaps."""

    years: list[int]
    categories: list[MigrationCategory]
    counts: dict[tuple[int, str], int]  # (year, category slug) -> provisions

    def count(self, year: int, category: str) -> int:
        return self.counts.get((year, category), 0)

    def year_total(self, year: int) -> int:
        return sum(self.count(year, c.slug) for c in self.categories)

    @property
    def peak(self) -> int:
        return max((self.year_total(year) for year in self.years), default=0)

    def rows(self) -> list[tuple[int, list[tuple[MigrationCategory, int]]]]:
        """(year, [(category, count), …]) for the years that have any provision."""
        rows = []
        for year in self.years:
            cells = [(c, self.count(year, c.slug)) for c in self.categories]
            if any(n for _, n in cells):
                rows.append((year, cells))
        return rows


@dataclass(frozen=True)
class MatrixRow:
    dimension: Dimension | None  # None: the row of all dimensions
    cells: list[tuple[MigrationCategory, int]]
    total: int  # provisions in this dimension, whatever their category


@dataclass(frozen=True)
class Matrix:
    categories: list[MigrationCategory]
    rows: list[MatrixRow]
    totals: MatrixRow


def corpus_summary() -> CorpusSummary:
    documents = Document.objects.published().aggregate(
        n=Count("id"), first=Min(ExtractYear("date")), last=Max(ExtractYear("date"))
    )
    provisions = Provision.objects.published().aggregate(
        n=Count("id"), commitments=Count("id", filter=Q(is_commitment=True))
    )
    return CorpusSummary(
        documents=documents["n"],
        provisions=provisions["n"],
        commitments=provisions["commitments"],
        first_year=documents["first"],
        last_year=documents["last"],
    )


def categories_with_counts() -> QuerySet[MigrationCategory]:
    """The migration categories in order, each with ``provision_count`` of published provisions."""
    return MigrationCategory.objects.annotate(
        provision_count=Count("provisions", filter=_PUBLISHED_PROVISIONS, distinct=True)
    ).order_by("position")


def dimensions_with_counts() -> QuerySet[Dimension]:
    """The dimensions in order, each with ``provision_count`` of published provisions."""
    return Dimension.objects.annotate(
        provision_count=Count("provisions", filter=_PUBLISHED_PROVISIONS, distinct=True)
    ).order_by("position")


def timeline() -> Timeline:
    categories = list(MigrationCategory.objects.order_by("position"))
    rows = (
        Provision.objects.published()
        .filter(document__date__isnull=False, categories__isnull=False)
        .values_list(ExtractYear("document__date"), "categories__slug")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    )
    counts = {(year, slug): n for year, slug, n in rows}
    years = [year for year, _ in counts]
    span = list(range(min(years), max(years) + 1)) if years else []
    return Timeline(years=span, categories=categories, counts=counts)


def dimension_category_matrix() -> Matrix:
    categories = list(MigrationCategory.objects.order_by("position"))
    dimensions = list(Dimension.objects.order_by("position"))
    published = Provision.objects.published()
    pairs = {
        (dimension, category): n
        for dimension, category, n in published.filter(dimensions__isnull=False, categories__isnull=False)
        .values_list("dimensions__slug", "categories__slug")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    }
    per_dimension = dict(
        published.filter(dimensions__isnull=False)
        .values_list("dimensions__slug")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    )
    per_category = dict(
        published.filter(categories__isnull=False)
        .values_list("categories__slug")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    )
    rows = [
        MatrixRow(
            dimension=dimension,
            cells=[(category, pairs.get((dimension.slug, category.slug), 0)) for category in categories],
            total=per_dimension.get(dimension.slug, 0),
        )
        for dimension in dimensions
    ]
    totals = MatrixRow(
        dimension=None,
        cells=[(category, per_category.get(category.slug, 0)) for category in categories],
        total=published.count(),
    )
    return Matrix(categories=categories, rows=rows, totals=totals)
