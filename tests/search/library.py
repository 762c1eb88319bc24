"""A small library of documents for search tests, built with the factories.

Chosen so each rule of the query language has something that matches and something that
almost does: the same words in another order, a draft that must never be found, markup in
the text, an accented word, an undated document.
"""

import datetime
from dataclasses import dataclass

from commitments.models import Provision
from commitments.taxonomy import ensure_taxonomy
from documents.models import Document, DocumentKind
from tests.factories import (
    BorderConceptFactory,
    DocumentFactory,
    DraftFactory,
    FinalActFactory,
    MigrationManagementFactory,
    ProvisionFactory,
)


@dataclass
class Library:
    border_concept: Document
    migration_decision: Document
    final_act: Document
    undated: Document
    draft: Document
    dignified: Provision  # "dignified treatment", MC.DOC/2/05 4.5
    reversed_words: Provision  # "treatment ... dignified", not the phrase
    script: Provision
    accented: Provision
    smuggling: Provision
    trafficking: Provision
    migrant_workers: Provision


def build_library() -> Library:
    ensure_taxonomy()  # a transactional test before this one may have flushed it
    border_concept = BorderConceptFactory()
    migration_decision = MigrationManagementFactory(date=datetime.date(2009, 12, 2))
    final_act = FinalActFactory()
    undated = DocumentFactory(
        symbol="", title="Notes on border crossings", kind=DocumentKind.OTHER, date=None
    )
    draft = DraftFactory(
        symbol="MC.DEC/9/99", title="Draft decision on dignified treatment", date=datetime.date(2019, 1, 1)
    )

    def provision(document, label, text, *, heading="", **extra):
        return ProvisionFactory(document=document, label=label, text=text, heading=heading, **extra)

    dignified = provision(
        border_concept,
        "4.5",
        "To promote dignified treatment of all individuals wanting to cross borders, in conformity "
        "with relevant national and international law and OSCE commitments.",
        dimensions=["politico-military", "human"],
        categories=["human"],
        heading="Chapter 4: Objectives",
        position=10,
    )
    reversed_words = provision(
        border_concept,
        "4.6",
        "To ensure the treatment of travellers is swift, and that every person crossing is dignified "
        "by respect for their rights.",
        dimensions=["politico-military"],
        position=11,
    )
    smuggling = provision(
        border_concept,
        "4.7",
        "To combat the smuggling of migrants across borders through co-operation between border services.",
        dimensions=["politico-military"],
        categories=["illegal"],
        position=12,
    )
    trafficking = provision(
        migration_decision,
        "2",
        "The participating States will combat trafficking in human beings and protect its victims.",
        dimensions=["human"],
        categories=["illegal"],
        position=2,
    )
    script = provision(
        migration_decision,
        "3",
        'Migration policies <script>alert("x")</script> will respect the rights of migrants '
        "& their families.",
        dimensions=["human", "economic-environmental"],
        categories=["human", "labour"],
        position=3,
    )
    accented = provision(
        migration_decision,
        "4",
        "The participating States will support the integration of émigrés returning to their country.",
        dimensions=["economic-environmental"],
        categories=["labour"],
        position=4,
        is_commitment=False,
    )
    migrant_workers = provision(
        final_act,
        "1",
        "The participating States will deal with the problems arising from the migration of workers "
        "in Europe and improve the situation of migrant workers.",
        dimensions=["economic-environmental"],
        categories=["labour"],
        position=1,
    )
    provision(undated, "1", "Border crossings should be managed with respect for human rights.", position=1)
    provision(draft, "1", "A draft that mentions dignified treatment and migration must never be found.")
    return Library(
        border_concept=border_concept,
        migration_decision=migration_decision,
        final_act=final_act,
        undated=undated,
        draft=draft,
        dignified=dignified,
        reversed_words=reversed_words,
        script=script,
        accented=accented,
        smuggling=smuggling,
        trafficking=trafficking,
        migrant_workers=migrant_workers,
    )
