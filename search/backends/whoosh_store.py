"""Where a Whoosh index lives on disk, and how processes take turns writing it.

Whoosh lets one writer at a time hold an index; a second one gets ``LockError`` at once,
and its ``AsyncWriter`` retries in a background thread that a finishing process can drop.
So writers here queue on a lock of our own in the index root, wait for it up to a
timeout, and when they still cannot get it, leave their provision ids in ``pending/`` for
the next writer to apply. Nothing is written without the lock, and every writer re-reads
the database once it holds it, so the last writer always writes the newest state.

The root (``SEARCH_INDEX_DIR``) holds:

- ``CURRENT``: the name of the live index directory, replaced atomically by a rebuild;
- ``index-<stamp>/``: Whoosh index directories (the live one and the one before it);
- ``write.lock``: held by whoever writes the live index;
- ``rebuild.lock``: held by a running rebuild;
- ``journal``: exists while a rebuild runs; writers add the ids they wrote meanwhile, and
  the rebuild applies them to the new index before swapping it in;
- ``pending/``: ids a writer could not apply in time.
"""

import contextlib
import fcntl
import os
import random
import shutil
import time
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

CURRENT = "CURRENT"
JOURNAL = "journal"


class LockTimeout(Exception):
    """The write lock stayed taken longer than the caller would wait."""


class RebuildRunning(Exception):
    """Another rebuild of this index is running."""


class IndexStore:
    def __init__(self, root: Path):
        self.root = Path(root)

    @property
    def pending_dir(self) -> Path:
        return self.root / "pending"

    def exists(self) -> bool:
        return self.current_dir() is not None

    def current_dir(self) -> Path | None:
        """The live index directory, or None when there is none (never built, or deleted)."""
        try:
            name = (self.root / CURRENT).read_text().strip()
        except (FileNotFoundError, NotADirectoryError):
            return None
        directory = self.root / name
        if not name or "/" in name or not directory.is_dir():
            return None
        return directory

    def new_dir(self) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        directory = self.root / f"index-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}"
        directory.mkdir()
        return directory

    def swap(self, directory: Path) -> None:
        """Make ``directory`` the live index in one atomic rename."""
        temporary = self.root / f"{CURRENT}.{uuid.uuid4().hex}"
        with open(temporary, "w") as handle:
            handle.write(directory.name)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.root / CURRENT)

    def remove_old_dirs(self, *, keep: Iterable[Path]) -> None:
        """Delete index directories other than ``keep``; the previous live index is kept
        there so that searchers still open on it finish their work."""
        kept = {Path(directory).name for directory in keep}
        for entry in self.root.glob("index-*"):
            if entry.is_dir() and entry.name not in kept:
                shutil.rmtree(entry, ignore_errors=True)

    @contextlib.contextmanager
    def write_lock(self, *, timeout: float) -> Iterator[None]:
        """Hold the index's write lock, waiting up to ``timeout`` seconds for it."""
        with self._flock("write.lock", timeout=timeout):
            yield

    @contextlib.contextmanager
    def rebuild_lock(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        try:
            with self._flock("rebuild.lock", timeout=0):
                yield
        except LockTimeout:
            raise RebuildRunning(f"a rebuild of the index at {self.root} is already running") from None

    @contextlib.contextmanager
    def _flock(self, name: str, *, timeout: float) -> Iterator[None]:
        descriptor = os.open(self.root / name, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise LockTimeout(f"{self.root / name} stayed locked for {timeout:g}s") from None
                    # A little jitter keeps waiting writers from waking in lockstep.
                    time.sleep(0.01 + random.random() * 0.04)  # noqa: S311
            try:
                yield
            finally:
                fcntl.flock(descriptor, fcntl.LOCK_UN)
        finally:
            os.close(descriptor)

    def queue(self, ids: Iterable[int]) -> Path:
        """Leave ``ids`` for the next writer (no lock needed: each batch is its own file)."""
        self.pending_dir.mkdir(parents=True, exist_ok=True)
        final = self.pending_dir / f"{time.time_ns()}-{uuid.uuid4().hex}.ids"
        temporary = final.with_suffix(".tmp")
        temporary.write_text("\n".join(str(i) for i in sorted(set(ids))))
        os.replace(temporary, final)
        return final

    def has_pending(self) -> bool:
        return self.pending_dir.is_dir() and any(self.pending_dir.glob("*.ids"))

    def take_pending(self) -> tuple[set[int], list[Path]]:
        """Queued ids and the files they came from (delete those once the ids are applied)."""
        ids: set[int] = set()
        files = sorted(self.pending_dir.glob("*.ids")) if self.pending_dir.is_dir() else []
        for path in files:
            ids.update(_read_ids(path))
        return ids, files

    def discard(self, files: Iterable[Path]) -> None:
        for path in files:
            path.unlink(missing_ok=True)

    def start_journal(self) -> None:
        (self.root / JOURNAL).write_text("")

    def journal_active(self) -> bool:
        return (self.root / JOURNAL).exists()

    def append_journal(self, ids: Iterable[int]) -> None:
        with open(self.root / JOURNAL, "a") as handle:
            handle.write("".join(f"{i}\n" for i in ids))

    def read_journal(self) -> set[int]:
        return _read_ids(self.root / JOURNAL)

    def end_journal(self) -> None:
        (self.root / JOURNAL).unlink(missing_ok=True)


def _read_ids(path: Path) -> set[int]:
    try:
        text = path.read_text()
    except FileNotFoundError:
        return set()
    return {int(line) for line in text.split() if line.isdigit()}
