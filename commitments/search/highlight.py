"""Snippets with matches marked, escaped before any markup is added."""

import re

from django.utils.html import escape

SNIPPET_LENGTH = 280


def highlight(text: str, terms: list[str], length: int = SNIPPET_LENGTH) -> str:
    """A window of ``text`` around the first match, HTML-escaped, with ``<mark>`` on matches.

    ``terms`` are literal strings (words or phrases), matched case-insensitively at word starts.
    """
    terms = [t for t in terms if t.strip()]
    pattern = (
        re.compile("|".join(r"\b" + re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.I)
        if terms
        else None
    )
    first = pattern.search(text) if pattern else None
    start = 0
    if first and first.start() > length // 3:
        start = text.rfind(" ", 0, first.start() - length // 3) + 1
    window = text[start : start + length]
    if start + length < len(text):
        window = window.rsplit(" ", 1)[0]
    pieces, last = [], 0
    if pattern:
        for match in pattern.finditer(window):
            pieces.append(escape(window[last : match.start()]))
            pieces.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    pieces.append(escape(window[last:]))
    prefix = "… " if start else ""
    suffix = " …" if start + length < len(text) else ""
    return prefix + "".join(pieces) + suffix
