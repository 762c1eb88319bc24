"""Fixtures for the API tests: a small published corpus with a draft beside it."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.cache import cache

from commitments.models import Dimension, MigrationCategory
from documents.models import DocumentKind, IssuingBody, PublicationStatus
from tests.factories import DocumentFactory, MetadataClaimFactory, ProvisionFactory, RelationFactory


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    """Throttle counts live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


def _tag(provision, *, dimensions=(), categories=()):
    provision.dimensions.set(Dimension.objects.filter(slug__in=dimensions))
    provision.categories.set(MigrationCategory.objects.filter(slug__in=categories))
    return provision


@pytest.fixture
def api_data(db):
    """Three published documents across 1975-2009, their links and provenance, and a draft.

    The draft has a provision, a link and a claim of its own, none of which may ever show.
    """
    helsinki = DocumentFactory(
        symbol="",
        title="Final Act of the Conference on Security and Co-operation in Europe",
        kind=DocumentKind.FINAL_ACT,
        body=IssuingBody.SUMMIT,
        place="Helsinki",
        date=datetime.date(1975, 8, 1),
    )
    border = DocumentFactory(
        symbol="MC.DOC/2/05",
        title="OSCE Border Security and Management Concept",
        kind=DocumentKind.MC_DOCUMENT,
        place="Ljubljana",
        date=datetime.date(2005, 12, 6),
    )
    athens = DocumentFactory(
        symbol="MC.DEC/5/09",
        title="Migration Management",
        kind=DocumentKind.MC_DECISION,
        place="Athens",
        date=datetime.date(2009, 12, 2),
    )
    draft = DocumentFactory(
        symbol="PC.DEC/999",
        title="Unpublished draft on migration",
        kind=DocumentKind.PC_DECISION,
        body=IssuingBody.PERMANENT_COUNCIL,
        date=datetime.date(2010, 1, 1),
        status=PublicationStatus.DRAFT,
    )
    helsinki_workers = _tag(
        ProvisionFactory(
            document=helsinki,
            position=0,
            label="1",
            heading="Economic co-operation: Migrant labour in Europe",
            text="The participating States will deal with problems arising from the migration of workers.",
        ),
        dimensions=["economic-environmental"],
        categories=["labour"],
    )
    # Created out of reading order: the API must answer in position order.
    border_annex = _tag(
        ProvisionFactory(
            document=border,
            position=2,
            label="Annex C.2(v)",
            text="Exchange of information on <script>alert(1)</script> illegal migration routes.",
        ),
        dimensions=["politico-military"],
        categories=["illegal"],
    )
    border_preamble = ProvisionFactory(
        document=border,
        position=0,
        label="1",
        text="The OSCE participating States recall their commitments on open and secure borders.",
        is_commitment=False,
    )
    border_45 = _tag(
        ProvisionFactory(
            document=border,
            position=1,
            label="4.5",
            text="The participating States will combat trafficking and illegal migration at borders.",
        ),
        dimensions=["politico-military", "human"],
        categories=["illegal", "forced"],
    )
    athens_1 = _tag(
        ProvisionFactory(
            document=athens,
            position=0,
            label="1",
            text="The participating States will protect the rights of migrant workers and their families.",
        ),
        dimensions=["economic-environmental", "human"],
        categories=["labour", "human"],
    )
    draft_1 = _tag(
        ProvisionFactory(document=draft, position=0, label="1", text="Secret migration text."),
        dimensions=["human"],
        categories=["labour"],
    )
    reaffirms = RelationFactory(
        kind="reaffirms", source_document=athens, target_document=helsinki, evidence="preamble"
    )
    cites = RelationFactory(
        kind="cites",
        source_document=athens,
        source_provision=athens_1,
        target_document=border,
        target_provision=border_45,
        evidence="footnote 2",
    )
    RelationFactory(kind="cites", source_document=draft, target_document=helsinki)
    own_date = MetadataClaimFactory(document=athens, field="date", value="2009-12-04")
    MetadataClaimFactory(document=athens, field="date", value="2009-12-02", source_document=border)
    MetadataClaimFactory(document=athens, field="title", value="Leaked", source_document=draft)
    return SimpleNamespace(
        helsinki=helsinki,
        border=border,
        athens=athens,
        draft=draft,
        helsinki_workers=helsinki_workers,
        border_preamble=border_preamble,
        border_45=border_45,
        border_annex=border_annex,
        athens_1=athens_1,
        draft_1=draft_1,
        reaffirms=reaffirms,
        cites=cites,
        own_date=own_date,
    )
