"""Writing a Whoosh index quickly: analysis in plain Python, and lighter postings bookkeeping.

Whoosh's analysers make a ``Token`` and a generator step per token per filter, which is
most of an index build. Indexing does not need tokens, only each term with its positions
(or its count), so the fields here compute those from ``re.finditer``, ``str.lower``,
``str.translate`` and a memoized stemmer. Queries and highlighting still go through
``STEMMING`` and ``SPELLING``: tests/search/test_index_analysis.py holds the two paths to
the same output.

The field classes are pickled into every index's table of contents by their import path:
renaming or moving them makes existing indexes unreadable until they are rebuilt.
"""

import functools
from collections import Counter
from collections.abc import Callable, Iterable

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.fields import TEXT
from whoosh.lang.porter import stem
from whoosh.reading import SegmentReader
from whoosh.support.charset import accent_map
from whoosh.system import pack_uint
from whoosh.writing import SegmentWriter

from search.backends.whoosh_internals import LengthsInMemory, term_pool

# Accents are folded before stemming, so "émigré" and "emigre" meet in one stem.
STEMMING = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map) | StopFilter() | StemFilter()
# The "did you mean" vocabulary: real words as written, only case and accents folded.
SPELLING = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)

# Words as the analysers cut them.
WORD = RegexTokenizer().expression
_STOP_WORDS = frozenset(StopFilter().stops)
_MIN_WORD_LENGTH = StopFilter().min
_STEMS: dict[str, str] = {}
_MAX_STEMS = 500_000  # a bound for a long-lived process; a corpus has far fewer distinct words

MERGED_PER_WRITE = 4


@functools.lru_cache(maxsize=4)
def folded_words(text: str) -> tuple[str, ...]:
    """What ``SPELLING`` makes of ``text``: every word, lowercased and accent-folded.

    Cached for the last few texts: a document's title, heading and text are folded for the
    ``spelling`` field and again for their own fields.
    """
    return tuple(match.group(0).lower().translate(accent_map) for match in WORD.finditer(text))


def stemmed(word: str) -> str:
    term = _STEMS.get(word)
    if term is None:
        if len(_STEMS) >= _MAX_STEMS:
            _STEMS.clear()
        term = _STEMS[word] = stem(word)
    return term


_TERMS: dict[str, str | None] = {}


def index_term(word: str) -> str | None:
    """What ``STEMMING`` makes of one word: its term, or None for a stop word.

    Remembered for each word as written: snippets ask it of every word of every hit.
    """
    term = _TERMS.get(word, "")
    if term == "":
        if len(_TERMS) >= _MAX_STEMS:
            _TERMS.clear()
        term = _TERMS[word] = _term(word.lower().translate(accent_map))
    return term


def _term(folded: str) -> str | None:
    if len(folded) < _MIN_WORD_LENGTH or folded in _STOP_WORDS:
        return None
    return stemmed(folded)


def stemmed_positions(text: str) -> dict[str, list[int]]:
    """What ``STEMMING`` makes of ``text``: each term with its positions, in order of first use.

    Positions follow ``StopFilter(renumber=True)``: the first word kept keeps its place,
    and each later one comes right after the one before, whatever was dropped between.
    """
    positions: dict[str, list[int]] = {}
    position = None
    for place, word in enumerate(folded_words(text)):
        term = _term(word)
        if term is None:
            continue
        position = place if position is None else position + 1
        if term in positions:
            positions[term].append(position)
        else:
            positions[term] = [position]
    return positions


class StemmedText(TEXT):
    """A ``TEXT`` field analysed by ``STEMMING`` with positions, indexed without tokens."""

    def __init__(self, **kwargs):
        super().__init__(analyzer=STEMMING, **kwargs)

    def index(self, value, **kwargs):
        if not isinstance(value, str) or kwargs:
            yield from super().index(value, **kwargs)
            return
        boost = self.format.field_boost
        encode = self.format.encode
        for term, places in stemmed_positions(value).items():
            yield term.encode("utf-8"), len(places), float(len(places)) * boost, encode(places)


class SpellingText(TEXT):
    """The "did you mean" vocabulary: word counts (no positions) from several texts.

    Its value is a tuple of texts, each analysed by ``SPELLING``; a plain string is one text.
    """

    def __init__(self, **kwargs):
        super().__init__(analyzer=SPELLING, phrase=False, spelling=True, **kwargs)

    def index(self, value, **kwargs):
        if kwargs:
            yield from super().index(value, **kwargs)
            return
        texts = (value,) if isinstance(value, str) else value
        counts = Counter()
        for text in texts:
            counts.update(folded_words(text))
        boost = self.format.field_boost
        for word, count in counts.items():
            yield word.encode("utf-8"), count, float(count) * boost, pack_uint(count)


def fit_to_schema(fields: dict, schema) -> dict:
    """``fields`` as the index's own schema takes them: an index built before
    ``SpellingText`` (until its next rebuild) wants the spelling texts as one string."""
    if isinstance(schema["spelling"], SpellingText):
        return fields
    return {**fields, "spelling": " ".join(fields["spelling"])}


class IndexWriter(SegmentWriter):
    """Whoosh's segment writer, with cheaper bookkeeping for each posting.

    The index it writes is the one ``SegmentWriter`` would write; only how the postings
    are pooled and how field lengths are looked up while writing them differ.
    """

    def __init__(self, index, *, limitmb: int = 128, **kwargs):
        super().__init__(index, limitmb=limitmb, **kwargs)
        self.pool = term_pool(self, limitmb=limitmb)

    def per_document_reader(self):
        if not self.perdocwriter.is_closed:
            raise RuntimeError("the per-document writer is still open")
        return LengthsInMemory(self.storage, self.get_segment())


def reindex_smallest(documents_for: Callable[[list[int]], Iterable[dict]]):
    """A Whoosh merge policy: the ``MERGED_PER_WRITE`` smallest segments are dropped and
    their provisions written afresh, from ``documents_for(ids)``, into the writer's segment.

    Whoosh merges by copying a segment term by term, some 60 µs a term: a segment of a few
    dozen edited provisions holds thousands of terms. Indexing the same provisions again
    costs about a millisecond each. The documents come from the database, as every write's
    do; a provision no longer indexable simply is not written again. Taking only the
    smallest few makes segments grow by merging with their like (unlike ``MERGE_SMALL``,
    which merges one growing segment again every few edits).
    """

    def policy(writer, segments: list) -> list:
        merged = sorted(segments, key=lambda segment: segment.doc_count_all())[:MERGED_PER_WRITE]
        ids = []
        for segment in merged:
            # Documents this write replaced or deleted are marked deleted and not listed.
            with SegmentReader(writer.storage, writer.schema, segment) as reader:
                ids.extend(int(fields["id"]) for fields in reader.all_stored_fields())
        for fields in documents_for(ids):
            writer.add_document(**fields)
        return [segment for segment in segments if segment not in merged]

    return policy
