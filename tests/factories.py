"""factory_boy factories for data the bundled corpus does not provide."""

import datetime

import factory

from commitments.models import Provision, Relation
from documents.models import Document, DocumentKind, IssuingBody, MetadataClaim


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    symbol = factory.Sequence(lambda n: f"MC.DEC/{n + 1}/99")
    title = factory.Sequence(lambda n: f"Decision on migration management {n}")
    kind = DocumentKind.MC_DECISION
    body = IssuingBody.MINISTERIAL_COUNCIL
    place = "Athens"
    date = datetime.date(2009, 12, 2)


class ProvisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provision

    document = factory.SubFactory(DocumentFactory)
    position = factory.Sequence(lambda n: n)
    label = factory.Sequence(lambda n: str(n + 1))
    text = "The participating States will facilitate legal migration and fight illegal migration."


class MetadataClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MetadataClaim

    document = factory.SubFactory(DocumentFactory)
    field = "date"
    value = "2009-12-04"


class RelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relation

    kind = "reaffirms"
    source_document = factory.SubFactory(DocumentFactory)
    target_document = factory.SubFactory(DocumentFactory)
