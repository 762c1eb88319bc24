"""Bulk data: the whole published corpus as one JSON file or a zip of CSV tables, and back."""
