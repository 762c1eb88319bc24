"""A deterministic synthetic corpus of documents and provisions, written straight to the database.

Same seed, same real texts, same scale: the same corpus, row for row. Documents get realistic
kinds, symbols, places and adoption years; provisions get realistic lengths, wording drawn
from the real texts, and tags that follow their wording the way a curator's would.
"""

import datetime
import hashlib
import math
import random
from dataclasses import dataclass

from django.db import transaction

from bench.vocabulary import Vocabulary
from commitments.models import Dimension, MigrationCategory, Provision
from documents.models import Document, DocumentKind, IssuingBody, PublicationStatus

GENERATOR_VERSION = 1
DEFAULT_SEED = 20_05_12_06  # MC.DOC/2/05's date, for a memorable constant
BATCH_SIZE = 2_000

# (kind, body, symbol pattern or "", title opening, weight)
_KINDS = [
    (DocumentKind.MC_DECISION, IssuingBody.MINISTERIAL_COUNCIL, "MC.DEC/{n}/{yy}", "Decision on", 30),
    (DocumentKind.PC_DECISION, IssuingBody.PERMANENT_COUNCIL, "PC.DEC/{n}", "Decision on", 20),
    (
        DocumentKind.MC_DOCUMENT,
        IssuingBody.MINISTERIAL_COUNCIL,
        "MC.DOC/{n}/{yy}",
        "Ministerial Document on",
        8,
    ),
    (
        DocumentKind.MINISTERIAL_DECLARATION,
        IssuingBody.MINISTERIAL_COUNCIL,
        "MC.DOC/{n}/{yy}",
        "Ministerial Declaration on",
        10,
    ),
    (DocumentKind.SUMMIT_DECLARATION, IssuingBody.SUMMIT, "SUM.DOC/{n}/{yy}", "Summit Declaration on", 5),
    (
        DocumentKind.MEETING_DOCUMENT,
        IssuingBody.PERMANENT_COUNCIL,
        "PC.DEL/{n}/{yy}",
        "Chairmanship's Perception of",
        10,
    ),
    (DocumentKind.CONCLUDING_DOCUMENT, IssuingBody.FOLLOW_UP_MEETING, "", "Concluding Document on", 2),
    (DocumentKind.REPORT, IssuingBody.SECRETARIAT, "SEC.GAL/{n}/{yy}", "Report on", 8),
    (DocumentKind.COMPILATION, IssuingBody.SECRETARIAT, "", "Compilation of Commitments on", 2),
    (DocumentKind.STUDY, IssuingBody.EXTERNAL, "", "Study on", 2),
    (DocumentKind.PRESS_RELEASE, IssuingBody.SECRETARIAT, "", "Press release on", 3),
]
_PLACES = [
    "Helsinki",
    "Madrid",
    "Vienna",
    "Copenhagen",
    "Paris",
    "Budapest",
    "Lisbon",
    "Istanbul",
    "Maastricht",
    "Sofia",
    "Ljubljana",
    "Brussels",
    "Madrid",
    "Athens",
    "Vilnius",
    "Dublin",
    "Kyiv",
    "Basel",
    "Belgrade",
    "Hamburg",
    "Milan",
    "Bratislava",
    "Astana",
    "Porto",
]
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

# Word openings a curator tags by; a provision is tagged with a taxon when two of its words
# (or one for rare, unambiguous openings) start with them.
CATEGORY_KEYWORDS = {
    "labour": ("labour", "worker", "employ", "remittance", "circular", "skill", "qualification"),
    "human": ("rights", "discriminat", "xenophob", "integrat", "famil", "toleran", "dignit"),
    "environmental": ("environment", "climate", "disaster", "catastroph", "degradation"),
    "illegal": ("illegal", "traffick", "smuggl", "crime", "criminal", "irregular"),
    "forced": ("refugee", "displaced", "asylum", "humanitarian", "forced"),
}
DIMENSION_KEYWORDS = {
    "politico-military": ("border", "terroris", "police", "policing", "arms", "military", "crime"),
    "economic-environmental": ("economic", "labour", "environment", "employ", "develop", "remittance"),
    "human": ("rights", "human", "discriminat", "toleran", "refugee", "democra", "minorit"),
}


@dataclass(frozen=True)
class CorpusSummary:
    provisions: int
    documents: int
    tagged_categories: dict[str, int]
    tagged_dimensions: dict[str, int]
    years: tuple[int, int]
    mean_words: float
    fingerprint: str
    seconds: float = 0.0


class _TextModel:
    def __init__(self, vocabulary: Vocabulary, rng: random.Random):
        self.vocabulary = vocabulary
        self.rng = rng

    def words(self, n_words: int) -> str:
        """About ``n_words`` words of sentences chained from the real texts' bigrams."""
        out: list[str] = []
        count = 0
        starts, start_weights = self.vocabulary.sentence_starts
        successors = self.vocabulary.successors
        choices = self.rng.choices
        token = choices(starts, cum_weights=start_weights)[0]
        while True:
            out.append(token if token[0].isalpha() or not out else token)
            if token[0].isalpha():
                count += 1
            following = successors.get(token)
            if following is None or token == ".":
                if out[-1] != ".":
                    out.append(".")
                if count >= n_words:
                    break
                token = choices(starts, cum_weights=start_weights)[0]
                continue
            if count >= n_words and token[0].isalpha():
                out.append(".")
                break
            token = choices(following[0], cum_weights=following[1])[0]
        return _join(out)

    def title_words(self, n_words: int) -> str:
        words = [w.strip(".,;:") for w in self.words(n_words).split()]
        return " ".join([w for w in words if len(w) > 1][:n_words]) or "Migration"


def _join(tokens: list[str]) -> str:
    pieces: list[str] = []
    capitalize = True
    for token in tokens:
        if token in ".,;:":
            if pieces:
                pieces[-1] += token
            capitalize = token == "."
            continue
        pieces.append(token[0].upper() + token[1:] if capitalize else token)
        capitalize = False
    return " ".join(pieces)


def _tags(text: str, keywords: dict[str, tuple[str, ...]]) -> list[str]:
    words = [w.strip(".,;:'").lower() for w in text.split()]
    tagged = []
    for slug, openings in keywords.items():
        hits = sum(1 for w in words if w.startswith(openings))
        if hits >= 2:
            tagged.append(slug)
    return tagged


def _labels(n: int, rng: random.Random) -> list[str]:
    """Citation labels in document order: 1, 2, 2.1, 2.2, 3, …"""
    labels, top, sub = [], 0, 0
    for _ in range(n):
        if top and rng.random() < 0.25:
            sub += 1
            labels.append(f"{top}.{sub}")
        else:
            top, sub = top + 1, 0
            labels.append(str(top))
    return labels


def generate_corpus(*, vocabulary: Vocabulary, provisions: int, seed: int = DEFAULT_SEED) -> CorpusSummary:
    """Write ``provisions`` synthetic provisions (and their documents) to an empty database."""
    if Provision.objects.exists():
        raise ValueError("generate_corpus needs an empty database; this one already has provisions")
    rng = random.Random(f"{seed}:{provisions}:{vocabulary.fingerprint}:{GENERATOR_VERSION}")
    model = _TextModel(vocabulary, rng)
    dimensions = {d.slug: d.pk for d in Dimension.objects.all()}
    categories = {c.slug: c.pk for c in MigrationCategory.objects.all()}
    kinds = [k[:4] for k in _KINDS]
    kind_weights = [k[4] for k in _KINDS]
    years, year_weights = vocabulary.years
    lengths = vocabulary.paragraph_lengths

    digest = hashlib.sha256()
    counts_c: dict[str, int] = dict.fromkeys(categories, 0)
    counts_d: dict[str, int] = dict.fromkeys(dimensions, 0)
    total_words = n_docs = made = 0
    with transaction.atomic():
        while made < provisions:
            size = min(provisions - made, max(1, round(rng.lognormvariate(math.log(12), 1.0))), 400)
            kind, body, pattern, opening = rng.choices(kinds, weights=kind_weights)[0]
            year = rng.choices(years, cum_weights=year_weights)[0]
            n_docs += 1
            symbol = pattern.format(n=n_docs, yy=f"{year % 100:02d}") if pattern else ""
            title = f"{opening} {model.title_words(rng.randint(2, 6))}"
            slug = f"{symbol or 'doc'}-{n_docs}".lower().replace("/", "-").replace(".", "-")
            document = Document.objects.create(
                symbol=symbol,
                slug=slug,
                title=title[:500],
                kind=kind,
                body=body,
                place=rng.choice(_PLACES),
                date=datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)),
                status=PublicationStatus.DRAFT if rng.random() < 0.02 else PublicationStatus.PUBLISHED,
            )
            headings = [
                f"Chapter {_ROMAN[i % len(_ROMAN)]}: {model.title_words(rng.randint(2, 5))}"
                for i in range(max(1, size // 8))
            ]
            batch, tags = [], []
            for position, label in enumerate(_labels(size, rng)):
                text = model.words(rng.choice(lengths))
                total_words += len(text.split())
                digest.update(text.encode())
                batch.append(
                    Provision(
                        document=document,
                        position=position,
                        label=label,
                        heading=headings[min(position // 8, len(headings) - 1)],
                        text=text,
                        is_commitment=rng.random() < 0.75,
                    )
                )
                tags.append((_tags(text, CATEGORY_KEYWORDS), _tags(text, DIMENSION_KEYWORDS)))
            created = Provision.objects.bulk_create(batch, batch_size=BATCH_SIZE)
            category_rows, dimension_rows = [], []
            for provision, (cats, dims) in zip(created, tags, strict=True):
                for slug in cats:
                    counts_c[slug] += 1
                    category_rows.append(
                        Provision.categories.through(
                            provision_id=provision.pk, migrationcategory_id=categories[slug]
                        )
                    )
                for slug in dims:
                    counts_d[slug] += 1
                    dimension_rows.append(
                        Provision.dimensions.through(provision_id=provision.pk, dimension_id=dimensions[slug])
                    )
            Provision.categories.through.objects.bulk_create(category_rows, batch_size=BATCH_SIZE)
            Provision.dimensions.through.objects.bulk_create(dimension_rows, batch_size=BATCH_SIZE)
            made += size
    return CorpusSummary(
        provisions=made,
        documents=n_docs,
        tagged_categories=counts_c,
        tagged_dimensions=counts_d,
        years=(min(years), max(years)),
        mean_words=round(total_words / max(made, 1), 1),
        fingerprint=digest.hexdigest()[:16],
    )
