"""Fixtures for the API tests: a small published corpus with a draft beside it."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.cache import cache

from documents.models import DocumentKind, IssuingBody
from tests.factories import (
    BorderConceptFactory,
    DraftFactory,
    FinalActFactory,
    MetadataClaimFactory,
    MigrationManagementFactory,
    ProvisionFactory,
    RelationFactory,
)


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    """Throttle counts live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_data(db):
    """Three published documents across 1975-2009, their links and provenance, and a draft.

    The draft has a provision, a link and a claim of its own, none of which may ever show.
    """
    helsinki = FinalActFactory()
    border = BorderConceptFactory(title="OSCE Border Security and Management Concept")
    athens = MigrationManagementFactory(date=datetime.date(2009, 12, 2))
    draft = DraftFactory(
        symbol="PC.DEC/999",
        kind=DocumentKind.PC_DECISION,
        body=IssuingBody.PERMANENT_COUNCIL,
        date=datetime.date(2010, 1, 1),
    )
    helsinki_workers = ProvisionFactory(
        document=helsinki,
        position=0,
        label="1",
        heading="Economic co-operation: Migrant labour in Europe",
        text="The participating States will deal with problems arising from the migration of workers.",
        dimensions=["economic-environmental"],
        categories=["labour"],
    )
    # Created out of reading order: the API must answer in position order.
    border_annex = ProvisionFactory(
        document=border,
        position=2,
        label="Annex C.2(v)",
        text="Exchange of information on <script>alert(1)</script> illegal migration routes.",
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
    border_45 = ProvisionFactory(
        document=border,
        position=1,
        label="4.5",
        text="The participating States will combat trafficking and illegal migration at borders.",
        dimensions=["politico-military", "human"],
        categories=["illegal", "forced"],
    )
    athens_1 = ProvisionFactory(
        document=athens,
        position=0,
        label="1",
        text="The participating States will protect the rights of migrant workers and their families.",
        dimensions=["economic-environmental", "human"],
        categories=["labour", "human"],
    )
    draft_1 = ProvisionFactory(
        document=draft,
        position=0,
        label="1",
        text="Secret migration text.",
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
