"""A transparent, rule-based classifier proposing dimensions and migration categories.

Its rules are the phrase cues of ``commitments.cues``, each with a weight, the contexts in
which it does not count and what else the text must speak of. A text's score for a tag is
the sum of the weights of the distinct cues that fire, so the phrases that fired explain every
suggestion on their own; no training, no hidden state.

A suggestion is offered only when its confidence reaches the threshold of its taxonomy
(``THRESHOLDS``). The thresholds were chosen by ``choose_threshold`` on the calibration part
of the curated corpus, as the lowest at which the suggestions made there were right at least
``TARGET_PRECISION`` of the time; ``classifier_report`` measures precision and recall on the
evaluation part, which neither the cues nor the thresholds were chosen on (``part_of``).

Pure Python over strings; ``commitments.suggestions`` persists suggestions.
"""

import hashlib
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from commitments.cues import CATEGORY_CUES, DIMENSION_CUES, CueSpec

Taxonomy = Literal["dimension", "category"]

TARGET_PRECISION = 0.85
# Chosen by `manage.py classifier_report --choose` on the calibration part (see README).
THRESHOLDS: dict[str, float] = {"dimension": 0.5, "category": 0.5}
# A tag scoring less than this share of the text's best tag of the same taxonomy is not
# proposed: a text clearly about trafficking is not also proposed for every category one stray
# phrase points to, nor a paragraph on cross-border trade for the politico-military dimension.
RELATIVE_CUT: dict[str, float] = {"dimension": 0.3, "category": 0.5}


def fold(text: str) -> str:
    """Lower case, accents and typographic quotes and dashes made plain, spaces collapsed."""
    text = (
        unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode() if not text.isascii() else text
    )
    return " ".join(text.lower().replace("\u2019", "'").split())


def _plain(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2010", "-").replace("\u2011", "-")
    text = text.replace("\u2013", " ").replace("\u2014", " ")
    return fold(text)


@dataclass(frozen=True)
class Cue:
    spec: CueSpec
    pattern: re.Pattern
    unless: tuple[re.Pattern, ...]
    needs: re.Pattern | None

    @classmethod
    def compile(cls, spec: CueSpec) -> "Cue":
        def word(pattern: str) -> re.Pattern:
            return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])")

        return cls(
            spec=spec,
            pattern=word(spec.pattern),
            unless=tuple(word(p) for p in spec.unless),
            needs=word(spec.needs) if spec.needs else None,
        )

    def fires(self, text: str) -> str | None:
        """The words of ``text`` (folded) that fire this cue, or None."""
        if self.needs is not None and not self.needs.search(text):
            return None
        excluded = [m.span() for p in self.unless for m in p.finditer(text)]
        for match in self.pattern.finditer(text):
            start, end = match.span()
            if not any(a <= start and end <= b for a, b in excluded):
                return match.group(0)
        return None


@dataclass(frozen=True)
class Suggestion:
    taxonomy: Taxonomy
    slug: str
    confidence: float
    triggers: tuple[str, ...]  # the text's own words that fired, strongest first


def _confidence(score: float) -> float:
    """Map a score (a sum of cue weights) to (0, 1): a cue of weight 1 gives 0.5, of 3 gives 0.75."""
    return round(score / (score + 1.0), 3)


def _score_of(confidence: float) -> float:
    return math.inf if confidence >= 1 else confidence / (1.0 - confidence)


class RuleClassifier:
    """Scores a text against every tag's cues and proposes the tags that score well enough.

    ``thresholds`` is the lowest confidence proposed, per taxonomy.
    """

    def __init__(
        self,
        cues: dict[Taxonomy, list[CueSpec]],
        *,
        thresholds: dict[str, float] | None = None,
        relative_cut: dict[str, float] | None = None,
    ):
        self.cues = {taxonomy: [Cue.compile(spec) for spec in specs] for taxonomy, specs in cues.items()}
        self.thresholds = dict(THRESHOLDS if thresholds is None else thresholds)
        self.relative_cut = dict(RELATIVE_CUT if relative_cut is None else relative_cut)

    @classmethod
    def from_taxonomy(cls, **options) -> "RuleClassifier":
        """The classifier with the cues of ``commitments.cues``."""
        return cls({"category": CATEGORY_CUES, "dimension": DIMENSION_CUES}, **options)

    def tags(self, taxonomy: Taxonomy) -> list[str]:
        return list(dict.fromkeys(cue.spec.tag for cue in self.cues[taxonomy]))

    def cues_for(self, taxonomy: Taxonomy, slug: str) -> list[Cue]:
        return [cue for cue in self.cues[taxonomy] if cue.spec.tag == slug]

    def score(self, text: str) -> list[Suggestion]:
        """Every tag with a non-zero score, whatever the threshold, strongest first."""
        folded = _plain(text)
        scored = []
        for taxonomy, cues in self.cues.items():
            totals: dict[str, list[tuple[float, str]]] = {}
            for cue in cues:
                words = cue.fires(folded)
                if words is not None:
                    totals.setdefault(cue.spec.tag, []).append((cue.spec.weight, words))
            for slug, fired in totals.items():
                fired.sort(key=lambda f: -f[0])
                triggers = tuple(dict.fromkeys(words for _, words in fired))
                scored.append(Suggestion(taxonomy, slug, _confidence(sum(w for w, _ in fired)), triggers))
        return sorted(scored, key=lambda s: (-s.confidence, s.taxonomy, s.slug))

    def classify(self, text: str) -> list[Suggestion]:
        """The tags worth proposing for ``text``, strongest first."""
        scored = self.score(text)
        best: dict[str, float] = {}
        for suggestion in scored:
            best.setdefault(suggestion.taxonomy, suggestion.confidence)
        return [
            s
            for s in scored
            if s.confidence >= self.thresholds[s.taxonomy]
            and _score_of(s.confidence) >= self.relative_cut[s.taxonomy] * _score_of(best[s.taxonomy])
        ]


def part_of(text: str) -> Literal["calibration", "evaluation"]:
    """Which part of the curated corpus a provision belongs to, from its words alone: stable
    across re-imports and databases, and the same for two provisions with the same words (a
    passage quoted twice cannot sit in both parts)."""
    digest = hashlib.sha256(" ".join(re.findall(r"[a-z0-9]+", fold(text))).encode()).digest()
    return "evaluation" if digest[0] % 2 else "calibration"


@dataclass
class TagMeasure:
    """Precision and recall of one tag over curated provisions."""

    taxonomy: Taxonomy
    slug: str
    curated: int = 0  # provisions curators gave this tag
    proposed: int = 0  # provisions the classifier proposes it for
    correct: int = 0  # both

    @property
    def precision(self) -> float | None:
        return self.correct / self.proposed if self.proposed else None

    @property
    def recall(self) -> float | None:
        return self.correct / self.curated if self.curated else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if not p or not r:
            return None if p is None or r is None else 0.0
        return 2 * p * r / (p + r)


def total(measures: list[TagMeasure]) -> TagMeasure:
    """The micro-average: every proposal of every tag counted once."""
    summed = TagMeasure(measures[0].taxonomy if measures else "category", "all")
    for m in measures:
        summed.curated += m.curated
        summed.proposed += m.proposed
        summed.correct += m.correct
    return summed


def measure(
    classifier: RuleClassifier, examples: Iterable[tuple[str, set[str]]], *, taxonomy: Taxonomy
) -> list[TagMeasure]:
    """Compare proposals with curated tags: ``examples`` are (text, curated slugs) pairs of
    provisions the editors decided (a decided provision with no category says no category fits)."""
    measures = {slug: TagMeasure(taxonomy, slug) for slug in classifier.tags(taxonomy)}
    for text, curated in examples:
        proposed = {s.slug for s in classifier.classify(text) if s.taxonomy == taxonomy}
        for slug, m in measures.items():
            m.curated += slug in curated
            m.proposed += slug in proposed
            m.correct += slug in curated and slug in proposed
    return list(measures.values())


def choose_threshold(
    classifier: RuleClassifier,
    examples: list[tuple[str, set[str]]],
    *,
    taxonomy: Taxonomy,
    target: float = TARGET_PRECISION,
    min_proposed: int = 5,
) -> float | None:
    """The lowest confidence from which on the proposals for ``examples`` are right at least
    ``target`` of the time (micro-averaged). "At least" is read with the sample's size in mind:
    the lower bound of the Wilson interval (90% one-sided) of the precision from that threshold up
    must reach ``target``, so that a handful of lucky proposals does not decide; and from every
    higher threshold that proposes ``min_proposed`` tags or more, the measured precision must
    reach ``target`` too, so that a band of wrong proposals above it is never averaged away by
    right ones below. None if no threshold does."""
    candidates = sorted(
        {s.confidence for text, _ in examples for s in classifier.score(text) if s.taxonomy == taxonomy}
    )
    chosen = None
    for threshold in reversed(candidates):
        trial = RuleClassifier.__new__(RuleClassifier)
        trial.cues, trial.relative_cut = classifier.cues, classifier.relative_cut
        trial.thresholds = {**classifier.thresholds, taxonomy: threshold}
        summed = total(measure(trial, examples, taxonomy=taxonomy))
        if summed.proposed < min_proposed:
            continue
        if summed.correct < target * summed.proposed:
            break  # a band of wrong proposals: no lower threshold may be chosen
        if wilson_lower_bound(summed.correct, summed.proposed) >= target:
            chosen = threshold
    return chosen


def wilson_lower_bound(successes: int, trials: int, *, z: float = 1.2816) -> float:
    """The lower end of the Wilson score interval for a proportion (z = 1.2816: 90% one-sided)."""
    if trials == 0:
        return 0.0
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = p + z * z / (2 * trials)
    margin = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    return (centre - margin) / denominator
