"""A source fetched from a URL (the OSCE's official PDF of a decision), within the upload limits.

Only ``http`` and ``https``; at most ``IMPORT_URL_MAX_REDIRECTS`` redirects, each checked
like the first URL; the body no larger than ``IMPORT_MAX_UPLOAD_BYTES`` and fetched within
``IMPORT_URL_TIMEOUT_SECONDS`` in all; its content what the URL and its ``Content-Type``
claim (a PDF is a PDF; text is not an HTML page or an image). The host is resolved once and
every address it has must be public: loopback, private, link-local and other reserved
addresses are refused unless ``IMPORT_URL_ALLOW_PRIVATE_ADDRESSES`` is on, and the
connection goes to the address that was checked, so a second lookup cannot send it
elsewhere. Every refusal is an ``ImportRejected`` naming the URL and the reason.
"""

import http.client
import ipaddress
import socket
import time
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.template.defaultfilters import filesizeformat

from importing.errors import ImportRejected
from importing.uploads import SNIFF_BYTES, describe_content

_CHUNK = 64 * 1024
_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class FetchedSource:
    """The bytes a URL gave, a file name for them, and the URL they finally came from."""

    data: bytes
    name: str
    url: str
    content_type: str


def is_url(text: str) -> bool:
    """Whether ``text`` is meant as a URL rather than a path (it has a scheme)."""
    return "://" in text[:16]


def fetch_source(url: str) -> FetchedSource:
    """Fetch ``url`` as a source file; ``ImportRejected`` (naming the URL) for any refusal."""
    try:
        return _fetch(url)
    except ImportRejected as exc:
        exc.source_name = exc.source_name or url
        raise


def _fetch(url: str) -> FetchedSource:
    deadline = time.monotonic() + settings.IMPORT_URL_TIMEOUT_SECONDS
    current = url
    for _ in range(settings.IMPORT_URL_MAX_REDIRECTS + 1):
        parts = _checked_url(current)
        status, headers, body = _get(parts, current, deadline)
        if status in _REDIRECTS:
            location = headers.get("location")
            if not location:
                raise ImportRejected(f"the server answered {status} without saying where to")
            current = urljoin(current, location)
            continue
        if status != 200:
            raise ImportRejected(f"the server answered {status} instead of the file")
        content_type = headers.get("content-type", "").split(";")[0].strip().lower()
        path = urlsplit(current).path
        _check_content(PurePosixPath(unquote(path)).name, content_type, body)
        name = _file_name(path, content_type, body)
        return FetchedSource(data=body, name=name, url=current, content_type=content_type)
    raise ImportRejected(
        f"the URL redirects more than {settings.IMPORT_URL_MAX_REDIRECTS} times (IMPORT_URL_MAX_REDIRECTS)"
    )


def _checked_url(url: str):
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise ImportRejected(f"the URL is malformed ({exc})") from None
    if parts.scheme not in ("http", "https"):
        raise ImportRejected(f"only http and https URLs can be imported, not {parts.scheme or 'this'}")
    if not parts.hostname:
        raise ImportRejected("the URL names no host")
    if parts.username or parts.password:
        raise ImportRejected("the URL carries a user name or password; give the public address")
    if port == 0:
        raise ImportRejected("the URL's port is 0")
    return parts


def _public_address(host: str, port: int) -> str:
    """An address of ``host`` to connect to, after checking all of them."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise ImportRejected(f"the host {host} cannot be found ({exc})") from None
    addresses = [info[4][0] for info in infos]
    if not settings.IMPORT_URL_ALLOW_PRIVATE_ADDRESSES:
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%")[0])
            if ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_reserved or ip.is_multicast:
                raise ImportRejected(
                    f"the host {host} is at {address}, a loopback, private or link-local address; "
                    "only public addresses can be fetched (IMPORT_URL_ALLOW_PRIVATE_ADDRESSES)"
                )
            if ip.is_unspecified or (ip.version == 6 and ip.ipv4_mapped and not ip.ipv4_mapped.is_global):
                raise ImportRejected(f"the host {host} is at {address}, which cannot be fetched")
    return addresses[0]


def _get(parts, url: str, deadline: float) -> tuple[int, dict[str, str], bytes]:
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = _public_address(parts.hostname, port)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _too_slow()
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = kind(parts.hostname, port, timeout=remaining)
    # Connect to the address that was checked, whatever a new lookup of the name would say.
    connection._create_connection = lambda _address, timeout, source: socket.create_connection(  # noqa: SLF001
        (address, port), timeout, source
    )
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("GET", path, headers={"User-Agent": "osce-kb-import", "Accept": "*/*"})
        response = connection.getresponse()
        headers = {key.lower(): value for key, value in response.getheaders()}
        if response.status in _REDIRECTS:
            return response.status, headers, b""
        limit = settings.IMPORT_MAX_UPLOAD_BYTES
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise _too_large(int(declared), limit)
        chunks, size = [], 0
        while True:
            if time.monotonic() > deadline:
                raise _too_slow()
            chunk = response.read(_CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise _too_large(size, limit, at_least=True)
            chunks.append(chunk)
        return response.status, headers, b"".join(chunks)
    except TimeoutError:
        raise _too_slow() from None
    except (OSError, http.client.HTTPException) as exc:
        raise ImportRejected(f"the URL could not be fetched ({type(exc).__name__}: {exc})") from None
    finally:
        connection.close()


def _too_slow() -> ImportRejected:
    seconds = settings.IMPORT_URL_TIMEOUT_SECONDS
    return ImportRejected(f"fetching the URL took longer than {seconds} seconds (IMPORT_URL_TIMEOUT_SECONDS)")


def _too_large(size: int, limit: int, *, at_least: bool = False) -> ImportRejected:
    shown = f"more than {_size(limit)}" if at_least else _size(size)
    return ImportRejected(
        f"the file at the URL is {shown}; the limit is {_size(limit)} (IMPORT_MAX_UPLOAD_BYTES)"
    )


def _size(count: int) -> str:
    return filesizeformat(count).replace("\xa0", " ")


def _file_name(path: str, content_type: str, body: bytes) -> str:
    """The last part of the URL's path as a plain file name, with the extension its content has."""
    name = PurePosixPath(unquote(path)).name
    name = "".join(c for c in name if not unicodedata.category(c).startswith("C")).strip(". ")[:150]
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in (".pdf", ".txt"):
        return name
    is_pdf = content_type == "application/pdf" or describe_content(body[:SNIFF_BYTES]) == "a PDF"
    return f"{name or 'source'}{'.pdf' if is_pdf else '.txt'}"


def _check_content(name: str, content_type: str, body: bytes) -> None:
    """Refuse a body that is not what the URL and its Content-Type say, or not a source at all."""
    if not body.strip():
        raise ImportRejected("the URL gave an empty file")
    content = describe_content(body[:SNIFF_BYTES])
    claims_pdf = content_type == "application/pdf" or name.lower().endswith(".pdf")
    if claims_pdf and content != "a PDF":
        named = f", name {name}" if name else ""
        raise ImportRejected(
            f"the URL claims a PDF (Content-Type {content_type or 'none'}{named}) but gives {content}"
        )
    if not claims_pdf and content == "a PDF" and content_type.startswith("text/"):
        raise ImportRejected(f"the URL claims {content_type} but gives a PDF")
    if content not in ("a PDF", "text"):
        raise ImportRejected(f"the URL gives {content}; only PDF and plain-text sources can be imported")
    if content == "text" and content_type not in ("", "text/plain", "application/octet-stream"):
        raise ImportRejected(
            f"the URL gives {content_type}, not a PDF or plain text; only those can be imported"
        )
