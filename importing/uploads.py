"""Checks on an uploaded source file, made before anything of it is kept.

A file is accepted only when its name is a plain file name, its size is within
``IMPORT_MAX_UPLOAD_BYTES``, and its content is what its extension says: a ``.pdf`` starts
with ``%PDF-``; a ``.txt`` is text, not an image, an archive, or an HTML, SVG or XML document
in disguise. Stored files never keep the client's name (``documents.models.source_upload_path``).

Django strips folders from upload names before any view sees them (``../../x.pdf`` arrives
as ``x.pdf``), which would hide a hostile name instead of refusing it. ``ClientFileNameRecorder``
keeps the names as the client sent them, so the check can refuse them with a clear message.
"""

import unicodedata
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http.multipartparser import MultiPartParser, MultiPartParserError
from django.template.defaultfilters import filesizeformat
from django.utils.datastructures import MultiValueDict

ALLOWED_EXTENSIONS = {".pdf": "PDF", ".txt": "plain text"}
MAX_NAME_LENGTH = 200
SNIFF_BYTES = 4096

# What a file really is, from its first bytes: (signature, description).
_SIGNATURES = [
    (b"%PDF-", "a PDF"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word or OpenDocument file)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file"),
    (b"{\\rtf", "an RTF document"),
    (b"\x7fELF", "a program"),
]
# Markup a browser would render as a page or an image, wherever it starts in the head of a file.
_MARKUP = [
    (b"<!doctype html", "an HTML page"),
    (b"<html", "an HTML page"),
    (b"<head", "an HTML page"),
    (b"<body", "an HTML page"),
    (b"<script", "an HTML page with a script"),
    (b"<iframe", "an HTML page"),
    (b"<svg", "an SVG image"),
    (b"<?xml", "an XML document"),
]
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def describe_content(head: bytes) -> str:
    """What the first bytes of a file say it is: ``"a PDF"``, ``"an HTML page"``, ``"text"``."""
    stripped = head
    for bom in _BOMS:
        stripped = stripped.removeprefix(bom)
    stripped = stripped.lstrip()
    for signature, description in _SIGNATURES:
        if stripped.startswith(signature):
            return description
    lowered = stripped.lower().replace(b"\x00", b"")
    for tag, description in _MARKUP:
        if tag in lowered:
            return description
    if b"\x00" in head and not head.startswith(_BOMS[1:]):
        return "binary data"
    return "text"


def check_file_name(name: str) -> str:
    """Return ``name`` if it is a plain file name with an allowed extension; else ValidationError."""
    shown = name if len(name) <= 60 else f"{name[:40]}…{name[-12:]}"
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError(
            f"The file name is {len(name):,} characters long; rename the file to at most {MAX_NAME_LENGTH}.",
            code="name_too_long",
        )
    if "/" in name or "\\" in name or name in (".", "..") or ".." in PurePosixPath(name).parts:
        raise ValidationError(
            f"The file name “{shown}” contains a folder path; upload the file under a plain name.",
            code="name_has_path",
        )
    if any(unicodedata.category(char).startswith("C") for char in name):
        raise ValidationError(
            "The file name contains control characters; rename the file.", code="name_control"
        )
    if name.startswith(".") or not name.strip():
        raise ValidationError(f"“{shown}” is not a usable file name; rename the file.", code="name_hidden")
    extension = PurePosixPath(name).suffix.lower()
    if extension not in ALLOWED_EXTENSIONS:
        allowed = " and ".join(ALLOWED_EXTENSIONS)
        raise ValidationError(f"“{shown}”: only {allowed} files can be imported.", code="extension")
    return name


def check_source_upload(upload: UploadedFile, *, client_name: str | None, max_bytes: int) -> str:
    """Check an uploaded source and return its plain file name; raise ValidationError if refused.

    ``client_name`` is the name as the client sent it (see ``ClientFileNameRecorder``); the
    checks use it when known, so a path or an over-long name is refused, not silently cut.
    """
    name = check_file_name(client_name if client_name is not None else upload.name)
    if upload.size == 0:
        raise ValidationError(f"“{name}” is empty.", code="empty")
    if upload.size > max_bytes:
        raise ValidationError(
            f"“{name}” is {filesizeformat(upload.size)}; the limit is {filesizeformat(max_bytes)}.",
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    content = describe_content(head)
    extension = PurePosixPath(name).suffix.lower()
    expected = "a PDF" if extension == ".pdf" else "text"
    if content != expected:
        kind = ALLOWED_EXTENSIONS[extension]
        raise ValidationError(
            f"“{name}” is named {extension} but is {content}, not {kind}; only PDF and plain-text sources "
            "can be imported.",
            code="disguised",
        )
    return name


class _NameKeepingParser(MultiPartParser):
    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def sanitize_file_name(self, file_name):
        self.request.client_file_names.append(file_name)
        return super().sanitize_file_name(file_name)

    def parse(self):
        try:
            return super().parse()
        except MultiPartParserError as exc:
            if not hasattr(self, "_post"):
                raise
            # Django gives up on a part whose headers pass 1 KiB; with a file, that is its name.
            # Keep the fields read so far (the CSRF token comes first) and report the file.
            self.request.upload_error = (
                "The file name is too long to read (near 1,000 characters); rename the file to at most "
                f"{MAX_NAME_LENGTH}."
                if "header size" in str(exc)
                else f"The upload could not be read ({exc}); try again."
            )
            return self._post, MultiValueDict()


class ClientFileNameRecorder(FileUploadHandler):
    """Parses a multipart request as Django does, keeping each file name as the client sent it.

    Install it first in ``request.upload_handlers`` before the request's data is read; the
    names are then in ``request.client_file_names`` in the order of the request's parts, and
    ``request.upload_error`` says why a file part could not be read at all (else None).
    """

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.request.client_file_names = []
        self.request.upload_error = None
        others = [handler for handler in self.request.upload_handlers if handler is not self]
        return _NameKeepingParser(META, input_data, others, encoding, request=self.request).parse()

    def receive_data_chunk(self, raw_data, start):
        return raw_data

    def file_complete(self, file_size):
        return None
