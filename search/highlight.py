"""Snippets with matches marked, escaped before any markup is added."""

import re
from collections.abc import Iterable

from django.utils.html import escape

from search.folding import fold

SNIPPET_LENGTH = 280
# Matches are looked for this far into a text at most: a provision of megabytes costs a
# snippet no more than a long one (past it, the snippet is the text's opening).
MAX_SCANNED_CHARACTERS = 50_000


def highlight(text: str, terms: list[str], length: int = SNIPPET_LENGTH) -> str:
    """A window of ``text`` around the first match, HTML-escaped, with ``<mark>`` on matches.

    ``terms`` are literal strings (words or phrases), matched at word starts with case and
    accents folded as the search folds them: "Horgos" marks "Horgoš".
    """
    terms = [fold(t) for t in terms if t.strip()]
    pattern = (
        re.compile("|".join(r"\b" + re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.I)
        if terms
        else None
    )
    scanned = MAX_SCANNED_CHARACTERS + length
    if pattern is None:
        return mark_spans(text, [], length)
    folded, offsets = _folded_with_offsets(text[:scanned])
    matches = (
        (offsets[m.start()], offsets[m.end() - 1] + 1)
        for m in pattern.finditer(folded)
        if m.end() > m.start()
    )
    return mark_spans(text, spans_near_first(matches, length), length)


def _folded_with_offsets(text: str) -> tuple[str, list[int]]:
    """``text`` folded, and for each character of the folded text the index of the character of
    ``text`` it comes from (folding may make one character two: "ß", "ﬁ")."""
    if text.isascii():
        return text.lower(), list(range(len(text)))
    pieces, offsets = [], []
    for index, char in enumerate(text):
        folded = char.lower() if char.isascii() else fold(char)
        pieces.append(folded)
        offsets.extend([index] * len(folded))
    return "".join(pieces), offsets


def spans_near_first(spans: Iterable[tuple[int, int]], length: int = SNIPPET_LENGTH) -> list[tuple[int, int]]:
    """The ordered ``spans`` a snippet of ``length`` around the first one can show, read lazily:
    the rest of the text (and what lies past ``MAX_SCANNED_CHARACTERS``) is never searched."""
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if start > MAX_SCANNED_CHARACTERS or (kept and start > kept[0][0] + length):
            break
        kept.append((start, end))
    return kept


def mark_spans(text: str, spans: list[tuple[int, int]], length: int = SNIPPET_LENGTH) -> str:
    """A window of ``text`` around the first of ``spans`` (ordered character ranges),
    HTML-escaped, with ``<mark>`` on the spans inside it."""
    start = 0
    if spans and spans[0][0] > length // 3:
        start = text.rfind(" ", 0, spans[0][0] - length // 3) + 1
    end = start + length
    window_end = text.rfind(" ", start, end) if end < len(text) else len(text)
    if window_end <= start:
        window_end = min(end, len(text))
    pieces, last = [], start
    for span_start, span_end in spans:
        if span_start < last:
            continue
        if span_end > window_end:
            break
        pieces.append(escape(text[last:span_start]))
        pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        last = span_end
    pieces.append(escape(text[last:window_end]))
    prefix = "… " if start else ""
    suffix = " …" if window_end < len(text) else ""
    return prefix + "".join(pieces) + suffix
