"""A corpus of hostile source files, built in code: each is something a real upload can be."""

import zlib

from fpdf import FPDF

from tests.importers.pdf_samples import encrypted_pdf, many_pages_pdf, scanned_pdf

TEXT = "1. The participating States will co-operate on migration.\n\n2. They will combat trafficking.\n"


def build_pdf(objects: list[bytes], *, root: int = 1, xref: bool = True) -> bytes:
    """A PDF from raw object bodies (object n is ``objects[n - 1]``) with a correct xref."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    if xref:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        for offset in offsets:
            out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, start)
    return bytes(out)


def _page_objects(content: bytes, *, filter_name: bytes = b"") -> list[bytes]:
    stream_dict = b"<< /Length %d%s >>" % (len(content), b" /Filter /" + filter_name if filter_name else b"")
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        stream_dict + b"\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


def percent_pdf_only() -> bytes:
    return b"%PDF"


def malformed_xref() -> bytes:
    """A text-bearing PDF whose xref points every object at the wrong place."""
    good = build_pdf(_page_objects(b"BT /F1 12 Tf 72 700 Td (1. The States will co-operate.) Tj ET"))
    head, _, tail = good.partition(b"xref\n")
    broken_table = b"".join(
        b"%010d 00000 n \n" % 999_999 if line.endswith(b" n ") else line + b"\n"
        for line in tail.split(b"trailer")[0].splitlines()
    )
    return head + b"xref\n" + broken_table + b"trailer" + tail.split(b"trailer", 1)[1]


def circular_references() -> bytes:
    """A page tree whose nodes are each other's kids and parents."""
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 3 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>",
        ]
    )


def compression_bomb(megabytes: int = 400) -> bytes:
    """A one-page PDF whose content stream inflates from a few hundred KB to ``megabytes`` MB."""
    compressor = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    deflated = b"".join(compressor.compress(chunk) for _ in range(megabytes)) + compressor.flush()
    return build_pdf(_page_objects(deflated, filter_name=b"FlateDecode"))


def owner_password_only() -> bytes:
    """Encrypted with an owner password and an empty user password: anyone may open it."""
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner-secret", user_password="")
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, "DECISION ON MIGRATION\n\n" + TEXT)
    return bytes(pdf.output())


HOSTILE_FILES = {
    # name: (file name, bytes factory, words the refusal must contain)
    "empty": ("empty.txt", lambda: b"", "empty"),
    "percent-pdf-only": ("stub.pdf", percent_pdf_only, "PDF"),
    "truncated": ("truncated.pdf", lambda: owner_password_only()[:400], "PDF"),
    "malformed-xref": ("xref.pdf", malformed_xref, ""),
    "circular-references": ("loop.pdf", circular_references, ""),
    "encrypted-with-password": ("locked.pdf", encrypted_pdf, "password"),
    "scanned-no-text": ("scan.pdf", scanned_pdf, "text"),
    "thousands-of-pages": ("long.pdf", lambda: many_pages_pdf(2500), "pages"),
    "compression-bomb": ("bomb.pdf", compression_bomb, ""),
    "utf-16": ("statement.txt", lambda: TEXT.encode("utf-16"), "UTF-16"),
    "latin-1": ("statement.txt", lambda: ("Résolution — " + TEXT).encode("latin-1", "replace"), ""),
    "nul-bytes": ("statement.txt", lambda: TEXT.encode() + b"\x00\x00garbage", "NUL"),
    "html-named-pdf": (
        "decision.pdf",
        lambda: b"<!DOCTYPE html><html><script>alert(1)</script></html>",
        "PDF",
    ),
}
