"""OSCE document symbols (``MC.DEC/5/09``, ``MC(5).DEC/2``, ``EEF.GAL/3/09/Rev.1``)."""

import re

_SPACES_AROUND_PUNCTUATION = re.compile(r"\s*([./()])\s*")
_REVISION = re.compile(r"/REV\.?\s*(\d+)$")


def normalize_symbol(raw: str) -> str:
    """Return the canonical spelling of a symbol: upper case, no inner spaces, ``/Rev.N``.

    ``" mc.dec / 5/09 "`` and ``"MC.DEC/5/09"`` normalise to the same string, so one symbol
    can only be stored once whatever case or spacing a source used.
    """
    symbol = " ".join((raw or "").split())
    symbol = _SPACES_AROUND_PUNCTUATION.sub(r"\1", symbol).upper()
    return _REVISION.sub(r"/Rev.\1", symbol)


def symbol_slug(symbol: str) -> str:
    """A URL-safe form of a symbol: ``MC.DOC/2/05`` becomes ``mc-doc-2-05``."""
    return re.sub(r"[^a-z0-9]+", "-", symbol.lower()).strip("-")


# Symbol series -> (document kind, issuing body), as DocumentKind / IssuingBody values.
_SERIES = [
    (re.compile(r"^MC(\(\d+\))?\.DEC/"), "mc_decision", "ministerial_council"),
    (re.compile(r"^MC(\(\d+\))?\.DOC/"), "mc_document", "ministerial_council"),
    (re.compile(r"^MC(\(\d+\))?\.(DEL|DCL)/"), "ministerial_declaration", "ministerial_council"),
    (re.compile(r"^PC\.DEC/"), "pc_decision", "permanent_council"),
    (re.compile(r"^EEF\."), "meeting_document", "economic_environmental_forum"),
    (re.compile(r"^SEC\."), "report", "secretariat"),
]
SYMBOL_PATTERN = re.compile(
    r"\b(?:MC(?:\(\d+\))?|PC|EEF|SEC|FSC|CIO|ODIHR)\.[A-Z]{2,4}/\d+(?:/\d+)?(?:/REV\.\s?\d+)?", re.I
)


def classify_symbol(symbol: str) -> tuple[str, str]:
    """The (kind, issuing body) a symbol's series implies, or ``("", "")`` when it says nothing."""
    canonical = normalize_symbol(symbol)
    for pattern, kind, body in _SERIES:
        if pattern.match(canonical):
            return kind, body
    return "", ""
