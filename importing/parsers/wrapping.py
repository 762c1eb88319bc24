"""Joining lines that extraction wrapped mid-sentence, and words it hyphenated across lines."""

import re
from dataclasses import dataclass

_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_BULLET = re.compile(r"^[—–•]\s+|^-\s+")
# Prefixes OSCE English keeps hyphenated (co-operation, non-discrimination, cross-border).
_HYPHEN_PREFIXES = {
    "co", "non", "self", "cross", "anti", "counter", "inter", "intra", "multi", "post", "pre",
    "re", "socio", "well", "long", "short", "follow", "full", "large", "small", "high", "low",
    "decision", "law", "war", "sub", "semi", "extra", "ex", "mid", "over", "under",
}  # fmt: skip


# How much of a paragraph's end a hyphen decision reads: far more than the longest word.
_TAIL_CHARS = 200

_SUFFIX = re.compile(
    r"(?:a|i)?tions?|sions?|ments?|ings?|it(?:y|ies)|[ae]nces?|ness|ives?|ous|ally|ly|ed|ers?|ies|isms?"
    r"|ists?|ships?|[ai]ble|ures?|[ae]nts?|ory|ages?|ial|ical"
)


@dataclass
class LineJoiner:
    """Joins wrapped lines using the vocabulary of the whole text to decide on hyphens.

    A line ending in ``-`` is a word split by the typesetter when the unsplit word occurs
    elsewhere in the text, and a real compound when the hyphenated form does (or its first
    part is a prefix the OSCE hyphenates).
    """

    words: frozenset[str]
    compounds: frozenset[str]

    @classmethod
    def for_lines(cls, lines: list[str]) -> "LineJoiner":
        words: set[str] = set()
        compounds: set[str] = set()
        for line in lines:
            body = line.rstrip()
            if body.endswith("-"):
                body = body[:-1]
            for match in _WORD.finditer(body):
                token = match.group().lower()
                (compounds if "-" in token else words).add(token)
        return cls(frozenset(words), frozenset(compounds))

    def _hyphen_is_real(self, head: str, tail: str) -> bool:
        first = re.search(r"([A-Za-z]+)$", head)
        second = re.match(r"([A-Za-z]+)", tail)
        if not first or not second or not tail[:1].islower():
            return True
        if len(first.group(1)) > 1 and first.group(1).isupper():
            return True  # an acronym joined to a word: OSCE-wide, UN-led
        left, right = first.group(1).lower(), second.group(1).lower()
        if f"{left}-{right}" in self.compounds:
            return True
        if left + right in self.words:
            return False
        if left in _HYPHEN_PREFIXES:
            return True
        # Neither form occurs elsewhere. A typesetter's break falls before a suffix
        # ("migra-tion", "govern-ment"); the second part of a compound is a word of its own
        # ("target-oriented", "war-torn", "capacity-building"), and the sources' line-end
        # hyphens are compounds far more often than breaks.
        return not _SUFFIX.fullmatch(right)

    def join(self, lines: list[str]) -> str:
        """One provision's lines as text: wrapped lines joined, each bullet on its own line."""
        paragraphs: list[_Paragraph] = []
        for raw in lines:
            line = " ".join(raw.split())
            if not line:
                continue
            bullet = _BULLET.match(line)
            if bullet:
                paragraphs.append(_Paragraph("— " + line[bullet.end() :]))
            elif paragraphs and paragraphs[-1].is_bullet and _ends_item(paragraphs[-1].tail):
                # Text after a finished bullet list is the paragraph's closing sentence.
                paragraphs.append(_Paragraph(line))
            elif paragraphs:
                self._append(paragraphs[-1], line)
            else:
                paragraphs.append(_Paragraph(line))
        return "\n".join(p.text() for p in paragraphs).strip()

    def join_paragraphs(self, lines: list[str]) -> str:
        """Free text (a statement) with its paragraphs: a new one starts at an indented line,
        after a line ending in a colon, or after a blank line that follows a full stop."""
        paragraphs: list[_Paragraph] = []
        blank_before = False
        for raw in lines:
            line = " ".join(raw.split())
            if not line:
                blank_before = True
                continue
            previous = paragraphs[-1].tail if paragraphs else ""
            starts_new = (
                not paragraphs
                or raw[:1].isspace()
                or previous.endswith(":")
                or (blank_before and previous.endswith((".", ",", "”")) and line[:1].isupper())
            )
            if starts_new:
                paragraphs.append(_Paragraph(line))
            else:
                self._append(paragraphs[-1], line)
            blank_before = False
        return "\n\n".join(p.text() for p in paragraphs).strip()

    def _append(self, paragraph: "_Paragraph", line: str) -> None:
        text = paragraph.tail
        if text.endswith("-") and not text.endswith(" -") and text[-2:-1].isalpha():
            if not self._hyphen_is_real(text[:-1], line):
                paragraph.drop_last_character()
            paragraph.add(line)
            return
        paragraph.add(" " + line)


class _Paragraph:
    """A paragraph built line by line in time linear in its length (adding to one string
    would copy it at every line): its pieces, and the last characters of their join, which
    is all that deciding how the next line joins needs to read."""

    def __init__(self, first: str):
        self.pieces = [first]
        self.tail = first[-_TAIL_CHARS:]

    @property
    def is_bullet(self) -> bool:
        head = ""
        for piece in self.pieces:
            head += piece[:2]
            if len(head) >= 2:
                break
        return head.startswith("— ")

    def add(self, piece: str) -> None:
        self.pieces.append(piece)
        self.tail = (self.tail + piece[-_TAIL_CHARS:])[-_TAIL_CHARS:]

    def drop_last_character(self) -> None:
        self.pieces[-1] = self.pieces[-1][:-1]
        self.tail = self.tail[:-1]

    def text(self) -> str:
        return "".join(self.pieces)


def _ends_item(text: str) -> bool:
    return text.rstrip().endswith((".", ";", ":"))
