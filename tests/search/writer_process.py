"""A separate process that saves provisions, as a web worker would (run by a test).

``python -m tests.search.writer_process WORKER ROUNDS GO_FILE ID [ID ...]``: waits for
GO_FILE to exist so that every writer starts at once, then edits the given provisions in
turn, one transaction per round, and prints the last text it saved for each one.
"""

import json
import os
import sys
import time
from pathlib import Path


def main(worker: int, rounds: int, go_file: Path, ids: list[int]) -> None:
    import django

    django.setup()
    from django.db import transaction

    from commitments.models import Dimension, Provision

    dimensions = list(Dimension.objects.all())
    deadline = time.monotonic() + 60
    while not go_file.exists():
        if time.monotonic() > deadline:
            raise SystemExit("never told to start")
        time.sleep(0.01)
    saved: dict[int, str] = {}
    for round_ in range(rounds):
        # Every writer walks the same provisions from a different start: they collide.
        pk = ids[(worker + round_) % len(ids)]
        with transaction.atomic():
            provision = Provision.objects.select_for_update().get(pk=pk)
            provision.text = f"Worker{worker} round{round_} wrote w{worker}r{round_} into this provision."
            provision.save()
            provision.dimensions.set([dimensions[(worker + round_) % len(dimensions)]])
        saved[pk] = provision.text
    print(json.dumps({str(k): v for k, v in saved.items()}))


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "osce_kb.settings")
    main(int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]), [int(a) for a in sys.argv[4:]])
