"""Benchmarks of the knowledge base against the peers a user could pick instead (``make bench``).

Kept apart from the project: run with ``bench.settings``, which alone adds django-haystack.
"""
