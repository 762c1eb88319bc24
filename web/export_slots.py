"""Rationing exports: one at a time per client address, and at most ``EXPORT_MAX_CONCURRENT``
at once in all, so that broad exports cannot take every worker from the pages.

A slot is an exclusive ``flock`` on a small file under ``EXPORT_SLOT_DIR``, shared by every
worker process on the machine; the kernel releases it when its holder ends, however it ends,
so a killed worker never leaves a slot taken. Addresses share 1,024 lock files by hash, which
keeps the directory bounded (two addresses of one bucket wait for each other, rarely).
"""

import fcntl
import hashlib
import os
from pathlib import Path

from django.conf import settings

_ADDRESS_BUCKETS = 1024


class ExportBusy(Exception):
    """No slot is free; the message says whose export is in the way."""


class ExportSlot:
    def __init__(self, descriptors: list[int]):
        self._descriptors = descriptors

    def release(self) -> None:
        """Free the slot; once is enough, more is harmless."""
        while self._descriptors:
            descriptor = self._descriptors.pop()
            fcntl.flock(descriptor, fcntl.LOCK_UN)
            os.close(descriptor)

    def __del__(self):  # a response dropped before its stream started
        self.release()


def _try_lock(path: Path) -> int | None:
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        return None
    return descriptor


def take_export_slot(address: str) -> ExportSlot:
    """Hold a slot for an export from ``address`` until ``release()``; ``ExportBusy`` when none is free."""
    directory = Path(settings.EXPORT_SLOT_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    bucket = int(hashlib.sha256(address.encode()).hexdigest(), 16) % _ADDRESS_BUCKETS
    own = _try_lock(directory / f"address-{bucket}.lock")
    if own is None:
        raise ExportBusy("An export from your address is already running: wait for it to finish.")
    for number in range(settings.EXPORT_MAX_CONCURRENT):
        shared = _try_lock(directory / f"slot-{number}.lock")
        if shared is not None:
            return ExportSlot([own, shared])
    ExportSlot([own]).release()
    count = settings.EXPORT_MAX_CONCURRENT
    raise ExportBusy(
        f"{count} export{'s are' if count != 1 else ' is'} running, the most at once: try again in a minute, "
        "or use the bulk data at /data/."
    )
