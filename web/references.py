"""Documents and provisions as references a reader cites: their permanent address, the day
and the dataset version they were read in, and the ``citation_*`` (Highwire Press) tags that
reference managers read from a page."""

import datetime
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from commitments.models import Provision
from documents.citation_formats import FORMATS
from documents.citation_styles import StyledCitation, styled_citations
from documents.citations import Reference, institutional_author, organisation
from documents.dates import DatePrecision
from documents.models import Document


@dataclass(frozen=True)
class CitationBox:
    """What a page's "Cite" section shows: the styles, the files, the version."""

    reference: Reference
    styles: list[StyledCitation]
    downloads: list[tuple[str, str]]  # (format name, URL)


def document_reference(document: Document, *, request: HttpRequest, version: str) -> Reference:
    return Reference(
        document=document,
        url=request.build_absolute_uri(document.get_absolute_url()),
        accessed=timezone.localdate(),
        dataset_version=version,
    )


def provision_reference(provision: Provision, *, request: HttpRequest, version: str) -> Reference:
    return Reference(
        document=provision.document,
        url=request.build_absolute_uri(provision.get_absolute_url()),
        accessed=timezone.localdate(),
        dataset_version=version,
        label=provision.label,
        text=provision.text,
        quoted=quotation.marked_passage_locator() if (quotation := provision.passage_of) else "",
    )


def citation_box(reference: Reference, *, download_url_name: str, args: list) -> CitationBox:
    downloads = [(f.name, reverse(download_url_name, args=[*args, f.slug])) for f in FORMATS.values()]
    return CitationBox(reference=reference, styles=styled_citations(reference), downloads=downloads)


def highwire_tags(
    reference: Reference, *, keywords: list[str] = (), pdf_url: str = ""
) -> list[tuple[str, str]]:
    """``(name, content)`` of the ``<meta name="citation_…">`` tags of a page.

    Zotero, Mendeley and Google Scholar read these (the "Highwire Press" tags) to import a page
    as a reference in one click: a report with its institution, number and date.
    """
    document = reference.document
    tags = [("citation_title", document.title)]
    author = institutional_author(document)
    if author:
        tags.append(("citation_author", author))
    org = organisation(document)
    if org:
        tags.append(("citation_publisher", org))
        tags.append(("citation_technical_report_institution", org))
    if document.symbol:
        tags.append(("citation_technical_report_number", document.symbol))
    if document.date:
        tags.append(("citation_publication_date", _highwire_date(document.date, document.date_precision)))
    tags.append(("citation_language", document.language))
    tags.append(("citation_abstract_html_url", reference.url))
    tags.append(("citation_public_url", reference.url))
    if pdf_url:
        tags.append(("citation_pdf_url", pdf_url))
    if keywords:
        tags.append(("citation_keywords", "; ".join(keywords)))
    return tags


def _highwire_date(value: datetime.date, precision: str) -> str:
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}/{value.month:02d}"
    return f"{value.year:04d}/{value.month:02d}/{value.day:02d}"
