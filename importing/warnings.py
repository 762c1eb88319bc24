"""What an importer's warning is about, read from its words: every warning names where it stands
(``footnote 35: …``, ``page 3: …``, ``MC.DEC/5/09: …``) and what went wrong. Stored warnings
carry both (``ImportWarning.kind`` and ``locator``), so that a curator can sort them and the
coverage page can count them without reading messages.

The patterns follow the wording of the modules that write the warnings (named beside each):
a new kind of warning gets its pattern here.
"""

import re
from dataclasses import dataclass

from django.db import models


class WarningKind(models.TextChoices):
    UNATTRIBUTED_QUOTATION = "unattributed_quotation", "Quotation attributed to no known document"
    DANGLING_REFERENCE = "dangling_reference", "Back-reference (OP. CIT., IBID.) pointing nowhere"
    INCOMPLETE_CITATION = "incomplete_citation", "Citation that breaks off"
    UNASSIGNED_TEXT = "unassigned_text", "Body text assigned to nothing"
    NUMBERING = "numbering", "Paragraph numbering out of order"
    METADATA = "metadata", "Doubtful or missing metadata"
    AMBIGUOUS_OPERATION = "ambiguous_operation", "Name that could mean several field operations"
    CURATION = "curation", "Curator's change the source disputes"
    OTHER = "other", "Other"


# (kind, pattern on the message after its locator); the first match wins.
_KINDS = [
    # importing/parsers/study.py
    (WarningKind.UNATTRIBUTED_QUOTATION, r"the quotation .* cites no OSCE document"),
    (WarningKind.INCOMPLETE_CITATION, r"the citation breaks off"),
    (WarningKind.METADATA, r"^the citation gives the symbol .* but its own words name"),
    # importing/quotations.py
    (WarningKind.UNATTRIBUTED_QUOTATION, r"the quotation .* is (ambiguous|not found in the text of)"),
    # importing/parsers/citations.py
    (WarningKind.DANGLING_REFERENCE, r"points back to no earlier citation"),
    # importing/parsers/lines.py
    (WarningKind.UNASSIGNED_TEXT, r"of body text assigned to nothing"),
    # importing/parsers/segmentation.py
    (WarningKind.NUMBERING, r"^(the numbering jumps|a paragraph numbered .* was read as text)"),
    # importing/operations_save.py
    (WarningKind.AMBIGUOUS_OPERATION, r"could mean the .* left for a curator"),
    # importing/diff.py
    (
        WarningKind.CURATION,
        r"(and so did a curator|a curator deleted this provision|which a curator had edited)",
    ),
    # importing/checks.py
    (WarningKind.METADATA, r"^(the date .* is outside|no place of adoption)"),
]
_LOCATOR = re.compile(r"^(?P<locator>(?:footnotes?|page|the text)\b[^:]*|[^:]{1,120}?): (?P<rest>.+)$", re.S)


@dataclass(frozen=True)
class WarningFacts:
    kind: str
    locator: str  # "footnote 35", "page 3", "MC.DEC/5/09"; "" when the warning names no place


def describe_warning(message: str) -> WarningFacts:
    """The kind of ``message`` and the place in the source it names."""
    match = _LOCATOR.match(message)
    locator, rest = (match["locator"], match["rest"]) if match else ("", message)
    for kind, pattern in _KINDS:
        if re.search(pattern, rest, re.S):
            return WarningFacts(kind, locator.strip())
    return WarningFacts(WarningKind.OTHER, locator.strip())
