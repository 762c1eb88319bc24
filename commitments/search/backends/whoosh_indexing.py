"""Writing a Whoosh index quickly: analysis in plain Python, and a codec that stats less.

Whoosh's analysers make a ``Token`` and a generator step per token per filter, which is
most of an index build. Indexing does not need tokens, only each term with its positions
(or its count), so the fields here compute those from ``re.finditer``, ``str.lower``,
``str.translate`` and a memoized stemmer. Queries and highlighting still go through
``STEMMING`` and ``SPELLING``: tests/search/test_index_analysis.py holds the two paths to
the same output.

The field and codec classes are pickled into every index's table of contents by their import path:
renaming or moving them makes existing indexes unreadable until they are rebuilt.
"""

import functools
from collections import Counter

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import TEXT
from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map
from whoosh.system import pack_uint

# Accents are folded before stemming, so "émigré" and "emigre" meet in one stem.
STEMMING = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map) | StopFilter() | StemFilter()
# The "did you mean" vocabulary: real words as written, only case and accents folded.
SPELLING = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)

_WORD = RegexTokenizer().expression
_STOP_WORDS = frozenset(StopFilter().stops)
_MIN_WORD_LENGTH = StopFilter().min
_STEMS: dict[str, str] = {}
_MAX_STEMS = 500_000  # a bound for a long-lived process; a corpus has far fewer distinct words


@functools.lru_cache(maxsize=4)
def folded_words(text: str) -> tuple[str, ...]:
    """What ``SPELLING`` makes of ``text``: every word, lowercased and accent-folded.

    Cached for the last few texts: a document's title, heading and text are folded for the
    ``spelling`` field and again for their own fields.
    """
    return tuple(match.group(0).lower().translate(accent_map) for match in _WORD.finditer(text))


def stemmed(word: str) -> str:
    term = _STEMS.get(word)
    if term is None:
        if len(_STEMS) >= _MAX_STEMS:
            _STEMS.clear()
        term = _STEMS[word] = stem(word)
    return term


def stemmed_positions(text: str) -> dict[str, list[int]]:
    """What ``STEMMING`` makes of ``text``: each term with its positions, in order of first use.

    Positions follow ``StopFilter(renumber=True)``: the first word kept keeps its place,
    and each later one comes right after the one before, whatever was dropped between.
    """
    positions: dict[str, list[int]] = {}
    position = None
    for place, word in enumerate(folded_words(text)):
        if len(word) < _MIN_WORD_LENGTH or word in _STOP_WORDS:
            continue
        position = place if position is None else position + 1
        term = stemmed(word)
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


class IndexCodec(W3Codec):
    """Whoosh's codec, with each segment's column files looked up once rather than per posting.

    Writing the postings asks the new segment for each posting's field length, and for a
    field that keeps no lengths (every ID, KEYWORD and NUMERIC field) Whoosh checks again
    whether the column file exists: a ``stat()`` per posting. A written segment's files
    never change, so the first answer holds.
    """

    def per_document_reader(self, storage, segment):
        reader = super().per_document_reader(storage, segment)
        reader.has_column = functools.cache(reader.has_column)
        return reader
