"""Whether a quotation's words stand in a provision's text.

Quoting changes a text in small ways: case, punctuation, line breaks, British or American
spelling, words left out (``[…]``, ``…``) or put in (``deepen[ing]``, ``[while]``). Both sides are
reduced to words (``words``), spelling folded to one form; the quotation is cut at its elisions
and insertions into fragments, and matches exactly when every fragment stands in the text, in
order. Failing that, a quotation of ``FUZZY_MIN_WORDS`` or more matches a stretch of the text
whose words agree to ``FUZZY_THRESHOLD`` (a quotation that drops an "of" still matches); shorter
ones must match exactly, because three common words agree with too much.
"""

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

FUZZY_THRESHOLD = 0.88
FUZZY_MIN_WORDS = 6
# A gap in a quotation: an elision, or words the quoting author put in brackets.
_GAP = re.compile(r"\[[^\]]*\]|…|\.\.\.")
_WORD = re.compile(r"[a-z0-9]+")
# British spellings and their American forms, as the OSCE's texts use both.
_SPELLINGS = [
    (re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{3})ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(r"(?<=[a-z]{2}[^aeiou])our(s|ed|ing|able|ite|ites)?$"), r"or\1"),
    (re.compile(r"(?<=[a-z]{2})tre(s)?$"), r"ter\1"),
    (re.compile(r"(?<=[a-z]{3})ence$"), "ense"),
    (re.compile(r"^programme(s)?$"), r"program\1"),
    (re.compile(r"(?<=[a-z]{3}[aeiou])ll(ed|ing|er|ers)$"), r"l\1"),
]


def fold_word(word: str) -> str:
    """One spelling for ``organisation``/``organization``, ``labour``/``labor``, ``centre``/``center``.

    Both sides of a comparison are folded alike, so a word bent that needs no bending
    (``comprise``) still compares equal to itself."""
    for pattern, replacement in _SPELLINGS:
        folded = pattern.sub(replacement, word)
        if folded != word:
            return folded
    return word


def words(text: str) -> list[str]:
    """The text as folded words: no case, accents, punctuation or line breaks."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return [fold_word(w) for w in _WORD.findall(plain)]


def fragments(quotation: str) -> list[list[str]]:
    """The quotation's words in the runs its elisions and insertions leave."""
    return [run for run in (words(part) for part in _GAP.split(quotation)) if run]


@dataclass(frozen=True)
class Match:
    score: float  # 1.0 for an exact (normalised) match
    exact: bool


def _find(needle: list[str], haystack: list[str], start: int) -> int:
    """Where ``needle`` stands in ``haystack`` at or after ``start``; -1 if nowhere."""
    size = len(needle)
    for index in range(start, len(haystack) - size + 1):
        if haystack[index : index + size] == needle:
            return index
    return -1


def _exact(runs: list[list[str]], text_words: list[str]) -> bool:
    position = 0
    for run in runs:
        found = _find(run, text_words, position)
        if found < 0:
            return False
        position = found + len(run)
    return True


def _fuzzy(quoted: list[str], text_words: list[str]) -> float:
    """The best agreement of ``quoted`` with any stretch of the text about as long."""
    size = len(quoted)
    best = 0.0
    matcher = SequenceMatcher(autojunk=False)
    matcher.set_seq2(quoted)
    for length in range(max(1, size - 2), size + 3):
        for start in range(0, max(1, len(text_words) - length + 1)):
            matcher.set_seq1(text_words[start : start + length])
            if matcher.real_quick_ratio() <= best or matcher.quick_ratio() <= best:
                continue
            best = max(best, matcher.ratio())
    return best


def match(quotation: str, text: str) -> Match | None:
    """How ``quotation`` stands in ``text``; ``None`` when it does not."""
    runs = fragments(quotation)
    if not runs:
        return None
    text_words = words(text)
    if _exact(runs, text_words):
        return Match(score=1.0, exact=True)
    quoted = [word for run in runs for word in run]
    if len(quoted) < FUZZY_MIN_WORDS:
        return None
    score = _fuzzy(quoted, text_words)
    return Match(score=score, exact=False) if score >= FUZZY_THRESHOLD else None
