"""The field operations of the study: the missions whose mandates its section 4.2 describes,
the missions its list of interviews names, and the reports its footnotes credit to a mission
(footnote 92: "OSCE MISSION TO SKOPJE. 10 JUNE 2016. UPDATE ON ACTIVITIES … SEC.FR/444/16/REV.1").
"""

import re

from importing.parsed import ParsedDocument, ParsedOperation, ParsedProvision
from importing.parsers.citations import Citation
from importing.parsers.operations import operation_name

# "The mandate of the OSCE Mission to Serbia is …": §4.2 describes each mission's mandate and
# its response to the migration crisis.
_MANDATE = re.compile(r"^The mandate of the (?P<name>OSCE [A-Z][\w -]+?)(?:,| is| has)")
# "OSCE Mission to Skopje, 8 July 2016 12. Amb. …": a mission of the list of interviews.
_INTERVIEWS = re.compile(r"^(?P<name>OSCE [A-Z][\w -]+?), \d{1,2} [A-Z][a-z]+ \d{4} 1?\d{1,2}\. ")
_MIGRATION = "Migration"


def study_operations(passages: list[ParsedProvision]) -> list[ParsedOperation]:
    """Operations the study's passages name: a §4.2 mandate paragraph says the mission worked on
    the migration crisis; an entry of the list of interviews only names it."""
    operations = []
    for passage in passages:
        if match := _MANDATE.match(passage.text):
            name = operation_name(match["name"])
            if name:
                operations.append(
                    ParsedOperation(name=name, fields_of_work=[_MIGRATION], locator=passage.label)
                )
        elif match := _INTERVIEWS.match(passage.text):
            name = operation_name(match["name"])
            if name:
                operations.append(ParsedOperation(name=name, locator=f"{passage.label} (list of interviews)"))
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
