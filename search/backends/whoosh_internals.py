"""Every use of a Whoosh name that is not part of its public interface, in this one module.

The array evaluator (``whoosh_eval``), the fast writer (``whoosh_indexing``), the parallel
build (``whoosh_build``) and the searcher reuse (``whoosh_reopen``) need parts of Whoosh
that it does not promise to keep: a leaf matcher's decoded block, a segment's column of
field lengths, the table of contents, a writer's unfinished segment, the posting pool's
run files, the file class compound segments are read through (replaced here at import).
whoosh-reloaded may rename or change any of them in a release, so:

- ``TESTED_VERSIONS`` lists the versions this module was checked against, and the system
  check ``search.E003`` (``search/checks.py``) refuses to start on any other;
- ``tests/search/test_whoosh_seam.py`` fails when a private Whoosh name is used outside
  this module, and ``tests/search/test_whoosh_differential.py`` holds the evaluator to
  Whoosh's own searcher on generated indexes with multi-block posting lists.

Moving to another version: install it, run those tests and the ``whoosh-sweep`` target,
then add the version here.
"""

import heapq
import marshal
from array import array
from importlib import metadata

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, W3PerDocReader
from whoosh.codec.whoosh3 import _lenfield as _length_column_name
from whoosh.filedb import compound
from whoosh.filedb.structfile import BufferFile
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length
from whoosh.writing import PostingPool

DISTRIBUTION = "whoosh-reloaded"
TESTED_VERSIONS = ("2.7.5",)


def installed_version() -> str | None:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None


def version_problem(version: str | None = None) -> str | None:
    """Why the installed Whoosh cannot be used here, or None when it was tested."""
    version = installed_version() if version is None else version
    if version is None:
        return f"{DISTRIBUTION} is not installed (another distribution provides `whoosh`)."
    if version not in TESTED_VERSIONS:
        tested = ", ".join(TESTED_VERSIONS)
        return f"{DISTRIBUTION} {version} is installed; the Whoosh backend was tested with {tested} only."
    return None


# Reading a segment


def read_postings(leaf, fieldname: str, btext: bytes, fmt) -> tuple[list[int], list[float]]:
    """Every posting of a term in one segment (deleted documents included), as document
    numbers and weights; empty lists when the segment lacks the term."""
    matcher = term_matcher(leaf, fieldname, btext, fmt)
    if matcher is None:
        return [], []
    ids: list[int] = []
    weights: list[float] = []
    if isinstance(matcher, W3LeafMatcher):
        # A block at a time: the block's arrays are decoded once, not posting by posting.
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids.extend(matcher._ids)
            weights.extend(matcher._weights)
            matcher._next_block()
    else:  # postings inlined in the term info (terms of one or two documents)
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
    return ids, weights


def term_matcher(leaf, fieldname: str, btext: bytes, fmt):
    """A matcher over the term's postings as written, deleted documents included (a
    segment's deletions change, its postings do not), or None without the term."""
    if (fieldname, btext) not in leaf:
        return None
    try:
        return leaf._terms.matcher(fieldname, btext, fmt)
    except TermNotFound:
        return None


def segment_length_bytes(leaf, fieldname: str):
    """Each document's length of ``fieldname`` in one segment, one byte each, or None."""
    return length_bytes(leaf._perdoc, fieldname)


def length_bytes(perdoc: W3PerDocReader, fieldname: str):
    """Each document's length of ``fieldname`` as a segment stores it, one byte each
    (``byte_to_length`` decodes it), or None when the field keeps no lengths."""
    return perdoc._cached_reader(_length_column_name(fieldname), LENGTHS_COLUMN)


# Opening an index


def read_toc(index):
    """The index's current table of contents: its schema, segments and generation."""
    return index._read_toc()


def give_newer_segment(reader, segment, generation: int) -> None:
    """Point an open segment reader at a newer record of the same segment: the same files,
    with the deletions made since."""
    reader._segment = reader._perdoc._segment = segment
    reader.__dict__.pop("deleted_docs_set", None)  # a cached_property of the old deletions
    reader._gen = generation


# Writing


# A segment writer's keyword for not taking the index's lock (its caller holds it).
WITHOUT_INDEX_LOCK = {"_lk": False}


def finish_segment(writer):
    """The writer's segment, written out without committing a table of contents (what
    Whoosh's own multiprocessing writer does in each of its workers)."""
    return writer._finalize_segment()


def term_pool(writer, *, limitmb: int) -> "TermPool":
    """A posting pool for ``writer``'s new segment, to replace its own."""
    return TermPool(writer._tempstorage, writer.newsegment, limitmb=limitmb)


RUN_BATCH = 10_000  # postings per marshal record in a pool's temporary run
_TERM_BYTES = 300  # what a term's entry and its three arrays take in memory, about
_POSTING_BYTES = 60  # what one posting takes in them, about, besides its value's length


class TermPool(PostingPool):
    """Postings kept by field and term, each term's in compact arrays, instead of one tuple
    per posting in a list that is sorted at the end.

    Documents arrive in order, so each term's postings are already in document order and
    only the terms need sorting when the segment is written (a segment has some 30 times
    fewer terms than postings). A posting takes about 60 bytes here against some 220 as a
    tuple, so a build's postings stay in memory; past ``limitmb`` they go to a sorted
    temporary run, as in Whoosh's own pool. ``fieldnames`` stays empty: only Whoosh's
    multiprocessing writer reads it.
    """

    def __init__(self, tempstore, segment, *, limitmb: int):
        super().__init__(tempstore, segment, limitmb=limitmb)
        self.limit_bytes = max(1, limitmb * 1024 * 1024)
        self._fields: dict[str, dict[bytes, tuple]] = {}
        self._bytes = 0
        self._out_of_order: set[tuple[str, bytes]] = set()

    def add(self, item):
        fieldname, term, docnum, weight, value = item
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
        postings = terms.get(term)
        if postings is None:
            postings = terms[term] = (array("Q"), array("d"), [])
            self._bytes += _TERM_BYTES
        elif docnum <= postings[0][-1]:
            self._out_of_order.add((fieldname, term))  # a merged reader's postings, say
        postings[0].append(docnum)
        postings[1].append(weight)
        postings[2].append(value)
        self._bytes += _POSTING_BYTES + (len(value) if value else 0)
        if self._bytes >= self.limit_bytes:
            self.save()

    def _sorted_items(self):
        fields, self._fields, self._bytes = self._fields, {}, 0
        out_of_order, self._out_of_order = self._out_of_order, set()
        for fieldname in sorted(fields):
            terms = fields.pop(fieldname)
            for term in sorted(terms):
                postings = zip(*terms.pop(term), strict=True)
                if (fieldname, term) in out_of_order:
                    postings = sorted(postings)
                for docnum, weight, value in postings:
                    yield fieldname, term, docnum, weight, value

    def save(self):
        if self._fields:
            path, f = self._new_run()
            self._write_run(f, self._sorted_items())
            self._add_run(path)

    def items(self):
        if not self.runs:
            return self._sorted_items()
        return heapq.merge(*(self._read_run(path) for path in self.runs), self._sorted_items())

    def _write_run(self, f, items):
        batch = []
        for item in items:
            batch.append(item)
            if len(batch) == RUN_BATCH:
                marshal.dump(batch, f)
                batch = []
        if batch:
            marshal.dump(batch, f)
        f.close()

    def _read_run(self, path):
        f = self._open_run(path)
        try:
            while True:
                try:
                    batch = marshal.load(f)  # noqa: S302 (our own temporary file)
                except EOFError:
                    return
                yield from batch
        finally:
            f.close()
            self._remove_run(path)


class LengthsInMemory(W3PerDocReader):
    """A new segment's field lengths read once per field, for writing its postings.

    Whoosh otherwise reads a byte from the column file (and, for a field without lengths,
    checks that the file exists) for every posting.
    """

    def __init__(self, storage, segment):
        super().__init__(storage, segment)
        self._lengths: dict[str, list | None] = {}

    def doc_field_length(self, docnum, fieldname, default=0):
        if docnum > self._doccount:
            raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
        if fieldname not in self._lengths:
            self._lengths[fieldname] = self._read_lengths(fieldname)
        lengths = self._lengths[fieldname]
        if lengths is None:
            return default
        return lengths[docnum] if docnum < len(lengths) else None

    def _read_lengths(self, fieldname: str) -> list | None:
        """What ``W3PerDocReader.doc_field_length`` gives for each document (None for 0)."""
        encoded = length_bytes(self, fieldname)
        if encoded is None:
            return None
        return [byte_to_length(byte) if byte else None for byte in encoded]


# Reading segment files in place


class MappedFile:
    """A file over a memory view, read without copying it: only what is read is copied."""

    def __init__(self, view: memoryview):
        self._view = view
        self._position = 0

    def read(self, size: int | None = -1) -> bytes:
        start = self._position
        end = len(self._view) if size is None or size < 0 else min(start + size, len(self._view))
        self._position = end
        return self._view[start:end].tobytes()

    def readline(self, size: int | None = -1) -> bytes:
        rest = self._view[self._position :].tobytes()
        end = rest.find(b"\n") + 1 or len(rest)
        if size is not None and size >= 0:
            end = min(end, size)
        self._position += end
        return rest[:end]

    def seek(self, offset: int, whence: int = 0) -> int:
        base = (0, self._position, len(self._view))[whence]
        self._position = max(0, base + offset)
        return self._position

    def tell(self) -> int:
        return self._position

    def close(self) -> None:
        self._view = memoryview(b"")


class MappedBufferFile(BufferFile):
    """Whoosh's ``BufferFile`` without its copy: it wraps the memory-mapped segment in a
    ``BytesIO``, which copies the file (a 100,000-provision index's terms, postings and
    stored fields, some 75 MB a segment) into each process that opens it, and again on
    every reopening of a segment, as a writer's deletion of an edited provision's old
    version does. Over the map itself, the pages are the operating system's, shared by
    every process that reads the index."""

    def __init__(self, buf, name=None, onclose=None):
        super().__init__(b"", name=name, onclose=onclose)
        self._buf = buf
        self.file = MappedFile(buf)

    def subset(self, position, length, name=None):
        return MappedBufferFile(self._buf[position : position + length], name=name or self._name)


def read_segments_in_place() -> None:
    """Make compound segments (every segment this project writes) open as ``MappedBufferFile``."""
    compound.BufferFile = MappedBufferFile


read_segments_in_place()
