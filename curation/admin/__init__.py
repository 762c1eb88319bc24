"""Django admin for documents and provisions: editing, publishing, imports, conflicts review,
tags and suggestions, relations, the taxonomy, history and revert."""

from curation.admin import (  # noqa: F401 (registers)
    deletions,
    documents,
    field_operations,
    identity_decisions,
    provenance,
    provisions,
    quotations,
    relations,
    suggestions,
    taxonomy,
    warnings,
)
