"""Django admin for documents: editing, publishing, conflicts review, history and revert."""

from documents.admin import documents, provenance  # noqa: F401 (registers the admins)
