"""The study's own text outside its catalogue of commitments (section 4.1): its account of the
OSCE, of the crisis and of the field missions' response, as passages a reader can find and
cite by section and paragraph (``§6.1 ¶2``).

They are provisions of the study itself and never commitments: the study describes what
missions did; it commits no one. Footnote markers are lifted out of a passage's text and kept
as the footnotes it refers to.
"""

import re

from importing.parsed import ParsedAttachment, ParsedProvision
from importing.parsers.study_layout import Section, StudyLayout

# Section 4.1 and its subsections quote the commitments; those passages are quotations.
CATALOGUE_SECTION = "4.1"
_ABSTRACT = "Abstract"
# "OSCE Mission to Skopje, 8 July 2016 12. Amb. …": one mission's entry of the list of
# interviewees that closes the study ("The list of interviewees is included as an annex").
INTERVIEWS = re.compile(r"^(?P<name>OSCE [A-Z][\w -]+?), \d{1,2} [A-Z][a-z]+ \d{4} 1?\d{1,2}\. ")
INTERVIEWS_TITLE = "List of interviewees"
_SPACED_WORD = re.compile(r"\b([A-Z]) ([A-Z]{2,})\b")
_POSSESSIVE = re.compile(r"[’']S$|[,;:]$")


def study_passages(layout: StudyLayout) -> list[ParsedProvision]:
    """Every paragraph of the body outside section 4.1, in order, labelled ``§4.2 ¶3``."""
    forms = word_forms(layout.text)
    passages: list[ParsedProvision] = []
    ends = [*layout.paragraphs[1:], len(layout.text)]
    numbers: dict[str, int] = {}
    for start, end in zip(layout.paragraphs, ends, strict=True):
        section = layout.section_at(start)
        if section is not None and _in_catalogue(section.number):
            continue
        text, footnotes = _without_markers(layout, start, end)
        if not text:
            continue
        if section is None:
            key, heading = _ABSTRACT, _ABSTRACT
            text = text.removeprefix(_ABSTRACT).strip()
        else:
            key = f"§{section.number}"
            heading = f"{section.number} {_heading(section, forms)}"
        numbers[key] = numbers.get(key, 0) + 1
        passages.append(
            ParsedProvision(
                label=f"{key} ¶{numbers[key]}",
                text=text,
                heading=heading,
                is_commitment=False,
                footnotes=footnotes,
            )
        )
    return passages


def interviews_apart(
    passages: list[ParsedProvision],
) -> tuple[list[ParsedProvision], ParsedAttachment | None]:
    """The passages without the list of interviewees that ends the body, and that list as an
    attachment (each mission's entry a paragraph of it, every word kept): the names of the
    people the authors met are the study's annex, not its account, and no search for a
    commitment should find them."""
    start = len(passages)
    while start and INTERVIEWS.match(passages[start - 1].text):
        start -= 1
    if start == len(passages):
        return passages, None
    entries = "\n\n".join(p.text for p in passages[start:])
    return passages[:start], ParsedAttachment(title=INTERVIEWS_TITLE, text=entries)


def _in_catalogue(number: str) -> bool:
    return (number + ".").startswith(CATALOGUE_SECTION + ".")


def _without_markers(layout: StudyLayout, start: int, end: int) -> tuple[str, list[str]]:
    pieces, footnotes, cursor = [], [], start
    for number, offset in layout.markers:
        if start <= offset < end:
            pieces.append(layout.text[cursor:offset])
            cursor = offset + len(str(number))
            footnotes.append(str(number))
    pieces.append(layout.text[cursor:end])
    return " ".join("".join(pieces).split()), footnotes


def _heading(section: Section, forms: frozenset[str]) -> str:
    """A section heading as a reader writes it: ``The migration crisis and the mandates of
    OSCE field missions`` from the capitals of ``… OSCE F IELD MISSIONS``. A word keeps
    capitals when the running text writes it so (OSCE), a capital when the text never writes
    it in lower case (Europe)."""
    lower = {form.lower() for form in forms}
    heading = _SPACED_WORD.sub(
        lambda m: m[1] + m[2] if (m[1] + m[2]).lower() in lower else m[0], section.heading
    )
    words = [_word_case(word, forms) for word in heading.split()]
    sentence = " ".join(words)
    return sentence[:1].upper() + sentence[1:]


def _word_case(word: str, forms: frozenset[str]) -> str:
    parts = word.split("-")
    bases = [_POSSESSIVE.sub("", part) for part in parts]
    if len(parts) == 1 and len(bases[0]) > 1 and bases[0] in forms:
        return bases[0] + word[len(bases[0]) :].lower()  # an acronym: OSCE’s
    if any(base.capitalize() in forms and base.lower() not in forms for base in bases):
        return "-".join(part.capitalize() for part in parts)  # a name: South-Eastern
    return word.lower()


def word_forms(text: str) -> frozenset[str]:
    """The words of running text as it writes them (``OSCE``, ``Europe``, ``crisis``)."""
    return frozenset(re.findall(r"[A-Za-z]+", text))
