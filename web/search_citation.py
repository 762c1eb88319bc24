"""A search as a reader names and cites it: in words (``“migration”; Forced migration;
2000–2009``), and as a citation of the result list with its address and dataset version."""

from django.utils.translation import ngettext

from commitments.models import Dimension, MigrationCategory
from documents.citations import KNOWLEDGE_BASE
from documents.models import Document, DocumentKind, IssuingBody
from search import SearchFilters


def describe_search(*, query: str, filters: SearchFilters) -> str:
    """The search in words, for a feed's title: ``“migration”; Forced migration; 2000–2009``."""
    parts = [f"“{query.strip()}”"] if query.strip() else []
    names = dict(MigrationCategory.objects.filter(slug__in=filters.categories).values_list("slug", "name"))
    parts += [names.get(slug, slug) for slug in filters.categories]
    names = dict(Dimension.objects.filter(slug__in=filters.dimensions).values_list("slug", "name"))
    parts += [names.get(slug, slug) for slug in filters.dimensions]
    parts += [str(dict(DocumentKind.choices).get(kind, kind)) for kind in filters.kinds]
    parts += [str(dict(IssuingBody.choices).get(body, body)) for body in filters.bodies]
    documents = Document.objects.published().filter(slug__in=filters.documents)
    parts += [document.symbol or document.title for document in documents]
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
