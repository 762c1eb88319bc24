"""A transparent, rule-based classifier proposing dimensions and migration categories.

Each rule is a word or a two-word phrase. The rules of a migration category are the content
words and phrases of its description in ``commitments.taxonomy`` (the study's own wording of
section 4.1); the rules of a dimension are its description plus the keywords below. A text's
score for a tag is the sum of the weights of the distinct rules it fires, so the words that
fired explain every suggestion on their own. No training, no hidden state: change a
description or a keyword list and the suggestions change with it.

Pure Python over strings; ``commitments.suggestions`` persists the suggestions and
``evaluate`` measures them against curated tags.
"""

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from commitments.taxonomy import DIMENSIONS, MIGRATION_CATEGORIES

Taxonomy = Literal["dimension", "category"]

# Words that the dimension descriptions alone would miss; each is evidence for its dimension.
DIMENSION_KEYWORDS: dict[str, list[str]] = {
    "politico-military": [
        "border", "border security", "border management", "police", "law enforcement", "terrorism",
        "organized crime", "arms", "military", "conflict", "smuggling", "trafficking", "customs",
        "security co-operation", "crime",
    ],
    "economic-environmental": [
        "economic", "economy", "labour", "employment", "workers", "remittances", "investment",
        "development", "environmental", "climate change", "disasters", "savings", "skills",
        "labour markets", "economic co-operation",
    ],
    "human": [
        "human rights", "fundamental freedoms", "discrimination", "xenophobia", "intolerance",
        "tolerance", "integration", "minorities", "refugees", "asylum", "family", "families",
        "education", "dignity", "humanitarian", "gender", "racism", "diversity",
    ],
}  # fmt: skip

_STOPWORD_LIST = """
    a about above after again against all also although among an and any are as at be been before
    being both but by can could did do does doing down during each either etc few for from further
    had has have having here how i if in including inter into is it its itself just may might more
    most much must no nor not of off on once only or other our out over own per same shall should so
    some such than that the their them themselves then there these they this those through to too
    under until up upon very was we were what when where whether which while who whom why will with
    within without would co e g via between towards among whose"""
_STOPWORDS = frozenset(_STOPWORD_LIST.split())

# Words every migration text uses, and the descriptions' connecting words: alone they tell
# nothing about which tag a text deserves (in a phrase they still count: "climate change").
_GENERIC_LIST = """
    migration migrations migrant migrants migratory country countries state states participating
    osce csce person persons people dimension security operation operations benefit contribution
    movement need needs policies policy impact orderly management home made man change first second
    third final act helsinki entered provisions mandate non good common conditions respect living
    control measures building information fight confidence law help"""
_GENERIC = frozenset(_GENERIC_LIST.split())

_WORD = re.compile(r"[a-z]+")
_SUFFIXES = ("ations", "ation", "ments", "ment", "ities", "ity", "ings", "ing", "ies", "ied", "ers", "er")
_SUFFIXES += ("ed", "es", "al", "s", "e")
_PREFIX_MATCH_MIN = 5  # a stem this long also matches longer words: "integr" matches "integrated"


def stem(word: str) -> str:
    """A light English stem: ``refugees`` and ``refugee`` give ``refuge``; never shorter than 3."""
    for _ in range(2):  # "displacements" -> "displacement" -> "displac"
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
        else:
            break
    return word


@dataclass(frozen=True)
class _Token:
    surface: str
    stem: str


def _content_tokens(text: str) -> list[list[_Token]]:
    """Runs of content words; a stopword or punctuation mark ends a run, so phrases never span them."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    runs: list[list[_Token]] = []
    for chunk in re.split(r"[.,;:!?()\[\]\"“”]+", folded):
        run: list[_Token] = []
        for word in _WORD.findall(chunk):
            if word in _STOPWORDS or len(word) < 3:
                if run:
                    runs.append(run)
                run = []
                continue
            run.append(_Token(word, stem(word)))
        if run:
            runs.append(run)
    return runs


def _stems_match(rule_stem: str, word_stem: str) -> bool:
    if rule_stem == word_stem:
        return True
    return len(rule_stem) >= _PREFIX_MATCH_MIN and word_stem.startswith(rule_stem)


@dataclass(frozen=True)
class Rule:
    """One word or two-word phrase that is evidence for a tag."""

    phrase: str  # as the description writes it, e.g. "climate change"
    stems: tuple[str, ...]
    weight: float


@dataclass(frozen=True)
class Suggestion:
    taxonomy: Taxonomy
    slug: str
    confidence: float
    triggers: tuple[str, ...]  # the text's own words that fired, strongest first


@dataclass
class _TagRules:
    taxonomy: Taxonomy
    slug: str
    rules: list[Rule] = field(default_factory=list)


def _phrases(text: str) -> list[tuple[_Token, ...]]:
    """The content words of ``text`` and the adjacent pairs among them, generic words dropped."""
    found: list[tuple[_Token, ...]] = []
    for run in _content_tokens(text):
        for i, token in enumerate(run):
            if token.surface not in _GENERIC:
                found.append((token,))
            if i + 1 < len(run):
                found.append((token, run[i + 1]))
    return found


def _build_rules(taxonomy: Taxonomy, sources: dict[str, list[str]]) -> list[_TagRules]:
    """Rules of every tag of one taxonomy; a word shared by k tags weighs 1/k in each."""
    phrases_by_tag: dict[str, dict[tuple[str, ...], str]] = {}
    for slug, texts in sources.items():
        phrases: dict[tuple[str, ...], str] = {}
        for text in texts:
            for tokens in _phrases(text):
                phrases.setdefault(tuple(t.stem for t in tokens), " ".join(t.surface for t in tokens))
        phrases_by_tag[slug] = phrases
    sharing: dict[tuple[str, ...], int] = {}
    for phrases in phrases_by_tag.values():
        for stems in phrases:
            sharing[stems] = sharing.get(stems, 0) + 1
    result = []
    for slug, phrases in phrases_by_tag.items():
        rules = [
            Rule(phrase, stems, (1.0 if len(stems) == 1 else 1.5) / sharing[stems])
            for stems, phrase in phrases.items()
        ]
        result.append(_TagRules(taxonomy, slug, sorted(rules, key=lambda r: (-r.weight, r.phrase))))
    return result


class RuleClassifier:
    """Scores a text against every tag's rules and proposes the tags that score well enough.

    ``threshold`` is the lowest confidence proposed; ``relative_cut`` drops a tag scoring
    less than that fraction of the best tag of the same taxonomy, so a text clearly about
    trafficking is not also proposed for every category one stray word points to.
    """

    def __init__(self, tag_rules: list[_TagRules], *, threshold: float = 0.5, relative_cut: float = 0.5):
        self.tag_rules = tag_rules
        self.threshold = threshold
        self.relative_cut = relative_cut

    @classmethod
    def from_taxonomy(cls, **options) -> "RuleClassifier":
        """The classifier built from ``commitments.taxonomy`` and ``DIMENSION_KEYWORDS``."""
        categories = {c["slug"]: [c["name"], c["description"]] for c in MIGRATION_CATEGORIES}
        dimensions = {
            d["slug"]: [d["description"], *DIMENSION_KEYWORDS.get(d["slug"], [])] for d in DIMENSIONS
        }
        return cls(_build_rules("category", categories) + _build_rules("dimension", dimensions), **options)

    def rules_for(self, taxonomy: Taxonomy, slug: str) -> list[Rule]:
        for tag in self.tag_rules:
            if tag.taxonomy == taxonomy and tag.slug == slug:
                return tag.rules
        raise KeyError(f"No {taxonomy} {slug!r}")

    def score(self, text: str) -> list[Suggestion]:
        """Every tag with a non-zero score, whatever the threshold, strongest first."""
        phrases = _phrases(text)
        scored = []
        for tag in self.tag_rules:
            total, fired = 0.0, []
            for rule in tag.rules:
                surface = self._fires(rule, phrases)
                if surface is not None:
                    total += rule.weight
                    fired.append((rule.weight, surface))
            if total:
                triggers = tuple(dict.fromkeys(s for _, s in sorted(fired, key=lambda f: -f[0])))
                scored.append(Suggestion(tag.taxonomy, tag.slug, _confidence(total), triggers))
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
            if s.confidence >= self.threshold
            and _score_of(s.confidence) >= self.relative_cut * _score_of(best[s.taxonomy])
        ]

    @staticmethod
    def _fires(rule: Rule, phrases: list[tuple[_Token, ...]]) -> str | None:
        for tokens in phrases:
            if len(tokens) == len(rule.stems) and all(
                _stems_match(r, t.stem) for r, t in zip(rule.stems, tokens, strict=True)
            ):
                return " ".join(t.surface for t in tokens)
        return None


def _confidence(score: float) -> float:
    """Map a score (a sum of rule weights) to (0, 1): one full-weight word gives 0.5."""
    return round(score / (score + 1.0), 3)


def _score_of(confidence: float) -> float:
    return math.inf if confidence >= 1 else confidence / (1.0 - confidence)


@dataclass
class TagMeasure:
    """Precision and recall of one tag over the curated provisions."""

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


def measure(
    classifier: RuleClassifier, examples: Iterable[tuple[str, set[str]]], *, taxonomy: Taxonomy
) -> list[TagMeasure]:
    """Compare proposals with curated tags: ``examples`` are (text, curated slugs) pairs.

    Only texts with at least one curated tag of ``taxonomy`` should be given: an untagged
    text is not evidence that a proposed tag is wrong, only that nobody has tagged it yet.
    """
    measures = {t.slug: TagMeasure(taxonomy, t.slug) for t in classifier.tag_rules if t.taxonomy == taxonomy}
    for text, curated in examples:
        proposed = {s.slug for s in classifier.classify(text) if s.taxonomy == taxonomy}
        for slug, m in measures.items():
            m.curated += slug in curated
            m.proposed += slug in proposed
            m.correct += slug in curated and slug in proposed
    return list(measures.values())
