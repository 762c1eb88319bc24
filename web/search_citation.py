"""A search as a reader names and cites it: in words (``“migration”; Forced migration;
2000–2009``), and as a citation of the result list with its address and dataset version."""

from django.utils.translation import ngettext

from documents.citations import KNOWLEDGE_BASE
from search import SearchFilters
from web.facets import FacetLabels


def describe_search(*, query: str, filters: SearchFilters) -> str:
    """The search in words, for a feed's title: ``“migration”; Forced migration; 2000–2009``."""
    parts = [f"“{query.strip()}”"] if query.strip() else []
    labels = FacetLabels.load(document_slugs=filters.documents)
    parts += [labels.of("category", slug) for slug in filters.categories]
    parts += [labels.of("dimension", slug) for slug in filters.dimensions]
    parts += [str(labels.of("kind", kind)) for kind in filters.kinds]
    parts += [str(labels.of("body", body)) for body in filters.bodies]
    parts += [labels.documents[slug] for slug in filters.documents if slug in labels.documents]
    if filters.year_from is not None or filters.year_to is not None:
        parts.append(f"{filters.year_from or '…'}–{filters.year_to or '…'}")
    if filters.commitments_only:
        parts.append("commitments only")
    return "; ".join(parts)


def list_citation(*, query: str, filters: SearchFilters, total: int, url: str, version: str, accessed) -> str:
    """``OSCE Migration Commitments Knowledge Base, search “trafficking”; Illegal migration:
    8 provisions, <url>, dataset version … (accessed 3 December 2026)``."""
    described = describe_search(query=query, filters=filters) or "all provisions"
    found = ngettext("%(n)d provision", "%(n)d provisions", total) % {"n": total}
    day = f"{accessed.day} {accessed:%B %Y}"
    return f"{KNOWLEDGE_BASE}, search {described}: {found}, {url}, dataset version {version} (accessed {day})"
