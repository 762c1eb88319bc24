"""A small corpus with the real facts the pages must show, built with factories."""

import datetime
from types import SimpleNamespace

from commitments.models import Relation
from documents.models import DocumentAttachment, MetadataClaim
from tests.factories import (
    BorderConceptFactory,
    DocumentFactory,
    DraftFactory,
    FinalActFactory,
    MigrationManagementFactory,
    ProvisionFactory,
    StudyFactory,
)


def build_sample():
    """Helsinki 1975, MC.DOC/2/05 (Ljubljana 2005), MC.DEC/5/09 (Athens 2009), the 2016 study,
    and one draft document that no public page may show."""
    helsinki = FinalActFactory()
    helsinki_workers = ProvisionFactory(
        document=helsinki,
        label="1",
        position=0,
        heading="Economic and social aspects of migrant labour",
        text="The participating States consider that the movements of migrant workers in Europe "
        "have reached substantial proportions.",
        categories=["labour"],
        dimensions=["economic-environmental"],
    )
    concept = BorderConceptFactory(source_url="https://www.osce.org/mc/17452")
    labels = [
        ("1", "Chapter I: The OSCE participating States’ commitments"),
        ("2", "Chapter I: The OSCE participating States’ commitments"),
        ("4", "Chapter II: Main objectives of co-operation"),
        ("4.5", "Chapter II: Main objectives of co-operation"),
        ("Annex C.2(v)", "Annex: C. Possible OSCE contributions"),
    ]
    concept_provisions = {
        label: ProvisionFactory(
            document=concept,
            label=label,
            position=n,
            heading=heading,
            text=f"The participating States will prevent illegal migration at borders ({label}).",
            categories=["illegal"],
            dimensions=["politico-military"],
        )
        for n, (label, heading) in enumerate(labels)
    }
    concept_provisions["4.5"].text = (
        "To combat trafficking in human beings, smuggling of migrants and illegal migration "
        "through co-operation between border services."
    )
    concept_provisions["4.5"].save()
    DocumentAttachment.objects.create(
        document=concept, title="Interpretative statement by Georgia", text="Georgia states …"
    )
    athens = MigrationManagementFactory()
    athens_workers = ProvisionFactory(
        document=athens,
        label="1",
        position=0,
        heading="",
        text="Encourage the participating States to respect the rights of migrant workers and "
        "their families, reaffirming the Helsinki Final Act.",
        categories=["labour", "human"],
        dimensions=["human", "economic-environmental"],
    )
    study = StudyFactory()
    Relation.objects.create(
        kind="reaffirms",
        source_document=athens,
        source_provision=athens_workers,
        target_document=helsinki,
        target_provision=helsinki_workers,
        evidence="preamble",
    )
    Relation.objects.create(
        kind="cites", source_document=study, target_document=concept, evidence="footnote 9"
    )
    MetadataClaim.objects.create(document=athens, field="date", value="2009-12-04")
    MetadataClaim.objects.create(
        document=athens, field="date", value="2009-12-02", source_document=study, source_locator="footnote 14"
    )
    draft = DraftFactory(symbol="PC.DEC/9999", date=datetime.date(2011, 1, 1))
    draft_provision = ProvisionFactory(
        document=draft,
        label="1",
        text="Confidential draftword about migrant workers.",
        categories=["labour"],
        dimensions=["human"],
    )
    Relation.objects.create(kind="cites", source_document=draft, target_document=concept, evidence="draft")
    return SimpleNamespace(
        helsinki=helsinki,
        helsinki_workers=helsinki_workers,
        concept=concept,
        concept_provisions=concept_provisions,
        athens=athens,
        athens_workers=athens_workers,
        study=study,
        draft=draft,
        draft_provision=draft_provision,
    )


def more_documents(n: int = 3, provisions: int = 6):
    """Extra published documents with tagged provisions and relations, to show that a page's
    query count does not grow with what it lists."""
    documents = []
    for _ in range(n):
        document = DocumentFactory()
        for i in range(provisions):
            ProvisionFactory(
                document=document,
                position=i,
                heading=f"Chapter {i % 2}",
                categories=["labour", "illegal"],
                dimensions=["human"],
            )
        documents.append(document)
    return documents
