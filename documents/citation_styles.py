"""A reference written out in the styles researchers cite in: the knowledge base's own (OSCE)
form, OSCOLA and Chicago, the last two rendered by citeproc-py from the CSL style files shipped in
``documents/csl/`` (see its README for their source and licence), never formatted by hand here.
"""

import functools
import json
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, Locator
from citeproc.source.json import CiteProcJSON
from django.utils.safestring import SafeString

from documents.citations import Reference, csl_item, is_numbered_paragraph
from documents.italics import as_html, italic, plain

STYLE_DIR = Path(__file__).resolve().parent / "csl"


@dataclass(frozen=True)
class CitationStyle:
    slug: str
    name: str
    description: str
    csl_file: str = ""  # empty: the knowledge base's own form


STYLES = (
    CitationStyle("osce", "OSCE", "as the OSCE's compilations cite its documents"),
    CitationStyle("oscola", "OSCOLA", "footnote, OSCOLA 4th edition", "oscola.csl"),
    CitationStyle(
        "chicago", "Chicago", "note, Chicago Manual of Style 18th edition", "chicago-notes-bibliography.csl"
    ),
)
# Item variables that describe this copy rather than the document; the styles would print them
# as if they were part of the document's own reference ("versions 2026-…").
_COPY_VARIABLES = ("version", "archive", "note", "abstract", "section")


@dataclass(frozen=True)
class StyledCitation:
    style: CitationStyle
    text: str  # plain text, to copy
    html: SafeString  # with the style's italics


def styled_citations(reference: Reference) -> list[StyledCitation]:
    """The reference in every style of ``STYLES``, in that order."""
    return [cite_in(reference, style) for style in STYLES]


def cite_in(reference: Reference, style: CitationStyle) -> StyledCitation:
    if not style.csl_file:
        marked = reference.house_citation()
        return StyledCitation(style, plain(marked), as_html(marked))
    item = {k: v for k, v in csl_item(reference).items() if k not in _COPY_VARIABLES}
    marked = _render(json.dumps(item, sort_keys=True), style.csl_file, reference.quoted or reference.label)
    return StyledCitation(style, plain(marked), as_html(marked))


@functools.lru_cache(maxsize=4096)
def _render(item_json: str, csl_file: str, label: str) -> str:
    """The note form of the item in the style, italics marked by private-use characters.

    Rendering takes tens of milliseconds (citeproc-py walks the style for every variable); the
    result depends only on the arguments, so it is kept for the life of the process.
    """
    item = json.loads(item_json)
    bibliography = CitationStylesBibliography(_style(csl_file), CiteProcJSON([item]), _MarkedFormatter)
    citation = Citation([_citation_item(item["id"], label)])
    bibliography.register(citation)
    with warnings.catch_warnings():
        # citeproc-py warns about CSL features it does not implement; the output is still whole.
        warnings.simplefilter("ignore")
        text = str(bibliography.cite(citation, lambda item: None)).strip()
    text = re.sub(r"[^\s,]+\s?" + _OWN_NUMBERING, "", text)
    return _without_repeated_title(text, item)


def _citation_item(key: str, label: str) -> CitationItem:
    if not label:
        return CitationItem(key)
    if is_numbered_paragraph(label):
        return CitationItem(key, locator=Locator("paragraph", label))
    # A lettered part ("Annex C.2(v)") is cited by its own numbering, without a term such as
    # "para": rendered as a paragraph marked so that the term can be taken off after.
    return CitationItem(key, locator=Locator("paragraph", _OWN_NUMBERING + label))


def _without_repeated_title(text: str, item: dict) -> str:
    # A style puts the title in the author's place when there is no author (OSCOLA's "author"
    # macro substitutes it); CSL then suppresses it where it would come again, which citeproc-py
    # does not do: "‘Migration …’, ‘Migration …’ (2016)". Keep the first.
    if "author" in item:
        return text
    first, separator, rest = text.partition(", ")
    if separator and rest.startswith(first):
        return rest
    return text


@functools.cache
def _style(csl_file: str) -> CitationStylesStyle:
    # Parsing a style takes tens of milliseconds; a parsed style is read-only and shared.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return CitationStylesStyle(str(STYLE_DIR / csl_file), validate=False)


_OWN_NUMBERING = "\ue002"


class _MarkedFormatter:
    """A citeproc-py output format: plain text with italics marked, so that the same rendering
    gives both the text to copy and the HTML to show, escaped by Django rather than by the
    formatter (whose HTML output leaves a style's affixes such as OSCOLA's ``<URL>`` unescaped)."""

    preformat = staticmethod(str)
    Italic = Oblique = staticmethod(italic)
    Bold = Light = Underline = Superscript = Subscript = SmallCaps = str
