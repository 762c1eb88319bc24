"""The citations in the study's footnotes, and the back-references that point to them.

A full citation reads ``AUTHOR. [PLACE, ]DATE. TITLE[. SYMBOL].`` (``OSCE. ATHENS,
2 DECEMBER 2009. MC DECISION NO. 5/09: MIGRATION MANAGEMENT. MC.DEC/5/09.``). A footnote
may hold several, separated by semicolons, ``SEE ALSO`` or ``AND``. ``OP. CIT.`` repeats
the author (and place and date) of an earlier citation; ``IBID.`` the one just before.
"""

import re
from dataclasses import dataclass, field

from documents.dates import PartialDate, parse_date_phrase
from documents.symbols import SYMBOL_PATTERN, normalize_symbol
from importing.parsers.titles import title_case

_MONTH = r"(?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)"
_DATE = rf"(?:\d{{1,2}}\s+)?(?:{_MONTH}\s+)?\d{{4}}"
_HEAD = re.compile(
    rf"^(?P<author>[A-Z][A-Z ,&]*?)[.,]?\s+(?:(?P<place>[A-Z][A-Z\- ]+?),\s+)?(?P<date>{_DATE})"
    r"(?:[.,]\s*(?P<rest>.*))?$"
)
_PREFIX = re.compile(
    r"^(?:CF\.\s*(?:E\.G\.,?\s*)?|SEE ALSO\s+|SEE\s+|E\.G\.,?\s*(?:RECENTLY,\s*)?|IN LINE WITH\s+)+"
)
_OP_CIT = re.compile(r"[.,]?\s*OP\.\s*CIT\.?$")
_IBID = re.compile(r"^IBID\.?$")
_SPLIT = re.compile(r";\s*|\.\s+SEE ALSO\s+|\s+AND\s+(?=OSCE[.,\s])|(?<=\.)\s+(?=(?:OSCE|ODIHR)[.,]\s)")
_DESIGNATION = re.compile(
    r"^(?:(?:MC|MINISTERIAL COUNCIL|PERMANENT COUNCIL)\s+)?DECISION\s+NO\.?\s*\d+(?:/\d+)?"
    r"(?:\s*:\s*|\s+ON\s+)"
)
_OSCE_AUTHOR = re.compile(r"^(OSCE|CSCE|ODIHR)\b")
# The part of a document a citation points to, printed after its title: it is the citation's
# locator, never part of the document's title.
_ANNEX_OF = re.compile(r"^ANNEX TO\s+(?P<document>.+)$")
_DECISIONS_CHAPTER = re.compile(r"^(?P<document>.+?):\s*(?P<chapter>DECISIONS:\s*.+)$")
_CONCLUDING_CHAPTER = re.compile(r"^(?P<document>CONCLUDING DOCUMENT):\s*(?P<chapter>.+)$")
# A citation's own words naming a Ministerial Council text by series and number.
_MC_NUMBER = re.compile(
    r"\b(?:MC|MINISTERIAL COUNCIL|MINISTERIAL)\s+(?P<series>DECISION|DOCUMENT)"
    r"\s+NO\.?\s*(?P<number>\d+/\d{2})\b"
)


@dataclass
class Citation:
    """One citation in a footnote; ``refers_to`` is set for OP. CIT. and IBID."""

    footnote: int
    raw: str
    author: str = ""
    place: str = ""
    date: PartialDate | None = None
    title: str = ""
    symbol: str = ""
    chapter: str = ""  # the part cited: "Decisions: VI. The Human Dimension", "Annex"
    back_reference: str = ""  # "op. cit." or "ibid."
    incomplete: bool = False  # the footnote breaks off inside the title (a lost page break)
    refers_to: "Citation | None" = field(default=None, repr=False)

    def symbol_conflict(self) -> tuple[str, str] | None:
        """``(symbol its words give, symbol printed)`` when the citation names a Ministerial
        Council decision or document by number and prints the symbol of the other series
        ("MC DECISION NO 2/05: MIGRATION. MC.DOC/2/05"); ``None`` when they agree."""
        named = _MC_NUMBER.search(self.raw)
        if not named or not self.symbol.startswith("MC."):
            return None
        series = "DEC" if named["series"] == "DECISION" else "DOC"
        worded = f"MC.{series}/{named['number']}"
        return (worded, self.symbol) if worded != self.symbol else None

    @property
    def is_osce(self) -> bool:
        return bool(_OSCE_AUTHOR.match(self.author))

    def resolved(self) -> "Citation | None":
        """The full citation this one stands for (itself when it is one)."""
        return self.refers_to if self.back_reference else self


def split_citations(footnote: int, text: str) -> list[Citation]:
    """The citations of one footnote, parsed; unparseable parts keep only their raw text."""
    citations: list[Citation] = []
    for part in _SPLIT.split(" ".join(text.split())):
        part = _PREFIX.sub("", part.strip()).strip()
        if not part:
            continue
        citation = parse_citation(footnote, part)
        if citations and not citation.author and not citation.back_reference:
            # A semicolon inside a title ("A NEW CONCEPT FOR A NEW CENTURY; DECISION ON …").
            citations[-1] = parse_citation(footnote, f"{citations[-1].raw}; {part}")
        else:
            citations.append(citation)
    if citations and _breaks_off(text, citations[-1]):
        citations[-1].incomplete = True
        citations[-1].title += " …"
    return citations


def _breaks_off(text: str, last: Citation) -> bool:
    """Whether a footnote stops inside its last citation's title: every citation ends in a
    full stop, a symbol or an address; text cut at a page break ends in none of them."""
    ending = text.rstrip()
    if not last.title or last.symbol or re.search(r"AVAILABLE AT|HTTPS?:", last.raw, re.IGNORECASE):
        return False
    return not ending.endswith((".", ")", "]"))


def parse_citation(footnote: int, text: str) -> Citation:
    citation = Citation(footnote=footnote, raw=text)
    if _IBID.match(text):
        citation.back_reference = "ibid."
        return citation
    op_cit = _OP_CIT.search(text)
    if op_cit:
        citation.back_reference = "op. cit."
        text = text[: op_cit.start()]
    head = _HEAD.match(text.rstrip("."))
    if not head:
        citation.author = text.rstrip(".") if op_cit else ""
        return citation
    citation.author = " ".join(head["author"].replace(",", ", ").split()).replace(" ,", ",")
    citation.place = title_case(head["place"]) if head["place"] else ""
    citation.date = parse_date_phrase(head["date"])
    if not op_cit:
        citation.title, citation.symbol, citation.chapter = _title_and_symbol(head["rest"] or "")
        if citation.title == "Concluding Document" and citation.place:
            # How the OSCE's own page names them: "the 1994 Concluding Document of Budapest".
            citation.title = f"Concluding Document of {citation.place}"
    return citation


def _title_and_symbol(rest: str) -> tuple[str, str, str]:
    """The document's title, its symbol and the chapter cited, from what follows the date."""
    rest = re.sub(r"\s*AVAILABLE AT\s+\S+.*$", "", rest.strip())
    symbol = ""
    matches = list(SYMBOL_PATTERN.finditer(rest))
    match = matches[-1] if matches else None
    if match and not rest[match.end() :].strip(" ."):
        symbol = normalize_symbol(match.group())
        rest = rest[: match.start()]
    title, chapter = _split_chapter(rest.strip(" .;"))
    return title_case(_DESIGNATION.sub("", title)), symbol, title_case(chapter)


def _split_chapter(title: str) -> tuple[str, str]:
    """``CSCE HELSINKI DOCUMENT: DECISIONS: VI. THE HUMAN DIMENSION`` is the Helsinki Document,
    its chapter ``Decisions: VI. …``; ``ANNEX TO DECISION NO. 12/04 …`` is the decision, its Annex."""
    if annex := _ANNEX_OF.match(title):
        return annex["document"], "ANNEX"
    for pattern in (_DECISIONS_CHAPTER, _CONCLUDING_CHAPTER):
        if found := pattern.match(title):
            return found["document"], found["chapter"]
    return title, ""


def _same_key(back: Citation, earlier: Citation) -> bool:
    if not earlier.author.startswith(back.author.rstrip(".")):
        return False
    if back.place and back.place != earlier.place:
        return False
    if back.date and earlier.date:
        return earlier.date.iso().startswith(back.date.iso())
    return not back.date


def resolve_back_references(citations: list[Citation]) -> list[str]:
    """Point every OP. CIT. and IBID. at the full citation it repeats; return warnings.

    OP. CIT. resolves to the first earlier full citation with the same author, place and
    date: the work those words introduced. IBID. repeats the citation just before.
    """
    warnings = []
    full: list[Citation] = []
    previous: Citation | None = None
    for citation in citations:
        if citation.back_reference == "ibid.":
            citation.refers_to = previous.resolved() if previous else None
        elif citation.back_reference == "op. cit.":
            citation.refers_to = next((c for c in full if _same_key(citation, c)), None)
        else:
            full.append(citation)
        if citation.back_reference and citation.refers_to is None:
            warnings.append(
                f"footnote {citation.footnote}: {citation.raw} points back to no earlier citation"
            )
        previous = citation
    return warnings


# (pattern on the title or author, kind, issuing body); the first match wins.
_KINDS = [
    (r"FINAL ACT", "final_act", "summit"),
    (r"^CHARTER", "charter", "summit"),
    (r"CONCLUDING DOCUMENT", "concluding_document", "follow_up_meeting"),
    (r"CONFERENCE ON THE HUMAN DIMENSION", "meeting_document", "human_dimension_conference"),
    (r"^CSCE \w+ DOCUMENT|SUMMIT", "summit_declaration", "summit"),
    (r"MEETING OF THE (MINISTERIAL COUNCIL|MC\b)|COUNCIL MEETING", "meeting_document", "ministerial_council"),
    (r"STATEMENT|DECLARATION", "ministerial_declaration", "ministerial_council"),
    (r"RESOLUTION", "other", ""),
    (r"COMMITMENTS RELATING|COMPILATION", "compilation", ""),
    (r"REPORT|HANDBOOK|GUIDE|UPDATE|SUMMARY|BACKGROUND NOTE", "report", ""),
]  # fmt: skip
_AUTHOR_BODIES = [
    (r"PARLIAMENTARY ASSEMBLY", "parliamentary_assembly"),
    (r"^ODIHR", "odihr"),
    (r"MISSION|PRESENCE|CENTRE IN|OFFICE IN", "field_operation"),
]


def classify_title(
    title: str, *, author: str = "", symbol_kind: str = "", symbol_body: str = ""
) -> tuple[str, str]:
    """The (kind, issuing body) a document's title and author imply, after what its symbol's
    series says; ``other`` when nothing tells."""
    upper = title.upper()
    kind, body = symbol_kind, symbol_body
    for pattern, pattern_kind, pattern_body in _KINDS:
        if re.search(pattern, upper):
            kind = kind or pattern_kind
            body = body or pattern_body
            break
    for pattern, author_body in _AUTHOR_BODIES:
        if re.search(pattern, author.upper()):
            body = author_body  # who wrote it outranks how it was distributed (SEC.FR)
    return kind or "other", body or "other"


def classified_locators(locator: str) -> dict[str, str]:
    """Where a kind and body read by ``classify_title`` come from: not the source's words but
    this module's reading of the title and symbol it gives, and the claims say so."""
    where = f"{locator}, classified from the title and symbol it gives"[:200]
    return {"kind": where, "body": where}


def classify_citation(citation: Citation, *, symbol_kind: str = "", symbol_body: str = "") -> tuple[str, str]:
    """The (kind, issuing body) of the document a citation names."""
    return classify_title(
        citation.title, author=citation.author, symbol_kind=symbol_kind, symbol_body=symbol_body
    )
