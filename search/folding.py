"""Text as every search compares it: case and accents folded, so that "Boštjančič",
"BOSTJANCIC" and "bostjancic" are one word, in any field; and headings without the
section numbers that only locate them.

``fold`` is what the database search answers with on SQLite (``kb_fold``, registered on
each connection) and what the documents list compares titles, symbols and authors with; on
PostgreSQL the same folding is ``unaccent``'s, which the ``postgres`` backend's text search
configurations and the database search use alike. Whoosh folds with its own accent map.
tests/search/test_folding_every_backend.py holds the three to one answer on every accented
word of the corpus.
"""

import re
import unicodedata

# Latin letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans(
    {"đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ħ": "h", "Ħ": "H", "ı": "i"}
)

# A section number or letter at the head of a heading or of one of its parts ("4.2 The
# migration crisis", "Annex: … › C. Possible specialized assistance"): where the passage
# sits, not what it says. Written so that PostgreSQL's regular expressions read it alike.
HEADING_LOCATOR = r"(^|› )(§?[0-9]+(\.[0-9]+)*\.?|[A-Z]\.) +"


def fold(text: str) -> str:
    """Lower case without accents: ``Boštjančič`` becomes ``bostjancic``, ``Đorđević``
    ``dordevic``, ``Ölçüm`` ``olcum``."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def searchable_heading(heading: str) -> str:
    """A heading as search reads it: ``4.2 The migration crisis`` is ``The migration crisis``,
    so that a query "4.2" does not find every passage of a section by its number."""
    return re.sub(HEADING_LOCATOR, r"\1", heading)
