"""Bounds on what one source may hold, so that no file keeps a worker busy past the web
server's timeout or makes every search that finds it slow.

A PDF is bounded by its worker (pages, time, memory: ``importing.parsers.pdf``); a text
source (plain text, the study, an OSCE page) by its size and its longest line before it is
parsed, and by the time its parse takes. Every source, PDFs too, by how many provisions it
holds and how long one may be. Each refusal names the setting that sets the limit.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings

from importing.errors import ImportRejected
from importing.parsed import ParsedSource
from importing.parsers.deadline import parse_deadline


def check_text_bytes(data: bytes) -> None:
    """Refuse a text source over ``IMPORT_TEXT_MAX_BYTES`` before it is decoded."""
    limit = settings.IMPORT_TEXT_MAX_BYTES
    if len(data) > limit:
        raise ImportRejected(
            f"the text is {len(data):,} bytes, over the limit of {limit:,} for a text source "
            "(IMPORT_TEXT_MAX_BYTES)"
        )


def check_line_lengths(text: str) -> None:
    """Refuse a text with a line over ``IMPORT_TEXT_MAX_LINE_CHARS``, naming the first one."""
    limit = settings.IMPORT_TEXT_MAX_LINE_CHARS
    start = 0
    number = 1
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > limit:
            raise ImportRejected(
                f"line {number:,} is {end - start:,} characters long, over the limit of {limit:,} "
                "(IMPORT_TEXT_MAX_LINE_CHARS)"
            )
        start = end + 1
        number += 1


@contextmanager
def text_parse_time() -> Iterator[None]:
    """Parsing within the block ends after ``IMPORT_TEXT_TIMEOUT_SECONDS``."""
    seconds = settings.IMPORT_TEXT_TIMEOUT_SECONDS
    with parse_deadline(
        seconds, reason=f"parsing the text took longer than {seconds} seconds (IMPORT_TEXT_TIMEOUT_SECONDS)"
    ):
        yield


def check_provisions(parsed: ParsedSource) -> None:
    """Refuse a source with more than ``IMPORT_MAX_PROVISIONS`` provisions in all its
    documents, or a provision longer than ``IMPORT_MAX_PROVISION_CHARS``."""
    documents = [parsed.document, *parsed.cited]
    count = sum(len(document.provisions) for document in documents)
    limit = settings.IMPORT_MAX_PROVISIONS
    if count > limit:
        raise ImportRejected(
            f"the source has {count:,} provisions, over the limit of {limit:,} (IMPORT_MAX_PROVISIONS)"
        )
    longest = settings.IMPORT_MAX_PROVISION_CHARS
    for document in documents:
        for provision in document.provisions:
            if len(provision.text) > longest:
                raise ImportRejected(
                    f"provision {provision.label} of {document.display_name()[:80] or 'the document'} is "
                    f"{len(provision.text):,} characters long, over the limit of {longest:,} "
                    "(IMPORT_MAX_PROVISION_CHARS)"
                )
