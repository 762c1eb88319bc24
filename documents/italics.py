"""Italics in citation text, decided once: a title set in italics is marked by two private-use
characters, so that one string gives both the plain text a reader copies or exports (the marks
dropped, no asterisks) and the HTML a page shows (the marks as ``<i>``, the rest escaped here).
The citation styles (``citation_styles``) and the quotations' citations use the same marks."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ITALIC_START, ITALIC_END = "\ue000", "\ue001"


def italic(text: str) -> str:
    """``text`` marked to be set in italics."""
    return f"{ITALIC_START}{text}{ITALIC_END}"


def plain(marked: str) -> str:
    """The text to copy, export or put in an attribute: the italics marks dropped."""
    return marked.replace(ITALIC_START, "").replace(ITALIC_END, "")


def as_html(marked: str) -> SafeString:
    """The text escaped for a page, the marked parts in ``<i>`` (a title of a work, not emphasis)."""
    html = escape(marked).replace(ITALIC_START, "<i>").replace(ITALIC_END, "</i>")
    return mark_safe(html)  # noqa: S308 (escaped above)
