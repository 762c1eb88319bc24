"""A Whoosh index of generated provisions, written as the backend writes one, without a database.

Words follow a Zipf law over a made-up vocabulary, so the commonest terms have thousands of
postings in every segment (many blocks of ``BLOCK_LIMIT``), and the rarest a handful
(inlined in the term info). The index is committed in several segments; then some
provisions are deleted and some rewritten, which marks deletions in the older segments.
"""

import datetime
import inspect
import random
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.writing import NO_MERGE

from search.backends.whoosh_build import _Worker
from search.backends.whoosh_indexing import IndexWriter
from search.backends.whoosh_query import SCHEMA, document_fields
from search.index import IndexedProvision

# Postings per block of a posting list, as the codec writes them.
BLOCK_LIMIT = inspect.signature(W3Codec).parameters["blocklimit"].default
SYLLABLES = ("ka", "mi", "tor", "lan", "sed", "ru", "po", "vex", "ni", "dal", "or", "um", "bri", "es")
DIMENSIONS = ("politico-military", "economic-environmental", "human")
CATEGORIES = ("labour", "human", "environmental", "illegal", "forced")
KINDS = ("ministerial-decision", "summit-declaration", "permanent-council-decision", "document")
BODIES = ("mc", "pc", "summit", "fsc")


@dataclass
class GeneratedIndex:
    path: Path
    words: list[str]  # the vocabulary, commonest first
    slugs: list[str]
    provisions: int  # live ones
    deleted: int
    rewritten: int


def vocabulary(rnd: random.Random, size: int) -> list[str]:
    words: list[str] = []
    seen = set()
    while len(words) < size:
        word = "".join(rnd.choice(SYLLABLES) for _ in range(rnd.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def build_generated_index(
    path: Path, *, provisions: int, segments: int, seed: int, vocabulary_size: int = 1_500
) -> GeneratedIndex:
    rnd = random.Random(seed)
    words = vocabulary(rnd, vocabulary_size)
    weights = [1 / rank for rank in range(1, len(words) + 1)]

    def phrase(low: int, high: int) -> str:
        return " ".join(rnd.choices(words, weights, k=rnd.randint(low, high)))

    documents = []
    for number in range(max(1, provisions // 25)):
        dated = rnd.random() > 0.05
        documents.append(
            {
                "id": number + 1,
                "slug": f"doc-{number}",
                "symbol": f"MC.DEC/{number % 20 + 1}/{number % 40 + 75:02d}",
                "title": phrase(3, 7),
                "kind": rnd.choice(KINDS),
                "body": rnd.choice(BODIES),
                "date": datetime.date(rnd.randint(1975, 2017), rnd.randint(1, 12), rnd.randint(1, 28))
                if dated
                else None,
            }
        )

    def record(provision_id: int, position: int) -> IndexedProvision:
        document = documents[(provision_id - 1) * len(documents) // provisions]
        return IndexedProvision(
            id=provision_id,
            document_id=document["id"],
            document_slug=document["slug"],
            symbol=document["symbol"],
            title=document["title"],
            kind=document["kind"],
            body=document["body"],
            date=document["date"],
            position=position,
            label=rnd.choice([str(position), f"({chr(97 + position % 26)})", ""]),
            heading=phrase(1, 4) if rnd.random() < 0.3 else "",
            text=phrase(6, 40),
            dimensions=tuple(d for d in DIMENSIONS if rnd.random() < 0.3),
            categories=tuple(c for c in CATEGORIES if rnd.random() < 0.2),
            is_commitment=rnd.random() < 0.7,
        )

    ix = whoosh_index.create_in(str(path), SCHEMA)
    per_segment = -(-provisions // segments)
    shares = [
        range(first, min(first + per_segment, provisions + 1))
        for first in range(1, provisions + 1, per_segment)
    ]
    # One forked worker per segment, as a rebuild writes them (whoosh_build).
    workers = [_Worker(ix) for _ in shares]
    try:
        for worker, share in zip(workers, shares, strict=True):
            worker.send([document_fields(record(i, i % 50 + 1)) for i in share])
        written = [worker.finish() for worker in workers]
    finally:
        for worker in workers:
            worker.stop()
    writer = IndexWriter(ix)
    writer.commit(mergetype=lambda _writer, existing: [*existing, *written])

    # Deletions and rewrites spread over every segment, in one last small segment.
    ids = rnd.sample(range(1, provisions + 1), k=provisions // 10)
    deleted, rewritten = ids[: len(ids) // 2], ids[len(ids) // 2 :]
    writer = IndexWriter(ix)
    for provision_id in deleted:
        writer.delete_by_term("id", str(provision_id))
    for provision_id in rewritten:
        writer.update_document(**document_fields(record(provision_id, provision_id % 50 + 1)))
    writer.commit(mergetype=NO_MERGE)
    return GeneratedIndex(
        path=path,
        words=words,
        slugs=[d["slug"] for d in documents],
        provisions=provisions - len(deleted),
        deleted=len(deleted),
        rewritten=len(rewritten),
    )
