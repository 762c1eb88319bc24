"""Plain text as extracted from an OSCE PDF (e.g. the full text of MC.DOC/2/05), and the
shared last steps of the PDF importer: title block, page furniture, provisions."""

from documents.symbols import classify_symbol, normalize_symbol
from importing.errors import ImportRejected
from importing.parsed import ParsedAttachment, ParsedDocument, ParsedFootnote, ParsedSource
from importing.parsers.lines import SourceLine, TextAccount, as_source_lines
from importing.parsers.page_furniture import TitleBlock, split_title_block, strip_page_furniture
from importing.parsers.segmentation import segment_provisions
from importing.parsers.titles import title_case


def parse_document_lines(
    lines: list,
    *,
    name: str,
    sha256: str,
    format: str,
    symbol: str = "",
    account: TextAccount | None = None,
    footnotes: list[ParsedFootnote] | None = None,
    warnings: list[str] | None = None,
) -> ParsedSource:
    """A document from its text lines: title block, running headers, provisions, attachments.

    ``lines`` are ``SourceLine``s or strings. ``account`` already knows the lines (and what a
    PDF's layout took out of them); without it every line is registered here. ``symbol`` is
    what the caller knows the document to be; when the text prints another symbol the import
    is refused, because one of the two is a mistake.
    """
    source_lines: list[SourceLine] = as_source_lines(lines)
    if account is None:
        account = TextAccount()
        account.register_all(source_lines)
    block = TitleBlock()
    source_lines = strip_page_furniture(source_lines, block, account)
    body_lines = split_title_block(source_lines, block, account)
    segmentation = segment_provisions(body_lines, account)
    if not segmentation.provisions:
        raise ImportRejected("no numbered provisions were found in the text")
    printed = block.symbol or (block.header_symbols[0] if block.header_symbols else "")
    given = normalize_symbol(symbol)
    if given and printed and given != printed:
        raise ImportRejected(f"the text is {printed}, not {given}")
    final_symbol = given or printed
    kind, body = classify_symbol(final_symbol)
    document = ParsedDocument(
        title=title_case(block.title),
        symbol=final_symbol,
        kind=kind,
        body=block.body or body,
        place=block.place,
        date=block.date,
        full_text="\n\n".join(
            part for part in (title_case(block.title), block.subtitle, segmentation.full_text) if part
        ),
        provisions=segmentation.provisions,
        attachments=segmentation.attachments + _footnotes_attachment(footnotes or []),
        footnotes=list(footnotes or []),
    )
    if given and not printed:
        document.metadata_locators["symbol"] = "given on import"
    if not document.title:
        raise ImportRejected("the text has no title")
    shares = account.shares()
    return ParsedSource(
        name=name,
        format=format,
        sha256=sha256,
        document=document,
        warnings=[*(warnings or []), *segmentation.warnings, *shares.warnings()],
        text_shares=shares.words,
    )


def _footnotes_attachment(footnotes: list[ParsedFootnote]) -> list[ParsedAttachment]:
    """The document's footnotes, stored with it as one attachment ("1 text", one a paragraph);
    each provision names the numbers of the footnotes its text refers to."""
    if not footnotes:
        return []
    text = "\n\n".join(f"{note.number} {note.text}".strip() for note in footnotes)
    return [ParsedAttachment(title="Footnotes", text=text)]


def parse_plain_text(text: str, *, name: str, sha256: str, symbol: str = "") -> ParsedSource:
    """Parse the plain text of one OSCE document."""
    return parse_document_lines(text.split("\n"), name=name, sha256=sha256, format="text", symbol=symbol)
