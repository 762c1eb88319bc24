"""The query language every backend understands, parsed once into a small tree.

Words are ANDed; ``OR`` between two terms makes either enough (it binds tighter than the
implicit AND, so ``border OR migration management`` is ``(border OR migration) AND
management``); ``NOT word`` and ``-word`` exclude; ``"quoted phrases"`` match in order;
parentheses group; a trailing ``*`` searches a prefix (``migra*``). A token shaped like an
OSCE symbol (``MC.DEC/5/09``, ``mc.dec/05/09``) finds that document, and so does a symbol typed
with spaces (``mc dec 5 09``) or named in words (``Decision No. 5/09``).

Whatever the input, parsing never fails: what cannot be searched (leading wildcards, bare
``*``, field syntax, unbalanced quotes or brackets) is dropped or read as plain words, and
``ParsedQuery.notes`` says so in words a user understands.
"""

import re
from dataclasses import dataclass, field

from documents.symbols import normalize_symbol, symbols_in_words

MAX_TERMS = 32
MAX_DEPTH = 8
MIN_PREFIX_LENGTH = 3  # shorter prefixes expand to much of the vocabulary
MAX_CORRECTED_WORD = 40  # longer "words" are not misspellings worth correcting

_SYMBOL = re.compile(r"^[A-Za-z]+(\(\d+\))?\.[A-Za-z.]+(/[\w.]+)+$")
_SYMBOL_AT = re.compile(r"[A-Za-z]+\(\d+\)\.[A-Za-z.]+(/[\w.]+)+")
_FIELD_SYNTAX = re.compile(r"^\w+:")
_WORD_CHARS = re.compile(r"\w")
_LETTERS_ONLY = re.compile(r"^[^\W\d_]+$")
_EDGE_PUNCTUATION = ".,;:!?'\u2018\u2019\u201c\u201d[]{}<>"


@dataclass(frozen=True)
class Word:
    text: str
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    text: str


@dataclass(frozen=True)
class Symbol:
    symbol: str  # canonical spelling, as documents store it


@dataclass(frozen=True)
class Not:
    node: "Node"


@dataclass(frozen=True)
class All:
    nodes: tuple["Node", ...]


@dataclass(frozen=True)
class AnyOf:
    nodes: tuple["Node", ...]


Node = Word | Phrase | Symbol | Not | All | AnyOf


@dataclass
class ParsedQuery:
    """``node`` is None for an empty query (everything matches) and for a query of which
    nothing could be searched (``nothing_searchable``: nothing matches)."""

    node: Node | None
    notes: list[str] = field(default_factory=list)
    nothing_searchable: bool = False

    def positive_texts(self) -> list[str]:
        """Words and phrases the user looks for (not the excluded ones), in query order."""
        found: list[str] = []

        def walk(node: Node | None) -> None:
            if isinstance(node, Word | Phrase):
                found.append(node.text)
            elif isinstance(node, All | AnyOf):
                for child in node.nodes:
                    walk(child)

        walk(self.node)
        return found

    def symbols(self) -> list[str]:
        """The document symbols the query looks for (not the excluded ones), in query order."""
        found: list[str] = []

        def walk(node: Node | None) -> None:
            if isinstance(node, Symbol):
                found.append(node.symbol)
            elif isinstance(node, All | AnyOf):
                for child in node.nodes:
                    walk(child)

        walk(self.node)
        return list(dict.fromkeys(found))

    @property
    def searches_labels(self) -> bool:
        """Whether a word may find a paragraph by its label (``4.5``, ``Annex C.1``): only beside
        a document's symbol, as in a citation (``MC.DOC/2/05 4.5``). Alone, "4.1" is a number,
        and a label or locator is never searched as text."""
        return bool(self.symbols())

    def spelled_words(self) -> list[str]:
        """Plain words (not prefixes, symbols or exclusions) that a speller may correct."""
        words: list[str] = []

        def walk(node: Node | None) -> None:
            if isinstance(node, Word) and not node.prefix:
                words.append(node.text)
            elif isinstance(node, Phrase):
                words.extend(node.text.split())
            elif isinstance(node, All | AnyOf):
                for child in node.nodes:
                    walk(child)

        walk(self.node)
        # Numbers and labels ("4.5", "C.2") are not misspelt words.
        return [word for word in words if len(word) <= MAX_CORRECTED_WORD and _LETTERS_ONLY.match(word)]


def _lex(query: str) -> list[tuple[str, str]]:
    """Split into (kind, text) tokens: "phrase", "open", "close", "minus" or "bare"."""
    tokens: list[tuple[str, str]] = []
    i, n = 0, len(query)
    while i < n:
        char = query[i]
        if char.isspace():
            i += 1
        elif char == '"':
            end = query.find('"', i + 1)
            if end == -1:  # unbalanced: read the rest as plain words
                i += 1
                continue
            tokens.append(("phrase", query[i + 1 : end]))
            i = end + 1
        elif char in "()":
            tokens.append(("open" if char == "(" else "close", char))
            i += 1
        elif char == "-" and i + 1 < n and not query[i + 1].isspace():
            tokens.append(("minus", char))
            i += 1
        elif (symbol := _SYMBOL_AT.match(query, i)) and query[symbol.end() : symbol.end() + 1] in (
            "",
            " ",
            ")",
        ):
            tokens.append(("bare", symbol.group()))  # MC(5).DEC/2: brackets inside a symbol
            i = symbol.end()
        else:
            start = i
            while i < n and not query[i].isspace() and query[i] not in '"()':
                i += 1
            tokens.append(("bare", query[start:i]))
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]):
        self.tokens = tokens
        self.pos = 0
        self.notes: list[str] = []
        self.terms = 0

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def parse(self) -> Node | None:
        nodes = [self.sequence(depth=0)]
        while self.pos < len(self.tokens):  # a stray ")" ends a sequence early: read on
            self.pos += 1
            nodes.append(self.sequence(depth=0))
        return _all([node for node in nodes if node is not None])

    def sequence(self, depth: int) -> Node | None:
        """Clauses up to a closing bracket, ANDed; OR joins the clauses around it."""
        groups: list[list[Node]] = []
        join_next = False
        while self.pos < len(self.tokens):
            kind, text = self.tokens[self.pos]
            if kind == "close":
                break
            if kind == "bare" and text == "OR":
                self.pos += 1
                join_next = bool(groups)
                continue
            if kind == "bare" and text == "AND":
                self.pos += 1
                continue
            clause = self.clause(depth)
            if clause is None:
                continue
            if join_next and groups:
                groups[-1].append(clause)
            else:
                groups.append([clause])
            join_next = False
        nodes = [group[0] if len(group) == 1 else AnyOf(tuple(group)) for group in groups]
        return _all(nodes)

    def clause(self, depth: int) -> Node | None:
        kind, text = self.tokens[self.pos]
        negate = False
        while kind == "minus" or (kind == "bare" and text == "NOT"):
            negate = True
            self.pos += 1
            if self.pos >= len(self.tokens):
                return None
            kind, text = self.tokens[self.pos]
        self.pos += 1
        if kind == "open":
            node = self.sequence(depth + 1)
            if self.pos < len(self.tokens) and self.tokens[self.pos][0] == "close":
                self.pos += 1
        elif kind == "close":
            return None
        elif kind == "phrase":
            node = self.phrase(text)
        else:
            node = self.bare(text)
        if node is None:
            return None
        return Not(node) if negate else node

    def counted(self, node: Node) -> Node | None:
        if self.terms >= MAX_TERMS:
            self.note(f"Only the first {MAX_TERMS} terms of the query were used.")
            return None
        self.terms += 1
        return node

    def phrase(self, text: str) -> Node | None:
        words = text.replace("*", " ").replace("?", " ").split()
        if not words:
            return None
        if len(words) == 1:
            return self.bare(words[0])
        return self.counted(Phrase(" ".join(words)))

    def bare(self, text: str) -> Node | None:
        text = text.strip(_EDGE_PUNCTUATION)
        if not text:
            return None
        if _SYMBOL.match(text):
            return self.counted(Symbol(normalize_symbol(text)))
        if _FIELD_SYNTAX.match(text) and not text.endswith(":"):
            self.note(f"Field searches such as “{text}” are not supported: use the filters instead.")
            parts = [self.bare(part) for part in text.split(":")]
            return _all([part for part in parts if part is not None])
        if "*" in text or "?" in text:
            stem = text[:-1] if text.endswith("*") else ""
            plain = stem and "*" not in stem and "?" not in stem
            if plain and len(_WORD_CHARS.findall(stem)) >= MIN_PREFIX_LENGTH:
                return self.counted(Word(stem, prefix=True))
            self.note(
                f"Wildcards work only at the end of a word of {MIN_PREFIX_LENGTH} letters or more "
                f"(e.g. “migra*”): “{text}” was ignored."
            )
            return None
        if not _WORD_CHARS.search(text):
            return None
        return self.counted(Word(text))


def _all(nodes: list[Node]) -> Node | None:
    if not nodes:
        return None
    return nodes[0] if len(nodes) == 1 else All(tuple(nodes))


def _symbols_spelt_out(query: str) -> str:
    """``query`` with each symbol written in words or with spaces (``Decision No. 5/09``,
    ``mc dec 5 09``) in its canonical spelling (``MC.DEC/5/09``), quoted phrases left as typed."""
    quoted = [match.span() for match in re.finditer(r'"[^"]*"', query)]
    pieces, last = [], 0
    for start, end, symbol in symbols_in_words(query):
        if any(q_start <= start < q_end for q_start, q_end in quoted):
            continue
        pieces += [query[last:start], f" {symbol} "]
        last = end
    return "".join(pieces) + query[last:] if pieces else query


def _without_deep_brackets(tokens: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], bool]:
    """``tokens`` without the brackets nested deeper than ``MAX_DEPTH`` (each opening one
    with its closing one), so that the parser's recursion, and the tree it builds, stay within
    ``MAX_DEPTH`` levels however many brackets a query holds; and whether any were dropped."""
    kept: list[tuple[str, str]] = []
    open_kept: list[bool] = []  # for each bracket still open, whether it was kept
    depth = 0
    for token in tokens:
        if token[0] == "open":
            keep = depth < MAX_DEPTH
            open_kept.append(keep)
            depth += keep
        elif token[0] == "close" and open_kept:
            keep = open_kept.pop()
            depth -= keep
        else:
            keep = True
        if keep:
            kept.append(token)
    return kept, len(kept) < len(tokens)


def parse_query(query: str) -> ParsedQuery:
    """Parse ``query`` (already cut to a bounded length); never raises."""
    query = _symbols_spelt_out(query.replace("\x00", " "))
    tokens, too_deep = _without_deep_brackets(_lex(query))
    parser = _Parser(tokens)
    if too_deep:
        parser.note("Brackets nested too deeply were ignored.")
    node = parser.parse()
    nothing = node is None and bool(query.strip())
    return ParsedQuery(node=node, notes=parser.notes, nothing_searchable=nothing)


def rewrite_words(query: str, replacements: dict[str, str]) -> str:
    """``query`` with whole words replaced (case-insensitively), for "did you mean"."""
    if not replacements:
        return query
    lowered = {word.lower(): new for word, new in replacements.items()}
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in lowered) + r")\b", re.IGNORECASE)
    return pattern.sub(lambda m: lowered[m.group(0).lower()], query)


def user_notes(parsed: ParsedQuery, *, truncated_to: int | None = None) -> list[str]:
    """What the user should know about how their query was read."""
    notes = list(parsed.notes)
    if truncated_to is not None:
        notes.insert(0, f"The query was cut to its first {truncated_to} characters.")
    return notes
