"""The lines of a document as its importers pass them along, and the account of where each went.

Plain text and PDF both become ``SourceLine``s (the PDF's with what its layout says:
indented, continuing the line above, which page). Every step that uses a line tells the
``TextAccount`` what the line was (a provision, a heading, page furniture, …), so that when
parsing ends each word of the source is either accounted for or reported, with its page, as
text the importer assigned to nothing.
"""

from collections import Counter
from dataclasses import dataclass, field

# What a word of a source can be, in the order reports list them.
SHARES = (
    "provisions",
    "preamble",
    "headings",
    "introductory",
    "footnotes",
    "attachments",
    "metadata",
    "page_furniture",
    "unassigned",
)

# The shares as a curator reads them.
SHARE_NAMES = {
    "provisions": "in provisions",
    "preamble": "in preambular paragraphs",
    "headings": "in headings and titles",
    "introductory": "introducing the paragraphs after them",
    "footnotes": "in footnotes",
    "attachments": "in attachments (statements)",
    "metadata": "metadata (symbol, date, journal code, language)",
    "page_furniture": "page furniture (running headers, page numbers)",
    "unassigned": "assigned to nothing",
}


@dataclass
class SourceLine:
    """One line of a source. ``text`` has no line feed; an empty text is a paragraph break.

    ``indent``: the line starts right of the text's left edge. ``continues``: the layout shows
    the line carrying on the sentence of the line before (across a page break too), so even
    in capitals it is not a heading. ``key`` identifies the line in the ``TextAccount``.
    """

    text: str
    page: int = 0
    indent: bool = False
    continues: bool = False
    key: int = -1
    borrowed: int = 0  # words of other lines merged into this one (a label alone on its line)
    furniture: bool = False  # the layout places it among a page's running headers or footers
    footnote_markers: list[str] = field(default_factory=list)

    @property
    def words(self) -> int:
        return len(self.text.split())


def as_source_lines(lines: list) -> list[SourceLine]:
    """``lines`` as SourceLines (plain strings: a leading space is an indent)."""
    return [
        line if isinstance(line, SourceLine) else SourceLine(line.rstrip("\n"), indent=line[:1].isspace())
        for line in lines
    ]


class TextAccount:
    """Where every word of a source went: one share per line, or per part of a split line."""

    def __init__(self):
        self._lines: dict[int, SourceLine] = {}
        self._shares: dict[int, list[tuple[str, int]]] = {}

    def register(self, line: SourceLine) -> SourceLine:
        """Make ``line`` one the account expects to hear about; returns it."""
        if line.text.strip():
            line.key = len(self._lines)
            self._lines[line.key] = line
        return line

    def register_all(self, lines: list[SourceLine]) -> list[SourceLine]:
        for line in lines:
            self.register(line)
        return lines

    def assign(self, line: SourceLine, share: str, *, words: int | None = None) -> None:
        """``line`` (or ``words`` of it, for a line split in parts) belongs to ``share``."""
        if share not in SHARES:
            raise ValueError(f"unknown share {share!r}")
        if line.key < 0 or line.key not in self._lines:
            return
        count = line.words - line.borrowed if words is None else words
        self._shares.setdefault(line.key, []).append((share, count))

    def assign_words(self, share: str, words: int, *, page: int = 0) -> None:
        """Words that never were a line of their own (a footnote marker lifted out of a line)."""
        line = self.register(SourceLine(" ".join(["·"] * words), page=page))
        self.assign(line, share)

    def shares(self) -> "TextShares":
        totals = Counter(dict.fromkeys(SHARES, 0))
        unassigned: dict[int, list[str]] = {}
        for key, line in self._lines.items():
            parts = self._shares.get(key)
            if not parts:
                totals["unassigned"] += line.words
                unassigned.setdefault(line.page, []).append(line.text.strip())
                continue
            counted = 0
            for share, words in parts:
                totals[share] += words
                counted += words
            if counted < line.words:  # a split that lost part of its line
                totals["unassigned"] += line.words - counted
                unassigned.setdefault(line.page, []).append(line.text.strip())
        return TextShares(words={name: totals[name] for name in SHARES}, unassigned_pages=unassigned)


@dataclass
class TextShares:
    """How many words of the source went where, and the lines assigned to nothing, by page."""

    words: dict[str, int]
    unassigned_pages: dict[int, list[str]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.words.values())

    def warnings(self) -> list[str]:
        """One warning per page with body text that is in no provision, heading or other share."""
        found = []
        for page, texts in sorted(self.unassigned_pages.items()):
            words = sum(len(text.split()) for text in texts)
            sample = " / ".join(texts)
            sample = sample if len(sample) <= 120 else sample[:117] + "…"
            where = f"page {page}" if page else "the text"
            plural = "s" if words != 1 else ""
            found.append(f"{where}: {words} word{plural} of body text assigned to nothing: “{sample}”")
        return found
