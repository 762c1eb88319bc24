"""Checks of what a parse says about its documents, reported as warnings before anything is
written (in the admin's preview, on the command line and in the import report): values that
are possible but probably wrong, which a curator should look at before publishing."""

import datetime

from importing.parsed import ParsedSource

# The CSCE began with the Helsinki Consultations of 1972–1973, whose Final Recommendations
# (1973) are its earliest text; no OSCE or CSCE document is older, none is from the future.
EARLIEST_YEAR = 1973
# Kinds of document that are not adopted or issued at a place.
_PLACELESS_KINDS = {"web_page"}


def metadata_warnings(parsed: ParsedSource, *, today: datetime.date) -> list[str]:
    """Warnings about dates outside 1973–today (any document the source describes) and a
    missing place (the source's own document)."""
    warnings = []
    for document in (parsed.document, *parsed.cited):
        date = document.date
        if date is not None and not (date.value.year >= EARLIEST_YEAR and date.value <= today):
            warnings.append(
                f"{_name(document)}: the date {date.display()} is outside {EARLIEST_YEAR}–{today.year}, "
                "the years of CSCE and OSCE documents; check it before publishing"
            )
    own = parsed.document
    if not own.place.strip() and own.kind not in _PLACELESS_KINDS:
        warnings.append(
            f"{_name(own)}: no place of adoption or publication; "
            "add it (e.g. from the document's title page) before publishing"
        )
    return warnings


def _name(document) -> str:
    return document.display_name() or "the document"
