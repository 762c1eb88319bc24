"""Index records read in bulk hold what the provisions hold, with unchanged fingerprints."""

import datetime
import hashlib
import json
from dataclasses import asdict

import pytest

from commitments.models import Dimension, MigrationCategory, Provision
from documents.models import PublicationStatus
from search.index import (
    CHUNK_SIZE,
    IndexedProvision,
    indexed_provisions_for,
    iter_indexed_provisions,
)
from tests.factories import DocumentFactory, ProvisionFactory


def record_from_the_model(provision: Provision) -> IndexedProvision:
    document = provision.document
    return IndexedProvision(
        id=provision.pk,
        document_id=document.pk,
        document_slug=document.slug,
        symbol=document.symbol,
        title=document.title,
        kind=document.kind,
        body=document.body,
        date=document.date,
        position=provision.position,
        label=provision.label,
        heading=provision.heading,
        text=provision.text,
        dimensions=tuple(sorted(d.slug for d in provision.dimensions.all())),
        categories=tuple(sorted(c.slug for c in provision.categories.all())),
        is_commitment=provision.is_commitment,
    )


def fingerprint_through_asdict(record: IndexedProvision) -> str:
    """The fingerprint as first defined: indexes built before keep matching it."""
    values = asdict(record)
    values["date"] = record.date.isoformat() if record.date else None
    encoded = json.dumps(values, sort_keys=True, ensure_ascii=True).encode()
    return hashlib.sha256(encoded).hexdigest()[:32]


@pytest.fixture
def tagged_provisions(db):
    dimensions = list(Dimension.objects.order_by("slug")[:3])
    categories = list(MigrationCategory.objects.order_by("slug")[:3])
    assert dimensions and categories
    dated = DocumentFactory(status=PublicationStatus.PUBLISHED)
    undated = DocumentFactory(status=PublicationStatus.PUBLISHED, date=None, symbol="")
    draft = DocumentFactory(status=PublicationStatus.DRAFT)
    provisions = [
        ProvisionFactory(document=dated, heading="Émigrés", is_commitment=False),
        ProvisionFactory(document=dated),
        ProvisionFactory(document=undated, text="No date, no tags."),
        ProvisionFactory(document=draft),
    ]
    provisions[0].dimensions.set(dimensions)
    provisions[0].categories.set(categories[::-1])
    provisions[1].dimensions.set(dimensions[1:2])
    provisions[2].categories.set(categories[:2])
    provisions[3].dimensions.set(dimensions)
    return provisions


def test_records_hold_what_the_published_provisions_hold(tagged_provisions):
    published = Provision.objects.published().order_by("pk")
    assert list(iter_indexed_provisions()) == [record_from_the_model(p) for p in published]
    assert len(published) == 3


def test_records_for_ids_leave_out_unpublished_and_missing(tagged_provisions):
    ids = [p.pk for p in tagged_provisions] + [10**9]
    found = indexed_provisions_for(ids)
    assert sorted(found) == sorted(p.pk for p in tagged_provisions[:3])
    assert found[tagged_provisions[0].pk] == record_from_the_model(tagged_provisions[0])


def test_records_are_read_across_chunks(db):
    document = DocumentFactory(status=PublicationStatus.PUBLISHED)
    Provision.objects.bulk_create(
        Provision(document=document, position=n, label=str(n), text=f"text {n}")
        for n in range(CHUNK_SIZE + 3)
    )
    records = list(iter_indexed_provisions())
    assert [r.position for r in records] == list(range(CHUNK_SIZE + 3))


def test_fingerprint_is_unchanged(tagged_provisions):
    for record in iter_indexed_provisions():
        assert record.fingerprint == fingerprint_through_asdict(record)


def test_fingerprint_changes_with_the_tags():
    base = {
        "id": 1,
        "document_id": 2,
        "document_slug": "d",
        "symbol": "",
        "title": "t",
        "kind": "k",
        "body": "b",
        "date": datetime.date(2005, 12, 6),
        "position": 0,
        "label": "1",
        "heading": "",
        "text": "x",
        "dimensions": ("a",),
        "categories": (),
        "is_commitment": True,
    }
    tagged = IndexedProvision(**base)
    retagged = IndexedProvision(**{**base, "dimensions": ("a", "b")})
    assert tagged.fingerprint != retagged.fingerprint
