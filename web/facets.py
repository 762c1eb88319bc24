"""Facet values as a reader sees them: their names, and the one order pages and the API show.

Dimensions and categories come in the taxonomy's order, years and decades newest first, the
other facets most frequent first (ties by value), whatever order a backend counted them in.
"""

from dataclasses import dataclass

from commitments.models import Dimension, MigrationCategory
from documents.models import Document, DocumentKind, IssuingBody
from search.per_index import per_index

FACET_TITLES = {
    "dimension": "Dimension",
    "category": "Migration category",
    "decade": "Decade",
    "year": "Year",
    "kind": "Document kind",
    "document": "Document",
}


@dataclass
class FacetLabels:
    """Readable names of facet values, and the taxonomy's order, read once per state of the
    search index (``search.per_index``)."""

    dimensions: dict[str, str]
    categories: dict[str, str]
    documents: dict[str, str]

    @classmethod
    def load(cls, *, document_slugs=()) -> "FacetLabels":
        """The labels, with those of every published document; on a backend that caches
        nothing, of ``document_slugs`` only (the documents a page shows)."""
        return per_index(
            "facet-labels",
            lambda: cls._read(Document.objects.published()),
            uncached=lambda: cls._read(Document.objects.published().filter(slug__in=list(document_slugs))),
        )

    @classmethod
    def _read(cls, documents) -> "FacetLabels":
        return cls(
            dimensions=dict(Dimension.objects.order_by("position").values_list("slug", "name")),
            categories=dict(MigrationCategory.objects.order_by("position").values_list("slug", "name")),
            documents={
                slug: symbol or title
                for slug, symbol, title in documents.values_list("slug", "symbol", "title")
            },
        )

    def of(self, name: str, value: str) -> str:
        if name == "dimension":
            return self.dimensions.get(value, value)
        if name == "category":
            return self.categories.get(value, value)
        if name == "document":
            return self.documents.get(value, value)
        if name == "kind":
            return dict(DocumentKind.choices).get(value, value)
        if name == "body":
            return dict(IssuingBody.choices).get(value, value)
        return value


def ordered_values(
    name: str, counts: dict[str, int], labels: FacetLabels | None = None
) -> list[tuple[str, int]]:
    """The (value, count) pairs of facet ``name`` in the order they are shown (``labels`` give
    the taxonomy's order for dimensions and categories)."""
    if name in ("dimension", "category") and labels is not None:
        order = list(labels.dimensions if name == "dimension" else labels.categories)
        return sorted(
            counts.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else len(order), kv[0])
        )
    if name in ("year", "decade"):
        return sorted(counts.items(), key=lambda kv: kv[0], reverse=True)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
