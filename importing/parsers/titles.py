"""Turning the capitals sources print titles in (``MC DECISION NO. 5/09: MIGRATION``) into
the title case a catalogue shows (``MC Decision No. 5/09: Migration``)."""

import re

# Kept in capitals whatever the source did.
_ACRONYMS = {
    "OSCE", "CSCE", "MC", "PC", "UN", "UNSC", "UNHCR", "IOM", "ILO", "EEF", "EED", "ODIHR", "HCNM",
    "EU", "PA", "NGO", "NGOS", "CIO", "FSC", "OCEEA", "ICT", "IDP", "IDPS", "IT",
}  # fmt: skip
_SMALL_WORDS = {
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
    "under", "with", "within", "against", "between", "towards", "via",
}  # fmt: skip
_ROMAN = re.compile(r"^(?=[IVXLC]+$)M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_WORD = re.compile(r"[A-Za-z][A-Za-z’']*")


def _case_word(word: str, *, first: bool) -> str:
    upper = word.upper()
    if upper in _ACRONYMS or _ROMAN.match(upper):
        return upper
    lower = word.lower()
    if lower in _SMALL_WORDS and not first:
        return lower
    return lower[:1].upper() + lower[1:]


def title_case(text: str) -> str:
    """Title-case ``text`` if it is written in capitals; leave mixed-case text alone.

    Acronyms and Roman numerals stay in capitals, small words are lowered except at the start
    or after a colon, and the part after a hyphen is lowered (``Co-operation``,
    ``Non-discrimination``) as the OSCE writes it.
    """
    text = " ".join(text.split())
    if any(c.islower() for c in text):
        return text
    out: list[str] = []
    first = True
    for token in re.split(r"(\s+)", text):
        if not token or token.isspace():
            out.append(token)
            continue
        parts = token.split("-")
        cased = []
        for i, part in enumerate(parts):
            cased.append(
                _WORD.sub(lambda m, f=first and i == 0, h=i > 0: _case_part(m, first=f, after_hyphen=h), part)
            )
        out.append("-".join(cased))
        first = token.endswith((":", ";", ".", "—", "–"))
    return "".join(out)


def _case_part(match: re.Match, *, first: bool, after_hyphen: bool) -> str:
    word = match.group(0)
    if after_hyphen and word.upper() not in _ACRONYMS:
        return word.lower()
    start = match.start()
    # Ordinals and such: "21ST" -> "21st" (the match starts after the digits).
    if start > 0 and match.string[start - 1].isdigit():
        return word.lower()
    return _case_word(word, first=first)


def sentence_title(text: str) -> str:
    """A heading in capitals with only its first letter kept (``Possible OSCE contributions``)."""
    cased = title_case(text)
    words = cased.split(" ")
    result = [words[0]] + [w if w.upper() in _ACRONYMS or _ROMAN.match(w) else w.lower() for w in words[1:]]
    return " ".join(result)
