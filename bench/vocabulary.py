"""What the synthetic corpus borrows from the real one: words, their order, lengths and years.

Everything is read from the real texts (the seed sources and the project's ``fixtures/``) so
that synthetic provisions have the vocabulary, word frequencies, paragraph lengths and
adoption years of real OSCE provisions. The same texts always give the same model.
"""

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

TEXT_SUFFIXES = {".txt"}
MIN_PARAGRAPH_WORDS = 12  # shorter blocks are navigation, headers and footers
FIRST_YEAR, LAST_YEAR = 1975, 2017  # the Helsinki Final Act to the latest source

_TOKEN = re.compile(r"[A-Za-z][A-Za-z’'\-]*[A-Za-z]|[A-Za-z]|[.,;:]")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_HYPHENATED_WRAP = re.compile(r"(\w)-\s*\n\s*(\w)")  # border-\nrelated: keep the hyphen
_BLOCK_START = re.compile(r"^\s*(\d+(\.\d+)*\.?|\([ivx]+\)|[A-Z]\.\d+\.?|[—•-])\s+\S")
_SENTENCE_END = re.compile(r"[.;:!?”\"]$")


class NoSourceTexts(Exception):
    """None of the real texts the vocabulary is drawn from could be read."""


@dataclass
class Vocabulary:
    """A word bigram model and the empirical distributions of the real texts."""

    successors: dict[str, tuple[list[str], list[int]]] = field(default_factory=dict)
    sentence_starts: tuple[list[str], list[int]] = ([], [])
    paragraph_lengths: list[int] = field(default_factory=list)
    years: tuple[list[int], list[int]] = ([], [])
    word_counts: Counter = field(default_factory=Counter)
    sources: list[str] = field(default_factory=list)
    fingerprint: str = ""


def source_paths(*, extra_dirs: list[Path] | None = None) -> list[Path]:
    """The real texts: the bundled corpus under ``fixtures/`` and the seed sources in ``shared/``
    beside the checkout, when there. Copies of one text count once (see ``build_vocabulary``)."""
    base = Path(settings.BASE_DIR)
    dirs = [base / "fixtures", base.parent / "shared" / "seeds", *(extra_dirs or [])]
    paths: list[Path] = []
    for directory in dirs:
        if directory.is_dir():
            paths.extend(
                p
                for p in sorted(directory.rglob("*"))
                if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES and p.name != "README.md"
            )
    return paths


def _paragraphs(text: str) -> list[str]:
    """Blocks as a reader sees them: a new one at a provision number or bullet, or after a blank
    line that follows the end of a sentence (extracted text also has blank lines mid-sentence)."""
    text = _HYPHENATED_WRAP.sub(r"\1-\2", text.replace("\r", ""))
    blocks: list[str] = []
    current: list[str] = []
    after_blank = False
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            after_blank = True
            continue
        if current and (_BLOCK_START.match(line) or (after_blank and _SENTENCE_END.search(current[-1]))):
            blocks.append(" ".join(current))
            current = []
        current.append(stripped)
        after_blank = False
    if current:
        blocks.append(" ".join(current))
    return blocks


def build_vocabulary(*, paths: list[Path] | None = None) -> Vocabulary:
    """Read the real texts and model them; raise ``NoSourceTexts`` when there are none."""
    paths = source_paths() if paths is None else paths
    content_hashes: list[str] = []
    bigrams: dict[str, Counter] = defaultdict(Counter)
    starts: Counter = Counter()
    years: Counter = Counter()
    lengths: list[int] = []
    words: Counter = Counter()
    read: list[str] = []
    seen: set[str] = set()
    for path in paths:
        try:
            raw = path.read_bytes()
        except OSError:
            continue
        content_hash = hashlib.sha256(raw).hexdigest()
        if content_hash in seen:  # the bundled corpus keeps copies of the seeds: count each text once
            continue
        seen.add(content_hash)
        content_hashes.append(content_hash)
        text = raw.decode("utf-8", errors="replace")
        read.append(str(path))
        for year in _YEAR.findall(text):
            if FIRST_YEAR <= int(year) <= LAST_YEAR:
                years[int(year)] += 1
        for paragraph in _paragraphs(text):
            tokens = _TOKEN.findall(paragraph)
            n_words = sum(1 for t in tokens if t[0].isalpha())
            if n_words < MIN_PARAGRAPH_WORDS:
                continue
            lengths.append(n_words)
            previous = "."
            for token in tokens:
                token = token.replace("’", "'")
                if token[0].isalpha():
                    words[token.lower()] += 1
                if previous == ".":
                    if token[0].isalpha():
                        starts[token] += 1
                else:
                    bigrams[previous][token] += 1
                previous = token
    if not lengths:
        raise NoSourceTexts(f"no readable prose in {len(paths)} source file(s)")
    return Vocabulary(
        successors={word: _weights(counter) for word, counter in sorted(bigrams.items())},
        sentence_starts=_weights(starts),
        paragraph_lengths=sorted(lengths),
        years=_weights(years) if years else ([2005], [1]),
        word_counts=words,
        sources=read,
        # From the texts alone, not where they were found: the same texts, the same corpus.
        fingerprint=hashlib.sha256("".join(sorted(content_hashes)).encode()).hexdigest()[:16],
    )


def _weights(counter: Counter) -> tuple[list, list[int]]:
    """Values and cumulative weights in a fixed order, ready for ``random.choices``."""
    items = sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))
    values, cumulative, total = [], [], 0
    for value, count in items:
        total += count
        values.append(value)
        cumulative.append(total)
    return values, cumulative
