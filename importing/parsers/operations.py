"""Field operations as the sources name them: the site menu's list of field operations, the
cards of a field-of-work page ("Mission to Skopje — Established on 18 September 1992, …"), a
press release's source line ("OSCE Chairpersonship, OSCE Mission to Serbia").

``operation_name`` is the one reading of an operation's name: "the OSCE MISSION TO SKOPJE",
"OSCE Mission to Skopje" and "Mission to Skopje" are all ``Mission to Skopje``.
"""

import re

from documents.dates import parse_date_phrase
from importing.parsed import ParsedOperation

_KINDS = r"Mission|Presence|Centre|Programme Office|Project Co-ordinator|Office"
_PLACE = r"[A-Z][a-z]+(?: and [A-Z][a-z]+)?"
OPERATION_NAME = re.compile(
    rf"^(?:the\s+)?(?:OSCE\s+)?(?P<kind>{_KINDS})\s+(?P<prep>to|in)\s+(?P<place>{_PLACE})$", re.I
)
# A card's first words: when the operation was set up.
_ESTABLISHED = re.compile(
    r"^(?:Established on|Set up on|Active in the country since)\s+(?P<date>\d{1,2} [A-Z][a-z]+ \d{4})"
)
_MENU_END = "Closed field activities"


def operation_name(words: str) -> str:
    """``Mission to Skopje`` for any spelling of it; ``""`` for words that name no operation."""
    match = OPERATION_NAME.match(" ".join(words.split()).strip(" .,"))
    if not match:
        return ""
    kind = next(k for k in _KINDS.split("|") if k.lower() == match["kind"].lower())
    place = " ".join(w if w.lower() == "and" else w.capitalize() for w in match["place"].split())
    return f"{kind} {match['prep'].lower()} {place.replace(' And ', ' and ')}"


def _menu(raw_text: str, heading: str) -> list[str]:
    """The items of one of the site menu's lists (``Field operations``, ``Participating States``)."""
    lines = [" ".join(line.split()) for line in raw_text.split("\n")]
    try:
        start = lines.index(heading)
    except ValueError:
        return []
    items = []
    for line in lines[start + 1 :]:
        if not line:
            continue
        if not line.startswith("- ") or line == f"- {_MENU_END}":
            break
        items.append(line[2:].strip())
    return items


def participating_states(raw_text: str) -> list[str]:
    return [item.split(" – ")[0] for item in _menu(raw_text, "Participating States")]


def menu_operations(raw_text: str) -> list[ParsedOperation]:
    """The operations the site menu lists as current ("Field operations"): active ones."""
    operations = []
    for item in _menu(raw_text, "Field operations"):
        name = operation_name(item)
        if name:
            operations.append(
                ParsedOperation(name=name, status="active", locator="the site menu “Field operations”")
            )
    return operations


def card_operations(lines: list[str], *, topic: str) -> list[ParsedOperation]:
    """The operations a topic page presents as cards: the name twice, then when it was set up
    and what it does. The page presents them as its operations on the ground ("Several OSCE
    field operations support effective border management"): they work on its ``topic``."""
    operations = []
    for index in range(len(lines) - 2):
        name = operation_name(lines[index])
        if not name or lines[index + 1] != lines[index]:
            continue
        text = lines[index + 2].rstrip("-").strip()
        established = _ESTABLISHED.match(text)
        locator = f"card “{lines[index]}”"
        operations.append(
            ParsedOperation(
                name=name,
                established=parse_date_phrase(established["date"]) if established else None,
                summary=text,
                fields_of_work=[topic] if topic else [],
                locator=locator,
            )
        )
    return operations


def source_line_operations(source: str, *, fields_of_work: list[str]) -> list[ParsedOperation]:
    """The operations a press release's ``Source:`` names: they issued it, and work in its fields."""
    operations = []
    for item in source.split(","):
        name = operation_name(item)
        if name:
            operations.append(
                ParsedOperation(name=name, fields_of_work=list(fields_of_work), locator="the source line")
            )
    return operations


def with_host_countries(operations: list[ParsedOperation], states: list[str]) -> list[ParsedOperation]:
    """An operation named after a participating State the page lists is hosted by that State."""
    for operation in operations:
        place = operation.name.split(" to ", 1)[-1].split(" in ", 1)[-1]
        if place in states and not operation.host_country:
            operation.host_country = place
            operation.metadata_locators.setdefault(
                "host_country", "the name, and the site menu “Participating States”"
            )
    return operations
