"""Importing: source files become documents, provisions, claims and relations.

``parsers/`` turns each source format into plain dataclasses (``parsed``) without touching
the database; ``save`` persists them in one transaction; ``service`` is the one entry point
the admin, ``import_source`` and ``load_corpus`` share.
"""
