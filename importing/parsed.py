"""What an importer makes of a source, before anything touches the database.

Parsing returns these dataclasses; ``importing.save`` persists them. They are
plain data, so they can be shown as a preview, diffed against the database, or dumped as JSON.
"""

import dataclasses
import json
import types
import typing
from dataclasses import asdict, dataclass, field

from documents.dates import PartialDate, partial_date_from_iso

# Metadata fields a source can state about a document; each becomes a MetadataClaim.
CLAIMED_FIELDS = (
    "symbol",
    "title",
    "kind",
    "body",
    "place",
    "date",
    "summary",
    "source_url",
    "fields_of_work",
    "authors",
)


@dataclass
class ParsedProvision:
    """One provision: ``label`` as a citation writes it, ``heading`` the path of headings above it."""

    label: str
    text: str
    heading: str = ""
    is_commitment: bool = True
    # A preambular paragraph at the head of a decision ("Recalling …"): kept, never a commitment.
    preamble: bool = False
    origin: str = "full_text"
    quoted_locator: str = ""
    categories: list[str] = field(default_factory=list)
    # Numbers of the footnotes whose markers stand in this provision's text.
    footnotes: list[str] = field(default_factory=list)


@dataclass
class ParsedFootnote:
    """A footnote printed at the foot of a page, with its number as printed."""

    number: str
    text: str
    page: int = 0


@dataclass
class ParsedAttachment:
    """Text that travels with a document without being a provision (a State's statement)."""

    title: str
    text: str


@dataclass
class ParsedOperation:
    """A field operation as one source describes it (``name`` in its official form, ``Mission
    to Skopje``); as with documents, only what the source states is set. ``locator`` says
    where the source names it, ``metadata_locators`` overrides it per field."""

    name: str
    locator: str = ""
    established: PartialDate | None = None
    status: str = ""
    host_country: str = ""
    summary: str = ""
    fields_of_work: list[str] = field(default_factory=list)
    metadata_locators: dict[str, str] = field(default_factory=dict)

    def stated_values(self) -> dict[str, str]:
        """The values this source states, as claim strings (the date as truncated ISO)."""
        values = {
            "name": self.name,
            "established": self.established.iso() if self.established else "",
            "status": self.status,
            "host_country": self.host_country,
            "summary": self.summary,
            "fields_of_work": ", ".join(self.fields_of_work),
        }
        return {name: value for name, value in values.items() if value}


@dataclass
class ParsedQuotation:
    """Words a source quotes, where it quotes them, and which documents it credits them to.

    ``cited`` are indexes into ``ParsedSource.cited``: the documents the footnote names (one
    for a clear attribution, several when the footnote names several, none when the footnote
    cites nothing the importer could read). ``categories`` is the source's own sorting.
    """

    text: str
    footnote: str = ""
    section: str = ""
    sentence: str = ""
    cited: list[int] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)

    @property
    def locator(self) -> str:
        return f"footnote {self.footnote}" if self.footnote else self.section

    def unattributed_warning(self) -> str:
        """What a parser says of words whose footnote cites nothing it could read; withdrawn
        when the words are found in a held text all the same (``importing.quotations``)."""
        quoted = f"the quotation “{self.text[:60]}…”"
        return f"{self.locator}: {quoted} cites no OSCE document we know; kept unattributed"


@dataclass
class ParsedDocument:
    """A document as one source describes it.

    Only the values the source actually states are set; empty strings and ``None`` mean the
    source is silent, and no claim is recorded for them. ``locator`` says where in the source
    the description stands (``"footnote 9"``), ``citation_evidence`` everywhere the source
    cites it (``"footnotes 11, 12, 29"``), ``metadata_locators`` overrides it per field
    (values supplied by the corpus manifest rather than read from the text).
    """

    title: str = ""
    symbol: str = ""
    authors: str = ""
    kind: str = ""
    body: str = ""
    place: str = ""
    date: PartialDate | None = None
    summary: str = ""
    source_url: str = ""
    full_text: str = ""
    locator: str = ""
    citation_evidence: str = ""
    cited_part: str = ""  # the chapter a citation points to ("Decisions: VI. The Human Dimension")
    metadata_locators: dict[str, str] = field(default_factory=dict)
    # What the citation says that contradicts the document it names ("footnote 9 gives the
    # symbol MC.DOC/2/05"), recorded with the citation.
    citation_conflicts: list[str] = field(default_factory=list)
    fields_of_work: list[str] = field(default_factory=list)
    provisions: list[ParsedProvision] = field(default_factory=list)
    attachments: list[ParsedAttachment] = field(default_factory=list)
    footnotes: list[ParsedFootnote] = field(default_factory=list)
    # The field operation that issued the document, as ``operation_name`` reads it.
    issued_by: str = ""

    def stated_values(self) -> dict[str, str]:
        """The metadata values this source states, as claim strings (dates as truncated ISO)."""
        values = {}
        for name in CLAIMED_FIELDS:
            value = getattr(self, name)
            if name == "date":
                value = value.iso() if value else ""
            elif name == "fields_of_work":
                value = ", ".join(value)
            if value:
                values[name] = value
        return values

    def display_name(self) -> str:
        return self.symbol or self.title


@dataclass
class ParsedSource:
    """Everything one source file yields.

    ``document`` is the source's own document (MC.DOC/2/05 from its full text, the study, a
    web page). ``cited`` are the documents the source describes or quotes: each is linked from
    ``document`` by a ``cites`` relation, its metadata claimed with ``document`` as source, and
    its provisions are quotations ``quoted_in`` that document.
    """

    name: str
    format: str
    sha256: str
    document: ParsedDocument
    cited: list[ParsedDocument] = field(default_factory=list)
    quotations: list[ParsedQuotation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Words of the source by what they became (``importing.parsers.lines.SHARES``); empty
    # for formats that do not keep the account.
    text_shares: dict[str, int] = field(default_factory=dict)
    # The field operations the source names and what it says of them.
    operations: list[ParsedOperation] = field(default_factory=list)

    def as_dict(self) -> dict:
        """A JSON-ready view: metadata and every provision with label, heading path and text."""

        def document_dict(doc: ParsedDocument) -> dict:
            data = asdict(doc)
            data["date"] = doc.date.iso() if doc.date else None
            data["date_precision"] = doc.date.precision if doc.date else None
            data.pop("full_text")
            return data

        return {
            "name": self.name,
            "format": self.format,
            "sha256": self.sha256,
            "document": document_dict(self.document),
            "cited": [document_dict(doc) for doc in self.cited],
            "quotations": [asdict(quotation) for quotation in self.quotations],
            "warnings": list(self.warnings),
            "text_shares": dict(self.text_shares),
            "operations": [
                asdict(operation) | {"established": operation.stated_values().get("established")}
                for operation in self.operations
            ],
        }

    def dumps(self) -> str:
        """The whole parse as JSON (``loads`` reads it back): staged beside an upload so that
        its preview and confirmation do not parse the file again."""
        return json.dumps(_plain(self), ensure_ascii=False)

    @classmethod
    def loads(cls, text: str) -> "ParsedSource":
        return _build(cls, json.loads(text))


def _plain(value):
    if isinstance(value, PartialDate):
        return value.iso()
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _build(kind, data):
    """``data`` (as ``_plain`` wrote it) as an instance of the annotated type ``kind``."""
    if data is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        return _build(next(arg for arg in typing.get_args(kind) if arg is not type(None)), data)
    if origin is list:
        (item,) = typing.get_args(kind)
        return [_build(item, value) for value in data]
    if kind is PartialDate:
        return partial_date_from_iso(data)
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return kind(
            **{f.name: _build(hints[f.name], data[f.name]) for f in dataclasses.fields(kind) if f.init}
        )
    return data
