"""What changed between two versions of a text, word by word: shown in an import's preview
and in the history of a provision."""

import difflib

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_CONTEXT_WORDS = 8


def word_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    """``old`` with its deleted words in ``<del>``, ``new`` with its inserted words in ``<ins>``."""
    a, b = old.split(), new.split()
    old_parts: list[str] = []
    new_parts: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            same = _elide(a[i1:i2], first=i1 == 0, last=i2 == len(a))
            old_parts.append(same)
            new_parts.append(same)
            continue
        if i2 > i1:
            old_parts.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
        if j2 > j1:
            new_parts.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
    return mark_safe(" ".join(old_parts)), mark_safe(" ".join(new_parts))  # noqa: S308 (escaped above)


def _elide(words: list[str], *, first: bool, last: bool) -> str:
    """Keep a few words of unchanged text next to each change, and an ellipsis for the rest."""
    n = _CONTEXT_WORDS
    if len(words) <= 2 * n:
        return escape(" ".join(words))
    head = [] if first else words[:n]
    tail = [] if last else words[-n:]
    return escape(" ".join([*head, "…", *tail]))
