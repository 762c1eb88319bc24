"""OSCE document symbols (``MC.DEC/5/09``, ``MC(5).DEC/2``, ``EEF.GAL/3/09/Rev.1``)."""

import re

_SPACES_AROUND_PUNCTUATION = re.compile(r"\s*([./()])\s*")
_REVISION = re.compile(r"/REV\.?\s*(\d+)$")


def normalize_symbol(raw: str) -> str:
    """Return the canonical spelling of a symbol: upper case, no inner spaces, no leading
    zeros in the document's number, ``/Rev.N``.

    ``" mc.dec / 05/09 "`` and ``"MC.DEC/5/09"`` normalise to the same string, so one symbol
    can only be stored once whatever case, spacing or padding a source used. The year keeps
    its two digits (``/09``).
    """
    symbol = " ".join((raw or "").split())
    symbol = _SPACES_AROUND_PUNCTUATION.sub(r"\1", symbol).upper()
    symbol = _REVISION.sub(r"/Rev.\1", symbol)
    series, slash, rest = symbol.partition("/")
    number, slash_after, tail = rest.partition("/")
    if slash and number.isdigit():
        symbol = f"{series}/{int(number)}{slash_after}{tail}"
    return symbol


# A symbol as people type it, with spaces or dots for slashes: "mc dec 5 09", "MC.DEC.5.09",
# "pc dec 621", "MC DOC 2/05 rev 1".
_TYPED_SYMBOL = re.compile(
    r"(?<![\w.])(?P<series>MC|PC|EEF|SEC|FSC|CIO|ODIHR)(?P<meeting>\(\d+\))?[\s./]+"
    r"(?P<type>DEC|DOC|GAL|DEL|DCL|FR|JOUR|INF)[\s./]+(?P<number>\d{1,4})"
    r"(?:[\s./]+(?P<year>\d{2}))?(?:[\s./]+REV[\s.]*(?P<revision>\d+))?(?![\w/])",
    re.IGNORECASE,
)
# A decision or document named in words, as the OSCE's own pages and the studies name them:
# "Decision No. 5/09", "Ministerial Council Decision No 5/09", "Ministerial Document No. 6/06",
# "Permanent Council Decision No. 621".
_NAMED_MC = re.compile(
    r"(?<!\w)(?:(?:Ministerial\s+Council|MC|Ministerial)\s+)?(?P<type>Decision|Document)\s+"
    r"(?:No\.?|Number|N°|Nr\.?)?\s*(?P<number>\d{1,4})\s*/\s*(?P<year>\d{2})(?!\w|/)",
    re.IGNORECASE,
)
_NAMED_PC = re.compile(
    r"(?<!\w)(?:Permanent\s+Council|PC)\s+Decision\s+(?:No\.?|Number|N°|Nr\.?)?\s*(?P<number>\d{1,4})(?![\w/])",
    re.IGNORECASE,
)


def symbols_in_words(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, symbol)`` for each symbol ``text`` writes in words or with spaces
    (``Decision No. 5/09``, ``mc dec 5 09``), its canonical spelling (``MC.DEC/5/09``)."""
    found: list[tuple[int, int, str]] = []

    def add(match, symbol: str) -> None:
        if not any(start < match.end() and match.start() < end for start, end, _ in found):
            found.append((match.start(), match.end(), normalize_symbol(symbol)))

    for match in _TYPED_SYMBOL.finditer(text):
        symbol = f"{match['series']}{match['meeting'] or ''}.{match['type']}/{match['number']}"
        symbol += f"/{match['year']}" if match["year"] else ""
        symbol += f"/Rev.{match['revision']}" if match["revision"] else ""
        add(match, symbol)
    for match in _NAMED_PC.finditer(text):
        add(match, f"PC.DEC/{match['number']}")
    for match in _NAMED_MC.finditer(text):
        kind = "DEC" if match["type"].lower() == "decision" else "DOC"
        add(match, f"MC.{kind}/{match['number']}/{match['year']}")
    return sorted(found)


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
