"""factory_boy factories for data the bundled corpus does not provide.

The documents the tests' small worlds are made of (the Helsinki Final Act, the Border
Security and Management Concept, the Migration Management decision, the 2016 study, a draft)
are factories here, with the facts the sources give them, so that every world tells the same
story; a provision takes its tags by slug: ``ProvisionFactory(dimensions=["human"])``.
"""

import datetime

import factory

from commitments.models import Dimension, MigrationCategory, Provision, Relation
from documents.models import Document, DocumentKind, IssuingBody, MetadataClaim, PublicationStatus


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    symbol = factory.Sequence(lambda n: f"MC.DEC/{n + 1}/99")
    title = factory.Sequence(lambda n: f"Decision on migration management {n}")
    kind = DocumentKind.MC_DECISION
    body = IssuingBody.MINISTERIAL_COUNCIL
    place = "Athens"
    date = datetime.date(2009, 12, 2)


class FinalActFactory(DocumentFactory):
    symbol = ""
    title = "Final Act of the Conference on Security and Co-operation in Europe"
    kind = DocumentKind.FINAL_ACT
    body = IssuingBody.SUMMIT
    place = "Helsinki"
    date = datetime.date(1975, 8, 1)


class BorderConceptFactory(DocumentFactory):
    symbol = "MC.DOC/2/05"
    title = "Border Security and Management Concept"
    kind = DocumentKind.MC_DOCUMENT
    place = "Ljubljana"
    date = datetime.date(2005, 12, 6)


class MigrationManagementFactory(DocumentFactory):
    symbol = "MC.DEC/5/09"
    title = "Migration Management"
    kind = DocumentKind.MC_DECISION
    place = "Athens"
    date = datetime.date(2009, 12, 4)


class StudyFactory(DocumentFactory):
    symbol = ""
    title = "Migration – a new challenge for the OSCE in South Eastern Europe?"
    kind = DocumentKind.STUDY
    body = IssuingBody.EXTERNAL
    place = "Munich"
    date = datetime.date(2016, 12, 1)
    date_precision = "month"


class DraftFactory(DocumentFactory):
    """A document no public page, search, export or API answer may ever show."""

    title = "Unpublished draft on migration"
    status = PublicationStatus.DRAFT


class ProvisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provision
        skip_postgeneration_save = True

    document = factory.SubFactory(DocumentFactory)
    position = factory.Sequence(lambda n: n)
    label = factory.Sequence(lambda n: str(n + 1))
    text = "The participating States will facilitate legal migration and fight illegal migration."

    @factory.post_generation
    def dimensions(self, create, slugs, **kwargs):
        if create and slugs:
            self.dimensions.set(Dimension.objects.filter(slug__in=slugs))

    @factory.post_generation
    def categories(self, create, slugs, **kwargs):
        if create and slugs:
            self.categories.set(MigrationCategory.objects.filter(slug__in=slugs))


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
