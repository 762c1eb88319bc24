""" "Did you mean": the correction of a query's misspelt words, the same for every backend.

A backend knows its vocabulary; this module decides. A word the corpus does not hold is
replaced by a corpus word at most two edits away, the nearest first and among equally near ones
the most frequent ("famly" is one edit from "family", two from "fully", however common "fully"
is). Where several words are misspelt, or one has several candidates as near as each other, the
combination chosen is the first, in that order, whose corrected query finds something: the
phrase has to make sense in the corpus. Symbols, numbers and labels are never corrected
(``ParsedQuery.spelled_words`` leaves them out), nor are words the corpus holds.
"""

import itertools
from collections.abc import Callable, Sequence

from search.parsing import ParsedQuery, rewrite_words

MAX_DISTANCE = 2
CANDIDATES_PER_WORD = 3
MAX_COMBINATIONS = 27
MAX_TRIED = 9  # corrected queries searched for hits, at most

# (corpus word, frequency) pairs a backend offers for a misspelt word, any order.
Candidates = Callable[[str], Sequence[tuple[str, int]]]


def edit_distance(a: str, b: str) -> int:
    """Damerau–Levenshtein distance (optimal string alignment): insertions, deletions,
    substitutions and swaps of two neighbours each count one."""
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        previous_previous, previous = previous, current
    return previous[-1]


def ranked(word: str, candidates: Sequence[tuple[str, int]]) -> list[str]:
    """The corrections of ``word`` worth offering, the best first: nearest, then most frequent."""
    scored = [
        (edit_distance(word, term), -frequency, term)
        for term, frequency in candidates
        if term != word and abs(len(term) - len(word)) <= MAX_DISTANCE
    ]
    return [term for distance, _, term in sorted(scored) if distance <= MAX_DISTANCE][:CANDIDATES_PER_WORD]


def suggestion(
    query: str,
    parsed: ParsedQuery,
    *,
    known: Callable[[str], bool],
    fold: Callable[[str], str],
    candidates: Candidates,
    finds_something: Callable[[str], bool],
) -> str | None:
    """The query with its misspelt words corrected, or None when there is nothing to correct.

    ``fold(word)`` is the word as the vocabulary holds it (lower case, accents folded, or ""
    for a word the backend would not correct, such as a stop word); ``known(folded)`` says
    whether the corpus holds it; ``candidates(folded)`` offers corpus words near it;
    ``finds_something(query)`` says whether a corrected query has any hit.
    """
    options: dict[str, list[str]] = {}
    for word in dict.fromkeys(parsed.spelled_words()):
        folded = fold(word)
        if not folded or known(folded):
            continue
        corrections = ranked(folded, candidates(folded))
        if corrections:
            options[word] = corrections
    if not options:
        return None
    words = list(options)
    combinations = list(itertools.islice(itertools.product(*options.values()), MAX_COMBINATIONS))
    # In order of total distance, then of each word's own rank.
    combinations.sort(
        key=lambda combo: (
            sum(edit_distance(fold(w), c) for w, c in zip(words, combo, strict=True)),
            [options[w].index(c) for w, c in zip(words, combo, strict=True)],
        )
    )
    rewritten = [rewrite_words(query, dict(zip(words, combo, strict=True))) for combo in combinations]
    best = next((text for text in rewritten[:MAX_TRIED] if finds_something(text)), rewritten[0])
    return best if best != query else None
