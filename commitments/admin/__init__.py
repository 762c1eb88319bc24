"""Django admin for provisions, their tags and suggestions, relations and the taxonomy."""

from commitments.admin import provisions, relations, suggestions, taxonomy  # noqa: F401 (registers)
