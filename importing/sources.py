"""From a file to a parsed source: reading it within the limits, and the parser for its format.

``importing.service.import_file`` stores what ``parse_source`` returns.
"""

import hashlib
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from documents.dates import parse_date_phrase, partial_date_from_iso
from importing.checks import metadata_warnings
from importing.errors import ImportRejected
from importing.limits import check_line_lengths, check_provisions, check_text_bytes, text_parse_time
from importing.parsed import CLAIMED_FIELDS, ParsedSource
from importing.parsers.decoding import FORMATS, decode_text, guess_format, is_pdf
from importing.storable import check_storable
from importing.uploads import SNIFF_BYTES, describe_content

MANIFEST_LOCATOR = "bundled corpus manifest"
URL_LOCATOR = "the URL the source was fetched from"


def read_source(path: Path) -> bytes:
    """The bytes of ``path``, refusing what is missing, not a file, over the size limit, or
    neither a PDF nor plain text by its first bytes (the admin's upload and a URL are sniffed
    the same way, ``importing.uploads.describe_content``)."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ImportRejected("not a regular file", source_name=path.name)
        if size > settings.IMPORT_MAX_UPLOAD_BYTES:
            raise ImportRejected(
                f"the file is {size:,} bytes, over the limit of {settings.IMPORT_MAX_UPLOAD_BYTES:,} "
                "(IMPORT_MAX_UPLOAD_BYTES)",
                source_name=path.name,
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ImportRejected(f"cannot be read ({exc.strerror})", source_name=path.name) from None
    content = describe_content(data[:SNIFF_BYTES])
    # Binary data goes on to the decoder, which says what it is (UTF-16, NUL bytes, …).
    if content not in ("a PDF", "text", "binary data"):
        raise ImportRejected(
            f"the file is {content}; only PDF and plain-text sources can be imported", source_name=path.name
        )
    return data


def parse_source(
    data: bytes,
    *,
    name: str,
    format: str | None = None,
    symbol: str = "",
    metadata: dict[str, str] | None = None,
) -> ParsedSource:
    """Parse one source without touching the database.

    ``format`` is one of ``text``, ``pdf``, ``study``, ``osce-page``, guessed when None.
    ``metadata`` supplies values the text does not print (the study's title, a document's
    place); they are recorded as claims of the corpus manifest. Raises ImportRejected, with
    ``source_name`` set to ``name``.
    """
    try:
        return _parse(data, name=name, format=format, symbol=symbol, metadata=metadata or {})
    except ImportRejected as exc:
        exc.source_name = exc.source_name or name
        raise


def _parse(
    data: bytes, *, name: str, format: str | None, symbol: str, metadata: dict[str, str]
) -> ParsedSource:
    if len(data) > settings.IMPORT_MAX_UPLOAD_BYTES:
        raise ImportRejected(f"the file is over the limit of {settings.IMPORT_MAX_UPLOAD_BYTES:,} bytes")
    if not is_pdf(data):
        check_text_bytes(data)  # before the bytes are decoded, to guess the format or to parse them
    fmt = format or guess_format(name, data)
    if fmt not in FORMATS:
        raise ImportRejected(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    sha256 = hashlib.sha256(data).hexdigest()
    if fmt == "pdf":
        from importing.parsers.pdf import parse_pdf

        parsed = parse_pdf(data, name=name, sha256=sha256, symbol=symbol)
    else:
        if is_pdf(data):
            raise ImportRejected(f"the file is a PDF; import it with --format pdf, not {fmt}")
        text = decode_text(data)
        check_line_lengths(text)
        with text_parse_time():
            parsed = _text_parser(fmt)(text, name=name, sha256=sha256, symbol=symbol)
    check_provisions(parsed)
    _apply_metadata(parsed, metadata)
    check_storable(parsed)
    parsed.warnings.extend(metadata_warnings(parsed, today=timezone.localdate()))
    return parsed


def _text_parser(fmt: str):
    if fmt == "study":
        from importing.parsers.study import parse_study

        return parse_study
    if fmt == "osce-page":
        from importing.parsers.osce_page import parse_page

        return parse_page
    from importing.parsers.plain_text import parse_plain_text

    return parse_plain_text


def _apply_metadata(parsed: ParsedSource, metadata: dict[str, str]) -> None:
    document = parsed.document
    for field_name, value in metadata.items():
        if field_name not in CLAIMED_FIELDS:
            raise ImportRejected(f"unknown metadata field {field_name!r}")
        if field_name == "date":
            date = parse_date_phrase(value) or partial_date_from_iso(value)
            document.date = date
        else:
            setattr(document, field_name, value)
        document.metadata_locators[field_name] = MANIFEST_LOCATOR


def record_source_url(parsed: ParsedSource, url: str) -> None:
    """The document was read from ``url``: that is its official text's address."""
    parsed.document.source_url = url[:500]
    parsed.document.metadata_locators["source_url"] = URL_LOCATOR


def refuse_lost_text(parsed: ParsedSource) -> None:
    """``ImportRejected`` when part of the source's body text went into nothing."""
    lost = parsed.text_shares.get("unassigned", 0)
    if lost:
        where = "; ".join(w for w in parsed.warnings if "assigned to nothing" in w)
        raise ImportRejected(
            f"{lost:,} word{'s' if lost != 1 else ''} of body text would be assigned to nothing ({where}); "
            "check with --dry-run, or import anyway with --accept-warnings",
            source_name=parsed.name,
        )
