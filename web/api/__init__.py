"""The read-only JSON API under ``/api/``: documents, provisions, taxonomy, relations and search."""
