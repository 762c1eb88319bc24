"""References as the files reference managers import: BibTeX, RIS and CSL-JSON.

Each is written from the reference's CSL-JSON item (``documents.citations.csl_item``), so the
three formats and the styled citations say the same thing. A file may hold any number of
references (a document, a paragraph, every hit of a search).
"""

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from documents.citations import Reference, csl_item


@dataclass(frozen=True)
class CitationFormat:
    slug: str  # the URL suffix: cite.bib
    name: str
    content_type: str
    write: object  # Callable[[Iterable[Reference]], str]


def csl_json(references: Iterable[Reference]) -> str:
    """A CSL-JSON array, the format citeproc processors and Zotero read."""
    return json.dumps([csl_item(reference) for reference in references], ensure_ascii=False, indent=2) + "\n"


# BibTeX ----------------------------------------------------------------------------------------

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
# Words a BibTeX style must not lower-case: acronyms and symbols (OSCE, MC.DOC/2/05).
_KEEP_CASE = re.compile(r"\S*[A-Z]\S*[A-Z]\S*")


def bibtex(references: Iterable[Reference]) -> str:
    """``@techreport`` entries (``@report`` in biblatex, which reads both), UTF-8."""
    return "\n".join(_bibtex_entry(reference) for reference in references)


def _bibtex_entry(reference: Reference) -> str:
    item = csl_item(reference)
    fields: list[tuple[str, str]] = []
    if "author" in item:
        # Double braces: an institution, not a person with a family name "Council".
        fields.append(("author", "{" + _bibtex_text(item["author"][0]["literal"]) + "}"))
    fields.append(("title", _bibtex_title(item["title"])))
    if "publisher" in item:
        fields.append(("institution", _bibtex_text(item["publisher"])))
    if "genre" in item:
        fields.append(("type", _bibtex_text(item["genre"])))
    if "number" in item:
        fields.append(("number", _bibtex_text(item["number"])))
    if "publisher-place" in item:
        fields.append(("address", _bibtex_text(item["publisher-place"])))
    parts = item.get("issued", {}).get("date-parts", [[]])[0]
    if parts:
        fields.append(("year", str(parts[0])))
        if len(parts) > 1:
            fields.append(("month", _MONTHS[parts[1] - 1]))
        fields.append(("date", "-".join(f"{n:02d}" if i else f"{n:04d}" for i, n in enumerate(parts))))
    if "section" in item:
        fields.append(("pages", _bibtex_text(item["section"])))
    fields.append(("url", item["URL"]))
    accessed = item["accessed"]["date-parts"][0]
    fields.append(("urldate", f"{accessed[0]:04d}-{accessed[1]:02d}-{accessed[2]:02d}"))
    fields.append(("version", _bibtex_text(item["version"])))
    fields.append(("note", _bibtex_text(item["note"])))
    if "language" in item:
        fields.append(("langid", _bibtex_text(_LANGUAGE_NAMES.get(item["language"], item["language"]))))
    if "abstract" in item:
        fields.append(("abstract", _bibtex_text(item["abstract"])))
    body = ",\n".join(f"  {name} = {_bibtex_value(name, value)}" for name, value in fields)
    return f"@techreport{{{item['id']},\n{body}\n}}\n"


_LANGUAGE_NAMES = {"en": "english", "fr": "french", "de": "german", "ru": "russian"}


def _bibtex_value(name: str, value: str) -> str:
    if name == "month":
        return value  # a macro: jan … dec
    return "{" + value + "}"


def _bibtex_text(text: str) -> str:
    text = " ".join(text.split())
    return "".join(_BIBTEX_SPECIAL.get(char, char) for char in text)


def _bibtex_title(title: str) -> str:
    return _KEEP_CASE.sub(lambda m: "{" + m.group(0) + "}", _bibtex_text(title))


# RIS -------------------------------------------------------------------------------------------


def ris(references: Iterable[Reference]) -> str:
    """RIS records (type ``RPRT``), the format EndNote, Zotero and Mendeley all import."""
    return "".join(_ris_record(reference) for reference in references)


def _ris_record(reference: Reference) -> str:
    item = csl_item(reference)
    lines = [("TY", "RPRT"), ("ID", item["id"])]
    if "author" in item:
        lines.append(("AU", item["author"][0]["literal"]))
    lines.append(("TI", item["title"]))
    if "publisher" in item:
        lines.append(("PB", item["publisher"]))
    if "publisher-place" in item:
        lines.append(("CY", item["publisher-place"]))
    parts = item.get("issued", {}).get("date-parts", [[]])[0]
    if parts:
        lines.append(("PY", str(parts[0])))
        month = f"{parts[1]:02d}" if len(parts) > 1 else ""
        day = f"{parts[2]:02d}" if len(parts) > 2 else ""
        lines.append(("DA", f"{parts[0]:04d}/{month}/{day}/"))
    if "number" in item:
        lines.append(("SN", item["number"]))
        lines.append(("M3", item["genre"]))
    if "section" in item:
        lines.append(("SE", item["section"]))
    lines.append(("UR", item["URL"]))
    accessed = item["accessed"]["date-parts"][0]
    lines.append(("Y2", f"{accessed[0]:04d}/{accessed[1]:02d}/{accessed[2]:02d}/"))
    lines.append(("ET", item["version"]))
    lines.append(("DB", item["archive"]))
    lines.append(("N1", item["note"]))
    if "language" in item:
        lines.append(("LA", item["language"]))
    if "abstract" in item:
        lines.append(("AB", item["abstract"]))
    lines.append(("ER", ""))
    # One line per field: RIS has no continuation lines, so line breaks in a text become spaces.
    return "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines)


FORMATS = {
    "bib": CitationFormat("bib", "BibTeX", "application/x-bibtex; charset=utf-8", bibtex),
    "ris": CitationFormat("ris", "RIS", "application/x-research-info-systems; charset=utf-8", ris),
    "json": CitationFormat(
        "json", "CSL-JSON", "application/vnd.citationstyles.csl+json; charset=utf-8", csl_json
    ),
}
