"""Text as every search compares it: case and accents folded, so that "Boštjančič",
"BOSTJANCIC" and "bostjancic" are one word, in any field."""

import unicodedata


def fold(text: str) -> str:
    """Lower case without accents: ``Boštjančič`` becomes ``bostjancic``, ``Ölçüm`` ``olcum``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
