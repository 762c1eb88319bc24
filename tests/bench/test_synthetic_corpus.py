"""The benchmark corpus is the same on every run, and looks like the real one it is drawn from."""

import pytest

from bench.corpus import CATEGORY_KEYWORDS, generate_corpus
from bench.vocabulary import FIRST_YEAR, LAST_YEAR, build_vocabulary
from commitments.models import Provision
from documents.models import Document

pytestmark = pytest.mark.django_db


def _snapshot() -> list[tuple]:
    return list(
        Provision.objects.order_by("document__slug", "position").values_list(
            "document__symbol", "document__date", "label", "heading", "text", "is_commitment"
        )
    )


def test_the_same_seed_gives_the_same_corpus_row_for_row():
    vocabulary = build_vocabulary()
    first = generate_corpus(vocabulary=vocabulary, provisions=300)
    rows = _snapshot()
    Document.objects.all().delete()

    second = generate_corpus(vocabulary=vocabulary, provisions=300)

    assert second.fingerprint == first.fingerprint
    assert _snapshot() == rows
    assert len(rows) == 300


def test_a_different_seed_gives_a_different_corpus():
    vocabulary = build_vocabulary()
    first = generate_corpus(vocabulary=vocabulary, provisions=50, seed=1)
    Document.objects.all().delete()
    assert generate_corpus(vocabulary=vocabulary, provisions=50, seed=2).fingerprint != first.fingerprint


def test_provisions_read_like_the_real_texts_and_are_tagged_by_their_wording():
    vocabulary = build_vocabulary()
    summary = generate_corpus(vocabulary=vocabulary, provisions=500)

    words = {w for text in Provision.objects.values_list("text", flat=True) for w in text.lower().split()}
    assert {"migration", "participating", "border"} <= {w.strip(".,;:") for w in words}
    assert min(vocabulary.paragraph_lengths) <= summary.mean_words <= max(vocabulary.paragraph_lengths)
    years = set(Document.objects.values_list("date__year", flat=True))
    assert min(years) >= FIRST_YEAR and max(years) <= LAST_YEAR and len(years) > 5
    labour = Provision.objects.filter(categories__slug="labour")
    assert labour.exists()
    for provision in labour[:20]:
        assert any(w.lower().startswith(CATEGORY_KEYWORDS["labour"]) for w in provision.text.split())


def test_generation_refuses_a_database_that_already_has_provisions():
    vocabulary = build_vocabulary()
    generate_corpus(vocabulary=vocabulary, provisions=5)
    with pytest.raises(ValueError, match="empty database"):
        generate_corpus(vocabulary=vocabulary, provisions=5)
