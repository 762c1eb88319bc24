"""What a damaged or missing Whoosh index raises, told apart from a bug in this project's code.

The backend answers from the database when its index cannot be read (and says so in the
log), but a programming error must fail loudly instead of hiding behind that slow fallback.
Corrupt index files make Whoosh fail with whatever its decoders hit: the types below, and
occasionally a ``TypeError`` or ``ValueError`` raised inside Whoosh's own reading code (an
empty table of contents reaches its varint reader as ``None``). The same types raised by
this project's code are bugs, and so is any other type: the backend catches only
``MAYBE_DAMAGE``, so that a programming error never turns into a quiet database fallback.
"""

import pickle
import struct
import zlib
from pathlib import Path

import whoosh
from whoosh.index import IndexError as WhooshIndexError
from whoosh.index import LockError

# Raised by reading bytes that are not what the index format promises, or files that are gone.
_READING_ERRORS = (
    OSError,
    EOFError,
    struct.error,
    zlib.error,
    pickle.UnpicklingError,
    UnicodeDecodeError,
    MemoryError,
    WhooshIndexError,
    LockError,
)
# Raised on damage only when Whoosh's own code raised them.
_DECODING_ERRORS = (TypeError, ValueError, KeyError, IndexError, AttributeError)
# Every type ``is_index_damage`` may say yes to: what the backend catches, and nothing wider.
MAYBE_DAMAGE = _READING_ERRORS + _DECODING_ERRORS
_WHOOSH_DIR = Path(whoosh.__file__).resolve().parent


def is_index_damage(exc: BaseException) -> bool:
    """Whether ``exc`` says the index on disk is damaged or gone, rather than a bug."""
    if isinstance(exc, _READING_ERRORS):
        return True
    return isinstance(exc, _DECODING_ERRORS) and _raised_inside_whoosh(exc)


def _raised_inside_whoosh(exc: BaseException) -> bool:
    traceback = exc.__traceback__
    if traceback is None:
        return False
    while traceback.tb_next is not None:
        traceback = traceback.tb_next
    return Path(traceback.tb_frame.f_code.co_filename).resolve().is_relative_to(_WHOOSH_DIR)
