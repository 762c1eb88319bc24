"""Reopening a searcher after a write without reopening the segments it already has open.

Whoosh's own reuse (``Searcher.refresh()``, ``Index.reader(reuse=...)``) matches segments in a
way that keeps showing documents deleted since (whoosh-reloaded 2.7.5), so every edit used to
reopen every segment: tens of milliseconds on a large index, paid by the next search. A
segment's files never change once written; only its set of deleted documents does, and that
comes with the index's table of contents. So a reader of a segment that is still listed is
kept and given the newer segment object, which carries the deletions.
"""

from whoosh.reading import MultiReader, SegmentReader
from whoosh.searching import Searcher

from search.backends.whoosh_internals import give_newer_segment, read_toc


def reopen_searcher(index, previous: Searcher | None = None) -> Searcher:
    """A searcher on the newest state of ``index``, reusing ``previous``'s segment readers.

    ``previous`` must not be used afterwards: readers of segments that are gone are closed.
    """
    toc = read_toc(index)
    kept = {}
    if previous is not None:
        # An index without documents reads as one empty reader, which has no segment.
        leaves = [reader for reader, _ in previous.reader().leaf_readers() if reader.segment() is not None]
        kept = {reader.segment().segment_id(): reader for reader in leaves}
    readers = []
    for segment in toc.segments:
        reader = kept.pop(segment.segment_id(), None)
        if reader is None:
            reader = SegmentReader(index.storage, toc.schema, segment, generation=toc.generation)
        else:
            give_newer_segment(reader, segment, toc.generation)
        readers.append(reader)
    for reader in kept.values():
        reader.close()
    if not readers:
        return index.searcher()
    reader = readers[0] if len(readers) == 1 else MultiReader(readers, generation=toc.generation)
    return Searcher(reader, fromindex=index)
