"""Uploaded sources waiting for a curator to confirm their import.

A checked upload is kept under a random token in ``IMPORT_STAGING_DIR`` (outside
``MEDIA_ROOT``, so never served), with the importer's parse of it beside it, until the
curator confirms or cancels the preview: the file is parsed once, at the upload. The
curator's session holds what is known about it. Only a confirmed import stores the file
as the document's source, under a generated name. Staged files left behind by abandoned
previews are swept at the next upload.
"""

import hashlib
import secrets
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings

from importing.parsed import ParsedSource

_SESSION_KEY = "pending_imports"
_STALE_AFTER_SECONDS = 24 * 3600


class StagedFileMissing(Exception):
    """The staged upload is gone or altered; the curator has to upload again."""


@dataclass(frozen=True)
class PendingImport:
    token: str
    name: str  # the checked client file name, shown and kept as ``source_filename``
    format: str  # "" to let the importer guess
    symbol: str
    document_id: int | None  # set for a re-import of that document
    sha256: str

    @property
    def path(self) -> Path:
        return Path(settings.IMPORT_STAGING_DIR) / f"{self.token}.upload"

    @property
    def parsed_path(self) -> Path:
        return Path(settings.IMPORT_STAGING_DIR) / f"{self.token}.parsed.json"


def stage_upload(
    session,
    *,
    data: bytes,
    parsed: ParsedSource,
    name: str,
    format: str,
    symbol: str,
    document_id: int | None,
) -> PendingImport:
    """Keep ``data`` and its parse until confirmed, remember them in ``session``, and return
    the record."""
    _sweep_stale()
    pending = PendingImport(
        token=secrets.token_urlsafe(16),
        name=name,
        format=format,
        symbol=symbol,
        document_id=document_id,
        sha256=hashlib.sha256(data).hexdigest(),
    )
    pending.path.parent.mkdir(parents=True, exist_ok=True)
    pending.path.write_bytes(data)
    pending.parsed_path.write_text(parsed.dumps(), encoding="utf-8")
    session[_SESSION_KEY] = {**session.get(_SESSION_KEY, {}), pending.token: asdict(pending)}
    return pending


def pending_import(session, token: str) -> PendingImport | None:
    """The upload ``token`` names, if this session staged it."""
    record = session.get(_SESSION_KEY, {}).get(token)
    return PendingImport(**record) if record else None


def read_staged(pending: PendingImport) -> tuple[bytes, ParsedSource]:
    """The staged bytes and their parse; ``StagedFileMissing`` when either is gone or altered."""
    try:
        data = pending.path.read_bytes()
        parsed = ParsedSource.loads(pending.parsed_path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StagedFileMissing(
            f"The upload of “{pending.name}” is no longer available; upload it again."
        ) from exc
    if hashlib.sha256(data).hexdigest() != pending.sha256:
        raise StagedFileMissing(
            f"The upload of “{pending.name}” has changed since it was checked; upload it again."
        )
    return data, parsed


def discard_upload(session, pending: PendingImport) -> None:
    """Forget the upload and delete its staged files (after a confirmation or a cancel)."""
    pending.path.unlink(missing_ok=True)
    pending.parsed_path.unlink(missing_ok=True)
    remaining = dict(session.get(_SESSION_KEY, {}))
    remaining.pop(pending.token, None)
    session[_SESSION_KEY] = remaining


def _sweep_stale() -> None:
    directory = Path(settings.IMPORT_STAGING_DIR)
    if not directory.is_dir():
        return
    cutoff = time.time() - _STALE_AFTER_SECONDS
    for staged in [*directory.glob("*.upload"), *directory.glob("*.parsed.json")]:
        try:
            if staged.stat().st_mtime < cutoff:
                staged.unlink()
        except OSError:
            continue  # swept by another worker meanwhile
