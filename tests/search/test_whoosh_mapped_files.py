"""Segment files are read in place, through the memory map the operating system shares
between processes, instead of copied into each process that opens them."""

import io
import pickle

import pytest
from whoosh import index as whoosh_index

from search.backends.whoosh_internals import MappedBufferFile, MappedFile

CONTENT = b"first line\nsecond line\n" + pickle.dumps({"terms": [1, 2, 3]}) + b"tail"


def test_every_file_of_a_segment_opens_over_the_map(corpus_index):
    ix = whoosh_index.open_dir(str(corpus_index.store.current_dir()))
    for segment in ix._segments():
        storage = segment.open_compound_file(ix.storage)
        opened = [storage.open_file(name) for name in storage.list()]
        assert opened and all(isinstance(f, MappedBufferFile) for f in opened)
        for f in opened:
            f.close()
        storage.close()


@pytest.mark.parametrize(
    "steps",
    [
        [("read", 5), ("read", 100), ("tell",)],
        [("readline",), ("readline",), ("tell",), ("read", -1)],
        [("seek", 4, 0), ("read", 3), ("seek", 2, 1), ("read", 2), ("seek", -4, 2), ("read", None)],
        [("readline", 3), ("readline",), ("seek", 0, 2), ("read", 1), ("readline",)],
    ],
)
def test_a_mapped_file_reads_as_a_file_of_the_same_bytes(steps):
    mapped, reference = MappedFile(memoryview(CONTENT)), io.BytesIO(CONTENT)
    for name, *args in steps:
        assert getattr(mapped, name)(*args) == getattr(reference, name)(*args)


def test_pickles_load_from_a_mapped_file():
    mapped = MappedFile(memoryview(CONTENT))
    mapped.readline(), mapped.readline()
    assert pickle.load(mapped) == {"terms": [1, 2, 3]}
    assert mapped.read() == b"tail"
