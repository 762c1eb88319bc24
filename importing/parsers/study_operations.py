"""The field operations of the study: the missions whose mandates its section 4.2 describes,
the missions its list of interviews names, and the reports its footnotes credit to a mission
(footnote 92: "OSCE MISSION TO SKOPJE. 10 JUNE 2016. UPDATE ON ACTIVITIES … SEC.FR/444/16/REV.1").
"""

import re

from importing.parsed import ParsedAttachment, ParsedDocument, ParsedOperation, ParsedProvision
from importing.parsers.citations import Citation
from importing.parsers.operations import operation_name
from importing.parsers.study_passages import INTERVIEWS

# "The mandate of the OSCE Mission to Serbia is …": §4.2 describes each mission's mandate and
# its response to the migration crisis.
_MANDATE = re.compile(r"^The mandate of the (?P<name>OSCE [A-Z][\w -]+?)(?:,| is| has)")
_MIGRATION = "Migration"


def study_operations(
    passages: list[ParsedProvision], interviews: ParsedAttachment | None = None
) -> list[ParsedOperation]:
    """Operations the study names: a §4.2 mandate paragraph says the mission worked on the
    migration crisis; an entry of the list of interviewees only names it."""
    operations = []
    for passage in passages:
        if match := _MANDATE.match(passage.text):
            name = operation_name(match["name"])
            if name:
                operations.append(
                    ParsedOperation(name=name, fields_of_work=[_MIGRATION], locator=passage.label)
                )
    for entry in interviews.text.split("\n\n") if interviews else []:
        if (match := INTERVIEWS.match(entry)) and (name := operation_name(match["name"])):
            operations.append(ParsedOperation(name=name, locator=interviews.title.lower()))
    return operations


def credit_issuers(citations: list[Citation], cited: list[ParsedDocument]) -> None:
    """A cited document whose citation's author is a field operation was issued by it."""
    by_key = {(document.symbol or document.title): document for document in cited}
    for citation in citations:
        full = citation.resolved()
        if full is None:
            continue
        issuer = operation_name(full.author)
        document = by_key.get(full.symbol or full.title)
        if issuer and document is not None:
            document.issued_by = issuer
