"""From the text runs of a PDF's pages to the lines of its body, its footnotes and its furniture.

The worker (``pdf_worker.py``) reports each string a page shows with its position and size.
Here runs on one baseline become a line (a provision number hanging in the margin and its
text; a superscript footnote marker is lifted out and remembered); the lines at the head and
foot of a page that are page numbers, journal codes, symbols, dates or "Annex" marks, or that
repeat on most pages, are page furniture; smaller lines at the foot of a page are footnotes,
each starting at its number. The rest is the body, in reading order, with a blank line where
the spacing shows a new paragraph — or no break at all where a paragraph runs on across a
page break, so that a line of capitals at the top of a page is not taken for a heading.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from importing.parsed import ParsedFootnote
from importing.parsers.lines import SourceLine, TextAccount
from importing.parsers.page_furniture import is_furniture_text
from importing.parsers.segmentation import is_caps_heading

# A gap between two runs on one line wider than this share of the font size is a space.
_SPACE = 0.15
# A run this much smaller than its line, and raised above its baseline, is a superscript.
_SUPERSCRIPT_SIZE = 0.85
# Lines this much smaller than the body's size, at the foot of a page, are footnotes.
_FOOTNOTE_SIZE = 0.92
# Lines further apart than this many times the usual line spacing are separate paragraphs.
_PARAGRAPH_GAP = 1.3
_LABEL = re.compile(r"^(?:\d{1,4}(?:\.\d{1,3})*\.?|\((?:[a-z]|[ivx]{1,5})\)|[A-Z]\.|[—–•-])$")
_FOOTNOTE_START = re.compile(r"^(\d{1,3})[.)]?\s+(?=\S)")
_SENTENCE_END = re.compile(r"[.;:!?”\"’)]$")
_HEAD_ZONE, _FOOT_ZONE = 0.16, 0.86


@dataclass
class _Row:
    page: int
    baseline: float
    size: float
    parts: list[list] = field(default_factory=list)  # runs [x0, x1, baseline, size, text]
    markers: list[str] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return self.parts[0][0]

    @property
    def x1(self) -> float:
        return self.parts[-1][1]

    def text(self) -> str:
        out = ""
        previous = None
        for run in self.parts:
            piece = run[4]
            joins = previous is not None and out and not out.endswith(" ") and not piece.startswith(" ")
            if joins and run[0] - previous[1] > _SPACE * self.size:
                out += " "
            out += piece
            previous = run
        return " ".join(out.split())

    def text_x(self) -> float:
        """Where the row's text starts: after a label hanging in the margin."""
        hanging = len(self.parts) > 1 and _LABEL.match(self.parts[0][4].strip())
        if hanging and self.parts[1][0] - self.parts[0][1] > 0.6 * self.size:
            return self.parts[1][0]
        return self.parts[0][0]


@dataclass
class PdfLayout:
    """What the layout of a PDF says: body lines in reading order, and its footnotes."""

    lines: list[SourceLine]
    footnotes: list[ParsedFootnote]
    warnings: list[str] = field(default_factory=list)


def read_layout(pages: list[dict], account: TextAccount) -> PdfLayout:
    """Body lines, footnotes and furniture of the worker's ``pages``, each told to ``account``."""
    rows_by_page = [_rows(number, page) for number, page in enumerate(pages, start=1)]
    all_rows = [row for rows in rows_by_page for row in rows]
    if not all_rows:
        return PdfLayout([], [])
    body_size = _body_size(all_rows)
    repeated = _repeated_lines(rows_by_page, pages)
    footnotes: list[ParsedFootnote] = []
    body: list[tuple[_Row, SourceLine]] = []
    furniture: list[SourceLine] = []
    for rows, page in zip(rows_by_page, pages, strict=True):
        height = page["height"] or 842.0
        # The first page's head is its title block, read with the body.
        head, rest = (
            _split_furniture(rows, height, repeated, body_size, top=True)
            if rows[:1] and rows[0].page > 1
            else ([], rows)
        )
        foot, rest = _split_furniture(rest, height, repeated, body_size, top=False)
        notes, rest = _split_footnotes(rest, body_size, height)
        for row in head + foot:
            line = _register(row, account)
            line.furniture = True
            furniture.append(line)
        _read_footnotes(notes, footnotes, account)
        for row in rest:
            line = _register(row, account)
            line.footnote_markers.extend(row.markers)
            body.append((row, line))
    return PdfLayout(furniture + _body_lines(body, body_size), footnotes)


def _register(row: _Row, account: TextAccount) -> SourceLine:
    """The row as a line the account knows; its lifted footnote markers count as footnotes."""
    if row.markers:
        account.assign_words("footnotes", len(row.markers), page=row.page)
    return account.register(SourceLine(row.text(), page=row.page))


def _rows(number: int, page: dict) -> list[_Row]:
    """The runs of one page grouped into rows by baseline, superscripts lifted out."""
    runs = sorted(page["runs"], key=lambda r: (r[2], r[0]))
    rows: list[_Row] = []
    for run in runs:
        size = run[3] or 1.0
        row = rows[-1] if rows else None
        if row is not None and abs(run[2] - row.baseline) <= 0.3 * min(size, row.size):
            row.parts.append(run)
            row.size = max(row.size, size)
        else:
            rows.append(_Row(number, run[2], size, [run]))
    kept: list[_Row] = []
    for row in rows:
        host = _superscript_host(row, rows)
        if host is not None:
            host.markers.extend(part[4].strip().rstrip(",") for part in row.parts)
            continue
        kept.append(row)
    for row in kept:
        row.parts.sort(key=lambda r: r[0])
        _lift_inline_superscripts(row)
    return [row for row in kept if row.parts]


def _superscript_host(row: _Row, rows: list[_Row]) -> _Row | None:
    """The line a row of small raised digits belongs to, when it is a footnote marker."""
    text = "".join(part[4] for part in row.parts).strip()
    if not re.fullmatch(r"\d{1,3}(?:[, ]+\d{1,3})*", text):
        return None
    hosts = []
    for other in rows:
        if other is row or row.size > _SUPERSCRIPT_SIZE * other.size:
            continue
        raised = other.baseline - row.baseline
        # After a word of the line, or before its first word (a footnote's own number).
        within = other.parts[0][0] - 2 * other.size <= row.parts[0][0] <= max(p[1] for p in other.parts) + 2
        if 0.15 * row.size <= raised <= other.size and within:
            hosts.append((raised, other))
    return min(hosts, key=lambda h: h[0])[1] if hosts else None


def _lift_inline_superscripts(row: _Row) -> None:
    """A marker the rows grouping kept on the line (raised less than a row's tolerance)."""
    kept = []
    for part in row.parts:
        small = part[3] <= _SUPERSCRIPT_SIZE * row.size
        if small and re.fullmatch(r"\d{1,3}", part[4].strip()) and part[2] < row.baseline - 0.1 * part[3]:
            row.markers.append(part[4].strip())
        else:
            kept.append(part)
    row.parts = kept


def _body_size(rows: list[_Row]) -> float:
    sizes: Counter = Counter()
    for row in rows:
        for part in row.parts:
            sizes[round(part[3], 1)] += len(part[4])
    return sizes.most_common(1)[0][0]


def _normalized(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).lower())


def _repeated_lines(rows_by_page: list[list[_Row]], pages: list[dict]) -> set[str]:
    """Texts (digits ignored) printed at the head or foot of most pages: running titles."""
    if len(rows_by_page) < 3:
        return set()
    seen: Counter = Counter()
    for rows, page in zip(rows_by_page, pages, strict=True):
        height = page["height"] or 842.0
        edge = {_normalized(r.text()) for r in rows[:3] if r.baseline < _HEAD_ZONE * height}
        edge |= {_normalized(r.text()) for r in rows[-3:] if r.baseline > _FOOT_ZONE * height}
        seen.update(edge)
    return {text for text, count in seen.items() if count >= max(3, len(rows_by_page) // 2)}


def _is_furniture(row: _Row, repeated: set[str], body_size: float) -> bool:
    if _normalized(row.text()) in repeated:
        return True
    if row.size >= body_size - 0.1 and is_caps_heading(row.text()):
        return False  # "ANNEX" printed as a heading at the top of a page, not an "Annex" mark
    pieces = _pieces(row)
    return all(is_furniture_text(piece) for piece in pieces)


def _pieces(row: _Row) -> list[str]:
    """A header line's parts as the typesetter placed them (``- 2 -``, symbol, date)."""
    pieces: list[list] = []
    for run in row.parts:
        if pieces and run[0] - pieces[-1][-1][1] < 1.5 * row.size:
            pieces[-1].append(run)
        else:
            pieces.append([run])
    texts = ["".join(r[4] for r in piece).strip() for piece in pieces]
    split = []
    for text in texts:
        # One string with wide spaces inside it: "- 2 -    MC.DOC/9/99    6 December 2005".
        split.extend(" ".join(part.split()) for part in re.split(r"\s{3,}", text) if part.strip())
    joined = " ".join(texts)
    header = re.match(r"^-\s*\d{1,4}\s*-\s+(.+)$", joined)
    if header and len(split) == 1:
        split = [joined[: header.start(1)].strip(), header.group(1)]
    return [text for text in split if text.strip()]


def _split_furniture(rows: list[_Row], height: float, repeated: set[str], body_size: float, *, top: bool):
    """The page-furniture rows at the head (or foot) of a page, and the rest."""
    furniture: list[_Row] = []
    order = rows if top else list(reversed(rows))
    count = 0
    for row in order:
        in_zone = row.baseline < _HEAD_ZONE * height if top else row.baseline > _FOOT_ZONE * height
        if not in_zone or not _is_furniture(row, repeated, body_size):
            break
        furniture.append(row)
        count += 1
    rest = rows[count:] if top else rows[: len(rows) - count]
    return furniture, rest


def _split_footnotes(rows: list[_Row], body_size: float, height: float):
    """Smaller rows at the foot of a page (below the last body-size row): the footnotes."""
    count = 0
    for row in reversed(rows):
        if row.size <= _FOOTNOTE_SIZE * body_size and row.baseline > 0.5 * height:
            count += 1
        else:
            break
    if count == 0:
        return [], rows
    return rows[len(rows) - count :], rows[: len(rows) - count]


def _read_footnotes(rows: list[_Row], footnotes: list[ParsedFootnote], account: TextAccount) -> None:
    for row in rows:
        line = _register(row, account)
        account.assign(line, "footnotes")
        number = row.markers[0] if row.markers else ""
        text = line.text
        if not number:
            match = _FOOTNOTE_START.match(text)
            if match:
                number, text = match.group(1), text[match.end() :]
        if number:
            footnotes.append(ParsedFootnote(number=number, text=text, page=row.page))
        elif footnotes:  # a footnote running on from the line above, or from the page before
            footnotes[-1].text = _join(footnotes[-1].text, text)
        else:
            footnotes.append(ParsedFootnote(number="", text=text, page=row.page))


def _join(text: str, more: str) -> str:
    if text.endswith("-") and more[:1].islower():
        return text[:-1] + more
    return f"{text} {more}"


def _body_lines(body: list[tuple[_Row, SourceLine]], body_size: float) -> list[SourceLine]:
    """Body lines in order with paragraph breaks, indents and page-break continuations."""
    if not body:
        return []
    edges = Counter(round(row.text_x()) for row, _ in body if abs(row.size - body_size) < 0.5)
    left = edges.most_common(1)[0][0] if edges else 0
    rights = sorted(row.x1 for row, _ in body if abs(row.size - body_size) < 0.5)
    right = rights[int(0.9 * (len(rights) - 1))] if rights else 0.0
    spacing = _line_spacing(body, body_size)
    out: list[SourceLine] = []
    previous: _Row | None = None
    for row, line in body:
        starts_label = _LABEL.match(row.parts[0][4].strip()) and row.text_x() != row.x0
        indent = row.x0 - left > 0.9 * body_size and not starts_label
        if previous is None:
            gap = True
        elif previous.page != row.page:
            # A paragraph runs on over the page break when the page's last line was a full
            # line of body text that did not end a sentence.
            # Full: from the left edge (or a first-line indent) to near the right one; a long
            # centred line (a subtitle) is neither.
            width, start = right - left, previous.x0 - left
            # Or it ended where it did because the next page's first word would not fit after it,
            # as a line of ragged text ends a word or more short of the right edge.
            first_word = row.text().split(" ", 1)[0]
            word_width = (row.x1 - row.x0) * len(first_word) / max(1, len(row.text()))
            wrapped = previous.x1 + word_width + 0.25 * body_size > right
            full = (start <= 0.9 * body_size and previous.x1 >= left + 0.75 * width) or (
                start <= 3.5 * body_size and (previous.x1 >= right - 1.5 * body_size or wrapped)
            )
            ended = _SENTENCE_END.search(previous.text()) or not full
            gap = bool(ended) or indent or bool(starts_label)
        else:
            gap = row.baseline - previous.baseline > _PARAGRAPH_GAP * spacing
        if gap and out:
            out.append(SourceLine("", page=row.page))
        line.indent = indent
        line.continues = not gap and previous is not None and not indent and not starts_label
        out.append(line)
        previous = row
    _caps_runs_into_text(out)
    return out


def _caps_runs_into_text(lines: list[SourceLine]) -> None:
    """Lines of capitals that the next line follows without a break are text, not a heading:
    a heading stands apart from the paragraph after it."""
    run: list[SourceLine] = []
    for line in lines:
        if not line.text:
            run = []
        elif is_caps_heading(line.text):
            run.append(line)
        else:
            if run and line.continues:
                for caps in run:
                    caps.continues = True
            run = []


def _line_spacing(body: list[tuple[_Row, SourceLine]], body_size: float) -> float:
    deltas: Counter = Counter()
    for (a, _), (b, _) in zip(body, body[1:], strict=False):
        if a.page == b.page and b.baseline > a.baseline:
            deltas[round(b.baseline - a.baseline, 0)] += 1
    if not deltas:
        return 1.2 * body_size
    return min(delta for delta, count in deltas.items() if count >= 0.3 * max(deltas.values()))
