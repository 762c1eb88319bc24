"""Curation: the admin, tagging, suggestions review, conflicts, history and the two roles."""
