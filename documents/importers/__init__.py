"""Importers: OSCE sources (plain text, PDF, the 2016 study, OSCE web pages) to documents.

One module per source format, the shared segmentation beside them. Parsing returns
dataclasses (``parsed``); ``save`` persists them in one transaction.
"""

from documents.importers.diff import ProvisionDiff, diff_provisions
from documents.importers.errors import ImportRejected
from documents.importers.parsed import ParsedDocument, ParsedProvision, ParsedSource
from documents.importers.save import ImportReport, save_parsed_source
from documents.importers.sources import import_source, parse_source, read_source

__all__ = [
    "ImportRejected",
    "ImportReport",
    "ParsedDocument",
    "ParsedProvision",
    "ParsedSource",
    "ProvisionDiff",
    "diff_provisions",
    "import_source",
    "parse_source",
    "read_source",
    "save_parsed_source",
]
