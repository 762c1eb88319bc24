"""How a document, or a paragraph of it, is cited.

One place decides who issued a document for citation purposes (the CSCE before 1 January 1995,
when it became the OSCE; the Ministerial Council, the Parliamentary Assembly, …), how a paragraph
label is written as a locator (``para. 4.5``, ``Annex C.2(v)``), the knowledge base's own form
(``OSCE, MC.DOC/2/05, Border Security and Management Concept (Ljubljana, 6 December 2005),
para. 4.5``), and the CSL-JSON item that every other style and file format is made from
(``documents.citation_styles``, ``documents.citation_formats``).
"""

import datetime
import re
from dataclasses import dataclass

from documents.dates import DatePrecision
from documents.italics import plain

CSCE_BECAME_OSCE = datetime.date(1995, 1, 1)
KNOWLEDGE_BASE = "OSCE Migration Commitments Knowledge Base"

# Issuing bodies (IssuingBody values) and the author a citation names for them; {org} is CSCE or
# OSCE by the document's date. Bodies not listed are cited as the organisation itself.
_BODY_AUTHORS = {
    "ministerial_council": "{org} Ministerial Council",
    "permanent_council": "{org} Permanent Council",
    "human_dimension_conference": "{org} Conference on the Human Dimension",
    "economic_environmental_forum": "{org} Economic and Environmental Forum",
    "secretariat": "{org} Secretariat",
    "parliamentary_assembly": "{org} Parliamentary Assembly",
    "odihr": "{org} Office for Democratic Institutions and Human Rights",
    "hcnm": "{org} High Commissioner on National Minorities",
}
# Before 1995 the Ministerial Council met as the "CSCE Council" (Stockholm 1992, Rome 1993).
_CSCE_BODY_AUTHORS = {"ministerial_council": "CSCE Council"}
_NUMBERED_LABEL = re.compile(r"^\d+(\.\d+)*$")


def organisation(document) -> str:
    """``CSCE`` for a document of the Conference (dated before 1995), ``OSCE`` for the
    Organization's, and ``""`` for a document from outside it (a study, a NGO report)."""
    if document.body == "external":
        return ""
    if document.date is not None and document.date < CSCE_BECAME_OSCE:
        return "CSCE"
    return "OSCE"


def institutional_author(document) -> str:
    """The body a citation names as author: ``OSCE Ministerial Council``, ``CSCE``, ``""``."""
    org = organisation(document)
    if not org:
        return ""
    if org == "CSCE" and document.body in _CSCE_BODY_AUTHORS:
        return _CSCE_BODY_AUTHORS[document.body]
    return _BODY_AUTHORS.get(document.body, "{org}").format(org=org)


def locator(label: str) -> str:
    """A paragraph label as a citation writes it: ``para. 4.5``; annexes and other lettered
    parts by their own numbering (``Annex C.2(v)``)."""
    return f"para. {label}" if _NUMBERED_LABEL.match(label) else label


def is_numbered_paragraph(label: str) -> bool:
    return bool(_NUMBERED_LABEL.match(label))


def house_citation(document) -> str:
    """The knowledge base's own form, the one the OSCE uses in its compilations:
    ``OSCE, MC.DOC/2/05, Border Security and Management Concept (Ljubljana, 6 December 2005)``;
    ``CSCE, Concluding Document … (Vienna, 19 January 1989)``."""
    parts = [part for part in (organisation(document), document.symbol, document.title) if part]
    where_when = ", ".join(p for p in (document.place, document.display_date()) if p)
    text = ", ".join(parts)
    return f"{text} ({where_when})" if where_when else text


@dataclass(frozen=True)
class Reference:
    """One citable thing as a reader finds it here: a document, or one paragraph of it.

    ``url`` is the permanent address of its page, ``accessed`` the day it was read, and
    ``dataset_version`` the version of the knowledge base it was read in.
    """

    document: object  # documents.models.Document
    url: str
    accessed: datetime.date
    dataset_version: str
    label: str = ""  # the paragraph's label; empty for the whole document
    text: str = ""  # the paragraph's text, for reference managers' abstract field
    # A passage known only from a quotation is cited by where it is quoted, not by its label
    # (``as quoted in …, fn. 13``, the quoting study's title marked italic: ``documents.italics``).
    quoted: str = ""

    @property
    def key(self) -> str:
        """A citation key a BibTeX file can hold: ``mc-doc-2-05``, ``mc-doc-2-05-p4.5``."""
        if not self.label:
            return self.document.slug
        return f"{self.document.slug}-p{re.sub(r'[^a-z0-9.]+', '-', self.label.lower()).strip('-')}"

    @property
    def locator(self) -> str:
        """``para. 4.5``, or where a quoted passage is quoted: plain text."""
        return plain(self.marked_locator)

    @property
    def marked_locator(self) -> str:
        if self.quoted:
            return self.quoted
        return locator(self.label) if self.label else ""

    def house_citation(self) -> str:
        """The knowledge base's own form, italics marked (``documents.italics``)."""
        citation = house_citation(self.document)
        return f"{citation}, {self.marked_locator}" if self.marked_locator else citation


def date_parts(document) -> list[int] | None:
    """The document's date as CSL ``date-parts``, as far as it is known: ``[2005, 12, 6]``,
    ``[1995, 12]``, ``[1975]``."""
    if document.date is None:
        return None
    value = document.date
    if document.date_precision == DatePrecision.YEAR:
        return [value.year]
    if document.date_precision == DatePrecision.MONTH:
        return [value.year, value.month]
    return [value.year, value.month, value.day]


def csl_item(reference: Reference) -> dict:
    """The reference as a CSL-JSON item (CSL 1.0.2), the common source of every style and format.

    A document is a ``report`` (what reference managers call a report: an institution, a
    report number, a place and a date); a paragraph is the same item with its locator in
    ``section``, its own address and its text as the abstract.
    """
    document = reference.document
    item: dict = {"id": reference.key, "type": "report", "title": document.title}
    author = institutional_author(document)
    if author:
        item["author"] = [{"literal": author}]
    org = organisation(document)
    if org:
        item["publisher"] = org
    if document.place:
        item["publisher-place"] = document.place
        item["event-place"] = document.place
    parts = date_parts(document)
    if parts:
        item["issued"] = {"date-parts": [parts]}
    if document.symbol:
        item["number"] = document.symbol
        item["genre"] = document.get_kind_display()
    if reference.label:
        item["section"] = reference.locator
    abstract = reference.text if reference.label else document.summary
    if abstract:
        item["abstract"] = abstract
    if document.language:
        item["language"] = document.language
    item["URL"] = reference.url
    accessed = reference.accessed
    item["accessed"] = {"date-parts": [[accessed.year, accessed.month, accessed.day]]}
    item["archive"] = KNOWLEDGE_BASE
    item["version"] = reference.dataset_version
    item["note"] = dataset_note(reference)
    return item


def dataset_note(reference: Reference) -> str:
    """``para. 4.5. Cited from the OSCE Migration Commitments Knowledge Base, dataset version …``."""
    note = f"Cited from the {KNOWLEDGE_BASE}, dataset version {reference.dataset_version}"
    return f"{reference.locator}. {note}" if reference.label else note
