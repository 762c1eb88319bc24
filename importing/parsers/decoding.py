"""From bytes to text, refusing what is not clean UTF-8, and guessing a source's format."""

import re

from importing.errors import ImportRejected

FORMATS = ("text", "pdf", "study", "osce-page")

_BOMS = [
    (b"\x00\x00\xfe\xff", "UTF-32 (big-endian byte-order mark)"),
    (b"\xff\xfe\x00\x00", "UTF-32 (little-endian byte-order mark)"),
    (b"\xfe\xff", "UTF-16 (big-endian byte-order mark)"),
    (b"\xff\xfe", "UTF-16 (little-endian byte-order mark)"),
    (b"\xef\xbb\xbf", "UTF-8 with a byte-order mark"),
]
# Control characters other than tab, line feed, form feed and carriage return.
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\x7f]")


def decode_text(data: bytes) -> str:
    """The text of a source that must be UTF-8 without byte-order mark.

    Raises ImportRejected naming what the bytes are instead: empty, UTF-16/32, UTF-8 with a
    byte-order mark, NUL bytes, Latin-1 or another single-byte encoding, control characters.
    A byte-order mark is refused rather than skipped because sources are compared by checksum
    and re-imported: the same text must always be the same bytes.
    """
    if not data.strip():
        raise ImportRejected("the file is empty")
    for bom, what in _BOMS:
        if data.startswith(bom):
            raise ImportRejected(f"the file is {what}; save it as UTF-8 without byte-order mark")
    if b"\x00" in data:
        raise ImportRejected(_describe_nul_bytes(data))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        byte = data[exc.start]
        raise ImportRejected(
            f"the file is not UTF-8 (byte 0x{byte:02X} at offset {exc.start}, "
            "probably Latin-1 or Windows-1252); save it as UTF-8"
        ) from None
    control = _CONTROL.search(text)
    if control:
        raise ImportRejected(
            f"the file contains the control character U+{ord(control.group()):04X} "
            f"at character {control.start()}; it is not plain text"
        )
    if not text.strip():
        raise ImportRejected("the file is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _describe_nul_bytes(data: bytes) -> str:
    sample = data[:2000]
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    if max(even_nuls, odd_nuls) > len(sample) // 4:
        return (
            "the file looks like UTF-16 without byte-order mark (NUL bytes between letters); save it as UTF-8"
        )
    return f"the file contains NUL bytes (first at offset {data.index(0)}); it is not plain text"


def is_pdf(data: bytes) -> bool:
    # The header may follow a little junk; readers accept it within the first KiB.
    return b"%PDF-" in data[:1024]


def guess_format(name: str, data: bytes) -> str:
    """``pdf``, ``study``, ``osce-page`` or ``text`` from the file's name and content.

    A file named ``.pdf`` that is not a PDF is refused here rather than read as text, since
    its owner meant a PDF.
    """
    if is_pdf(data):
        return "pdf"
    if name.lower().endswith(".pdf"):
        raise ImportRejected("the file is named .pdf but is not a PDF (no %PDF- header)")
    text = decode_text(data)
    return guess_text_format(text)


def guess_text_format(text: str) -> str:
    head = text[:3000]
    if re.search(r"^(Skip Links|-\nOur work)\s*$", head, re.M) or re.search(
        r"^- Fields of work:?\s*$|^Fields of work\s*$", text, re.M
    ):
        return "osce-page"
    back_references = len(re.findall(r"\bOP\.\s*CIT\b|\bIBID\b", text, re.I))
    if back_references >= 3:
        return "study"
    return "text"
