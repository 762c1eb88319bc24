"""Counts over the published corpus: what the home page, the timeline and the matrix show.

A provision tagged with two categories (or dimensions) counts once in each of them.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Q, QuerySet
from django.db.models.functions import ExtractYear

from commitments.models import Dimension, MigrationCategory, Provision, published_provision
from documents.models import Document

_PUBLISHED_PROVISIONS = published_provision("provisions__")


@dataclass(frozen=True)
class CorpusSummary:
    documents: int
    provisions: int
    commitments: int
    first_year: int | None
    last_year: int | None


@dataclass(frozen=True)
class Timeline:
    """Provisions per year and migration category (or dimension); ``years`` runs without gaps.

    ``categories`` are the series drawn: the migration categories, or the dimensions when
    ``by`` is ``"dimension"``. ``tagged`` counts, per year, every provision with any dimension
    or category, once however many it has.
    """

    years: list[int]
    categories: list[MigrationCategory] | list[Dimension]
    counts: dict[tuple[int, str], int]  # (year, series slug) -> provisions
    tagged: dict[int, int] = field(default_factory=dict)
    by: str = "category"

    def count(self, year: int, category: str) -> int:
        return self.counts.get((year, category), 0)

    def year_total(self, year: int) -> int:
        return sum(self.count(year, c.slug) for c in self.categories)

    @property
    def peak(self) -> int:
        return max((self.year_total(year) for year in self.years), default=0)

    def rows(self) -> list[tuple[int, list[tuple[MigrationCategory | Dimension, int]], int]]:
        """(year, [(series, count), …], tagged provisions) for the years with a tagged provision."""
        rows = []
        for year in self.years:
            cells = [(c, self.count(year, c.slug)) for c in self.categories]
            if any(n for _, n in cells) or self.tagged.get(year):
                rows.append((year, cells, self.tagged.get(year, 0)))
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


def timeline(*, by: str = "category") -> Timeline:
    """Provisions per year by migration category, or by dimension with ``by="dimension"``."""
    model, relation = (Dimension, "dimensions") if by == "dimension" else (MigrationCategory, "categories")
    dated = Provision.objects.published().filter(document__date__isnull=False)
    rows = (
        dated.filter(**{f"{relation}__isnull": False})
        .values_list(ExtractYear("document__date"), f"{relation}__slug")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    )
    counts = {(year, slug): n for year, slug, n in rows}
    tagged = dict(
        dated.filter(Q(dimensions__isnull=False) | Q(categories__isnull=False))
        .values_list(ExtractYear("document__date"))
        .annotate(n=Count("id", distinct=True))
        .order_by()
    )
    years = [year for year, _ in counts] + list(tagged)
    span = list(range(min(years), max(years) + 1)) if years else []
    return Timeline(
        years=span,
        categories=list(model.objects.order_by("position")),
        counts=counts,
        tagged=tagged,
        by="dimension" if by == "dimension" else "category",
    )


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
